"""What a chart or a map shows, independent of how it is drawn (hashable: a spec is drawn once
per build, whoever needs it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChartKind(StrEnum):
    LINE = "line"
    """Series over a time axis: ``positions`` keep the distance between periods."""
    BAR = "bar"
    """Vertical columns, grouped by category (few periods or few short categories)."""
    HBAR = "hbar"
    """Horizontal bars, grouped by category: categories with long names, from top to bottom."""
    STACKED = "stacked"
    """100 % stacked horizontal bars: one bar per category, one segment per series."""
    PYRAMID = "pyramid"
    """Two series to either side of a vertical axis (e.g. Männer left, Frauen right), one row
    per category from the bottom (the youngest age group) to the top."""
    RANKING = "ranking"
    """One series as horizontal bars in the given order (the composer sorts); ``references``
    are vertical lines (e.g. the Land value)."""
    MAP = "map"
    """A choropleth map: ``map`` gives the areas and their classes."""


@dataclass(frozen=True)
class ChartSeries:
    label: str
    values: tuple[float | None, ...]
    """One value per category of the chart; None where no value may be shown."""
    look: int | None = None
    """Which entry of the chart style's series looks (colour, marker, line style) this series
    takes. The composer gives one series the same look in every chart of a publication (the
    Land, "Frauen", "mit Migrationshintergrund" …); None: the next look no other series of the
    chart uses."""
    emphasis: bool = False
    """The reference of the chart (the Land): drawn darker and wider than the others."""
    uncertain: tuple[bool, ...] = ()
    """Per value: statistically uncertain, provisional or estimated (drawn as a hollow marker
    or a lighter bar); empty means no value is."""


@dataclass(frozen=True)
class ReferenceLine:
    label: str
    value: float


@dataclass(frozen=True)
class SeriesBreak:
    """A break in the time series (Zeitreihenbruch): a labelled vertical rule."""

    position: float
    """Where the rule stands on the time axis (between the last period before the break and
    the first after it)."""
    label: str
    """What changed ("Zensus 2022")."""


@dataclass(frozen=True)
class MapShape:
    key: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    """Outer and inner rings in projected map units (x to the east, y to the north)."""
    highlighted: bool


@dataclass(frozen=True)
class MapSpec:
    shapes: tuple[MapShape, ...]
    marker: str = ""
    """For a highlighted area too small to see (a kreisfreie Stadt): a ring around it labelled
    with this name; empty: no ring."""


@dataclass(frozen=True)
class MapClasses:
    """A choropleth map: every area in one value class, a legend of classes in words."""

    shapes: tuple[MapShape, ...]
    classes: tuple[int | None, ...]
    """Per shape: the index into ``legend``; None for an area without a value."""
    legend: tuple[str, ...]
    """One label per class, lowest first ("5,0 bis unter 10,0 %")."""
    missing: str
    """The legend entry for areas without a value ("keine Angabe"); shown when one is."""


@dataclass(frozen=True)
class ChartSpec:
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    axis_label: str
    """The value axis' label, the unit as a reader sees it ("in %")."""
    decimals: int
    positions: tuple[float, ...] = ()
    """x positions of the categories of a time axis (years with gaps keep their distance)."""
    references: tuple[ReferenceLine, ...] = ()
    small: bool = False
    """Drawn small, several side by side (fact sheets)."""
    breaks: tuple[SeriesBreak, ...] = ()
    """Breaks in the series (on a time axis)."""
    gaps: tuple[float, ...] = ()
    """Positions on a time axis where a period has no data at all: a line never bridges them."""
    map: MapClasses | None = None
    """The areas of a ``MAP`` chart."""
