"""Pure pandas on an Indicator: the default selection, its series, latest values and changes.

The selection follows Open SDG: ``data_start_values`` pick values per field (several values of
one field become several series); a field not named is held at its headline (empty) value, or
else at its total ("Insgesamt"), or else at the Land level for area columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from reportgen.compose.selection import (
    TOTAL,
    Break,
    Point,
    Selection,
    Series,
    change,
    norm,
    period_for,
    period_year,
)
from reportgen.compose.units import resolve_unit
from reportgen.load.opensdg import (
    KEY,
    LEVEL,
    PERIOD,
    REGION,
    SERIES,
    SIGN,
    UNIT,
    VALUE,
    YEAR,
    Indicator,
)
from reportgen.load.regions import Level
from reportgen.load.signs import NOT_SENSIBLE, SUPPRESSING

__all__ = [  # the types of a selection live in reportgen.compose.selection
    "Break",
    "Point",
    "Selection",
    "Series",
    "change",
    "column_for",
    "configured_fields",
    "default_selection",
    "hold",
    "is_area_column",
    "make_series",
    "norm",
    "one_value",
    "period_for",
    "period_year",
    "timeline",
]

MAX_SERIES = 12
_LEVEL_RANK: dict[str, int] = {Level.LAND: 0, Level.REGION: 1, Level.DISTRICT: 2, Level.PART: 3}


def column_for(field: str, indicator: Indicator) -> str | None:
    lowered = field.strip().casefold()
    if lowered in ("unit", "units"):
        return UNIT
    if lowered == "series":
        return SERIES
    for dim in indicator.dimensions:
        if norm(dim) == norm(field):
            return dim
    return None


def start_value_fields(indicator: Indicator) -> dict[str, list[str]]:
    """``data_start_values`` grouped by the frame column they address (unknown fields dropped)."""
    grouped: dict[str, list[str]] = {}
    for field, value in indicator.meta.start_values:
        column = column_for(field, indicator)
        if column is not None and value not in grouped.setdefault(column, []):
            grouped[column].append(value)
    return grouped


def configured_fields(
    indicator: Indicator, chosen: Mapping[str, str | Sequence[str]]
) -> dict[str, list[str]]:
    """A configured choice (``darstellung: auswahl``) by frame column; unknown fields are left
    out here (``reportgen check`` names them)."""
    grouped: dict[str, list[str]] = {}
    for field, values in chosen.items():
        column = column_for(field, indicator)
        if column is not None:
            grouped[column] = [values] if isinstance(values, str) else list(values)
    return grouped


def default_selection(
    indicator: Indicator,
    chosen: Mapping[str, str | Sequence[str]] | None = None,
    unit: str | None = None,
    breaks: tuple[Break, ...] = (),
    unavailable: Mapping[str, str] | None = None,
    focus: str | None = None,
) -> Selection:
    """What the indicator shows: the values ``chosen`` per breakdown (else the metadata's
    ``data_start_values``), in ``unit`` where the data has several, with the declared
    ``breaks`` that fall inside its periods and the periods declared ``unavailable``
    (label or year) shown as "x". Computed once per indicator and arguments."""
    arguments = (
        None if chosen is None else sorted((k, repr(v)) for k, v in chosen.items()),
        unit,
        breaks,
        None if unavailable is None else sorted(unavailable.items()),
        focus,
    )
    return indicator.remembered(
        f"selection{arguments!r}",
        lambda: _selection(indicator, chosen, unit, breaks, unavailable, focus),
    )


def _selection(
    indicator: Indicator,
    chosen: Mapping[str, str | Sequence[str]] | None,
    unit: str | None,
    breaks: tuple[Break, ...],
    unavailable: Mapping[str, str] | None,
    focus: str | None,
) -> Selection:
    frame = indicator.frame
    wanted = (
        start_value_fields(indicator) if chosen is None else configured_fields(indicator, chosen)
    )
    if unit:
        wanted[UNIT] = [unit]
    fixed: list[tuple[str, str]] = []
    varying: list[str] = []
    order: dict[str, list[str]] = {}

    for column in (UNIT, SERIES):
        frame, _ = one_value(frame, column, wanted.get(column))
    unit = str(frame[UNIT].iloc[0]) if len(frame) else ""
    open_sdg_series = str(frame[SERIES].iloc[0]) if len(frame) else ""

    for column in indicator.dimensions:
        values = wanted.get(column)
        if values:
            spellings: dict[str, list[str]] = {}
            for raw in frame[column].unique():
                spellings.setdefault(norm(str(raw)), []).append(str(raw))
            groups = [spellings[norm(v)] for v in values if norm(v) in spellings]
            matched = [group[0] for group in groups]
            if matched:
                # one value under several spellings ("Insgesamt", "insgesamt") is one series
                canonical = {raw: group[0] for group in groups for raw in group}
                frame = frame[frame[column].isin(canonical)].copy()
                frame[column] = frame[column].map(canonical)
                if len(matched) > 1:
                    varying.append(column)
                    order[column] = matched
                else:
                    fixed.append((column, matched[0]))
                continue
        frame, held = hold(frame, column, varying)
        if held is None:
            varying.append(column)
            order[column] = [str(v) for v in frame[column].unique()]
        elif held:
            fixed.append((column, held))

    periods, period_keys, temporal = timeline(frame)
    series = _series(frame, varying, order, fixed)
    decimals = indicator.decimals(unit, open_sdg_series)
    areas = {
        c for c in (varying or [c for c, v in fixed if v][:1]) if is_area_column(indicator.frame, c)
    }
    missing = _periods_named(periods, period_keys, unavailable or {})
    if missing:
        series = tuple(
            replace(s, points={**s.points, **dict.fromkeys(missing, Point(None, NOT_SENSIBLE))})
            for s in series
        )
    if not areas:  # categories of one area: their level says nothing about the series
        series = tuple(replace(s, level="", region="") for s in series)
    elif len(varying) == 1:  # areas in one order everywhere: the Land, regions, districts
        series = tuple(sorted(series, key=lambda s: (_LEVEL_RANK.get(s.level, 9), s.region)))
    keys = sorted(period_keys.values())
    inside = tuple(b for b in breaks if keys and keys[0] < b.first_year <= keys[-1])
    return Selection(
        unit=resolve_unit(unit, indicator.meta, indicator.meta.title),
        open_sdg_series=open_sdg_series,
        fixed=tuple(fixed),
        varying=tuple(varying),
        periods=periods,
        temporal=temporal,
        series=series[:MAX_SERIES],
        decimals=decimals,
        period_keys=period_keys,
        omitted_series=max(0, len(series) - MAX_SERIES),
        by_area=bool(areas),
        breaks=tuple(sorted(inside, key=lambda b: b.first_year)),
        focus_label=focus,
        unavailable=missing,
    )


def _periods_named(
    periods: tuple[str, ...], keys: Mapping[str, float], named: Mapping[str, str]
) -> tuple[str, ...]:
    """The periods a configuration names, by label or by year."""
    wanted = {str(name).strip() for name in named}
    return tuple(
        p for p in periods if p in wanted or (str(math.floor(keys[p])) in wanted and keys[p] < 3000)
    )


def timeline(frame: pd.DataFrame) -> tuple[tuple[str, ...], dict[str, float], bool]:
    """The periods of a frame in time order, their sort keys, and whether every one of them
    is a point in time (else the periods are categories, not a time axis)."""
    ordered = frame.drop_duplicates(PERIOD).sort_values(KEY, kind="stable")
    periods = tuple(ordered[PERIOD].tolist())
    keys = dict(zip(ordered[PERIOD], ordered[KEY].astype(float), strict=True))
    return periods, keys, bool(len(frame)) and bool(frame[YEAR].notna().all())


def one_value(
    frame: pd.DataFrame, column: str, wanted: list[str] | None
) -> tuple[pd.DataFrame, str]:
    """Units and Open SDG series are never mixed in one chart: keep one of them."""
    values = [str(v) for v in frame[column].unique()]
    if len(values) <= 1:
        return frame, values[0] if values else ""
    chosen = next((v for v in values for w in wanted or () if norm(v) == norm(w)), values[0])
    return frame[frame[column] == chosen], chosen


def hold(frame: pd.DataFrame, column: str, varying: list[str]) -> tuple[pd.DataFrame, str | None]:
    """Hold an unnamed column at one value; None means it should vary instead."""
    values = [str(v) for v in frame[column].unique()]
    if len(values) <= 1:
        return frame, values[0] if values else ""
    if "" in values:
        return frame[frame[column] == ""], ""
    totals = [v for v in values if TOTAL.match(norm(v))]
    if totals:
        return frame[frame[column] == totals[0]], totals[0]
    levels = frame.groupby(column, sort=False)[LEVEL].first()
    if levels.nunique() < 2:  # not an area column
        levels = levels.iloc[0:0]
    ranked = sorted(
        (rank, position, value)
        for position, (value, level) in enumerate(levels.items())
        if (rank := _LEVEL_RANK.get(level)) is not None
    )
    if ranked:
        return frame[frame[column] == ranked[0][2]], str(ranked[0][2])
    if not varying and len(values) <= 8:
        return frame, None
    return frame[frame[column] == values[0]], values[0]


def _series(
    frame: pd.DataFrame,
    varying: list[str],
    order: dict[str, list[str]],
    fixed: list[tuple[str, str]],
) -> tuple[Series, ...]:
    if not varying:
        label = next((value for _, value in fixed if value), "Insgesamt")
        return (make_series(label, frame),) if len(frame) else ()
    groups: dict[tuple[str, ...], pd.DataFrame] = {
        tuple(str(part) for part in (key if isinstance(key, tuple) else (key,))): rows
        for key, rows in frame.groupby(varying, sort=False)
    }

    def rank(key: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(
            order[column].index(part) if part in order[column] else 999
            for column, part in zip(varying, key, strict=True)
        )

    result = []
    for key in sorted(groups, key=rank):
        label = " – ".join(str(part) for part in key if part) or "Insgesamt"
        result.append(make_series(label, groups[key]))
    return tuple(result)


def make_series(label: str, rows: pd.DataFrame, by: str = PERIOD) -> Series:
    """A series of ``rows``, one point per value of the column ``by`` (the period, or the
    category of a breakdown); a suppressing sign hides the value."""
    points: dict[str, Point] = {}
    columns = (rows[by].to_numpy(), rows[VALUE].to_numpy(), rows[SIGN].to_numpy())
    for key, value, sign in zip(*columns, strict=True):
        key = str(key)
        if key in points:
            continue
        hidden = sign in SUPPRESSING or value is None or math.isnan(value)
        points[key] = Point(None if hidden else float(value), sign)
    levels, regions = rows[LEVEL].unique(), rows[REGION].unique()
    return Series(
        label,
        points,
        str(levels[0]) if len(levels) == 1 else "",
        str(regions[0]) if len(regions) == 1 else "",
    )


def is_area_column(frame: pd.DataFrame, column: str) -> bool:
    """A column whose value only changes with the area (like "Gebietseinheit")."""
    if frame[column].nunique() < 2:
        return False
    # tolerant: published tables carry the odd mislabelled row (a name under two codes)
    return bool((frame.groupby(REGION)[column].nunique() <= 1).mean() >= 0.9)
