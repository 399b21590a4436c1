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

from reportgen.charts import render_svg
from reportgen.compose import compose_report
from reportgen.config import StyleFiles
from reportgen.errors import ConfigError, ReportError
from reportgen.model import Report
from reportgen.project import Project, load_project
from reportgen.release import ReleaseState, describe, release_state
from reportgen.render_html import render_html
from reportgen.render_pdf import PROFILES, write_pdf

StageCallback = Callable[[str, float], None]


def _render_accessible_pdf(report: Report, styles: StyleFiles) -> bytes:
    html = render_html(
        report, lambda spec: render_svg(spec, styles.chart_style, styles.fonts), styles
    )
    return write_pdf(
        html, styles.stylesheet, PROFILES["barrierefrei"], report.imprint.publication_date
    )


def _render_docx(report: Report, styles: StyleFiles) -> bytes:
    from reportgen.render_docx import check_word_template, render_docx

    check_word_template(styles.word_template)
    return render_docx(report, styles)


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    label: str
    render: Callable[[Report, StyleFiles], bytes]


FORMATS: dict[str, OutputFormat] = {
    "pdf": OutputFormat("pdf", ".pdf", "barrierefreies PDF (PDF/UA-1)", _render_accessible_pdf),
    "docx": OutputFormat("docx", ".docx", "Word-Dokument (DOCX)", _render_docx),
}


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    project: Project | None = None
    release: ReleaseState | None = None


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


def resolve_formats(names: Sequence[str] | None, default: Sequence[str]) -> list[OutputFormat]:
    chosen = list(dict.fromkeys(names or default))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise ConfigError(
            f"Unbekanntes Ausgabeformat „{unknown[0]}“.", hint=f"Möglich: {', '.join(FORMATS)}."
        )
    return [FORMATS[name] for name in chosen]


def build_report(
    project_dir: Path,
    out_dir: Path,
    formats: Sequence[str] | None = None,
    on_stage: StageCallback | None = None,
    final: bool = False,
) -> BuildResult:
    """Build the report; nothing is written unless the input is valid and rendering succeeded.

    ``final``: refuse while any text is a draft, generated or missing (the release build).
    """
    result = BuildResult()
    with _stage("Laden und Prüfen", result, on_stage):
        project = load_project(project_dir)
        result.project = project
        project.raise_for_errors()
        outputs = resolve_formats(formats, project.config.output.formats)
    with _stage("Zusammenstellen", result, on_stage):
        report = compose_report(project)
        result.release = release_state(project, report)
    if final and result.release.unreleased:
        raise NotReleased(result.release)
    with _stage("Erzeugen: " + ", ".join(o.label for o in outputs), result, on_stage):
        rendered = render_outputs(report, project.config.styles, outputs)
    for output, data in zip(outputs, rendered, strict=True):
        target = out_dir / f"{project.config.output.basename}{output.suffix}"
        write_atomically(target, data)
        result.written.append(target)
    return result


def render_outputs(report: Report, styles: StyleFiles, outputs: list[OutputFormat]) -> list[bytes]:
    """Render every format; several formats run side by side, one process each."""
    workers = min(len(outputs), os.cpu_count() or 1)
    if workers < 2:
        return [output.render(report, styles) for output in outputs]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reportgen.build"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(output.render, report, styles) for output in outputs]
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
