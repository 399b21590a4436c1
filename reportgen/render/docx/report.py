"""Report → DOCX via python-docx on the designer's Word template (``styles/reference.docx``).

The renderer only walks the model: every look comes from the template's styles, every raw-XML
detail from ``docx_xml``. The page setup is the template's; the file's dates come from the
publication date, so the same report gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.shared import Cm

from reportgen.compose.formatting import format_date
from reportgen.compose.model import (
    Appendix,
    Block,
    Chapter,
    Imprint,
    IndicatorBlock,
    Inline,
    Interpretation,
    Paragraph,
    Report,
    Strong,
    Text,
    TextStatus,
    status_note,
)
from reportgen.load.config import StyleFiles
from reportgen.render.charts import render_png
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.parts import (
    add_blocks,
    add_data_table,
    add_figure,
    add_grid,
    add_heading,
    write_inlines,
)
from reportgen.render.docx.template import (
    BULLET,
    DRAFT,
    KEY_STATEMENT,
    NORMAL,
    NOTE,
    REQUIRED_STYLES,
    SOURCE,
    SUBTITLE,
    TITLE,
    TOC_HEADING,
    content_width,
    open_template,
    save,
    set_up,
    stable_zip,
)

__all__ = ["REQUIRED_STYLES", "check_word_template", "render_docx", "stable_zip"]

_STATUSES: tuple[TextStatus, ...] = ("freigegeben", "entwurf", "generiert", "fehlt")
STATUS_MARKS: dict[TextStatus, str] = {
    status: f"[{status_note(status)}]" if status_note(status) else "" for status in _STATUSES
}
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "Inhaltsverzeichnis – zum Aktualisieren F9 drücken"


def render_docx(report: Report, styles: StyleFiles) -> bytes:
    """The whole report as a .docx file, in the order of the PDF."""
    document = open_template(styles.word_template)
    set_up(
        document,
        title=report.title,
        subject=report.subtitle,
        author=report.imprint.publisher,
        language=report.language,
        day=report.imprint.publication_date,
        header_on_first_page=False,
    )
    docx_xml.request_field_update(document)
    _cover(document, report)
    _imprint(document, report.imprint)
    _contents(document)
    if report.foreword:
        add_heading(document, 1, "Vorwort")
        _marked(document, report.foreword, report.foreword_status, 2)
    for chapter in report.chapters:
        _chapter(document, chapter, styles)
    _appendix(document, report.appendix)
    return save(document, report.imprint.publication_date)


def check_word_template(path: Path) -> None:
    """Raise ConfigError unless the template opens and defines every style the renderer uses."""
    open_template(path)


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
    add_blocks(document, imprint.blocks, None)
    document.add_paragraph(f"Stand: {format_date(imprint.publication_date)}", style=NORMAL)
    document.add_paragraph(imprint.attribution, style=SOURCE)
    if imprint.terms:
        document.add_paragraph(imprint.terms, style=NOTE)


def _contents(document: Document) -> None:
    title = document.add_paragraph("Inhalt", style=TOC_HEADING)
    title.paragraph_format.page_break_before = True
    docx_xml.append_field(document.add_paragraph(style=NORMAL), TOC_FIELD, TOC_PLACEHOLDER)


def _chapter(document: Document, chapter: Chapter, styles: StyleFiles) -> None:
    add_heading(document, 1, f"{chapter.number} {chapter.title}")
    _marked(document, chapter.intro, chapter.intro_status, 2)
    for section in chapter.sections:
        add_heading(document, 2, f"{section.number} {section.title}")
        add_blocks(document, section.intro, 3)
        for block in section.indicators:
            _indicator(document, block, styles)


def _indicator(document: Document, block: IndicatorBlock, styles: StyleFiles) -> None:
    add_heading(document, 3, f"{block.number} {block.title}")
    if block.key_statement:
        document.add_paragraph(block.key_statement, style=KEY_STATEMENT)
    if block.figure:
        png = render_png(block.figure.chart, styles.chart_style, styles.fonts)
        add_figure(document, block.figure, png, content_width(document))
    if block.table:
        add_data_table(document, block.table)
    _interpretation(document, block.interpretation)
    if block.notes:
        add_heading(document, 4, "Methodische Hinweise")
        for note in block.notes:
            add_heading(document, 5, note.label)
            add_blocks(document, note.blocks, 6)
    document.add_paragraph(block.source, style=SOURCE)


def _interpretation(document: Document, interpretation: Interpretation) -> None:
    add_heading(document, 4, "Lese- und Interpretationshilfe")
    _marked(document, interpretation.blocks, interpretation.status, 5)


def _marked(document: Document, blocks: tuple[Block, ...], status: TextStatus, level: int) -> None:
    """Text that is not released yet starts with its status in brackets, on a shaded ground."""
    mark = STATUS_MARKS[status]
    if not mark or not blocks:
        add_blocks(document, blocks, level)
        return
    nodes = blocks
    match nodes:
        case (Paragraph(inlines=inlines), *others):
            nodes = (Paragraph((Strong((Text(mark),)), Text(" "), *inlines)), *others)
        case _:
            nodes = (Paragraph((Strong((Text(mark),)),)), *nodes)
    add_blocks(document, nodes, level, DRAFT)


def _appendix(document: Document, appendix: Appendix) -> None:
    add_heading(document, 1, "Anhang")
    if appendix.signs:
        add_heading(document, 2, "Zeichenerklärung")
        width = content_width(document)
        add_grid(
            document,
            ("Zeichen", "Bedeutung"),
            [(sign.sign, sign.meaning) for sign in appendix.signs],
            [Cm(2.5), width - Cm(2.5)],
            numeric=False,
        )
    if appendix.sources:
        add_heading(document, 2, "Datenquellen")
    for source in appendix.sources:
        label = "Indikator" if len(source.indicators) == 1 else "Indikatoren"
        inlines: list[Inline] = [
            Strong((Text(source.name),)),
            Text(f": {label} {', '.join(source.indicators)}"),
        ]
        for link in source.links:
            inlines += [Text(" – "), link]
        write_inlines(document.add_paragraph(style=BULLET), tuple(inlines))
