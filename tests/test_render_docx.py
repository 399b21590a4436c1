"""The DOCX output: read back with python-docx and checked by structure, never by bytes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import (
    BulletList,
    ChartKind,
    ChartSeries,
    ChartSpec,
    Contents,
    ContentsEntry,
    Document,
    DocumentMeta,
    Emphasis,
    Figure,
    Heading,
    Link,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    Table,
    TableKind,
    TableRow,
    Text,
    TextStatus,
)
from reportgen.errors import ConfigError
from reportgen.render.charts import ChartImages
from reportgen.render.docx.document import render_docx
from reportgen.render.docx.template import REQUIRED_STYLES, open_template
from reportgen.resources import DEFAULT_STYLES
from tests import docxhelpers
from tests.conftest import EXAMPLE_FIGURES, EXAMPLE_PICTURES

TEMPLATE = DEFAULT_STYLES / "reference.docx"
SOURCE = "Quelle: LSN, Integrationsmonitoring Niedersachsen, Datenstand 2024."


# --- builders ------------------------------------------------------------------------------


def para(text: str, style: Style = Style.BODY) -> Paragraph:
    return Paragraph((Text(text),), style)


def make_figure(number: int, values: dict[int, float]) -> Figure:
    years = tuple(str(year) for year in values)
    return Figure(
        label="Abbildung",
        number=number,
        caption=f"Figur {number} (in %)",
        alt_text=f"Liniendiagramm {number}: von {min(values.values())} auf {max(values.values())}.",
        chart=ChartSpec(
            ChartKind.LINE,
            years,
            (ChartSeries("Niedersachsen", tuple(values.values())),),
            "in %",
            1,
            tuple(float(year) for year in values),
        ),
        source=SOURCE,
    )


def make_table(number: int, values: dict[int, float]) -> Table:
    cells = tuple(f"{value:.1f}".replace(".", ",") for value in values.values())
    return Table(
        label="Tabelle",
        number=number,
        caption=f"Tabelle der Figur {number} (in %)",
        corner="Gebietseinheit",
        columns=tuple(str(year) for year in values),
        rows=(TableRow("Niedersachsen", cells), TableRow("Hannover", cells)),
        notes=("Zeichen: p = vorläufige Zahl.",),
        source=SOURCE,
    )


def make_indicator(
    indicator_id: str, values: dict[int, float], status: TextStatus, number: int
) -> Part:
    dotted = indicator_id.replace("-", ".")
    marks = (
        ()
        if status == TextStatus.RELEASED
        else (para("Entwurf – noch nicht freigegeben", Style.STATUS),)
    )
    return Part(
        Role.INDICATOR,
        (
            Heading(3, f"Indikator {dotted}", dotted, f"ind-{indicator_id}"),
            para(f"Niedersachsen: {values[max(values)]} ({max(values)}).", Style.KEY_STATEMENT),
            make_figure(number, values),
            make_table(number, values),
            Part(
                Role.INTERPRETATION,
                (
                    Heading(4, "Lese- und Interpretationshilfe", listed=False),
                    *marks,
                    para(f"Lesehilfe {dotted}: Der Anteil ist gestiegen."),
                    Heading(5, "Was die Zahl nicht sagt", listed=False),
                    BulletList(
                        ((Text("keine Bewertung"),), (Emphasis((Text("kein Vergleich"),)),))
                    ),
                ),
                status=status,
            ),
            Part(
                Role.METHODS,
                (
                    Heading(4, "Methodische Hinweise", listed=False),
                    Part(Role.NOTE, (Heading(5, "Definition", listed=False), para("Anteil."))),
                    Part(
                        Role.NOTE,
                        (
                            Heading(5, "Datenquelle", listed=False),
                            Paragraph(
                                (
                                    Link(
                                        (Text("LSN-Online"),),
                                        "https://www.statistik.niedersachsen.de/",
                                    ),
                                )
                            ),
                            Heading(6, "Stichtag", listed=False),
                            para("31.12."),
                        ),
                    ),
                ),
            ),
            para(SOURCE + " Datenbasis: Ausländerzentralregister.", Style.SOURCE),
        ),
    )


def make_document() -> Document:
    first = make_indicator("1-2-1", {2020: 10.0, 2021: 10.5, 2022: 11.2}, TextStatus.RELEASED, 1)
    second = make_indicator("1-2-2", {2021: 3.0, 2022: 2.5, 2023: 2.0}, TextStatus.DRAFT, 2)
    signs = Table(
        label="",
        number=None,
        caption="Zeichen in Tabellen und ihre Bedeutung",
        corner="Zeichen",
        columns=("Bedeutung",),
        rows=(
            TableRow("–", ("nichts vorhanden (genau null)",)),
            TableRow("p", ("vorläufige Zahl",)),
        ),
        kind=TableKind.SIGNS,
    )
    body = (
        Part(
            Role.COVER,
            (
                para("Testministerium", Style.COVER_PUBLISHER),
                para("Integrationsbericht Testland 2025", Style.COVER_TITLE),
                para("Beispielausgabe", Style.COVER_SUBTITLE),
                para("Berichtsjahr 2025", Style.COVER_YEAR),
            ),
        ),
        Part(
            Role.IMPRINT,
            (
                Heading(1, "Impressum", listed=False),
                Paragraph((Strong((Text("Herausgeber:"),)), Text(" Testministerium"))),
                para("Musterstraße 1, 30159 Hannover"),
                Heading(2, "Redaktion", listed=False),
                para("Stand: 18. Dezember 2025"),
                para("Quelle: LSN, Integrationsmonitoring.", Style.ATTRIBUTION),
                para("© LSN.", Style.TERMS),
            ),
        ),
        Part(
            Role.CONTENTS,
            (
                Heading(1, "Inhalt", anchor="inhalt", listed=False),
                Contents(
                    (ContentsEntry(1, "1", "Bevölkerung", "hf-1"),), "Zum Aktualisieren F9", 3
                ),
            ),
        ),
        Part(
            Role.FOREWORD,
            (
                Heading(1, "Vorwort", anchor="vorwort"),
                para("Liebe Leserinnen und Leser,"),
                Heading(2, "Dank", listed=False),
                BulletList(((Text("erstens"),), (Text("zweitens"),)), ordered=True),
            ),
        ),
        Part(
            Role.CHAPTER,
            (
                Heading(1, "Bevölkerung & Demografie", "1", "hf-1"),
                para("Einleitung des Handlungsfelds."),
                Part(
                    Role.TOPIC,
                    (
                        Heading(2, "Ausländerinnen und Ausländer", "1.2", "thema-1-2"),
                        Heading(3, "Konzept", listed=False),
                        para("Staatsangehörigkeit."),
                        first,
                        second,
                    ),
                ),
            ),
        ),
        Part(
            Role.APPENDIX,
            (
                Heading(1, "Anhang", anchor="anhang"),
                Heading(2, "Zeichenerklärung", anchor="zeichenerklaerung"),
                signs,
                Heading(2, "Datenquellen", anchor="datenquellen"),
                BulletList(
                    (
                        (
                            Strong((Text("Ausländerzentralregister"),)),
                            Text(": Indikatoren 1.2.1, 1.2.2"),
                        ),
                    )
                ),
            ),
        ),
    )
    meta = DocumentMeta(
        "Integrationsbericht Testland 2025",
        "Beispielausgabe",
        "Testministerium",
        "de",
        dt.date(2025, 12, 18),
    )
    return Document(meta, body)


# --- reading the document back ------------------------------------------------------------


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def heading_level(paragraph: DocxParagraph) -> int | None:
    name = paragraph.style.name if paragraph.style is not None else ""
    for prefix in ("Heading ", "Zwischenüberschrift "):
        if name and name.startswith(prefix):
            return int(name.removeprefix(prefix))
    return None


def headings(document: DocxDocument) -> list[tuple[int, str]]:
    """Headings (also those outside the navigation pane) with the number Word's list shows."""
    numbers = docxhelpers.list_numbers(document)
    return [
        (level, docxhelpers.numbered_text(p, numbers))
        for p in document.paragraphs
        if (level := heading_level(p)) is not None
    ]


