"""HTML → PDF/X-4 for the print shop: WeasyPrint with a CMYK output intent, then pikepdf
finishes what WeasyPrint leaves open (annotations, bleed box, crop marks, page padding,
deterministic XMP) and merges fact sheets into one print file."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Sequence
from pathlib import Path

import pikepdf

from reportgen.printing.overprint import overprint_black
from reportgen.printing.setup import PrintSetup, print_rules
from reportgen.render.pdf import PROFILES, ProfileName, append_blank_page, merged, write_pdf

MM = 72 / 25.4
MARK_GAP_MM = 1.0  # crop marks start this far outside the bleed, so they never touch it
MARK_LENGTH_MM = 5.0
MARK_WIDTH_PT = 0.25


def write_print_pdf(
    html: str, stylesheet: Path, setup: PrintSetup, day: dt.date, rules: str = ""
) -> bytes:
    """A PDF/X-4: ``stylesheet`` (the screen look) with the print stylesheet of ``setup`` over
    it. A book (``setup.book``) gets chapters on right-hand pages, page padding and crop marks;
    a fact sheet leaves padding and marks to :func:`combine_print_pdfs`. ``rules`` is more
    generated CSS (the cover file's sizes). Black text and lines overprint."""
    pdf = write_pdf(
        html,
        stylesheet,
        PROFILES[ProfileName.PRINT],
        day,
        overlays=[setup.stylesheet],
        rules=print_rules(setup) + rules,
    )
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _strip_interaction(document)
        overprint_black(document)
        for page in document.pages:
            page.obj.BleedBox = page.obj.MediaBox  # WeasyPrint caps the bleed box at 10 pt
        if setup.book:
            complete(document, setup)
        return finish_print_pdf(document)


def finish_print_pdf(document: pikepdf.Pdf) -> bytes:
    """Deterministic metadata, the PDF/X keys of the document info, saved."""
    _fix_metadata(document)
    return _save(document)


def complete(document: pikepdf.Pdf, setup: PrintSetup) -> None:
    """What only the whole file gets: padding to a multiple of four, then crop marks."""
    if setup.pad_to_four:
        pad_pages(document, 4)
    if setup.crop_marks:
        add_crop_marks(document, setup.bleed_mm)


def _strip_interaction(document: pikepdf.Pdf) -> None:
    """No links, annotations or form fields on paper; bookmarks stay for the print shop."""
    for page in document.pages:
        for key in ("/Annots", "/Tabs", "/StructParents"):
            if key in page.obj:
                del page.obj[key]
    for key in ("/AcroForm", "/OpenAction"):
        if key in document.Root:
            del document.Root[key]


def pad_pages(document: pikepdf.Pdf, multiple: int) -> None:
    """Blank pages at the end until the page count is a multiple (saddle stitching)."""
    while len(document.pages) % multiple:
        append_blank_page(document)


def _registration() -> pikepdf.Array:
    """Registration colour: the Separation /All, printed on every plate."""
    tint = pikepdf.Dictionary(
        FunctionType=2,
        Domain=pikepdf.Array([0, 1]),
        C0=pikepdf.Array([0, 0, 0, 0]),
        C1=pikepdf.Array([1, 1, 1, 1]),
        N=1,
    )
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint])


def add_crop_marks(document: pikepdf.Pdf, bleed_mm: float) -> None:
    """Crop marks in registration colour outside the bleed; the media box grows to hold them
    and the page content is clipped to the bleed box, so nothing but the marks sits there."""
    registration = document.make_indirect(_registration())
    start = (bleed_mm + MARK_GAP_MM) * MM
    end = start + MARK_LENGTH_MM * MM
    for page in document.pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        bx0, by0, bx1, by1 = (float(v) for v in page.obj.BleedBox)
        slack = end + 1 * MM
        page.obj.MediaBox = pikepdf.Array([x0 - slack, y0 - slack, x1 + slack, y1 + slack])
        resources = page.obj.Resources
        if "/ColorSpace" not in resources:
            resources.ColorSpace = pikepdf.Dictionary()
        resources.ColorSpace.RGReg = registration  # WeasyPrint's pages share one dictionary
        clip = f"q {bx0:.4f} {by0:.4f} {bx1 - bx0:.4f} {by1 - by0:.4f} re W n\n".encode()
        marks = [f"Q q /RGReg CS 1 SCN {MARK_WIDTH_PT} w 0 J".encode()]
        for x, y, dx, dy in (
            (x0, y0, -1, 0), (x0, y0, 0, -1), (x1, y0, 1, 0), (x1, y0, 0, -1),
            (x0, y1, -1, 0), (x0, y1, 0, 1), (x1, y1, 1, 0), (x1, y1, 0, 1),
        ):  # fmt: skip
            marks.append(
                f"{x + dx * start:.4f} {y + dy * start:.4f} m "
                f"{x + dx * end:.4f} {y + dy * end:.4f} l S".encode()
            )
        marks.append(b"Q\n")
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        page.obj.Contents = pikepdf.Array(
            [document.make_stream(clip), *streams, document.make_stream(b"\n".join(marks))]
        )


def _fix_metadata(document: pikepdf.Pdf) -> None:
    """WeasyPrint writes a random xmpMM:DocumentID; the same document gets the same one."""
    title = str(document.docinfo.get("/Title", ""))
    created = str(document.docinfo.get("/CreationDate", ""))
    document_id = uuid.uuid5(uuid.NAMESPACE_URL, f"reportgen:{title}:{created}")
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["xmpMM:DocumentID"] = f"uuid:{document_id}"
        xmp["xmpMM:RenditionClass"] = "default"
    document.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
    document.docinfo["/Trapped"] = pikepdf.Name("/False")


def _save(document: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    document.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue()


def combine_print_pdfs(
    parts: Sequence[tuple[str, bytes]], title: str, setup: PrintSetup, even_pages: bool
) -> bytes:
    """Print-ready fact sheets in one PDF/X-4 with a bookmark each; ``even_pages`` lets every
    sheet start on a front side. Sheets carry their own copy of the ICC profile; one is kept."""
    with merged(parts, title, start_even=even_pages, keep_first=True) as combined:
        complete(combined, setup)
        _share_profiles(combined)
        _strip_interaction(combined)
        _fix_metadata(combined)
        return _save(combined)


def _share_profiles(document: pikepdf.Pdf) -> None:
    """Point every ICCBased colour space at the output intent's profile stream when the bytes
    are the same (each fact sheet brings its own copy of the same profile)."""
    intent = document.Root.OutputIntents[0].DestOutputProfile
    wanted = intent.read_raw_bytes()
    seen: set[tuple[int, int]] = set()

    def visit(obj: pikepdf.Object) -> None:
        if isinstance(obj, pikepdf.Array):
            if (
                len(obj) == 2
                and obj[0] == pikepdf.Name.ICCBased
                and isinstance(obj[1], pikepdf.Stream)
                and obj[1].objgen != intent.objgen
                and obj[1].read_raw_bytes() == wanted
            ):
                obj[1] = intent
            items = list(obj)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            if obj.is_indirect:
                if obj.objgen in seen:
                    return
                seen.add(obj.objgen)
            items = [value for key, value in obj.items() if key not in ("/Parent", "/P")]
        else:
            return
        for item in items:
            visit(item)

    for page in document.pages:
        visit(page.obj)
