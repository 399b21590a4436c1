"""German number, percentage and date formats; the one formatter every output uses."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from reportgen.load.signs import SUPPRESSING

LOCALE = "de_DE"
_PERCENT_UNITS = re.compile(r"^(%|prozent|in %|anteil in %|in prozent)$", re.I)


def is_percent(unit: str) -> bool:
    return bool(_PERCENT_UNITS.match(unit.strip()))


_CONTEXT = Context(prec=400)
"""Enough digits for any finite float with its decimals (the default 28 would refuse to
quantize a large value and raise InvalidOperation)."""


def _quantized(value: float, decimals: int) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(exponent, ROUND_HALF_UP, context=_CONTEXT)


def round_half_up(value: float, decimals: int) -> float:
    """Round as the tables do, so that differences match the printed values."""
    return float(_quantized(value, decimals))


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
        return sign or "."
    if value == 0:
        text = "–"
    elif abs(value) < 0.5 * 10 ** (-decimals):
        text = format_number(0.0, decimals)
    else:
        text = format_number(value, decimals)
    if sign == "()":
        return f"({text})"
    if sign in ("p", "r", "s"):
        return f"{text} {sign}"
    return text


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
    cleaned = unit.strip()
    if re.fullmatch(r"(anzahl\s+)?in\s+1\s?000|1000", cleaned, re.I):
        return "Tsd."
    return cleaned


def format_change(value: float, decimals: int, unit: str) -> str:
    """A signed difference: ``+1,2 Prozentpunkte`` for shares, ``−3.400`` for counts."""
    number = format_number(value, decimals, signed=True)
    if is_percent(unit):
        return f"{number} Prozentpunkte"
    if not unit or unit.lower() in ("anzahl", "fälle"):
        return number
    return f"{number} {unit_phrase(unit)}"


def format_date(day: dt.date) -> str:
    """``31.12.2024``."""
    return str(_babel_date(day, format="dd.MM.yyyy", locale=LOCALE))


def format_long_date(day: dt.date) -> str:
    """``18. Dezember 2025``."""
    return str(_babel_date(day, format="d. MMMM yyyy", locale=LOCALE))


def unit_caption(unit: str) -> str:
    """The unit as shown in captions and axis labels."""
    if not unit:
        return "Anzahl"
    if is_percent(unit):
        return "in %"
    if unit_phrase(unit) == "Tsd.":
        return "in 1.000"
    return unit


def format_relative_change(value: float, decimals: int = 1) -> str:
    """A change in per cent of the base value: ``+3,2 %``."""
    return f"{format_number(value, decimals, signed=True)} %"
