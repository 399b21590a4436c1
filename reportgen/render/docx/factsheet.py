"""Factsheet → DOCX: a district's Steckbrief on at most two A4 pages, on the report's template.

Same content and order as the PDF fact sheet: title with the locator map beside it, key
figures, small charts two to a row, the district's own text, notes and sources. Pictures come
from the caller's ``PngImages``, so this module never draws; layout tables are marked as
layout for assistive technology.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Length

from reportgen.compose.model import ChartSpec, Factsheet, Figure, MapSpec
from reportgen.load.config import StyleFiles
from reportgen.render.docx.parts import (
    Container,
    add_blocks,
    add_data_table,
    add_figure,
    add_heading,
    add_layout_table,
    add_picture,
    fitted_widths,
    settle_layout,
)
from reportgen.render.docx.template import (
    CAPTION,
    NOTE,
    SOURCE,
    SUBTITLE,
    content_width,
    open_template,
    save,
    set_up,
)

KEY_FIGURES, DEVELOPMENT, NOTES = (
    "Kennzahlen",
    "Entwicklung im Zeitvergleich",
    "Anmerkungen und Quellen",
)
MAP_WIDTH = Cm(4.0)
MAP_COLUMN = MAP_WIDTH + Cm(0.5)  # the cell's own margins
CHART_WIDTH = Cm(6.6)
FIGURES_PER_ROW = 2


class PngImages(Protocol):
    """What the renderer needs of ``charts.ChartImages``: PNG (≥ 200 dpi) of charts and maps."""

    def png(self, spec: ChartSpec) -> bytes: ...

    def map_png(self, spec: MapSpec) -> bytes: ...


def render_factsheet_docx(sheet: Factsheet, styles: StyleFiles, images: PngImages) -> bytes:
    """The fact sheet as a .docx file; the same sheet gives the same bytes."""
    document = open_template(styles.word_template)
    set_up(
        document,
        title=sheet.title,
        subject=sheet.subtitle,
        author=sheet.publisher,
        language=sheet.language,
        day=sheet.publication_date,
        header_on_first_page=True,
    )
    _title_block(document, sheet, images)
    add_heading(document, 2, KEY_FIGURES)
    add_data_table(
        document, sheet.key_figures, fitted_widths(sheet.key_figures, content_width(document))
    )
    if sheet.figures:
        add_heading(document, 2, DEVELOPMENT)
        _figures(document, sheet.figures, images)
    if sheet.text:
        add_heading(document, 2, sheet.text_title)
        add_blocks(document, sheet.text, 3)
    _notes(document, sheet)
    return save(document, sheet.publication_date)


def _title_block(document: Document, sheet: Factsheet, images: PngImages) -> None:
    """Title, subtitle and the map's caption, with the locator map to their right.

    The caption stands before the map in reading order, as a table's caption does; beside the
    map it costs no height. The map's source goes to the notes, as in the PDF.
    """
    if sheet.locator is None:
        _title(document, sheet)
        return
    table = add_layout_table(document, 1, [content_width(document) - MAP_COLUMN, MAP_COLUMN])
    text, map_column = table.rows[0].cells
    _title(text, sheet)
    if sheet.locator.caption:
        text.add_paragraph(sheet.locator.caption, style=CAPTION)
    png = images.map_png(sheet.locator.map)
    locator = add_picture(map_column, png, MAP_WIDTH, sheet.locator.alt_text, sheet.locator.caption)
    locator.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    settle_layout(table)


def _title(container: Container, sheet: Factsheet) -> None:
    title = add_heading(container, 1, sheet.title)
    title.paragraph_format.page_break_before = False  # the template's chapters start a page
    if sheet.subtitle:
        container.add_paragraph(sheet.subtitle, style=SUBTITLE)


def _figures(document: Document, figures: Sequence[Figure], images: PngImages) -> None:
    """Small charts side by side; a single chart needs no layout table."""
    if len(figures) == 1:
        add_figure(document, figures[0], images.png(figures[0].chart), CHART_WIDTH)
        return
    column = Length(content_width(document) // FIGURES_PER_ROW)
    rows = -(-len(figures) // FIGURES_PER_ROW)
    table = add_layout_table(document, rows, [column] * FIGURES_PER_ROW)
    width = Length(min(CHART_WIDTH, column - Cm(0.4)))  # the cell's own margins
    for index, item in enumerate(figures):
        cell = table.cell(index // FIGURES_PER_ROW, index % FIGURES_PER_ROW)
        add_figure(cell, item, images.png(item.chart), width)
    settle_layout(table)


def _notes(document: Document, sheet: Factsheet) -> None:
    add_heading(document, 2, NOTES)
    for footnote in sheet.footnotes:
        document.add_paragraph(f"{footnote.number}) {footnote.text}", style=NOTE)
    if sheet.signs:
        signs = document.add_paragraph(style=NOTE)
        signs.add_run("Zeichenerklärung: ").bold = True
        signs.add_run("; ".join(f"{sign.sign} = {sign.meaning}" for sign in sheet.signs))
    if sheet.locator and sheet.locator.source:
        document.add_paragraph(sheet.locator.source, style=NOTE)
    document.add_paragraph(" ".join(filter(None, (sheet.attribution, sheet.terms))), style=SOURCE)
