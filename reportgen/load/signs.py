"""The Zeichenerklärung of German official statistics and how data flags map onto it."""

from __future__ import annotations

import re
from collections.abc import Mapping

# sign → meaning, in the order of the legend
SIGNS: dict[str, str] = {
    "–": "nichts vorhanden (genau null)",
    "0": "weniger als die Hälfte von 1 in der letzten besetzten Stelle, jedoch mehr als nichts",
    ".": "Zahlenwert unbekannt oder geheim zu halten",
    "…": "Angabe fällt später an",
    "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    "/": "keine Angaben, da Zahlenwert nicht sicher genug",
    "()": "Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
    "p": "vorläufige Zahl",
    "r": "berichtigte Zahl",
    "s": "geschätzte Zahl",
}
SUPPRESSING = frozenset({".", "…", "x", "/"})
"""Signs that replace the value: a number in such a cell is never shown."""
UNKNOWN = "."
"""The sign of a value nobody gave: an empty cell, an Excel error, two conflicting rows."""
NOTHING = "–"
"""The sign of exactly zero."""
NOT_SENSIBLE = "x"
"""The sign of a period declared without results (e.g. a survey gap published as zeros)."""
BRACKETED = "()"
"""The sign that encloses the value: ``(12,0)``."""
APPENDED = ("p", "r", "s")
"""Signs written after the value: ``3,0 p``."""

_DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    ("gesperrt", "."),
    ("geheim", "."),
    ("nicht veröffentlicht", "/"),
    ("nicht ausreichend genau", "/"),
    ("nicht sicher genug", "/"),
    ("nicht sinnvoll", "x"),
    ("unsicher", "()"),
    ("eingeschränkt", "()"),
    ("vorläufig", "p"),
    ("berichtigt", "r"),
    ("revidiert", "r"),
    ("geschätzt", "s"),
    ("später", "…"),
)


def resolve_flag(flag: str, overrides: Mapping[str, str]) -> str | None:
    """The sign a flag text stands for; exact overrides first, then keyword rules."""
    if flag in overrides:
        return overrides[flag]
    lowered = flag.lower()
    for keyword, sign in _DEFAULT_RULES:
        if keyword in lowered:
            return sign
    if flag.strip() in SIGNS:
        return flag.strip()
    return None


def sign_in_value_cell(text: str) -> str | None:
    """Some sources write the sign itself into the Value cell (``.``, ``x``, ``-`` …)."""
    stripped = text.strip()
    if stripped in ("-", "–", "—"):
        return NOTHING
    if stripped in ("...", "…"):
        return "…"
    if stripped in (".", "x", "X", "/"):
        return stripped.lower()
    if re.fullmatch(r"\(\s*\)", stripped):
        return BRACKETED
    return None


def signs_in(cell: str) -> set[str]:
    """The signs of the Zeichenerklärung a formatted cell shows (for the legend of a table)."""
    found = {sign for sign in SIGNS if cell == sign}
    if cell.startswith("("):
        found.add(BRACKETED)
    found.update(sign for sign in APPENDED if cell.endswith(f" {sign}"))
    return found


def legend_sign(sign: str) -> str:
    """How a sign is printed in a legend: the pair of parentheses as "( )"."""
    return "( )" if sign == BRACKETED else sign
