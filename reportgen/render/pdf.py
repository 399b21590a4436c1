"""HTML → PDF through WeasyPrint. PDF profiles are data; every WeasyPrint ERROR fails the build."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import io
import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pikepdf
import pyphen  # type: ignore[import-untyped]
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reportgen.errors import RenderError


class ProfileName(StrEnum):
    """A PDF profile as named on the command line (``--profile``)."""

    ACCESSIBLE = "barrierefrei"
    PRINT = "druck"


@dataclass(frozen=True)
class PdfProfile:
    name: ProfileName
    variant: str
    suffix: str


PROFILES: dict[str, PdfProfile] = {
    profile.name: profile
    for profile in (
        PdfProfile(ProfileName.ACCESSIBLE, "pdf/ua-1", ""),
        PdfProfile(ProfileName.PRINT, "pdf/x-4", "-druck"),
    )
}
"""Keyed by ``ProfileName``; a plain string finds the same entry (a StrEnum hashes as its value)."""


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _fixed_timestamps(day: dt.date) -> Iterator[None]:
    """fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set
    (fonttools/fonttools#1063, Kozea/WeasyPrint#1553)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """WeasyPrint makes millions of objects, which Python's cyclic garbage collector, at its
    default thresholds, scans again and again: a sixth of the time of the example report.
    While a PDF is laid out it collects far less often (the peak memory grows by a tenth)."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


GC_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def _weasyprint_errors() -> Iterator[_Collector]:
    """WeasyPrint only logs a missing language or alt text and still writes the file."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def warm_up(languages: Sequence[str] = ("de",)) -> None:
    """Load now what WeasyPrint loads on first use in a process: the hyphenation patterns of
    ``languages`` (0.6 s for German), e.g. once in the server that forks the workers."""
    for language in languages:
        pyphen.Pyphen(lang=language)


@functools.lru_cache(maxsize=4)
def _stylesheet(path: Path) -> tuple[CSS, FontConfiguration]:
    """Parsed once per process: fact sheets render dozens of documents with one stylesheet."""
    fonts = FontConfiguration()
    return CSS(filename=str(path), font_config=fonts), fonts


def write_pdf(
    html: str,
    stylesheet: Path,
    profile: PdfProfile,
    day: dt.date,
    overlays: Sequence[Path] = (),
    rules: str = "",
) -> bytes:
    """Lay out and write one PDF; raises RenderError if WeasyPrint reports an error.

    ``day`` (the publication date) stamps every date inside the file, so the same inputs
    give the same bytes. ``overlays`` are stylesheets laid over ``stylesheet`` (the print
    edition's), ``rules`` CSS generated from settings; a ``@color-profile`` among them
    becomes the output intent.
    """
    css, fonts = _stylesheet(stylesheet)
    with _weasyprint_errors() as collector, _fixed_timestamps(day), _fewer_collections():
        profiles: dict[str, object] = {}
        extra = [CSS(filename=str(p), font_config=fonts, color_profiles=profiles) for p in overlays]
        if rules:
            extra.append(
                CSS(
                    string=rules,
                    base_url=str(stylesheet.parent),
                    font_config=fonts,
                    color_profiles=profiles,
                )
            )
        document = HTML(string=html, base_url=str(stylesheet.parent))
        pdf = document.write_pdf(
            stylesheets=[css, *extra],
            color_profiles=profiles,
            font_config=fonts,
            pdf_variant=profile.variant,
            pdf_identifier=b"reportgen",
            uncompressed_pdf=False,
        )
        if collector.messages:
            raise RenderError(
                f"WeasyPrint meldet Fehler beim Erzeugen des PDF ({profile.variant}): "
                + "; ".join(dict.fromkeys(collector.messages))
            )
        assert isinstance(pdf, bytes)
        # still with fewer collections: the laid-out pages are garbage now, in cycles that
        # a full collection would walk several times while pikepdf works (1.5 s)
        return mark_untagged_as_artifacts(pdf) if profile.variant.startswith("pdf/ua") else pdf


def mark_untagged_as_artifacts(pdf: bytes) -> bytes:
    """Turn marked content that no structure element of the document reaches into artifacts.

    WeasyPrint tags running headers and page numbers (page margin boxes) as ``Span`` with an
    MCID whose structure element hangs outside the tree; PDF/UA wants them as ``/Artifact``
    (Kozea/WeasyPrint#1836).
    """
    with pikepdf.open(io.BytesIO(pdf)) as document:
        reachable = _reachable_elements(document.Root.StructTreeRoot)
        parent_tree = _parent_tree(document.Root.StructTreeRoot)
        for page in document.pages:
            elements = parent_tree.get(int(page.obj.get("/StructParents", -1)))
            if elements is None:
                continue
            orphans = {
                mcid
                for mcid, element in enumerate(elements)
                if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
            }
            if orphans:
                _replace_marked_content(page, orphans)
                for mcid in orphans:
                    elements[mcid] = None
        output = io.BytesIO()
        document.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue()


def _reachable_elements(root: pikepdf.Object) -> set[tuple[int, int]]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                stack.append(kid)
    return seen


def _parent_tree(root: pikepdf.Object) -> dict[int, pikepdf.Array]:
    """The flat /Nums of the parent tree (WeasyPrint writes no /Kids levels)."""
    nums = root.ParentTree.get("/Nums", pikepdf.Array())
    tree: dict[int, pikepdf.Array] = {}
    for i in range(0, len(nums), 2):
        elements = nums[i + 1]
        if isinstance(elements, pikepdf.Array):
            tree[int(nums[i])] = elements
    return tree


_TAGGED_CONTENT = re.compile(rb"^/[A-Za-z0-9]+\n<</MCID (\d+)>>\nBDC$", re.M)


def _replace_marked_content(page: pikepdf.Page, orphans: set[int]) -> None:
    """Rewrite ``/Span <</MCID n>> BDC`` as ``/Artifact BMC`` for orphaned n.

    Works on WeasyPrint's own line-per-token content streams, which is much faster than a full
    parse; the EMC that closes each sequence stays as it is.
    """
    streams = (
        page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]
    )
    for stream in streams:
        data = stream.read_bytes()
        rewritten = _TAGGED_CONTENT.sub(
            lambda m: b"/Artifact\nBMC" if int(m.group(1)) in orphans else m.group(0), data
        )
        if rewritten != data:
            stream.write(rewritten)


@contextmanager
def merged(
    parts: Sequence[tuple[str, bytes]],
    title: str,
    author: str | None = None,
    start_even: bool = False,
    keep_first: bool = False,
) -> Iterator[pikepdf.Pdf]:
    """The parts' pages in one PDF with a bookmark each, titled ``title`` (by ``author``) and
    in the first part's language, for the caller to finish and save.

    ``start_even``: every part starts on an odd page (a front side), blank pages between;
    ``keep_first``: the first part's document is the base (its output intent and metadata).
    """
    base = pikepdf.open(io.BytesIO(parts[0][1])) if keep_first else pikepdf.new()
    with base as combined:
        if keep_first:
            del combined.pages[:]
        with combined.open_outline() as outline:
            outline.root.clear()
            for name, data in parts:
                start = len(combined.pages)
                with pikepdf.open(io.BytesIO(data)) as single:
                    if "/Lang" in single.Root and "/Lang" not in combined.Root:
                        combined.Root.Lang = pikepdf.String(str(single.Root.Lang))
                    combined.pages.extend(single.pages)
                if start_even and len(combined.pages) % 2:
                    append_blank_page(combined)
                outline.root.append(pikepdf.OutlineItem(name, start))
        for key in ("/Names", "/Dests"):  # a part's anchors would keep pointing at its pages
            if key in combined.Root:
                del combined.Root[key]
        combined.Root.PageMode = pikepdf.Name.UseOutlines
        with combined.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:title"] = title
            if author is not None:
                xmp["dc:creator"] = [author]
            xmp["xmp:CreatorTool"] = "reportgen"
        yield combined


def combine_pdfs(parts: Sequence[tuple[str, bytes]], title: str, author: str) -> bytes:
    """PDFs in one file with a bookmark each, to read through or print at the office. It is
    not tagged (the single files keep their tags), so the pages lose their structure keys."""
    with merged(parts, title, author) as combined:
        for page in combined.pages:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
        output = io.BytesIO()
        combined.save(output, deterministic_id=True)
    return output.getvalue()


def append_blank_page(document: pikepdf.Pdf) -> None:
    """A blank page of the last page's size (and boxes) at the end."""
    last = document.pages[-1].obj
    blank = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=last.MediaBox,
        Resources=pikepdf.Dictionary(),
        Contents=document.make_stream(b""),
    )
    for box in ("/TrimBox", "/BleedBox"):
        if box in last:
            blank[box] = last[box]
    document.pages.append(pikepdf.Page(document.make_indirect(blank)))
