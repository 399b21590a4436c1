"""Click's usage errors said in German, built from each error's class and attributes (option,
parameter, the value Pydantic rejected), never by rewriting Click's English sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup

from reportgen.cli.german_names import (
    display_name,
    first_sentence,
    option_metavar,
    option_names,
    options,
    range_rule,
)
from reportgen.cli.vendored_click import (
    BadArgumentUsage,
    BadOptionUsage,
    Context,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    Parameter,
    UsageError,
)
from reportgen.errors import did_you_mean


class GermanUsageError(UsageError):
    """A usage error already said in German (exit code 2, like every Click usage error)."""

    def __init__(self, message: str, ctx: Context | None = None) -> None:
        super().__init__(message, ctx)
        _german_error_frame()  # Typer prints this error; give it German words around it


def german_usage_error(exc: UsageError, ctx: Context) -> UsageError:
    """The same usage error, said in German; errors already German pass unchanged."""
    if isinstance(exc, (GermanUsageError, NoArgsIsHelpError)):
        return exc
    message: str
    if isinstance(exc, MissingParameter):
        message = _missing_parameter(exc.param)
    elif isinstance(exc, typer.BadParameter):
        message = _bad_value(exc)
    elif isinstance(exc, NoSuchOption):
        message = _unknown_option(exc.option_name, ctx)
    elif isinstance(exc, BadOptionUsage):
        message = _bad_option_usage(exc.option_name, ctx)
    elif isinstance(exc, BadArgumentUsage):
        message = "Die Zahl der Argumente passt nicht zum Befehl."
    else:
        message = "Dieser Aufruf ist nicht möglich."
    return GermanUsageError(message, exc.ctx or ctx)


def _german_error_frame() -> None:
    """Typer's words around a usage error it prints (typer.rich_utils, imported only for an
    error: importing it at start would slow every help page)."""
    from typer import rich_utils

    rich_utils.ERRORS_PANEL_TITLE = "Fehler"
    rich_utils.ABORTED_TEXT = "Abgebrochen."
    rich_utils.RICH_HELP = "Hilfe: [blue]'{command_path} {help_option}'[/]"


def unknown_command(name: str, group: TyperGroup) -> str:
    message = f"Den Befehl „{name}“ gibt es nicht."
    suggestion = did_you_mean(name, group.commands, n=2, quoted=True)
    if suggestion:
        return f"{message} {suggestion}"
    message += f" Befehle: {', '.join(group.commands)}."
    if Path(name).is_dir():
        message += f" Der Projektordner steht hinter dem Befehl: „reportgen build {name}“."
    return message


def missing_command(group: TyperGroup) -> str:
    return f"Es fehlt ein Befehl: {', '.join(group.commands)}."


def extra_arguments(rest: Sequence[str]) -> str:
    quoted = ", ".join(f"„{arg}“" for arg in rest)
    noun = "Unerwartetes Argument" if len(rest) == 1 else "Unerwartete Argumente"
    return f"{noun} {quoted}. Pfade mit Leerzeichen in Anführungszeichen setzen."


def _unknown_option(name: str, ctx: Context) -> str:
    message = f"Die Option „{name}“ gibt es nicht."
    suggestion = did_you_mean(
        name, option_names(ctx.command.get_params(ctx)), n=2, cutoff=0.7, quoted=True
    )
    if suggestion:
        return f"{message} {suggestion}"
    root = ctx.find_root().command
    if not isinstance(root, TyperGroup):
        return message
    elsewhere = [
        command_name
        for command_name, command in root.commands.items()
        if name in option_names(command.params)
    ]
    if not elsewhere:
        return message
    if ctx.command is root:
        return (
            f"Optionen stehen hinter dem Befehl, z. B. „{ctx.command_path} {elsewhere[0]} {name}“."
        )
    return (
        f"Die Option „{name}“ gibt es bei „{ctx.command_path}“ nicht, nur bei: "
        f"{', '.join(elsewhere)}."
    )


def _bad_option_usage(name: str, ctx: Context) -> str:
    option = next(
        (p for p in options(ctx.command.get_params(ctx)) if name in option_names([p])),
        None,
    )
    if option is not None and (option.is_flag or option.count):
        return f"{name} nimmt keinen Wert an; geben Sie nur {name} an."
    example = f": {name} {option_metavar(option)}" if option is not None else ""
    return f"{name} braucht einen Wert{example}."


def _missing_parameter(param: Parameter | None) -> str:
    if param is None:
        return "Es fehlt eine Angabe."
    what = "Das Argument" if isinstance(param, TyperArgument) else "Die Option"
    description = first_sentence(getattr(param, "help", None))
    detail = f": {description}" if description else ""
    return f"{what} {display_name(param)} fehlt{detail}."


# Pydantic's error types (``ValidationError.errors()``), as Typer validates parameter values.
_RANGE_ERRORS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}
_WHOLE_NUMBER_ERRORS = {"int_parsing", "int_from_float", "int_type"}
_NUMBER_ERRORS = {"float_parsing", "float_type", "decimal_parsing"}
_BOOL_ERRORS = {"bool_parsing", "bool_type"}
# Typer's own path checks raise a BadParameter of this form (typer._param_types.coerce_cli_path).
_PATH_PROBLEM = re.compile(r"^(?:path|file|dir) '(?P<path>.*)' (?P<problem>[a-z ]+)\.$")
_PATH_PROBLEMS = {
    "does not exist": "gibt es nicht",
    "is a file": "ist eine Datei, gebraucht wird ein Ordner",
    "is a directory": "ist ein Ordner, gebraucht wird eine Datei",
    "is not readable": "ist nicht lesbar",
    "is not writable": "ist nicht beschreibbar",
}


def _bad_value(exc: typer.BadParameter) -> str:
    param = exc.param
    name = display_name(param) if param is not None else "ein Wert"
    error = _validation_error(exc)
    kind = error.get("type", "")
    value = str(error.get("input", ""))
    if kind in _RANGE_ERRORS and param is not None:
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        return f"{name} muss {range_rule(low, high)}, nicht {value}."
    if kind in _WHOLE_NUMBER_ERRORS:
        return f"{name} braucht eine ganze Zahl, nicht „{value}“."
    if kind in _NUMBER_ERRORS:
        hint = " Dezimalzahlen mit Punkt schreiben, z. B. 2.5." if "," in value else ""
        return f"{name} braucht eine Zahl, nicht „{value}“.{hint}"
    if kind in _BOOL_ERRORS:
        return f"{name} braucht true oder false, nicht „{value}“."
    choices = _choices(param)
    if kind == "value_error" and choices:
        return f"„{value}“ ist für {name} nicht möglich; erlaubt: {', '.join(choices)}."
    path_problem = _PATH_PROBLEM.match(exc.message)
    if path_problem and path_problem["problem"] in _PATH_PROBLEMS:
        return f"{name}: „{path_problem['path']}“ {_PATH_PROBLEMS[path_problem['problem']]}."
    if value:
        return f"„{value}“ ist kein gültiger Wert für {name}."
    return f"Der Wert für {name} ist ungültig."


def _validation_error(exc: typer.BadParameter) -> dict[str, Any]:
    """The first error Pydantic reported for the value, or an empty dict."""
    errors = getattr(exc.__cause__, "errors", None)
    if not callable(errors):
        return {}
    found = errors()
    return dict(found[0]) if found else {}


def _choices(param: Parameter | None) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) or ()
    return [str(getattr(choice, "value", choice)) for choice in choices]
