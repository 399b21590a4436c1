"""The German frame around every command: usage line, help pages and usage errors.

Typer's vendored Click writes its frame in English with f-strings (no gettext), so the frame is
rebuilt here from the commands' structure, never by rewriting English sentences: the command
classes below render usage and help themselves and turn each Click usage error into a German
one from its class and attributes (option, parameter, the value Pydantic rejected).
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

HELP_OPTION_TEXT = "Diese Hilfe anzeigen und beenden."
HELP_OPTION_NAMES = ["--help", "-h"]
OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."


class GermanUsageError(UsageError):
    """A usage error already said in German (exit code 2, like every Click usage error)."""

    def __init__(self, message: str, ctx: Context | None = None) -> None:
        super().__init__(message, ctx)
        _german_error_frame()  # Typer prints this error; give it German words around it


class _GermanFrame(Command):
    """What the command and the group share: usage line, help page, German usage errors."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
            # A boolean default skips Typer's Pydantic-based value check: help stays fast.
            option.default = False
        return option

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(usage_pieces(self, ctx)), "Aufruf: ")

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        print_help(self, ctx)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as exc:
            raise german_usage_error(exc, ctx) from None


class GermanCommand(_GermanFrame, TyperCommand):
    """A reportgen command: German help and usage errors."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # Click would fail on extra arguments with an English sentence; say it ourselves.
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            raise GermanUsageError(_extra_arguments(rest), ctx)
        return rest


class GermanGroup(_GermanFrame, TyperGroup):
    """The program itself: German help, command list and usage errors."""

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        unknown = self.get_command(ctx, name) is None and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            raise GermanUsageError(_unknown_command(name, self), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except GermanUsageError:
            raise
        except UsageError as exc:
            # The group's own remaining usage error: options but no command (`reportgen --`).
            if exc.ctx is None or exc.ctx is ctx:
                raise GermanUsageError(_missing_command(self), ctx) from None
            raise german_usage_error(exc, exc.ctx) from None


# --- usage errors -----------------------------------------------------------------------------


def german_usage_error(exc: UsageError, ctx: Context) -> UsageError:
    """The same usage error, said in German; errors already German pass unchanged."""
    if isinstance(exc, (GermanUsageError, NoArgsIsHelpError)):
        return exc
    message: str
    if isinstance(exc, MissingParameter):
        message = _missing_parameter(exc.param)
    elif isinstance(exc, BadParameter):
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


def _unknown_command(name: str, group: TyperGroup) -> str:
    message = f"Den Befehl „{name}“ gibt es nicht."
    suggestion = _did_you_mean(name, group.commands, cutoff=0.6)
    if suggestion:
        return f"{message} {suggestion}"
    message += f" Befehle: {', '.join(group.commands)}."
    if Path(name).is_dir():
        message += f" Der Projektordner steht hinter dem Befehl: „reportgen build {name}“."
    return message


def _missing_command(group: TyperGroup) -> str:
    return f"Es fehlt ein Befehl: {', '.join(group.commands)}."


def _unknown_option(name: str, ctx: Context) -> str:
    message = f"Die Option „{name}“ gibt es nicht."
    suggestion = _did_you_mean(name, _option_names(ctx.command.get_params(ctx)), cutoff=0.7)
    if suggestion:
        return f"{message} {suggestion}"
    root = ctx.find_root().command
    if not isinstance(root, TyperGroup):
        return message
    elsewhere = [
        command_name
        for command_name, command in root.commands.items()
        if name in _option_names(command.params)
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
        (p for p in _options(ctx.command.get_params(ctx)) if name in _option_names([p])),
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
    description = _first_sentence(getattr(param, "help", None))
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


def _bad_value(exc: BadParameter) -> str:
    param = exc.param
    name = display_name(param) if param is not None else "ein Wert"
    error = _validation_error(exc)
    kind = error.get("type", "")
    value = str(error.get("input", ""))
    if kind in _RANGE_ERRORS and param is not None:
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        return f"{name} muss {_range_rule(low, high)}, nicht {value}."
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


def _validation_error(exc: BadParameter) -> dict[str, Any]:
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


def _extra_arguments(rest: Sequence[str]) -> str:
    quoted = ", ".join(f"„{arg}“" for arg in rest)
    noun = "Unerwartetes Argument" if len(rest) == 1 else "Unerwartete Argumente"
    return f"{noun} {quoted}. Pfade mit Leerzeichen in Anführungszeichen setzen."


def _did_you_mean(word: str, candidates: Iterable[str], cutoff: float) -> str | None:
    matches = difflib.get_close_matches(word, list(candidates), n=2, cutoff=cutoff)
    if not matches:
        return None
    return "Meinten Sie " + " oder ".join(f"„{m}“" for m in matches) + "?"


# --- names, metavars, ranges ------------------------------------------------------------------


def _options(params: Iterable[Parameter]) -> list[TyperOption]:
    return [p for p in params if isinstance(p, TyperOption)]


def _option_names(params: Iterable[Parameter]) -> list[str]:
    return [name for p in _options(params) for name in (*p.opts, *p.secondary_opts)]


def display_name(param: Parameter) -> str:
    """How messages name a parameter: the long option, or the argument's German metavar."""
    if isinstance(param, TyperArgument):
        return param.metavar or param.name.upper()
    return next((o for o in param.opts if o.startswith("--")), param.opts[0])


