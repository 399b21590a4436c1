"""Labels of the data as readers read them (class labels "1 bis unter 4", the held values of a
selection in words) and the pieces sentences about a selection are built from: areas, periods,
values with their signs, and the periods a comparison may span."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportgen.compose.formatting import format_number
from reportgen.compose.selection import TOTAL, Break, Point, Selection, Series, norm
from reportgen.compose.units import Case, sign_word, spoken
from reportgen.load.regions import Level

_DASH = "-–—‒−"
_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = re.compile(rf"^({_NUMBER})\s*[{_DASH}]\s*({_NUMBER})(?:\s+(.*))?$")
_FOOTNOTE = re.compile(r"\s*(\d+\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾?)$")
_AGE = re.compile(r"alter|jahre|jährig", re.I)
_CURRENCY = re.compile(r"\b(euro|eur)\b|€", re.I)
_AREA_DIMENSION = re.compile(
    r"^(gebietseinheit|gebiet|region|regionalebene|raumeinheit|kreis|landkreis|gemeinde)$", re.I
)
_AREA_ARTICLE = (
    (re.compile(r"^(Landkreis|Kreis|Regionalverband)\b"), "im"),
    (re.compile(r"^(Region|Stadt|Landeshauptstadt|Hansestadt|Gemeinde|Samtgemeinde)\b"), "in der"),
    (re.compile(r"^Statistische Region\b"), "in der Statistischen Region"),
)
_AREA_LEVELS = frozenset({Level.LAND, Level.REGION, Level.DISTRICT, Level.PART})
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")


def spaced(text: str) -> str:
    """One plain space for every run of white space (also non-breaking ones), none at the ends."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def without_footnote(label: str) -> str:
    """A label without the footnote mark glued to it ("Ohne Abschluss1)" → "Ohne Abschluss");
    the footnote itself is printed with the metadata. "(Fach-)Hochschulreife" stays whole."""
    text = spaced(label)
    match = _FOOTNOTE.search(text)
    if match is None or (match.group(1).endswith(")") and text.count(")") <= text.count("(")):
        return text
    return text[: match.start()].rstrip() or text


def _number(text: str, currency: bool) -> str:
    if not currency:
        return text
    digits = text.replace(".", "").replace(",", ".")
    decimals = len(digits.partition(".")[2])
    return format_number(float(digits), decimals)


def class_label(value: str, siblings: Sequence[str], dimension: str) -> str:
    """A class of a breakdown as official tables write it: "1 - 4" beside "4 - 6" (the next
    class starts where this one ends) is "1 bis unter 4"; an age class "15 – 65" is
    "15 bis unter 65"; "1000 - 1250" in a dimension in Euro is "1.000 bis unter 1.250 Euro";
    closed classes ("0 - 5" beside "6 - 14") read "0 bis 5". Other labels keep their words
    and case, without footnote marks."""
    text = without_footnote(value)
    match = _RANGE.match(text)
    if match is None:
        return text
    low, high, rest = match.group(1), match.group(2), match.group(3) or ""
    currency = bool(_CURRENCY.search(dimension) or _CURRENCY.search(rest))
    bounds = {
        part
        for sibling in siblings
        if (other := _RANGE.match(without_footnote(sibling))) and other.group(0) != text
        for part in (other.group(1), other.group(2))
    }
    half_open = high in bounds or low in bounds or currency or bool(_AGE.search(dimension))
    joined = f"{_number(low, currency)} {'bis unter' if half_open else 'bis'} "
    joined += _number(high, currency)
    if currency and not _CURRENCY.search(rest):
        rest = f"{rest} Euro".strip()
    return f"{joined} {rest}".strip()


def is_total(value: str) -> bool:
    return bool(TOTAL.match(norm(value)))


def selection_phrase(fixed: tuple[tuple[str, str], ...], title: str = "") -> str:
    """The values a selection holds, in words: "15 bis unter 65 Jahre, mit
    Migrationshintergrund" (never "Altersgruppe: 15 – 65; …"). Totals, empty values and values
    the ``title`` already names are left out."""
    words = []
    for dimension, value in fixed:
        if not value.strip() or is_total(value) or norm(value) in norm(title):
            continue
        label = class_label(value, (), dimension)
        numeric = re.match(r"^(unter\s+)?\d", label) and not re.search(r"jahr|älter|mehr", label)
        if _AGE.search(dimension) and numeric:
            label += " Jahre"
        words.append(label)
    return ", ".join(words)


def series_label(selection: Selection, series: Series) -> str:
    """A series' label as a sentence quotes it: class labels normalised per breakdown, footnote
    marks removed ("mit Migrationshintergrund – 18 bis unter 25")."""
    parts = series.label.split(" – ")
    if len(parts) != len(selection.varying):
        return without_footnote(series.label)
    all_parts = [s.label.split(" – ") for s in selection.series]
    labels = [
        class_label(
            part,
            [other[index] for other in all_parts if len(other) == len(parts)],
            selection.varying[index],
        )
        for index, part in enumerate(parts)
    ]
    return " – ".join(labels)


