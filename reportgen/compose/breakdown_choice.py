"""Which breakdowns an indicator's page shows: those configured, else those its title names
("… nach Altersgruppen und Geschlecht") that the time series holds at one value."""

from __future__ import annotations

import re

from reportgen.compose.breakdown import administrative_areas, values_of
from reportgen.compose.indicators import column_for
from reportgen.compose.selection import Selection
from reportgen.load.config_presentation import Breakdown
from reportgen.load.opensdg import Indicator

_SAME_THING = (
    {"migrationsstatus", "migrationshintergrund", "zuwanderungsgeschichte", "migrationserfahrung"},
    {"nationalität", "staatsangehörigkeit"},
)
_WORD = re.compile(r"[a-zäöüß]{4,}")


def breakdown_dimensions(
    indicator: Indicator, selection: Selection, title: str, configured: Breakdown | None
) -> tuple[str, ...]:
    """The breakdowns to show: configured, else those the title names that the time series
    holds at one value (with the one it varies as the axis, if the title names it too)."""
    if configured is not None:
        columns = [column_for(d, indicator) for d in configured.dimensions]
        return tuple(c for c in columns if c is not None)
    frame = indicator.frame
    named = [
        d
        for d in indicator.dimensions
        if _named_in(d, title)
        and not administrative_areas(frame, d)
        and len(values_of(frame, d)) >= 2
    ]
    held = [d for d in named if d not in selection.varying]
    if not held:
        return ()
    shown = [d for d in named if d in selection.varying]
    by_size = sorted(held, key=lambda d: (not _migration(d), len(values_of(frame, d))))
    if shown:  # the larger breakdown along the axis, the smaller as series
        pair = sorted((shown[0], by_size[0]), key=lambda d: len(values_of(frame, d)))
        return (pair[1], pair[0])
    if len(by_size) == 1:
        return (by_size[0],)
    second = by_size[0]
    first = max((d for d in held if d != second), key=lambda d: len(values_of(frame, d)))
    return (first, second)


def _named_in(dimension: str, title: str) -> bool:
    words = _WORD.findall(title.casefold())
    for own in _WORD.findall(dimension.casefold()):
        family = next((f for f in _SAME_THING if own in f), {own})
        for word in words:
            if any(_stem_match(member, word) for member in family):
                return True
    return False


def _stem_match(a: str, b: str) -> bool:
    length = min(len(a), len(b))
    return length >= 5 and a[: max(5, length - 2)] == b[: max(5, length - 2)]


def _migration(dimension: str) -> bool:
    words = set(_WORD.findall(dimension.casefold()))
    return bool(words & _SAME_THING[0])
