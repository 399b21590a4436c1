"""Domain errors: each knows where the problem is and says it in German for the user."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem sits in an input file (line and column are 1-based)."""

    path: Path
    line: int | None = None
    column: int | str | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f", Zeile {self.line}"
        if self.column is not None:
            text += f", Spalte {self.column}"
        return text


class Severity(StrEnum):
    """How a finding ends: an error stops the build, a warning does not; a known defect of the
    published data that the project accepted in ``reportgen.yml`` is listed, not fatal."""

    ERROR = "Fehler"
    WARNING = "Warnung"
    ACCEPTED = "Akzeptiert"


@dataclass(frozen=True)
class Problem:
    """One finding of validation; an error stops the build, a warning does not."""

    message: str
    location: Location | None = None
    hint: str | None = None
    severity: str = Severity.ERROR
    rule: str | None = None
    """The defect rule (``reportgen.load.defects.Rule``) a project may accept, if any."""
    subject: str | None = None
    """What the rule applies to: an indicator id, or a file of the data folder."""
    reason: str | None = None
    """Why the project accepted the defect (set with severity ``Akzeptiert``)."""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" {self.hint}"
        if self.reason:
            text += f" Akzeptiert in reportgen.yml: {self.reason}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def is_accepted(self) -> bool:
        return self.severity == Severity.ACCEPTED


class ReportError(Exception):
    """An input or environment problem the user can fix; the CLI prints it without traceback."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        self.problem = Problem(message, location, hint)
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[object, ...]:
        # errors raised in a worker process must arrive intact in the parent
        return (type(self), (self.problem.message, self.problem.location, self.problem.hint))


class ConfigError(ReportError):
    """The report configuration is missing, malformed or inconsistent."""


class DataError(ReportError):
    """An indicator CSV cannot be read or holds invalid values."""


class ContentError(ReportError):
    """An editorial text block is broken or refers to something unknown."""


class InputFileError(ReportError):
    """An input file cannot be read as text: missing, too large, not UTF-8 or not text at all."""


class RenderError(ReportError):
    """An output could not be produced correctly (e.g. a PDF/UA error from WeasyPrint)."""


class InvalidInput(ReportError):
    """Several problems at once, as collected by validation."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        count = sum(1 for p in self.problems if p.is_error)
        super().__init__(f"Die Eingaben enthalten {count} Fehler.")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


def did_you_mean(
    word: str,
    candidates: Iterable[str],
    n: int = 3,
    cutoff: float = 0.6,
    quoted: bool = False,
) -> str | None:
    """A German "Meinten Sie …?" hint for up to ``n`` near misses (``quoted``: each in „…“),
    or None."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=n, cutoff=cutoff)
    if not matches:
        return None
    if quoted:
        matches = [f"„{match}“" for match in matches]
    return "Meinten Sie " + " oder ".join(matches) + "?"


def count(number: int, singular: str, plural: str) -> str:
    """A number with its noun for German messages: ``1 Warnung``, ``2 Warnungen``."""
    return f"{number} {singular if number == 1 else plural}"


# --- what is being worked on, for messages about unexpected errors --------------------------

_INPUT_ATTRIBUTE = "reportgen_input"


@contextmanager
def working_on(what: str | Path) -> Iterator[None]:
    """Mark an unexpected exception leaving this block with the input being processed.

    The innermost block wins, so the CLI can say which file (or output) the tool was busy with
    when a genuine bug surfaced. Domain errors (``ReportError``) say that themselves.
    """
    try:
        yield
    except ReportError:
        raise
    except BaseException as exc:
        if input_of(exc) is None:
            with suppress(AttributeError, TypeError):  # exceptions without a __dict__
                setattr(exc, _INPUT_ATTRIBUTE, str(what))
        raise


def input_of(exc: BaseException) -> str | None:
    """The input an unexpected exception was raised for, if a ``working_on`` block knew it."""
    value = getattr(exc, _INPUT_ATTRIBUTE, None)
    return value if isinstance(value, str) else None
