"""The chart of a selection, as report and fact sheets draw it."""

from __future__ import annotations

from reportgen.compose.formatting import unit_caption
from reportgen.compose.indicators import Selection
from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec, ReferenceLine


def chart_spec(
    selection: Selection,
    kind: ChartKind,
    categories: tuple[str, ...],
    references: tuple[ReferenceLine, ...] = (),
    small: bool = False,
) -> ChartSpec:
    """The chart of a selection's series over ``categories``; a line keeps the distances
    between its periods."""
    return ChartSpec(
        kind=kind,
        categories=categories,
        series=tuple(
            ChartSeries(
                series.label,
                tuple(
                    point.value if (point := series.points.get(period)) else None
                    for period in categories
                ),
            )
            for series in selection.series
        ),
        axis_label=unit_caption(selection.unit),
        decimals=selection.decimals,
        positions=(
            tuple(selection.period_keys[p] for p in categories) if kind == ChartKind.LINE else ()
        ),
        references=references,
        small=small,
    )
