"""The DOCX output: read back with python-docx and checked by structure, never by bytes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import (
    Appendix,
    BulletList,
    Cell,
    Chapter,
    ChartSeries,
    ChartSpec,
    Emphasis,
    Figure,
    Imprint,
    IndicatorBlock,
    Interpretation,
    Link,
    Note,
    Paragraph,
    Report,
    Section,
    SignExplanation,
    SourceEntry,
    SubHeading,
    Table,
    TableRow,
    Text,
    TextStatus,
)
from reportgen.errors import ConfigError
from reportgen.load.config import StyleFiles
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.report import REQUIRED_STYLES, check_word_template, render_docx

STYLES = Path(__file__).resolve().parent.parent / "styles"
STYLE_FILES = StyleFiles(
    css=STYLES / "report.css",
    diagramme=STYLES / "report.mplstyle",
    word_vorlage=STYLES / "reference.docx",
    schriften=STYLES / "fonts",
)
SOURCE = "Quelle: LSN, Integrationsmonitoring Niedersachsen, Datenstand 2024."


# --- builders ------------------------------------------------------------------------------


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def make_figure(number: int, values: dict[int, float]) -> Figure:
    years = tuple(str(year) for year in values)
    return Figure(
        number=number,
        caption=f"Figur {number} (in %)",
        alt_text=f"Liniendiagramm {number}: von {min(values.values())} auf {max(values.values())}.",
        chart=ChartSpec(
            "line",
            years,
            (ChartSeries("Niedersachsen", tuple(values.values())),),
            "%",
            1,
            tuple(float(year) for year in values),
        ),
        source=SOURCE,
    )


def make_table(number: int, values: dict[int, float]) -> Table:
    cells = tuple(Cell(f"{value:.1f}".replace(".", ",")) for value in values.values())
    return Table(
        number=number,
        caption=f"Tabelle der Figur {number} (in %)",
        corner="Gebietseinheit",
        columns=tuple(str(year) for year in values),
        rows=(TableRow("Niedersachsen", cells), TableRow("Hannover", cells)),
        unit="in %",
        notes=("Zeichen: p = vorläufige Zahl.",),
        source=SOURCE,
    )


def make_indicator(
    indicator_id: str, values: dict[int, float], status: TextStatus = "freigegeben", number: int = 1
) -> IndicatorBlock:
    dotted = indicator_id.replace("-", ".")
    return IndicatorBlock(
        id=indicator_id,
        number=dotted,
        title=f"Indikator {dotted}",
        anchor=f"ind-{indicator_id}",
        key_statement=f"Niedersachsen: {values[max(values)]} ({max(values)}).",
        figure=make_figure(number, values),
        table=make_table(number, values),
        interpretation=Interpretation(
            (
                para(f"Lesehilfe {dotted}: Der Anteil ist gestiegen."),
                SubHeading((Text("Was die Zahl nicht sagt"),)),
                BulletList(((Text("keine Bewertung"),), (Emphasis((Text("kein Vergleich"),)),))),
            ),
            status,
        ),
        notes=(
            Note("Definition", (para("Anteil an der Bevölkerung."),)),
            Note(
                "Datenquelle",
                (
                    Paragraph(
                        (Link((Text("LSN-Online"),), "https://www.statistik.niedersachsen.de/"),)
                    ),
                    SubHeading((Text("Stichtag"),)),
                    para("31.12."),
                ),
            ),
        ),
        source=SOURCE + " Datenbasis: Ausländerzentralregister.",
    )


def make_report() -> Report:
    first = make_indicator("1-2-1", {2020: 10.0, 2021: 10.5, 2022: 11.2}, "freigegeben", 1)
    second = make_indicator("1-2-2", {2021: 3.0, 2022: 2.5, 2023: 2.0}, "entwurf", 2)
    return Report(
        title="Integrationsbericht Testland 2025",
        subtitle="Beispielausgabe",
        reporting_year=2025,
        language="de",
        imprint=Imprint(
            publisher="Testministerium",
            publication_date=dt.date(2025, 12, 18),
            blocks=(
                para("Musterstraße 1, 30159 Hannover"),
                SubHeading((Text("Redaktion"),)),
            ),
            attribution="Quelle: LSN, Integrationsmonitoring.",
            terms="© LSN.",
        ),
        foreword=(
            para("Liebe Leserinnen und Leser,"),
            SubHeading((Text("Dank"),)),
            BulletList(((Text("erstens"),), (Text("zweitens"),)), ordered=True),
        ),
        chapters=(
            Chapter(
                number="1",
                title="Bevölkerung & Demografie",
                anchor="hf-1",
                intro=(para("Einleitung des Handlungsfelds."),),
                sections=(
                    Section(
                        number="1.2",
                        title="Ausländerinnen und Ausländer",
                        anchor="thema-1-2",
                        intro=(SubHeading((Text("Konzept"),)), para("Staatsangehörigkeit.")),
                        indicators=(first, second),
                    ),
                ),
            ),
        ),
        appendix=Appendix(
            signs=(
                SignExplanation("–", "nichts vorhanden (genau null)"),
                SignExplanation("p", "vorläufige Zahl"),
            ),
            sources=(
                SourceEntry("Ausländerzentralregister", ("1.2.1", "1.2.2")),
                SourceEntry(
                    "Mikrozensus",
                    ("1.3.1",),
                    (Link((Text("Mikrozensus"),), "https://www.destatis.de/"),),
                ),
            ),
        ),
    )


# --- reading the document back ------------------------------------------------------------


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def heading_level(paragraph: DocxParagraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    return int(name.removeprefix("Heading ")) if name and name.startswith("Heading ") else None


def headings(document: Document) -> list[tuple[int, str]]:
    return [(level, p.text) for p in document.paragraphs if (level := heading_level(p)) is not None]


def style_name(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def assert_levels_never_skip(document: Document) -> None:
    previous = 0
    for level, text in headings(document):
        assert level <= previous + 1, f"„{text}“ springt von Ebene {previous} auf {level}"
        previous = level


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


@pytest.fixture(scope="module")
def rendered(report: Report) -> bytes:
    return render_docx(report, STYLE_FILES)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> Document:
    return open_docx(rendered)


# --- structure ------------------------------------------------------------------------------


def test_headings_follow_the_report_outline(document: Document) -> None:
    assert headings(document) == [
        (1, "Vorwort"),
        (2, "Dank"),
        (1, "1 Bevölkerung & Demografie"),
        (2, "1.2 Ausländerinnen und Ausländer"),
        (3, "Konzept"),
        (3, "1.2.1 Indikator 1.2.1"),
        (4, "Lese- und Interpretationshilfe"),
        (5, "Was die Zahl nicht sagt"),
        (4, "Methodische Hinweise"),
        (5, "Definition"),
        (5, "Datenquelle"),
        (6, "Stichtag"),
        (3, "1.2.2 Indikator 1.2.2"),
        (4, "Lese- und Interpretationshilfe"),
        (5, "Was die Zahl nicht sagt"),
        (4, "Methodische Hinweise"),
        (5, "Definition"),
        (5, "Datenquelle"),
        (6, "Stichtag"),
        (1, "Anhang"),
        (2, "Zeichenerklärung"),
        (2, "Datenquellen"),
    ]


def test_heading_levels_never_skip(document: Document) -> None:
    assert_levels_never_skip(document)


def test_cover_uses_title_styles_not_headings(document: Document) -> None:
    cover = [(style_name(p), p.text) for p in document.paragraphs[:4]]
    assert cover == [
        ("Title", "Integrationsbericht Testland 2025"),
        ("Subtitle", "Beispielausgabe"),
        ("Subtitle", "Berichtsjahr 2025"),
        ("Subtitle", "Testministerium"),
    ]


def test_imprint_has_publisher_german_date_terms_and_no_headings(document: Document) -> None:
    texts = [p.text for p in document.paragraphs]
    imprint = texts[texts.index("Impressum") : texts.index("Inhalt")]
    assert "Herausgeber: Testministerium" in imprint
    assert "Stand: 18.12.2025" in imprint
    assert {"Redaktion", "Quelle: LSN, Integrationsmonitoring.", "© LSN."} <= set(imprint)
    assert document.paragraphs[texts.index("Impressum")].paragraph_format.page_break_before


def test_table_of_contents_field_is_updated_when_word_opens_the_file(document: Document) -> None:
    [toc] = [
        p
        for p in document.paragraphs
        if docx_xml.field_instructions(p)[:1]
        and docx_xml.field_instructions(p)[0].startswith("TOC")
    ]
    assert docx_xml.field_instructions(toc) == ['TOC \\o "1-3" \\h \\z \\u']
    assert toc.text == "Inhaltsverzeichnis – zum Aktualisieren F9 drücken"
    update = document.settings.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}updateFields"
    )
    assert update is not None


def test_every_picture_has_alt_text(report: Report, document: Document) -> None:
    figures = [block.figure for block in report.indicator_blocks() if block.figure]
    assert docx_xml.picture_descriptions(document) == [figure.alt_text for figure in figures]
    widths = [shape.width.cm for shape in document.inline_shapes]
    assert all(15.5 <= width <= 16.1 for width in widths)


def test_figure_caption_follows_the_picture(document: Document) -> None:
    captions = [p.text for p in document.paragraphs if style_name(p) == "Caption"]
    assert captions == [
        "Abbildung 1: Figur 1 (in %)",
        "Tabelle 1: Tabelle der Figur 1 (in %)",
        "Abbildung 2: Figur 2 (in %)",
        "Tabelle 2: Tabelle der Figur 2 (in %)",
    ]
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Abbildung "):
            assert docx_xml.field_instructions(paragraph) == ["SEQ Abbildung \\* ARABIC"]


def test_table_caption_stands_above_the_table(document: Document) -> None:
    content = list(document.iter_inner_content())
    for index, item in enumerate(content):
        if isinstance(item, DocxTable) and item.rows[0].cells[0].text == "Gebietseinheit":
            caption = content[index - 1]
            assert isinstance(caption, DocxParagraph)
            assert style_name(caption) == "Caption" and caption.text.startswith("Tabelle ")
            assert caption.paragraph_format.keep_with_next


def test_every_table_repeats_its_header_row(document: Document) -> None:
    assert len(document.tables) == 3
    for table in document.tables:
        assert docx_xml.is_header_row(table.rows[0])
        assert not any(docx_xml.is_header_row(row) for row in table.rows[1:])
        assert table.style is not None and table.style.name == "Berichtstabelle"


def test_data_table_has_row_headers_and_right_aligned_numbers(document: Document) -> None:
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Gebietseinheit", "2020", "2021", "2022"]
    assert [cell.text for cell in table.rows[1].cells] == ["Niedersachsen", "10,0", "10,5", "11,2"]
    header, value = table.rows[1].cells[0].paragraphs[0], table.rows[1].cells[1].paragraphs[0]
    assert style_name(header) == "Tabellenkopf" and header.style.font.bold
    assert value.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_notes_and_sources_are_small_paragraphs(document: Document) -> None:
    notes = [p.text for p in document.paragraphs if style_name(p) == "Notiz"]
    sources = [p.text for p in document.paragraphs if style_name(p) == "Quelle"]
    assert notes.count("Zeichen: p = vorläufige Zahl.") == 2
    assert sources.count(SOURCE) == 4  # figure and table of two indicators
    assert sources.count(SOURCE + " Datenbasis: Ausländerzentralregister.") == 2


def test_key_statements_precede_the_figures(document: Document) -> None:
    statements = [p.text for p in document.paragraphs if style_name(p) == "Kernaussage"]
    assert statements == ["Niedersachsen: 11.2 (2022).", "Niedersachsen: 2.0 (2023)."]


def test_interpretation_texts_are_present(document: Document) -> None:
    texts = [p.text for p in document.paragraphs]
    assert "Lesehilfe 1.2.1: Der Anteil ist gestiegen." in texts
    assert "[Entwurf – noch nicht freigegeben] Lesehilfe 1.2.2: Der Anteil ist gestiegen." in texts
    assert texts.count("keine Bewertung") == 2


def test_only_unreleased_interpretations_are_marked(document: Document) -> None:
    drafts = [p.text for p in document.paragraphs if style_name(p) == "Entwurf"]
    assert drafts == [
        "[Entwurf – noch nicht freigegeben] Lesehilfe 1.2.2: Der Anteil ist gestiegen."
    ]
    [mark] = [p for p in document.paragraphs if p.text.startswith("[Entwurf")]
    assert mark.runs[0].bold


def test_inline_formatting_and_links_survive(document: Document) -> None:
    [emphasis] = [p for p in document.paragraphs if p.text == "kein Vergleich"][:1]
    assert emphasis.runs[0].italic
    links = [(link.text, link.address) for p in document.paragraphs for link in p.hyperlinks]
    assert links.count(("LSN-Online", "https://www.statistik.niedersachsen.de/")) == 2
    assert ("Mikrozensus", "https://www.destatis.de/") in links


def test_lists_use_the_templates_list_styles(document: Document) -> None:
    numbered = [p.text for p in document.paragraphs if style_name(p) == "List Number"]
    assert numbered == ["erstens", "zweitens"]
    bullets = [p.text for p in document.paragraphs if style_name(p) == "List Bullet"]
    assert "keine Bewertung" in bullets


def test_appendix_explains_signs_and_lists_sources(document: Document) -> None:
    signs = document.tables[-1]
    assert [[cell.text for cell in row.cells] for row in signs.rows] == [
        ["Zeichen", "Bedeutung"],
        ["–", "nichts vorhanden (genau null)"],
        ["p", "vorläufige Zahl"],
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Ausländerzentralregister: Indikatoren 1.2.1, 1.2.2" in texts
    assert "Mikrozensus: Indikator 1.3.1 – Mikrozensus" in texts


# --- document properties -------------------------------------------------------------------


def test_document_language_is_german(document: Document) -> None:
    assert docx_xml.document_language(document) == "de-DE"
    assert document.core_properties.language == "de-DE"


def test_core_properties_come_from_the_report(document: Document) -> None:
    properties = document.core_properties
    assert properties.title == "Integrationsbericht Testland 2025"
    assert properties.subject == "Beispielausgabe"
    assert properties.author == "Testministerium"
    assert properties.created == properties.modified == dt.datetime(2025, 12, 18, tzinfo=dt.UTC)


def test_page_is_a4_with_title_header_and_page_numbers(document: Document) -> None:
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Integrationsbericht Testland 2025"
    assert docx_xml.field_instructions(section.footer.paragraphs[0]) == ["PAGE"]


def test_same_report_gives_same_bytes(report: Report, rendered: bytes) -> None:
    assert render_docx(report, STYLE_FILES) == rendered


# --- the template -------------------------------------------------------------------------


def test_reference_template_has_every_style(tmp_path: Path) -> None:
    check_word_template(STYLE_FILES.word_template)


def test_template_without_a_style_is_rejected_by_name(tmp_path: Path) -> None:
    template = docx.Document(str(STYLE_FILES.word_template))
    template.styles["Quelle"].delete()
    template.styles["Berichtstabelle"].delete()
    path = tmp_path / "vorlage.docx"
    template.save(str(path))
    with pytest.raises(ConfigError) as caught:
        check_word_template(path)
    message = str(caught.value)
    assert "vorlage.docx" in message
    assert "„Quelle“" in message and "„Berichtstabelle“" in message
    assert "„Notiz“" not in message


def test_unreadable_template_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.docx"
    path.write_text("kein Word-Dokument", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kaputt\.docx"):
        check_word_template(path)
    with pytest.raises(ConfigError, match=r"fehlt\.docx"):
        render_docx(make_report(), StyleFiles(word_vorlage=tmp_path / "fehlt.docx"))


def test_required_styles_include_every_heading_level() -> None:
    assert {f"Heading {level}" for level in range(1, 7)} <= set(REQUIRED_STYLES)


# --- the example report --------------------------------------------------------------------


def test_example_report_renders_accessibly() -> None:
    from reportgen.compose.report import compose_report
    from reportgen.load.project import load_project
    from reportgen.resources import EXAMPLE_PROJECT

    project = load_project(EXAMPLE_PROJECT)
    report = compose_report(project)
    document = open_docx(render_docx(report, project.config.styles))
    blocks = report.indicator_blocks()
    descriptions = docx_xml.picture_descriptions(document)
    assert len(descriptions) == sum(1 for block in blocks if block.figure)
    assert all(description.strip() for description in descriptions)
    assert len(document.tables) == sum(1 for block in blocks if block.table) + 1
    assert all(docx_xml.is_header_row(table.rows[0]) for table in document.tables)
    assert_levels_never_skip(document)
    level_three = [text for level, text in headings(document) if level == 3]
    assert level_three[: len(blocks)] == [f"{b.number} {b.title}" for b in blocks]
    assert docx_xml.document_language(document) == "de-DE"
    assert document.core_properties.title == report.title
