"""The outline of a whole publication: parts, headings, figures, tables, lists of contents.

Everything a reader sees is here — every heading with its level, number and anchor, every
caption, label and fixed sentence — so that renderers only walk nodes and never decide content.
Accessibility metadata are required fields: a Figure cannot exist without alt text, a Table
not without caption and header row. Table cells arrive formatted, so every output shows the
same "1.234,5".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from reportgen.compose.model.editable import EditableText
from reportgen.compose.model.graphics import ChartSpec, MapSpec
from reportgen.compose.model.text import BulletList, Link, Paragraph


class Role(StrEnum):
    """What a part of the document is; renderers lay parts out by their role (a page break
    before a chapter, the cover's own page), never by their words."""

    COVER = "cover"
    IMPRINT = "imprint"
    CONTENTS = "contents"
    FOREWORD = "foreword"
    SUMMARY = "summary"
    """"Das Wichtigste in Kürze"."""
    PRELIMINARY = "preliminary"
    """"Methodische Vorbemerkungen": method texts shared by several indicators, once."""
    INTRO = "intro"
    """An editorial introduction (of a chapter)."""
    CHAPTER = "chapter"
    TOPIC = "topic"
    INDICATOR = "indicator"
    INTERPRETATION = "interpretation"
    METHODS = "methods"
    NOTE = "note"
    APPENDIX = "appendix"
    SHEET_HEAD = "sheet-head"
    SHEET_TITLES = "sheet-titles"
    CHARTS = "charts"
    OWN_TEXT = "own-text"
    SHEET_NOTES = "sheet-notes"


class TextStatus(StrEnum):
    """Release state of an editorial text as it stands in the document."""

    RELEASED = "freigegeben"
    DRAFT = "entwurf"
    GENERATED = "generiert"
    MISSING = "fehlt"


NAVIGATION_DEPTH = 3
"""Headings down to this level (chapters, topics, indicators; front and back matter) are the
reader's navigation: Word's navigation pane and the PDF bookmarks. The sub-headings below,
which every indicator repeats ("Definition", "Datenquelle"), would bury them by the hundred;
they stay headings of the text (tagged in the PDF) but are not navigation."""


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for a chapter, 2 for a topic, … (the level in the whole document)."""
    text: str
    number: str = ""
    anchor: str = ""
    listed: bool = True
    """Listed in the contents; front-matter headings ("Impressum") and sub-headings are not."""

    @property
    def navigable(self) -> bool:
        """Shown in Word's navigation pane and as a PDF bookmark (see ``NAVIGATION_DEPTH``)."""
        return self.level <= NAVIGATION_DEPTH


@dataclass(frozen=True)
class Figure:
    label: str
    """The word before the number: "Abbildung"."""
    number: int
    caption: str
    alt_text: str
    chart: ChartSpec
    source: str
    anchor: str = ""
    """Where lists of figures and references link to (``abb-3``); see ``anchor_captions``."""
    values: Link | None = None
    """Where the figure's values stand when no table follows it (a map: its district table in
    the annex), as a linked sentence. The alt text says the same; the HTML edition shows the
    link under the chart, so that everyone reaches the numbers."""

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError(f"{self.label} {self.number} braucht einen Alternativtext.")
        if not self.caption.strip():
            raise ValueError(f"{self.label} {self.number} braucht eine Beschriftung.")


@dataclass(frozen=True)
class MapFigure:
    """A locator map: the district highlighted among its neighbours, no external tiles."""

    caption: str
    alt_text: str
    map: MapSpec

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError("Eine Karte braucht einen Alternativtext.")


class TableKind(StrEnum):
    DATA = "data"
    DISTRICTS = "districts"
    """A long table of all districts (Kreistabelle): set compactly to stay on one page."""
    KEY_FIGURES = "key-figures"
    SIGNS = "signs"


@dataclass(frozen=True)
class TableRow:
    header: str
    cells: tuple[str, ...]
    """Formatted values, including a sign of the Zeichenerklärung where one applies."""


@dataclass(frozen=True)
class Table:
    label: str
    """The word before the number ("Tabelle"); empty for a table without number."""
    number: int | None
    caption: str
    corner: str
    """Header of the row-header column (e.g. "Gebietseinheit")."""
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    notes: tuple[str, ...] = ()
    source: str = ""
    kind: TableKind = TableKind.DATA
    anchor: str = ""
    """Where lists of tables and references link to (``tab-3``); numbered tables only."""

    def __post_init__(self) -> None:
        name = f"{self.label} {self.number}" if self.number else self.caption
        if not self.caption.strip():
            raise ValueError(f"{name} braucht eine Beschriftung.")
        if not self.columns:
            raise ValueError(f"{name} braucht eine Kopfzeile.")
        if any(len(row.cells) != len(self.columns) for row in self.rows):
            raise ValueError(f"{name}: Zeilen und Kopfzeile passen nicht zusammen.")

    @property
    def title(self) -> str:
        """Label, number and caption as a caption reads: "Tabelle 3: …"."""
        return f"{self.label} {self.number}: {self.caption}" if self.number else self.caption


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    number: str
    text: str
    anchor: str


@dataclass(frozen=True)
class Contents:
    """The table of contents: its entries, and what Word shows until it fills its own."""

    entries: tuple[ContentsEntry, ...]
    update_hint: str
    depth: int
    """Headings down to this level are listed (the entries, and the levels of Word's own)."""


@dataclass(frozen=True)
class CaptionEntry:
    label: str
    """Label and number as the caption shows them: "Abbildung 3"."""
    text: str
    anchor: str


@dataclass(frozen=True)
class CaptionList:
    """A list of figures or of tables: every numbered caption of one label, linked to it."""

    label: str
    """The caption label the entries share ("Abbildung"); Word lists its captions by it."""
    entries: tuple[CaptionEntry, ...]


@dataclass(frozen=True)
class Footnotes:
    items: tuple[tuple[int, str], ...]


class PictureKind(StrEnum):
    LOGO = "logo"
    COVER_IMAGE = "cover-image"


@dataclass(frozen=True)
class Picture:
    """A picture of the project (logo, cover image), its bytes read while loading."""

    kind: PictureKind
    data: bytes
    media_type: str
    """``image/svg+xml`` or ``image/png``."""
    alt_text: str
    """Empty: decorative, left out by screen readers (a PDF artifact, "decorative" in Word)."""
    png: bytes | None = None
    """The picture for Word, which cannot show SVG; None: Word goes without it."""

    def __post_init__(self) -> None:
        if self.kind == PictureKind.LOGO and not self.alt_text.strip():
            raise ValueError("Ein Logo braucht einen Alternativtext.")


@dataclass(frozen=True)
class Part:
    role: Role
    children: tuple[Node, ...]
    anchor: str = ""
    status: TextStatus = TextStatus.RELEASED
    """For editorial text: a part that is not released is shown as such."""
    editable: EditableText | None = None
    """For editorial text: where it comes from, for the Word round trip."""


Node = (
    Part
    | Heading
    | Paragraph
    | BulletList
    | Figure
    | MapFigure
    | Table
    | Contents
    | CaptionList
    | Footnotes
    | Picture
)


@dataclass(frozen=True)
class WebWords:
    """The words of the HTML edition's navigation (``labels.yml``: ``web``); empty in a
    document that has no web edition (a fact sheet)."""

    skip: str = ""
    """The skip link to the page's main content: "Zum Inhalt springen"."""
    contents: str = ""
    """The link back to the table of contents on every page: "Inhaltsverzeichnis"."""
    previous: str = ""
    """Before the title of the page before: "Zurück"."""
    next: str = ""
    """Before the title of the page after: "Weiter"."""
    pages: str = ""
    """The name of the navigation between the pages (for screen readers): "Seitennavigation"."""
    page_title: str = "{seite}"
    """A page's title in the browser: ``{seite}`` its heading, ``{titel}`` the publication's."""


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    subject: str
    author: str
    language: str
    date: dt.date
    """Publication date: every date inside the files (never the clock)."""
    keywords: tuple[str, ...] = ()
    page_words: tuple[str, str] = ("", "")
    """Words around page numbers in a footer ("Seite", "von"); empty: the number alone."""
    draft_mark: str = ""
    """Words of the running header while a text is not released ("Entwurf"); empty: none."""
    web: WebWords = WebWords()
    """The words of the HTML edition's navigation."""
    project: str = ""
    """Fingerprint of the project, so that the Word round trip refuses another one's DOCX."""
    locked_title: str = ""
    """What Word shows on the generated content it keeps editors from changing (tables,
    charts, captions, source lines); empty: nothing locked."""


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    body: tuple[Node, ...]


def walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node, depth first, in reading order."""
    for node in nodes:
        yield node
        if isinstance(node, Part):
            yield from walk(node.children)


def figures_of(document: Document) -> Iterator[Figure | MapFigure]:
    return (node for node in walk(document.body) if isinstance(node, Figure | MapFigure))


def headings_of(document: Document) -> Iterator[Heading]:
    return (node for node in walk(document.body) if isinstance(node, Heading))