def style_name(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def assert_levels_never_skip(document: DocxDocument) -> None:
    previous = 0
    for level, text in headings(document):
        assert level <= previous + 1, f"„{text}“ springt von Ebene {previous} auf {level}"
        previous = level


@pytest.fixture(scope="module")
def model() -> Document:
    return make_document()


@pytest.fixture(scope="module")
def images() -> ChartImages:
    return ChartImages(DEFAULT_STYLES / "report.mplstyle", DEFAULT_STYLES / "fonts", ("png",))


@pytest.fixture(scope="module")
def rendered(model: Document, images: ChartImages) -> bytes:
    return render_docx(model, images, TEMPLATE)


@pytest.fixture(scope="module")
def document(rendered: bytes) -> DocxDocument:
    return open_docx(rendered)


# --- structure ------------------------------------------------------------------------------


def test_headings_follow_the_document_outline(document: DocxDocument) -> None:
    assert headings(document) == [
        (2, "Redaktion"),
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


def test_front_matter_headings_stay_out_of_the_contents(document: DocxDocument) -> None:
    front = [(style_name(p), p.text) for p in document.paragraphs if style_name(p) == "TOC Heading"]
    assert front == [("TOC Heading", "Impressum"), ("TOC Heading", "Inhalt")]
    for paragraph in document.paragraphs:
        if paragraph.text in ("Impressum", "Inhalt"):
            assert paragraph.paragraph_format.page_break_before


def test_cover_uses_title_styles_in_the_order_of_the_model(document: DocxDocument) -> None:
    cover = [(style_name(p), p.text) for p in document.paragraphs[:4]]
    assert cover == [
        ("Subtitle", "Testministerium"),
        ("Title", "Integrationsbericht Testland 2025"),
        ("Subtitle", "Beispielausgabe"),
        ("Subtitle", "Berichtsjahr 2025"),
    ]


def test_table_of_contents_field_is_updated_when_word_opens_the_file(
    document: DocxDocument,
) -> None:
    [toc] = [
        p
        for p in document.paragraphs
        if docxhelpers.field_instructions(p)[:1]
        and docxhelpers.field_instructions(p)[0].startswith("TOC")
    ]
    assert docxhelpers.field_instructions(toc) == ['TOC \\o "1-3" \\h \\z \\u']
    assert toc.text == "1\tBevölkerung"  # filled before Word updates it (test_docx_navigation)
    update = document.settings.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}updateFields"
    )
    assert update is not None


