"""Selections of one series per area (district, region, Land), for fact sheets and
placeholders that name an area."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from reportgen.compose.indicators import (
    Point,
    Selection,
    Series,
    hold,
    is_area_column,
    norm,
    one_value,
    timeline,
)
from reportgen.compose.units import resolve_unit
from reportgen.load.opensdg import LEVEL, PERIOD, REGION, SERIES, SIGN, UNIT, VALUE, Indicator
from reportgen.load.signs import SUPPRESSING


def region_selection(
    indicator: Indicator,
    regions: Sequence[tuple[str, str]],
    unit: str | None = None,
    fixed: Mapping[str, str] | None = None,
) -> Selection:
    """One series per region (key, label), every other breakdown held at one value.

    ``fixed`` names values for breakdown columns (as in ``data_start_values``); columns not
    named are held at their headline or total value, never split into several series.
    Computed once per indicator and arguments.
    """
    arguments = (tuple(regions), unit, sorted((fixed or {}).items()))
    return indicator.remembered(
        f"regions{arguments!r}", lambda: _region_selection(indicator, regions, unit, fixed)
    )


def _region_selection(
    indicator: Indicator,
    regions: Sequence[tuple[str, str]],
    unit: str | None,
    fixed: Mapping[str, str] | None,
) -> Selection:
    if len(regions) > 8:  # many regions: one filter beats many small pieces
        frame = indicator.frame[indicator.frame[REGION].isin([key for key, _ in regions])]
    else:
        by_region = indicator.rows_by_region()
        parts = [by_region[key] for key, _ in regions if key in by_region]
        frame = pd.concat(parts) if parts else indicator.frame.iloc[0:0]
    frame, chosen_unit = one_value(frame, UNIT, [unit] if unit else None)
    frame, open_sdg_series = one_value(frame, SERIES, None)
    held: list[tuple[str, str]] = []
    for column in indicator.dimensions:
        wanted = (fixed or {}).get(column)
        if wanted is not None:
            target = norm(wanted)
            frame = frame[
                frame[column].isin([v for v in frame[column].unique() if norm(str(v)) == target])
            ]
            held.append((column, wanted))
        elif not is_area_column(frame, column):
            frame, value = hold(frame, column, varying=[column])
            if value:
                held.append((column, value))
    periods, period_keys, temporal = timeline(frame)
    series = _series_by_region(frame, regions)
    return Selection(
        unit=resolve_unit(chosen_unit, indicator.meta, indicator.meta.title),
        open_sdg_series=open_sdg_series,
        fixed=tuple(held),
        varying=(),
        periods=periods,
        temporal=temporal,
        series=series,
        decimals=indicator.decimals(chosen_unit, open_sdg_series),
        period_keys=period_keys,
        by_area=True,
    )


def _series_by_region(
    frame: pd.DataFrame, regions: Sequence[tuple[str, str]]
) -> tuple[Series, ...]:
    """One series per region (key, label) with rows, as ``make_series`` makes it from the
    region's rows, with the level of its first row: in one pass over the frame (a district
    table asks for some 50 areas of each indicator)."""
    points: dict[str, dict[str, Point]] = {}
    levels: dict[str, str] = {}
    columns = (frame[c].to_numpy() for c in (REGION, PERIOD, VALUE, SIGN, LEVEL))
    for region, period, value, sign, level in zip(*columns, strict=True):
        if region is None or region != region:  # NaN: no group, as in groupby
            continue
        key = str(region)
        found = points.get(key)
        if found is None:
            found = points[key] = {}
            levels[key] = str(level)
        label = str(period)
        if label not in found:  # as make_series: a suppressing sign hides the value
            hidden = sign in SUPPRESSING or value is None or math.isnan(value)
            found[label] = Point(None if hidden else float(value), sign)
    return tuple(
        Series(label, points[key], levels[key], key) for key, label in regions if key in points
    )


def for_regions(selection: Selection, regions: Sequence[tuple[str, str]]) -> Selection:
    """A region selection narrowed to some regions (key, label), without touching the data."""
    by_region = {series.region: series for series in selection.series}
    series = tuple(
        replace(by_region[key], label=label) for key, label in regions if key in by_region
    )
    periods = tuple(p for p in selection.periods if any(p in s.points for s in series))
    return replace(
        selection,
        series=series,
        periods=periods,
        period_keys={p: selection.period_keys[p] for p in periods},
    )
