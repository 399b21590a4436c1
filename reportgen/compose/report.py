"""Pure composition of the report: project → one document, front matter to appendix.

Every heading, label and fixed sentence comes from here (its words from the labels file); the
renderers only walk the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.district_tables import district_tables
from reportgen.compose.editorial import (
    editorial_part,
    file_of,
    labelled,
    placed,
    plain,
    text_blocks,
    text_status,
)
from reportgen.compose.formatting import format_long_date
from reportgen.compose.indicator import Numbering, compose_indicator, source_line
from reportgen.compose.model import (
    BulletList,
    Contents,
    ContentsEntry,
    Document,
    DocumentMeta,
    Heading,
    Node,
    Part,
    Role,
    Strong,
    Style,
    Table,
    TableRow,
    Text,
)
from reportgen.compose.model.document import TableKind, TextStatus, walk
from reportgen.compose.richtext import html_to_blocks, markdown_to_blocks
from reportgen.load.labels import Labels
from reportgen.load.project import ChapterPlan, Project, chapter_plan
from reportgen.load.signs import SIGNS, legend_sign

CONTENTS_DEPTH = 3
"""Headings down to this level are listed in the contents (chapters, topics, indicators)."""


@dataclass(frozen=True)
class TextUse:
    """Where an editorial text stands in the report and in which state (for the release)."""

    label: str
    status: TextStatus
    path: Path | None


@dataclass(frozen=True)
class Report:
    document: Document
    texts: tuple[TextUse, ...]


def compose_report(project: Project) -> Report:
    """The whole report; reads nothing, writes nothing."""
    config, labels, texts = project.config, project.labels, project.texts
    numbering = Numbering()
    uses = [TextUse("Vorwort", text_status(texts.foreword), file_of(texts.foreword))]
    chapters = []
    plan = chapter_plan(config, project.dataset)
    for goal_id, indicator_ids in plan:
        chapter, chapter_uses = _chapter(project, goal_id, indicator_ids, numbering)
        chapters.append(chapter)
        uses.extend(chapter_uses)
    main = (*_foreword(project), *chapters, _appendix(project, plan, numbering))
    meta = DocumentMeta(
        title=config.title,
        subject=config.subtitle,
        author=config.publisher,
        language="de",
        date=config.publication_date,
        keywords=(*labels.report.keywords, str(config.reporting_year)),
    )
    front = (_cover(project), _imprint(project), _contents(labels, main))
    return Report(Document(meta, (*front, *main)), tuple(uses))


def _cover(project: Project) -> Part:
    config, words = project.config, project.labels.report
    lines = [
        plain(config.publisher, Style.COVER_PUBLISHER),
        plain(config.title, Style.COVER_TITLE),
        plain(config.subtitle, Style.COVER_SUBTITLE) if config.subtitle else None,
        plain(words.reporting_year.format(jahr=config.reporting_year), Style.COVER_YEAR),
    ]
    return Part(Role.COVER, tuple(line for line in lines if line))


def _imprint(project: Project) -> Part:
    config, words = project.config, project.labels.report
    return Part(
        Role.IMPRINT,
        (
            Heading(1, words.imprint, listed=False),
            labelled(words.publisher, config.publisher),
            *placed(markdown_to_blocks(config.imprint), 2),
            labelled(words.as_of, format_long_date(config.publication_date)),
            plain(source_line(project.labels, config, None), Style.ATTRIBUTION),
            *((plain(config.attribution.terms, Style.TERMS),) if config.attribution.terms else ()),
        ),
    )


def _contents(labels: Labels, main: tuple[Node, ...]) -> Part:
    entries = tuple(
        ContentsEntry(node.level, node.number, node.text, node.anchor)
        for node in walk(main)
        if isinstance(node, Heading)
        and node.listed
        and node.level <= CONTENTS_DEPTH
        and node.anchor
    )
    return Part(
        Role.CONTENTS,
        (
            Heading(1, labels.report.contents, anchor="inhalt", listed=False),
            Contents(entries, labels.report.contents_update, CONTENTS_DEPTH),
        ),
    )


def _foreword(project: Project) -> tuple[Part, ...]:
    text, words = project.texts.foreword, project.labels.report
    blocks = text_blocks(project, text) if text else ()
    if text is None or not blocks:
        return ()  # a foreword still to be written has no place in the report, not even a heading
    heading = Heading(1, words.foreword, anchor="vorwort")
    part = editorial_part(Role.FOREWORD, blocks, text_status(text), project.labels, 2, heading)
    return (part,)


def _chapter(
    project: Project, goal_id: str, indicator_ids: tuple[str, ...], numbering: Numbering
) -> tuple[Part, list[TextUse]]:
    dataset, labels = project.dataset, project.labels
    intro_text = project.texts.goals.get(goal_id)
    uses = [
        TextUse(f"Einleitung Handlungsfeld {goal_id}", text_status(intro_text), file_of(intro_text))
    ]
    topics: dict[str, list[Node]] = {}
    for indicator_id in indicator_ids:
        indicator = dataset.indicators[indicator_id]
        composed = compose_indicator(project, indicator, numbering)
        topics.setdefault(indicator.meta.target, []).append(composed.part)
        uses.append(
            TextUse(
                f"Lese- und Interpretationshilfe {indicator.meta.number}",
                composed.interpretation,
                file_of(project.texts.indicators.get(indicator_id)),
            )
        )
    intro = text_blocks(project, intro_text) if intro_text else ()
    children: list[Node] = [Heading(1, dataset.goals[goal_id].title, goal_id, f"hf-{goal_id}")]
    if intro:
        children.append(editorial_part(Role.INTRO, intro, text_status(intro_text), labels, 2))
    for target_id, parts in topics.items():
        target = dataset.targets[target_id]
        children.append(
            Part(
                Role.TOPIC,
                (
                    Heading(2, target.title, target_id.replace("-", "."), f"thema-{target_id}"),
                    *placed(html_to_blocks(target.description), 3),
                    *parts,
                ),
            )
        )
    return Part(Role.CHAPTER, tuple(children)), uses


def _appendix(project: Project, plan: ChapterPlan, numbering: Numbering) -> Part:
    """Signs, sources and the district tables (numbered on from the chapters' tables)."""
    words = project.labels.appendix
    shown = [indicator_id for _, ids in plan for indicator_id in ids]
    by_source: dict[str, list[str]] = {}
    for indicator_id in shown:
        meta = project.dataset.indicators[indicator_id].meta
        by_source.setdefault(meta.data_source or words.no_source, []).append(meta.number)
    signs = Table(
        label="",
        number=None,
        caption=words.signs_caption,
        corner=words.sign,
        columns=(words.meaning,),
        rows=tuple(TableRow(legend_sign(s), (meaning,)) for s, meaning in SIGNS.items()),
        kind=TableKind.SIGNS,
    )
    sources = BulletList(
        tuple(
            (
                Strong((Text(name),)),
                Text(
                    f": {words.one_indicator if len(numbers) == 1 else words.many_indicators} "
                    + ", ".join(numbers)
                ),
            )
            for name, numbers in sorted(by_source.items())
        )
    )
    intro = f"{source_line(project.labels, project.config, None)} {words.sources_intro}"
    return Part(
        Role.APPENDIX,
        (
            Heading(1, words.appendix, anchor="anhang"),
            Heading(2, words.signs, anchor="zeichenerklaerung"),
            signs,
            Heading(2, words.sources, anchor="datenquellen"),
            plain(intro),
            sources,
            *district_tables(project, plan, numbering),
        ),
    )
