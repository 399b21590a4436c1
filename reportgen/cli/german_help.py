"""German help pages and usage lines, drawn with Rich from the commands' own parameters."""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer.core import TyperArgument, TyperGroup, TyperOption

from reportgen.cli.german_names import describe_range, display_name, option_metavar, options
from reportgen.cli.vendored_click import Command, Context

OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."
_OPTION_IN_TEXT = r"(?<![\w-])--?[a-z][\w-]*"


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
    option_rows = [_option_row(p, ctx) for p in options(params)]
    for title, rows in (("Argumente", arguments), ("Optionen", option_rows)):
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
