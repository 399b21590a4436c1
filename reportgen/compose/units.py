"""The unit of an indicator's values: which one it is (from the data, the metadata or the
title) and how a value with its unit reads in a German sentence."""

from __future__ import annotations

import re
from enum import StrEnum

from reportgen.compose.formatting import format_number, is_percent, is_thousands
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.signs import APPENDED, BRACKETED

PERCENT = "%"
POINTS = "Prozentpunkte"
THOUSANDS = "in 1000"
YEARS = "Jahre"


class UnitKind(StrEnum):
    COUNT = "count"
    """Persons, cases, items: no unit word after the number."""
    THOUSANDS = "thousands"
    """Counts in thousands: "Tsd." after the number, "in 1.000" in captions."""
    PERCENT = "percent"
    """Shares, rates and changes in per cent: "%"."""
    POINTS = "points"
    """Differences of shares: "Prozentpunkte"."""
    NOUN = "noun"
    """A unit noun that is declined ("Jahre", "von 35,5 Jahren")."""
    OTHER = "other"
    """Anything else, written as given ("je 1.000 Einwohner")."""


class Case(StrEnum):
    """The grammatical case a quantity stands in: "betrug 36,0 Jahre", "von 35,5 Jahren"."""

    NOMINATIVE = "nominative"
    """Also the accusative: a unit noun's plural is the same."""
    DATIVE = "dative"


_NOUNS: tuple[tuple[str, str, str], ...] = (
    # singular, plural, dative plural
    ("Jahr", "Jahre", "Jahren"),
    ("Monat", "Monate", "Monaten"),
    ("Woche", "Wochen", "Wochen"),
    ("Tag", "Tage", "Tagen"),
    ("Stunde", "Stunden", "Stunden"),
    ("Prozentpunkt", "Prozentpunkte", "Prozentpunkten"),
    ("Fall", "Fälle", "Fällen"),
    ("Person", "Personen", "Personen"),
    ("Euro", "Euro", "Euro"),
)
_NOUN_FORMS = {form.casefold(): forms for forms in _NOUNS for form in forms}
_COUNTED = frozenset({"Fall", "Person"})
"""Unit nouns of counts: "Fälle" are told with their noun, but compare like counts."""
_COUNT_WORDS = frozenset({"", "anzahl", "anz.", "zahl", "absolut", "absolute zahlen", "stück"})
_NO_UNIT = frozenset({"", "-", "–", "nan", "none", "keine", "ohne"})
_SIGN_WORDS = {"p": "vorläufig", "r": "berichtigt", "s": "geschätzt"}


def _key(unit: str) -> str:
    text = re.sub(r"\s+", " ", unit.replace("\xa0", " ")).strip().strip("()").strip()
    return re.sub(r"^in\s+", "", text, flags=re.I).casefold()


def unit_kind(unit: str) -> UnitKind:
    """What kind of unit ``unit`` is; the empty unit is a count."""
    key = _key(unit)
    if key in _COUNT_WORDS:
        return UnitKind.COUNT
    if is_thousands(unit):
        return UnitKind.THOUSANDS
    if "prozentpunkt" in key:
        return UnitKind.POINTS
    if is_percent(unit) or re.search(r"(\bin|\bje)\s*(%|prozent)$|%$", key):
        return UnitKind.PERCENT
    if key in _NOUN_FORMS:
        return UnitKind.NOUN
    return UnitKind.OTHER


def is_rate(unit: str) -> bool:
    """Values that compare across groups of different size: shares, rates, averages (not
    counts, whose difference between two populations says nothing)."""
    kind = unit_kind(unit)
    counted = kind == UnitKind.NOUN and _NOUN_FORMS[_key(unit)][0] in _COUNTED
    return kind not in (UnitKind.COUNT, UnitKind.THOUSANDS) and not counted


def names_unit(text: str | None) -> bool:
    return text is not None and _key(text) not in _NO_UNIT


def title_unit(title: str) -> str:
    """The unit a title gives away ("… in Prozent", "Betreuungsquote", "je 1.000 Einwohner"),
    or "" when it says nothing or names a count and a share alike ("Anzahl und Anteil")."""
    lowered = title.replace("\xa0", " ").casefold()
    if re.search(r"in (1\.?000|tausend)\b", lowered):
        return THOUSANDS
    if "prozentpunkt" in lowered:
        return POINTS
    per = re.search(r"\bje\s+(\d{1,3}(?:[.\s]?\d{3})*)(\s+[^\W\d_]+)?", title, re.I)
    if per:
        number = format_number(float(re.sub(r"\D", "", per.group(1))), 0)
        return f"je {number}{per.group(2) or ''}"
    share = re.search(r"in prozent|in %|\(%\)|anteil(e|s)?\b|quoten?\b", lowered)
    if share and not re.search(r"\banzahl\b", lowered):
        return PERCENT
    if "durchschnittsalter" in lowered:
        return YEARS
    return ""


def resolve_unit(column_unit: str, meta: IndicatorMeta, title: str) -> str:
    """The unit to format with: the CSV's Units value when it names one; else the unit of the
    metadata's precision rules (the only one, or the one the title points to); else what the
    title says ("Betreuungsquote" → %); else "" (a count). A quota or share is never a count."""
    if names_unit(column_unit):
        return column_unit.strip()
    hint = title_unit(title)
    units = list(
        dict.fromkeys((r.unit or "").strip() for r in meta.precision if names_unit(r.unit))
    )
    if hint:
        matching = [u for u in units if unit_kind(u) == unit_kind(hint)]
        if matching:
            return matching[0]
    if len(units) == 1 and not (hint and unit_kind(units[0]) == UnitKind.COUNT):
        return units[0]
    return hint


def unit_word(unit: str, number: str, case: Case = Case.NOMINATIVE) -> str:
    """What follows ``number`` in a sentence: "%", "Tsd.", "Jahren", or nothing for counts."""
    kind = unit_kind(unit)
    if kind == UnitKind.COUNT:
        return ""
    if kind == UnitKind.THOUSANDS:
        return "Tsd."
    if kind == UnitKind.PERCENT:
        return "%"
    forms = _NOUN_FORMS.get(_key(unit))
    if forms is None and kind == UnitKind.POINTS:
        forms = _NOUN_FORMS["prozentpunkte"]
    if forms is None:
        return re.sub(r"\bje 1000\b", "je 1.000", re.sub(r"\s+", " ", unit.strip()))
    if number.lstrip("+−-") == "1":
        return forms[0]
    return forms[2] if case == Case.DATIVE else forms[1]


def spoken(
    value: float,
    decimals: int,
    unit: str,
    case: Case = Case.NOMINATIVE,
    sign: str = "",
    signed: bool = False,
) -> str:
    """A value as a sentence writes it: "5,8 %", "(5,7) Tsd.", "von 35,5 Jahren" (dative).
    An uncertain value keeps its brackets; other signs are words (see ``sign_word``)."""
    number = format_number(value, decimals, signed=signed)
    word = unit_word(unit, number, case)
    if sign == BRACKETED:
        number = f"({number})"
    return f"{number} {word}" if word else number


def sign_word(sign: str) -> str:
    """The word for an appended sign in a sentence: "p" → "vorläufig"; "" for others."""
    return _SIGN_WORDS.get(sign, "") if sign in APPENDED else ""
