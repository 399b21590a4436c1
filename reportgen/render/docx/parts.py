"""Model nodes → Word content, shared by the report and the fact sheet: editorial
blocks and inlines, numbered captions, pictures with alt text (inline, or floating beside the
text), data tables with columns fitted to their headers.

Each part is written into a container: the document body or a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from itertools import groupby
from typing import assert_never

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Length
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import (
    Emphasis,
    Figure,
    Inline,
    LineBreak,
    Link,
    Strong,
    Table,
    TableKind,
    Text,
)
from reportgen.render.docx import layout_xml
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.editable import FigureMarker
from reportgen.render.docx.metrics import text_width
from reportgen.render.docx.template import (
    CAPTION,
    FIGURE,
    HYPERLINK,
    NOTE,
    SOURCE,
    TABLE,
    TABLE_HEAD,
    TABLE_TEXT,
    content_width,
)

Container = Document | _Cell
"""Where paragraphs go: the body, or a table cell."""

NUMBER_COLUMN = Cm(2.0)
ROW_HEADER_COLUMN = Cm(4.5)
TABLE_TEXT_SIZE = 9
"""Points of the table styles' text (bold in the header row and the row headers)."""
CELL_MARGINS = Cm(0.3) + Cm(0.1)
"""A cell's two margins in the template's table style (85 twips each), and some room for the
difference between a width estimate and how Word sets the line."""
NARROWEST, WIDEST = Cm(1.2), Cm(3.5)
"""A data column's width by its values; a header word may make it wider than WIDEST."""


def add_caption(container: Container, label: str, number: int | None, text: str) -> DocxParagraph:
    """``Abbildung 3: …`` with a SEQ field, so Word can list figures and tables; a caption
    without number is the text alone."""
    if not number:
        return container.add_paragraph(text, style=CAPTION)
    paragraph = container.add_paragraph(f"{label} ", style=CAPTION)
    docx_xml.append_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f": {text}")
    return paragraph


def add_picture(
    container: Container, png: bytes, width: Length, alt_text: str, title: str
) -> DocxParagraph:
    """A picture in its own paragraph; screen readers read ``alt_text``."""
    paragraph = fresh_paragraph(container, FIGURE)
    shape = paragraph.add_run().add_picture(BytesIO(png), width=width)
    docx_xml.describe_picture(shape, alt_text, title)
    return paragraph


def float_picture_right(
    paragraph: DocxParagraph, png: bytes, width: Length, alt_text: str, title: str, gap: Length
) -> None:
    """A picture at the right margin beside ``paragraph`` and the ones after it (its top level
    with the paragraph's), text wrapping on its left ``gap`` away: no layout table. Anchored at
    the paragraph's end, screen readers read ``alt_text`` after the paragraph's text."""
    shape = paragraph.add_run().add_picture(BytesIO(png), width=width)
    docx_xml.describe_picture(shape, alt_text, title)
    layout_xml.float_picture(shape, gap)


def add_figure(
    container: Container, figure: Figure, png: bytes, width: Length, new_column: bool = False
) -> DocxParagraph:
    """Chart picture (at the top of the next column with ``new_column``), then its numbered
    caption (returned: the target of references) and its source line."""
    picture = add_picture(container, png, width, figure.alt_text, figure.caption)
    if new_column:
        layout_xml.break_column_before(picture)
    caption = add_caption(container, figure.label, figure.number, figure.caption)
    container.add_paragraph(figure.source, style=SOURCE)
    return caption


def add_data_table(
    document: Document, table: Table, widths: Sequence[int] | None = None
) -> DocxParagraph:
    """Caption above (returned: the target of references), header row repeated on each page,
    notes and source below.

    Without ``widths`` the data columns share what the row headers (at most 7 cm) leave.
    """
    title = add_caption(document, table.label, table.number, table.caption)
    title.paragraph_format.keep_with_next = True
    if widths is None:
        width = content_width(document)
        first = max(ROW_HEADER_COLUMN, min(Cm(7), width - NUMBER_COLUMN * len(table.columns)))
        rest = (width - first) // len(table.columns)
        widths = [first, *(rest for _ in table.columns)]
    grid_table = add_grid(
        document,
        (table.corner, *table.columns),
        [(row.header, *row.cells) for row in table.rows],
        widths,
        numeric=table.kind != TableKind.SIGNS,
    )
    docx_xml.describe_table(grid_table, table.title)
    for note in table.notes:
        document.add_paragraph(note, style=NOTE)
    if table.source:
        document.add_paragraph(table.source, style=SOURCE)
    return title


