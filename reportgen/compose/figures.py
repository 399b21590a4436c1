"""What report and fact sheets say alike about a figure: the indicator's title, captions with
their unit (once) and period, and the alternative text of every kind of chart."""

from __future__ import annotations

import re

from reportgen.compose.formatting import printed_change, unit_caption
from reportgen.compose.indicators import Selection, Series
from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec
from reportgen.compose.selection import Break, Point
from reportgen.compose.units import Case, UnitKind, spoken, unit_kind
from reportgen.compose.wording import (
    at,
    comparable_periods,
    quoted,
    series_label,
    shown,
    spaced,
    value,
    zero_period,
)
from reportgen.load.config import ReportConfig
from reportgen.load.opensdg import Indicator
from reportgen.load.signs import BRACKETED

MAX_ALT_SERIES = 6
MAX_ALT_BARS = 8
EXTREMES = 3
"""A ranking or map names this many areas at the top and at the bottom."""

_UNIT_WORDS = (
    r"(?:in\s+)?(?:%|prozent|1[.\s]?000|tausend|tsd\.?|prozentpunkten?|jahren?|euro)"
    r"|anzahl(?:\s+in\s+1[.\s]?000)?"
)
_UNIT_ALONE = re.compile(rf"\s*\(\s*(?:{_UNIT_WORDS})\s*\)\s*$", re.I)
_UNIT_SUFFIX = re.compile(r"\s+in\s+(?:%|prozent)\s*$", re.I)
_UNIT_INSIDE = re.compile(
    r"\(([^()]*\bin\s+(?:%|prozent|1[.\s]?000|tausend|prozentpunkten))\)$", re.I
)
_CLASS_HINT = re.compile(r"\s*\(von\s*(\.{2,3}|…)\s*bis\s*(\.{2,3}|…)?\s*jahren?\)", re.I)
"""Database wording for class labels, which captions now write out ("15 bis unter 65")."""
_CHART_NAMES: dict[str, str] = {
    ChartKind.LINE: "Liniendiagramm",
    ChartKind.BAR: "Säulendiagramm",
    ChartKind.HBAR: "Balkendiagramm",
    ChartKind.STACKED: "Gestapeltes Balkendiagramm (Anteile, je Balken zusammen 100 %)",
    ChartKind.PYRAMID: "Pyramidendiagramm",
    ChartKind.RANKING: "Balkendiagramm in Rangfolge",
    ChartKind.MAP: "Karte",
}


def indicator_title(config: ReportConfig, indicator: Indicator) -> str:
    """The indicator's title as configured (``indikatortitel``), else from its metadata."""
    return config.indicator_titles.get(indicator.id, indicator.meta.title)


def split_unit(title: str, unit: str) -> tuple[str, str | None]:
    """The title without a unit it states ("(in 1000)", "in Prozent", "(Anzahl)") and the
    caption of ``unit``; None for the unit when the title states it within more words
    ("(Veränderung in Prozent)"), so that no caption names a unit twice."""
    text = _CLASS_HINT.sub("", spaced(title))
    stripped = _UNIT_SUFFIX.sub("", _UNIT_ALONE.sub("", text))
    if stripped != text:
        return stripped, unit_caption(unit)
    inside = _UNIT_INSIDE.search(text)
    if inside and unit_kind(inside.group(1)) == unit_kind(unit):
        return text, None
    return text, unit_caption(unit)


def title_and_unit(title: str, selection: Selection) -> tuple[str, str | None]:
    return split_unit(title, selection.unit)


def with_unit(title: str, selection: Selection) -> str:
    """A caption: the title and the unit of the values, once: "Ausländeranteil (in %)"."""
    cleaned, unit = title_and_unit(title, selection)
    return f"{cleaned} ({unit})" if unit else cleaned


def span(periods: tuple[str, ...]) -> str:
    """ "2005 bis 2024", or the one period."""
    if not periods:
        return ""
    return periods[0] if len(periods) == 1 else f"{periods[0]} bis {periods[-1]}"


def caption(
    title: str, selection: Selection, periods: tuple[str, ...], selection_phrase: str = ""
) -> str:
    """A figure's or table's caption with what it holds and the period it covers:
    "Erwerbslosenanteil, 15 bis unter 65 Jahre, 2011 bis 2024 (in %)"."""
    cleaned, unit = title_and_unit(title, selection)
    covered = span(periods) if selection.temporal else ""
    text = ", ".join(part for part in (cleaned, selection_phrase.strip(), covered) if part)
    return f"{text} ({unit})" if unit else text


