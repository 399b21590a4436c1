"""Pure composition of district fact sheets (Steckbriefe): project + district → Factsheet."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportgen.compose.describe import alt_text
from reportgen.compose.formatting import (
    format_cell,
    format_relative_change,
    is_percent,
    unit_caption,
)
from reportgen.compose.indicators import (
    Selection,
    default_selection,
    for_regions,
    period_for,
    region_selection,
)
from reportgen.compose.model import (
    Cell,
    ChartSeries,
    ChartSpec,
    Factsheet,
    Figure,
    Footnote,
    MapFigure,
    MapShape,
    MapSpec,
    SignExplanation,
    Table,
    TableRow,
)
from reportgen.compose.placeholders import Facts, text_blocks
from reportgen.load.config import FactsheetItem
from reportgen.load.geodata import DistrictMap
from reportgen.load.opensdg import LEVEL, REGION, Dataset, Indicator
from reportgen.load.periods import Period, parse_period
from reportgen.load.project import Project
from reportgen.load.regions import Level
from reportgen.load.signs import SIGNS, legend_sign, signs_in

NO_DATA = "k. A."
MAX_DEFAULT_ROWS = 12
MAX_DEFAULT_CHARTS = 3


@dataclass(frozen=True)
class District:
    key: str
    """Region key without map prefix, e.g. ``03355``."""
    name: str
    kind: str
    """"Landkreis", "kreisfreie Stadt" or "Region"."""
    display: str
    """Name as in a title: "Landkreis Lüneburg", "Stadt Braunschweig"."""

    @property
    def code(self) -> str:
        return f"K{self.key}"

    @property
    def file_stem(self) -> str:
        """``K03355_Lueneburg``: safe on every file system."""
        return f"{self.code}_{safe_name(self.name)}"


def safe_name(name: str) -> str:
    text = name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def districts(dataset: Dataset) -> tuple[District, ...]:
    """Every district (Landkreis, kreisfreie Stadt, Region) that has data, in code order."""
    keys = sorted(
        {
            key
            for indicator in dataset.indicators.values()
            for key in indicator.frame.loc[indicator.frame[LEVEL] == Level.DISTRICT, REGION]
        }
    )
    return tuple(_district(key, dataset.region_names.get(key, key)) for key in keys)


def _district(key: str, name: str) -> District:
    if name.endswith(", Stadt"):
        base = name.removesuffix(", Stadt")
        return District(key, name, "kreisfreie Stadt", f"Stadt {base}")
    if name.startswith("Region "):
        return District(key, name, "Region", name)
    return District(key, name, "Landkreis", f"Landkreis {name}")


def land_key(dataset: Dataset, district_key: str) -> str | None:
    """The Land a district belongs to: the land-level code that shares its state digits."""
    for key in sorted(dataset.region_names):
        if key[:2] == district_key[:2] and len(key) <= 3 and key.endswith("0"):
            return key
    return None


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
        return PlannedItem(
            item, indicator, region_selection(indicator, regions, item.unit, item.selection)
        )

    return FactsheetPlan(tuple(map(planned, rows)), tuple(map(planned, charts)))


class _Sources:
    """Numbered footnotes, one per distinct source."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def number(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


def compose_factsheet(
    project: Project,
    district: District,
    district_map: DistrictMap | None,
    plan: FactsheetPlan,
) -> Factsheet:
    """One district's fact sheet (``plan`` from :func:`plan_factsheets`); pure."""
    dataset, config = project.dataset, project.config
    land = land_key(dataset, district.key) or ""
    land_name = dataset.region_names.get(land, "Land")
    region = district.key[:3]
    sources = _Sources()
    used_signs: set[str] = set()
    rows = []
    periods: list[Period] = []
    for planned in plan.rows:
        selection = for_regions(
            planned.selection, [(district.key, district.name), (land, land_name)]
        )
        row, period = _key_figure(planned.item, planned.indicator, selection, used_signs)
        footnote = sources.number(_source_text(project, planned.indicator))
        rows.append(
            TableRow(row.header, (*row.cells, Cell(period or NO_DATA), Cell(str(footnote))))
        )
        # a configured period without data says nothing about how recent the data are
        if period in selection.period_keys and (dated := parse_period(period, 0)).year is not None:
            periods.append(dated)
    # the latest in time, not by label text ("WS 2023/24" > "2025" as text)
    data_year = max(periods).label if periods else str(config.reporting_year)
    table = Table(
        number=1,
        caption=f"Kennzahlen {district.display} im Vergleich mit {land_name}",
        corner="Merkmal",
        columns=(district.name, land_name, "Stand", "Fußnote"),
        rows=tuple(rows),
        unit="",
        notes=(f"{NO_DATA} = keine Angabe für diesen Kreis.",)
        if any(cell.text == NO_DATA for row in rows for cell in row.cells)
        else (),
        source=f"{config.attribution.source_line(None)} Einzelnachweise in den Fußnoten.",
    )
    figures = []
    for number, planned in enumerate(plan.charts, start=1):
        regions = [(district.key, district.name)]
        if is_percent(planned.selection.unit):  # shares compare across areas; counts do not
            regions += [(region, dataset.region_names.get(region, region)), (land, land_name)]
        selection = for_regions(planned.selection, regions)
        figure = _chart(number, planned.item, planned.indicator, selection, project, sources)
        if figure is not None:
            figures.append(figure)
    text = project.texts.factsheets.get(district.code) or project.texts.factsheets.get(district.key)
    return Factsheet(
        code=district.code,
        name=district.name,
        title=f"Steckbrief {district.display}",
        subtitle=f"{district.kind} · Kennzahlen zu Migration und Teilhabe · Daten bis {data_year}",
        language="de",
        publisher=config.publisher,
        publication_date=config.publication_date,
        locator=_locator(district, district_map, land_name),
        key_figures=table,
        figures=tuple(figures),
        text_title=(text.title if text and text.title else f"Aus {district.display}"),
        text=text_blocks(text, Facts(dataset, config.targets)) if text else (),
        footnotes=tuple(Footnote(i, t) for i, t in enumerate(sources.texts, start=1)),
        signs=tuple(SignExplanation(legend_sign(s), SIGNS[s]) for s in SIGNS if s in used_signs),
        attribution=config.attribution.source_line(None),
        terms=config.attribution.terms,
    )


