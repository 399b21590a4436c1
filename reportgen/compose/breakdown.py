"""The breakdown of an indicator in one period (Aufgliederung): what the title promises ("nach
Altersgruppen und Geschlecht") and the time series does not show.

The first breakdown's categories run along the chart's axis, the second's values (at most a
few, e.g. Männer and Frauen) are its series. Which breakdowns are shown is configured
(``darstellung: aufgliederung``) or read from the title; which chart follows from the data:
a pyramid for age by sex, 100 % stacked bars for shares that add up to 100, a ranking for
districts, horizontal bars otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from reportgen.compose.formatting import is_percent, is_share
from reportgen.compose.indicators import (
    column_for,
    hold,
    is_area_column,
    make_series,
    one_value,
)
from reportgen.compose.model import ChartKind
from reportgen.compose.selection import TOTAL, Point, Selection, Series, norm
from reportgen.load.config_presentation import Breakdown, ChartChoice
from reportgen.load.opensdg import (
    KEY,
    LEVEL,
    PERIOD,
    REGION,
    SERIES,
    SIGN,
    UNIT,
    VALUE,
    Indicator,
)
from reportgen.load.regions import Level
from reportgen.load.signs import SUPPRESSING

TOP = 12
"""More categories than this: only the largest, the rest as "Übrige" where they add up."""
MAX_SERIES = 4
_CHARTS = {
    ChartChoice.BARS: ChartKind.HBAR,
    ChartChoice.COLUMNS: ChartKind.BAR,
    ChartChoice.LINE: ChartKind.HBAR,
    ChartChoice.STACKED: ChartKind.STACKED,
    ChartChoice.PYRAMID: ChartKind.PYRAMID,
    ChartChoice.RANKING: ChartKind.RANKING,
}
_AGE = re.compile(r"alter")
_SEX = re.compile(r"^(männlich|weiblich|männer|frauen)$")
_MALE = re.compile(r"^(männlich|männer)$")


@dataclass(frozen=True)
class BreakdownView:
    """One period of an indicator by one or two breakdowns, ready to draw and tabulate."""

    dimensions: tuple[str, ...]
    kind: ChartKind
    period: str
    categories: tuple[str, ...]
    """The first breakdown's categories, in the order shown."""
    series: tuple[Series, ...]
    """One series per value of the second breakdown (or one), points keyed by category."""
    unit: str
    decimals: int
    held: tuple[tuple[str, str], ...]
    """The values the other breakdowns are held at."""
    omitted: int = 0
    """Categories not shown (top N)."""
    rest: str = ""
    """The label of the row that sums the categories not shown, if there is one."""
    reference: tuple[str, float] | None = None
    """For a ranking of districts: the Land's region key and its value."""


def administrative_areas(frame: pd.DataFrame, column: str) -> bool:
    """A column of administrative areas (Land, regions, districts); countries of origin with
    codes of their own are categories, not areas of the report."""
    if not is_area_column(frame, column):
        return False
    return bool(frame[LEVEL].isin([Level.LAND, Level.REGION, Level.DISTRICT]).any())


def values_of(frame: pd.DataFrame, column: str) -> list[str]:
    """The values of a breakdown without its totals and the headline (empty) value."""
    return [str(v) for v in frame[column].unique() if str(v) and not TOTAL.match(norm(str(v)))]


def breakdown_view(
    indicator: Indicator,
    selection: Selection,
    dimensions: tuple[str, ...],
    configured: Breakdown | None,
) -> BreakdownView | None:
    """The values of one period by ``dimensions``; None where there is nothing to show.
    Computed once per remembered selection and arguments."""
    if not dimensions:
        return None
    origin = indicator.key_of(selection)
    if origin is None:
        return _breakdown_view(indicator, selection, dimensions, configured)
    return indicator.remembered(
        f"breakdown{(origin, dimensions, repr(configured))!r}",
        lambda: _breakdown_view(indicator, selection, dimensions, configured),
    )


def _breakdown_view(
    indicator: Indicator,
    selection: Selection,
    dimensions: tuple[str, ...],
    configured: Breakdown | None,
) -> BreakdownView | None:
    frame, _ = one_value(indicator.frame, UNIT, [selection.unit])
    frame = frame[frame[SERIES] == selection.open_sdg_series]
    wanted = {
        column_for(k, indicator): [v] if isinstance(v, str) else list(v)
        for k, v in (configured.selection if configured else {}).items()
    }
    fixed = dict(selection.fixed)
    held: list[tuple[str, str]] = []
    for column in indicator.dimensions:
        if column in dimensions:
            continue
        named = wanted.get(column)
        value = named[0] if named else fixed.get(column)
        if value is not None and norm(value) in {norm(str(v)) for v in frame[column].unique()}:
            frame = frame[frame[column].map(lambda v: norm(str(v))) == norm(value)]
        else:
            frame, value = hold(frame, column, [column])
        if value:
            held.append((column, str(value)))
    first, second = dimensions[0], (dimensions[1] if len(dimensions) > 1 else None)
    area = administrative_areas(indicator.frame, first)
    period = _period(frame, first, configured.period if configured else None)
    if period is None:
        return None
    rows = frame[frame[PERIOD] == period]
    reference = _land(rows) if area else None
    if area:  # the districts; areas of other kinds where the configuration names them
        districts = rows[rows[LEVEL] == Level.DISTRICT]
        listed = bool(configured and configured.categories)
        rows = districts if not listed and not districts.empty else rows[rows[LEVEL] != Level.LAND]
    categories = _categories(rows, first, configured)
    if not (configured and configured.categories) and selection.varying == (first,):
        # the categories the time series shows (e.g. five continents of 223 countries)
        chosen = [s.label for s in selection.series if s.label in categories]
        categories = tuple(chosen) or categories
    groups = _only(values_of(rows, second), wanted.get(second)) if second else []
    categories = tuple(_only(list(categories), wanted.get(first)))
    if second and not groups:
        second = None
    parts = {
        label: rows if second is None else rows[rows[second] == label]
        for label in (groups[:MAX_SERIES] if second else [period])
    }
    series = tuple(_series(label, part, first) for label, part in parts.items())
    if not categories or not any(p.value is not None for s in series for p in s.points.values()):
        return None
    kind = _kind(configured, first, groups, series, categories, selection.unit, area)
    if kind == ChartKind.PYRAMID and _MALE.match(norm(series[1].label)):
        series = (series[1], series[0])
    # a ranking shows every district unless told otherwise; other charts the largest
    top = configured.top if configured and configured.top else None
    if top is None and kind != ChartKind.RANKING:
        top = TOP
    if kind == ChartKind.RANKING:
        categories = _ranked(categories, series[0])
    omitted, rest = 0, ""
    if top is not None and len(categories) > top:
        kept = _ranked(categories, *series)[:top]
        omitted = len(categories) - top
        categories, series, rest = _with_rest(parts, first, kept, series, selection.unit)
    return BreakdownView(
        dimensions=(first, second) if second else (first,),
        kind=kind,
        period=period,
        categories=categories,
        series=series,
        unit=selection.unit,
        decimals=selection.decimals,
        held=tuple(held),
        omitted=omitted,
        rest=rest,
        reference=reference,
    )


