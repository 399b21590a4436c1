"""The raw-XML gaps of python-docx in page layout: a picture floating beside the text, sections
in columns with column breaks, and a fact sheet's changes to the template's sizes. With
``docx.xml`` (whose schema-ordered ``put_child`` it uses) the renderer's modules that write
WordprocessingML (see ``docx.xml`` for the round trip's).

A continuous section break (Word: "Abschnittsumbruch (fortlaufend)") is the ``w:sectPr`` in the
properties of the paragraph that ends the section; the body's own last ``w:sectPr`` describes
the last section.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.text.paragraph import Paragraph

from reportgen.render.docx.xml import put_child

# --- floating pictures ------------------------------------------------------------------------

_FLOATING_BASE = 251658240
"""Word's z-order (``relativeHeight``) of its first floating object; later ones count up."""


def float_picture(shape: InlineShape, gap: int) -> None:
    """Turn an inline picture into a floating one (Word: "Quadrat", right-aligned): at the right
    margin, its top level with the top of its paragraph, the text beside it on its left at
    ``gap`` (EMU). It keeps its alt text and stays in the reading order where it is anchored."""
    inline = shape._inline
    properties = inline.docPr
    anchor = OxmlElement(
        "wp:anchor",
        {
            "distT": "0",
            "distB": "0",
            "distL": str(gap),
            "distR": "0",
            "simplePos": "0",
            "relativeHeight": str(_FLOATING_BASE + int(properties.get("id", "0"))),
            "behindDoc": "0",
            "locked": "0",
            "layoutInCell": "1",
            "allowOverlap": "0",
        },
    )
    anchor.append(OxmlElement("wp:simplePos", {"x": "0", "y": "0"}))
    horizontal = OxmlElement("wp:positionH", {"relativeFrom": "margin"})
    align = OxmlElement("wp:align")
    align.text = "right"
    horizontal.append(align)
    anchor.append(horizontal)
    vertical = OxmlElement("wp:positionV", {"relativeFrom": "paragraph"})
    offset = OxmlElement("wp:posOffset")
    offset.text = "0"
    vertical.append(offset)
    anchor.append(vertical)
    anchor.append(inline.extent)
    anchor.append(OxmlElement("wp:effectExtent", {side: "0" for side in "ltrb"}))
    anchor.append(OxmlElement("wp:wrapSquare", {"wrapText": "left"}))
    for child in list(inline):  # docPr, cNvGraphicFramePr, graphic
        if child.tag != qn("wp:effectExtent"):
            anchor.append(child)
    inline.getparent().replace(inline, anchor)


# --- sections and columns --------------------------------------------------------------------


def end_section(paragraph: Paragraph, columns: int = 1, space: int = 0) -> None:
    """End a section with ``paragraph`` (Word: "Abschnittsumbruch (fortlaufend)"): the text up to
    it stands in ``columns`` columns ``space`` (twips) apart, the text after it goes on on the
    same page. The new section has the page setup of the last; the first section carries the
    header and footer, the later ones take them over (Word's "Mit vorheriger verknüpfen")."""
    body = paragraph._p.getparent()
    last = body.find(qn("w:sectPr"))
    earlier = next(_section_breaks(body), None)
    section = deepcopy(last)
    references = [qn("w:headerReference"), qn("w:footerReference")]
    for child in list(section if earlier is not None else last):
        if child.tag in references:
            child.getparent().remove(child)
    if earlier is not None:
        put_child(section, "w:type", {"w:val": "continuous"})
    set_columns(section, columns, space)
    put_child(last, "w:type", {"w:val": "continuous"})
    set_columns(last, 1, 0)
    properties = paragraph._p.get_or_add_pPr()
    put_child(properties, "w:sectPr")
    properties.replace(properties.find(qn("w:sectPr")), section)


def ends_section(paragraph: Paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def close_sections(document: Document) -> None:
    """A document that ends with a section break needs a paragraph after it (Word always has
    one there; so the columns of that last section are balanced): an empty one, a line of
    1 pt, so that it never takes a page of its own."""
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    if not paragraphs or paragraphs[-1].find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        return
    properties = document.add_paragraph()._p.get_or_add_pPr()
    put_child(
        properties,
        "w:spacing",
        {"w:before": "0", "w:after": "0", "w:line": "20", "w:lineRule": "exact"},
    )


def _section_breaks(body: Any) -> Iterator[Any]:
    """The ``w:sectPr`` of the paragraphs that end a section, in order."""
    yield from body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")


def set_columns(section: Any, columns: int, space: int) -> None:
    """Equal columns of a section, ``space`` twips apart (one column: the page's text width)."""
    attributes = {"w:num": str(columns), "w:space": str(space)} if columns > 1 else {}
    put_child(section, "w:cols", attributes)


def break_column_before(paragraph: Paragraph) -> None:
    """The paragraph starts a new column (Word: "Spaltenumbruch"). The break is its first run,
    as LibreOffice reads a break at a paragraph's start as "break before" and Word leaves the
    empty rest of the line in the column before."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br", {qn("w:type"): "column"}))
    properties = paragraph._p.pPr
    if properties is None:
        paragraph._p.insert(0, run)
    else:
        properties.addnext(run)


# --- styles ----------------------------------------------------------------------------------


def raise_sizes(document: Document, smallest: int) -> None:
    """No text smaller than ``smallest`` half points: every size the styles and their defaults
    set (``w:sz``, and ``w:szCs`` for complex scripts) below it is raised to it."""
    for tag in ("w:sz", "w:szCs"):
        for size in document.styles.element.iter(qn(tag)):
            if int(size.get(qn("w:val"), "0")) < smallest:
                size.set(qn("w:val"), str(smallest))


def set_row_padding(document: Document, style: str, twips: int) -> None:
    """The space above and below the text in every cell of a table style (its cell margins
    left and right stay); a style without table properties keeps Word's (none)."""
    properties = document.styles[style].element.find(qn("w:tblPr"))
    if properties is None:
        return
    margins = properties.find(qn("w:tblCellMar"))
    if margins is None:
        margins = put_child(properties, "w:tblCellMar")
    for side, following in (("top", ()), ("bottom", ("w:right", "w:end"))):
        for old in margins.findall(qn(f"w:{side}")):
            margins.remove(old)
        margin = OxmlElement(f"w:{side}", {qn("w:w"): str(twips), qn("w:type"): "dxa"})
        if side == "top":
            margins.insert(0, margin)
        else:
            later = [margins.find(qn(tag)) for tag in following]
            found = next((node for node in later if node is not None), None)
            if found is None:
                margins.append(margin)
            else:
                found.addprevious(margin)