def test_every_picture_has_alt_text(model: Document, document: DocxDocument) -> None:
    from reportgen.compose.model import figures_of

    assert docxhelpers.picture_descriptions(document) == [f.alt_text for f in figures_of(model)]
    widths = [shape.width.cm for shape in document.inline_shapes]
    assert all(15.5 <= width <= 16.1 for width in widths)


def test_captions_carry_the_models_label_and_number(document: DocxDocument) -> None:
    captions = [p.text for p in document.paragraphs if style_name(p) == "Caption"]
    assert captions == [
        "Abbildung 1: Figur 1 (in %)",
        "Tabelle 1: Tabelle der Figur 1 (in %)",
        "Abbildung 2: Figur 2 (in %)",
        "Tabelle 2: Tabelle der Figur 2 (in %)",
        "Zeichen in Tabellen und ihre Bedeutung",
    ]
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Abbildung "):
            assert docxhelpers.field_instructions(paragraph) == ["SEQ Abbildung \\* ARABIC"]
        if paragraph.text.startswith("Zeichen in"):
            assert docxhelpers.field_instructions(paragraph) == []  # a table without number


def test_table_caption_stands_above_the_table(document: DocxDocument) -> None:
    content = list(document.iter_inner_content())
    for index, item in enumerate(content):
        if isinstance(item, DocxTable) and item.rows[0].cells[0].text == "Gebietseinheit":
            caption = content[index - 1]
            assert isinstance(caption, DocxParagraph)
            assert style_name(caption) == "Caption" and caption.text.startswith("Tabelle ")
            assert caption.paragraph_format.keep_with_next


def test_every_table_repeats_its_header_row(document: DocxDocument) -> None:
    assert len(document.tables) == 3
    for table in document.tables:
        assert docxhelpers.is_header_row(table.rows[0])
        assert not any(docxhelpers.is_header_row(row) for row in table.rows[1:])
        assert table.style is not None and table.style.name == "Berichtstabelle"


def test_data_table_has_row_headers_and_right_aligned_numbers(document: DocxDocument) -> None:
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Gebietseinheit", "2020", "2021", "2022"]
    assert [cell.text for cell in table.rows[1].cells] == ["Niedersachsen", "10,0", "10,5", "11,2"]
    header, value = table.rows[1].cells[0].paragraphs[0], table.rows[1].cells[1].paragraphs[0]
    assert style_name(header) == "Tabellenkopf" and header.style.font.bold
    assert value.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_notes_and_sources_are_small_paragraphs(document: DocxDocument) -> None:
    notes = [p.text for p in document.paragraphs if style_name(p) == "Notiz"]
    sources = [p.text for p in document.paragraphs if style_name(p) == "Quelle"]
    assert notes.count("Zeichen: p = vorläufige Zahl.") == 2
    assert sources.count(SOURCE) == 4  # figure and table of two indicators
    assert sources.count(SOURCE + " Datenbasis: Ausländerzentralregister.") == 2


def test_key_statements_precede_the_figures(document: DocxDocument) -> None:
    statements = [p.text for p in document.paragraphs if style_name(p) == "Kernaussage"]
    assert statements == ["Niedersachsen: 11.2 (2022).", "Niedersachsen: 2.0 (2023)."]


def test_only_unreleased_text_is_marked_and_styled_as_draft(document: DocxDocument) -> None:
    drafts = [p.text for p in document.paragraphs if style_name(p) == "Entwurf"]
    assert drafts == [
        "Entwurf – noch nicht freigegeben",
        "Lesehilfe 1.2.2: Der Anteil ist gestiegen.",
    ]
    [mark] = [p for p in document.paragraphs if p.text.startswith("Entwurf –")]
    assert mark.runs[0].bold
    assert "Lesehilfe 1.2.1: Der Anteil ist gestiegen." in [p.text for p in document.paragraphs]


