"""A YAML problem: a German message at a line and column of the text, and how one is made.

An explanation (``reportgen.load.yamltokens``, ``reportgen.load.yamlstructure``) gets a PyYAML
error reduced to a :class:`Failure` and makes the problem with :func:`problem_at` or, for a
fixed text, as a :class:`Said`.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class YamlProblem(yaml.YAMLError):
    """YAML that cannot be read safely: a German message at a line and column of the text.

    ``message`` and ``hint`` may name lines of the text as ``{0}``, ``{1}``, … (numbers in
    ``lines``; ``{0}`` is ``line``); :meth:`message_at` and :meth:`hint_at` shift them for a
    text that starts further down its file, like front matter.
    """

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        hint: str | None = None,
        lines: tuple[int, ...] = (),
    ) -> None:
        super().__init__(message, line, column, hint, lines)
        self.template = message
        self.line = line
        self.column = column
        self.hint_template = hint
        self.lines = lines

    def message_at(self, first_line: int = 1) -> str:
        return self.template.format(*self._shifted(first_line))

    def hint_at(self, first_line: int = 1) -> str | None:
        if self.hint_template is None:
            return None
        return self.hint_template.format(*self._shifted(first_line))

    @property
    def message(self) -> str:
        return self.message_at()

    @property
    def hint(self) -> str | None:
        return self.hint_at()

    def _shifted(self, first_line: int) -> list[int]:
        return [line + first_line - 1 for line in self.lines]

    def __str__(self) -> str:
        text = f"Zeile {self.line}, Spalte {self.column}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text


@dataclass(frozen=True)
class Failure:
    """A PyYAML error, reduced to what the explanations need."""

    text: str
    what: str
    """PyYAML's context and problem (English), only for recognising the kind of error."""
    index: int
    """Where PyYAML noticed the problem."""
    context: int | None
    """Where the construct began that PyYAML was reading, if it says."""


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of a character of the text."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problem_at(text: str, index: int, message: str, hint: str | None, *others: int) -> YamlProblem:
    """A YamlProblem at ``index``; ``{0}`` in the texts is its line, ``{1}``… those of others."""
    line, column = line_and_column(text, index)
    lines = (line, *(line_and_column(text, other)[0] for other in others))
    return YamlProblem(message, line, column, hint, lines)


def shown(value: str, width: int = 40) -> str:
    """Text from the file for a message template: on one line, shortened, braces literal."""
    value = " ".join(value.split())
    if len(value) > width:
        value = value[: width - 1] + "…"
    return value.replace("{", "{{").replace("}", "}}")


def character_at(text: str, index: int) -> str:
    character = text[index : index + 1]
    return character if character.isprintable() else f"U+{ord(character or ' '):04X}"


def start_of_line(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


@dataclass(frozen=True)
class Said:
    """An explanation that is a fixed text, at the failure or where its construct began."""

    message: str
    hint: str
    at_start: bool = False

    def __call__(self, failure: Failure) -> YamlProblem:
        start = failure.context if self.at_start and failure.context is not None else None
        index = failure.index if start is None else start
        return problem_at(failure.text, index, self.message, self.hint)
