"""One indicator as a part of the report: heading, key statement, chart, table, Lese- und
Interpretationshilfe, methodological notes and source line."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import count

from reportgen.compose.breakdown_parts import breakdown_parts, breakdowns_of
from reportgen.compose.charts import chart_spec
from reportgen.compose.describe import alt_text, draft_interpretation, key_statement
from reportgen.compose.district_map import district_map_figure
from reportgen.compose.editable import editable_text
from reportgen.compose.editorial import editorial_part, placed, plain, text_blocks, text_status
from reportgen.compose.figures import caption, indicator_title
from reportgen.compose.formatting import format_quantity
from reportgen.compose.indicator_table import indicator_table, table_periods
from reportgen.compose.indicators import Selection
from reportgen.compose.methods import SharedMethods, block_text, with_references
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
    Text,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.presentation import configured_selection, presentation_of
from reportgen.compose.richtext import html_to_blocks, markdown_to_blocks
from reportgen.compose.wording import selection_phrase
from reportgen.load.config import ReportConfig
from reportgen.load.config_entries import TargetValue
from reportgen.load.htmltext import html_to_text
from reportgen.load.labels import Labels
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.naming import tidy
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.textblocks import TextKind

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


def source_line(
    labels: Labels, config: ReportConfig, vintage: str | None, statistic: str = ""
) -> str:
    """The "Quelle: …" line: the statistic where one is named, the publisher and work, the
    Datenstand where known."""
    attribution = config.attribution
    template = labels.indicator.source_with_statistic if statistic else labels.indicator.source
    text = template.format(
        herausgeber=attribution.producer, werk=attribution.work, statistik=statistic
    )
    return text + (f", {vintage}" if vintage else "") + "."


def compose_indicator(
    project: Project,
    indicator: Indicator,
    numbering: Numbering,
    methods: SharedMethods | None = None,
) -> ComposedIndicator:
    """One indicator; method texts in ``methods`` are referred to, not printed again."""
    meta, config, labels = indicator.meta, project.config, project.labels
    title = indicator_title(config, indicator)
    selection = configured_selection(config, indicator)
    shown = presentation_of(config, indicator.id)
    source = source_line(labels, config, meta.vintage, tidy(meta.data_source))
    targets = tuple(t for t in config.targets if t.indicator == meta.id)
    table: Table | None = None
    figure: Figure | None = None
    if selection.series:
        table = indicator_table(
            meta.id, title, selection, next(numbering.tables), project, source, targets
        )
        figure = _figure(
            labels, title, meta, selection, next(numbering.figures), table, source, targets
        )
    extra: tuple[Node, ...] = ()
    for view in breakdowns_of(project, indicator, selection, title):
        numbers = (next(numbering.figures), next(numbering.tables))
        extra += breakdown_parts(project, view, title, numbers, source)
    if shown.map:
        found = district_map_figure(project, indicator, 0, source, project.district_map)
        if found is not None:  # numbered only when there is a map, so no number is skipped
            extra += (replace(found, number=next(numbering.figures)),)
    interpretation, status = _interpretation(project, meta, selection, table)
    # the source lines of figure and table name the statistic; an indicator without either
    # names it at its end
    ending = () if figure or table else (plain(source, Style.SOURCE),)
    children: tuple[Node, ...] = (
        Heading(3, title, meta.number, f"ind-{meta.id}"),
        plain(key_statement(selection, shown.subject), Style.KEY_STATEMENT),
        *((figure,) if figure else ()),
        *((table,) if table else ()),
        *extra,
        interpretation,
        *_methods(project, meta, selection, methods),
        *ending,
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
        periods = table_periods(project, selection) if table else ()
        sentences = draft_interpretation(selection, periods, html_to_text(meta.description))
        blocks, status = (plain(" ".join(sentences)),), TextStatus.GENERATED
    editable = editable_text(project.config, labels, TextKind.INDICATOR, meta.id, text)
    part = editorial_part(Role.INTERPRETATION, blocks, status, labels, 5, heading, editable)
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
        caption=caption(title, selection, categories, selection_phrase(selection.fixed, title)),
        alt_text=alt_text(title, selection, kind, categories, table.number),
        chart=spec,
        source=source,
    )


def _methods(
    project: Project, meta: IndicatorMeta, selection: Selection, shared: SharedMethods | None
) -> tuple[Part, ...]:
    labels = project.labels
    words = labels.indicator
    reference = labels.outline.methods_reference

    def blocks_of(html: str) -> tuple[Block, ...]:
        return with_references(html_to_blocks(html), shared, reference)

    topic = project.dataset.targets.get(meta.target)
    # a definition that only repeats the topic's introduction right above it is left out
    repeated = topic is not None and block_text(meta.description) == block_text(topic.description)
    breaks = tuple(
        plain(
            words.break_note.format(jahr=b.first_year, bezeichnung=b.label)
            + (f" {b.note}" if b.note else "")
        )
        for b in selection.breaks
    )
    notes = [
        (words.definition, () if repeated else blocks_of(meta.description)),
        (words.computation, blocks_of(meta.computation)),
        (words.footnotes, blocks_of(meta.footnotes)),
        (words.data_source, _source_blocks(meta)),
        (words.breaks, breaks),
        (words.further, blocks_of(meta.other_info) + markdown_to_blocks(meta.body)),
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
    # a link the metadata gives only as a path of its web portal leads nowhere on paper, and its
    # text alone (mostly the indicator's title again) names no source
    blocks.extend(
        Paragraph((Link((Text(link.text),), link.url),)) for link in meta.sources if link.url
    )
    return tuple(blocks)
