"""German explanations of PyYAML errors about structure: indentation, colons, dashes, brackets.

PyYAML names where its parser gave up; these point at the line whose indentation is off, the
colon inside a value, the bracket left open, with the lines to compare.
"""

from __future__ import annotations

import re

from reportgen.load.yamlproblem import (
    Failure,
    Said,
    YamlProblem,
    line_and_column,
    problem_at,
    shown,
    start_of_line,
)
from reportgen.load.yamltokens import tag


def colon(failure: Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    start = start_of_line(text, index)
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
        start = start_of_line(text, end)
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            return start
        end = start - 1
    return None


def dash(failure: Failure) -> YamlProblem:
    return problem_at(
        failure.text,
        failure.index,
        "„- “ mitten in der Zeile beginnt keinen Listeneintrag.",
        "Beginnen Sie jeden Listeneintrag in einer eigenen Zeile – oder setzen Sie den Wert in "
        "Anführungszeichen, wenn er mit „- “ beginnen soll.",
    )


def missing_colon(failure: Failure) -> YamlProblem:
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


def flow(failure: Failure) -> YamlProblem:
    text, opening = failure.text, failure.context
    if opening is None or text[opening : opening + 1] not in _BRACKETS:
        return broken_structure(failure)
    bracket = text[opening]
    name, name_dative, closing = _BRACKETS[bracket]
    if not text[failure.index :].strip() or closing not in text[opening:]:
        column = line_and_column(text, opening)[1]
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


def structure(failure: Failure) -> YamlProblem:
    """A block mapping or list met a line (or a rest of a line) that does not belong to it."""
    text, index = failure.text, failure.index
    start = start_of_line(text, index)
    if text[start:index].strip() and text[start:index].strip() != "-":
        return problem_at(
            text,
            index,
            "Nach dem Wert steht in derselben Zeile noch Text.",
            "Setzen Sie den ganzen Wert in Anführungszeichen; ein Apostroph in '…' wird "
            "verdoppelt ('').",
        )
    if failure.context is None:
        return broken_structure(failure)
    column = line_and_column(text, failure.context)[1]
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


def document(failure: Failure) -> YamlProblem:
    return problem_at(
        failure.text,
        failure.index,
        "Zeile {0} passt nicht zur Struktur darüber; vermutlich stehen Listeneinträge und "
        "Schlüssel auf derselben Ebene.",
        "Prüfen Sie die Einrückung von Zeile {0}: Einträge einer Liste beginnen alle mit „- “, "
        "Schlüssel einer Zuordnung alle ohne.",
    )


complex_key = Said(
    "Ein Schlüssel darf keine Liste und keine Zuordnung sein.",
    "Setzen Sie den Schlüssel in Anführungszeichen.",
)
merge = Said(
    "„<<“ übernimmt die Einträge einer anderen Zuordnung und verlangt einen Verweis darauf, "
    "etwa „<<: *vorgaben“.",
    "Setzen Sie den Schlüssel in Anführungszeichen, wenn „<<“ wörtlich gemeint ist.",
)
unclosed_somewhere = Said(
    "Vor Zeile {0} wird eine Klammer „[“ oder „{{“ nicht geschlossen, oder Zeile {0} ist zu "
    "wenig eingerückt.",
    "Prüfen Sie die Klammern in den Zeilen davor und die Einrückung von Zeile {0}.",
)
early_end = Said(
    "Die Datei endet mitten in einem Eintrag, der in Zeile {0} beginnt.",
    "Prüfen Sie Anführungszeichen und Klammern ab Zeile {0}.",
    at_start=True,
)


def broken_structure(failure: Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "!":
        return tag(failure)
    return problem_at(
        failure.text,
        failure.index,
        "Die YAML-Struktur ist an dieser Stelle fehlerhaft.",
        "Prüfen Sie in Zeile {0} Doppelpunkte, Einrückung, Anführungszeichen und Klammern.",
    )
