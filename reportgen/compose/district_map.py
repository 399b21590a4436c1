"""A choropleth map of an indicator's district values (``karte: true``): the whole Land, every
district in one value class, a legend in words, and an alt text that tells the finding."""

from __future__ import annotations

import re

from reportgen.compose.district_classes import class_bounds, class_legend, class_of
from reportgen.compose.district_view import (
    DistrictFrame,
    DistrictValues,
    district_frame,
    district_tables_anchor,
    district_values,
    in_district_tables,
)
from reportgen.compose.districts import District
from reportgen.compose.formatting import format_quantity, unit_caption
from reportgen.compose.model import (
    ChartKind,
    ChartSeries,
    ChartSpec,
    Figure,
    Link,
    MapClasses,
    MapShape,
    Text,
    plain_text,
)
from reportgen.load.geodata import DistrictMap
from reportgen.load.labels import MapLabels
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.signs import APPENDED, BRACKETED

NAMED_EXTREMES = 3
"""The alt text names this many districts at either end (one where few have values)."""
UNCERTAIN = frozenset({BRACKETED, *APPENDED})
"""Signs of a value that is shown, but not as sure as the others (as the other charts mark)."""
_UNIT_IN_TITLE = re.compile(
    r"\s*(\((veränderung\s+)?(in\s+)?(prozent|%|anzahl)\)|\bin\s+(prozent|%))\s*$", re.I
)


def district_map_figure(
    project: Project,
    indicator: Indicator,
    number: int,
    source: str,
    district_map: DistrictMap | None,
) -> Figure | None:
    """The map of the indicator's latest district values; None without district values or
    without outlines for them (``district_map`` as ``load_district_map`` reads it)."""
    if district_map is None:
        return None
    frame = district_frame(project.dataset)
    values = district_values(project, indicator, frame)
    if values is None:
        return None
    shapes = _shapes(district_map, frame)
    if not any(district is not None for _, district in shapes):
        return None
    selection, words = values.selection, project.labels.district_map
    decimals, unit = selection.decimals, selection.unit
    shown = [values.value(d.key) if d else None for _, d in shapes]
    present = [v for v in shown if v is not None]
    bounds = class_bounds(present, decimals)
    legend = class_legend(bounds, present, decimals, unit, words)
    classes = tuple(class_of(v, bounds, decimals) if v is not None else None for v in shown)
    # one entry per district, whatever number of outlines it has (islands, parts)
    by_area = {(d.key if d else key): c for (key, d), c in zip(shapes, classes, strict=True)}
    points = [values.point(d.key) if d else None for _, d in shapes]
    names = project.dataset.region_names
    spec = ChartSpec(
        kind=ChartKind.MAP,
        categories=tuple(d.name if d else names.get(key, key) for key, d in shapes),
        series=(
            ChartSeries(
                values.period,
                tuple(shown),
                uncertain=tuple(bool(p and p.sign in UNCERTAIN) for p in points),
            ),
        ),
        axis_label=unit_caption(unit),
        decimals=decimals,
        map=MapClasses(
            tuple(MapShape(key, district_map.outlines[key], False) for key, _ in shapes),
            classes,
            legend,
            words.missing,
        ),
    )
    caption = map_caption(values, frame, words)
    return Figure(
        label=project.labels.indicator.figure,
        number=number,
        caption=caption,
        alt_text=_alt_text(project, values, frame, caption, legend, by_area),
        chart=spec,
        source=_with_credit(source, project.config.map_credit, words),
        values=_values_link(project, values),
    )


def _values_link(project: Project, values: DistrictValues) -> Link | None:
    """The sentence that points to the indicator's district table, linked there."""
    if not in_district_tables(project, values.indicator):
        return None
    goal_id = values.indicator.meta.goal
    chapter = project.labels.district_tables.chapter.format(
        nummer=goal_id, titel=project.dataset.goals[goal_id].title
    )
    sentence = project.labels.district_map.table.format(handlungsfeld=chapter)
    return Link((Text(sentence),), f"#{district_tables_anchor(goal_id)}")


