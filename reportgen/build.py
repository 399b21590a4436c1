"""build_report(): load → compose → render → write. The only module (with cli.py) that writes."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.compose.model import Report
from reportgen.compose.release import ReleaseState, describe, release_state
from reportgen.compose.report import compose_report
from reportgen.errors import ConfigError, RenderError, ReportError
from reportgen.load.config import StyleFiles
from reportgen.load.project import Project, load_project
from reportgen.printing.edition import render_print_report
from reportgen.printing.preflight import Preflight, preflight
from reportgen.printing.setup import PrintOverrides, PrintSetup, resolve_print_setup
from reportgen.render.charts import render_svg
from reportgen.render.html import render_html
from reportgen.render.pdf import PROFILES, write_pdf

StageCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class RenderSettings:
    """What every renderer may need besides the report: style files and, for the print
    edition, its checked settings."""

    styles: StyleFiles
    printing: PrintSetup | None = None


def _render_accessible_pdf(report: Report, settings: RenderSettings) -> bytes:
    styles = settings.styles
    html = render_html(
        report, lambda spec: render_svg(spec, styles.chart_style, styles.fonts), styles
    )
    return write_pdf(
        html, styles.stylesheet, PROFILES["barrierefrei"], report.imprint.publication_date
    )


def _render_print_pdf(report: Report, settings: RenderSettings) -> bytes:
    assert settings.printing is not None
    return render_print_report(report, settings.styles, settings.printing)


def _render_docx(report: Report, settings: RenderSettings) -> bytes:
    from reportgen.render.docx.report import check_word_template, render_docx

    check_word_template(settings.styles.word_template)
    return render_docx(report, settings.styles)


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    label: str
    render: Callable[[Report, RenderSettings], bytes]
    profile: str | None = None
    """The PDF profile (``render_pdf.PROFILES``) the format produces, for ``--profile``."""

    @property
    def for_print(self) -> bool:
        return self.profile is not None and PROFILES[self.profile].variant.startswith("pdf/x")


FORMATS: dict[str, OutputFormat] = {
    "pdf": OutputFormat(
        "pdf", ".pdf", "barrierefreies PDF (PDF/UA-1)", _render_accessible_pdf, "barrierefrei"
    ),
    "docx": OutputFormat("docx", ".docx", "Word-Dokument (DOCX)", _render_docx),
    "druck": OutputFormat(
        "druck",
        PROFILES["druck"].suffix + ".pdf",
        "Druck-PDF (PDF/X-4)",
        _render_print_pdf,
        "druck",
    ),
}
PREFLIGHT_SUFFIX = "-preflight.txt"


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    project: Project | None = None
    release: ReleaseState | None = None
    preflights: dict[Path, Preflight] = field(default_factory=dict)


@contextmanager
def _stage(name: str, result: BuildResult, callback: StageCallback | None) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    result.timings.append((name, seconds))
    if callback:
        callback(name, seconds)


class NotReleased(ReportError):
    """``--final`` met texts that are not released."""

    def __init__(self, state: ReleaseState) -> None:
        self.state = state
        lines = "\n".join(f"  – {describe(text)}" for text in state.unreleased)
        super().__init__(
            f"Endfassung nicht möglich: {len(state.unreleased)} Text(e) sind nicht "
            "freigegeben. Es wurde nichts geschrieben.",
            hint="Setzen Sie „status: freigegeben“ im Kopf der Textbausteine oder bauen Sie "
            f"ohne --final:\n{lines}",
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.state,))


def resolve_formats(
    names: Sequence[str] | None, default: Sequence[str], profiles: Sequence[str] = ()
) -> list[OutputFormat]:
    """The formats asked for (or the project's), plus one per PDF profile in ``profiles``."""
    chosen = list(dict.fromkeys(names or default))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise ConfigError(
            f"Unbekanntes Ausgabeformat „{unknown[0]}“.", hint=f"Möglich: {', '.join(FORMATS)}."
        )
    for profile in profiles:
        matching = [f.name for f in FORMATS.values() if f.profile == profile]
        if not matching:
            raise ConfigError(
                f"Unbekanntes PDF-Profil „{profile}“.", hint=f"Möglich: {', '.join(PROFILES)}."
            )
        chosen.extend(name for name in matching if name not in chosen)
    return [FORMATS[name] for name in chosen]


def build_report(
    project_dir: Path,
    out_dir: Path,
    formats: Sequence[str] | None = None,
    on_stage: StageCallback | None = None,
    final: bool = False,
    profiles: Sequence[str] = (),
    printing: PrintOverrides | None = None,
) -> BuildResult:
    """Build the report; nothing is written unless the input is valid and rendering succeeded.

    ``final``: refuse while any text is a draft, generated or missing (the release build).
    ``profiles``: PDF profiles to add (``druck``: the PDF/X-4 print edition, which must pass
    its own preflight); ``printing``: command-line settings over the project's ``druck:``.
    """
    result = BuildResult()
    with _stage("Laden und Prüfen", result, on_stage):
        project = load_project(project_dir)
        result.project = project
        project.raise_for_errors()
        config = project.config
        outputs = resolve_formats(formats, config.output.formats, profiles)
        setup = None
        if any(output.for_print for output in outputs):
            setup = resolve_print_setup((printing or PrintOverrides()).apply(config.printing))
    with _stage("Zusammenstellen", result, on_stage):
        report = compose_report(project)
        result.release = release_state(project, report)
    if final and result.release.unreleased:
        raise NotReleased(result.release)
    settings = RenderSettings(config.styles, setup)
    with _stage("Erzeugen: " + ", ".join(o.label for o in outputs), result, on_stage):
        rendered = render_outputs(report, settings, outputs)
    targets = [out_dir / f"{config.output.basename}{output.suffix}" for output in outputs]
    if setup is not None:
        with _stage("Preflight Druck-PDF", result, on_stage):
            for output, target, data in zip(outputs, targets, rendered, strict=True):
                if output.for_print:
                    result.preflights[target] = check_print_pdf(data, target, setup)
    for target, data in zip(targets, rendered, strict=True):
        write_atomically(target, data)
        result.written.append(target)
        if target in result.preflights:
            report_path = preflight_path(target)
            lines = result.preflights[target].lines(target.name)
            write_atomically(report_path, ("\n".join(lines) + "\n").encode("utf-8"))
            result.written.append(report_path)
    return result


def preflight_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.stem + PREFLIGHT_SUFFIX)


def check_print_pdf(data: bytes, target: Path, setup: PrintSetup) -> Preflight:
    """The preflight of a print PDF; a defect fails the build before anything is written."""
    found = preflight(data, setup.bleed_mm)
    if found.defects:
        raise RenderError(
            f"Das Druck-PDF {target.name} besteht den eigenen Preflight nicht; "
            "es wurde nichts geschrieben.",
            hint="\n" + "\n".join(found.lines(target.name)),
        )
    return found


def render_outputs(
    report: Report, settings: RenderSettings, outputs: list[OutputFormat]
) -> list[bytes]:
    """Render every format; several formats run side by side, one process each."""
    workers = min(len(outputs), os.cpu_count() or 1)
    if workers < 2:
        return [output.render(report, settings) for output in outputs]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reportgen.build"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(output.render, report, settings) for output in outputs]
        return [future.result() for future in futures]


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
