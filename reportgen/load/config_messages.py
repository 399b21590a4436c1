"""Validation errors of ``reportgen.yml`` in German, at their line, with "Meinten Sie …?".

pydantic reports in English; editors read German. Every kind of error a configuration can
produce is said here in German words, from the error's type and context — never by passing
pydantic's English text on.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from reportgen.errors import Problem, did_you_mean
from reportgen.load.yamlfile import KeyPositions

_SIMPLE: dict[str, str] = {
    "missing": "fehlt",
    "string_type": "muss ein Text sein",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein (ohne Nachkommastellen)",
    "float_type": "muss eine Zahl sein (mit Dezimalpunkt, z. B. 2.5)",
    "float_parsing": "muss eine Zahl sein (mit Dezimalpunkt, z. B. 2.5)",
    "finite_number": "muss eine endliche Zahl sein",
    "bool_type": "muss true oder false sein",
    "bool_parsing": "muss true oder false sein",
    "date_type": "muss ein Datum sein (JJJJ-MM-TT, z. B. 2025-12-18)",
    "date_parsing": "muss ein Datum sein (JJJJ-MM-TT, z. B. 2025-12-18)",
    "date_from_datetime_parsing": "muss ein gültiges Datum sein (JJJJ-MM-TT, z. B. 2025-12-18)",
    "date_from_datetime_inexact": "muss ein Datum ohne Uhrzeit sein (JJJJ-MM-TT)",
    "dict_type": "muss aus Zeilen „schlüssel: wert“ bestehen",
    "model_type": "muss aus Zeilen „schlüssel: wert“ bestehen",
    "model_attributes_type": "muss aus Zeilen „schlüssel: wert“ bestehen",
    "list_type": "muss eine Liste sein (Zeilen mit „- “)",
    "tuple_type": "muss eine Liste sein (Zeilen mit „- “)",
    "path_type": "muss ein Dateipfad sein",
    "string_pattern_mismatch": "hat nicht die erwartete Form",
    "extra_forbidden": "ist unbekannt",
}


def config_problems(
    errors: Iterable[Any], root: type[BaseModel], positions: KeyPositions
) -> list[Problem]:
    """One German problem per pydantic error, at the line of the field, in file order."""
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        problems.append(
            Problem(
                f"Das Feld „{field_name(loc)}“ {_describe(error)}.",
                positions.location(loc),
                _hint(error, loc, root),
            )
        )
    return sorted(problems, key=lambda p: (p.location.line or 0) if p.location else 0)


def field_name(loc: Sequence[Any]) -> str:
    """``("zielwerte", 0, "wert")`` → ``zielwerte[1].wert`` (entries counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _describe(error: Any) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "value_error":
        return f"ist ungültig: {context.get('error', '')}"
    if kind in ("enum", "literal_error"):
        return f"muss einer dieser Werte sein: {_german_list(str(context.get('expected', '')))}"
    if kind in ("string_too_short", "too_short"):
        least = context.get("min_length", 1)
        if kind == "too_short":
            return f"braucht mindestens {least} Einträge"
        return "darf nicht leer sein" if least == 1 else f"braucht mindestens {least} Zeichen"
    if kind in ("string_too_long", "too_long"):
        return f"darf höchstens {context.get('max_length')} Zeichen bzw. Einträge haben"
    bounds = {
        "greater_than_equal": ("mindestens", "ge"),
        "greater_than": ("größer als", "gt"),
        "less_than_equal": ("höchstens", "le"),
        "less_than": ("kleiner als", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"muss {words} {_number(context.get(key))} sein"
    return _SIMPLE.get(kind, "ist ungültig")


def _german_list(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" → "a, b oder c"."""
    return expected.replace("'", "").replace(" or ", " oder ")


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _hint(error: Any, loc: tuple[Any, ...], root: type[BaseModel]) -> str | None:
    if error["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
        known = _aliases(_model_at(root, loc[:-1]))
        return did_you_mean(loc[-1], known) or (
            f"Möglich sind: {', '.join(sorted(known))}." if known else None
        )
    if error["type"] == "string_pattern_mismatch" and loc and loc[-1] in ("indikator",):
        return "Indikatoren werden mit Bindestrichen geschrieben, z. B. 1-2-2 oder 4-1."
    if error["type"] in ("enum", "literal_error") and isinstance(error.get("input"), str):
        expected = _german_list(str((error.get("ctx") or {}).get("expected", ""))).split(", ")
        candidates = [part for item in expected for part in item.split(" oder ")]
        return did_you_mean(error["input"], candidates)
    return None


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the fields at ``loc`` (names are the aliases)."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
        )
        model = _model_in(field.annotation) if field is not None else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside an annotation such as ``tuple[Item, ...] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None


def _aliases(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items() if not field.exclude]
