"""What every fact sheet shows, chosen once for all districts: key figures and charts,
configured under ``steckbrief:`` or picked from the indicators with district data."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.compose.formatting import is_percent
from reportgen.compose.indicators import Selection, default_selection
from reportgen.compose.presentation import breaks_for
from reportgen.compose.regional import region_selection
from reportgen.load.config_entries import FactsheetItem
from reportgen.load.opensdg import LEVEL, Indicator
from reportgen.load.project import Project
from reportgen.load.regions import Level

MAX_DEFAULT_ROWS = 12
MAX_DEFAULT_CHARTS = 3


def plan_items(project: Project) -> tuple[tuple[FactsheetItem, ...], tuple[FactsheetItem, ...]]:
    """Key figures and charts: configured, or else chosen from indicators with district data."""
    config = project.config.factsheets
    with_districts = [
        indicator
        for indicator in project.dataset.indicators.values()
        if (indicator.frame[LEVEL] == Level.DISTRICT).any()
    ]
    rows = config.key_figures or tuple(
        FactsheetItem(indikator=i.id) for i in with_districts[:MAX_DEFAULT_ROWS]
    )
    charts = config.charts
    if charts is None:
        selections = ((i, default_selection(i)) for i in with_districts)
        charts = tuple(
            FactsheetItem(indikator=i.id)
            for i, selection in selections
            if is_percent(selection.unit) and selection.temporal
        )[:MAX_DEFAULT_CHARTS]
    return rows, charts


@dataclass(frozen=True)
class PlannedItem:
    item: FactsheetItem
    indicator: Indicator
    selection: Selection
    """One series per region of the data; districts take theirs with ``for_regions``."""


@dataclass(frozen=True)
class FactsheetPlan:
    rows: tuple[PlannedItem, ...]
    charts: tuple[PlannedItem, ...]


def plan_factsheets(project: Project) -> FactsheetPlan:
    """Select every key figure and chart once for all regions; each sheet then only looks up."""
    rows, charts = plan_items(project)
    regions = list(project.dataset.region_names.items())

    def planned(item: FactsheetItem) -> PlannedItem:
        indicator = project.dataset.indicators[item.indicator]
        selection = region_selection(indicator, regions, item.unit, item.selection)
        breaks = breaks_for(project.config, indicator.meta)  # as the report declares them
        return PlannedItem(item, indicator, replace(selection, breaks=breaks))

    return FactsheetPlan(tuple(map(planned, rows)), tuple(map(planned, charts)))
