"""The outputs of a build, in one place: the table of variants (format, PDF profile, file suffix,
label, how a report and a fact sheet are rendered), how ``--format``/``--profile`` resolve, the
pictures drawn once for all variants, and the only ways files are written."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.model import Document
from reportgen.errors import ConfigError, RenderError
from reportgen.files import umask
from reportgen.files import write_atomically as write_atomically  # build and batch use it
from reportgen.load.config import StyleFiles
from reportgen.printing.binding import binding_findings
from reportgen.printing.cover import render_cover
from reportgen.printing.edition import render_print_document
from reportgen.printing.preflight import Preflight, preflight
from reportgen.printing.setup import PrintSetup
from reportgen.render.chartcache import open_cache
from reportgen.render.chartpool import pool_context as pool_context  # batch.py uses it from here
from reportgen.render.charts import ChartImages
from reportgen.render.html import render_html
from reportgen.render.pdf import PROFILES, ProfileName, write_pdf
from reportgen.render.web import INDEX, render_web

PREFLIGHT_SUFFIX = "-preflight.txt"
COVER_SUFFIX = "-umschlag"


@dataclass(frozen=True)
class RenderSettings:
    """What every renderer may need besides the document: style files, the pictures (drawn
    before rendering) and, for the print edition, its checked settings."""

    styles: StyleFiles
    images: ChartImages
    stylesheet: Path
    """The screen stylesheet: ``styles.stylesheet`` for the report, ``styles.factsheet_stylesheet``
    for a fact sheet (the print edition lays its own over it)."""
    printing: PrintSetup | None = None
    one_page: bool = False
    """The HTML edition on one page (``ausgabe: html: eine_seite``)."""


def _accessible_pdf(document: Document, settings: RenderSettings) -> bytes:
    html = render_html(document, settings.images)
    return write_pdf(
        html, settings.stylesheet, PROFILES[ProfileName.ACCESSIBLE], document.meta.date
    )


def _docx(document: Document, settings: RenderSettings) -> bytes:
    from reportgen.render.docx.document import render_docx

    return render_docx(document, settings.images, settings.styles.word_template)


def _web(document: Document, settings: RenderSettings) -> bytes:
    """The HTML edition, its folder packed (``write_folder`` unpacks it)."""
    styles = settings.styles
    folder = render_web(
        document, settings.images, styles.web_stylesheet, styles.fonts, settings.one_page
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as packed:
        for name, data in sorted(folder.files.items()):
            packed.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def _print_pdf(document: Document, settings: RenderSettings) -> bytes:
    assert settings.printing is not None
    return render_print_document(document, settings.stylesheet, settings.images, settings.printing)


@dataclass(frozen=True)
class OutputVariant:
    name: str
    suffix: str
    label: str
    render: Callable[[Document, RenderSettings], bytes]
    pictures: tuple[str, ...]
    """Chart formats the variant needs ("svg", "png"); a locator map is always a PNG."""
    profile: ProfileName | None = None
    """The PDF profile (``render.pdf.PROFILES``) the variant produces, for ``--profile``."""
    folder: bool = False
    """The variant is a folder (``suffix`` ends its name), packed by ``render``."""

    @property
    def for_print(self) -> bool:
        return self.profile is not None and PROFILES[self.profile].variant.startswith("pdf/x")


VARIANTS: dict[str, OutputVariant] = {
    "pdf": OutputVariant(
        "pdf",
        ".pdf",
        "barrierefreies PDF (PDF/UA-1)",
        _accessible_pdf,
        ("svg",),
        ProfileName.ACCESSIBLE,
    ),
    "docx": OutputVariant("docx", ".docx", "Word-Dokument (DOCX)", _docx, ("png",)),
    "druck": OutputVariant(
        "druck",
        PROFILES[ProfileName.PRINT].suffix + ".pdf",
        "Druck-PDF (PDF/X-4)",
        _print_pdf,
        ("svg",),
        ProfileName.PRINT,
    ),
    "html": OutputVariant(
        "html", "-html", "barrierefreie Webseiten (HTML)", _web, ("svg",), folder=True
    ),
}


def resolve_variants(
    names: Sequence[str], default: Sequence[str], profiles: Sequence[str] = ()
) -> list[OutputVariant]:
    """The variants asked for (or the default), plus one per PDF profile in ``profiles``."""
    chosen = list(dict.fromkeys(names or default))
    unknown = [name for name in chosen if name not in VARIANTS]
    if unknown:
        raise ConfigError(
            f"Unbekanntes Ausgabeformat „{unknown[0]}“.", hint=f"Möglich: {', '.join(VARIANTS)}."
        )
    for profile in profiles:
        matching = [v.name for v in VARIANTS.values() if v.profile == profile]
        if not matching:
            raise ConfigError(
                f"Unbekanntes PDF-Profil „{profile}“.", hint=f"Möglich: {', '.join(PROFILES)}."
            )
        chosen.extend(name for name in matching if name not in chosen)
    return [VARIANTS[name] for name in chosen]


def chart_images(styles: StyleFiles, variants: Sequence[OutputVariant]) -> ChartImages:
    """An empty picture store for the formats the variants need, backed by the chart cache
    on disk (``render.chartcache``: a picture drawn by an earlier build is not drawn again)."""
    formats = tuple(dict.fromkeys(f for v in variants for f in v.pictures))
    return ChartImages(styles.chart_style, styles.fonts, formats=formats, disk=open_cache())


def first_formats(variants: Sequence[OutputVariant]) -> tuple[str, ...]:
    """The chart formats drawn before rendering begins: those of the variants WeasyPrint lays
    out (the SVG ones, which take longest); ``render_variants`` draws the others' while these
    render."""
    first = [v for v in variants if "svg" in v.pictures] or list(variants)
    return tuple(dict.fromkeys(f for v in first for f in v.pictures))


def warm_workers() -> None:
    """Start the server that forks the render workers (``render_variants``) now: it imports
    reportgen while the project loads, a second core's work that would otherwise delay
    rendering by seconds."""
    if (os.cpu_count() or 1) < 2:
        return
    context = pool_context("forkserver", preload=RENDER_PRELOAD)
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


RENDER_PRELOAD = ["reportgen.build", "reportgen.render.pdf_preload"]
"""What the render workers' server imports once, for all of them."""


