"""``reportgen vorschau``: the HTML edition in a temporary folder, rebuilt whenever the project
changes, served on the loopback interface; the open page reloads itself.

Only what a change touches is done again: a changed text block reloads the texts (the data stay
loaded), a changed stylesheet only renders again, the configuration or the data load the whole
project. Charts that did not change come from the image store of the last build. A mistake is
shown in the page, as the German message with file and line, above the last good state; the
server keeps running. The reload script is added by the server to the pages it sends and never
written into the edition.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from reportgen.check import check_project
from reportgen.compose.model import Document
from reportgen.compose.report import compose_report
from reportgen.errors import InvalidInput, Problem, ReportError
from reportgen.load.config import StyleFiles
from reportgen.load.glossary import load_glossary
from reportgen.load.project import Project, load_project
from reportgen.load.textblocks import load_texts
from reportgen.render.charts import ChartImages

RenderEdition = Callable[[Document, ChartImages, StyleFiles, Path], None]
"""Writes the HTML edition of a document into an empty folder."""


class Scope(Enum):
    """How much of the project a change makes stale."""

    NOTHING = 0
    RENDER = 1
    """Stylesheets, fonts, templates: render again."""
    TEXTS = 2
    """Text blocks, glossary: read the texts again, check, compose, render."""
    PROJECT = 3
    """Configuration, labels, data: load everything."""


def scope_of(changed: Iterable[Path], project: Project | None) -> Scope:
    """What ``changed`` paths make stale; without a loaded project everything."""
    if project is None:
        return Scope.PROJECT
    config = project.config
    texts = config.texts_path.resolve()
    own_texts = {p.resolve() for p in (config.glossary, config.abbreviations) if p}
    styles = {p.resolve() for p in _style_files(project)}
    scope = Scope.NOTHING
    for path in (p.resolve() for p in changed):
        if path.name.startswith(".") or path.name.endswith("~"):
            continue  # editors' swap and backup files
        if path in own_texts or path.is_relative_to(texts):
            found = Scope.TEXTS
        elif path in styles or path.suffix in (".css", ".woff2", ".ttf", ".otf", ".j2"):
            found = Scope.RENDER
        else:
            found = Scope.PROJECT
        scope = max(scope, found, key=lambda s: s.value)
    return scope


def _style_files(project: Project) -> list[Path]:
    styles = project.config.styles
    return [styles.stylesheet, styles.factsheet_stylesheet, styles.web_stylesheet]


@dataclass(frozen=True)
class Status:
    version: int
    """Counts up with every build, good or failed: the page reloads when it changes."""
    error: str
    """The German message of the last build, empty when it succeeded."""
    seconds: float


class PreviewBuilder:
    """Keeps the loaded project between builds and writes the edition into ``folder``."""

    def __init__(self, project_dir: Path, folder: Path, render: RenderEdition) -> None:
        self.project_dir, self.folder, self.render = project_dir, folder, render
        self._loaded: Project | None = None
        """The project as loaded, before checking (texts are replaced in it)."""
        self._images: ChartImages | None = None
        self._status = Status(0, "", 0.0)
        self._changed = threading.Condition()

    @property
    def status(self) -> Status:
        return self._status

    def data_dir(self) -> Path:
        """The data folder of the loaded project (to watch it where it lies elsewhere)."""
        return self._loaded.config.data_path if self._loaded else self.project_dir / "daten"

    def build(self, changed: Iterable[Path] | None = None) -> Status:
        """Build after ``changed`` (None: from scratch); never raises for a mistake in the
        project — it becomes the status' error."""
        started = time.perf_counter()
        scope = Scope.PROJECT if changed is None else scope_of(changed, self._loaded)
        if scope == Scope.NOTHING:
            return self._status
        error = ""
        try:
            self._prepare(scope)
            assert self._loaded is not None and self._images is not None
            project = check_project(self._loaded)
            project.raise_for_errors()
            document = compose_report(project).document
            self._write(document, self._images, self._loaded.config.styles)
        except ReportError as exc:
            error = _message(exc)
        except Exception as exc:  # a bug: the preview goes on, the message says what broke
            error = f"Interner Fehler: {exc!r}. Bitte melden Sie ihn mit der Vorgeschichte."
        with self._changed:
            seconds = time.perf_counter() - started
            self._status = Status(self._status.version + 1, error, seconds)
            self._changed.notify_all()
        return self._status

    def wait(self, version: int, timeout: float) -> Status:
        """The status once its version differs from ``version`` (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self._status.version != version, timeout)
            return self._status

    def _prepare(self, scope: Scope) -> None:
        if scope == Scope.PROJECT or self._loaded is None:
            self._loaded = None  # a failed load must not leave the old project behind
            self._loaded = load_project(self.project_dir)
            styles = self._loaded.config.styles
            self._images = ChartImages(styles.chart_style, styles.fonts, ("svg",))
        elif scope == Scope.TEXTS:
            self._loaded = _with_new_texts(self._loaded)

    def _write(self, document: Document, images: ChartImages, styles: StyleFiles) -> None:
        """Render beside the folder, then swap: a page is never read half-written."""
        staging = self.folder.with_name(self.folder.name + ".neu")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.render(document, images, styles, staging)
        old = self.folder.with_name(self.folder.name + ".alt")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            self.folder.rename(old)
        staging.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)


def _with_new_texts(loaded: Project) -> Project:
    """The project with its texts and glossary read again; the data stay as loaded."""
    config = loaded.config
    texts, problems = load_texts(config.texts_path)
    glossary = load_glossary(config.glossary, config.abbreviations, problems)
    own = {p.resolve() for p in (config.glossary, config.abbreviations) if p}
    folder = config.texts_path.resolve()
    kept = tuple(p for p in loaded.problems if not _about(p, folder, own))
    return replace(loaded, texts=texts, glossary=glossary, problems=(*kept, *problems))


def _about(problem: Problem, folder: Path, files: set[Path]) -> bool:
    """Whether a problem of loading concerns the texts (and is found again when they are)."""
    if problem.location is None:
        return False
    path = problem.location.path.resolve()
    return path in files or path.is_relative_to(folder)


def _message(exc: ReportError) -> str:
    """The message as the command line prints it: each error with file and line."""
    if isinstance(exc, InvalidInput):
        errors = [str(p) for p in exc.problems if p.is_error]
        return "\n".join([str(exc.problem), *errors])
    return str(exc.problem)


def web_edition(document: Document, images: ChartImages, styles: StyleFiles, folder: Path) -> None:
    """The HTML edition (a page per chapter), as ``build -f html`` writes it."""
    from reportgen.render.web import render_web

    edition = render_web(document, images, styles.web_stylesheet, styles.fonts, one_page=False)
    for name, data in edition.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
