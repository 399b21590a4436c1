"""An indicator seen by district: the headline value of every area (Land, statistical regions,
districts) in one period, the view that the annex's district tables and the district maps share.

The value is the one a fact sheet shows: one series per area, every breakdown held at its
headline or total value (or as ``darstellung`` chooses), in the latest period with district
values.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass

from reportgen.compose.districts import District, districts, land_key
from reportgen.compose.figures import indicator_title
from reportgen.compose.formatting import format_cell
from reportgen.compose.indicators import (
    Point,
    Selection,
    column_for,
    is_area_column,
    start_value_fields,
)
from reportgen.compose.regional import region_selection
from reportgen.compose.selection import TOTAL, norm
from reportgen.compose.wording import selection_phrase
from reportgen.load.opensdg import LEVEL, Dataset, Indicator
from reportgen.load.project import Project
from reportgen.load.regions import Level, geo_level
from reportgen.load.signs import UNKNOWN

MIN_COVERAGE = 0.5
"""An indicator is shown by district when at least this share of the districts has a value:
a column or map of mostly empty areas says nothing (e.g. one Mikrozensus adjustment layer)."""


@dataclass(frozen=True)
class Area:
    """A row of a district table: the Land, a statistical region or a district."""

    key: str
    name: str
    level: Level


@dataclass(frozen=True)
class DistrictValues:
    """One indicator's headline values per area in one period."""

    indicator: Indicator
    title: str
    selection: Selection
    """One series per area of the data (Land, regions, districts)."""
    period: str

    def point(self, key: str) -> Point | None:
        series = next((s for s in self.selection.series if s.region == key), None)
        return series.points.get(self.period) if series is not None else None

    def value(self, key: str) -> float | None:
        point = self.point(key)
        if point is None or point.value is None or math.isnan(point.value):
            return None
        return point.value

    def cell(self, key: str) -> str:
        """The formatted cell of an area, "." where the data have no row for it."""
        point = self.point(key)
        if point is None:
            return UNKNOWN
        return format_cell(point.value, self.selection.decimals, point.sign)

    @property
    def chosen(self) -> str:
        """The breakdown values held other than at a total, in words ("10 und mehr")."""
        return selection_phrase(self.selection.fixed, self.title)


@dataclass(frozen=True)
class DistrictFrame:
    """The areas of a data folder, in the order of a district table."""

    land: Area | None
    regions: tuple[Area, ...]
    districts: tuple[District, ...]

    @property
    def rows(self) -> tuple[Area, ...]:
        """The Land first, then every statistical region followed by its districts (code
        order); districts outside any region follow the Land directly."""
        rows = [self.land] if self.land else []
        region_keys = {region.key: region for region in self.regions}
        for district in self.districts:
            region = region_keys.pop(district.key[:3], None)
            if region is not None:
                rows.append(region)
            rows.append(Area(district.key, district.name, Level.DISTRICT))
        return tuple(rows)


_FRAMES: weakref.WeakKeyDictionary[Dataset, DistrictFrame] = weakref.WeakKeyDictionary()
"""Per data set, found once: the annex and every district map ask for it."""


def district_frame(dataset: Dataset) -> DistrictFrame:
    known = _FRAMES.get(dataset)
    if known is None:
        known = _FRAMES[dataset] = _district_frame(dataset)
    return known


def _district_frame(dataset: Dataset) -> DistrictFrame:
    found = districts(dataset)
    names = dataset.region_names
    land = land_key(dataset, found[0].key) if found else None
    regions = tuple(
        Area(key, names[key], Level.REGION)
        for key in sorted({d.key[:3] for d in found})
        if key in names and key != land and geo_level(key) == Level.REGION
    )
    land_area = Area(land, names.get(land, land), Level.LAND) if land else None
    return DistrictFrame(land_area, regions, found)


def has_districts(indicator: Indicator) -> bool:
    return bool((indicator.frame[LEVEL] == Level.DISTRICT).any())


def district_values(
    project: Project, indicator: Indicator, frame: DistrictFrame
) -> DistrictValues | None:
    """The indicator's values per area in its latest period with district values.

    None when too few districts have a value there; when its periods are no points in time
    (a column of "the latest" change since 2005, 2019 or last year would have to pick one);
    and when a breakdown has no total and neither ``darstellung`` nor the metadata's
    ``data_start_values`` name one value (a column of an arbitrary category would mislead).
    """
    if not frame.districts or not has_districts(indicator):
        return None
    selection = _selection(project, indicator)
    if selection is None or not selection.temporal:
        return None
    presentation = project.config.presentation.get(indicator.id)
    unavailable = set(presentation.unavailable) if presentation else set()
    keys = {d.key for d in frame.districts}
    counts = {
        period: sum(
            1
            for series in selection.series
            if series.region in keys
            and (point := series.points.get(period)) is not None
            and point.value is not None
        )
        for period in selection.periods
        if period not in unavailable
        and str(math.floor(selection.period_keys[period])) not in unavailable
    }
    period = next((p for p in reversed(selection.periods) if counts.get(p)), None)
    if period is None or counts[period] < max(1, math.ceil(len(keys) * MIN_COVERAGE)):
        return None
    title = indicator_title(project.config, indicator)
    return DistrictValues(indicator, title, selection, period)


def _selection(project: Project, indicator: Indicator) -> Selection | None:
    """One series per area: breakdowns as ``darstellung`` chooses (``auswahl``), else at their
    headline or total value, else at the group the report speaks about (``fokus``), else at the
    one value ``data_start_values`` names; None where none of them decides a breakdown (the
    first of several would be an arbitrary pick, e.g. "Deutsche")."""
    presentation = project.config.presentation.get(indicator.id)
    unit = presentation.unit if presentation else None
    chosen = (presentation.selection or {}) if presentation else {}
    fixed = {
        column: value
        for field, value in chosen.items()
        # a list makes the report's series vary (held at the total here); the report's choice
        # of area (the Land) is no choice of values for the districts
        if isinstance(value, str)
        and (column := column_for(field, indicator)) is not None
        and not is_area_column(indicator.frame, column)
    }
    areas = list(project.dataset.region_names.items())
    selection = region_selection(indicator, areas, unit, fixed)
    undecided = [
        column
        for column, value in selection.fixed
        if column not in fixed and value and not TOTAL.match(norm(value))
    ]
    if not undecided:
        return selection
    starts = start_value_fields(indicator)
    focus = norm(presentation.focus) if presentation and presentation.focus else None
    for column in undecided:
        values = {norm(str(v)): str(v) for v in indicator.frame[column].unique()}
        if focus in values:
            fixed[column] = values[focus]
        elif len(starts.get(column, ())) == 1:
            fixed[column] = starts[column][0]
        else:
            return None  # several start values: the chart's comparison, no headline value
    return region_selection(indicator, areas, unit, fixed)


def in_district_tables(project: Project, indicator: Indicator) -> bool:
    """Whether the configuration puts the indicator into the district tables (its data are
    checked by ``district_values``)."""
    presentation = project.config.presentation.get(indicator.id)
    return project.config.district_tables and (presentation is None or presentation.district_table)


DISTRICT_TABLES = "kreistabellen"
"""The anchor of the district tables in the annex; ``kreistabellen-<Handlungsfeld>`` that of
one chapter's tables (the map of an indicator links there)."""


def district_tables_anchor(goal_id: str = "") -> str:
    return f"{DISTRICT_TABLES}-{goal_id}" if goal_id else DISTRICT_TABLES
