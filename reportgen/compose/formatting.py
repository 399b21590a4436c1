"""German number, percentage and date formats; the one formatter every output uses."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import overload

import numpy as np
import numpy.typing as npt
import pandas as pd
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from reportgen.load.signs import (
    APPENDED,
    BRACKETED,
    NOTHING,
    SIGNS,
    SUPPRESSING,
    UNKNOWN,
    legend_sign,
)

LOCALE = "de_DE"
_PERCENT_UNITS = re.compile(r"^(anteil\s+)?(in\s+)?(%|prozent|v\.\s?h\.)$", re.I)
_THOUSANDS_UNITS = re.compile(
    r"^(anzahl\s+)?(in\s+)?(1[.\s]?000|tausend|tsd\.?)(\s+personen)?$", re.I
)


def _bare(unit: str) -> str:
    return re.sub(r"\s+", " ", unit.replace("\xa0", " ")).strip().strip("()").strip()


def is_percent(unit: str) -> bool:
    """A unit in per cent: "%", "Prozent", "in %", "Anteil in Prozent"."""
    return bool(_PERCENT_UNITS.match(_bare(unit)))


def is_thousands(unit: str) -> bool:
    """A count in thousands: "in 1000", "1000", "Anzahl in 1000", "in Tausend", "Tsd."."""
    return bool(_THOUSANDS_UNITS.match(_bare(unit)))


_CONTEXT = Context(prec=400)
"""Enough digits for any finite float with its decimals (the default 28 would refuse to
quantize a large value and raise InvalidOperation)."""


def _quantized(value: float, decimals: int) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(exponent, ROUND_HALF_UP, context=_CONTEXT)


def round_half_up(value: float, decimals: int) -> float:
    """Round as the tables do, so that differences match the printed values.

    Official statistics round half up, away from zero ("kaufmännisch"): 0,125 → 0,13 and
    −2,5 → −3. The decimal that is rounded is the float's ``repr``, the shortest one that
    reads back as it: 2.675 is stored as 2.67499999999999982…, but the data said 2.675, so it
    becomes 2,68. Python's ``round()`` (half to even, on the binary value) would give 2,67.
    """
    return float(_quantized(value, decimals))


_POWERS = np.array([float(10**k) for k in range(16)])
"""10^0 … 10^15, each exact as a float (``10.0 ** k`` would leave exactness to ``pow``)."""
_EXACT_BELOW = 2.0**48
"""Below this, |value| · 10^decimals is small enough for the exact shortcut of
``round_half_up_array`` (see there); larger values go through the scalar helper."""


@overload
def round_half_up_array(values: pd.Series, decimals: int | npt.ArrayLike) -> pd.Series: ...


@overload
def round_half_up_array(
    values: npt.ArrayLike, decimals: int | npt.ArrayLike
) -> npt.NDArray[np.float64]: ...


def round_half_up_array(
    values: pd.Series | npt.ArrayLike, decimals: int | npt.ArrayLike
) -> pd.Series | npt.NDArray[np.float64]:
    """``round_half_up`` of every element (a Series keeps its index), vectorised, and equal to
    the scalar helper for every finite float; ``decimals`` is one number or one per element.

    Why not ``np.round`` of values shifted by an epsilon: the scalar rounds the float's
    ``repr``, and no shift reproduces that for every float — 0.125 must go up, the float just
    below it (repr 0.12499999999999999) must go down, yet they differ by 1.4e-17. So each
    element is decided exactly instead. With s = |value| · 10^d (one rounded product),
    n = ⌊s⌋ and the tie h = (n + ½) / 10^d between n and n + 1, the float nearest to h is
    t = (2n + 1) / (2 · 10^d): numerator and denominator are exact, and IEEE division rounds
    correctly. If |value| ≠ t, h does not read back as |value|, so neither does any decimal
    on the far side of h, and the repr lies on the same side of h as |value|: compare them.
    If |value| = t, the repr is h itself, because while s < 2^48 every other decimal with as
    few digits is more than the float spacing away from h; a half rounds up. The result
    n / 10^d is one correctly rounded division, as ``float(Decimal(...))`` is.

    Elements beyond 2^48 · 10^-d and ``decimals`` outside 0–15 go through the scalar helper
    (rare: 281 billion at 3 decimals); NaN and infinity are returned as they are — a frame's
    missing values (the scalar helper refuses infinity).
    """
    array = np.asarray(values, dtype=np.float64)
    digits = np.asarray(decimals)
    if digits.dtype.kind not in "iu":
        raise TypeError(f"decimals must be integers, not {digits.dtype}")
    array, digits = np.broadcast_arrays(array, digits)
    result = array.astype(np.float64, copy=True)
    known = (digits >= 0) & (digits < len(_POWERS))
    scale = _POWERS[np.where(known, digits, 0)]
    magnitude = np.abs(array)
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = magnitude * scale
    fast = known & (scaled < _EXACT_BELOW)  # False for NaN and infinity
    whole, power = np.floor(scaled[fast]), scale[fast]
    up = magnitude[fast] >= (2.0 * whole + 1.0) / (2.0 * power)
    result[fast] = np.copysign((whole + up) / power, array[fast])
    for index in np.flatnonzero(~fast & np.isfinite(array)):
        result.flat[index] = round_half_up(float(array.flat[index]), int(digits.flat[index]))
    if isinstance(values, pd.Series):
        return pd.Series(result, index=values.index, name=values.name)
    return result


def printed_change(old: float, new: float, decimals: int) -> tuple[float, float | None]:
    """How much a value changed as printed: the difference of the rounded values, and that
    difference in per cent of the rounded old value (None when that prints as zero).

    Text then agrees with the table beside it (12,3 → 12,3 is "unverändert" even if the data
    moved by 0,04). The per cent are of |old|, so their sign is the difference's: −10 → −5 is
    "+5 (+50 %)", never "+5 (−50 %)".
    """
    base = round_half_up(old, decimals)
    # rounded again: 12.3 - 5.1 is 7.199999999999999 in floats
    difference = round_half_up(round_half_up(new, decimals) - base, decimals)
    return difference, _per_cent(difference, base)


def relative_change(old: float, new: float) -> float | None:
    """The change from ``old`` to ``new`` in per cent of |old| (None from zero), with the sign
    of the difference as in ``printed_change``: −10 → −5 is +50 %."""
    return _per_cent(new - old, old)


def _per_cent(difference: float, base: float) -> float | None:
    return difference / abs(base) * 100 if base else None


def is_share(unit: str) -> bool:
    """A unit in per cent or percentage points (shares, rates, changes in per cent): a change
    of such a value is not told once more in per cent of it."""
    return is_percent(unit) or "prozent" in unit.casefold()


def format_number(value: float, decimals: int, signed: bool = False) -> str:
    """``1234567.0, 0`` → ``1.234.567``; ``6.0, 1`` → ``6,0`` (precision is kept)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    if signed:
        pattern = "+" + pattern + ";-" + pattern
    # official statistics round half up (kaufmännisch); Babel would round half to even
    rounded = _quantized(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # no "−0,0"
    with localcontext(_CONTEXT):
        text = format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=True)
    return str(text).replace("-", "−")