def fitted_widths(table: Table, total: int) -> list[int]:
    """Data columns as wide as their values (at most ``WIDEST``) and never narrower than the
    longest word of their header, which may wrap only after spaces and hyphens; the row headers
    get the rest, at least ``ROW_HEADER_COLUMN`` where the values can give way."""
    least, wanted = [], []
    for index, header in enumerate(table.columns):
        word = max(header_words(header), key=lambda word: text_width(word, TABLE_TEXT_SIZE, True))
        shortest = max(NARROWEST, text_width(word, TABLE_TEXT_SIZE, True) + CELL_MARGINS)
        values = [row.cells[index] for row in table.rows] or [""]
        widest = max(text_width(value, TABLE_TEXT_SIZE) for value in values) + CELL_MARGINS
        least.append(shortest)
        wanted.append(max(shortest, min(WIDEST, widest)))
    spare = total - ROW_HEADER_COLUMN - sum(least)
    extra = sum(wanted) - sum(least)
    if extra > max(spare, 0):  # the values give way, the header words never
        share = max(spare, 0) / extra
        wanted = [low + int((want - low) * share) for low, want in zip(least, wanted, strict=True)]
    return [total - sum(wanted), *wanted]


def header_words(header: str) -> list[str]:
    """The pieces a header cell may wrap into: words, split after spaces and hyphens."""
    return re.findall(r"[^\s-]+-?", header) or [""]


def add_grid(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    numeric: bool,
) -> DocxTable:
    """A table: header row repeated on each page, row headers in the first column."""
    table: DocxTable = document.add_table(rows=1 + len(rows), cols=len(header), style=TABLE)
    table.autofit = False
    for row_index, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
        docx_xml.keep_row_together(row)
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.style = TABLE_HEAD if row_index == 0 or column == 0 else TABLE_TEXT
            if numeric and column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(text)
    docx_xml.mark_header_row(table.rows[0])
    _column_widths(table, widths)
    return table


def _column_widths(table: DocxTable, widths: Sequence[int]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def fresh_paragraph(container: Container, style: str) -> DocxParagraph:
    """A new paragraph; in a cell, the empty paragraph every new cell starts with."""
    paragraphs: list[DocxParagraph] = container.paragraphs
    if isinstance(container, _Cell) and len(paragraphs) == 1 and not paragraphs[0].runs:
        paragraphs[0].style = style
        return paragraphs[0]
    paragraph: DocxParagraph = container.add_paragraph(style=style)
    return paragraph


# --- blocks and inlines ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    """A piece of text with one formatting: what a Word run can hold."""

    text: str
    bold: bool
    italic: bool
    url: str | None
    page_word: str = ""
    placeholder: str = ""


def _spans(
    inlines: Sequence[Inline], bold: bool = False, italic: bool = False, url: str | None = None
) -> Iterator[_Span]:
    for node in inlines:
        match node:
            case Text(text=text, placeholder=placeholder):
                if text:
                    yield _Span(text, bold, italic, url, placeholder=placeholder)
            case Strong(children=children):
                yield from _spans(children, True, italic, url)
            case Emphasis(children=children):
                yield from _spans(children, bold, True, url)
            case Link(children=children, url=target, page_word=page_word):
                for span in _spans(children, bold, italic, target):
                    yield replace(span, page_word=page_word)
            case LineBreak():
                yield _Span("\n", bold, italic, url)
            case _:
                assert_never(node)


def write_inlines(
    paragraph: DocxParagraph, inlines: Sequence[Inline], figures: FigureMarker | None = None
) -> None:
    """Runs for the inlines; with ``figures`` each figure from the data is marked as such."""
    for (url, page_word), spans in groupby(
        _spans(inlines), key=lambda span: (span.url, span.page_word)
    ):
        runs, marked = [], []
        for span in spans:
            run = paragraph.add_run(span.text, style=HYPERLINK if url else None)
            run.bold = span.bold or None
            run.italic = span.italic or None
            runs.append(run)
            if span.placeholder and figures:
                marked.append((run, span.placeholder))
        if url and url.startswith("#"):  # a place in the document: its bookmark and page
            bookmark = docx_xml.bookmark_name(url[1:])
            docx_xml.link_to_bookmark(paragraph, runs, bookmark)
            if page_word:
                paragraph.add_run(f"\u00a0({page_word}\u00a0")
                docx_xml.append_field(paragraph, f"PAGEREF {bookmark} \\h", "")
                paragraph.add_run(")")
        elif url:
            docx_xml.link_runs(paragraph, runs, url)
        for run, placeholder in marked:  # inside the link, if any
            figures(run, placeholder)  # type: ignore[misc]
