"""Pure composition of district fact sheets (Steckbriefe): project + district → a document."""

from __future__ import annotations

from reportgen.compose.describe import alt_text
from reportgen.compose.districts import District, land_key
from reportgen.compose.editorial import RELEASED, editorial_part, plain, text_blocks
from reportgen.compose.factsheet_plan import FactsheetPlan
from reportgen.compose.formatting import (
    format_cell,
    format_relative_change,
    is_percent,
    unit_caption,
)
from reportgen.compose.indicator import source_line
from reportgen.compose.indicators import Selection, Series, period_for
from reportgen.compose.model import (
    ChartKind,
    ChartSeries,
    ChartSpec,
    Document,
    DocumentMeta,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    MapShape,
    MapSpec,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    Table,
    TableKind,
    TableRow,
    Text,
)
from reportgen.compose.regional import for_regions
from reportgen.load.config_entries import FactsheetItem
from reportgen.load.geodata import DistrictMap
from reportgen.load.labels import FactsheetLabels
from reportgen.load.opensdg import Indicator
from reportgen.load.periods import Period, parse_period
from reportgen.load.project import Project
from reportgen.load.regions import Level
from reportgen.load.signs import SIGNS, legend_sign, signs_in


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
) -> Document:
    """One district's fact sheet (``plan`` from :func:`plan_factsheets`); pure."""
    dataset, config = project.dataset, project.config
    words = project.labels.factsheet
    land = land_key(dataset, district.key) or ""
    land_name = dataset.region_names.get(land, "Land")
    sources = _Sources()
    used_signs: set[str] = set()
    table, data_year = _key_figures(project, district, land, land_name, plan, sources, used_signs)
    figures = []
    region = district.key[:3]
    for number, planned in enumerate(plan.charts, start=1):
        regions = [(district.key, district.name)]
        if is_percent(planned.selection.unit):  # shares compare across areas; counts do not
            regions += [(region, dataset.region_names.get(region, region)), (land, land_name)]
        selection = for_regions(planned.selection, regions)
        figure = _chart(number, planned.item, planned.indicator, selection, project, sources)
        if figure is not None:
            figures.append(figure)
    title = words.title.format(gebiet=district.display)
    subtitle = words.subtitle.format(art=district.kind, jahr=data_year)
    locator = _locator(district, district_map, land_name, words)
    head: tuple[Node, ...] = (
        Part(
            Role.SHEET_TITLES,
            (
                plain(config.publisher, Style.PUBLISHER),
                Heading(1, title),
                plain(subtitle, Style.SUBTITLE),
            ),
        ),
        *((locator,) if locator else ()),
    )
    body: list[Node] = [
        Part(Role.SHEET_HEAD, head),
        Heading(2, words.key_figures, listed=False),
        table,
    ]
    if figures:
        body += [Heading(2, words.development, listed=False), Part(Role.CHARTS, tuple(figures))]
    text = project.texts.factsheets.get(district.code) or project.texts.factsheets.get(district.key)
    if text is not None:
        own_title = text.title or words.own_text.format(gebiet=district.display)
        heading = Heading(2, own_title, listed=False)
        body.append(
            editorial_part(
                Role.OWN_TEXT, text_blocks(project, text), RELEASED, project.labels, 3, heading
            )
        )
    body.append(_notes(project, sources, used_signs, district_map if locator else None))
    meta = DocumentMeta(
        title=title,
        subject=subtitle,
        author=config.publisher,
        language="de",
        date=config.publication_date,
        page_words=(words.page, words.of),
    )
    return Document(meta, tuple(body))


