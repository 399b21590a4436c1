"""What a selection of an indicator is: series of points over periods in one unit, and what
it says about itself (its focus series, the span a comparison may cover)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reportgen.load.regions import Level

TOTAL = re.compile(
    r"^(insgesamt|zusammen|gesamt|total|alle\b|mit und ohne\b|staaten insgesamt$)", re.I
)
_FOOTNOTE_MARK = re.compile(r"\s*(\d+\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾?)$")


def norm(text: str) -> str:
    """Compare labels the way a reader does: spaces, case and footnote marks do not count."""
    text = re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()
    return _FOOTNOTE_MARK.sub("", text).casefold()


@dataclass(frozen=True)
class Point:
    value: float | None
    sign: str


@dataclass(frozen=True)
class Series:
    label: str
    points: dict[str, Point]
    """Period label → observation."""
    level: str = ""
    region: str = ""
    """Region key, for series that stand for one area."""

    def latest(self, periods: tuple[str, ...]) -> tuple[str, float] | None:
        """The latest period with a showable value."""
        for period in reversed(periods):
            point = self.points.get(period)
            if point and point.value is not None:
                return period, point.value
        return None

    def earliest(self, periods: tuple[str, ...]) -> tuple[str, float] | None:
        for period in periods:
            point = self.points.get(period)
            if point and point.value is not None:
                return period, point.value
        return None


@dataclass(frozen=True)
class Break:
    """A break in the series (``zeitreihenbrueche``): values from ``first_year`` on are not
    comparable with earlier ones."""

    first_year: int
    label: str
    note: str = ""


@dataclass(frozen=True)
class Selection:
    """What an indicator shows by default: series over periods in one unit."""

    unit: str
    open_sdg_series: str
    fixed: tuple[tuple[str, str], ...]
    varying: tuple[str, ...]
    periods: tuple[str, ...]
    temporal: bool
    series: tuple[Series, ...]
    decimals: int
    period_keys: dict[str, float]
    omitted_series: int = 0
    by_area: bool = False
    """True when the series stand for areas (Land, regions, districts), not categories."""
    breaks: tuple[Break, ...] = ()
    """Breaks within the periods of the selection, oldest first."""
    focus_label: str | None = None
    """The series the key statement speaks about, as configured (``fokus``)."""
    unavailable: tuple[str, ...] = ()
    """Periods declared without results (``keine_werte``): never shown as values."""

    @property
    def main(self) -> Series:
        """The focus series, the one a key statement speaks about: the configured one, else
        the Land, else the group the indicator is about (never a reference group such as
        "Deutsche" or "ohne Migrationshintergrund"), else the total, else the largest."""
        if self.focus_label:
            wanted = norm(self.focus_label)
            for series in self.series:
                if norm(series.label) == wanted:
                    return series
        lands = [s for s in self.series if s.level == Level.LAND]
        return _preferred(lands or list(self.series), self.periods)

    def comparable(self, periods: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The periods (of ``periods``, else all) since the last break before the latest one,
        without periods declared as having no results: the span a comparison may cover."""
        chosen = tuple(p for p in (periods or self.periods) if p not in self.unavailable)
        if not chosen or not self.breaks:
            return chosen
        latest = self.period_keys[chosen[-1]]
        starts = [b.first_year for b in self.breaks if b.first_year <= latest]
        if not starts:
            return chosen
        return tuple(p for p in chosen if self.period_keys[p] >= max(starts))

    def break_before(self, periods: tuple[str, ...] | None = None) -> Break | None:
        """The break that cuts ``comparable`` off from earlier periods, if one does."""
        chosen = periods or self.periods
        kept = self.comparable(chosen)
        if not kept or kept[0] == chosen[0]:
            return None
        first = self.period_keys[kept[0]]
        return max(
            (b for b in self.breaks if b.first_year <= first),
            key=lambda b: b.first_year,
            default=None,
        )


_GROUP = re.compile(
    r"(mit\b.*(migration|zuwanderung)|ausländer|ausländisch|zugewandert|schutzsuchend|geflüchtet)",
    re.I,
)
_REFERENCE = re.compile(
    r"^\s*(deutsche\b|ohne\b.*(migration|zuwanderung)|ohne eigene migrationserfahrung)", re.I
)


def _preferred(candidates: list[Series], periods: tuple[str, ...]) -> Series:
    """The group the indicator is about, else the total, else the largest non-reference."""
    groups = [s for s in candidates if _GROUP.search(s.label) and not _REFERENCE.search(_last(s))]
    if groups:
        return groups[0]
    totals = [s for s in candidates if TOTAL.match(norm(_last(s)))]
    if totals or len(candidates) == 1:
        return (totals or candidates)[0]
    others = [s for s in candidates if not _REFERENCE.search(_last(s))] or candidates
    return max(others, key=lambda s: abs((s.latest(periods) or ("", 0.0))[1]))


def _last(series: Series) -> str:
    """The category part of a label such as "Niedersachsen – Deutsche"."""
    return series.label.split(" – ")[-1]


def period_for(selection: Selection, wanted: object) -> str | None:
    """The period a user means by a label or a year: the label as written, else the latest
    period of that year ("2023" finds "WS 2023/24" in school data, "Juni 2023" in monthly)."""
    text = str(wanted).strip()
    if text in selection.period_keys:
        return text
    if not text.isdigit():
        return None
    year = int(text)
    of_year = [p for p in selection.periods if period_year(selection, p) == year]
    return of_year[-1] if of_year else None


def period_year(selection: Selection, period: str) -> int | None:
    """The calendar year a period of the selection starts in; None for a label that is no
    point in time. The year is the whole part of the sort key (a floor, not a rounding); keys
    past 2999, the last year load/periods.py reads, order labels that are not time."""
    year = math.floor(selection.period_keys[period])
    return year if year <= 2999 else None


def change(series: Series, periods: tuple[str, ...]) -> tuple[str, float, str, float] | None:
    """First and latest showable value of a series: (from, value, to, value)."""
    first, last = series.earliest(periods), series.latest(periods)
    if first is None or last is None or first[0] == last[0]:
        return None
    return first[0], first[1], last[0], last[1]
