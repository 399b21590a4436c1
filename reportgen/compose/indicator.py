"""One indicator as a part of the report: heading, key statement, chart, table, Lese- und
Interpretationshilfe, methodological notes and source line."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import count

from reportgen.compose.breakdown_parts import breakdown_of, breakdown_parts
from reportgen.compose.charts import chart_spec, missing_positions
from reportgen.compose.describe import alt_text, draft_interpretation, key_statement
from reportgen.compose.editorial import editorial_part, placed, plain, text_blocks, text_status
from reportgen.compose.facts import target_status
from reportgen.compose.figures import indicator_title, with_unit
from reportgen.compose.formatting import format_cell, format_quantity, sign_legend
from reportgen.compose.indicators import Selection
from reportgen.compose.model import (
    Block,
    ChartKind,
    Figure,
    Heading,
    Link,
    Node,
    Paragraph,
    Part,
    ReferenceLine,
    Role,
    Style,
    Table,
    TableRow,
    Text,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.presentation import configured_selection, presentation_of
from reportgen.compose.richtext import html_to_blocks, markdown_to_blocks
from reportgen.load.config import ReportConfig
from reportgen.load.config_entries import TargetValue
from reportgen.load.labels import Labels
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.signs import UNKNOWN, signs_in

MAX_BAR_CATEGORIES = 6


@dataclass
class Numbering:
    """Figures and tables are numbered through the whole report."""

    figures: count[int] = field(default_factory=lambda: count(1))
    tables: count[int] = field(default_factory=lambda: count(1))


@dataclass(frozen=True)
class ComposedIndicator:
    part: Part
    interpretation: TextStatus


def source_line(labels: Labels, config: ReportConfig, vintage: str | None) -> str:
    """The "Quelle: …" line, with the Datenstand where known."""
    attribution = config.attribution
    text = labels.indicator.source.format(herausgeber=attribution.producer, werk=attribution.work)
    return text + (f", {vintage}" if vintage else "") + "."


def compose_indicator(
    project: Project, indicator: Indicator, numbering: Numbering
) -> ComposedIndicator:
    meta, config, labels = indicator.meta, project.config, project.labels
    title = indicator_title(config, indicator)
    selection = configured_selection(config, indicator)
    source = source_line(labels, config, meta.vintage)
    targets = tuple(t for t in config.targets if t.indicator == meta.id)
    table: Table | None = None
    figure: Figure | None = None
    if selection.series:
        table = _table(meta.id, title, selection, next(numbering.tables), project, source, targets)
        figure = _figure(
            labels, title, meta, selection, next(numbering.figures), table, source, targets
        )
    view = breakdown_of(project, indicator, selection, title)
    extra: tuple[Node, ...] = ()
    if view is not None:
        numbers = (next(numbering.figures), next(numbering.tables))
        extra = breakdown_parts(project, view, title, numbers, source)
    interpretation, status = _interpretation(project, meta, selection, table)
    data_basis = labels.indicator.data_basis.format(quelle=meta.data_source)
    children: tuple[Node, ...] = (
        Heading(3, title, meta.number, f"ind-{meta.id}"),
        plain(key_statement(selection), Style.KEY_STATEMENT),
        *((figure,) if figure else ()),
        *((table,) if table else ()),
        *extra,
        interpretation,
        *_methods(meta, labels, selection),
        plain(source + (f" {data_basis}" if meta.data_source else ""), Style.SOURCE),
    )
    return ComposedIndicator(Part(Role.INDICATOR, children), status)


def _interpretation(
    project: Project, meta: IndicatorMeta, selection: Selection, table: Table | None
) -> tuple[Part, TextStatus]:
    labels = project.labels
    heading = Heading(4, labels.indicator.interpretation, listed=False)
    text = project.texts.indicators.get(meta.id)
    if text and text.body.strip():  # an empty scaffolded file still gets the generated draft
        blocks, status = text_blocks(project, text), text_status(text)
    else:
        sentences = draft_interpretation(selection, table.columns if table else ())
        blocks, status = (plain(" ".join(sentences)),), TextStatus.GENERATED
    part = editorial_part(Role.INTERPRETATION, blocks, status, labels, 5, heading)
    return part, status


def _chart_kind(meta: IndicatorMeta, selection: Selection) -> ChartKind:
    """A line for a time series worth showing; bars for few periods or labels that are not time."""
    if not selection.temporal or len(selection.periods) < 3:
        return ChartKind.BAR
    bar = meta.graph_type == "bar" and len(selection.series) <= 4
    return ChartKind.BAR if bar else ChartKind.LINE


def _figure(
    labels: Labels,
    title: str,
    meta: IndicatorMeta,
    selection: Selection,
    number: int,
    table: Table,
    source: str,
    targets: tuple[TargetValue, ...],
) -> Figure:
    kind = _chart_kind(meta, selection)
    categories = (
        selection.periods if kind == ChartKind.LINE else selection.periods[-MAX_BAR_CATEGORIES:]
    )
    references = tuple(
        ReferenceLine(
            f"{t.label}{f' ({t.series})' if t.series else ''}: "
            f"{format_quantity(t.value, selection.decimals, selection.unit)}",
            t.value,
        )
        for t in targets
    )
    spec = chart_spec(selection, kind, categories, references)
    return Figure(
        label=labels.indicator.figure,
        number=number,
        caption=with_unit(title, selection),
        alt_text=alt_text(title, selection, kind, categories, table.number),
        chart=spec,
        source=source,
    )


def _table(
    meta_id: str,
    title: str,
    selection: Selection,
    number: int,
    project: Project,
    source: str,
    targets: tuple[TargetValue, ...],
) -> Table:
    labels = project.labels.indicator
    periods = project.config.table_periods
    shown = selection.periods[-periods:] if selection.temporal else selection.periods[:8]
    columns, absent = _with_missing(selection, shown)
    marks = _break_marks(selection, columns)
    rows = []
    used_signs: set[str] = set()
    for series in selection.series:
        cells = []
        for period in columns:
            point = series.points.get(period)
            text = (
                UNKNOWN
                if point is None
                else format_cell(point.value, selection.decimals, point.sign)
            )
            used_signs.update(signs_in(text))
            cells.append(text)
        rows.append(TableRow(series.label, tuple(cells)))
    notes = [_target_note(target, selection) for target in targets]
    chosen = "; ".join(f"{column}: {value}" for column, value in selection.fixed if value)
    if chosen:
        notes.append(labels.selection.format(auswahl=chosen))
    if selection.omitted_series:
        notes.append(labels.more_series.format(anzahl=selection.omitted_series))
    notes.extend(
        f"{mark} Zeitreihenbruch ab {period} ({label}): mit früheren Werten nicht vergleichbar."
        for period, (mark, label) in marks.items()
    )
    if absent:
        notes.append(f"Für {_enumerated(absent)} liegen keine Ergebnisse vor.")
    notes.extend(
        f"{period}: {reason}"
        for period, reason in _unavailable_reasons(project, meta_id, selection, columns).items()
    )
    if used_signs:
        notes.append(labels.signs.format(zeichen=sign_legend(used_signs)))
    return Table(
        label=labels.table,
        number=number,
        caption=with_unit(title, selection),
        corner=" / ".join(selection.varying) or labels.characteristic,
        columns=tuple(f"{c}{marks[c][0]}" if c in marks else c for c in columns),
        rows=tuple(rows),
        notes=tuple(notes),
        source=source,
    )


_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"


def _with_missing(
    selection: Selection, shown: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The table's periods with the years a regular time axis lacks put in their place (a
    column of "." rather than a jump from 2019 to 2021), and those years."""
    if not selection.temporal or len(shown) < 2:
        return shown, ()
    positions = tuple(selection.period_keys[p] for p in selection.periods)
    gaps = [g for g in missing_positions(positions) if g.is_integer()]
    first, last = selection.period_keys[shown[0]], selection.period_keys[shown[-1]]
    absent = tuple(str(int(g)) for g in gaps if first < g < last)
    if not absent:
        return shown, ()
    ordered = sorted([*shown, *absent], key=lambda p: selection.period_keys.get(p, float(p)))
    return tuple(ordered), absent