def _key_figures(
    project: Project,
    district: District,
    land: str,
    land_name: str,
    plan: FactsheetPlan,
    sources: _Sources,
    used_signs: set[str],
) -> tuple[Table, str]:
    """The table of key figures and the latest period it shows (the sheet's "Daten bis")."""
    words = project.labels.factsheet
    rows = []
    periods: list[Period] = []
    for planned in plan.rows:
        selection = for_regions(
            planned.selection, [(district.key, district.name), (land, land_name)]
        )
        row, period = _key_figure(planned.item, planned.indicator, selection, used_signs, words)
        footnote = sources.number(_source_text(project, planned.indicator))
        rows.append(TableRow(row.header, (*row.cells, period or words.no_data, str(footnote))))
        # a configured period without data says nothing about how recent the data are
        if period in selection.period_keys and (dated := parse_period(period, 0)).year is not None:
            periods.append(dated)
    # the latest in time, not by label text ("WS 2023/24" > "2025" as text)
    data_year = max(periods).label if periods else str(project.config.reporting_year)
    missing = any(cell == words.no_data for row in rows for cell in row.cells)
    table = Table(
        label=project.labels.indicator.table,
        number=1,
        caption=words.key_figures_caption.format(gebiet=district.display, land=land_name),
        corner=project.labels.indicator.characteristic,
        columns=(district.name, land_name, words.as_of, words.footnote),
        rows=tuple(rows),
        notes=(words.no_data_note,) if missing else (),
        source=words.see_footnotes.format(quelle=source_line(project.labels, project.config, None)),
        kind=TableKind.KEY_FIGURES,
    )
    return table, data_year


def _notes(
    project: Project,
    sources: _Sources,
    used_signs: set[str],
    district_map: DistrictMap | None,
) -> Part:
    words = project.labels.factsheet
    config = project.config
    lines: list[Node] = [
        Heading(2, words.notes, listed=False),
        Footnotes(tuple(enumerate(sources.texts, start=1))),
    ]
    if used_signs:
        meanings = "; ".join(f"{legend_sign(s)} = {SIGNS[s]}" for s in SIGNS if s in used_signs)
        lines.append(Paragraph((Strong((Text(words.signs),)), Text(f" {meanings}")), Style.REMARK))
    if district_map is not None:
        lines.append(plain(words.map_basis.format(datei=district_map.source.name), Style.REMARK))
    attribution = source_line(project.labels, config, None)
    lines.append(
        plain(" ".join(filter(None, (attribution, config.attribution.terms))), Style.REMARK)
    )
    return Part(Role.SHEET_NOTES, tuple(lines))


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
    words: FactsheetLabels,
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
        if point is None or series is None:
            cells.append(words.no_data)
        elif item.change_since is not None:
            base = period_for(selection, item.change_since) or str(item.change_since)
            cells.append(_relative(series, base, period or "") or words.no_data)
        else:
            text = format_cell(point.value, selection.decimals, point.sign)
            used_signs.update(signs_in(text))
            cells.append(text)
    label = _label(item, indicator, selection.unit)
    if item.change_since is not None and period:
        label = label.replace("(in %)", f"{item.change_since}–{period} (in %)")
    return TableRow(label, tuple(cells)), period or ""


def _relative(series: Series, base: str, period: str) -> str | None:
    """The change in per cent, from the exact values: the row prints neither value, so
    there is no printed figure for it to agree with (``printed_change`` is for those)."""
    first, last = series.points.get(base), series.points.get(period)
    if not first or not last or first.value in (None, 0) or last.value is None:
        return None
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
        kind=ChartKind.LINE,
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
        small=True,
    )
    title = item.label or project.config.indicator_titles.get(indicator.id, indicator.meta.title)
    footnote = sources.number(_source_text(project, indicator))
    return Figure(
        label=project.labels.indicator.figure,
        number=number,
        caption=f"{title} ({unit_caption(selection.unit)})",
        alt_text=alt_text(title, selection, ChartKind.LINE, periods, table_number=None),
        chart=spec,
        source=project.labels.factsheet.source_footnote.format(nummer=footnote),
    )


def _locator(
    district: District,
    district_map: DistrictMap | None,
    land_name: str,
    words: FactsheetLabels,
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
        caption=words.location.format(gebiet=district.display, land=land_name),
        alt_text=words.location_alt.format(gebiet=district.display, land=land_name),
        map=MapSpec(shapes),
    )
