"""The German frame around every command: the Click command classes that render usage line and
help pages themselves and turn each Click usage error into a German one.

Typer's vendored Click writes its frame in English with f-strings (no gettext), so the frame is
rebuilt from the commands' structure (german_help, german_names) and the errors' classes
(german_errors), never by rewriting English sentences.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup, TyperOption

from reportgen.cli.german_errors import (
    GermanUsageError,
    extra_arguments,
    german_usage_error,
    missing_command,
    unknown_command,
)
from reportgen.cli.german_help import print_help, usage_pieces
from reportgen.cli.vendored_click import (
    Command,
    Context,
    HelpFormatter,
    NoArgsIsHelpError,
    UsageError,
)

HELP_OPTION_TEXT = "Diese Hilfe anzeigen und beenden."
HELP_OPTION_NAMES = ["--help", "-h"]


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
            raise GermanUsageError(extra_arguments(rest), ctx)
        return rest


class GermanGroup(_GermanFrame, TyperGroup):
    """The program itself: German help, command list and usage errors."""

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        unknown = self.get_command(ctx, name) is None and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            raise GermanUsageError(unknown_command(name, self), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except GermanUsageError:
            raise
        except UsageError as exc:
            # The group's own remaining usage error: options but no command (`reportgen --`).
            if exc.ctx is None or exc.ctx is ctx:
                raise GermanUsageError(missing_command(self), ctx) from None
            raise german_usage_error(exc, exc.ctx) from None
