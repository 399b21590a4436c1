"""The format-neutral document model: frozen dataclasses that every renderer walks.

Accessibility metadata are required fields: a Figure cannot exist without alt text, a Table
not without caption and header row. Table cells arrive here already formatted, so every
output shows the same "1.234,5".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

# --- inline text -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Strong | Emphasis | Link | LineBreak


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The characters of a run of inlines, without formatting."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text=text):
                parts.append(text)
            case Strong(children=children) | Emphasis(children=children):
                parts.append(plain_text(children))
            case Link(children=children):
                parts.append(plain_text(children))
            case LineBreak():
                parts.append(" ")
    return "".join(parts)


# --- text blocks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class SubHeading:
    """A heading inside editorial text; its level is relative to the enclosing section."""

    inlines: tuple[Inline, ...]


Block = Paragraph | BulletList | SubHeading


# --- figures, tables, notes ----------------------------------------------------------------


@dataclass(frozen=True)
class ChartSeries:
    label: str
    values: tuple[float | None, ...]
    """One value per category of the chart; None where no value may be shown."""


@dataclass(frozen=True)
class ReferenceLine:
    label: str
    value: float


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows, independent of how it is drawn."""

    kind: Literal["line", "bar"]
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    unit: str
    decimals: int
    positions: tuple[float, ...] = ()
    """x positions of the categories of a time axis (years with gaps keep their distance)."""
    references: tuple[ReferenceLine, ...] = ()


@dataclass(frozen=True)
class Figure:
    number: int
    caption: str
    alt_text: str
    chart: ChartSpec
    source: str

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError(f"Abbildung {self.number} braucht einen Alternativtext.")
        if not self.caption.strip():
            raise ValueError(f"Abbildung {self.number} braucht eine Beschriftung.")


@dataclass(frozen=True)
class Cell:
    text: str
    """Formatted value, including a sign of the Zeichenerklärung where one applies."""


@dataclass(frozen=True)
class TableRow:
    header: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    number: int
    caption: str
    corner: str
    """Header of the row-header column (e.g. "Gebietseinheit")."""
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    unit: str
    notes: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        if not self.caption.strip():
            raise ValueError(f"Tabelle {self.number} braucht eine Beschriftung.")
        if not self.columns:
            raise ValueError(f"Tabelle {self.number} braucht eine Kopfzeile.")
        if any(len(row.cells) != len(self.columns) for row in self.rows):
            raise ValueError(f"Tabelle {self.number}: Zeilen und Kopfzeile passen nicht zusammen.")


@dataclass(frozen=True)
class Note:
    """One labelled methodological note (Definition, Berechnung, Datenquelle, …)."""

    label: str
    blocks: tuple[Block, ...]


# --- structure -----------------------------------------------------------------------------

TextStatus = Literal["freigegeben", "entwurf", "generiert", "fehlt"]


@dataclass(frozen=True)
class Interpretation:
    """The Lese- und Interpretationshilfe of one indicator."""

    blocks: tuple[Block, ...]
    status: TextStatus

    @property
    def status_note(self) -> str:
        return status_note(self.status)


def status_note(status: TextStatus) -> str:
    """The visible mark of a text that is not released yet (empty when released)."""
    return {
        "freigegeben": "",
        "entwurf": "Entwurf – noch nicht freigegeben",
        "generiert": "Entwurf – automatisch erstellt",
        "fehlt": "Text fehlt",
    }[status]


@dataclass(frozen=True)
class IndicatorBlock:
    id: str
    number: str
    title: str
    anchor: str
    key_statement: str
    figure: Figure | None
    table: Table | None
    interpretation: Interpretation
    notes: tuple[Note, ...]
    source: str


@dataclass(frozen=True)
class Section:
    """A topic (Open SDG target) inside a Handlungsfeld."""

    number: str
    title: str
    anchor: str
    intro: tuple[Block, ...]
    indicators: tuple[IndicatorBlock, ...]


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    anchor: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    intro_status: TextStatus = "freigegeben"

    @property
    def intro_note(self) -> str:
        return status_note(self.intro_status) if self.intro else ""


@dataclass(frozen=True)
class SignExplanation:
    sign: str
    meaning: str


@dataclass(frozen=True)
class SourceEntry:
    name: str
    indicators: tuple[str, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Appendix:
    signs: tuple[SignExplanation, ...]
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class Imprint:
    publisher: str
    publication_date: dt.date
    blocks: tuple[Block, ...]
    attribution: str
    terms: str


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    reporting_year: int
    language: str
    imprint: Imprint
    foreword: tuple[Block, ...]
    chapters: tuple[Chapter, ...]
    appendix: Appendix
    foreword_status: TextStatus = "freigegeben"

    @property
    def foreword_note(self) -> str:
        return status_note(self.foreword_status) if self.foreword else ""

    def indicator_blocks(self) -> tuple[IndicatorBlock, ...]:
        return tuple(
            block
            for chapter in self.chapters
            for section in chapter.sections
            for block in section.indicators
        )


# --- Steckbriefe (district fact sheets) ---------------------------------------------------


@dataclass(frozen=True)
class MapShape:
    key: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    """Outer and inner rings in projected map units (x to the east, y to the north)."""
    highlighted: bool


@dataclass(frozen=True)
class MapSpec:
    shapes: tuple[MapShape, ...]


@dataclass(frozen=True)
class MapFigure:
    """A locator map: the district highlighted among its neighbours, no external tiles."""

    caption: str
    alt_text: str
    map: MapSpec
    source: str

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError("Eine Karte braucht einen Alternativtext.")


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class Factsheet:
    """Key figures of one district on at most two pages."""

    code: str
    """Area code as in the data, e.g. ``K03355``."""
    name: str
    title: str
    subtitle: str
    language: str
    publisher: str
    publication_date: dt.date
    locator: MapFigure | None
    key_figures: Table
    figures: tuple[Figure, ...]
    text_title: str
    text: tuple[Block, ...]
    """The district's own text block; empty when it has none (then no heading either)."""
    footnotes: tuple[Footnote, ...]
    signs: tuple[SignExplanation, ...]
    """Only the signs that appear on this sheet."""
    attribution: str
    terms: str
