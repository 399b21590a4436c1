"""PyYAML's errors in German, at the line and column where the editor has to look.

PyYAML reports where its parser gave up, in English; an unclosed quote shows up many lines
later as a complaint about a colon. Here each kind of error is recognised and explained in
German, pointing at the place to fix (the opening quote, the tab, the colon) with a hint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from yaml.constructor import ConstructorError
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken


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


# --- German messages for PyYAML's errors ------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """A PyYAML error, reduced to what the explanations need."""

    text: str
    what: str
    """PyYAML's context and problem (English), only for recognising the kind of error."""
    index: int
    """Where PyYAML noticed the problem."""
    context: int | None
    """Where the construct began that PyYAML was reading, if it says."""


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of a character of the text."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problem_at(text: str, index: int, message: str, hint: str | None, *others: int) -> YamlProblem:
    """A YamlProblem at ``index``; ``{0}`` in the texts is its line, ``{1}``… those of others."""
    line, column = _position(text, index)
    lines = (line, *(_position(text, other)[0] for other in others))
    return YamlProblem(message, line, column, hint, lines)


def shown(value: str, width: int = 40) -> str:
    """Text from the file for a message template: on one line, shortened, braces literal."""
    value = " ".join(value.split())
    if len(value) > width:
        value = value[: width - 1] + "…"
    return value.replace("{", "{{").replace("}", "}}")


def _character(text: str, index: int) -> str:
    character = text[index : index + 1]
    return character if character.isprintable() else f"U+{ord(character or ' '):04X}"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


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
    failure = _Failure(
        text,
        f"{getattr(exc, 'context', None) or ''} / {getattr(exc, 'problem', None) or ''}",
        mark.index,
        context_mark.index if context_mark is not None else None,
    )
    if not isinstance(exc, ConstructorError):
        quote = _runaway_quote(failure)
        if quote is not None:
            return _unclosed_quote(text, quote)
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
    return _broken_structure(failure)


_STRUCTURE_LINE = re.compile(r"\n[ \t]*(?:- |[^\s#'\"][^\n]*?:(?:[ \t]|\n|$))")


def _runaway_quote(failure: _Failure) -> int | None:
    """Where a quoted value opens that ran on over following lines up to the failure, if any.

    The parser only fails where the quote is closed by another line's opening quote, often many
    lines later; a quoted value spanning lines that look like ``key: value`` is the real cause.
    """
    text, until = failure.text, failure.index
    if "quoted scalar" in failure.what and failure.context is not None:
        until = failure.context  # the failing quote may be where the runaway one ended
    until_line = _position(text, until)[0]
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
                and _position(text, stop)[0] == until_line
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
    start = _line_start(text, index)
    end = start
    while text[end : end + 1] in (" ", "\t"):
        end += 1
    tab = text.find("\t", start, end)
    return tab if tab >= 0 else None


def _unclosed_quote(text: str, index: int) -> YamlProblem:
    column = _position(text, index)[1]
    return problem_at(
        text,
        index,
        f"Das Anführungszeichen in Zeile {{0}}, Spalte {column} wird nicht geschlossen.",
        "Schließen Sie das Anführungszeichen aus Zeile {0}.",
    )


def _quote_opens(failure: _Failure) -> YamlProblem:
    return _unclosed_quote(failure.text, failure.context or failure.index)


def _tag(failure: _Failure) -> YamlProblem:
    text = failure.text
    marks = (failure.index, failure.context)
    index = next((i for i in marks if i is not None and text.startswith("!", i)), failure.index)
    tag = re.match(r"!\S*", text[index:])
    return problem_at(
        text,
        index,
        f"„{shown(tag.group() if tag else '!')}“ wird als YAML-Typangabe gelesen, die hier nicht "
        "erlaubt ist.",
        "Setzen Sie den Wert in Anführungszeichen, wenn er mit „!“ beginnen soll.",
    )


def _escape(failure: _Failure) -> YamlProblem:
    text = failure.text
    backslash = text.rfind("\\", _line_start(text, failure.index), failure.index + 1)
    index = backslash if backslash >= 0 else failure.index
    return problem_at(
        text,
        index,
        f"„{shown(text[index : index + 2])}“ ist im Text in doppelten Anführungszeichen keine "
        "gültige Escape-Sequenz.",
        "Schreiben Sie einen Rückstrich als „\\\\“ oder setzen Sie den Wert in einfache "
        "Anführungszeichen ('…').",
    )