def alt_text(
    title: str,
    selection: Selection,
    kind: str,
    categories: tuple[str, ...],
    table_number: int | None,
) -> str:
    """What a chart over periods shows, for readers who cannot see it: each series from its
    first to its latest value, signs kept; a break in between is named, and the direction is
    then told only since the break."""
    chart = _CHART_NAMES.get(kind, "Diagramm")
    cleaned, unit = title_and_unit(title, selection)
    stated = f" ({unit})" if unit and unit_kind(selection.unit) != UnitKind.COUNT else ""
    parts = [f"{chart}: {cleaned}{stated}, {span(categories)}."]
    inside = _breaks_within(selection, categories)
    parts.extend(
        f"Zeitreihenbruch ab {b.first_year}" + (f" ({b.label})" if b.label else "") + "."
        for b in inside
    )
    for series in selection.series[:MAX_ALT_SERIES]:
        parts.append(_describe_series(series, selection, kind, categories, bool(inside)))
    rest = len(selection.series) - MAX_ALT_SERIES
    if rest > 0:
        parts.append(f"Dazu {rest} weitere Reihen.")
    if table_number is not None:
        parts.append(f"Die Werte der letzten Jahre stehen in Tabelle {table_number}.")
    return " ".join(part for part in parts if part)


def _breaks_within(selection: Selection, categories: tuple[str, ...]) -> list[Break]:
    keys = [selection.period_keys[p] for p in categories if p in selection.period_keys]
    if not selection.temporal or len(keys) < 2:
        return []
    return [b for b in selection.breaks if min(keys) < b.first_year <= max(keys)]


def _describe_series(
    series: Series, selection: Selection, kind: str, categories: tuple[str, ...], broken: bool
) -> str:
    label = series_label(selection, series)
    usable = tuple(p for p in categories if p not in selection.unavailable)
    if kind == ChartKind.LINE and selection.temporal:
        points = shown(series, tuple(p for p in usable if not zero_period(selection, p)))
        if len(points) >= 2 and broken:
            (p1, first), (p2, last) = points[0], points[-1]
            text = f"{label}: {at(selection, p1, first)} und {at(selection, p2, last)}"
            segment = shown(series, comparable_periods(selection, usable))
            if len(segment) >= 2:
                text += f"; seit dem Bruch {_change(selection, segment)}"
            return text + "."
        if len(points) >= 2:
            return f"{label}: {_change(selection, points)}."
    values = [
        f"{period} {value(selection, point)}"
        if (point := series.points.get(period)) is not None and point.value is not None
        else f"{period} kein Wert"
        for period in usable
    ]
    return f"{label}: {', '.join(values)}."


def _change(selection: Selection, points: list[tuple[str, Point]]) -> str:
    """ "Anstieg von 5,8 % (2005) auf 13,7 % (2024)" or "unverändert bei 12,3 (2020 bis 2024)"."""
    (p1, first), (p2, last) = points[0], points[-1]
    assert first.value is not None and last.value is not None
    difference, _ = printed_change(first.value, last.value, selection.decimals)
    if difference == 0:
        return f"unverändert bei {value(selection, last, Case.DATIVE)} ({p1} bis {p2})"
    direction = "Anstieg" if difference > 0 else "Rückgang"
    return f"{direction} von {at(selection, p1, first, Case.DATIVE)} auf {at(selection, p2, last)}"


def chart_alt_text(title: str, spec: ChartSpec, unit: str, table_number: int | None) -> str:
    """The alternative text of a chart that is no time series: its type, what it shows and
    what stands out (largest and smallest values; a ranking's top and bottom areas and its
    reference line; each stacked bar's largest segment; each side's largest class of a
    pyramid; a map's classes and its highest and lowest areas), and where the values stand."""
    cleaned, caption_unit = split_unit(title, unit)
    stated = f" ({caption_unit})" if caption_unit and unit_kind(unit) != UnitKind.COUNT else ""
    parts = [f"{_CHART_NAMES.get(spec.kind, 'Diagramm')}: {cleaned}{stated}."]
    match spec.kind:
        case ChartKind.STACKED:
            parts.append(_stacked(spec, unit))
        case ChartKind.PYRAMID:
            parts.append(_pyramid(spec, unit))
        case ChartKind.RANKING | ChartKind.MAP:
            parts.extend(_ranked(spec, unit))
        case _:
            parts.extend(_extremes(spec, unit, series) for series in spec.series[:MAX_ALT_SERIES])
    if any(any(series.uncertain) for series in spec.series):
        parts.append("Werte in Klammern sind statistisch unsicher, vorläufig oder geschätzt.")
    if table_number is not None:
        parts.append(f"Die Werte stehen in Tabelle {table_number}.")
    return " ".join(part for part in parts if part)


