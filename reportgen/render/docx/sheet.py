"""A fact sheet's layout in Word: a page a district hands out, without layout tables (screen
readers would announce each as a table).

The locator map floats beside the title (anchored in it, text wrapping on its left); the small
charts stand three across, each in a column of a continuous section of three columns, with a
column break before the second and third; the notes stand in two columns. The document's walk
(``document.py``) writes the nodes; this module places them, keyed on the parts' roles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import Figure, MapFigure, MapSpec, Node, Part
from reportgen.render.docx import layout_xml
from reportgen.render.docx.parts import float_picture_right
from reportgen.render.docx.template import CAPTION, text_width

MAP_WIDTH = Cm(3.2)
MAP_GAP = Cm(0.4)
"""The locator map's width, and its distance to the titles on its left."""
CHART_WIDTH = Cm(6.6)
"""A small chart's natural width, where it stands alone."""
CHARTS_ACROSS = 3
NOTE_COLUMNS = 2
COLUMN_GAP = Cm(0.6)

Write = Callable[[Node], None]
"""Writes a node at the end of the body, as the document's walk does."""
WriteFigure = Callable[[Figure, Length, bool], None]
"""Writes a figure at a width, at the top of the next column where asked."""


def head(
    document: DocxDocument, part: Part, write: Write, map_png: Callable[[MapSpec], bytes]
) -> None:
    """The titles with the locator map floating to their right: anchored in the title (the
    first heading), its top level with the title's, the publisher line above both; the map's
    caption follows the titles, as a table's caption stands before its table."""
    titles = [node for node in part.children if not isinstance(node, MapFigure)]
    locator = next((node for node in part.children if isinstance(node, MapFigure)), None)
    before = len(document.element.body)  # the body's own w:sectPr comes last
    for node in titles:
        write(node)
    if locator is None:
        return
    written = [
        DocxParagraph(element, document._body)
        for element in document.element.body[before - 1 : -1]
        if element.tag == qn("w:p")
    ]
    title = next((p for p in written if p.style and p.style.name.startswith("Heading")), None)
    caption = document.add_paragraph(locator.caption, style=CAPTION)
    anchor = title or (written[0] if written else caption)
    png = map_png(locator.map)
    float_picture_right(anchor, png, MAP_WIDTH, locator.alt_text, locator.caption, MAP_GAP)


def charts(
    document: DocxDocument, figures: Sequence[Figure], write: Write, figure: WriteFigure
) -> None:
    """Three across, each in a column of its own (picture, caption and source one below the
    other), a fourth in a new row; a single chart stands alone at its natural width."""
    if len(figures) == 1:
        write(figures[0])
        return
    width = Length(min(CHART_WIDTH, column_width(document, CHARTS_ACROSS)))
    for start in range(0, len(figures), CHARTS_ACROSS):
        with columns(document, CHARTS_ACROSS):
            for index, item in enumerate(figures[start : start + CHARTS_ACROSS]):
                figure(item, width, index > 0)


@contextmanager
def columns(document: DocxDocument, count: int) -> Iterator[None]:
    """What is written inside stands in a continuous section of ``count`` columns; the text
    before and after goes across the page."""
    before = last_paragraph(document)
    if not layout_xml.ends_section(before):  # else it ends the columns before these
        layout_xml.end_section(before)
    yield
    layout_xml.end_section(last_paragraph(document), count, int(COLUMN_GAP.twips))


def column_width(document: DocxDocument, count: int) -> Length:
    return Length((text_width(document) - COLUMN_GAP * (count - 1)) // count)


def last_paragraph(document: DocxDocument) -> DocxParagraph:
    """The body's last paragraph, which may end a section; a new one after a table."""
    body = document.element.body
    last = body[-2] if len(body) > 1 else None  # the body's own w:sectPr comes last
    if last is not None and last.tag == qn("w:p"):
        return DocxParagraph(last, document._body)
    return document.add_paragraph()