def _only(values: list[str], wanted: list[str] | None) -> list[str]:
    """The values a configuration names for a breakdown (``auswahl``), in its order."""
    if not wanted:
        return values
    by_norm = {norm(v): v for v in values}
    return [by_norm[norm(w)] for w in wanted if norm(w) in by_norm]


def _period(frame: pd.DataFrame, first: str, wanted: str | None) -> str | None:
    rows = frame[frame[first].map(lambda v: bool(str(v)) and not TOTAL.match(norm(str(v))))]
    rows = rows[rows[VALUE].notna() & ~rows[SIGN].isin(SUPPRESSING)]
    if rows.empty:
        return None
    periods = rows.sort_values(KEY, kind="stable")[PERIOD].drop_duplicates().tolist()
    if wanted is None:
        return str(periods[-1])
    of_year = [p for p in periods if p == wanted or str(p).startswith(wanted)]
    return str(of_year[-1]) if of_year else None


def _land(rows: pd.DataFrame) -> tuple[str, float] | None:
    """The Land's region key and value in a period."""
    land = rows[(rows[LEVEL] == Level.LAND) & rows[VALUE].notna()]
    if land.empty:
        return None
    return str(land.iloc[0][REGION]), float(land.iloc[0][VALUE])


def _categories(rows: pd.DataFrame, first: str, configured: Breakdown | None) -> tuple[str, ...]:
    present = values_of(rows, first)
    if configured and configured.categories:
        by_norm = {norm(v): v for v in present}
        return tuple(by_norm[norm(c)] for c in configured.categories if norm(c) in by_norm)
    return tuple(present)


def _series(label: str, rows: pd.DataFrame, first: str) -> Series:
    """One point per category of ``first``; the series stands for no area of its own."""
    return replace(make_series(label, rows, by=first), level="", region="")


def _kind(
    configured: Breakdown | None,
    first: str,
    groups: list[str],
    series: tuple[Series, ...],
    categories: tuple[str, ...],
    unit: str,
    area: bool,
) -> ChartKind:
    if configured and configured.chart:
        wanted = _CHARTS[configured.chart]
        if wanted != ChartKind.PYRAMID or len(series) == 2:
            return wanted
    if area:
        return ChartKind.RANKING
    if (
        _AGE.search(first.casefold())
        and len(groups) == 2
        and all(_SEX.match(norm(g)) for g in groups)
    ):
        return ChartKind.PYRAMID
    if is_percent(unit) and all(_adds_up(s, categories) for s in series):
        return ChartKind.STACKED
    return ChartKind.HBAR


def _adds_up(series: Series, categories: tuple[str, ...]) -> bool:
    values = [series.points[c].value for c in categories if c in series.points]
    known = [v for v in values if v is not None]
    return len(known) == len(categories) >= 2 and abs(sum(known) - 100) <= 1.5


def _ranked(categories: tuple[str, ...], *series: Series) -> tuple[str, ...]:
    def size(category: str) -> float:
        return sum((p.value or 0.0) for s in series if (p := s.points.get(category)))

    return tuple(sorted(categories, key=size, reverse=True))


def _with_rest(
    parts: dict[str, pd.DataFrame],
    first: str,
    kept: tuple[str, ...],
    series: tuple[Series, ...],
    unit: str,
) -> tuple[tuple[str, ...], tuple[Series, ...], str]:
    """The kept categories, plus "Übrige" where the total is known and the rest adds up (never
    for shares or rates, which do not add)."""
    if is_share(unit):
        return kept, series, ""
    result = []
    for each in series:
        rows = parts[each.label]
        totals = [str(v) for v in rows[first].unique() if TOTAL.match(norm(str(v)))]
        if not totals:
            return kept, series, ""
        whole = _series(each.label, rows[rows[first] == totals[0]], first).points.get(totals[0])
        shown = [each.points.get(c) for c in kept]
        if whole is None or whole.value is None or any(p is None or p.value is None for p in shown):
            return kept, series, ""
        rest = whole.value - sum(p.value for p in shown if p and p.value is not None)
        if rest < 0:
            return kept, series, ""
        result.append(Series(each.label, {**each.points, "Übrige": Point(rest, "")}))
    return (*kept, "Übrige"), tuple(result), "Übrige"
