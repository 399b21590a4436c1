"""Pure composition of the report: project → one document, front matter to appendix.

Every heading, label and fixed sentence comes from here (its words from the labels file); the
renderers only walk the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.back_matter import with_appendix
from reportgen.compose.editable import editable_text, locked_title, project_fingerprint
from reportgen.compose.editorial import (
    editorial_part,
    file_of,
    placed,
    text_blocks,
    text_status,
)
from reportgen.compose.front_matter import contents, cover, draft_mark, imprint
from reportgen.compose.glossary import with_term_links
from reportgen.compose.indicator import Numbering, compose_indicator
from reportgen.compose.methods import SharedMethods, preliminary_part, shared_methods
from reportgen.compose.model import (
    Document,
    DocumentMeta,
    Heading,
    Node,
    Part,
    Role,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.outline import free_chapter, goals_in_order, outline_of, summary_part
from reportgen.compose.richtext import html_to_blocks
from reportgen.compose.web_words import web_words
from reportgen.load.config_presentation import FreeChapter, GoalChapter, Section
from reportgen.load.project import Project, chapter_plan
from reportgen.load.textblocks import TextKind


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
    """The whole report in the order of its outline; reads nothing, writes nothing."""
    config, labels, texts = project.config, project.labels, project.texts
    numbering = Numbering()
    plan = chapter_plan(config, project.dataset)
    entries = outline_of(project, plan)
    by_goal = dict(plan)
    order = goals_in_order(entries, plan)
    metas = [project.dataset.indicators[i].meta for goal in order for i in by_goal[goal]]
    methods = (
        shared_methods(metas, labels.appendix.no_source) if Section.METHODS in entries else None
    )
    chapters: dict[str, Part] = {}
    uses = [TextUse("Vorwort", text_status(texts.foreword), file_of(texts.foreword))]
    for goal_id in order:  # figures and tables are numbered in the order of the outline
        chapter, chapter_uses = _chapter(project, goal_id, by_goal[goal_id], numbering, methods)
        chapters[goal_id] = chapter
        uses.extend(chapter_uses)
    main: list[Node] = []
    for entry in entries:
        match entry:
            case Section.FOREWORD:
                main.extend(_foreword(project))
            case Section.SUMMARY:
                summary, status = summary_part(project, list(chapters.values()))
                uses.append(TextUse(labels.outline.summary, status, file_of(texts.summary)))
                main.extend((summary,) if summary else ())
            case Section.METHODS:
                part = methods and preliminary_part(
                    methods, labels.outline.methods, labels.outline.methods_intro
                )
                main.extend((part,) if part else ())
            case Section.CHAPTERS:
                alone = {e.goal for e in entries if isinstance(e, GoalChapter)}
                main.extend(chapters[g] for g in order if g not in alone)
            case GoalChapter(goal=goal) if goal in chapters:
                main.append(chapters[goal])
            case FreeChapter(name=name) if name in texts.chapters:
                text = texts.chapters[name]
                uses.append(TextUse(f"Kapitel „{name}“", text_status(text), file_of(text)))
                part = free_chapter(project, text)
                main.extend((part,) if part else ())
            case Section.ANNEX:
                main[:] = with_appendix(project, plan, numbering, tuple(main))
    if config.link_terms and project.glossary.terms:
        main[:] = with_term_links(main, project.glossary.terms)
    meta = DocumentMeta(
        title=config.title,
        subject=config.subtitle,
        author=config.publisher,
        language="de",
        date=config.publication_date,
        keywords=(*labels.report.keywords, str(config.reporting_year)),
        draft_mark=draft_mark(labels, (use.status for use in uses)),
        web=web_words(labels),
        project=project_fingerprint(config),
        locked_title=locked_title(config, labels),
    )
    draft = bool(meta.draft_mark)
    front = (cover(project, draft), imprint(project), contents(labels, tuple(main)))
    return Report(Document(meta, (*front, *main)), tuple(uses))


def _foreword(project: Project) -> tuple[Part, ...]:
    text, words = project.texts.foreword, project.labels.report
    blocks = text_blocks(project, text) if text else ()
    if text is None or not blocks:
        return ()  # a foreword still to be written has no place in the report, not even a heading
    heading = Heading(1, words.foreword, anchor="vorwort")
    editable = editable_text(project.config, project.labels, TextKind.FOREWORD, "", text)
    part = editorial_part(
        Role.FOREWORD, blocks, text_status(text), project.labels, 2, heading, editable
    )
    return (part,)


def _chapter(
    project: Project,
    goal_id: str,
    indicator_ids: tuple[str, ...],
    numbering: Numbering,
    methods: SharedMethods | None,
) -> tuple[Part, list[TextUse]]:
    dataset, labels = project.dataset, project.labels
    intro_text = project.texts.goals.get(goal_id)
    uses = [
        TextUse(f"Einleitung Handlungsfeld {goal_id}", text_status(intro_text), file_of(intro_text))
    ]
    topics: dict[str, list[Node]] = {}
    for indicator_id in indicator_ids:
        indicator = dataset.indicators[indicator_id]
        composed = compose_indicator(project, indicator, numbering, methods)
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
        editable = editable_text(project.config, labels, TextKind.GOAL, goal_id, intro_text)
        status = text_status(intro_text)
        children.append(editorial_part(Role.INTRO, intro, status, labels, 2, editable=editable))
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
