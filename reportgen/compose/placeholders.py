"""Figures in editorial text come from the data: ``{{ wert("1-2-2", "Lüneburg", 2024) }}``.

Editors write placeholders in Jinja syntax, but nothing is executed as a template: the text is
parsed with Jinja's sandboxed parser and only calls of the documented functions with literal
arguments are evaluated, by this module. Attribute access, filters, statements, variables and
anything else are refused with a message naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.compose.facts import FUNCTIONS, FactError, Facts, usage
from reportgen.errors import Location, did_you_mean
from reportgen.load.textblocks import TextBlock

_ENVIRONMENT = ImmutableSandboxedEnvironment(autoescape=False)
_ENVIRONMENT.filters.clear()
_ENVIRONMENT.tests.clear()
_ENVIRONMENT.globals.clear()


class PlaceholderError(Exception):
    """A placeholder that cannot be filled; ``line`` counts from the start of the body."""

    def __init__(
        self, message: str, line: int, hint: str | None = None, warning: bool = False
    ) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint
        self.warning = warning
        """Filled, but worth a look (e.g. a change across a break in the series)."""


# --- parsing and filling --------------------------------------------------------------------


@dataclass(frozen=True)
class FilledFigure:
    """Where a figure from the data stands in a filled body, and the placeholder it replaced."""

    start: int
    end: int
    placeholder: str
    """As the editor wrote it: ``{{ wert("1-2-2") }}``."""


class FilledBody(str):
    """A body with its placeholders filled: a ``str`` (what ``check`` stores and every reader
    of the filled texts takes), which also knows where each figure from the data stands, so
    that the DOCX can mark them and the Word round trip can give them back as placeholders."""

    figures: tuple[FilledFigure, ...]

    def __new__(cls, text: str, figures: tuple[FilledFigure, ...] = ()) -> FilledBody:
        body = super().__new__(cls, text)
        body.figures = figures
        return body

    def __reduce__(self) -> tuple[object, ...]:  # intact through a process pool
        return (FilledBody, (str(self), self.figures))


def fill_placeholders(body: str, facts: Facts) -> tuple[FilledBody | None, list[PlaceholderError]]:
    """The body with every placeholder replaced by its formatted value, and every placeholder
    that cannot be filled (not only the first, ordered by line; the text is then None) or was
    filled with a warning (``PlaceholderError.warning``; the text is kept).

    One pass: the body is parsed once and each call evaluated once.
    """
    found, errors = _outputs(body)
    parts: list[str] = []
    failed: list[PlaceholderError] = []
    spans = _expressions(body)
    paired = len(spans) == sum(not isinstance(node, nodes.TemplateData) for node in found)
    figures: list[FilledFigure] = []
    length, output = 0, 0
    for node in found:
        if isinstance(node, nodes.TemplateData):
            parts.append(node.data)
        elif isinstance(node, nodes.Const):
            parts.append(str(node.value))
            output += 1
        else:
            try:
                value = _call(node, facts)
            except PlaceholderError as exc:
                failed.append(exc)
                value = ""
            parts.append(value)
            if paired:  # a placeholder the scan could not pair with its call stays unmarked
                written = body[slice(*spans[output])]
                figures.append(FilledFigure(length, length + len(value), written))
            output += 1
            failed.extend(
                PlaceholderError(note.message, node.lineno, note.hint, warning=True)
                for note in facts.take_notes()
            )
        length += len(parts[-1])
    # the errors of reading come before those of filling on the same line
    errors = sorted([*errors, *failed], key=lambda error: error.line)
    fatal = any(not error.warning for error in errors)
    return (None if fatal else FilledBody("".join(parts), tuple(figures))), errors


def _expressions(body: str) -> list[tuple[int, int]]:
    """Character ranges of the ``{{ … }}`` in a body, in order: what Jinja reads as outputs
    (``}}`` inside a quoted argument does not end one; ``{# … #}`` is Jinja's comment)."""
    spans: list[tuple[int, int]] = []
    index = 0
    while (start := _next_tag(body, index)) != -1:
        if body.startswith("{#", start):
            end = body.find("#}", start + 2)
            index = len(body) if end == -1 else end + 2
            continue
        quote, position = "", start + 2
        while position < len(body):
            char = body[position]
            if quote:
                quote = "" if char == quote else quote
                position += 2 if char == "\\" else 1
                continue
            if char in "'\"":
                quote = char
            elif body.startswith("}}", position):
                break
            position += 1
        if position >= len(body):
            break
        spans.append((start, position + 2))
        index = position + 2
    return spans


def _next_tag(body: str, index: int) -> int:
    found = [i for i in (body.find("{{", index), body.find("{#", index)) if i != -1]
    return min(found, default=-1)


def placeholder_spans(body: str) -> list[tuple[int, int]]:
    """Character ranges of ``{{ … }}`` in a body (for the hand-typed number check)."""
    spans, start = [], body.find("{{")
    while start != -1:
        end = body.find("}}", start)
        if end == -1:
            break
        spans.append((start, end + 2))
        start = body.find("{{", end)
    return spans


def _outputs(body: str) -> tuple[list[nodes.Node], list[PlaceholderError]]:
    """The literal text and placeholder nodes of a body, and every node that is not allowed.

    A syntax error ends parsing: the rest of the body cannot be read, only that one is named.
    """
    try:
        template = _ENVIRONMENT.parse(body)
    except TemplateSyntaxError as exc:
        error = PlaceholderError(
            f"Platzhalter fehlerhaft: {_syntax_message(exc.message or '')}.",
            exc.lineno,
            'Schreiben Sie z. B. {{ wert("1-2-2", "Niedersachsen", 2024) }}.',
        )
        return [], [error]
    result: list[nodes.Node] = []
    errors: list[PlaceholderError] = []
    for statement in template.body:
        if not isinstance(statement, nodes.Output):
            errors.append(
                PlaceholderError(
                    "Im Text sind nur Platzhalter {{ … }} erlaubt, keine Anweisungen {% … %}.",
                    statement.lineno,
                )
            )
            continue
        for node in statement.nodes:
            try:
                _check(node)
            except PlaceholderError as exc:
                errors.append(exc)
                continue
            result.append(node)
    return result, errors


_SYNTAX_MESSAGES = (
    (r"(?<!un)expected '\)'", "die Klammer „)“ fehlt"),
    (r"(?<!un)expected '\]'", "die Klammer „]“ fehlt"),
    (r"Expected an expression", "im Platzhalter fehlt der Aufruf, z. B. wert(…)"),
    (r"unexpected end of template", "der Platzhalter wird nicht mit „}}“ geschlossen"),
    (r"unexpected char '(.)'", r"das Zeichen „\g<1>“ ist in Platzhaltern nicht erlaubt"),
    (r"unexpected '}'", "eine „}“ zu viel, oder „}}“ fehlt"),
    (r"unexpected '\)'", "eine Klammer „)“ zu viel"),
    (r"expected token ','", "zwischen zwei Angaben fehlt ein Komma"),
)


def _syntax_message(message: str) -> str:
    """Jinja's English parser message in German words (never passed on in English)."""
    for pattern, german in _SYNTAX_MESSAGES:
        if match := re.search(pattern, message):
            return match.expand(german)
    return "der Platzhalter ist unvollständig oder hat ein Zeichen zu viel"


def _check(node: nodes.Node) -> None:
    """Only literal text, literals and calls of a documented function with literal arguments."""
    if isinstance(node, nodes.TemplateData | nodes.Const):
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        if name not in FUNCTIONS:
            raise PlaceholderError(
                f"Unbekannte Funktion „{name}“.",
                node.lineno,
                did_you_mean(name, FUNCTIONS) or f"Erlaubt: {', '.join(FUNCTIONS)}.",
            )
        arguments = [*node.args, *(keyword.value for keyword in node.kwargs)]
        if (
            node.dyn_args
            or node.dyn_kwargs
            or not all(isinstance(a, nodes.Const) for a in arguments)
        ):
            raise PlaceholderError(
                f"Die Angaben in „{name}(…)“ müssen feste Werte sein "
                "(Text in Anführungszeichen oder Zahlen).",
                node.lineno,
            )
        return
    raise PlaceholderError(
        "Im Platzhalter ist nur der Aufruf einer dokumentierten Funktion "
        "erlaubt (kein Zugriff auf Attribute, Variablen oder Filter).",
        node.lineno,
        f"Erlaubt: {', '.join(FUNCTIONS)}.",
    )


def _call(node: nodes.Node, facts: Facts) -> str:
    assert isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
    function = FUNCTIONS[node.node.name]
    args: list[Any] = [a.value for a in node.args if isinstance(a, nodes.Const)]
    kwargs: dict[str, Any] = {
        k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)
    }
    try:
        return function(facts, *args, **kwargs)
    except FactError as problem:
        raise PlaceholderError(problem.message, node.lineno, problem.hint) from None
    except (TypeError, ValueError, LookupError, ArithmeticError) as exc:
        # literal arguments of the wrong kind (a list for a year, a number out of range …)
        raise PlaceholderError(
            f"„{node.node.name}“ mit falschen Angaben aufgerufen.",
            node.lineno,
            usage(node.node.name),
        ) from exc


def placeholder_location(text: TextBlock, error: PlaceholderError) -> Location:
    return Location(text.path, text.body_line + error.line - 1)
