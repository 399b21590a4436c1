"""Pure composition: (configuration, indicators, texts) → one format-neutral Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count

from reportgen.compose.describe import alt_text, draft_interpretation, key_statement
from reportgen.compose.formatting import format_cell, format_quantity, unit_caption
from reportgen.compose.indicators import Selection, default_selection
from reportgen.compose.model import (
    Appendix,
    Block,
    Cell,
    Chapter,
    ChartSeries,
    ChartSpec,
    Figure,
    Imprint,
    IndicatorBlock,
    Interpretation,
    Link,
    Note,
    Paragraph,
    ReferenceLine,
    Report,
    Section,
    SignExplanation,
    SourceEntry,
    Table,
    TableRow,
    Text,
    TextStatus,
)
from reportgen.compose.placeholders import Facts, target_status, text_blocks
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.load.config import TargetValue
from reportgen.load.opensdg import Indicator, IndicatorMeta
from reportgen.load.project import Project, chapter_plan
from reportgen.load.signs import SIGNS, legend_sign, signs_in
from reportgen.load.textblocks import TextBlock

MAX_BAR_CATEGORIES = 6
MISSING_INTERPRETATION = "Für diesen Indikator liegt noch keine Lese- und Interpretationshilfe vor."


@dataclass
class _Numbering:
    figures: count[int] = field(default_factory=lambda: count(1))
    tables: count[int] = field(default_factory=lambda: count(1))


def compose_report(project: Project) -> Report:
    """Build the whole report model; reads nothing, writes nothing."""
    config, dataset, texts = project.config, project.dataset, project.texts
    numbering = _Numbering()
    facts = Facts(dataset, config.targets)
    chapters = []
    for goal_id, indicator_ids in chapter_plan(config, dataset):
        sections: dict[str, list[IndicatorBlock]] = {}
        for indicator_id in indicator_ids:
            indicator = dataset.indicators[indicator_id]
            block = compose_indicator(project, indicator, numbering, facts)
            sections.setdefault(indicator.meta.target, []).append(block)
        intro_text = texts.goals.get(goal_id)
        intro = text_blocks(intro_text, facts) if intro_text else ()
        chapters.append(
            Chapter(
                number=goal_id,
                title=dataset.goals[goal_id].title,
                anchor=f"hf-{goal_id}",
                intro=intro,
                sections=tuple(
                    Section(
                        number=target_id.replace("-", "."),
                        title=dataset.targets[target_id].title,
                        anchor=f"thema-{target_id}",
                        intro=dataset.targets[target_id].description,
                        indicators=tuple(blocks),
                    )
                    for target_id, blocks in sections.items()
                ),
            )
        )
    return Report(
        title=config.title,
        subtitle=config.subtitle,
        reporting_year=config.reporting_year,
        language="de",
        imprint=Imprint(
            publisher=config.publisher,
            publication_date=config.publication_date,
            blocks=markdown_to_blocks(config.imprint),
            attribution=config.attribution.source_line(None),
            terms=config.attribution.terms,
        ),
        foreword=text_blocks(texts.foreword, facts) if texts.foreword else (),
        foreword_status=_status(texts.foreword),
        chapters=tuple(chapters),
        appendix=_appendix(project, chapters),
    )


def compose_indicator(
    project: Project, indicator: Indicator, numbering: _Numbering, facts: Facts
) -> IndicatorBlock:
    meta = indicator.meta
    config = project.config
    title = config.indicator_titles.get(meta.id, meta.title)
    selection = default_selection(indicator)
    source = config.attribution.source_line(meta.vintage)
    targets = tuple(t for t in config.targets if t.indicator == meta.id)
    table = (
        _table(title, selection, next(numbering.tables), config.table_periods, source, targets)
        if selection.series
        else None
    )
    figure = (
        _figure(title, meta, selection, numbering, table, source, targets)
        if selection.series
        else None
    )
    text = project.texts.indicators.get(meta.id)
    if text and text.body.strip():  # an empty scaffolded file still gets the generated draft
        interpretation = Interpretation(
            text_blocks(text, facts), "freigegeben" if text.status == "freigegeben" else "entwurf"
        )
    else:
        sentences = draft_interpretation(selection, table.columns if table else ())
        interpretation = Interpretation((_paragraph(" ".join(sentences)),), "generiert")
    return IndicatorBlock(
        id=meta.id,
        number=meta.number,
        title=title,
        anchor=f"ind-{meta.id}",
        key_statement=key_statement(selection),
        figure=figure,
        table=table,
        interpretation=interpretation,
        notes=_notes(meta, selection),
        source=source + (f" Datenbasis: {meta.data_source}." if meta.data_source else ""),
    )


def _chart_categories(selection: Selection, kind: str) -> tuple[str, ...]:
    if kind == "line":
        return selection.periods
    return selection.periods[-MAX_BAR_CATEGORIES:]


def _chart_kind(meta: IndicatorMeta, selection: Selection) -> str:
    """A line for a time series worth showing; bars for few periods or labels that are not time."""
    if not selection.temporal or len(selection.periods) < 3:
        return "bar"
    return "bar" if meta.graph_type == "bar" and len(selection.series) <= 4 else "line"


def _figure(
    title: str,
    meta: IndicatorMeta,
    selection: Selection,
    numbering: _Numbering,
    table: Table | None,
    source: str,
    targets: tuple[TargetValue, ...] = (),
) -> Figure:
    kind = _chart_kind(meta, selection)
    categories = _chart_categories(selection, kind)
    positions: tuple[float, ...] = ()
    if kind == "line":
        positions = tuple(_period_positions(selection, categories))
    spec = ChartSpec(
        kind="line" if kind == "line" else "bar",
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
        unit=selection.unit,
        decimals=selection.decimals,
        positions=positions,
        references=tuple(
            ReferenceLine(
                f"{t.label}: {format_quantity(t.value, selection.decimals, selection.unit)}",
                t.value,
            )
            for t in targets
        ),
    )
    number = next(numbering.figures)
    return Figure(
        number=number,
        caption=f"{title} ({unit_caption(selection.unit)})",
        alt_text=alt_text(title, selection, kind, categories, table.number if table else None),
        chart=spec,
        source=source,
    )


def _period_positions(selection: Selection, categories: tuple[str, ...]) -> list[float]:
    """Time positions; school years and months keep their place between the years."""
    keys = selection.period_keys
    return [keys[period] for period in categories]


def _table(
    title: str,
    selection: Selection,
    number: int,
    periods: int,
    source: str,
    targets: tuple[TargetValue, ...] = (),
) -> Table:
    columns = selection.periods[-periods:] if selection.temporal else selection.periods[:8]
    rows = []
    used_signs: set[str] = set()
    for series in selection.series:
        cells = []
        for period in columns:
            point = series.points.get(period)
            if point is None:
                cells.append(Cell("."))
                used_signs.add(".")
                continue
            text = format_cell(point.value, selection.decimals, point.sign)
            used_signs.update(signs_in(text))
            cells.append(Cell(text))
        rows.append(TableRow(series.label, tuple(cells)))
    notes = [_target_note(target, selection) for target in targets]
    if selection.fixed:
        notes.append(
            "Auswahl: "
            + "; ".join(f"{column}: {value}" for column, value in selection.fixed if value)
            + "."
        )
    if selection.omitted_series:
        notes.append(f"{selection.omitted_series} weitere Reihen sind nicht dargestellt.")
    if used_signs:
        notes.append(
            "Zeichen: "
            + "; ".join(f"{legend_sign(s)} = {SIGNS[s]}" for s in SIGNS if s in used_signs)
            + "."
        )
    corner = " / ".join(selection.varying) or "Merkmal"
    return Table(
        number=number,
        caption=f"{title} ({unit_caption(selection.unit)})",
        corner=corner,
        columns=tuple(columns),
        rows=tuple(rows),
        unit=unit_caption(selection.unit),
        notes=tuple(n for n in notes if n.strip(". ") != "Auswahl:"),
        source=source,
    )


def _level(target: TargetValue, selection: Selection) -> str:
    return format_quantity(target.value, selection.decimals, selection.unit)


def _target_note(target: TargetValue, selection: Selection) -> str:
    """The target and where the latest value stands, in words (never by colour alone)."""
    series = next((s for s in selection.series if s.label == target.series), selection.main)
    level = _level(target, selection)
    decision = f" ({target.decision})" if target.decision else ""
    note = f"{target.label}: {level}{decision}."
    latest = series.latest(selection.periods)
    if latest:
        note += f" {series.label}, {latest[0]}: {target_status(latest[1], target, selection)}."
    return note


def _notes(meta: IndicatorMeta, selection: Selection) -> tuple[Note, ...]:
    notes = [
        Note("Definition", meta.description),
        Note("Berechnung und Methodik", meta.computation),
        Note("Fußnoten", meta.footnotes),
        Note("Datenquelle", _source_blocks(meta)),
        Note("Weitere Informationen", meta.other_info + meta.body),
    ]
    return tuple(note for note in notes if note.blocks)


def _source_blocks(meta: IndicatorMeta) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if meta.data_source:
        text = meta.data_source + (f" ({meta.vintage})" if meta.vintage else "")
        blocks.append(_paragraph(text))
    for link in meta.sources:
        inline = Link((Text(link.text),), link.url) if link.url else Text(link.text)
        blocks.append(Paragraph((inline,)))
    return tuple(blocks)


def _status(text: TextBlock | None) -> TextStatus:
    return "freigegeben" if text is None or text.status == "freigegeben" else "entwurf"


def _paragraph(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def _appendix(project: Project, chapters: list[Chapter]) -> Appendix:
    by_source: dict[str, list[str]] = {}
    for chapter in chapters:
        for section in chapter.sections:
            for block in section.indicators:
                meta = project.dataset.indicators[block.id].meta
                by_source.setdefault(meta.data_source or "ohne Angabe", []).append(block.number)
    return Appendix(
        signs=tuple(SignExplanation(legend_sign(s), meaning) for s, meaning in SIGNS.items()),
        sources=tuple(
            SourceEntry(name, tuple(numbers)) for name, numbers in sorted(by_source.items())
        ),
    )
