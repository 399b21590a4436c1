"""Sentences generated from data: key statements and chart alternative texts (pure, German)."""

from __future__ import annotations

from reportgen.formatting import (
    format_number,
    format_quantity,
    format_relative_change,
    is_percent,
    unit_caption,
)
from reportgen.indicators import Selection, Series, change

MAX_ALT_SERIES = 6


def key_statement(selection: Selection) -> str:
    """The latest value of the main series, with the first value of the period for context."""
    if not selection.series:
        return "Für die Standardauswahl liegen keine Werte vor."
    main = selection.main
    if not selection.temporal:
        values = [
            f"{period}: {_q(point.value, selection)}"
            for period in selection.periods
            if (point := main.points.get(period)) and point.value is not None
        ]
        return (
            f"{main.label} – {'; '.join(values)}."
            if values
            else f"{main.label}: keine veröffentlichten Werte."
        )
    latest = main.latest(selection.periods)
    if latest is None:
        return f"{main.label}: keine veröffentlichten Werte."
    text = f"{main.label}: {_q(latest[1], selection)} ({latest[0]})"
    moved = change(main, selection.periods) if selection.temporal else None
    if moved:
        text += f", gegenüber {_q(moved[1], selection)} ({moved[0]})"
    return text + "."


def alt_text(
    title: str,
    selection: Selection,
    kind: str,
    categories: tuple[str, ...],
    table_number: int | None,
) -> str:
    """What the chart shows — its trend and latest values — for readers who cannot see it."""
    chart = "Liniendiagramm" if kind == "line" else "Säulendiagramm"
    span = f"{categories[0]} bis {categories[-1]}" if len(categories) > 1 else categories[0]
    parts = [f"{chart}: {title}, {unit_caption(selection.unit)}, {span}."]
    for series in selection.series[:MAX_ALT_SERIES]:
        parts.append(_describe_series(series, selection, kind, categories))
    rest = len(selection.series) - MAX_ALT_SERIES
    if rest > 0:
        parts.append(f"Dazu {rest} weitere Reihen.")
    if table_number is not None:
        parts.append(f"Die Werte der letzten Jahre stehen in Tabelle {table_number}.")
    return " ".join(part for part in parts if part)


def _describe_series(
    series: Series, selection: Selection, kind: str, categories: tuple[str, ...]
) -> str:
    if kind == "line" and (moved := change(series, categories)):
        first_period, first, last_period, last = moved
        if round(first, selection.decimals) == round(last, selection.decimals):
            return (
                f"{series.label}: unverändert bei {_q(last, selection)} "
                f"({first_period} bis {last_period})."
            )
        direction = "Anstieg" if last > first else "Rückgang"
        return (
            f"{series.label}: {direction} von {_q(first, selection)} ({first_period}) "
            f"auf {_q(last, selection)} ({last_period})."
        )
    values = []
    for period in categories:
        point = series.points.get(period)
        if point is None or point.value is None:
            values.append(f"{period} kein Wert")
        else:
            values.append(f"{period} {_q(point.value, selection)}")
    return f"{series.label}: {', '.join(values)}."


def _q(value: float, selection: Selection) -> str:
    return format_quantity(value, selection.decimals, selection.unit)


def draft_interpretation(selection: Selection, table_periods: tuple[str, ...]) -> tuple[str, ...]:
    """Short factual sentences from the data for an indicator without an editorial text.

    Every number is one the table beside it shows (same periods, same formatter); nothing is
    judged, regions are not ranked.
    """
    if not selection.series or not table_periods:
        return ("Für die Standardauswahl dieses Indikators liegen keine Werte vor.",)
    main = selection.main
    shown = tuple(p for p in table_periods if p in selection.periods)
    latest = main.latest(shown)
    if latest is None:
        return (f"Für {main.label} sind in den dargestellten Jahren keine Werte veröffentlicht.",)
    sentences = [
        f"Der jüngste Wert für {main.label} beträgt {_q(latest[1], selection)} ({latest[0]})."
    ]
    first = main.earliest(shown)
    if selection.temporal and first and first[0] != latest[0]:
        sentences.append(_movement(first, latest, selection))
    regional = [s for s in selection.series if s.level == "region"]
    values = [
        point.value
        for s in regional
        if (point := s.points.get(latest[0])) and point.value is not None
    ]
    if len(values) >= 2:
        sentences.append(
            f"Die Werte der {len(values)} dargestellten Regionen liegen "
            f"{latest[0]} zwischen {_q(min(values), selection)} und "
            f"{_q(max(values), selection)}."
        )
    elif len(selection.series) == 2 and not regional:
        sentences.extend(_gap(selection, latest[0]))
    return tuple(sentences)


def _movement(first: tuple[str, float], latest: tuple[str, float], selection: Selection) -> str:
    difference = latest[1] - first[1]
    if round(difference, selection.decimals) == 0:
        return f"Gegenüber {first[0]} ({_q(first[1], selection)}) ist der Wert unverändert."
    direction = "ein Anstieg" if difference > 0 else "ein Rückgang"
    amount = _amount(abs(difference), selection)
    if not is_percent(selection.unit) and first[1]:
        amount += f" ({format_relative_change(difference / first[1] * 100)})"
    return f"Gegenüber {first[0]} ({_q(first[1], selection)}) ist das {direction} um {amount}."


def _gap(selection: Selection, period: str) -> list[str]:
    a, b = selection.series
    point_a, point_b = a.points.get(period), b.points.get(period)
    if not point_a or not point_b or point_a.value is None or point_b.value is None:
        return []
    gap = _amount(abs(point_a.value - point_b.value), selection)
    return [f"Zwischen „{a.label}“ und „{b.label}“ beträgt der Abstand {period} {gap}."]


def _amount(value: float, selection: Selection) -> str:
    if is_percent(selection.unit):
        return f"{format_number(value, selection.decimals)} Prozentpunkte"
    return format_quantity(value, selection.decimals, selection.unit)
