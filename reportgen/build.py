"""build_report(): load → check → compose → draw → render → write. Only this module, the
fact-sheet batch and the command line write files (through ``reportgen.outputs``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.check import prepare_project
from reportgen.check.unfinished import fallback_titles
from reportgen.compose.model import Document
from reportgen.compose.release import ReleaseState, describe, release_state
from reportgen.compose.report import compose_report
from reportgen.errors import Problem, ReportError
from reportgen.load.project import Project
from reportgen.outputs import (
    RENDER_PRELOAD,
    OutputVariant,
    RenderSettings,
    chart_images,
    check_print_pdf,
    first_formats,
    print_cover,
    resolve_variants,
    warm_workers,
    write_atomically,
    write_folder,
    write_preflight,
)
from reportgen.printing.preflight import Preflight
from reportgen.printing.setup import PrintOverrides, resolve_print_setup
from reportgen.render.chartpool import draw_pictures, picture_specs, pool_context

StageCallback = Callable[[str, float | None], None]
"""Told a stage's name when it begins (seconds None) and when it ends (its duration)."""


@dataclass(frozen=True)
class BuildRequest:
    """What ``reportgen build`` is asked to do."""

    project_dir: Path
    out_dir: Path = Path("out")
    formats: tuple[str, ...] = ()
    """Output formats (``outputs.VARIANTS``); empty: those of the project's ``ausgabe``."""
    profiles: tuple[str, ...] = ()
    """PDF profiles to add (``druck``: the PDF/X-4 print edition)."""
    final: bool = False
    """The release build: refused while any text is a draft, generated or missing."""
    printing: PrintOverrides = field(default_factory=PrintOverrides)
    """Command-line settings over the project's ``druck:``."""


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    project: Project | None = None
    release: ReleaseState | None = None
    preflights: dict[Path, Preflight] = field(default_factory=dict)


class NotReleased(ReportError):
    """``--final`` met texts that are not released, or indicators without a title."""

    def __init__(self, state: ReleaseState, untitled: tuple[Problem, ...] = ()) -> None:
        self.state, self.untitled = state, untitled
        reasons, hints = [], []
        if state.unreleased:
            reasons.append(f"{len(state.unreleased)} Text(e) sind nicht freigegeben")
            lines = "\n".join(f"  – {describe(text)}" for text in state.unreleased)
            hints.append(f"Setzen Sie „status: freigegeben“ im Kopf der Textbausteine:\n{lines}")
        if untitled:
            reasons.append(f"{len(untitled)} Indikator(en) haben keinen Titel")
            lines = "\n".join(f"  – {problem.message} ({problem.location})" for problem in untitled)
            hints.append(f"Tragen Sie in reportgen.yml unter „indikatortitel“ Titel ein:\n{lines}")
        super().__init__(
            f"Endfassung nicht möglich: {' und '.join(reasons)}. Es wurde nichts geschrieben.",
            hint="\n".join(hints) + "\nOder bauen Sie ohne --final (ein Entwurf).",
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.state, self.untitled))


@contextmanager
def _stage(name: str, callback: StageCallback | None) -> Iterator[None]:
    if callback:
        callback(name, None)
    start = time.perf_counter()
    yield
    if callback:
        callback(name, time.perf_counter() - start)


def build_report(request: BuildRequest, on_stage: StageCallback | None = None) -> BuildResult:
    """Build the report; nothing is written unless the input is valid and rendering succeeded
    (a print edition must also pass its own preflight)."""
    result = BuildResult()
    if len(request.formats) != 1 or request.profiles:  # likely several variants side by side
        warm_workers()
    with _stage("Laden und Prüfen", on_stage):
        project = prepare_project(request.project_dir)
        result.project = project
        project.raise_for_errors()
        config = project.config
        variants = resolve_variants(request.formats, config.output.formats, request.profiles)
        setup = None
        if any(variant.for_print for variant in variants):
            setup = resolve_print_setup(request.printing.apply(config.printing))
    with _stage("Zusammenstellen", on_stage):
        report = compose_report(project)
        result.release = release_state(report)
    if request.final:
        untitled = tuple(fallback_titles(project))
        if result.release.unreleased or untitled:
            raise NotReleased(result.release, untitled)
    with _stage("Diagramme zeichnen", on_stage):
        images = chart_images(config.styles, variants)
        draw_pictures(report.document, images, first_formats(variants))
    settings = RenderSettings(
        config.styles, images, config.styles.stylesheet, setup, config.output.web.one_page
    )
    with _stage("Erzeugen: " + ", ".join(v.label for v in variants), on_stage):
        rendered = render_variants(report.document, settings, variants)
    targets = [request.out_dir / f"{config.output.basename}{v.suffix}" for v in variants]
    if setup is not None:
        with _stage("Preflight Druck-PDF", on_stage):
            for variant, target, data in zip(variants, targets, rendered, strict=True):
                if variant.for_print:
                    result.preflights[target] = check_print_pdf(data, target, setup)
        if setup.binding.cover:
            with _stage("Umschlag (Klebebindung)", on_stage):
                for variant, target, data in zip(
                    variants, list(targets), list(rendered), strict=False
                ):
                    if variant.for_print:
                        cover_target, cover, found = print_cover(
                            report.document, settings, data, target
                        )
                        result.preflights[cover_target] = found
                        targets.append(cover_target)
                        rendered.append(cover)
    folders = {target for v, target in zip(variants, targets, strict=False) if v.folder}
    for target, data in zip(targets, rendered, strict=True):
        if target in folders:
            result.written.append(write_folder(target, data))
            continue
        write_atomically(target, data)
        result.written.append(target)
        if target in result.preflights:
            result.written.append(write_preflight(target, result.preflights[target]))
    return result


def render_variants(
    document: Document, settings: RenderSettings, variants: Sequence[OutputVariant]
) -> list[bytes]:
    """Render every variant; several run side by side, one process each, sharing the pictures
    drawn before. A variant whose pictures are not all at hand yet (DOCX: the PNGs) starts
    once they are, drawn meanwhile in the processes the first variants leave free (or here,
    beside them, when they take every process)."""
    images = settings.images
    workers = min(len(variants), os.cpu_count() or 1)
    if workers < 2:
        draw_pictures(document, images)
        return [variant.render(document, settings) for variant in variants]
    specs = picture_specs(document)
    context = pool_context("forkserver", preload=RENDER_PRELOAD)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[str, Future[bytes]] = {}
        for variant in variants:
            if all(images.load(spec, variant.pictures) for spec in specs):
                futures[variant.name] = pool.submit(variant.render, document, settings)
        later = [variant for variant in variants if variant.name not in futures]
        if later:
            formats = tuple(dict.fromkeys(f for v in later for f in v.pictures))
            if len(futures) < workers:
                draw_pictures(document, images, formats, pool, workers - len(futures))
            else:  # every worker renders already: drawn here, beside them
                draw_pictures(document, images, formats, workers=1)
            for variant in later:
                futures[variant.name] = pool.submit(variant.render, document, settings)
        return [futures[variant.name].result() for variant in variants]
