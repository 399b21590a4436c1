"""The texts' stage: every placeholder filled once (or named where it cannot be), and figures
typed by hand that match no value of the indicator (stale numbers from the last edition)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reportgen.compose.facts import Facts
from reportgen.compose.placeholders import (
    fill_placeholders,
    placeholder_location,
    placeholder_spans,
)
from reportgen.errors import Location, Problem, Severity
from reportgen.load.opensdg import VALUE, Indicator
from reportgen.load.project import Project
from reportgen.load.textblocks import TextBlock

# German numbers: 1.234.567 | 12,3 | 1.234,5 | 42 — not part of 1.2.2, dates or words
_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+)(?![\w.,]\d)")
_DATE_OR_NUMBERING = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{2,4})?|\d+\.\d+\.\d+")
_PERCENT_AFTER = re.compile(r"\s?(%|Prozent)")


def fill_texts(project: Project) -> tuple[dict[Path, str], list[Problem]]:
    """Each text block's body with its placeholders filled; every one that cannot be filled is
    a problem (the block is then left out of ``filled``)."""
    facts = Facts(project.dataset, project.config.targets, project.config)
    filled: dict[Path, str] = {}
    problems: list[Problem] = []
    for text in project.texts.all():
        body, errors = fill_placeholders(text.body, facts)
        problems.extend(
            Problem(
                error.message,
                placeholder_location(text, error),
                error.hint,
                Severity.WARNING if error.warning else Severity.ERROR,
            )
            for error in errors
        )
        if body is not None:
            filled[text.path] = body
    return filled, problems


def typed_number_problems(project: Project) -> list[Problem]:
    """Hand-typed figures in the indicators' texts that the data does not have."""
    indicators = project.dataset.indicators
    return [
        problem
        for key, text in project.texts.indicators.items()
        if key in indicators
        for problem in typed_numbers(text, indicators[key])
    ]


def typed_numbers(text: TextBlock, indicator: Indicator) -> list[Problem]:
    """Warnings for figures in a text that no value of its indicator rounds to.

    Years, dates, indicator numbers and small whole numbers (ages, "die 20 häufigsten")
    are not figures of the data and are left alone.
    """
    values = indicator.frame[VALUE].dropna().to_numpy(dtype=float)
    problems = []
    for figure in numbers_in_text(text.body):
        literal, number, decimals = figure.literal, figure.number, figure.decimals
        if _found(number, decimals, values):
            continue
        line = text.body_line + figure.line
        problems.append(
            Problem(
                f"Die Zahl „{literal}“ kommt in den Daten von Indikator {indicator.meta.number} "
                "nicht vor.",
                Location(text.path, line),
                f"Prüfen Sie sie oder schreiben Sie einen Platzhalter, z. B. "
                f'{{{{ wert("{indicator.id}") }}}}.',
                Severity.WARNING,
            )
        )
    return problems


@dataclass(frozen=True)
class NumberInText:
    """A number typed in a text that may be a figure of the data."""

    literal: str
    """As written: "1.234,5"."""
    number: float
    decimals: int
    line: int
    """Lines after the body's first."""


def numbers_in_text(body: str) -> Iterator[NumberInText]:
    """The numbers of a Markdown body that may be figures of the data: not inside a
    placeholder, no year, date, numbering or base ("je 100") and no small whole number that is
    not a percentage (ages, "die 20 häufigsten")."""
    body = _blank(body, placeholder_spans(body))
    body = _DATE_OR_NUMBERING.sub(lambda m: " " * len(m.group(0)), body)
    for match in _NUMBER.finditer(body):
        literal = match.group(1)
        number = float(literal.replace(".", "").replace(",", "."))
        decimals = len(literal.split(",")[1]) if "," in literal else 0
        percent = bool(_PERCENT_AFTER.match(body, match.end()))
        if not _not_a_figure(number, decimals, percent):
            yield NumberInText(literal, number, decimals, body.count("\n", 0, match.start()))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [" " if c != "\n" else c for c in chars[start:end]]
    return "".join(chars)


def _not_a_figure(number: float, decimals: int, percent: bool) -> bool:
    if decimals == 0 and (1900 <= number <= 2100 or number in (100, 1000)):
        return True  # a year, or a base such as "je 100" and "in 1.000"
    return decimals == 0 and number <= 100 and not percent


def _found(number: float, decimals: int, values: np.ndarray) -> bool:
    """Does any value of the data round to the typed number at its precision?"""
    if values.size == 0:
        return False
    tolerance = 0.5 * 10 ** (-decimals) + 1e-9
    candidates = np.abs(values)
    if bool((np.abs(candidates - number) <= tolerance).any()):
        return True
    # counts written in thousands ("96,4 Tsd.") or shares written from a fraction are rare
    return math.isclose(number, 0.0)
