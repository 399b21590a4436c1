"""Sentences generated from data: key statements and chart alternative texts (pure, German)."""

from __future__ import annotations

from reportgen.formatting import format_quantity, unit_caption
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