def _colon(failure: _Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    start = _line_start(text, index)
    before = text[start:index]
    previous = _previous_content_line(text, start)
    if previous is not None and not re.search(r":(\s|$)", before):
        # the colon is this line's own: the line was read as the continuation of a value above
        key = shown(before.strip().removeprefix("- "))
        return problem_at(
            text,
            index,
            "Zeile {0} ist weiter eingerückt als die Schlüssel darüber und wird deshalb als "
            "Fortsetzung des Werts aus Zeile {1} gelesen.",
            f"Rücken Sie „{key}:“ so weit ein wie die Schlüssel derselben Ebene – oder setzen Sie "
            "einen mehrzeiligen Wert in Anführungszeichen.",
            previous,
        )
    hint = "Setzen Sie den Wert in Anführungszeichen."
    line = text[start : text.find("\n", index) if "\n" in text[index:] else len(text)]
    parts = re.match(r"\s*(?:- )?([^:#\"']+?):\s+([^\"#:][^\"#]*?)\s*$", line)
    if parts is not None and len(parts.group(2)) <= 60:
        hint = (
            f"Setzen Sie den Wert in Anführungszeichen: {shown(parts.group(1))}: "
            f'"{shown(parts.group(2), 60)}".'
        )
    return problem_at(
        text,
        index,
        "Im Wert steht ein Doppelpunkt mit Leerzeichen („: “); YAML liest ihn als neuen Schlüssel.",
        hint,
    )


def _previous_content_line(text: str, line_start: int) -> int | None:
    """The start of the nearest line above that holds more than a comment."""
    end = line_start - 1  # the line break ending the line above
    while end >= 0:
        start = _line_start(text, end)
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            return start
        end = start - 1
    return None


def _dash(failure: _Failure) -> YamlProblem:
    return problem_at(
        failure.text,
        failure.index,
        "„- “ mitten in der Zeile beginnt keinen Listeneintrag.",
        "Beginnen Sie jeden Listeneintrag in einer eigenen Zeile – oder setzen Sie den Wert in "
        "Anführungszeichen, wenn er mit „- “ beginnen soll.",
    )


def _missing_colon(failure: _Failure) -> YamlProblem:
    text = failure.text
    index = failure.context if failure.context is not None else failure.index
    end = text.find("\n", index)
    return problem_at(
        text,
        index,
        f"Nach „{shown(text[index : end if end >= 0 else len(text)])}“ fehlt der Doppelpunkt.",
        "Schreiben Sie „schlüssel: wert“ mit einem Leerzeichen nach dem Doppelpunkt; einen "
        "mehrzeiligen Wert rücken Sie ein oder setzen ihn in Anführungszeichen.",
    )


_BRACKETS = {"[": ("eckige", "eckigen", "]"), "{": ("geschweifte", "geschweiften", "}")}


def _flow(failure: _Failure) -> YamlProblem:
    text, opening = failure.text, failure.context
    if opening is None or text[opening : opening + 1] not in _BRACKETS:
        return _broken_structure(failure)
    bracket = text[opening]
    name, name_dative, closing = _BRACKETS[bracket]
    if not text[failure.index :].strip() or closing not in text[opening:]:
        column = _position(text, opening)[1]
        return problem_at(
            text,
            opening,
            f"Die {name} Klammer „{shown(bracket)}“ in Zeile {{0}}, Spalte {column} wird nicht "
            "geschlossen.",
            f"Schließen Sie die Klammer mit „{shown(closing)}“ – oder setzen Sie den Wert in "
            f"Anführungszeichen, wenn er mit „{shown(bracket)}“ beginnen soll.",
        )
    return problem_at(
        text,
        failure.index,
        f"In der {name_dative} Klammer aus Zeile {{1}} fehlt hier ein Komma.",
        "Trennen Sie die Einträge mit Kommas; Texte mit Sonderzeichen setzen Sie in "
        "Anführungszeichen.",
        opening,
    )


def _structure(failure: _Failure) -> YamlProblem:
    """A block mapping or list met a line (or a rest of a line) that does not belong to it."""
    text, index = failure.text, failure.index
    start = _line_start(text, index)
    if text[start:index].strip() and text[start:index].strip() != "-":
        return problem_at(
            text,
            index,
            "Nach dem Wert steht in derselben Zeile noch Text.",
            "Setzen Sie den ganzen Wert in Anführungszeichen; ein Apostroph in '…' wird "
            "verdoppelt ('').",
        )
    if failure.context is None:
        return _broken_structure(failure)
    column = _position(text, failure.context)[1]
    hint = (
        f"Listeneinträge derselben Ebene beginnen mit „- “ in Spalte {column} (wie in Zeile "
        "{1}); weitere Schlüssel eines Eintrags stehen genau unter seinem ersten."
        if text[failure.context : failure.context + 1] == "-"
        else f"Schlüssel derselben Ebene beginnen in Spalte {column} (wie in Zeile {{1}}); "
        f"Zeile {{0}} beginnt in Spalte {index - start + 1}."
    )
    return problem_at(
        text,
        index,
        "Die Einrückung von Zeile {0} passt nicht zu den Zeilen darüber.",
        hint,
        failure.context,
    )


def _document(failure: _Failure) -> YamlProblem:
    return problem_at(
        failure.text,
        failure.index,
        "Zeile {0} passt nicht zur Struktur darüber; vermutlich stehen Listeneinträge und "
        "Schlüssel auf derselben Ebene.",
        "Prüfen Sie die Einrückung von Zeile {0}: Einträge einer Liste beginnen alle mit „- “, "
        "Schlüssel einer Zuordnung alle ohne.",
    )


def _missing_value(failure: _Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    if not text[index:].strip():
        return problem_at(
            text,
            index,
            "Die Datei endet, wo noch ein Wert erwartet wird.",
            "Ergänzen Sie den Wert oder entfernen Sie das unvollständige Ende.",
        )
    character = shown(_character(text, index))
    return problem_at(
        text,
        index,
        f"Hier fehlt ein Wert; „{character}“ kann keinen Wert beginnen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll.",
    )


def _reference(failure: _Failure) -> YamlProblem:
    index = failure.context if failure.context is not None else failure.index
    character = shown(_character(failure.text, index))
    return problem_at(
        failure.text,
        index,
        f"„{character}“ am Anfang eines Werts leitet in YAML einen Anker oder Verweis ein; "
        "danach müssen Buchstaben oder Ziffern folgen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll "
        "(etwa als Hervorhebung).",
    )


def _bad_start(failure: _Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "%":
        return _directive(failure)
    character = shown(_character(failure.text, failure.index))
    return problem_at(
        failure.text,
        failure.index,
        f"Ein Wert kann nicht mit „{character}“ beginnen.",
        "Setzen Sie den Wert in Anführungszeichen.",
    )


@dataclass(frozen=True)
class _Said:
    """An explanation that is a fixed text, at the failure or where its construct began."""

    message: str
    hint: str
    at_start: bool = False

    def __call__(self, failure: _Failure) -> YamlProblem:
        start = failure.context if self.at_start and failure.context is not None else None
        index = failure.index if start is None else start
        return problem_at(failure.text, index, self.message, self.hint)


_block_scalar = _Said(
    "Nach „|“ oder „>“ darf in derselben Zeile nur eine Angabe wie „|-“ oder ein Kommentar stehen.",
    "Beginnen Sie den mehrzeiligen Text in der nächsten Zeile und rücken Sie ihn ein.",
)
_directive = _Said(
    "Eine Zeile, die mit „%“ beginnt, ist in YAML eine Anweisung (Direktive).",
    "Setzen Sie den Wert in Anführungszeichen oder entfernen Sie das „%“ am Zeilenanfang.",
    at_start=True,
)
_complex_key = _Said(
    "Ein Schlüssel darf keine Liste und keine Zuordnung sein.",
    "Setzen Sie den Schlüssel in Anführungszeichen.",
)
_merge = _Said(
    "„<<“ übernimmt die Einträge einer anderen Zuordnung und verlangt einen Verweis darauf, "
    "etwa „<<: *vorgaben“.",
    "Setzen Sie den Schlüssel in Anführungszeichen, wenn „<<“ wörtlich gemeint ist.",
)
_unclosed_somewhere = _Said(
    "Vor Zeile {0} wird eine Klammer „[“ oder „{{“ nicht geschlossen, oder Zeile {0} ist zu "
    "wenig eingerückt.",
    "Prüfen Sie die Klammern in den Zeilen davor und die Einrückung von Zeile {0}.",
)
_early_end = _Said(
    "Die Datei endet mitten in einem Eintrag, der in Zeile {0} beginnt.",
    "Prüfen Sie Anführungszeichen und Klammern ab Zeile {0}.",
    at_start=True,
)


def _broken_structure(failure: _Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "!":
        return _tag(failure)
    return problem_at(
        failure.text,
        failure.index,
        "Die YAML-Struktur ist an dieser Stelle fehlerhaft.",
        "Prüfen Sie in Zeile {0} Doppelpunkte, Einrückung, Anführungszeichen und Klammern.",
    )


_EXPLANATIONS: tuple[tuple[re.Pattern[str], Callable[[_Failure], YamlProblem]], ...] = (
    # matched against PyYAML's English context and problem, of libyaml and of the Python parser
    (re.compile(r"quoted scalar.*(end of stream|document (indicator|separator))"), _quote_opens),
    (re.compile(r"\btag\b"), _tag),
    (re.compile(r"escape|hexa?decimal|Unicode character"), _escape),
    (re.compile(r"mapping values"), _colon),
    (re.compile(r"sequence entries"), _dash),
    (re.compile(r"expected ':'"), _missing_colon),
    (re.compile(r"unclosed '\['"), _unclosed_somewhere),
    (re.compile(r"node content"), _missing_value),
    (re.compile(r"flow (sequence|mapping)"), _flow),
    (re.compile(r"block (mapping|collection|end)|expected key|'-' indicator"), _structure),
    (re.compile(r"document start"), _document),
    (re.compile(r"anchor|alias"), _reference),
    (re.compile(r"cannot start any token"), _bad_start),
    (re.compile(r"block scalar|indentation indicator"), _block_scalar),
    (re.compile(r"directive|YAML document"), _directive),
    (re.compile(r"unhashable"), _complex_key),
    (re.compile(r"merging"), _merge),
    (re.compile(r"end of stream"), _early_end),
)
