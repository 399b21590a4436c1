"""Period labels of the Open SDG ``Year`` column, read the way German statistics offices write them.

A label that names a stretch of time gets a sort key at the *start* of that stretch, in years
with a fraction (1 January 2024 = 2024.0, 1 July 2024 ≈ 2024.497), so that periods of different
kinds interleave in time: "Schuljahr 2020/21" (1 Aug 2020) < "WS 2020/21" (1 Oct 2020) <
"2. Quartal 2024" (1 Apr 2024) < "Juni 2025". ``year`` is the calendar year of the start, so
``year == int(sort_key)`` for every label that is read.

Forms read — case, a dot after an abbreviation, spaces (also non-breaking) and the kind of dash
(-, –, —) do not matter; years run from 1000 to 2999:

=================  ======================================================  =====================
kind               examples                                                starts on
=================  ======================================================  =====================
year               2024, 2024.0 (Excel; shown as "2024")                   1 January
month              2024-06, 06/2024, 6/2024, 06.2024, Juni 2025,           the 1st
                   Jun. 2025, März 2025, Maerz 2025, Mrz 2025
day (Stichtag)     2024-06-30, 30.06.2024, 30. Juni 2024, Stichtag …       that day
quarter            2. Quartal 2024, II. Quartal 2024, 2. Vierteljahr 2024,  1 Jan/Apr/Jul/Oct
                   2. Vj. 2024, Q2 2024, 2024 Q2, 2024-Q2
half year          1. Halbjahr 2024, 2. Hj. 2024, H1 2024, 2024-H2         1 January, 1 July
winter semester    WS 2023/24, WS 2023/2024, WiSe 2023/24,                 1 October
                   Wintersemester 2023/24, WS 2023
summer semester    SS 2024, SoSe 2024, Sommersemester 2024                 1 April
school year        Schuljahr 2020/21, Schuljahr 2020/2021, SJ 2020/21,     1 August
                   2020/21, 2020/2021
year range         2019–2022, 2019-2022, 2019 bis 2022                     1 January of the first
=================  ======================================================  =====================

Choices worth knowing:

* A semester or school year needs its second year to follow the first: "2024 / 2005" is a
  comparison of two years, not a stretch of time, and stays a free label. A bare "2020/21" is
  read as a school year (it begins on 1 August under the Hamburger Abkommen).
* A year range (pooled survey waves, multi-year averages) sits where it begins, like every
  other period, and its ``year`` is the first year: "Daten bis" and placeholders that ask for a
  year then treat it as data from its start, and ``year == int(sort_key)`` still holds.
* Periods with the same start get the same key ("2024", "Januar 2024", "1. Halbjahr 2024",
  "2024–2026"; or "WS 2023/24" and "WS 2023/2024"). Tables sort by key stably, so such labels
  keep their order of appearance in the data; Period objects themselves compare the label next.
* Anything else (free text, "2024 / 2005", "13/2024") keeps its order of appearance after
  every readable label, with ``year`` None. The label itself is kept as written (trimmed),
  except "2024.0", which becomes "2024".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_UNDATED = 1_000_000.0
"""Sort keys from here on are positions of unreadable labels, after every point in time."""
_FIRST_YEAR, _LAST_YEAR = 1000, 2999

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan", "jänner", "jän"),
            ("februar", "feb"),
            ("märz", "mär", "maerz", "mrz"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}
_ORDINALS = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A sortable period; ``year`` is None for labels that are not points in time."""

    sort_key: float
    label: str
    year: int | None


def parse_period(label: str, position: int) -> Period:
    """Interpret a ``Year`` label; unknown labels keep their order of appearance (``position``)."""
    text = label.strip()
    start = _start(_normalise(text))
    if start is None:
        return Period(_UNDATED + position, text, None)
    shown = match[1] if (match := _EXCEL_YEAR.match(text)) else text
    return Period(_in_years(start), shown, start.year)


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_SPACES = re.compile(r"\s+")  # Unicode: also no-break, narrow no-break and thin spaces