def format_cell(value: float | None, decimals: int, sign: str = "") -> str:
    """A table cell in the conventions of official statistics, signs included."""
    if sign in SUPPRESSING:
        return sign
    if value is None or math.isnan(value):
        return sign or UNKNOWN
    # a value below half a unit prints as 0 or 0,0 (sign "0": more than nothing), never −0,0
    text = NOTHING if value == 0 else format_number(value, decimals)
    if sign == BRACKETED:
        return f"({text})"
    if sign in APPENDED:
        return f"{text} {sign}"
    return text


def sign_legend(used: set[str]) -> str:
    """What the signs in a table mean, in the order of the legend: "– = nichts vorhanden; …"."""
    return "; ".join(f"{legend_sign(s)} = {SIGNS[s]}" for s in SIGNS if s in used)


def format_quantity(value: float, decimals: int, unit: str) -> str:
    """A value with its unit for running text and alt text: ``12,3 %``, ``1.234 Personen``."""
    number = format_number(value, decimals)
    if is_percent(unit):
        return f"{number} %"
    if not unit or unit.lower() == "anzahl":
        return number
    return f"{number} {unit_phrase(unit)}"


def unit_phrase(unit: str) -> str:
    """How a unit reads after a number: ``in 1000`` → ``Tsd.``."""
    return "Tsd." if is_thousands(unit) else unit.strip()


def format_change(value: float, decimals: int, unit: str) -> str:
    """A signed difference: ``+1,2 Prozentpunkte`` for shares, ``−3.400`` for counts."""
    number = format_number(value, decimals, signed=True)
    if is_percent(unit):
        return f"{number} Prozentpunkte"
    if not unit or unit.lower() in ("anzahl", "fälle"):
        return number
    return f"{number} {unit_phrase(unit)}"


def format_distance(value: float, decimals: int, unit: str) -> str:
    """An unsigned difference: ``2,5 Prozentpunkte`` for shares, ``1.200 Personen`` else."""
    if is_percent(unit):
        return f"{format_number(value, decimals)} Prozentpunkte"
    return format_quantity(value, decimals, unit)


def distance_between(first: float, second: float, decimals: int, unit: str) -> str:
    """How far apart two values are as printed (never "0,1" between two printed 12,3)."""
    difference, _ = printed_change(first, second, decimals)
    return format_distance(abs(difference), decimals, unit)


def with_relative(change: str, relative: float | None, unit: str) -> str:
    """A change followed by its per cent of the old value, ``+21 (+21,0 %)``; nothing is added
    for shares (see ``is_share``) or from a base that prints as zero (``relative`` None)."""
    if relative is None or is_share(unit):
        return change
    return f"{change} ({format_relative_change(relative)})"


def format_date(day: dt.date) -> str:
    """``31.12.2024``."""
    return str(_babel_date(day, format="dd.MM.yyyy", locale=LOCALE))


def format_long_date(day: dt.date) -> str:
    """``18. Dezember 2025``."""
    return str(_babel_date(day, format="d. MMMM yyyy", locale=LOCALE))


def unit_caption(unit: str) -> str:
    """The unit as shown in captions and axis labels: "in %", "in 1.000" (every spelling of
    thousands alike; "Tsd." is the form of running text), "Anzahl" for counts."""
    if not _bare(unit):
        return "Anzahl"
    if is_percent(unit):
        return "in %"
    if is_thousands(unit):
        return "in 1.000"
    return re.sub(r"\bje 1000\b", "je 1.000", _bare(unit))


def format_relative_change(value: float, decimals: int = 1) -> str:
    """A change in per cent of the base value: ``+3,2 %``."""
    return f"{format_number(value, decimals, signed=True)} %"