# --- writing ---------------------------------------------------------------------------------


def write_folder(target: Path, packed: bytes) -> Path:
    """Unpack a folder variant into a temporary folder beside the target, then swap it in:
    never a half-written folder. Returns the folder's index page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}."
    temporary = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=target.parent))
    old: Path | None = None
    try:
        with zipfile.ZipFile(io.BytesIO(packed)) as archive:
            for name in archive.namelist():
                path = temporary / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(name))
        for path in (temporary, *temporary.rglob("*")):
            path.chmod((0o777 if path.is_dir() else 0o666) & ~umask())
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=prefix, suffix=".old", dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(temporary, target)
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old / target.name, target)
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return target / INDEX


def preflight_path(pdf: Path) -> Path:
    return pdf.with_name(pdf.stem + PREFLIGHT_SUFFIX)


def check_print_pdf(data: bytes, target: Path, setup: PrintSetup) -> Preflight:
    """The preflight of a print PDF; a defect fails the build before anything is written."""
    found = preflight(data, setup.bleed_mm, setup.coverage_limit, setup.generic_profile)
    if setup.book:
        notes, warnings = binding_findings(found.pages, setup.binding)
        found.notes.extend(notes)
        found.warnings.extend(warnings)
    if found.defects:
        raise RenderError(
            f"Das Druck-PDF {target.name} besteht den eigenen Preflight nicht; "
            "es wurde nichts geschrieben.",
            hint="\n" + "\n".join(found.lines(target.name)),
        )
    return found


def print_cover(
    document: Document, settings: RenderSettings, book: bytes, target: Path
) -> tuple[Path, bytes, Preflight]:
    """The cover file for perfect binding beside the book block ``target`` (from its page
    count), checked by its own preflight, which names the spine."""
    assert settings.printing is not None
    setup = settings.printing
    data, spine = render_cover(document, settings.images, settings.stylesheet, setup, book)
    path = target.with_name(target.stem + COVER_SUFFIX + target.suffix)
    found = check_print_pdf(data, path, dataclasses.replace(setup, book=False))
    found.notes.append(f"Umschlag:           U4 | Rücken | U1, {spine.note}")
    return path, data, found


def write_preflight(pdf: Path, found: Preflight) -> Path:
    """The preflight report beside its print PDF, for the print shop."""
    path = preflight_path(pdf)
    write_atomically(path, ("\n".join(found.lines(pdf.name)) + "\n").encode("utf-8"))
    return path
