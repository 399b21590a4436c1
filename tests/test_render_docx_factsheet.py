"""The DOCX fact sheet: read back with python-docx and checked by structure, never by bytes.

A sheet is a page to hand out: the head without a layout table (the locator map floats beside
the title), the charts three across in a section of three columns, the notes in two, headings
from level 1, key-figure columns as wide as their header words, no text under 9 pt, Arial
everywhere. The report, rendered by the same code, keeps the template as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterator

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image

from reportgen.compose.model import (
    BulletList,
    ChartKind,
    ChartSeries,
    ChartSpec,
    DocumentMeta,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    MapShape,
    MapSpec,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    Table,
    TableKind,
    TableRow,
    Text,
)
from reportgen.compose.model import Document as Sheet
from reportgen.render.docx.document import render_docx
from reportgen.render.docx.metrics import text_width
from reportgen.render.docx.parts import fitted_widths, header_words
from reportgen.resources import DEFAULT_STYLES
from tests import docxhelpers

TEMPLATE = DEFAULT_STYLES / "reference.docx"
SOURCE = "Quelle: LSN, Integrationsmonitoring Niedersachsen, Datenstand 2024."
TERMS = "Datenlizenz Deutschland – Namensnennung – 2.0"
DISTRICT = "Landkreis Grafschaft Bentheim"
"""A district header as long as the example's longest (the key figures' column header)."""
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CELL_MARGINS = Cm(0.3)
"""The template table style's cell margins left and right (85 twips each)."""


class FakeImages:
    """Stands in for the chart drawer: a tiny PNG for every chart and map, counted."""

    def __init__(self) -> None:
        self.charts: list[ChartSpec] = []
        self.maps: list[MapSpec] = []

    def png(self, spec: ChartSpec) -> bytes:
        self.charts.append(spec)
        return _png((55, 58))

    def map_png(self, spec: MapSpec) -> bytes:
        self.maps.append(spec)
        return _png((30, 30))


def _png(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


# --- builders ------------------------------------------------------------------------------


def make_figure(number: int) -> Figure:
    chart = ChartSpec(
        ChartKind.LINE,
        ("2020", "2024"),
        (ChartSeries("Lüneburg", (8.0, 9.5)),),
        "in %",
        1,
        small=True,
    )
    return Figure(
        "Abbildung",
        number,
        f"Anteil {number} (in %)",
        f"Linie {number}: von 8,0 auf 9,5 %.",
        chart,
        SOURCE,
    )


def make_key_figures(rows: int = 12, district: str = "Landkreis Lüneburg") -> Table:
    return Table(
        label="Tabelle",
        number=1,
        caption="Kennzahlen Lüneburg",
        corner="Merkmal",
        columns=(district, "Niedersachsen", "Stand", "Fußnote"),
        rows=tuple(
            TableRow(
                f"Veränderung der Zahl der Ausländerinnen und Ausländer {index} (in %)",
                (f"{index * 1000:,}".replace(",", "."), "8.010.686", "31.12.2024", "1, 2"),
            )
            for index in range(1, rows + 1)
        ),
        notes=("p = vorläufige Zahl.",),
        source=SOURCE,
        kind=TableKind.KEY_FIGURES,
    )


SQUARE = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0))
LOCATOR = MapFigure(
    caption="Lage des Landkreises Lüneburg",
    alt_text="Karte: Lüneburg im Nordosten Niedersachsens.",
    map=MapSpec((MapShape("K03355", (SQUARE,), True),)),
)
REMARKS = (
    Paragraph((Strong((Text("Zeichenerklärung:"),)), Text(" p = vorläufige Zahl")), Style.REMARK),
    Paragraph((Text("Geometrie: © GeoBasis-DE / BKG 2024"),), Style.REMARK),
    Paragraph(
        (Text(f"Quelle: LSN, Integrationsmonitoring. {TERMS}"),),
        Style.REMARK,
    ),
)


