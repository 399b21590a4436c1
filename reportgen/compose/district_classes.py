"""Value classes of a choropleth map: four or five classes with round bounds, and their legend
in words ("5,0 bis unter 10,0 %").

Bounds follow the quantiles of the values (so that each class holds some areas), rounded to a
grid of 1, 2, 2,5 or 5 × 10ⁿ; where the quantiles collapse (many equal values) the classes are
equal intervals of such a step. Values are classed as printed (rounded half up), so a value
that prints as 10,0 is never "unter 10,0".
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal
from itertools import pairwise

from reportgen.compose.formatting import format_number, format_quantity, round_half_up
from reportgen.load.labels import MapLabels

QUANTILES = (0.2, 0.4, 0.6, 0.8)
MIN_BOUNDS = 3
"""At least four classes (three inner bounds) from the quantiles, else equal intervals."""
MAX_BOUNDS = 4
GRID_PARTS = 10
_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def class_bounds(values: Sequence[float], decimals: int) -> tuple[float, ...]:
    """The inner bounds of the classes, lowest first; none when every value is the same."""
    printed = sorted(round_half_up(v, decimals) for v in values)
    if not printed or printed[0] == printed[-1]:
        return ()
    low, high = printed[0], printed[-1]
    # the coarsest grid that keeps five classes apart, else four; never a grid finer than a
    # tenth of the middle quantiles' range (bounds such as 7,3 look like data, not classes)
    middle = Decimal(repr(_quantile(printed, QUANTILES[-1]) - _quantile(printed, QUANTILES[0])))
    steps = [s for s in _steps(decimals, high - low) if s * GRID_PARTS >= middle]
    for wanted in (MAX_BOUNDS, MIN_BOUNDS):
        for step in reversed(steps):
            bounds = _quantile_bounds(printed, step)
            if len(bounds) >= wanted:
                return tuple(float(b) + 0.0 for b in bounds)  # + 0.0: no −0
    return tuple(float(b) + 0.0 for b in _equal_bounds(low, high, decimals))


def class_of(value: float, bounds: Sequence[float], decimals: int) -> int:
    """The index of the class a value falls into (as printed): below the first bound is 0."""
    printed = round_half_up(value, decimals)
    return sum(1 for bound in bounds if printed >= bound)


def class_legend(
    bounds: Sequence[float], values: Sequence[float], decimals: int, unit: str, words: MapLabels
) -> tuple[str, ...]:
    """One label per class; a single class (all values equal) is labelled by its value."""
    if not bounds:
        return (format_quantity(values[0], decimals, unit),) if values else ()

    def number(bound: float) -> str:
        return format_number(bound, decimals)

    def quantity(bound: float) -> str:
        return format_quantity(bound, decimals, unit)

    inner = [
        words.between.format(von=number(low), bis=quantity(high)) for low, high in pairwise(bounds)
    ]
    return (
        words.below.format(bis=quantity(bounds[0])),
        *inner,
        words.above.format(von=quantity(bounds[-1])),
    )


def _steps(decimals: int, span: float) -> Iterator[Decimal]:
    """Round steps from the finest the values print with up to the whole span, ascending."""
    smallest = Decimal(1).scaleb(-decimals)
    exponent = -decimals
    while True:
        for mantissa in _MANTISSAS:
            step = mantissa * Decimal(1).scaleb(exponent)
            if step % smallest:
                continue  # 2,5 where only whole numbers print
            if step > Decimal(repr(span)):
                return
            yield step
        exponent += 1


def _quantile_bounds(printed: Sequence[float], step: Decimal) -> list[Decimal]:
    """The quantiles rounded to multiples of ``step``, without bounds that leave a class
    empty; at most ``MAX_BOUNDS``."""
    bounds: list[Decimal] = []
    for share in QUANTILES:
        rounded = (Decimal(repr(_quantile(printed, share))) / step).to_integral_value() * step
        if bounds and rounded <= bounds[-1]:
            continue
        bounds.append(rounded)
    kept: list[Decimal] = []
    for bound in bounds:
        below = Decimal(repr(printed[0])) if not kept else kept[-1]
        # a class from the previous bound (or the minimum) up to this one must hold a value
        if any(below <= Decimal(repr(v)) < bound for v in printed) and float(bound) <= printed[-1]:
            kept.append(bound)
    return kept[:MAX_BOUNDS]


def _quantile(printed: Sequence[float], share: float) -> float:
    """The quantile by linear interpolation between the sorted values."""
    position = share * (len(printed) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(printed) - 1)
    return printed[lower] + (printed[upper] - printed[lower]) * (position - lower)


def _equal_bounds(low: float, high: float, decimals: int) -> list[Decimal]:
    """Multiples of the smallest round step that puts at most four bounds inside (low, high]."""
    first, last = Decimal(repr(low)), Decimal(repr(high))
    for step in _steps(decimals, math.inf):
        start = (first / step).to_integral_value(ROUND_FLOOR) + 1
        end = (last / step).to_integral_value(ROUND_FLOOR)
        if end - start + 1 <= MAX_BOUNDS:
            return [k * step for k in range(int(start), int(end) + 1)]
    raise AssertionError("a finite span always has a step")  # pragma: no cover
