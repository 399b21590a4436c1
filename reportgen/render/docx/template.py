"""The Word file around the content: the template's required styles, its check, the document
properties, header and footer, and a zip that gives the same bytes for the same input.

Shared by the report and the fact sheet (both rendered by ``render_docx``); every look comes
from the designer's template, so this module only names styles, it never defines one.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm, Length, Pt

from reportgen.errors import ConfigError, Location
from reportgen.render.docx import layout_xml
from reportgen.render.docx import xml as docx_xml

# Style names the renderers use; a replacement template must define all of them.
TITLE, SUBTITLE, NORMAL, CAPTION = "Title", "Subtitle", "Normal", "Caption"
KEY_STATEMENT, FIGURE, DRAFT = "Kernaussage", "Abbildung", "Entwurf"
SOURCE, NOTE = "Quelle", "Notiz"
BULLET, NUMBER, HYPERLINK, TOC_HEADING = "List Bullet", "List Number", "Hyperlink", "TOC Heading"
TABLE, TABLE_HEAD, TABLE_TEXT = "Berichtstabelle", "Tabellenkopf", "Tabellentext"
HEADER, FOOTER = "Header", "Footer"
DEEPEST_HEADING = 6
SUB_HEADINGS = {level: f"Zwischenüberschrift {level}" for level in (4, 5, 6)}
"""Headings outside Word's navigation pane: they look like headings but have no outline level."""
CONTENTS_ENTRIES = {level: f"toc {level}" for level in (1, 2, 3)}
"""Word's own styles of the contents' entries ("Verzeichnis 1" in a German Word)."""

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
            *SUB_HEADINGS.values(),
            *CONTENTS_ENTRIES.values(),
        )
    },
    HYPERLINK: WD_STYLE_TYPE.CHARACTER,
    TABLE: WD_STYLE_TYPE.TABLE,
}
_KIND_NAMES = {
    WD_STYLE_TYPE.PARAGRAPH: "Absatzformat",
    WD_STYLE_TYPE.CHARACTER: "Zeichenformat",
    WD_STYLE_TYPE.TABLE: "Tabellenformat",
}
FULL_WIDTH = Cm(16)
_LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}


@dataclass(frozen=True)
class Denser:
    """What a fact sheet changes in a style of the template (None: the template's value)."""

    size: float | None = None
    """Points."""
    before: float | None = None
    after: float | None = None
    """Space before and after the paragraph, points."""
    line: float | None = None
    """Line spacing, a multiple of single."""


SMALLEST_TEXT = Pt(9)
"""A fact sheet is handed out on paper: no text on it is smaller (the report's notes are)."""
SHEET_MARGINS = {
    "top_margin": Cm(1.4),
    "bottom_margin": Cm(1.3),
    "left_margin": Cm(1.8),
    "right_margin": Cm(1.8),
    "header_distance": Cm(0.7),
    "footer_distance": Cm(0.7),
}
"""A fact sheet's page: one A4 page with wider text than the report's (2.5 cm margins)."""
SHEET_ROW_PADDING = 0
"""Twips above and below a table row's text on a fact sheet (Word's own default): the lines
between the rows are enough; the report's tables have more air."""
SHEET_STYLES: dict[str, Denser] = {
    "Heading 1": Denser(size=18, before=0, after=4),
    "Heading 2": Denser(size=12, before=8, after=3),
    "Heading 3": Denser(size=10.5, before=6, after=2),
    SUBTITLE: Denser(size=11, before=2, after=4),
    CAPTION: Denser(size=9, before=3, after=2),
    FIGURE: Denser(before=0, after=2),
    SOURCE: Denser(before=1, after=4, line=1.0),
    NOTE: Denser(before=0, after=1, line=1.0),
    BULLET: Denser(after=2),
    NUMBER: Denser(after=2),
}
"""The fact sheet's look: the template's styles, denser (as steckbrief.css is to report.css)."""


def open_template(path: Path) -> Document:
    """The template, checked to open and to define every style in ``REQUIRED_STYLES``."""
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
    docx_xml.clear_body(document)
    return document


def set_up(
    document: Document,
    *,
    title: str,
    subject: str,
    author: str,
    language: str,
    day: dt.date,
    header_on_first_page: bool,
    page_words: tuple[str, str] = ("", ""),
    draft_mark: str = "",
) -> None:
    """Language, document properties (dated ``day``, never the clock), header and page number
    (with ``page_words`` around it: "Seite 1 von 2"); ``draft_mark`` ("Entwurf") stands in the
    header, bold, while a text is not released."""
    tag = _LANGUAGE_TAGS.get(language, language)
    docx_xml.set_document_language(document, tag)
    section = document.sections[0]
    section.different_first_page_header_footer = not header_on_first_page
    section.header.paragraphs[0].text = title
    section.header.paragraphs[0].style = HEADER
    if draft_mark:
        section.header.add_paragraph(style=HEADER).add_run(draft_mark).bold = True
    footer = section.footer.paragraphs[0]
    footer.clear()
    footer.style = FOOTER
    page, of = page_words
    if page:
        footer.add_run(f"{page} ")
    docx_xml.append_field(footer, "PAGE", "1")
    if of:
        footer.add_run(f" {of} ")
        docx_xml.append_field(footer, "NUMPAGES", "1")
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = properties.last_modified_by = author
    properties.language = tag
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.comments = properties.keywords = properties.category = ""


def set_up_sheet(document: Document) -> None:
    """A fact sheet's page and its denser styles (``SHEET_MARGINS``, ``SHEET_STYLES``), no text
    under ``SMALLEST_TEXT``; the report keeps the template as it is."""
    section = document.sections[0]
    for name, value in SHEET_MARGINS.items():
        setattr(section, name, value)
    for name, denser in SHEET_STYLES.items():
        style = document.styles[name]
        fmt = style.paragraph_format
        if denser.size is not None:
            style.font.size = Pt(denser.size)
        if denser.before is not None:
            fmt.space_before = Pt(denser.before)
        if denser.after is not None:
            fmt.space_after = Pt(denser.after)
        if denser.line is not None:
            fmt.line_spacing = denser.line
    layout_xml.set_row_padding(document, TABLE, SHEET_ROW_PADDING)
    layout_xml.raise_sizes(document, int(SMALLEST_TEXT.pt * 2))


def text_width(document: Document) -> Length:
    """The width between the page's margins."""
    section = document.sections[0]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return FULL_WIDTH
    return Length(section.page_width - section.left_margin - section.right_margin)


def content_width(document: Document) -> Length:
    """The text width of the template's page, at most 16 cm (a chart's natural width)."""
    section = document.sections[0]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return FULL_WIDTH
    return Length(min(FULL_WIDTH, section.page_width - section.left_margin - section.right_margin))


def save(document: Document, day: dt.date) -> bytes:
    """The file's bytes, every zip entry dated ``day``."""
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), day)


def stable_zip(data: bytes, day: dt.date) -> bytes:
    """python-docx stamps zip entries with the clock; use the publication date instead
    (python-openxml/python-docx#1042)."""
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
