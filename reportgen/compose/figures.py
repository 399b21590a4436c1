"""What report and fact sheets say alike about an indicator: its title, the caption with its
unit, and the chart of a selection."""

from __future__ import annotations

from reportgen.compose.formatting import unit_caption
from reportgen.compose.indicators import Selection
from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec, ReferenceLine
from reportgen.load.config import ReportConfig
from reportgen.load.opensdg import Indicator


def indicator_title(config: ReportConfig, indicator: Indicator) -> str:
    """The indicator's title as configured (``indikatortitel``), else from its metadata."""
    return config.indicator_titles.get(indicator.id, indicator.meta.title)


def with_unit(title: str, selection: Selection) -> str:
    """A caption: the title and the unit of the values, "Ausländeranteil (in %)"."""
    return f"{title} ({unit_caption(selection.unit)})"


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
