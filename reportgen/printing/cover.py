"""The cover file for perfect binding: one spread U4 | spine | U1 as PDF/X-4, with bleed.

U1 is the report's cover part, rendered as in the book (so a logo the cover part carries comes
along); U4 and the spine are drawn from the same part's words. WeasyPrint lays out two pages –
U4 with the spine, then U1 – and pikepdf places both on one spread, each clipped at the spine."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pikepdf
from markupsafe import Markup, escape

from reportgen.compose.model import Document, Paragraph, Part, Role, Style
from reportgen.compose.model.text import plain_text
from reportgen.errors import RenderError
from reportgen.printing.binding import Spine, plan_spine
from reportgen.printing.edition import PrintImages
from reportgen.printing.pdf import MM, add_crop_marks, finish_print_pdf, write_print_pdf
from reportgen.printing.setup import PrintSetup
from reportgen.render.charts import ChartImages
from reportgen.render.html import render_html

SPINE_CLEAR_TOP_MM = 26.0
"""The spine text starts below the cover band (18 mm) that runs across U4, spine and U1."""
SPINE_CLEAR_BOTTOM_MM = 16.0
OVERLAP_PT = 0.5
"""U4 runs this far under U1, so no hairline of paper shows where the two meet."""
_BODY = re.compile(r"<body[^>]*>")


def render_cover(
    document: Document, images: ChartImages, stylesheet: Path, setup: PrintSetup, book: bytes
) -> tuple[bytes, Spine]:
    """The cover spread for the book block ``book`` (its page count gives the spine)."""
    with pikepdf.open(io.BytesIO(book)) as block:
        pages = len(block.pages)
        x0, y0, x1, y1 = (float(v) for v in block.pages[0].obj.TrimBox)
    width, height = (x1 - x0) / MM, (y1 - y0) / MM
    cover = _cover_part(document)
    words = {
        paragraph.style: plain_text(paragraph.inlines)
        for paragraph in cover.children
        if isinstance(paragraph, Paragraph)
    }
    title, publisher = words.get(Style.COVER_TITLE, ""), words.get(Style.COVER_PUBLISHER, "")
    length = height - SPINE_CLEAR_TOP_MM - SPINE_CLEAR_BOTTOM_MM
    spine = plan_spine(pages, setup.binding, title, publisher, length)
    alone = dataclasses.replace(document, body=(cover,))
    front = render_html(alone, PrintImages(images, setup.palette))
    back = _back_html(words, spine, setup.binding.spine_upwards)
    html = _BODY.sub(lambda match: match.group(0) + back, front, count=1)
    plain = dataclasses.replace(setup, book=False, crop_marks=False)
    rules = _rules(width, height, spine, setup.binding.spine_upwards, length)
    pdf = write_print_pdf(html, stylesheet, plain, document.meta.date, rules)
    return _spread(pdf, setup, spine.width_mm), spine


def _cover_part(document: Document) -> Part:
    for node in document.body:
        if isinstance(node, Part) and node.role == Role.COVER:
            return node
    raise RenderError(
        "Der Bericht hat keine Titelseite; ohne sie lässt sich kein Umschlag drucken."
    )


def _back_html(words: dict[Style, str], spine: Spine, upwards: bool) -> str:
    """U4 (publisher and a short line) and the spine, as the first page of the cover file."""
    spine_texts = list(spine.texts)
    if len(spine_texts) == 2 and upwards:
        spine_texts.reverse()  # the publisher stands at the foot of the spine either way
    spans = Markup("").join(
        Markup('<span class="umschlag-ruecken-{}">{}</span>').format(
            "titel" if text == words.get(Style.COVER_TITLE) else "herausgeber", text
        )
        for text in spine_texts
    )
    line = " · ".join(
        text for text in (words.get(Style.COVER_TITLE), words.get(Style.COVER_YEAR)) if text
    )
    return str(
        Markup(
            '<section class="umschlag-hinten">'
            '<div class="umschlag-u4"><p class="umschlag-u4-herausgeber">{}</p>'
            '<p class="umschlag-u4-zeile">{}</p></div>'
            '<div class="umschlag-ruecken"><div class="umschlag-ruecken-text">{}</div></div>'
            "</section>"
        ).format(escape(words.get(Style.COVER_PUBLISHER, "")), line, spans)
    )


def _rules(width: float, height: float, spine: Spine, upwards: bool, length: float) -> str:
    """The sizes that follow from the spine; the look is in druck.css (``.umschlag-…``)."""
    s = spine.width_mm
    centre_top = SPINE_CLEAR_TOP_MM + length / 2 - s / 2
    return (
        f"@page umschlag-hinten {{ size: {width + s:.3f}mm {height:.3f}mm }}\n"
        f".umschlag-hinten {{ height: {height:.3f}mm }}\n"
        f".umschlag-u4 {{ width: {width - 44:.3f}mm }}\n"
        f".umschlag-ruecken {{ left: {width:.3f}mm; width: {s:.3f}mm }}\n"
        f".umschlag-ruecken-text {{ width: {length:.3f}mm; height: {s:.3f}mm; "
        f"line-height: {s:.3f}mm; font-size: {spine.font_pt:.2f}pt; "
        f"left: {(s - length) / 2:.3f}mm; top: {centre_top:.3f}mm; "
        f"transform: rotate({-90 if upwards else 90}deg); "
        f"justify-content: {'space-between' if len(spine.texts) > 1 else 'center'} }}\n"
    )


def _spread(pdf: bytes, setup: PrintSetup, spine_mm: float) -> bytes:
    """Both pages on one spread: U4 with the spine left, U1 right; bleed all round."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        back, front = document.pages[0].obj, document.pages[1].obj
        bleed = setup.bleed_mm * MM
        bx0, by0, bx1, by1 = (float(v) for v in back.TrimBox)
        fx0, fy0, fx1, _ = (float(v) for v in front.TrimBox)
        spread_w, spread_h = (bx1 - bx0) + (fx1 - fx0) + 2 * bleed, (by1 - by0) + 2 * bleed
        fold = bleed + (bx1 - bx0)  # where U4 with spine ends and U1 begins
        content = (
            f"q 0 0 {fold + OVERLAP_PT:.4f} {spread_h:.4f} re W n "
            f"1 0 0 1 {bleed - bx0:.4f} {bleed - by0:.4f} cm /RGBack Do Q\n"
            f"q {fold:.4f} 0 {spread_w - fold:.4f} {spread_h:.4f} re W n "
            f"1 0 0 1 {fold - fx0:.4f} {bleed - fy0:.4f} cm /RGFront Do Q\n"
        ).encode()
        forms = {"/RGBack": _form(document, back), "/RGFront": _form(document, front)}
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, spread_w, spread_h],
            BleedBox=[0, 0, spread_w, spread_h],
            TrimBox=[bleed, bleed, spread_w - bleed, spread_h - bleed],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(forms)),
            Contents=document.make_stream(content),
        )
        del document.pages[:]
        document.pages.append(pikepdf.Page(page))
        if "/Outlines" in document.Root:
            del document.Root["/Outlines"]
        if setup.crop_marks:
            add_crop_marks(document, setup.bleed_mm)
        return finish_print_pdf(document)


def _form(document: pikepdf.Pdf, page: pikepdf.Dictionary) -> pikepdf.Stream:
    """A page as a form XObject with all its bleed (qpdf's own helper cuts at the TrimBox)."""
    contents = page.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    form = document.make_stream(
        b"\n".join(stream.read_bytes() for stream in streams),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=page.MediaBox,
        Resources=page.Resources,
    )
    if "/Group" in page:
        form.Group = page.Group
    return form