def _normalise(text: str) -> str:
    """One spelling for matching: composed umlauts, lower case, ASCII dashes, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES).casefold()
    return _SPACES.sub(" ", text).strip()


def _start(text: str) -> date | None:
    """The first day of the first form that both matches and makes sense."""
    for pattern, build in _FORMS:
        if (match := pattern.match(text)) and (start := build(match)) is not None:
            return start
    return None


def _in_years(day: date) -> float:
    """1 January 2024 → 2024.0, 1 July 2024 → 2024 + 182/366."""
    first = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - first
    return day.year + (day.toordinal() - first) / length


# --- first days ---------------------------------------------------------------------------------


def _day(year: str, month: str | int, day: str | int = 1) -> date | None:
    """None for a year outside 1000–2999 or a day that does not exist (13/2024, 31.06.2024)."""
    if not _FIRST_YEAR <= int(year) <= _LAST_YEAR:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _follows(first: str, second: str | None) -> bool:
    """Whether the second year follows the first: "2023/24", "2023/2024" yes, "2024/2005" no."""
    if second is None:
        return True
    following = int(first) + 1
    return int(second) == (following % 100 if len(second) == 2 else following)


def _quarter(year: str, number: str) -> date | None:
    return _day(year, _ORDINALS[number] * 3 - 2)


def _half(year: str, number: str) -> date | None:
    """There is no "3. Halbjahr"."""
    return _day(year, _ORDINALS[number] * 6 - 5) if _ORDINALS[number] <= 2 else None


def _winter(year: str, second: str | None) -> date | None:
    return _day(year, 10) if _follows(year, second) else None


def _school_year(year: str, second: str) -> date | None:
    return _day(year, 8) if _follows(year, second) else None


def _year_range(first: str, last: str) -> date | None:
    return _day(first, 1) if int(first) < int(last) <= _LAST_YEAR else None


# --- forms ----------------------------------------------------------------------------------------

_Y = r"([0-9]{4})"
_SECOND_YEAR = r"([0-9]{4}|[0-9]{2})"
_NAME = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_NUMBER = "(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\.?"
_QUARTER = r"(?:quartal|vierteljahr|vj|qu)\.?"
_HALF = r"(?:halbjahr|hj)\.?"
_STICHTAG = r"(?:(?:stichtag|stand):? ?)?"
_EXCEL_YEAR = re.compile(r"^([0-9]{4})\.0+$")

_Build = Callable[[re.Match[str]], date | None]


def _form(pattern: str, build: _Build) -> tuple[re.Pattern[str], _Build]:
    return re.compile(f"^{pattern}$", re.ASCII), build


# Matched against the normalised label, in this order; the first that makes sense wins.
_FORMS: tuple[tuple[re.Pattern[str], _Build], ...] = (
    _form(rf"{_Y}(?:\.0+)?", lambda m: _day(m[1], 1)),
    _form(rf"{_Y}-([0-9]{{2}})", lambda m: _day(m[1], m[2])),
    _form(rf"{_Y}-([0-9]{{2}})-([0-9]{{2}})", lambda m: _day(m[1], m[2], m[3])),
    _form(
        rf"{_STICHTAG}([0-9]{{1,2}})\. ?([0-9]{{1,2}})\. ?{_Y}", lambda m: _day(m[3], m[2], m[1])
    ),
    _form(
        rf"{_STICHTAG}([0-9]{{1,2}})\. ?{_NAME} ?{_Y}",
        lambda m: _day(m[3], _MONTH_NAMES[m[2]], m[1]),
    ),
    _form(rf"([0-9]{{1,2}}) ?[/.] ?{_Y}", lambda m: _day(m[2], m[1])),
    _form(rf"{_NAME} ?{_Y}", lambda m: _day(m[2], _MONTH_NAMES[m[1]])),
    _form(rf"{_NUMBER} ?{_QUARTER} ?{_Y}", lambda m: _quarter(m[2], m[1])),
    _form(rf"{_Y},? {_NUMBER} ?{_QUARTER}", lambda m: _quarter(m[1], m[2])),
    _form(rf"q ?([1-4])[ /-]?{_Y}", lambda m: _quarter(m[2], m[1])),
    _form(rf"{_Y}[ /-]?q ?([1-4])", lambda m: _quarter(m[1], m[2])),
    _form(rf"{_NUMBER} ?{_HALF} ?{_Y}", lambda m: _half(m[2], m[1])),
    _form(rf"{_Y},? {_NUMBER} ?{_HALF}", lambda m: _half(m[1], m[2])),
    _form(rf"h ?([12])[ /-]?{_Y}", lambda m: _half(m[2], m[1])),
    _form(rf"{_Y}[ /-]?h ?([12])", lambda m: _half(m[1], m[2])),
    _form(
        rf"(?:ws|wise|wintersemester)\.? ?{_Y}(?: ?[/-] ?{_SECOND_YEAR})?",
        lambda m: _winter(m[1], m[2]),
    ),
    _form(rf"(?:ss|sose|sommersemester)\.? ?{_Y}", lambda m: _day(m[1], 4)),
    _form(
        rf"(?:schuljahr|schulj|sj)\.? ?{_Y} ?[/-] ?{_SECOND_YEAR}",
        lambda m: _school_year(m[1], m[2]),
    ),
    _form(rf"{_Y} ?/ ?{_SECOND_YEAR}", lambda m: _school_year(m[1], m[2])),
    _form(rf"(?:von )?{_Y} ?(?:-|bis) ?{_Y}", lambda m: _year_range(m[1], m[2])),
)