def _values(spec: ChartSpec, unit: str, index: int) -> list[tuple[str, float, str]]:
    """(category, value, value as written) of one series, where a value is shown."""
    series = spec.series[index]
    found = []
    for position, (category, number) in enumerate(
        zip(spec.categories, series.values, strict=False)
    ):
        if number is None:
            continue
        uncertain = position < len(series.uncertain) and series.uncertain[position]
        text = spoken(number, spec.decimals, unit, sign=BRACKETED if uncertain else "")
        found.append((category, number, text))
    return found


def _extremes(spec: ChartSpec, unit: str, series: ChartSeries) -> str:
    found = _values(spec, unit, spec.series.index(series))
    of = f" für {quoted(series.label)}" if len(spec.series) > 1 else ""
    if not found:
        return f"Keine Werte{of}."
    if len(found) == 1:
        return f"{quoted(found[0][0])}{of}: {found[0][2]}."
    high = max(found, key=lambda item: item[1])
    low = min(found, key=lambda item: item[1])
    return (
        f"Den höchsten Wert{of} hat {quoted(high[0])} mit {high[2]}, "
        f"den niedrigsten {quoted(low[0])} mit {low[2]}."
    )


def _listed(items: list[tuple[str, float, str]]) -> str:
    named = [f"{category} mit {text}" for category, _, text in items]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " und " + named[-1]


def _ranked(spec: ChartSpec, unit: str) -> list[str]:
    """A ranking's or a map's top and bottom areas, the map's classes, the reference lines."""
    parts = []
    if spec.kind == ChartKind.MAP and spec.map is not None:
        legend = spec.map.legend
        parts.append(
            f"Die {len(spec.categories)} Gebiete sind nach ihrem Wert in {len(legend)} Klassen "
            f"eingefärbt: {', '.join(legend)}."
        )
        missing = sum(1 for c in spec.map.classes if c is None)
        if missing:
            parts.append(f"{missing} ohne Wert: {spec.map.missing}.")
        marked = [
            c for c, s in zip(spec.categories, spec.map.shapes, strict=False) if s.highlighted
        ]
        if marked:
            parts.append(f"Hervorgehoben: {', '.join(marked)}.")
    found = sorted(_values(spec, unit, 0), key=lambda item: -item[1]) if spec.series else []
    if len(found) <= 2 * EXTREMES:
        if found:
            parts.append(f"Die Werte von oben nach unten: {_listed(found)}.")
    else:
        parts.append(
            f"Die höchsten Werte haben {_listed(found[:EXTREMES])}, "
            f"die niedrigsten {_listed(found[-EXTREMES:])}."
        )
    for line in spec.references:
        level = spoken(line.value, spec.decimals, unit)
        named = line.label if re.search(r"\d", line.label) else f"{line.label} mit {level}"
        parts.append(f"Vergleichslinie: {named}.")
    return parts


def _stacked(spec: ChartSpec, unit: str) -> str:
    """The largest segment of each bar."""
    largest = []
    for position, category in enumerate(spec.categories[:MAX_ALT_BARS]):
        segments = [
            (series.label, number, index)
            for index, series in enumerate(spec.series)
            if position < len(series.values) and (number := series.values[position]) is not None
        ]
        if segments:
            label, number, _ = max(segments, key=lambda item: item[1])
            text = spoken(number, spec.decimals, unit)
            largest.append(f"bei {quoted(category)} {quoted(label)} mit {text}")
    if not largest:
        return ""
    text = "Den größten Teil bildet " + "; ".join(largest) + "."
    rest = len(spec.categories) - MAX_ALT_BARS
    return text + (f" Dazu {rest} weitere Balken." if rest > 0 else "")


def _pyramid(spec: ChartSpec, unit: str) -> str:
    """Which series stands on which side, how the rows run, and each side's largest class."""
    if len(spec.series) < 2 or not spec.categories:
        return ""
    left, right = spec.series[0], spec.series[1]
    text = (
        f"Links {quoted(left.label)}, rechts {quoted(right.label)}; die Zeilen reichen von "
        f"{quoted(spec.categories[0])} (unten) bis {quoted(spec.categories[-1])} (oben)."
    )
    largest = []
    for index, series in enumerate((left, right)):
        found = _values(spec, unit, index)
        if found:
            category, _, written = max(found, key=lambda item: item[1])
            largest.append(f"bei {quoted(series.label)} {quoted(category)} mit {written}")
    if largest:
        text += " Am stärksten besetzt ist " + " und ".join(largest) + "."
    return text