def option_metavar(option: TyperOption) -> str:
    """The value placeholder of an option (``<Ordner>``); flags have none."""
    if option.is_flag or option.count:
        return ""
    return option.metavar or "<Wert>"


def describe_range(low: float | None, high: float | None) -> str | None:
    """``1 bis 10``, ``mindestens 1``, ``höchstens 10`` or None."""
    if low is not None and high is not None:
        return f"{_number(low)} bis {_number(high)}"
    if low is not None:
        return f"mindestens {_number(low)}"
    if high is not None:
        return f"höchstens {_number(high)}"
    return None


def _range_rule(low: float | None, high: float | None) -> str:
    """``zwischen 1 und 10 liegen``, ``mindestens 1 sein``, ``höchstens 10 sein``."""
    if low is not None and high is not None:
        return f"zwischen {_number(low)} und {_number(high)} liegen"
    return f"{describe_range(low, high) or 'gültig'} sein"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _first_sentence(text: str | None) -> str:
    return " ".join((text or "").split()).split(". ")[0].rstrip(".")


def usage_pieces(command: Command, ctx: Context) -> list[str]:
    """``[OPTIONEN] ALT NEU``: options, arguments (optional ones bracketed), required options."""
    pieces = [OPTIONS_METAVAR]
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = display_name(param) + ("..." if param.nargs != 1 else "")
            pieces.append(name if param.required else f"[{name}]")
        elif isinstance(param, TyperOption) and param.required:
            pieces.append(f"{display_name(param)} {option_metavar(param)}".strip())
    if isinstance(command, TyperGroup):
        pieces.append(SUBCOMMAND_METAVAR)
    return pieces


# --- help pages -------------------------------------------------------------------------------

_OPTION_IN_TEXT = r"(?<![\w-])--?[a-z][\w-]*"


def print_help(command: Command, ctx: Context) -> None:
    """The help page: usage, description, arguments, options and (for the program) commands."""
    console = Console(highlight=False)
    console.print(Padding(Text(command.get_usage(ctx), style="bold"), (1, 1, 1, 1)))
    paragraphs = _paragraphs(command.help)
    for index, paragraph in enumerate(paragraphs):
        text = Text(paragraph, style="" if index == 0 else "dim")
        console.print(Padding(text, (0, 1, 1, 1)))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [_argument_row(p, ctx) for p in params if isinstance(p, TyperArgument)]
    options = [_option_row(p, ctx) for p in _options(params)]
    for title, rows in (("Argumente", arguments), ("Optionen", options)):
        if rows:
            console.print(_panel(title, rows))
    if isinstance(command, TyperGroup):
        commands = [
            (name, sub)
            for name in command.list_commands(ctx)
            if (sub := command.get_command(ctx, name)) is not None and not sub.hidden
        ]
        rows = [
            [Text(name, style="bold cyan"), _highlighted(_summary(sub))] for name, sub in commands
        ]
        console.print(_panel("Befehle", rows))


def _paragraphs(help_text: str | None) -> list[str]:
    text = inspect.cleandoc(help_text or "").partition("\f")[0]
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _summary(command: Command) -> str:
    if command.short_help:
        return " ".join(command.short_help.split())
    paragraphs = _paragraphs(command.help)
    return paragraphs[0] if paragraphs else ""


def _argument_row(argument: TyperArgument, ctx: Context) -> list[Text]:
    return [Text(display_name(argument), style="bold cyan"), _help_cell(argument, ctx)]


def _option_row(option: TyperOption, ctx: Context) -> list[Text]:
    names = Text(", ".join(_long_first(option.opts)), style="bold cyan")
    if option.secondary_opts:
        names.append("\n" + ", ".join(_long_first(option.secondary_opts)), style="bold magenta")
    return [names, Text(option_metavar(option), style="yellow"), _help_cell(option, ctx)]


def _long_first(names: Sequence[str]) -> list[str]:
    return sorted(names, key=lambda name: (not name.startswith("--"), name))


def _help_cell(param: TyperArgument | TyperOption, ctx: Context) -> Text:
    cell = _highlighted(" ".join((param.help or "").split()))
    notes = []
    default = _default_text(param, ctx)
    if default:
        notes.append(f"[Standard: {default}]")
    allowed = describe_range(param.min, param.max)
    if allowed:
        notes.append(f"[{allowed}]")
    if param.required:
        notes.append("[erforderlich]")
    if notes:
        cell.append(" " + " ".join(notes), style="dim")
    return cell


def _default_text(param: TyperArgument | TyperOption, ctx: Context) -> str | None:
    if isinstance(param.show_default, str):
        return param.show_default
    if not param.show_default:
        return None
    default = param.get_default(ctx, call=False)
    if default is None or callable(default) or isinstance(default, bool):
        return None
    if isinstance(default, (list, tuple)):
        return ", ".join(str(d) for d in default) or None
    return str(getattr(default, "value", default))


def _highlighted(text: str) -> Text:
    result = Text(text)
    result.highlight_regex(_OPTION_IN_TEXT, "bold cyan")
    return result


def _panel(title: str, rows: Sequence[Sequence[Text]]) -> Panel:
    table = Table.grid(padding=(0, 2), expand=True)
    for _ in rows[0][:-1]:
        table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for row in rows:
        table.add_row(*row)
    return Panel(table, title=title, title_align="left", border_style="dim")