def place(selection: Selection, series: Series) -> tuple[str | None, str | None]:
    """Where and what a series is: (area, category). "Niedersachsen – Deutsche" by area and
    nationality is ("Niedersachsen", "Deutsche"); a Land series is ("Niedersachsen", None); a
    category of a selection that holds an area ("Gebietseinheit: Niedersachsen") is
    ("Niedersachsen", "mit Migrationshintergrund"); a total has no category."""
    label = series_label(selection, series)
    parts = label.split(" – ")
    if len(parts) == len(selection.varying) > 0:
        areas = [i for i, d in enumerate(selection.varying) if _AREA_DIMENSION.match(d.strip())]
        if len(areas) == 1:
            rest = [part for i, part in enumerate(parts) if i != areas[0]]
            kept = " – ".join(part for part in rest if not is_total(part))
            return parts[areas[0]], kept or None
    if series.level in _AREA_LEVELS and selection.by_area and len(parts) == 1:
        return label, None
    held = (
        without_footnote(value)
        for dimension, value in selection.fixed
        if _AREA_DIMENSION.match(dimension.strip()) and value.strip() and not is_total(value)
    )
    area = next(held, None)
    return area, None if is_total(series.label) or label == area else label


def in_area(area: str) -> str:
    """ "In Niedersachsen", "Im Landkreis Harburg", "In der Region Hannover", "In der Stadt
    Salzgitter" (for the register's "Salzgitter, Stadt")."""
    name, _, kind = area.rpartition(", ")
    if name and kind in ("Stadt", "Landkreis", "Region", "Kreis", "Landeshauptstadt"):
        area = f"{kind} {name}"
    for pattern, preposition in _AREA_ARTICLE:
        if pattern.match(area):
            if preposition.endswith("Statistischen Region"):
                return f"{capitalised(preposition)}{area[len('Statistische Region') :]}"
            return f"{capitalised(preposition)} {area}"
    return f"In {area}"


def when(period: str) -> str:
    """A period as an adverbial: "2024", "im Juni 2025", "im WS 2023/24", "am 31.12.2024"."""
    if re.fullmatch(r"\d{4}", period):
        return period
    if _DATE.match(period):
        return f"am {period}"
    return f"im {period}"


def quoted(label: str) -> str:
    return f"„{label}“"


def capitalised(text: str) -> str:
    """The first letter upper case, for a label that begins a sentence."""
    return text[:1].upper() + text[1:]


def comparable_periods(selection: Selection, periods: tuple[str, ...]) -> tuple[str, ...]:
    """The periods a comparison may use: since the last break, without unavailable periods
    and without periods in which every series is zero (a survey gap published as zeros)."""
    return tuple(p for p in selection.comparable(periods) if not zero_period(selection, p))


def zero_period(selection: Selection, period: str) -> bool:
    values = [point.value for s in selection.series if (point := s.points.get(period)) is not None]
    return 0.0 in values and all(v in (None, 0.0) for v in values)


def shown(series: Series, periods: tuple[str, ...]) -> list[tuple[str, Point]]:
    """The points of ``series`` in ``periods`` whose value is printed."""
    return [
        (period, point)
        for period in periods
        if (point := series.points.get(period)) is not None and point.value is not None
    ]


def break_note(cut: Break) -> str:
    """ "Werte vor 2022 sind wegen des Zeitreihenbruchs „Zensus 2022“ nicht vergleichbar.\""""
    if cut.label.strip():
        return (
            f"Werte vor {cut.first_year} sind wegen des Zeitreihenbruchs "
            f"{quoted(cut.label.strip())} nicht vergleichbar."
        )
    return f"Werte vor {cut.first_year} sind wegen eines Zeitreihenbruchs nicht vergleichbar."


def at(selection: Selection, period: str, point: Point, case: Case = Case.NOMINATIVE) -> str:
    """A value with its period: "5,8 % (2005)", "(5,7) Tsd. (2021)", "13,7 % (2024, vorläufig)"."""
    assert point.value is not None
    word = sign_word(point.sign)
    quantity = spoken(point.value, selection.decimals, selection.unit, case, point.sign)
    return f"{quantity} ({period}{', ' + word if word else ''})"


def value(selection: Selection, point: Point, case: Case = Case.NOMINATIVE) -> str:
    """A value without its period: "13,7 % (vorläufig)", "(5,7) Tsd."."""
    assert point.value is not None
    word = sign_word(point.sign)
    quantity = spoken(point.value, selection.decimals, selection.unit, case, point.sign)
    return f"{quantity} ({word})" if word else quantity
