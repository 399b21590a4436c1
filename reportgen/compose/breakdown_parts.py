"""The figure and table of a breakdown view (see ``reportgen.compose.breakdown``)."""

from __future__ import annotations

from dataclasses import replace

from reportgen.compose.breakdown import BreakdownView, breakdown_view
from reportgen.compose.breakdown_choice import breakdown_dimensions
from reportgen.compose.charts import chart_series
from reportgen.compose.figures import chart_alt_text, split_unit
from reportgen.compose.formatting import format_cell, format_quantity, sign_legend, unit_caption
from reportgen.compose.model import (
    ChartKind,
    ChartSpec,
    Figure,
    ReferenceLine,
    Table,
    TableKind,
    TableRow,
)
from reportgen.compose.presentation import presentation_of
from reportgen.compose.selection import Selection, Series
from reportgen.compose.wording import class_label, selection_phrase
from reportgen.load.config_presentation import Breakdown
from reportgen.load.labels import Labels
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.signs import UNKNOWN, signs_in


def breakdowns_of(
    project: Project, indicator: Indicator, selection: Selection, title: str
) -> tuple[BreakdownView, ...]:
    """The breakdowns an indicator's page shows: those configured, else the one its title
    promises; none where the configuration turns them off or the time series shows all."""
    configured = presentation_of(project.config, indicator.id).breakdowns
    entries: tuple[Breakdown | None, ...] = (None,) if configured is None else configured
    views = (
        breakdown_view(
            indicator, selection, breakdown_dimensions(indicator, selection, title, e), e
        )
        for e in entries
    )
    return tuple(view for view in views if view is not None)


def breakdown_parts(
    project: Project, view: BreakdownView, title: str, numbers: tuple[int, int], source: str
) -> tuple[Figure, Table]:
    """The breakdown's chart and table, numbered ``numbers`` (figure, table)."""
    view = _labelled(view, project.labels.indicator.rest)
    caption = _caption(title, view)
    table = _table(project.labels, view, caption, numbers[1], source)
    spec = breakdown_spec(view, project)
    figure = Figure(
        label=project.labels.indicator.figure,
        number=numbers[0],
        caption=caption,
        alt_text=chart_alt_text(caption, spec, view.unit, table.number),
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
    """The title, what the other breakdowns are held at, the period shown and the unit once:
    "…, 15 bis unter 65 Jahre, 2024 (in %)"."""
    cleaned, unit = split_unit(title, view.unit)
    held = selection_phrase(view.held, title)
    text = ", ".join(part for part in (cleaned, held, view.period) if part)
    return text + (f" ({unit})" if unit else "")


def _labelled(view: BreakdownView, rest: str) -> BreakdownView:
    """The view with class labels as official tables write them ("0 bis unter 3") and no
    footnote marks, for chart and table alike."""
    first = view.dimensions[0]
    second = view.dimensions[1] if len(view.dimensions) > 1 else ""
    names = {c: class_label(c, view.categories, first) for c in view.categories}
    if view.rest:
        names[view.rest] = rest
    groups = [s.label for s in view.series]
    return replace(
        view,
        categories=tuple(names[c] for c in view.categories),
        series=tuple(
            Series(
                class_label(s.label, groups, second) if second else s.label,
                {names.get(c, c): p for c, p in s.points.items()},
            )
            for s in view.series
        ),
    )


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
    if view.omitted and view.rest:
        notes.append(
            words.rest_note.format(
                uebrige=words.rest, anzahl=view.omitted, merkmal=view.dimensions[0]
            )
        )
    elif view.omitted:
        notes.append(
            words.top_note.format(
                anzahl=len(view.categories),
                gesamt=len(view.categories) + view.omitted,
                merkmal=view.dimensions[0],
            )
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
        # a long list of areas is set as compactly as a Kreistabelle
        kind=TableKind.DISTRICTS if len(rows) > 30 else TableKind.DATA,
    )


def _q(value: float, view: BreakdownView) -> str:
    return format_quantity(value, view.decimals, view.unit)
