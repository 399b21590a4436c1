"""Pure composition of the report: project → one document, front matter to appendix.

Every heading, label and fixed sentence comes from here (its words from the labels file); the
renderers only walk the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.back_matter import appendix
from reportgen.compose.editorial import (
    editorial_part,
    file_of,
    placed,
    text_blocks,
    text_status,
)
from reportgen.compose.front_matter import contents, cover, imprint
from reportgen.compose.indicator import Numbering, compose_indicator
from reportgen.compose.model import (
    Document,
    DocumentMeta,
    Heading,
    Node,
    Part,
    Role,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.richtext import html_to_blocks
from reportgen.load.project import Project, chapter_plan


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
    main = (*_foreword(project), *chapters, appendix(project, plan, numbering))
    meta = DocumentMeta(
        title=config.title,
        subject=config.subtitle,
        author=config.publisher,
        language="de",
        date=config.publication_date,
        keywords=(*labels.report.keywords, str(config.reporting_year)),
    )
    front = (cover(project), imprint(project), contents(labels, main))
    return Report(Document(meta, (*front, *main)), tuple(uses))


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
