"""Release state of a report's texts: what is released, drafted, generated or missing."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose.model import TextStatus
from reportgen.compose.report import Report, TextUse

STATUS_WORDS = {
    TextStatus.RELEASED: "freigegeben",
    TextStatus.DRAFT: "Entwurf",
    TextStatus.GENERATED: "automatisch erstellt",
    TextStatus.MISSING: "fehlt",
}


@dataclass(frozen=True)
class ReleaseState:
    texts: tuple[TextUse, ...]

    def count(self, status: TextStatus) -> int:
        return sum(1 for text in self.texts if text.status == status)

    @property
    def unreleased(self) -> tuple[TextUse, ...]:
        return tuple(text for text in self.texts if text.status != TextStatus.RELEASED)

    def summary(self) -> str:
        return (
            f"Freigabestand der Texte: {self.count(TextStatus.RELEASED)} freigegeben, "
            f"{self.count(TextStatus.DRAFT)} im Entwurf, {self.count(TextStatus.GENERATED)} "
            f"automatisch erstellt, {self.count(TextStatus.MISSING)} fehlen."
        )


def release_state(report: Report) -> ReleaseState:
    return ReleaseState(report.texts)


def describe(text: TextUse) -> str:
    where = f" ({text.path})" if text.path else ""
    return f"{text.label}: {STATUS_WORDS[text.status]}{where}"