def _break_marks(selection: Selection, columns: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """The first column after each declared break → its footnote mark and the break's label."""
    marks: dict[str, tuple[str, str]] = {}
    keys = {c: selection.period_keys.get(c, float(c) if c.isdigit() else 0.0) for c in columns}
    for each in selection.breaks:
        before = [c for c in columns if keys[c] < each.first_year]
        after = [c for c in columns if keys[c] >= each.first_year]
        if before and after:
            marks[after[0]] = (_MARKS[len(marks) % len(_MARKS)], each.label)
    return marks


def _unavailable_reasons(
    project: Project, indicator_id: str, selection: Selection, columns: tuple[str, ...]
) -> dict[str, str]:
    """Why the periods declared without results (``keine_werte``) have none, for the table."""
    reasons = presentation_of(project.config, indicator_id).unavailable
    result = {}
    for period in columns:
        if period in selection.unavailable:
            year = str(math.floor(selection.period_keys[period]))
            result[period] = reasons.get(period) or reasons.get(year, "")
    return result


def _enumerated(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _target_note(target: TargetValue, selection: Selection) -> str:
    """The target and where the latest value stands, in words (never by colour alone)."""
    series = next((s for s in selection.series if s.label == target.series), selection.main)
    level = format_quantity(target.value, selection.decimals, selection.unit)
    decision = f" ({target.decision})" if target.decision else ""
    note = f"{target.label}: {level}{decision}."
    latest = series.latest(selection.periods)
    if latest:
        note += f" {series.label}, {latest[0]}: {target_status(latest[1], target, selection)}."
    return note


def _methods(meta: IndicatorMeta, labels: Labels, selection: Selection) -> tuple[Part, ...]:
    words = labels.indicator
    breaks = tuple(
        plain(f"Ab {b.first_year}: {b.label}." + (f" {b.note}" if b.note else ""))
        for b in selection.breaks
    )
    notes = [
        (words.definition, html_to_blocks(meta.description)),
        (words.computation, html_to_blocks(meta.computation)),
        (words.footnotes, html_to_blocks(meta.footnotes)),
        (words.data_source, _source_blocks(meta)),
        ("Zeitreihenbrüche", breaks),
        (words.further, html_to_blocks(meta.other_info) + markdown_to_blocks(meta.body)),
    ]
    parts = tuple(
        Part(Role.NOTE, (Heading(5, label, listed=False), *placed(blocks, 6)))
        for label, blocks in notes
        if blocks
    )
    if not parts:
        return ()
    return (Part(Role.METHODS, (Heading(4, words.methods, listed=False), *parts)),)


def _source_blocks(meta: IndicatorMeta) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if meta.data_source:
        blocks.append(plain(meta.data_source + (f" ({meta.vintage})" if meta.vintage else "")))
    for link in meta.sources:
        inline = Link((Text(link.text),), link.url) if link.url else Text(link.text)
        blocks.append(Paragraph((inline,)))
    return tuple(blocks)
