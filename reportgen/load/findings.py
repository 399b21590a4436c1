"""The problems one file collects while it is read, each kind listed only so many times."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Location, Problem, Severity
from reportgen.load.defects import Rule

LISTED_PER_KIND = 10
"""How many lines of one kind of problem a file lists one by one before summing up the rest."""


class Findings:
    """Problems of one file, several lines of a kind summed up after the first few."""

    def __init__(self, path: Path, subject: str, problems: list[Problem]) -> None:
        self.path, self.subject, self.problems = path, subject, problems
        self._counts: dict[str, int] = {}

    def add(
        self,
        kind: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        severity: str = Severity.ERROR,
        rule: Rule | None = None,
    ) -> None:
        seen = self._counts.get(kind, 0)
        self._counts[kind] = seen + 1
        if seen < LISTED_PER_KIND:
            self.problems.append(
                Problem(
                    message,
                    Location(self.path, line, column),
                    hint,
                    severity,
                    rule,
                    self.subject if rule else None,
                )
            )

    def summarise(self, kind: str, what: str, severity: str = Severity.ERROR) -> None:
        rest = self._counts.get(kind, 0) - LISTED_PER_KIND
        if rest > 0:
            self.problems.append(
                Problem(
                    f"… und {rest} weitere Zeilen: {what}.", Location(self.path), severity=severity
                )
            )
