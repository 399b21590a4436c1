"""German explanations of PyYAML errors about single marks: quotes, tags, escapes, anchors.

Each takes the reduced error (a :class:`Failure`) and returns the :class:`YamlProblem` a person
can act on, at the opening quote, the ``!``, the backslash or the character no value can start.
"""

from __future__ import annotations

import re

from reportgen.load.yamlproblem import (
    Failure,
    Said,
    YamlProblem,
    character_at,
    line_and_column,
    problem_at,
    shown,
    start_of_line,
)


def unclosed_quote(text: str, index: int) -> YamlProblem:
    column = line_and_column(text, index)[1]
    return problem_at(
        text,
        index,
        f"Das Anführungszeichen in Zeile {{0}}, Spalte {column} wird nicht geschlossen.",
        "Schließen Sie das Anführungszeichen aus Zeile {0}.",
    )


def quote_opens(failure: Failure) -> YamlProblem:
    return unclosed_quote(failure.text, failure.context or failure.index)


def tag(failure: Failure) -> YamlProblem:
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


def escape(failure: Failure) -> YamlProblem:
    text = failure.text
    backslash = text.rfind("\\", start_of_line(text, failure.index), failure.index + 1)
    index = backslash if backslash >= 0 else failure.index
    return problem_at(
        text,
        index,
        f"„{shown(text[index : index + 2])}“ ist im Text in doppelten Anführungszeichen keine "
        "gültige Escape-Sequenz.",
        "Schreiben Sie einen Rückstrich als „\\\\“ oder setzen Sie den Wert in einfache "
        "Anführungszeichen ('…').",
    )


def missing_value(failure: Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    if not text[index:].strip():
        return problem_at(
            text,
            index,
            "Die Datei endet, wo noch ein Wert erwartet wird.",
            "Ergänzen Sie den Wert oder entfernen Sie das unvollständige Ende.",
        )
    character = shown(character_at(text, index))
    return problem_at(
        text,
        index,
        f"Hier fehlt ein Wert; „{character}“ kann keinen Wert beginnen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll.",
    )


def reference(failure: Failure) -> YamlProblem:
    index = failure.context if failure.context is not None else failure.index
    character = shown(character_at(failure.text, index))
    return problem_at(
        failure.text,
        index,
        f"„{character}“ am Anfang eines Werts leitet in YAML einen Anker oder Verweis ein; "
        "danach müssen Buchstaben oder Ziffern folgen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll "
        "(etwa als Hervorhebung).",
    )


def bad_start(failure: Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "%":
        return directive(failure)
    character = shown(character_at(failure.text, failure.index))
    return problem_at(
        failure.text,
        failure.index,
        f"Ein Wert kann nicht mit „{character}“ beginnen.",
        "Setzen Sie den Wert in Anführungszeichen.",
    )


block_scalar = Said(
    "Nach „|“ oder „>“ darf in derselben Zeile nur eine Angabe wie „|-“ oder ein Kommentar stehen.",
    "Beginnen Sie den mehrzeiligen Text in der nächsten Zeile und rücken Sie ihn ein.",
)
directive = Said(
    "Eine Zeile, die mit „%“ beginnt, ist in YAML eine Anweisung (Direktive).",
    "Setzen Sie den Wert in Anführungszeichen oder entfernen Sie das „%“ am Zeilenanfang.",
    at_start=True,
)
