"""The scales of a chart: a value axis with nice steps and headroom, a thinned time axis."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from matplotlib.axis import Axis
from matplotlib.ticker import MaxNLocator

from reportgen.compose.formatting import format_number

NICE_STEPS = [1, 2, 2.5, 5, 10]
"""Tick steps of 1, 2, 2,5 or 5 × 10ⁿ: never 1,5 / 3 / 4,5 or 0,8 / 1,6 / 2,4."""
_HEADROOM = 0.03  # of the axis span: a maximum closer to the last tick gets one step more


def value_ticks(
    values: Sequence[float],
    decimals: int,
    most: int,
    from_zero: bool,
    symmetric: bool = False,
    headroom: bool = True,
) -> list[float]:
    """Ticks of a value axis, from the first to the last: nice steps, the last tick above the
    largest value (and the first below a negative smallest) unless ``headroom`` is off (100 %
    bars end at 100), zero included where ``from_zero``."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if symmetric:
        high = max(abs(low), abs(high))
        low = -high
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-12:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    locator = MaxNLocator(nbins=most, steps=NICE_STEPS, integer=decimals == 0, min_n_ticks=3)
    ticks = [round(float(t), 10) for t in locator.tick_values(low, high)]
    step = ticks[1] - ticks[0]
    room = _HEADROOM * (ticks[-1] - ticks[0]) if headroom else -1.0
    if high > 0 and ticks[-1] - high < room:
        ticks.append(round(ticks[-1] + step, 10))
    if low < 0 and low - ticks[0] < room:
        ticks.insert(0, round(ticks[0] - step, 10))
    if symmetric:
        half = max(ticks[-1], -ticks[0])
        count = round(half / step)
        ticks = [round(i * step, 10) for i in range(-count, count + 1)]
    return ticks


def set_value_axis(axis: Axis, ticks: list[float], absolute: bool = False) -> None:
    """Limits at the first and last tick; labels with as many decimals as the step needs."""
    places = _places(ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    labels = [format_number(abs(t) if absolute else t, places) for t in ticks]
    axis.set_view_interval(ticks[0], ticks[-1], ignore=True)
    axis.set_ticks(ticks, labels)


def _places(step: float) -> int:
    for places in range(4):
        if abs(step * 10**places - round(step * 10**places)) < 1e-6:
            return places
    return 4


def time_ticks(
    positions: Sequence[float], labels: Sequence[str], most: int, apart: float = 0.0
) -> list[tuple[float, str]]:
    """At most ``most`` labelled ticks at category positions, at least ``apart`` from each
    other: every year, else every 2nd, 5th … round year (2006, 2008 … or 2005, 2010 …) and
    the first and last year where no round one stands close; else every n-th category."""
    ticks = sorted(zip(positions, labels, strict=True))
    if not ticks:
        return []
    whole = all(float(p).is_integer() for p in positions)
    for step in (1, 2, 5, 10, 20, 25, 50, 100) if whole else ():
        chosen = [(p, label) for p, label in ticks if p % step == 0]
        for end in (ticks[0], ticks[-1]):
            if all(abs(end[0] - p) >= max(step, apart) for p, _ in chosen):
                chosen.append(end)
        chosen.sort()
        if len(chosen) <= most and all(b[0] - a[0] >= apart for a, b in pairwise(chosen)):
            return chosen
    for every in range(1, len(ticks) + 1):
        chosen = ticks[::-1][::every][::-1]
        if len(chosen) <= most and all(b[0] - a[0] >= apart for a, b in pairwise(chosen)):
            return chosen
    return ticks[-1:]


def time_limits(positions: Sequence[float]) -> tuple[float, float]:
    """From the first to the last category with room for the markers; one year either side of
    a single point."""
    first, last = min(positions), max(positions)
    pad = 0.04 * (last - first) if last > first else 1.0
    return first - pad, last + pad


def with_gaps(
    positions: Sequence[float], values: Sequence[float | None], gaps: Sequence[float]
) -> tuple[list[float], list[float]]:
    """The points of a line with a missing value at every gap, so that no segment bridges it."""
    points = [
        (p, math.nan if v is None else float(v)) for p, v in zip(positions, values, strict=True)
    ]
    inside = [g for g in gaps if positions and min(positions) < g < max(positions)]
    points += [(g, math.nan) for g in inside if g not in positions]
    points.sort(key=lambda point: point[0])
    return [p for p, _ in points], [v for _, v in points]
