"""Report → DOCX via python-docx on the designer's Word template (``styles/reference.docx``).

The renderer only walks the model: every look comes from the template's styles, every raw-XML
detail from ``docx_xml``. The page setup is the template's; the file's dates come from the
publication date, so the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import assert_never

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen import docx_xml
from reportgen.charts import render_png
from reportgen.config import StyleFiles
from reportgen.errors import ConfigError, Location
from reportgen.formatting import format_date
from reportgen.model import (
    Appendix,
    Block,
    BulletList,
    Chapter,
    Emphasis,
    Figure,
    Imprint,
    IndicatorBlock,
    Inline,
    Interpretation,
    LineBreak,
    Link,
    Paragraph,
    Report,
    Strong,
    SubHeading,
    Table,
    Text,
    TextStatus,
)

# Style names the renderer uses; a replacement template must define all of them.
TITLE, SUBTITLE, NORMAL, CAPTION = "Title", "Subtitle", "Normal", "Caption"
KEY_STATEMENT, FIGURE, DRAFT = "Kernaussage", "Abbildung", "Entwurf"
SOURCE, NOTE = "Quelle", "Notiz"
BULLET, NUMBER, HYPERLINK, TOC_HEADING = "List Bullet", "List Number", "Hyperlink", "TOC Heading"
TABLE, TABLE_HEAD, TABLE_TEXT = "Berichtstabelle", "Tabellenkopf", "Tabellentext"
HEADER, FOOTER = "Header", "Footer"
DEEPEST_HEADING = 6

REQUIRED_STYLES: dict[str, WD_STYLE_TYPE] = {
    **{
        name: WD_STYLE_TYPE.PARAGRAPH
        for name in (
            NORMAL,
            TITLE,
            SUBTITLE,
            CAPTION,
            KEY_STATEMENT,
            FIGURE,
            SOURCE,
            NOTE,
            DRAFT,
            BULLET,
            NUMBER,
            TOC_HEADING,
            TABLE_HEAD,
            TABLE_TEXT,
            HEADER,
            FOOTER,
            *(f"Heading {level}" for level in range(1, DEEPEST_HEADING + 1)),
        )
    },
    HYPERLINK: WD_STYLE_TYPE.CHARACTER,
    TABLE: WD_STYLE_TYPE.TABLE,
}
_KIND_NAMES = {
    WD_STYLE_TYPE.PARAGRAPH: "Absatz",
    WD_STYLE_TYPE.CHARACTER: "Zeichen",
    WD_STYLE_TYPE.TABLE: "Tabelle",
}

STATUS_MARKS: dict[TextStatus, str] = {
    "freigegeben": "",
    "entwurf": "[Entwurf]",
    "generiert": "[Automatisch erzeugt]",
    "fehlt": "[Fehlt]",
}
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "Inhaltsverzeichnis – zum Aktualisieren F9 drücken"
FULL_WIDTH = Cm(16)
NUMBER_COLUMN = Cm(2.0)
_LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}


def render_docx(report: Report, styles: StyleFiles) -> bytes:
    """The whole report as a .docx file, in the order of the PDF."""
    document = _open_template(styles.word_template)
    docx_xml.clear_body(document)
    _set_up(document, report)
    _cover(document, report)
    _imprint(document, report.imprint)
    _contents(document)
    if report.foreword:
        _heading(document, 1, "Vorwort")
        _blocks(document, report.foreword, 2)
    for chapter in report.chapters:
        _chapter(document, chapter, styles)
    _appendix(document, report.appendix)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), report.imprint.publication_date)


def check_word_template(path: Path) -> None:
    """Raise ConfigError unless the template opens and defines every style the renderer uses."""
    _open_template(path)


def _open_template(path: Path) -> Document:
    try:
        document: Document = docx.Document(str(path))
    except (
        OSError,
        ValueError,
        KeyError,
        SyntaxError,
        zipfile.BadZipFile,
        PackageNotFoundError,
    ) as exc:
        raise ConfigError(
            "Die Word-Vorlage kann nicht geöffnet werden.",
            Location(path),
            "Geben Sie unter stile.word_vorlage eine .docx-Datei an.",
        ) from exc
    present = {(style.name, style.type) for style in document.styles}
    missing = [
        f"„{name}“ ({_KIND_NAMES[kind]})"
        for name, kind in REQUIRED_STYLES.items()
        if (name, kind) not in present
    ]
    if missing:
        raise ConfigError(
            "Der Word-Vorlage fehlen Formatvorlagen: " + ", ".join(missing) + ".",
            Location(path),
            "Legen Sie die Formatvorlagen mit genau diesen Namen an oder erzeugen Sie die "
            "Vorlage neu mit styles/make_reference_docx.py.",
        )
    return document


def _set_up(document: Document, report: Report) -> None:
    language = _LANGUAGE_TAGS.get(report.language, report.language)
    docx_xml.set_document_language(document, language)
    docx_xml.request_field_update(document)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = report.title
    section.header.paragraphs[0].style = HEADER
    footer = section.footer.paragraphs[0]
    footer.clear()
    footer.style = FOOTER
    docx_xml.append_field(footer, "PAGE", "1")
    moment = dt.datetime.combine(report.imprint.publication_date, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = properties.last_modified_by = report.imprint.publisher
    properties.language = language
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.comments = properties.keywords = properties.category = ""


def _cover(document: Document, report: Report) -> None:
    document.add_paragraph(report.title, style=TITLE)
    for line in (
        report.subtitle,
        f"Berichtsjahr {report.reporting_year}",
        report.imprint.publisher,
    ):
        if line:
            document.add_paragraph(line, style=SUBTITLE)


def _imprint(document: Document, imprint: Imprint) -> None:
    title = document.add_paragraph(style=NORMAL)
    title.paragraph_format.page_break_before = True
    title.add_run("Impressum").bold = True
    publisher = document.add_paragraph(style=NORMAL)
    publisher.add_run("Herausgeber: ").bold = True
    publisher.add_run(imprint.publisher)
    _blocks(document, imprint.blocks, None)
    document.add_paragraph(f"Stand: {format_date(imprint.publication_date)}", style=NORMAL)
    document.add_paragraph(imprint.attribution, style=SOURCE)
    if imprint.terms:
        document.add_paragraph(imprint.terms, style=NOTE)


def _contents(document: Document) -> None:
    heading = document.add_paragraph("Inhalt", style=TOC_HEADING)
    heading.paragraph_format.page_break_before = True
    docx_xml.append_field(document.add_paragraph(style=NORMAL), TOC_FIELD, TOC_PLACEHOLDER)


def _chapter(document: Document, chapter: Chapter, styles: StyleFiles) -> None:
    _heading(document, 1, f"{chapter.number} {chapter.title}")
    _blocks(document, chapter.intro, 2)
    for section in chapter.sections:
        _heading(document, 2, f"{section.number} {section.title}")
        _blocks(document, section.intro, 3)
        for block in section.indicators:
            _indicator(document, block, styles)


def _indicator(document: Document, block: IndicatorBlock, styles: StyleFiles) -> None:
    _heading(document, 3, f"{block.number} {block.title}")
    if block.key_statement:
        document.add_paragraph(block.key_statement, style=KEY_STATEMENT)
    if block.figure:
        _figure(document, block.figure, styles)
    if block.table:
        _table(document, block.table)
    _interpretation(document, block.interpretation)
    if block.notes:
        _heading(document, 4, "Methodische Hinweise")
        for note in block.notes:
            _heading(document, 5, note.label)
            _blocks(document, note.blocks, 6)
    document.add_paragraph(block.source, style=SOURCE)


def _figure(document: Document, figure: Figure, styles: StyleFiles) -> None:
    png = render_png(figure.chart, styles.chart_style, styles.fonts)
    picture = document.add_paragraph(style=FIGURE).add_run()
    shape = picture.add_picture(io.BytesIO(png), width=_content_width(document))
    docx_xml.describe_picture(shape, figure.alt_text, figure.caption)
    _caption(document, "Abbildung", figure.number, figure.caption)
    document.add_paragraph(figure.source, style=SOURCE)


def _table(document: Document, table: Table) -> None:
    caption = _caption(document, "Tabelle", table.number, table.caption)
    caption.paragraph_format.keep_with_next = True
    width = _content_width(document)
    first = max(Cm(4.5), min(Cm(7), width - NUMBER_COLUMN * len(table.columns)))
    rest = (width - first) // len(table.columns)
    _grid(
        document,
        (table.corner, *table.columns),
        [(row.header, *(cell.text for cell in row.cells)) for row in table.rows],
        [first, *(rest for _ in table.columns)],
        numeric=True,
    )
    for note in table.notes:
        document.add_paragraph(note, style=NOTE)
    document.add_paragraph(table.source, style=SOURCE)


def _grid(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    numeric: bool,
) -> None:
    """A table: header row repeated on each page, row headers in the first column."""
    grid = document.add_table(rows=1 + len(rows), cols=len(header), style=TABLE)
    grid.autofit = False
    for row_index, (row, values) in enumerate(zip(grid.rows, [header, *rows], strict=True)):
        docx_xml.keep_row_together(row)
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.style = TABLE_HEAD if row_index == 0 or column == 0 else TABLE_TEXT
            if numeric and column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(text)
    docx_xml.mark_header_row(grid.rows[0])
    for grid_column, width in zip(grid.columns, widths, strict=True):
        grid_column.width = width


def _caption(document: Document, label: str, number: int, text: str) -> DocxParagraph:
    """``Abbildung 3: …`` with a SEQ field, so Word can list figures and tables."""
    paragraph = document.add_paragraph(f"{label} ", style=CAPTION)
    docx_xml.append_field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
    paragraph.add_run(f": {text}")
    return paragraph


def _interpretation(document: Document, interpretation: Interpretation) -> None:
    _heading(document, 4, "Lese- und Interpretationshilfe")
    mark = STATUS_MARKS[interpretation.status]
    if not mark:
        _blocks(document, interpretation.blocks, 5)
        return
    blocks = interpretation.blocks
    match blocks:
        case (Paragraph(inlines=inlines), *others):
            blocks = (Paragraph((Strong((Text(mark),)), Text(" "), *inlines)), *others)
        case _:
            blocks = (Paragraph((Strong((Text(mark),)),)), *blocks)
    _blocks(document, blocks, 5, DRAFT)


def _appendix(document: Document, appendix: Appendix) -> None:
    _heading(document, 1, "Anhang")
    if appendix.signs:
        _heading(document, 2, "Zeichenerklärung")
        width = _content_width(document)
        _grid(
            document,
            ("Zeichen", "Bedeutung"),
            [(sign.sign, sign.meaning) for sign in appendix.signs],
            [Cm(2.5), width - Cm(2.5)],
            numeric=False,
        )
    if appendix.sources:
        _heading(document, 2, "Datenquellen")
    for source in appendix.sources:
        label = "Indikator" if len(source.indicators) == 1 else "Indikatoren"
        inlines: list[Inline] = [
            Strong((Text(source.name),)),
            Text(f": {label} {', '.join(source.indicators)}"),
        ]
        for link in source.links:
            inlines += [Text(" – "), link]
        _write_inlines(document.add_paragraph(style=BULLET), tuple(inlines))


# --- blocks and inlines ----------------------------------------------------------------------


def _heading(document: Document, level: int, text: str) -> DocxParagraph:
    return document.add_paragraph(text, style=f"Heading {min(level, DEEPEST_HEADING)}")


def _blocks(
    document: Document, blocks: Sequence[Block], level: int | None, style: str = NORMAL
) -> None:
    """Editorial blocks; sub-headings sit at ``level`` (None: no headings, e.g. the imprint)."""
    for block in blocks:
        match block:
            case Paragraph(inlines=inlines):
                _write_inlines(document.add_paragraph(style=style), inlines)
            case BulletList(items=items, ordered=ordered):
                for index, item in enumerate(items):
                    paragraph = document.add_paragraph(style=NUMBER if ordered else BULLET)
                    if ordered and index == 0:
                        docx_xml.restart_numbering(paragraph)
                    _write_inlines(paragraph, item)
            case SubHeading(inlines=inlines):
                if level is None:
                    _write_inlines(document.add_paragraph(style=style), (Strong(inlines),))
                else:
                    _write_inlines(_heading(document, level, ""), inlines)
            case _:
                assert_never(block)


@dataclass(frozen=True)
class _Span:
    """A piece of text with one formatting: what a Word run can hold."""

    text: str
    bold: bool
    italic: bool
    url: str | None


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
            case Link(children=children, url=target):
                yield from _spans(children, bold, italic, target)
            case LineBreak():
                yield _Span("\n", bold, italic, url)
            case _:
                assert_never(node)


def _write_inlines(paragraph: DocxParagraph, inlines: Sequence[Inline]) -> None:
    for url, spans in groupby(_spans(inlines), key=lambda span: span.url):
        runs = []
        for span in spans:
            run = paragraph.add_run(span.text, style=HYPERLINK if url else None)
            run.bold = span.bold or None
            run.italic = span.italic or None
            runs.append(run)
        if url:
            docx_xml.link_runs(paragraph, runs, url)


# --- page and file ---------------------------------------------------------------------------


def _content_width(document: Document) -> Length:
    """The text width of the template's page, at most 16 cm (a chart's natural width)."""
    section = document.sections[0]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return FULL_WIDTH
    return Length(min(FULL_WIDTH, section.page_width - section.left_margin - section.right_margin))


def stable_zip(data: bytes, day: dt.date) -> bytes:
    """python-docx stamps zip entries with the clock; use the publication date instead."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(
                zipfile.ZipInfo(entry.filename, stamp),
                source.read(entry),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return output.getvalue()
