"""The parts an outline (``gliederung``) places besides the Handlungsfelder: the summary
("Das Wichtigste in Kürze"), free chapters from ``texte/kapitel/``, and the order of it all."""

from __future__ import annotations

from reportgen.compose.editable import editable_text
from reportgen.compose.editorial import editorial_part, plain, text_blocks, text_status
from reportgen.compose.model import (
    BulletList,
    Heading,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    Text,
    walk,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.model.text import plain_text
from reportgen.load.config_presentation import FreeChapter, GoalChapter, OutlineEntry, Section
from reportgen.load.project import ChapterPlan, Project
from reportgen.load.textblocks import TextBlock, TextKind

INTRODUCTION = "einleitung"
"""A free chapter of this name comes before the Handlungsfelder when no outline says where."""


def outline_of(project: Project, plan: ChapterPlan) -> tuple[OutlineEntry, ...]:
    """The configured outline, else the usual one: foreword, summary, introduction, methods,
    the Handlungsfelder, the other free chapters (by file name), annex."""
    if project.config.outline is not None:
        return project.config.outline
    chapters = project.texts.chapters
    others = tuple(FreeChapter(kapitel=name) for name in sorted(chapters) if name != INTRODUCTION)
    return (
        Section.FOREWORD,
        Section.SUMMARY,
        *((FreeChapter(kapitel=INTRODUCTION),) if INTRODUCTION in chapters else ()),
        Section.METHODS,
        Section.CHAPTERS,
        *others,
        Section.ANNEX,
    )


def goals_in_order(entries: tuple[OutlineEntry, ...], plan: ChapterPlan) -> list[str]:
    """The Handlungsfelder in the order the outline places them (``handlungsfelder`` takes
    every one of ``auswahl`` that is not placed on its own)."""
    planned = [goal for goal, _ in plan]
    alone = {e.goal for e in entries if isinstance(e, GoalChapter)}
    order: list[str] = []
    for entry in entries:
        if isinstance(entry, GoalChapter) and entry.goal in planned:
            order.append(entry.goal)
        elif entry == Section.CHAPTERS:
            order.extend(goal for goal in planned if goal not in alone)
    return order


def free_chapter(project: Project, text: TextBlock) -> Part | None:
    """A free chapter: its title (``titel`` in the head, else the file name) and its text."""
    blocks = text_blocks(project, text)
    if not blocks:
        return None
    title = text.title or text.key.replace("-", " ").replace("_", " ").capitalize()
    heading = Heading(1, title, anchor=f"kapitel-{text.key}")
    editable = editable_text(project.config, project.labels, TextKind.CHAPTER, text.key, text)
    status = text_status(text)
    return editorial_part(Role.CHAPTER, blocks, status, project.labels, 2, heading, editable)


def summary_part(project: Project, chapters: list[Part]) -> tuple[Part | None, TextStatus]:
    """ "Das Wichtigste in Kürze": the editors' text, else a draft made of the key statements
    (the first indicator of each topic), marked as generated."""
    words = project.labels.outline
    heading = Heading(1, words.summary, anchor="zusammenfassung")
    text = project.texts.summary
    editable = editable_text(project.config, project.labels, TextKind.SUMMARY, "", text)
    if text is not None:
        blocks = text_blocks(project, text)
        if blocks:
            status = text_status(text)
            part = editorial_part(
                Role.SUMMARY, blocks, status, project.labels, 2, heading, editable
            )
            return part, status
    drafted: list[Paragraph | BulletList] = []
    for chapter in chapters:
        title = next((n.text for n in chapter.children if isinstance(n, Heading)), "")
        statements = [
            _first_key_statement(topic)
            for topic in chapter.children
            if isinstance(topic, Part) and topic.role == Role.TOPIC
        ]
        found = tuple((Text(s),) for s in statements if s)
        if found:
            drafted.append(Paragraph((Strong((Text(title),)),)))
            drafted.append(BulletList(found))
    # the draft's explanation is the document's own; the statements are the editors' to revise
    status, note = TextStatus.GENERATED, (plain(words.summary_draft),)
    part = editorial_part(
        Role.SUMMARY, tuple(drafted), status, project.labels, 2, heading, editable, note
    )
    return part, TextStatus.GENERATED


def _first_key_statement(topic: Part) -> str:
    for node in walk(topic.children):
        if isinstance(node, Paragraph) and node.style == Style.KEY_STATEMENT:
            return plain_text(node.inlines)
    return ""