def make_factsheet(
    text: tuple[Node, ...] = (),
    figures: int = 3,
    locator: MapFigure | None = LOCATOR,
    table: Table | None = None,
) -> Sheet:
    titles = Part(
        Role.SHEET_TITLES,
        (
            Paragraph((Text("Testministerium"),), Style.PUBLISHER),
            Heading(1, "Steckbrief Lüneburg"),
            Paragraph((Text("Landkreis · Daten 2024"),), Style.SUBTITLE),
        ),
    )
    body: list[Node] = [
        Part(Role.SHEET_HEAD, (titles, *((locator,) if locator else ()))),
        Heading(2, "Kennzahlen", listed=False),
        table or make_key_figures(),
        Heading(2, "Entwicklung im Zeitvergleich", listed=False),
        Part(Role.CHARTS, tuple(make_figure(number) for number in range(1, figures + 1))),
        Part(
            Role.SHEET_NOTES,
            (
                Heading(2, "Anmerkungen und Quellen", listed=False),
                Footnotes(((1, "Ausländerzentralregister, Stichtag 31.12."),)),
                *REMARKS,
            ),
        ),
    ]
    if text:
        body.append(Part(Role.OWN_TEXT, (Heading(2, "Aus dem Landkreis", listed=False), *text)))
    meta = DocumentMeta(
        "Steckbrief Lüneburg",
        "Landkreis · Daten 2024",
        "Testministerium",
        "de",
        dt.date(2025, 12, 18),
        page_words=("Seite", "von"),
    )
    return Sheet(meta, tuple(body))


OWN_TEXT: tuple[Node, ...] = (
    Paragraph((Text("Der Integrationsrat tagt viermal im Jahr."),)),
    Heading(3, "Kontakt", listed=False),
    BulletList(((Text("Integrationsbüro"),),)),
)


# --- reading the document back ------------------------------------------------------------


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def render(sheet: Sheet) -> Document:
    return open_docx(render_docx(sheet, FakeImages(), TEMPLATE))


def all_paragraphs(document: Document) -> Iterator[DocxParagraph]:
    """Body paragraphs in reading order, those inside tables included."""
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield item


def style_name(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def headings(document: Document) -> list[tuple[int, str]]:
    return [
        (int(style_name(p).removeprefix("Heading ")), p.text)
        for p in all_paragraphs(document)
        if style_name(p).startswith("Heading ")
    ]


def texts(document: Document, style: str) -> list[str]:
    return [p.text for p in all_paragraphs(document) if style_name(p) == style]


def section_columns(paragraph: DocxParagraph) -> int | None:
    """The columns of the section the paragraph ends; None where it ends none."""
    section = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if section is None:
        return None
    columns = section.find(qn("w:cols"))
    return int(columns.get(qn("w:num"), "1")) if columns is not None else 1


def starts_column(paragraph: DocxParagraph) -> bool:
    breaks = paragraph._p.findall(f"{qn('w:r')}/{qn('w:br')}")
    return any(found.get(qn("w:type")) == "column" for found in breaks)


def pictures(paragraph: DocxParagraph) -> list[object]:
    return paragraph._p.findall(f".//{WP}docPr")


def body_paragraphs(document: Document) -> list[DocxParagraph]:
    return list(document.paragraphs)


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(make_factsheet(OWN_TEXT), FakeImages(), TEMPLATE)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Document:
    return open_docx(rendered)


# --- headings -------------------------------------------------------------------------------


def test_headings_follow_the_fact_sheet_order_without_skipping(document: Document) -> None:
    found = headings(document)
    assert found == [
        (1, "Steckbrief Lüneburg"),
        (2, "Kennzahlen"),
        (2, "Entwicklung im Zeitvergleich"),
        (2, "Anmerkungen und Quellen"),
        (2, "Aus dem Landkreis"),
        (3, "Kontakt"),
    ]
    levels = [level for level, _ in found]
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def test_the_title_is_outline_level_one_and_the_sections_level_two(document: Document) -> None:
    def outline(name: str) -> str:
        return document.styles[name].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))

    assert (outline("Heading 1"), outline("Heading 2")) == ("0", "1")  # Word counts from 0
    title = next(p for p in document.paragraphs if style_name(p) == "Heading 1")
    assert title.paragraph_format.page_break_before is False
    assert docxhelpers.list_numbers(document).get(title._p) is None  # no "1" before the title


# --- the head ---------------------------------------------------------------------------------


