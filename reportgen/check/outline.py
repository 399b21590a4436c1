"""Checks of the report's outline (``gliederung``) and of the cross-references in the texts:
every part it names exists, and every ``#`` link of a text leads to a place in the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from reportgen.compose.references import internal_targets, target_anchor
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.errors import Location, Problem, Severity, did_you_mean
from reportgen.load.config_presentation import FreeChapter, GoalChapter
from reportgen.load.project import Project


def outline_problems(project: Project) -> list[Problem]:
    return [*_outline(project), *_references(project)]


def _outline(project: Project) -> Iterator[Problem]:
    config, texts = project.config, project.texts
    if config.outline is None:
        return
    named: Counter[str] = Counter()
    for index, entry in enumerate(config.outline):
        where = config.location("gliederung", index)
        if isinstance(entry, FreeChapter):
            named[f"kapitel {entry.name}"] += 1
            if entry.name not in texts.chapters:
                folder = config.texts_path / "kapitel"
                yield Problem(
                    f"Das Kapitel „{entry.name}“ gibt es nicht ({folder / entry.name}.md fehlt).",
                    where,
                    did_you_mean(entry.name, texts.chapters)
                    or "Legen Sie die Datei an oder nehmen Sie den Eintrag heraus.",
                )
        elif isinstance(entry, GoalChapter):
            named[f"handlungsfeld {entry.goal}"] += 1
            if entry.goal not in project.dataset.goals:
                yield Problem(
                    f"Handlungsfeld „{entry.goal}“ gibt es in den Daten nicht.",
                    where,
                    did_you_mean(entry.goal, project.dataset.goals),
                )
        else:
            named[str(entry)] += 1
    for name, count in named.items():
        if count > 1:
            yield Problem(
                f"„{name}“ steht {count}-mal in der Gliederung; jeder Teil erscheint einmal.",
                config.location("gliederung"),
            )
    placed = {e.name for e in config.outline if isinstance(e, FreeChapter)}
    for name, text in sorted(texts.chapters.items()):
        if name not in placed:
            yield Problem(
                f"Das Kapitel „{name}“ steht nicht in der Gliederung und erscheint nicht.",
                Location(text.path, 1, 1),
                f"Nehmen Sie „- kapitel: {name}“ in „gliederung“ auf.",
                Severity.WARNING,
            )


def _references(project: Project) -> Iterator[Problem]:
    """A ``#`` link that leads nowhere would print as a dead link: an error at its line."""
    chapters = set(project.texts.chapters)
    for text in project.texts.all():
        body = project.filled.get(text.path, text.body)
        for fragment in internal_targets(markdown_to_blocks(body)):
            if target_anchor(fragment, project.dataset, chapters) is not None:
                continue
            offset = text.body.find(f"]({fragment})")
            line = text.body_line + text.body.count("\n", 0, max(offset, 0))
            yield Problem(
                f"Der Verweis „{fragment}“ führt zu keiner Stelle des Berichts.",
                Location(text.path, line),
                "Verweisen Sie auf einen Indikator (#1-3-1), ein Handlungsfeld (#hf-2), ein "
                "Thema (#thema-1-2), ein Kapitel (#kapitel-einleitung) oder #zusammenfassung, "
                "#methoden, #anhang.",
            )
