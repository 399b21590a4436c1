"""The typed values of an Open SDG data folder: indicators, goals, topics and the whole set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from reportgen.errors import Problem
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.observations import REGION, UNIT, VALUE

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Indicator:
    """One indicator: its metadata and its observations as a tidy frame."""

    meta: IndicatorMeta
    frame: pd.DataFrame
    dimensions: tuple[str, ...]
    csv_path: Path
    _regions: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    def remembered(self, key: str, make: Callable[[], T]) -> T:
        """What ``make`` computes from this indicator, once per ``key`` as long as the
        indicator is loaded: checking and composing, and every preview build after a text
        changed, ask for the same selections (``key`` must name every argument)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]  # type: ignore[return-value]

    def key_of(self, value: object) -> str | None:
        """The key ``value`` is remembered under (the very object), if it is."""
        return next((key for key, kept in self._memo.items() if kept is value), None)

    def rows_by_region(self) -> dict[str, pd.DataFrame]:
        """The rows of each region, grouped once (fact sheets ask for them often)."""
        if not self._regions:
            self._regions.update(
                (str(key), rows) for key, rows in self.frame.groupby(REGION, sort=False)
            )
        return self._regions

    @property
    def id(self) -> str:
        return self.meta.id

    def decimals(self, unit: str = "", series: str = "") -> int:
        """Decimals to show for a unit/series, from ``precision`` or else from the data."""
        for rule in self.meta.precision:
            if (rule.unit in (None, unit)) and (rule.series in (None, series)):
                return rule.decimals
        values = self.frame.loc[self.frame[UNIT] == unit, VALUE].dropna()
        if values.empty or (values == values.round()).all():
            return 0
        return 1


@dataclass(frozen=True)
class Goal:
    id: str
    title: str


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    description: str
    """HTML after the bold title of the translation (composition makes blocks of it)."""


@dataclass(frozen=True, eq=False)
class Dataset:
    root: Path
    goals: Mapping[str, Goal]
    targets: Mapping[str, Target]
    indicators: Mapping[str, Indicator]
    region_names: Mapping[str, str]
    problems: tuple[Problem, ...] = field(default=())