def _label(item: FactsheetItem, indicator: Indicator, unit: str) -> str:
    label = item.label or indicator.meta.title
    if item.change_since is not None:
        return label if "%" in label else f"{label} (in %)"
    caption = unit_caption(unit)
    if caption != "Anzahl" and caption not in label:
        label += f" ({caption})"
    return label


def _key_figure(
    item: FactsheetItem,
    indicator: Indicator,
    selection: Selection,
    used_signs: set[str],
) -> tuple[TableRow, str]:
    """A row: district value, Land value; the period is the district's latest (or chosen)."""
    by_level = {series.level: series for series in selection.series}
    district = by_level.get(Level.DISTRICT)
    land = by_level.get(Level.LAND)
    period = (
        ((period_for(selection, item.period) or item.period) if item.period else None)
        or ((district.latest(selection.periods) or (None,))[0] if district else None)
        or next((p for p in reversed(selection.periods) if district and p in district.points), None)
    )
    cells = []
    for series in (district, land):
        point = series.points.get(period) if series and period else None
        if point is None:
            cells.append(Cell(NO_DATA))
        elif item.change_since is not None and series is not None:
            base = period_for(selection, item.change_since) or str(item.change_since)
            cells.append(Cell(_relative(series, base, period or "")))
        else:
            text = format_cell(point.value, selection.decimals, point.sign)
            used_signs.update(signs_in(text))
            cells.append(Cell(text))
    label = _label(item, indicator, selection.unit)
    if item.change_since is not None and period:
        label = label.replace("(in %)", f"{item.change_since}–{period} (in %)")
    return TableRow(label, tuple(cells)), period or ""


def _relative(series: object, base: str, period: str) -> str:
    points = getattr(series, "points", {})
    first, last = points.get(base), points.get(period)
    if not first or not last or first.value in (None, 0) or last.value is None:
        return NO_DATA
    return format_relative_change((last.value / first.value - 1) * 100)


def _source_text(project: Project, indicator: Indicator) -> str:
    """A footnote names the statistic and its Datenstand; the producer stands once below."""
    parts = [indicator.meta.data_source or project.config.attribution.work, indicator.meta.vintage]
    return ", ".join(part for part in parts if part) + "."


def _chart(
    number: int,
    item: FactsheetItem,
    indicator: Indicator,
    selection: Selection,
    project: Project,
    sources: _Sources,
) -> Figure | None:
    if not selection.series or not selection.temporal or len(selection.periods) < 2:
        return None
    periods = selection.periods
    spec = ChartSpec(
        kind="line",
        categories=periods,
        series=tuple(
            ChartSeries(
                s.label, tuple(point.value if (point := s.points.get(p)) else None for p in periods)
            )
            for s in selection.series
        ),
        unit=selection.unit,
        decimals=selection.decimals,
        positions=tuple(selection.period_keys[p] for p in periods),
    )
    title = item.label or project.config.indicator_titles.get(indicator.id, indicator.meta.title)
    footnote = sources.number(_source_text(project, indicator))
    return Figure(
        number=number,
        caption=f"{title} ({unit_caption(selection.unit)})",
        alt_text=alt_text(title, selection, "line", periods, table_number=None),
        chart=spec,
        source=f"Quelle: siehe Fußnote {footnote}.",
    )


def _locator(
    district: District, district_map: DistrictMap | None, land_name: str
) -> MapFigure | None:
    if district_map is None:
        return None
    shapes = tuple(
        MapShape(key, rings, highlighted=key.startswith(district.key))
        for key, rings in district_map.outlines.items()
    )
    if not any(shape.highlighted for shape in shapes):
        return None
    return MapFigure(
        caption=f"Lage: {district.display} in {land_name}",
        alt_text=(
            f"Lagekarte: {district.display} ist hervorgehoben; die übrigen Kreise "
            f"{'von ' + land_name if land_name else ''} und Nachbargebiete sind grau."
        ),
        map=MapSpec(shapes),
        source=f"Kartengrundlage: {district_map.source.name} aus dem Datenordner.",
    )
