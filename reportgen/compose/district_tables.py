"""The district tables of the annex (Kreistabellen): per Handlungsfeld the latest value of each
indicator for the Land, its statistical regions and its districts, a few columns per table so
that a table fits a portrait page."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportgen.compose.district_view import (
    DistrictFrame,
    DistrictValues,
    district_frame,
    district_tables_anchor,
    district_values,
    in_district_tables,
)
from reportgen.compose.editorial import plain
from reportgen.compose.formatting import sign_legend, unit_caption
from reportgen.compose.indicator import Numbering, source_line
from reportgen.compose.model import Heading, Node, Table, TableKind, TableRow
from reportgen.load.project import ChapterPlan, Project
from reportgen.load.signs import signs_in

MAX_COLUMNS = 5
"""Value columns per table: more would not fit an A4 portrait page beside the area names."""


def district_tables(project: Project, plan: ChapterPlan, numbering: Numbering) -> tuple[Node, ...]:
    """Heading, introduction and tables (numbered on from the report's tables); nothing when
    the configuration leaves them out or no indicator of the report has district values."""
    if not project.config.district_tables:
        return ()
    frame = district_frame(project.dataset)
    chapters = [(goal_id, _columns(project, ids, frame)) for goal_id, ids in plan]
    chapters = [(goal_id, columns) for goal_id, columns in chapters if columns]
    if not chapters:
        return ()
    words = project.labels.district_tables
    land = frame.land.name if frame.land else ""
    intro = [words.intro.format(land=land, anzahl=len(frame.districts))]
    if frame.regions:
        intro.append(words.regions)
    intro.append(words.explanation)
    heading = Heading(2, words.heading, anchor=district_tables_anchor())
    nodes: list[Node] = [heading, plain(" ".join(intro))]
    for goal_id, columns in chapters:
        chapter = words.chapter.format(nummer=goal_id, titel=project.dataset.goals[goal_id].title)
        nodes.append(Heading(3, chapter, anchor=district_tables_anchor(goal_id)))
        groups = column_groups(columns)
        for index, group in enumerate(groups, start=1):
            caption = words.caption.format(handlungsfeld=chapter)
            if len(groups) > 1:
                caption = words.part.format(beschriftung=caption, teil=index, teile=len(groups))
            nodes.append(_table(project, frame, group, caption, next(numbering.tables)))
    return tuple(nodes)


def _columns(
    project: Project, indicator_ids: Sequence[str], frame: DistrictFrame
) -> list[DistrictValues]:
    found = []
    for indicator_id in indicator_ids:
        indicator = project.dataset.indicators[indicator_id]
        if not in_district_tables(project, indicator):
            continue
        values = district_values(project, indicator, frame)
        if values is not None:
            found.append(values)
    return found


def column_groups(columns: list[DistrictValues]) -> list[list[DistrictValues]]:
    """Groups of at most ``MAX_COLUMNS``, as even as possible (4 + 4 + 3, not 5 + 5 + 1)."""
    count = math.ceil(len(columns) / MAX_COLUMNS)
    size, extra = divmod(len(columns), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(columns[start:end])
        start = end
    return groups


def _table(
    project: Project,
    frame: DistrictFrame,
    columns: list[DistrictValues],
    caption: str,
    number: int,
) -> Table:
    labels = project.labels
    words = labels.district_tables
    rows = tuple(
        TableRow(area.name, tuple(column.cell(area.key) for column in columns))
        for area in frame.rows
    )
    used = {sign for row in rows for cell in row.cells for sign in signs_in(cell)}
    notes = [_column_note(column, project) for column in columns]
    if used:
        notes.append(labels.indicator.signs.format(zeichen=sign_legend(used)))
    return Table(
        label=labels.indicator.table,
        number=number,
        caption=caption,
        corner=words.corner,
        columns=tuple(
            words.column.format(
                nummer=column.indicator.meta.number, einheit=unit_caption(column.selection.unit)
            )
            for column in columns
        ),
        rows=rows,
        notes=tuple(notes),
        kind=TableKind.DISTRICTS,
        source=_source(project, columns),
    )


def _column_note(column: DistrictValues, project: Project) -> str:
    words = project.labels.district_tables
    number, title = column.indicator.meta.number, column.title
    if column.chosen:
        return words.column_selection.format(
            nummer=number, titel=title, zeitraum=column.period, auswahl=column.chosen
        )
    return words.column_note.format(nummer=number, titel=title, zeitraum=column.period)


def _source(project: Project, columns: list[DistrictValues]) -> str:
    """The source line with the Datenstand where all columns share one, and the statistics."""
    vintages = {column.indicator.meta.vintage for column in columns}
    vintage = vintages.pop() if len(vintages) == 1 else None
    line = source_line(project.labels, project.config, vintage)
    named = (column.indicator.meta.data_source for column in columns)
    statistics = list(dict.fromkeys(name for name in named if name))
    if statistics:
        line += " " + project.labels.indicator.data_basis.format(quelle="; ".join(statistics))
    return line