def test_the_head_is_text_with_the_map_floating_beside_the_title(document: Document) -> None:
    head = body_paragraphs(document)[:4]
    assert [(style_name(p), p.text) for p in head] == [
        ("Notiz", "Testministerium"),
        ("Heading 1", "Steckbrief Lüneburg"),
        ("Subtitle", "Landkreis · Daten 2024"),
        ("Caption", "Lage des Landkreises Lüneburg"),
    ]
    title = head[1]
    [anchor] = title._p.findall(f".//{WP}anchor")
    assert anchor.get("behindDoc") == "0"
    assert anchor.find(f"{WP}wrapSquare") is not None
    horizontal = anchor.find(f"{WP}positionH")
    assert horizontal.get("relativeFrom") == "margin"
    assert horizontal.find(f"{WP}align").text == "right"
    assert anchor.find(f"{WP}positionV").get("relativeFrom") == "paragraph"
    assert anchor.find(f"{WP}docPr").get("descr") == LOCATOR.alt_text
    assert title._p.findall(f".//{WP}inline") == []


def test_no_table_but_the_key_figures(document: Document) -> None:
    """Screen readers announce every table; the head and the charts have none."""
    [table] = document.tables
    assert [cell.text for cell in table.rows[0].cells][:2] == ["Merkmal", "Landkreis Lüneburg"]


def test_without_map_the_title_stands_alone() -> None:
    images = FakeImages()
    document = open_docx(render_docx(make_factsheet(locator=None), images, TEMPLATE))
    first = list(document.iter_inner_content())[1]
    assert isinstance(first, DocxParagraph) and first.text == "Steckbrief Lüneburg"
    assert first._p.findall(f".//{WP}anchor") == []
    assert images.maps == [] and len(docxhelpers.picture_descriptions(document)) == 3


# --- own text ---------------------------------------------------------------------------------


def test_own_text_follows_its_heading_on_a_page_of_its_own(document: Document) -> None:
    body = [p.text for p in all_paragraphs(document)]
    start = body.index("Aus dem Landkreis")
    assert body[start : start + 4] == [
        "Aus dem Landkreis",
        "Der Integrationsrat tagt viermal im Jahr.",
        "Kontakt",
        "Integrationsbüro",
    ]
    heading = next(p for p in document.paragraphs if p.text == "Aus dem Landkreis")
    assert heading.paragraph_format.page_break_before


def test_without_own_text_there_is_no_heading_for_it() -> None:
    document = render(make_factsheet(()))
    assert [text for _, text in headings(document)] == [
        "Steckbrief Lüneburg",
        "Kennzahlen",
        "Entwicklung im Zeitvergleich",
        "Anmerkungen und Quellen",
    ]
    assert not any(p.paragraph_format.page_break_before for p in document.paragraphs)


# --- pictures ---------------------------------------------------------------------------------


def test_every_picture_has_alt_text(document: Document) -> None:
    assert docxhelpers.picture_descriptions(document) == [
        "Karte: Lüneburg im Nordosten Niedersachsens.",
        "Linie 1: von 8,0 auf 9,5 %.",
        "Linie 2: von 8,0 auf 9,5 %.",
        "Linie 3: von 8,0 auf 9,5 %.",
    ]


