"""Sentences generated from data: key statements and chart alternative texts (pure, German)."""

from __future__ import annotations

from reportgen.compose.formatting import (
    distance_between,
    format_distance,
    format_quantity,
    printed_change,
    unit_caption,
    with_relative,
)
from reportgen.compose.indicators import Selection, Series, change

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
        difference, _ = printed_change(first, last, selection.decimals)
        if difference == 0:
            return (
                f"{series.label}: unverändert bei {_q(last, selection)} "
                f"({first_period} bis {last_period})."
            )
        direction = "Anstieg" if difference > 0 else "Rückgang"
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


_WORDS = {
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}


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
        return (f"Für „{main.label}“ sind in den dargestellten Jahren keine Werte veröffentlicht.",)
    of = f"für {main.label}" if selection.by_area else f"der Reihe „{main.label}“"
    when = latest[0] if selection.temporal else "dort"
    if selection.temporal:
        sentences = [
            _sentence(f"Der jüngste Wert {of} beträgt {_q(latest[1], selection)} ({latest[0]})")
        ]
    else:
        sentences = [
            _sentence(f"Für „{latest[0]}“ weist die Tabelle {of} {_q(latest[1], selection)} aus")
        ]
    first = main.earliest(shown)
    if selection.temporal and first and first[0] != latest[0]:
        sentences.append(_movement(first, latest, selection))
    regional = [s for s in selection.series if s.level == "region"] if selection.by_area else []
    values = [
        point.value
        for s in regional
        if (point := s.points.get(latest[0])) and point.value is not None
    ]
    if len(values) >= 2 and len(selection.varying) == 1:
        count = _WORDS.get(len(values), str(len(values)))
        sentences.append(
            _sentence(
                f"Die Werte der {count} dargestellten Regionen liegen {when} zwischen "
                f"{_q(min(values), selection)} und {_q(max(values), selection)}"
            )
        )
    elif len(selection.series) == 2 and not regional:
        sentences.extend(_gap(selection, latest[0], when))
    return tuple(sentences)


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _movement(first: tuple[str, float], latest: tuple[str, float], selection: Selection) -> str:
    difference, relative = printed_change(first[1], latest[1], selection.decimals)
    if difference == 0:
        return f"Gegenüber {first[0]} ({_q(first[1], selection)}) ist der Wert unverändert."
    direction = "ein Anstieg" if difference > 0 else "ein Rückgang"
    amount = format_distance(abs(difference), selection.decimals, selection.unit)
    amount = with_relative(amount, relative, selection.unit)
    return _sentence(
        f"Gegenüber {first[0]} ({_q(first[1], selection)}) ist das {direction} um {amount}"
    )


def _gap(selection: Selection, period: str, when: str) -> list[str]:
    a, b = selection.series
    point_a, point_b = a.points.get(period), b.points.get(period)
    if not point_a or not point_b or point_a.value is None or point_b.value is None:
        return []
    gap = distance_between(point_a.value, point_b.value, selection.decimals, selection.unit)
    return [_sentence(f"Zwischen „{a.label}“ und „{b.label}“ beträgt der Abstand {when} {gap}")]
