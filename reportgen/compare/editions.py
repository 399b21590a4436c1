"""Two editions of the data side by side (Fortschreibung): what changed, indicator by indicator."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.compare.texts import Mention, TextTask, mentions, tasks, text_blocks
from reportgen.compose.formatting import (
    format_change,
    format_quantity,
    format_relative_change,
    is_percent,
    printed_change,
    round_half_up_array,
)
from reportgen.compose.indicators import default_selection
from reportgen.errors import DataError, Location
from reportgen.load import opensdg
from reportgen.load.defects import refuse_unacceptable
from reportgen.load.opensdg import KEY, LEVEL, PERIOD, REGION, SERIES, SIGN, UNIT, VALUE, Indicator
from reportgen.load.regions import Level
from reportgen.load.signs import SUPPRESSING, UNKNOWN
from reportgen.load.textblocks import TextBlock

NOTABLE_RELATIVE = 5.0
"""A latest value that moved by at least this many per cent is notable …"""
NOTABLE_POINTS = 1.0
"""… and so is a share (unit %) that moved by at least this many percentage points."""
EXAMPLES = 5
"""Revised values shown per indicator; the rest are only counted."""
_EPSILON = 1e-9


@dataclass(frozen=True)
class Revision:
    label: str  # period and breakdown: "2023, Niedersachsen"
    old: str
    new: str


@dataclass(frozen=True)
class Move:
    """The latest value of the main series (as the report shows it), old edition against new."""

    text: str  # "Niedersachsen: 11,5 % (2022) → 12,0 % (2024)"
    change: str  # "+0,5 Prozentpunkte (+4,3 %)" for shares, "+10,0 %" otherwise
    notable: bool


@dataclass(frozen=True)
class IndicatorDiff:
    id: str
    number: str
    title: str
    new_periods: tuple[str, ...] = ()
    dropped_periods: tuple[str, ...] = ()
    revised: int = 0
    revised_periods: tuple[str, ...] = ()
    examples: tuple[Revision, ...] = ()
    move: Move | None = None
    breakdown: str = ""  # changed breakdown columns; values are not compared then
    texts: tuple[Mention, ...] = ()

    @property
    def notable(self) -> bool:
        return self.move is not None and self.move.notable

    @property
    def has_news(self) -> bool:
        changes = (self.new_periods, self.dropped_periods, self.revised, self.breakdown)
        return any(changes) or self.notable


@dataclass(frozen=True)
class Comparison:
    old: Path
    new: Path
    texts: Path | None
    texts_checked: bool
    compared: int  # indicators in both editions
    added: tuple[IndicatorDiff, ...]
    removed: tuple[IndicatorDiff, ...]
    changed: tuple[IndicatorDiff, ...]  # in both editions, with news (``has_news``)
    to_revise: tuple[TextTask, ...] = ()
    notes: tuple[str, ...] = ()


# --- comparing --------------------------------------------------------------------------------


def compare_data(old: Path, new: Path, texts: Path | None) -> Comparison:
    """Load both data folders (and the texts, if given) and compare them."""
    before, after = _load(old, "Bisheriger Datenstand"), _load(new, "Neuer Datenstand")
    blocks, notes = text_blocks(texts)
    notes += _defect_notes(before, "Bisheriger Datenstand") + _defect_notes(
        after, "Neuer Datenstand"
    )
    common = [key for key in after.indicators if key in before.indicators]
    diffs = [diff_indicator(before.indicators[k], after.indicators[k]) for k in common]
    comparison = Comparison(
        old=old,
        new=new,
        texts=texts,
        texts_checked=texts is not None and texts.is_dir(),
        compared=len(common),
        added=_linked((i for k, i in after.indicators.items() if k not in common), blocks),
        removed=_linked((i for k, i in before.indicators.items() if k not in common), blocks),
        changed=_linked((d for d in diffs if d.has_news), blocks),
        notes=tuple(notes),
    )
    return replace(comparison, to_revise=tasks(comparison.removed, comparison.changed))


def _load(root: Path, edition: str) -> opensdg.Dataset:
    if not root.is_dir():
        raise DataError(f"{edition}: Den Ordner gibt es nicht.", Location(root), "Pfad prüfen.")
    dataset = opensdg.load_dataset(root)
    errors = [p for p in dataset.problems if p.is_error]
    if not dataset.indicators:
        reason = errors[0].message if errors else "Der Ordner enthält keine Indikatoren."
        raise DataError(
            f"{edition}: {reason}",
            Location(root),
            "Geben Sie den Open-SDG-Ordner an, der data/indicator_*.csv und meta/*.md enthält.",
        )
    # defects a project may accept (``bekannte_datenfehler``) do not stop a comparison, they
    # are named in its notes
    refuse_unacceptable(dataset.problems)
    return dataset


def _defect_notes(dataset: opensdg.Dataset, edition: str) -> list[str]:
    defects = sum(1 for p in dataset.problems if p.is_error)
    if not defects:
        return []
    return [
        f"{edition}: {defects} Datenfehler, die ein Bericht nur als bekannte Datenfehler "
        "übernehmen kann (Details mit reportgen check)."
    ]


def diff_indicator(old: Indicator, new: Indicator) -> IndicatorDiff:
    """Periods, revised values and the move of the latest value of one indicator."""
    diff = IndicatorDiff(new.id, new.meta.number, new.meta.title)
    if _unchanged(old, new):
        return diff
    old_periods, new_periods = _periods(old), _periods(new)
    diff = replace(
        diff,
        new_periods=tuple(p for p in new_periods if p not in old_periods),
        dropped_periods=tuple(p for p in old_periods if p not in new_periods),
        move=_move(old, new),
    )
    if old.dimensions != new.dimensions:
        came = [f"+{d}" for d in new.dimensions if d not in old.dimensions]
        gone = [f"−{d}" for d in old.dimensions if d not in new.dimensions]
        return replace(diff, breakdown=", ".join(came + gone) or "andere Reihenfolge")
    return _revisions(diff, old, new)


def _unchanged(old: Indicator, new: Indicator) -> bool:
    """Many indicators stay as they were; comparing frames first skips them fast."""
    columns = [*new.dimensions, PERIOD, UNIT, SERIES, REGION, VALUE, SIGN]
    if old.dimensions != new.dimensions or old.meta.start_values != new.meta.start_values:
        return False
    return old.meta.precision == new.meta.precision and old.frame[columns].equals(
        new.frame[columns]
    )


def _periods(indicator: Indicator) -> tuple[str, ...]:
    ordered = indicator.frame.drop_duplicates(PERIOD).sort_values(KEY, kind="stable")
    return tuple(str(p) for p in ordered[PERIOD])


def _observed(indicator: Indicator, keys: list[str]) -> pd.DataFrame:
    frame = indicator.frame.drop_duplicates(keys)
    hidden = frame[SIGN].isin(SUPPRESSING) | frame[VALUE].isna()
    return frame[[*keys, VALUE, SIGN, KEY, LEVEL]].assign(hidden=hidden)


def _revisions(diff: IndicatorDiff, old: Indicator, new: Indicator) -> IndicatorDiff:
    """Same breakdown, period, unit, series and area in both editions, another shown value."""
    keys = [*new.dimensions, PERIOD, UNIT, SERIES, REGION]
    both = _observed(old, keys).merge(_observed(new, keys), on=keys, suffixes=("_alt", ""))
    pairs = both[[UNIT, SERIES]].drop_duplicates()
    digits = [new.decimals(unit, series) for unit, series in pairs.itertuples(index=False)]
    both = both.merge(pairs.assign(digits=digits), on=[UNIT, SERIES])
    before, after = both[f"{VALUE}_alt"].to_numpy(float), both[VALUE].to_numpy(float)
    places = both["digits"].to_numpy(int)  # compare as published, not float noise
    shown = round_half_up_array(before, places) != round_half_up_array(after, places)
    real = np.abs(before - after) > _EPSILON * np.maximum(1.0, np.abs(before))
    hid_before, hid_after = both["hidden_alt"].to_numpy(bool), both["hidden"].to_numpy(bool)
    mask = (hid_before != hid_after) | (~hid_before & ~hid_after & shown & real)
    rows = both[mask].assign(land=both.loc[mask, LEVEL] == Level.LAND)
    if rows.empty:
        return diff
    periods = rows.drop_duplicates(PERIOD).sort_values(KEY, kind="stable")[PERIOD]
    first = rows.sort_values(["land", KEY], ascending=False).head(EXAMPLES)
    return replace(
        diff,
        revised=len(rows),
        revised_periods=tuple(str(p) for p in periods),
        examples=tuple(_revision(row, new.dimensions) for _, row in first.iterrows()),
    )


def _revision(row: pd.Series, dimensions: tuple[str, ...]) -> Revision:
    parts = [str(row[PERIOD]), *(str(row[d]) for d in dimensions), str(row[SERIES])]
    digits, unit = int(row["digits"]), str(row[UNIT])
    old = _shown(row[f"{VALUE}_alt"], row[f"{SIGN}_alt"], row["hidden_alt"], digits, unit)
    new = _shown(row[VALUE], row[SIGN], row["hidden"], digits, unit)
    return Revision(", ".join(p for p in parts if p), old, new)


def _shown(value: float, sign: str, hidden: bool, digits: int, unit: str) -> str:
    return (
        f"nicht ausgewiesen ({sign or UNKNOWN})" if hidden else format_quantity(value, digits, unit)
    )


def _move(old: Indicator, new: Indicator) -> Move | None:
    """Latest value of the default main series in each edition (the periods may differ)."""
    first, last = _latest(old), _latest(new)
    if first is None or last is None or first[:3] != last[:3]:
        return None  # another series or unit: nothing like for like
    label, unit, series, old_period, old_value = first
    new_period, new_value = last[3:]
    digits = new.decimals(unit, series)
    points, relative = printed_change(old_value, new_value, digits)
    absolute = format_change(points, digits, unit)
    if relative is None:
        change, notable = absolute, points != 0
    else:
        change = format_relative_change(relative)
        notable = abs(relative) >= NOTABLE_RELATIVE - _EPSILON
    if is_percent(unit):
        change = absolute + (f" ({change})" if relative is not None else "")
        notable = notable or abs(points) >= NOTABLE_POINTS - _EPSILON
    text = (
        f"{label}: {format_quantity(old_value, digits, unit)} ({old_period}) → "
        f"{format_quantity(new_value, digits, unit)} ({new_period})"
    )
    return Move(text, change, notable)


def _latest(indicator: Indicator) -> tuple[str, str, str, str, float] | None:
    selection = default_selection(indicator)
    latest = selection.main.latest(selection.periods) if selection.series else None
    if latest is None:
        return None
    return (selection.main.label, selection.unit, selection.open_sdg_series, *latest)


def _linked(
    items: Iterable[Indicator | IndicatorDiff], blocks: Sequence[TextBlock]
) -> tuple[IndicatorDiff, ...]:
    diffs = (
        IndicatorDiff(i.id, i.meta.number, i.meta.title) if isinstance(i, Indicator) else i
        for i in items
    )
    return tuple(replace(diff, texts=mentions(diff.id, diff.number, blocks)) for diff in diffs)
