"""The figure and table of a breakdown view (see ``reportgen.compose.breakdown``)."""

from __future__ import annotations

from reportgen.compose.breakdown import BreakdownView, breakdown_dimensions, breakdown_view
from reportgen.compose.charts import chart_series
from reportgen.compose.formatting import format_cell, format_quantity, sign_legend, unit_caption
from reportgen.compose.model import (
    ChartKind,
    ChartSpec,
    Figure,
    ReferenceLine,
    Table,
    TableRow,
)
from reportgen.compose.presentation import presentation_of
from reportgen.compose.selection import Selection, Series
from reportgen.load.labels import Labels
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.signs import UNKNOWN, signs_in


def breakdown_of(
    project: Project, indicator: Indicator, selection: Selection, title: str
) -> BreakdownView | None:
    """The breakdown an indicator's page shows, or None where the configuration turns it off
    or there is nothing the time series does not already show."""
    configured = presentation_of(project.config, indicator.id).breakdown
    if configured is False:
        return None
    dimensions = breakdown_dimensions(indicator, selection, title, configured)
    return breakdown_view(indicator, selection, dimensions, configured)


def breakdown_parts(
    project: Project, view: BreakdownView, title: str, numbers: tuple[int, int], source: str
) -> tuple[Figure, Table]:
    """The breakdown's chart and table, numbered ``numbers`` (figure, table)."""
    caption = _caption(title, view)
    table = _table(project.labels, view, caption, numbers[1], source)
    spec = breakdown_spec(view, project)
    figure = Figure(
        label=project.labels.indicator.figure,
        number=numbers[0],
        caption=caption,
        alt_text=_alt_text(caption, view, spec, table.number),
        chart=spec,
        source=source,
    )
    return figure, table


def breakdown_spec(view: BreakdownView, project: Project) -> ChartSpec:
    """The chart of a view; a stacked bar has one bar per series value, one segment per
    category (the view's table is the other way round)."""
    references: tuple[ReferenceLine, ...] = ()
    if view.reference:
        key, value = view.reference
        name = project.dataset.region_names.get(key, key)
        references = (ReferenceLine(f"{name}: {_q(value, view)}", value),)
    if view.kind == ChartKind.STACKED:
        segments = tuple(
            Series(
                category, {s.label: s.points[category] for s in view.series if category in s.points}
            )
            for category in view.categories
        )
        categories = tuple(s.label for s in view.series)
        series = chart_series(segments, categories)
    else:
        categories = view.categories
        series = chart_series(view.series, categories)
    return ChartSpec(
        kind=view.kind,
        categories=categories,
        series=series,
        axis_label=unit_caption(view.unit),
        decimals=view.decimals,
        references=references,
    )


def _caption(title: str, view: BreakdownView) -> str:
    return f"{title}, {view.period} ({unit_caption(view.unit)})"


def _table(labels: Labels, view: BreakdownView, caption: str, number: int, source: str) -> Table:
    words = labels.indicator
    used: set[str] = set()
    rows = []
    for category in view.categories:
        cells = []
        for series in view.series:
            point = series.points.get(category)
            text = UNKNOWN if point is None else format_cell(point.value, view.decimals, point.sign)
            used.update(signs_in(text))
            cells.append(text)
        rows.append(TableRow(category, tuple(cells)))
    notes = []
    held = "; ".join(f"{column}: {value}" for column, value in view.held if value)
    if held:
        notes.append(words.selection.format(auswahl=held))
    if view.omitted and view.rest:
        notes.append(
            f"{view.rest}: die {view.omitted} nicht einzeln dargestellten Ausprägungen "
            f"von „{view.dimensions[0]}“ zusammen."
        )
    elif view.omitted:
        notes.append(
            f"Dargestellt sind die {len(view.categories)} größten von "
            f"{len(view.categories) + view.omitted} Ausprägungen von „{view.dimensions[0]}“."
        )
    if used:
        notes.append(words.signs.format(zeichen=sign_legend(used)))
    single = len(view.dimensions) == 1
    return Table(
        label=words.table,
        number=number,
        caption=caption,
        corner=view.dimensions[0],
        columns=(view.period,) if single else tuple(s.label for s in view.series),
        rows=tuple(rows),
        notes=tuple(notes),
        source=source,
    )


_KIND_WORDS = {
    ChartKind.HBAR: "Balkendiagramm",
    ChartKind.BAR: "Säulendiagramm",
    ChartKind.STACKED: "Gestapeltes Balkendiagramm (100 %)",
    ChartKind.PYRAMID: "Bevölkerungspyramide",
    ChartKind.RANKING: "Rangfolge als Balkendiagramm",
}


def _alt_text(caption: str, view: BreakdownView, spec: ChartSpec, table: int | None) -> str:
    """What the chart shows and its finding: the largest and smallest category per series."""
    parts = [f"{_KIND_WORDS.get(view.kind, 'Diagramm')}: {caption}."]
    for series in view.series:
        known = [
            (c, p.value)
            for c in view.categories
            if (p := series.points.get(c)) and p.value is not None
        ]
        if not known:
            continue
        top = max(known, key=lambda item: item[1])
        low = min(known, key=lambda item: item[1])
        who = "" if len(view.series) == 1 else f"{series.label}: "
        parts.append(
            f"{who}am höchsten {top[0]} mit {_q(top[1], view)}, "
            f"am niedrigsten {low[0]} mit {_q(low[1], view)}."
        )
    if table is not None:
        parts.append(f"Die Werte stehen in Tabelle {table}.")
    return " ".join(parts)


def _q(value: float, view: BreakdownView) -> str:
    return format_quantity(value, view.decimals, view.unit)