def test_inline_formatting_and_links_survive(document: DocxDocument) -> None:
    [emphasis] = [p for p in document.paragraphs if p.text == "kein Vergleich"][:1]
    assert emphasis.runs[0].italic
    links = [(link.text, link.address) for p in document.paragraphs for link in p.hyperlinks]
    assert links.count(("LSN-Online", "https://www.statistik.niedersachsen.de/")) == 2
    [publisher] = [p for p in document.paragraphs if p.text.startswith("Herausgeber:")]
    assert publisher.runs[0].bold and not publisher.runs[1].bold


def test_lists_use_the_templates_list_styles(document: DocxDocument) -> None:
    numbered = [p.text for p in document.paragraphs if style_name(p) == "List Number"]
    assert numbered == ["erstens", "zweitens"]
    bullets = [p.text for p in document.paragraphs if style_name(p) == "List Bullet"]
    assert "keine Bewertung" in bullets
    assert "Ausländerzentralregister: Indikatoren 1.2.1, 1.2.2" in bullets


def test_sign_table_reads_as_text(document: DocxDocument) -> None:
    signs = document.tables[-1]
    assert [[cell.text for cell in row.cells] for row in signs.rows] == [
        ["Zeichen", "Bedeutung"],
        ["–", "nichts vorhanden (genau null)"],
        ["p", "vorläufige Zahl"],
    ]
    assert signs.rows[1].cells[1].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


# --- document properties -------------------------------------------------------------------


def test_document_language_is_german(document: DocxDocument) -> None:
    assert docxhelpers.document_language(document) == "de-DE"
    assert document.core_properties.language == "de-DE"


def test_core_properties_come_from_the_document(document: DocxDocument) -> None:
    properties = document.core_properties
    assert properties.title == "Integrationsbericht Testland 2025"
    assert properties.subject == "Beispielausgabe"
    assert properties.author == "Testministerium"
    # python-docx 1.1 reads the stamps back without their "Z", 1.2 as UTC
    stamps = {stamp.replace(tzinfo=dt.UTC) for stamp in (properties.created, properties.modified)}
    assert stamps == {dt.datetime(2025, 12, 18, tzinfo=dt.UTC)}


def test_page_is_a4_with_title_header_and_page_numbers(document: DocxDocument) -> None:
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer  # a cover has no header
    assert section.header.paragraphs[0].text == "Integrationsbericht Testland 2025"
    assert docxhelpers.field_instructions(section.footer.paragraphs[0]) == ["PAGE"]


def test_same_document_gives_same_bytes(
    model: Document, images: ChartImages, rendered: bytes
) -> None:
    assert render_docx(model, images, TEMPLATE) == rendered


# --- the template -------------------------------------------------------------------------


def test_reference_template_has_every_style() -> None:
    open_template(TEMPLATE)


def test_template_without_a_style_is_rejected_by_name(tmp_path: Path) -> None:
    template = docx.Document(str(TEMPLATE))
    template.styles["Quelle"].delete()
    template.styles["Berichtstabelle"].delete()
    path = tmp_path / "vorlage.docx"
    template.save(str(path))
    with pytest.raises(ConfigError) as caught:
        open_template(path)
    message = str(caught.value)
    assert "vorlage.docx" in message
    assert "„Quelle“" in message and "„Berichtstabelle“" in message
    assert "„Notiz“" not in message


def test_unreadable_template_is_a_config_error(tmp_path: Path, images: ChartImages) -> None:
    path = tmp_path / "kaputt.docx"
    path.write_text("kein Word-Dokument", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kaputt\.docx"):
        open_template(path)
    with pytest.raises(ConfigError, match=r"fehlt\.docx"):
        render_docx(make_document(), images, tmp_path / "fehlt.docx")


def test_required_styles_include_every_heading_level() -> None:
    assert {f"Heading {level}" for level in range(1, 7)} <= set(REQUIRED_STYLES)


# --- the bundled example -----------------------------------------------------------------------


@pytest.mark.xdist_group("example")
def test_example_docx_is_accessible(example_outputs: dict[str, Path]) -> None:
    document = docx.Document(str(example_outputs["docx"]))
    assert docxhelpers.document_language(document) == "de-DE"
    descriptions = docxhelpers.picture_descriptions(document)
    assert len(descriptions) == EXAMPLE_FIGURES + EXAMPLE_PICTURES
    assert all(d.strip() for d in descriptions)
    assert_levels_never_skip(document)
    tables = docxhelpers.all_tables(document)
    assert tables and all(docxhelpers.is_header_row(t.rows[0]) for t in tables)