def test_pictures_are_smaller_than_in_the_report(document: Document) -> None:
    extents = document.element.body.findall(f".//{WP}extent")
    map_width, *chart_widths = (Length(int(extent.get("cx"))).cm for extent in extents)
    assert 3.0 <= map_width <= 4.0
    section = document.sections[0]
    text = section.page_width - section.left_margin - section.right_margin
    column = Length((text - Cm(0.6) * 2) // 3).cm
    assert all(4.5 <= width <= column for width in chart_widths)


def test_map_and_charts_come_from_the_image_provider() -> None:
    images = FakeImages()
    render_docx(make_factsheet(), images, TEMPLATE)
    assert images.maps == [LOCATOR.map]
    assert images.charts == [make_figure(number).chart for number in (1, 2, 3)]


def test_captions_number_table_and_figures(document: Document) -> None:
    assert texts(document, "Caption") == [
        "Lage des Landkreises Lüneburg",
        "Tabelle 1: Kennzahlen Lüneburg",
        "Abbildung 1: Anteil 1 (in %)",
        "Abbildung 2: Anteil 2 (in %)",
        "Abbildung 3: Anteil 3 (in %)",
    ]


# --- the key figures --------------------------------------------------------------------------


def test_key_figure_table_repeats_its_header_and_aligns_numbers(document: Document) -> None:
    [table] = document.tables
    assert [cell.text for cell in table.rows[0].cells] == [
        "Merkmal",
        "Landkreis Lüneburg",
        "Niedersachsen",
        "Stand",
        "Fußnote",
    ]
    assert len(table.rows) == 13
    assert docxhelpers.is_header_row(table.rows[0])
    assert not any(docxhelpers.is_header_row(row) for row in table.rows[1:])
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert docxhelpers.table_description(table) == ("Tabelle 1: Kennzahlen Lüneburg", "")
    caption = table._element.getprevious()
    assert caption is not None and "Kennzahlen Lüneburg" in "".join(caption.itertext())


@pytest.mark.parametrize("district", ["Landkreis Lüneburg", DISTRICT, "Region Hannover"])
def test_no_header_word_is_wider_than_its_column(district: str) -> None:
    document = render(make_factsheet(table=make_key_figures(12, district)))
    [table] = document.tables
    section = document.sections[0]
    widths = [column.width for column in table.columns]
    assert sum(widths) == pytest.approx(
        section.page_width - section.left_margin - section.right_margin, abs=Cm(0.05)
    )
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        for word in header_words(cell.text):
            assert text_width(word, 9, bold=True) + CELL_MARGINS <= width, word
    assert widths[0] > Cm(7)  # the row headers keep most of the width


def test_values_give_way_before_a_header_word_breaks() -> None:
    columns = ("Landkreis Osterholz-Scharmbeck", "Niedersachsen", "Stichtag", "Fußnote")
    table = make_key_figures(1, columns[0])
    table = Table(
        table.label,
        table.number,
        table.caption,
        table.corner,
        columns,
        (TableRow("Bevölkerung", ("1.234.567.890.123", "8.010.686.000", "31.12.2024", "1")),),
        kind=TableKind.KEY_FIGURES,
    )
    first, *data = fitted_widths(table, Cm(12))
    words = [max(text_width(w, 9, True) for w in header_words(c)) for c in columns]
    assert all(width >= word + CELL_MARGINS for width, word in zip(data, words, strict=True))
    assert first + sum(data) == Cm(12)


def test_every_data_table_repeats_its_header_row(document: Document) -> None:
    for table in document.tables:
        assert docxhelpers.is_header_row(table.rows[0])


# --- charts and notes in columns ---------------------------------------------------------------


def test_charts_stand_three_across_in_a_section_of_three_columns(document: Document) -> None:
    paragraphs = body_paragraphs(document)
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Entwicklung im Zeitvergleich")
    assert section_columns(paragraphs[start]) == 1  # the text above goes across the page
    charts = paragraphs[start + 1 : start + 10]
    assert [style_name(p) for p in charts] == ["Abbildung", "Caption", "Quelle"] * 3
    assert [starts_column(p) for p in charts[::3]] == [False, True, True]
    assert all(len(pictures(p)) == 1 for p in charts[::3])
    assert [section_columns(p) for p in charts] == [None] * 8 + [3]


def test_a_fourth_chart_starts_a_new_row() -> None:
    paragraphs = body_paragraphs(render(make_factsheet(figures=4)))
    ends = [section_columns(p) for p in paragraphs if section_columns(p) is not None]
    assert ends[:3] == [1, 3, 3]
    fourth = [p for p in paragraphs if style_name(p) == "Abbildung"][3]
    assert not starts_column(fourth)


def test_a_single_chart_needs_no_columns() -> None:
    document = render(make_factsheet(figures=1))
    charts = [p for p in document.paragraphs if style_name(p) == "Abbildung"]
    assert len(charts) == 1 and not starts_column(charts[0])
    assert [section_columns(p) for p in document.paragraphs if section_columns(p)] == [1, 2]
    assert len(document.tables) == 1


def test_notes_list_footnotes_signs_map_source_attribution_and_terms(document: Document) -> None:
    body = [p.text for p in all_paragraphs(document)]
    notes = body[body.index("Anmerkungen und Quellen") + 1 : body.index("Aus dem Landkreis")]
    assert notes == [
        "1) Ausländerzentralregister, Stichtag 31.12.",
        "Zeichenerklärung: p = vorläufige Zahl",
        "Geometrie: © GeoBasis-DE / BKG 2024",
        "Quelle: LSN, Integrationsmonitoring. Datenlizenz Deutschland – Namensnennung – 2.0",
    ]
    assert texts(document, "Notiz")[-4:] == notes


def test_notes_stand_in_two_columns_below_their_heading(document: Document) -> None:
    paragraphs = body_paragraphs(document)
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Anmerkungen und Quellen")
    notes = paragraphs[start : start + 5]
    assert [section_columns(p) for p in notes] == [1, None, None, None, 2]


def test_a_sheet_that_ends_with_columns_ends_with_a_tiny_paragraph() -> None:
    """The last section's columns are balanced only before a section break; the paragraph
    after it is Word's last, a 1 pt line that never needs a page of its own."""
    last = body_paragraphs(render(make_factsheet(())))[-2:]
    assert section_columns(last[0]) == 2
    assert last[1].text == "" and last[1].paragraph_format.line_spacing == Pt(1)


def test_the_first_section_has_header_and_footer_the_later_ones_take_them_over(
    document: Document,
) -> None:
    sections = list(document.sections)
    assert len(sections) == 5  # head to charts, charts, to the notes, notes, own text
    kinds = [[child.tag.rpartition("}")[2] for child in section._sectPr] for section in sections]
    assert "headerReference" in kinds[0] and "footerReference" in kinds[0]
    assert all("headerReference" not in found for found in kinds[1:])
    assert all(section.start_type == 0 for section in sections[1:])  # WD_SECTION.CONTINUOUS


# --- print: sizes, fonts, page ---------------------------------------------------------------


def test_no_text_under_nine_points(rendered: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        parts = {
            name: package.read(name).decode()
            for name in package.namelist()
            if re.fullmatch(r"word/(styles|document|header\d*|footer\d*|numbering)\.xml", name)
        }
    assert "word/styles.xml" in parts and "word/header1.xml" in parts
    for name, xml in parts.items():
        sizes = [int(value) for value in re.findall(r'<w:szC?s? w:val="(\d+)"', xml)]
        assert all(size >= 18 for size in sizes), name  # half points


def test_every_font_is_arial(rendered: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        names = package.namelist()
        styles = package.read("word/styles.xml").decode()
        document = package.read("word/document.xml").decode()
        theme = package.read("word/theme/theme1.xml").decode()
    assert not any("stylesWithEffects" in name for name in names)  # Word 2010's own copy
    fonts = re.findall(r"<w:rFonts ([^>]*)/>", styles + document)
    assert fonts and all("Theme=" not in found for found in fonts)
    assert {value for found in fonts for value in re.findall(r'="([^"]*)"', found)} == {"Arial"}
    assert re.findall(r'<a:latin typeface="([^"]*)"', theme) == ["Arial", "Arial"]


def test_the_sheet_is_a4_with_narrower_margins(document: Document) -> None:
    for section in document.sections:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21, 29.7)
        assert section.left_margin < Cm(2.5) and section.top_margin < Cm(2.5)


def test_a_document_without_sheet_head_keeps_the_template() -> None:
    """The report is rendered by the same code: its page, sizes and single section stay."""
    meta = make_factsheet().meta
    body = (Heading(1, "Einleitung"), Paragraph((Text("Text"),)), make_figure(1))
    report = render(Sheet(meta, body))
    template = docx.Document(str(TEMPLATE))
    assert len(report.sections) == 1
    for name in ("left_margin", "top_margin", "bottom_margin"):
        assert getattr(report.sections[0], name) == getattr(template.sections[0], name)
    for name in ("Notiz", "Quelle", "Heading 2", "Header", "Subtitle"):
        assert report.styles[name].font.size == template.styles[name].font.size
    assert report.styles["Notiz"].font.size == Pt(8.5)


# --- document properties -------------------------------------------------------------------


def test_core_properties_and_language(document: Document) -> None:
    properties = document.core_properties
    assert properties.title == "Steckbrief Lüneburg"
    assert properties.author == "Testministerium"
    assert properties.language == "de-DE"
    # python-docx 1.1 reads the stamp back without its "Z", 1.2 as UTC
    assert properties.created.replace(tzinfo=dt.UTC) == dt.datetime(2025, 12, 18, tzinfo=dt.UTC)
    assert docxhelpers.document_language(document) == "de-DE"


def test_every_page_has_title_header_and_page_of_pages(document: Document) -> None:
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Steckbrief Lüneburg"
    footer = section.footer.paragraphs[0]
    assert docxhelpers.field_instructions(footer) == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Seite ") and " von " in footer.text


def test_same_sheet_gives_same_bytes(rendered: bytes) -> None:
    assert render_docx(make_factsheet(OWN_TEXT), FakeImages(), TEMPLATE) == rendered
