"""Defects of published data that a project may accept explicitly, and how accepting works.

A defect that would change what is printed is an error. Some of them have one defined way of
going on (keep the first of two conflicting rows, leave out an indicator without metadata …);
for those a project can declare in ``reportgen.yml`` that it knows the defect and publishes
anyway::

    bekannte_datenfehler:
      - indikator: 2-1-5
        regel: widerspruechliche-zeilen
        zeilen: [13648]
        grund: Zeile 13648 wiederholt Zeile 13501 mit anderem Wert; LSN informiert.

Defects without a defined way of going on (a file that cannot be decoded, a quote that is not
closed, a value that is not a number) cannot be accepted: they must be fixed in the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Protocol

from reportgen.errors import InvalidInput, Problem, Severity


class Rule(StrEnum):
    """The defects a project may accept, by the name used in ``reportgen.yml``."""

    CONFLICTING_ROWS = "widerspruechliche-zeilen"
    AREA_CODE = "gebietscode"
    EXTRA_FIELDS = "ueberzaehlige-werte"
    DATA_WITHOUT_METADATA = "daten-ohne-metadaten"
    METADATA_WITHOUT_DATA = "metadaten-ohne-daten"
    EMPTY_TABLE = "leere-tabelle"
    UNKNOWN_FILE = "unbekannte-datei"
    MISSING_TRANSLATION = "uebersetzung-fehlt"
    IMPLAUSIBLE_VALUE = "unplausibler-wert"
    IDENTICAL_ROWS = "doppelte-zeilen"
    UNKNOWN_START_FIELD = "startwert-feld"


class Acceptance(Protocol):
    """One entry of ``bekannte_datenfehler`` (see ``reportgen.load.config.KnownDefect``)."""

    @property
    def rule(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def lines(self) -> tuple[int, ...] | None: ...
    @property
    def reason(self) -> str: ...


def accept_defects(
    problems: Iterable[Problem], accepted: Sequence[Acceptance]
) -> tuple[list[Problem], list[int]]:
    """Errors and warnings the project accepted become ``Akzeptiert``; returns the problems and
    the indexes of acceptances that matched nothing (stale entries to remove)."""
    used: set[int] = set()
    result = []
    for problem in problems:
        index = _matching(problem, accepted) if problem.rule and not problem.is_accepted else None
        if index is None:
            result.append(problem)
            continue
        used.add(index)
        result.append(
            replace(problem, severity=Severity.ACCEPTED, reason=accepted[index].reason, hint=None)
        )
    return result, [i for i in range(len(accepted)) if i not in used]


def refuse_unacceptable(problems: Sequence[Problem]) -> None:
    """Raise ``InvalidInput`` with all problems if an error has no rule: data that cannot be
    read. Errors with a rule do not stop reading; a project may accept them."""
    if any(p.is_error and not p.rule for p in problems):
        raise InvalidInput(problems)


def discarded_lines(accepted: Iterable[Acceptance]) -> dict[str, set[int]]:
    """Per indicator, the table lines declared wrong (one of two conflicting rows)."""
    lines: dict[str, set[int]] = {}
    for entry in accepted:
        if entry.rule == Rule.CONFLICTING_ROWS and entry.lines:
            lines.setdefault(entry.subject, set()).update(entry.lines)
    return lines


def _matching(problem: Problem, accepted: Sequence[Acceptance]) -> int | None:
    line = problem.location.line if problem.location else None
    for index, entry in enumerate(accepted):
        if entry.rule != problem.rule or entry.subject != problem.subject:
            continue
        if entry.lines is None or line in entry.lines:
            return index
    return None