def _with_credit(source: str, credit: str | None, words: MapLabels) -> str:
    """The source line of a map, with who drew the boundaries where the project says it."""
    return f"{source} {words.credit.format(quelle=credit)}" if credit else source


def map_caption(values: DistrictValues, frame: DistrictFrame, words: MapLabels) -> str:
    """ "Anteil der Ausländerinnen und Ausländer nach Kreisen 2024 (in %)": the title without
    the Land it names and without a unit of its own, and what the values are held at."""
    title = values.title
    if frame.land is not None:
        title = title.replace(f" in {frame.land.name}", "")
    title = _UNIT_IN_TITLE.sub("", title).strip() or values.title
    if values.chosen:
        title += f" ({values.chosen})"
    unit = unit_caption(values.selection.unit)
    return words.caption.format(titel=title, zeitraum=values.period, einheit=unit)


def _shapes(district_map: DistrictMap, frame: DistrictFrame) -> list[tuple[str, District | None]]:
    """The outlines of the Land's districts and the district each stands for (None for a
    district of the Land without data); areas of other Länder are left out."""
    state = frame.districts[0].key[:2]
    found = []
    for key in district_map.outlines:
        district = next((d for d in frame.districts if key.startswith(d.key)), None)
        if district is not None or (len(key) == len(frame.districts[0].key) and key[:2] == state):
            found.append((key, district))
    return found


def _alt_text(
    project: Project,
    values: DistrictValues,
    frame: DistrictFrame,
    caption: str,
    legend: tuple[str, ...],
    by_area: dict[str, int | None],
) -> str:
    words = project.labels.district_map
    classes = list(by_area.values())
    counts = [classes.count(index) for index in range(len(legend))]
    entries = list(zip(legend, counts, strict=True))
    if None in classes:
        entries.append((words.missing, classes.count(None)))
    described = "; ".join(f"{label}: {_districts_count(count, words)}" for label, count in entries)
    parts = [words.alt_text.format(beschriftung=caption, klassen=described)]
    parts.append(_extremes(values, frame, words))
    if frame.land is not None and (land := _spoken(values, frame.land.key)):
        parts.append(words.land.format(land=frame.land.name, wert=land))
    if link := _values_link(project, values):
        parts.append(plain_text(link.children))
    return " ".join(parts)


def _extremes(values: DistrictValues, frame: DistrictFrame, words: MapLabels) -> str:
    """The districts with the highest and lowest values, as printed."""
    ranked = sorted(
        (
            (value, district.display, _spoken(values, district.key))
            for district in frame.districts
            if (value := values.value(district.key)) is not None
        ),
        key=lambda entry: -entry[0],
    )

    def named(entries: list[tuple[float, str, str]]) -> str:
        return ", ".join(f"{name} ({spoken})" for _, name, spoken in entries)

    if len(ranked) == 1:
        return words.only.format(kreise=named(ranked))
    if len({spoken for _, _, spoken in ranked}) == 1:
        return words.equal.format(wert=ranked[0][2])
    count = NAMED_EXTREMES if len(ranked) >= 3 * NAMED_EXTREMES else 1
    highest = words.highest.format(kreise=named(ranked[:count]))
    lowest = words.lowest.format(kreise=named(ranked[: -count - 1 : -1]))
    return f"{highest} {lowest}"


def _spoken(values: DistrictValues, key: str) -> str:
    """An area's value as the alt text reads it: with its unit, in brackets where the table
    has them ("" without a value)."""
    point = values.point(key)
    if point is None or point.value is None:
        return ""
    text = format_quantity(point.value, values.selection.decimals, values.selection.unit)
    return f"({text})" if point.sign == BRACKETED else text


def _districts_count(count: int, words: MapLabels) -> str:
    return words.one_district if count == 1 else words.districts.format(anzahl=count)
