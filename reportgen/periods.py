"""Period labels of the Open SDG ``Year`` column: years, school years, months, or free labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("märz", "mär", "maerz"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_TERM = re.compile(r"^(WS|SS|Wintersemester|Sommersemester)\s*(\d{4})(?:\s*/\s*\d{2,4})?$", re.I)
_MONTH = re.compile(r"^([A-Za-zäÄ]+)\.?\s+(\d{4})$")
_QUARTER = re.compile(r"^(?:Q([1-4])|([1-4])\.\s*Quartal)\s*(\d{4})$", re.I)
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*/\s*(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A sortable period; ``year`` is None for labels that are not points in time."""

    sort_key: float
    label: str
    year: int | None


def parse_period(label: str, position: int) -> Period:
    """Interpret a ``Year`` label; unknown labels keep their order of appearance."""
    text = label.strip()
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(float(year), text if text.isdigit() else str(year), year)
    if match := _ISO.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        return Period(year + (month - 1) / 12, text, year)
    if match := _TERM.match(text):
        year = int(match.group(2))
        winter = match.group(1).lower().startswith("w")
        return Period(year + (0.75 if winter else 0.25), text, year)
    if match := _SCHOOL_YEAR.match(text):
        year = int(match.group(1))
        return Period(year + 0.6, text, year)
    if match := _QUARTER.match(text):
        quarter = int(match.group(1) or match.group(2))
        year = int(match.group(3))
        return Period(year + (quarter - 1) / 4, text, year)
    if (match := _MONTH.match(text)) and match.group(1).lower() in _MONTHS:
        year = int(match.group(2))
        return Period(year + (_MONTHS[match.group(1).lower()] - 1) / 12, text, year)
    return Period(1e6 + position, text, None)
