"""Pure composition of district fact sheets (Steckbriefe): project + district → a document."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.compose.charts import chart_spec
from reportgen.compose.describe import alt_text
from reportgen.compose.districts import District, land_key
from reportgen.compose.editable import editable_text, locked_title, project_fingerprint
from reportgen.compose.editorial import editorial_part, plain, text_blocks, text_status
from reportgen.compose.factsheet_plan import FactsheetPlan
from reportgen.compose.figures import indicator_title, with_unit
from reportgen.compose.formatting import (
    is_percent,
)
from reportgen.compose.indicator import source_line
from reportgen.compose.indicators import Selection
from reportgen.compose.key_figures import footnote, key_figures_table, source_text
from reportgen.compose.model import (
    ChartKind,
    Document,
    DocumentMeta,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    MapShape,
    MapSpec,
    Node,
    Part,
    Role,
    Style,
)
from reportgen.compose.regional import for_regions
from reportgen.load.config_entries import FactsheetItem
from reportgen.load.geodata import DistrictMap
from reportgen.load.labels import FactsheetLabels
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.textblocks import TextKind


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
    sources: dict[str, int] = {}  # numbered footnotes, one per distinct source
    used_signs: set[str] = set()
    table, data_year = key_figures_table(
        project, district, land, land_name, plan, sources, used_signs
    )
    figures = []
    region = district.key[:3]
    shown_regions: set[str] = set()
    for number, planned in enumerate(plan.charts, start=1):
        regions = [(district.key, district.display)]
        if is_percent(planned.selection.unit):  # shares compare across areas; counts do not
            regions += [(region, dataset.region_names.get(region, region)), (land, land_name)]
        selection = for_regions(planned.selection, regions)
        figure = _chart(number, planned.item, planned.indicator, selection, project, sources)
        if figure is not None:
            figures.append(figure)
            shown_regions.update(s.label for s in figure.chart.series)
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
    same_names = tuple(
        words.same_name.format(gebiet=district.display, region=name)
        for name in sorted(shown_regions)
        if name != district.display and _base(district) in name
    )
    # the first page holds the figures with their notes; the district's own text follows on a
    # page of its own
    body.append(_notes(project, sources, same_names, locator is not None))
    text = project.texts.factsheets.get(district.code) or project.texts.factsheets.get(district.key)
    if text is not None:
        own_title = text.title or words.own_text.format(gebiet=district.display)
        heading = Heading(2, own_title, listed=False)
        blocks, status = text_blocks(project, text), text_status(text)
        editable = editable_text(config, project.labels, TextKind.FACTSHEET, text.key, text)
        body.append(
            editorial_part(Role.OWN_TEXT, blocks, status, project.labels, 3, heading, editable)
        )
    meta = DocumentMeta(
        title=title,
        subject=subtitle,
        author=config.publisher,
        language="de",
        date=config.publication_date,
        page_words=(words.page, words.of),
        project=project_fingerprint(config),
        locked_title=locked_title(config, project.labels),
    )
    return Document(meta, tuple(body))


def _base(district: District) -> str:
    """The name without its designation: "Hannover" for Region Hannover, "Emden" for Stadt
    Emden."""
    return district.name.removesuffix(", Stadt").removeprefix("Region ")


def _notes(
    project: Project, sources: dict[str, int], same_names: tuple[str, ...], with_map: bool
) -> Part:
    words = project.labels.factsheet
    config = project.config
    lines: list[Node] = [
        Heading(2, words.notes, listed=False),
        Footnotes(tuple((number, text) for text, number in sources.items())),
        *(plain(line, Style.REMARK) for line in same_names),
    ]
    if with_map and config.map_credit:
        lines.append(plain(words.map_basis.format(quelle=config.map_credit), Style.REMARK))
    attribution = source_line(project.labels, config, None)
    lines.append(
        plain(" ".join(filter(None, (attribution, config.attribution.terms))), Style.REMARK)
    )
    return Part(Role.SHEET_NOTES, tuple(lines))


def _chart(
    number: int,
    item: FactsheetItem,
    indicator: Indicator,
    selection: Selection,
    project: Project,
    sources: dict[str, int],
) -> Figure | None:
    if not selection.series or not selection.temporal or len(selection.periods) < 2:
        return None
    periods = selection.periods
    spec = chart_spec(selection, ChartKind.LINE, periods, small=True)
    title = item.label or indicator_title(project.config, indicator)
    number_of_source = footnote(sources, source_text(project, indicator))
    return Figure(
        label=project.labels.indicator.figure,
        number=number,
        caption=with_unit(title, selection),
        alt_text=alt_text(title, selection, ChartKind.LINE, periods, table_number=None),
        chart=spec,
        source=project.labels.factsheet.source_footnote.format(nummer=number_of_source),
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
    small = _extent(s for s in shapes if s.highlighted) < SMALL_AREA * _extent(shapes)
    return MapFigure(
        caption=words.location.format(gebiet=district.display, land=land_name),
        alt_text=words.location_alt.format(gebiet=district.display, land=land_name),
        map=MapSpec(shapes, marker=_base(district) if small else ""),
    )


SMALL_AREA = 0.07
"""A highlighted area narrower than this share of the map gets a labelled ring: at the 34 mm
of the locator map a kreisfreie Stadt is a dot of one or two millimetres."""


def _extent(shapes: Iterable[MapShape]) -> float:
    """The larger side of the shapes' bounding box, in map units."""
    points = [point for shape in shapes for ring in shape.rings for point in ring]
    if not points:
        return 0.0
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return max(max(xs) - min(xs), max(ys) - min(ys))
