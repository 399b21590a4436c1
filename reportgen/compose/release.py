"""Release state of a report's texts: what is released, drafted, generated or missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.model import Report
from reportgen.load.project import Project
from reportgen.load.textblocks import TextBlock

STATUS_WORDS = {
    "freigegeben": "freigegeben",
    "entwurf": "Entwurf",
    "generiert": "automatisch erstellt",
    "fehlt": "fehlt",
}


@dataclass(frozen=True)
class TextState:
    label: str
    status: str
    path: Path | None


@dataclass(frozen=True)
class ReleaseState:
    texts: tuple[TextState, ...]

    def count(self, status: str) -> int:
        return sum(1 for text in self.texts if text.status == status)

    @property
    def unreleased(self) -> tuple[TextState, ...]:
        return tuple(text for text in self.texts if text.status != "freigegeben")

    def summary(self) -> str:
        return (
            f"Freigabestand der Texte: {self.count('freigegeben')} freigegeben, "
            f"{self.count('entwurf')} im Entwurf, {self.count('generiert')} automatisch "
            f"erstellt, {self.count('fehlt')} fehlen."
        )


def release_state(project: Project, report: Report) -> ReleaseState:
    texts = project.texts
    states = [
        _state(
            "Vorwort",
            texts.foreword.status if texts.foreword else "fehlt",
            texts.foreword.path if texts.foreword else None,
        )
    ]
    for chapter in report.chapters:
        intro = texts.goals.get(chapter.number)
        states.append(
            _state(
                f"Einleitung Handlungsfeld {chapter.number}",
                intro.status if intro else "fehlt",
                intro.path if intro else None,
            )
        )
    for block in report.indicator_blocks():
        text = texts.indicators.get(block.id)
        states.append(
            _state(
                f"Lese- und Interpretationshilfe {block.number}",
                block.interpretation.status,
                text.path if text else None,
            )
        )
    return ReleaseState(tuple(states))


def _state(label: str, status: str, path: Path | None) -> TextState:
    return TextState(label, status, path)


def _text_state(label: str, text: TextBlock | None) -> TextState:
    """An empty file (as ``reportgen init`` writes them) counts as missing."""
    if text is None or not text.body.strip():
        return TextState(label, "fehlt", text.path if text else None)
    return TextState(label, text.status, text.path)


def describe(text: TextState) -> str:
    where = f" ({text.path})" if text.path else ""
    return f"{text.label}: {STATUS_WORDS[text.status]}{where}"
