"""What a chart or a locator map shows, independent of how it is drawn (hashable: a spec is
drawn once per build, whoever needs it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChartKind(StrEnum):
    LINE = "line"
    BAR = "bar"


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


@dataclass(frozen=True)
class MapShape:
    key: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    """Outer and inner rings in projected map units (x to the east, y to the north)."""
    highlighted: bool


@dataclass(frozen=True)
class MapSpec:
    shapes: tuple[MapShape, ...]
