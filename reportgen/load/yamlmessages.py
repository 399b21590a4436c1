"""PyYAML's errors in German, at the line and column where the editor has to look.

PyYAML reports where its parser gave up, in English; an unclosed quote shows up many lines
later as a complaint about a colon. Here each kind of error is recognised (a quote that ran
on, a tab in the indentation, PyYAML's own English words) and explained in German by
``reportgen.load.yamltokens`` or ``reportgen.load.yamlstructure``, pointing at the place to fix
(the opening quote, the tab, the colon) with a hint. The parser is chosen here too: libyaml's
where installed, else PyYAML's pure-Python one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

import yaml
from yaml.constructor import ConstructorError
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

from reportgen.load import yamlstructure, yamltokens
from reportgen.load.yamlproblem import (
    Failure,
    YamlProblem,
    line_and_column,
    problem_at,
    start_of_line,
)


class YamlSource(Protocol):
    """What PyYAML's parsers (libyaml's and the pure-Python one) offer: tokens and events."""

    def check_token(self, *choices: Any) -> bool: ...
    def get_token(self) -> Any: ...
    def check_event(self, *choices: Any) -> bool: ...
    def peek_event(self) -> Any: ...
    def get_event(self) -> Any: ...
    def dispose(self) -> None: ...


class _PythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, for an installation without libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def _fastest_parser() -> Callable[[str], YamlSource]:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return _PythonParser
    return CParser


_PARSER = _fastest_parser()


def new_parser(text: str) -> YamlSource:
    """A parser for YAML text: libyaml's where installed, else the pure-Python one."""
    return _PARSER(text)


def translate_error(exc: yaml.YAMLError, text: str) -> YamlProblem:
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    if mark is None:
        return problem_at(
            text,
            0,
            "Die Datei ist kein lesbares YAML.",
            "Prüfen Sie Doppelpunkte, Einrückung, Anführungszeichen und Klammern.",
        )
    failure = Failure(
        text,
        f"{getattr(exc, 'context', None) or ''} / {getattr(exc, 'problem', None) or ''}",
        mark.index,
        context_mark.index if context_mark is not None else None,
    )
    if not isinstance(exc, ConstructorError):
        quote = _runaway_quote(failure)
        if quote is not None:
            return yamltokens.unclosed_quote(text, quote)
        tab = _indenting_tab(text, failure.index)
        if tab is not None:
            return problem_at(
                text,
                tab,
                "Zeile {0} ist mit einem Tabulatorzeichen eingerückt; YAML erlaubt zum Einrücken "
                "nur Leerzeichen.",
                "Ersetzen Sie die Tabulatoren durch Leerzeichen.",
            )
    for pattern, explain in _EXPLANATIONS:
        if pattern.search(failure.what):
            return explain(failure)
    return yamlstructure.broken_structure(failure)


_STRUCTURE_LINE = re.compile(r"\n[ \t]*(?:- |[^\s#'\"][^\n]*?:(?:[ \t]|\n|$))")


def _runaway_quote(failure: Failure) -> int | None:
    """Where a quoted value opens that ran on over following lines up to the failure, if any.

    The parser only fails where the quote is closed by another line's opening quote, often many
    lines later; a quoted value spanning lines that look like ``key: value`` is the real cause.
    """
    text, until = failure.text, failure.index
    if "quoted scalar" in failure.what and failure.context is not None:
        until = failure.context  # the failing quote may be where the runaway one ended
    until_line = line_and_column(text, until)[0]
    source = new_parser(text)
    try:
        while source.check_token():
            token = source.get_token()
            start, stop = token.start_mark.index, token.end_mark.index
            if start >= until:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in ('"', "'")
                and text.find("\n", start, stop) >= 0
                and line_and_column(text, stop)[0] == until_line
                and _STRUCTURE_LINE.search(text, start, stop)
            ):
                return int(start)
    except yaml.YAMLError:
        pass  # the scanner stops where it failed before; nothing earlier ran on
    finally:
        source.dispose()
    return None


def _indenting_tab(text: str, index: int) -> int | None:
    """The first tab in the indentation of the line at ``index``, if there is one."""
    start = start_of_line(text, index)
    end = start
    while text[end : end + 1] in (" ", "\t"):
        end += 1
    tab = text.find("\t", start, end)
    return tab if tab >= 0 else None


_EXPLANATIONS: tuple[tuple[re.Pattern[str], Callable[[Failure], YamlProblem]], ...] = (
    # matched against PyYAML's English context and problem, of libyaml and of the Python parser
    (
        re.compile(r"quoted scalar.*(end of stream|document (indicator|separator))"),
        yamltokens.quote_opens,
    ),
    (re.compile(r"\btag\b"), yamltokens.tag),
    (re.compile(r"escape|hexa?decimal|Unicode character"), yamltokens.escape),
    (re.compile(r"mapping values"), yamlstructure.colon),
    (re.compile(r"sequence entries"), yamlstructure.dash),
    (re.compile(r"expected ':'"), yamlstructure.missing_colon),
    (re.compile(r"unclosed '\['"), yamlstructure.unclosed_somewhere),
    (re.compile(r"node content"), yamltokens.missing_value),
    (re.compile(r"flow (sequence|mapping)"), yamlstructure.flow),
    (
        re.compile(r"block (mapping|collection|end)|expected key|'-' indicator"),
        yamlstructure.structure,
    ),
    (re.compile(r"document start"), yamlstructure.document),
    (re.compile(r"anchor|alias"), yamltokens.reference),
    (re.compile(r"cannot start any token"), yamltokens.bad_start),
    (re.compile(r"block scalar|indentation indicator"), yamltokens.block_scalar),
    (re.compile(r"directive|YAML document"), yamltokens.directive),
    (re.compile(r"unhashable"), yamlstructure.complex_key),
    (re.compile(r"merging"), yamlstructure.merge),
    (re.compile(r"end of stream"), yamlstructure.early_end),
)
