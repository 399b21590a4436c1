"""The DOCX fact sheet: read back with python-docx and checked by structure, never by bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
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
from reportgen.resources import DEFAULT_STYLES
from tests import docxhelpers

TEMPLATE = DEFAULT_STYLES / "reference.docx"
SOURCE = "Quelle: LSN, Integrationsmonitoring Niedersachsen, Datenstand 2024."


class FakeImages:
    """Stands in for the chart drawer: a tiny PNG for every chart and map, counted."""

    def __init__(self) -> None:
        self.charts: list[ChartSpec] = []
        self.maps: list[MapSpec] = []

    def png(self, spec: ChartSpec) -> bytes:
        self.charts.append(spec)
        return _png((40, 30))

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


def make_key_figures(rows: int = 10) -> Table:
    return Table(
        label="Tabelle",
        number=1,
        caption="Kennzahlen Lüneburg",
        corner="Merkmal",
        columns=("Wert", "Stichtag"),
        rows=tuple(
            TableRow(f"Merkmal {index}¹⁾", (f"{index * 1000:,}".replace(",", "."), "31.12.2024"))
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


def make_factsheet(
    text: tuple[Node, ...] = (), figures: int = 3, locator: MapFigure | None = LOCATOR
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
        make_key_figures(),
        Heading(2, "Entwicklung im Zeitvergleich", listed=False),
        Part(Role.CHARTS, tuple(make_figure(number) for number in range(1, figures + 1))),
    ]
    if text:
        body.append(Part(Role.OWN_TEXT, (Heading(2, "Aus dem Landkreis", listed=False), *text)))
    body.append(
        Part(
            Role.SHEET_NOTES,
            (
                Heading(2, "Anmerkungen und Quellen", listed=False),
                Footnotes(((1, "Ausländerzentralregister, Stichtag 31.12."),)),
                Paragraph(
                    (Strong((Text("Zeichenerklärung:"),)), Text(" p = vorläufige Zahl")),
                    Style.REMARK,
                ),
                Paragraph((Text("Geometrie: © GeoBasis-DE / BKG 2024"),), Style.REMARK),
                Paragraph(
                    (
                        Text(
                            "Quelle: LSN, Integrationsmonitoring. Datenlizenz Deutschland – "
                            "Namensnennung – 2.0"
                        ),
                    ),
                    Style.REMARK,
                ),
            ),
        )
    )
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


def all_paragraphs(document: Document) -> Iterator[DocxParagraph]:
    """Body paragraphs in reading order, those inside layout tables included."""
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield item


def is_layout(table: DocxTable) -> bool:
    return docxhelpers.table_description(table)[1] == "Layout"


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


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(make_factsheet(OWN_TEXT), FakeImages(), TEMPLATE)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Document:
    return open_docx(rendered)


# --- structure ------------------------------------------------------------------------------


def test_headings_follow_the_fact_sheet_order_without_skipping(document: Document) -> None:
    assert headings(document) == [
        (1, "Steckbrief Lüneburg"),
        (2, "Kennzahlen"),
        (2, "Entwicklung im Zeitvergleich"),
        (2, "Aus dem Landkreis"),
        (3, "Kontakt"),
        (2, "Anmerkungen und Quellen"),
    ]


def test_title_block_puts_the_map_beside_title_subtitle_and_caption(document: Document) -> None:
    head = document.tables[0]
    assert is_layout(head) and len(head.rows) == 1
    text, locator = head.rows[0].cells
    assert [(style_name(p), p.text) for p in text.paragraphs] == [
        ("Notiz", "Testministerium"),
        ("Heading 1", "Steckbrief Lüneburg"),
        ("Subtitle", "Landkreis · Daten 2024"),
        ("Caption", "Lage des Landkreises Lüneburg"),
    ]
    assert text.paragraphs[1].paragraph_format.page_break_before is False
    assert [p.text for p in locator.paragraphs] == [""]
    assert docxhelpers.picture_descriptions(document)[0] == (
        "Karte: Lüneburg im Nordosten Niedersachsens."
    )


def test_without_map_the_title_stands_alone() -> None:
    images = FakeImages()
    document = open_docx(render_docx(make_factsheet(locator=None), images, TEMPLATE))
    first = list(document.iter_inner_content())[1]
    assert isinstance(first, DocxParagraph) and first.text == "Steckbrief Lüneburg"
    assert images.maps == [] and len(docxhelpers.picture_descriptions(document)) == 3


def test_own_text_follows_its_heading(document: Document) -> None:
    body = [p.text for p in all_paragraphs(document)]
    start = body.index("Aus dem Landkreis")
    assert body[start : start + 4] == [
        "Aus dem Landkreis",
        "Der Integrationsrat tagt viermal im Jahr.",
        "Kontakt",
        "Integrationsbüro",
    ]


def test_without_own_text_there_is_no_heading_for_it() -> None:
    document = open_docx(render_docx(make_factsheet(()), FakeImages(), TEMPLATE))
    assert [text for _, text in headings(document)] == [
        "Steckbrief Lüneburg",
        "Kennzahlen",
        "Entwicklung im Zeitvergleich",
        "Anmerkungen und Quellen",
    ]


def test_every_picture_has_alt_text(document: Document) -> None:
    assert docxhelpers.picture_descriptions(document) == [
        "Karte: Lüneburg im Nordosten Niedersachsens.",
        "Linie 1: von 8,0 auf 9,5 %.",
        "Linie 2: von 8,0 auf 9,5 %.",
        "Linie 3: von 8,0 auf 9,5 %.",
    ]


def test_pictures_are_smaller_than_in_the_report(document: Document) -> None:
    map_width, *chart_widths = (shape.width.cm for shape in document.inline_shapes)
    assert 3.5 <= map_width <= 5.0
    assert all(6.0 <= width <= 8.0 for width in chart_widths)


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


def test_key_figure_table_repeats_its_header_and_aligns_numbers(document: Document) -> None:
    [table] = [table for table in document.tables if not is_layout(table)]
    assert [cell.text for cell in table.rows[0].cells] == ["Merkmal", "Wert", "Stichtag"]
    assert len(table.rows) == 11
    assert docxhelpers.is_header_row(table.rows[0])
    assert not any(docxhelpers.is_header_row(row) for row in table.rows[1:])
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert docxhelpers.table_description(table) == ("Tabelle 1: Kennzahlen Lüneburg", "")
    caption = table._element.getprevious()
    assert caption is not None and "Kennzahlen Lüneburg" in "".join(caption.itertext())


def test_key_figure_columns_fit_their_values_and_leave_the_rest_to_row_headers(
    document: Document,
) -> None:
    [table] = [table for table in document.tables if not is_layout(table)]
    widths = [column.width.cm for column in table.columns]
    assert sum(widths) == pytest.approx(16.0, abs=0.05)
    assert widths[0] > 9 and all(1.2 <= width <= 3.5 for width in widths[1:])
    assert widths[2] > widths[1]  # "31.12.2024" is longer than "10.000"


def test_charts_sit_two_to_a_row_in_a_marked_layout_table(document: Document) -> None:
    charts = document.tables[-1]
    assert is_layout(charts)
    assert [len(row.cells) for row in charts.rows] == [2, 2]
    assert [cell.paragraphs[-1].text for cell in charts.rows[0].cells] == [SOURCE, SOURCE]
    assert charts.rows[1].cells[1].text == ""


def test_layout_tables_have_no_header_lines_or_bonds_between_rows(document: Document) -> None:
    layouts = [table for table in document.tables if is_layout(table)]
    assert len(layouts) == 2
    for table in layouts:
        assert table.style is None or table.style.name != "Berichtstabelle"
        assert not any(docxhelpers.is_header_row(row) for row in table.rows)
        paragraphs = [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
        assert not any(p.paragraph_format.keep_with_next for p in paragraphs)


def test_a_single_chart_needs_no_layout_table() -> None:
    document = open_docx(render_docx(make_factsheet(figures=1), FakeImages(), TEMPLATE))
    assert [is_layout(table) for table in document.tables] == [True, False]
    assert len(docxhelpers.picture_descriptions(document)) == 2


def test_notes_list_footnotes_signs_map_source_attribution_and_terms(document: Document) -> None:
    body = [p.text for p in all_paragraphs(document)]
    notes = body[body.index("Anmerkungen und Quellen") + 1 :]
    assert notes == [
        "1) Ausländerzentralregister, Stichtag 31.12.",
        "Zeichenerklärung: p = vorläufige Zahl",
        "Geometrie: © GeoBasis-DE / BKG 2024",
        "Quelle: LSN, Integrationsmonitoring. Datenlizenz Deutschland – Namensnennung – 2.0",
    ]
    assert texts(document, "Notiz")[-4:] == notes


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
