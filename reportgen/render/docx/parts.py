"""Model nodes → Word content, shared by the report and the fact sheet: editorial
blocks and inlines, numbered captions, pictures with alt text, data and layout tables.

Each part is written into a container: the document body or a cell of a layout table.
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
from reportgen.render.docx import xml as docx_xml
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
"""Where paragraphs go: the body, or a cell of a layout table."""

NUMBER_COLUMN = Cm(2.0)
ROW_HEADER_COLUMN = Cm(4.5)
# Generous widths of a character of the table styles' 9 pt Arial (bold in headers, digits in
# cells), and a cell's two margins: a header word must never break inside.
HEADER_CHARACTER, CELL_CHARACTER, CELL_MARGINS = Cm(0.19), Cm(0.17), Cm(0.35)
NARROWEST, WIDEST = Cm(1.2), Cm(3.5)


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


def add_figure(container: Container, figure: Figure, png: bytes, width: Length) -> DocxParagraph:
    """Chart picture, then its numbered caption (returned: the target of references) and its
    source line."""
    add_picture(container, png, width, figure.alt_text, figure.caption)
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
    """Data columns as wide as their longest entry (a header may wrap after spaces and hyphens),
    the row headers get the rest; columns share the width evenly where that is too narrow."""
    columns = []
    for index, header in enumerate(table.columns):
        words = re.findall(r"[^\s-]+-?", header) or [""]
        cells = [row.cells[index] for row in table.rows] or [""]
        wanted = (
            max(HEADER_CHARACTER * max(map(len, words)), CELL_CHARACTER * max(map(len, cells)))
            + CELL_MARGINS
        )
        columns.append(max(NARROWEST, min(WIDEST, wanted)))
    first = total - sum(columns)
    if first < ROW_HEADER_COLUMN:
        first = ROW_HEADER_COLUMN
        columns = [(total - first) // len(columns) for _ in columns]
    return [first, *columns]


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


def add_layout_table(document: Document, rows: int, widths: Sequence[int]) -> DocxTable:
    """A borderless grid that only places content side by side; marked so assistive
    technology does not announce it as data (no header row, description "Layout")."""
    table: DocxTable = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    for row in table.rows:
        docx_xml.keep_row_together(row)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    _column_widths(table, widths)
    docx_xml.mark_layout_table(table)
    return table


def settle_layout(table: DocxTable) -> None:
    """Finish a filled layout table: rows may stand on different pages (Word and LibreOffice
    keep a row with the next while a paragraph in it keeps with next, as headings and pictures
    do), and a cell's content sits flush with the row, as the cell margins already separate it."""
    for row in table.rows:
        for cell in row.cells:
            paragraphs = cell.paragraphs
            for paragraph in paragraphs:
                paragraph.paragraph_format.keep_with_next = False
            paragraphs[0].paragraph_format.space_before = 0
            paragraphs[-1].paragraph_format.space_after = 0


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


def _spans(
    inlines: Sequence[Inline], bold: bool = False, italic: bool = False, url: str | None = None
) -> Iterator[_Span]:
    for node in inlines:
        match node:
            case Text(text=text):
                if text:
                    yield _Span(text, bold, italic, url)
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


def write_inlines(paragraph: DocxParagraph, inlines: Sequence[Inline]) -> None:
    for (url, page_word), spans in groupby(
        _spans(inlines), key=lambda span: (span.url, span.page_word)
    ):
        runs = []
        for span in spans:
            run = paragraph.add_run(span.text, style=HYPERLINK if url else None)
            run.bold = span.bold or None
            run.italic = span.italic or None
            runs.append(run)
        if url and url.startswith("#"):  # a place in the document: its bookmark and page
            bookmark = docx_xml.bookmark_name(url[1:])
            docx_xml.link_to_bookmark(paragraph, runs, bookmark)
            if page_word:
                paragraph.add_run(f"\u00a0({page_word}\u00a0")
                docx_xml.append_field(paragraph, f"PAGEREF {bookmark} \\h", "")
                paragraph.add_run(")")
        elif url:
            docx_xml.link_runs(paragraph, runs, url)
