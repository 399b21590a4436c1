"""The one door to Click as Typer vendors it (``typer._click``, private): the classes the German
frame extends and the usage errors it translates, which Typer does not export.

Typer's public names cover the rest (``typer.BadParameter``, ``typer.TyperException``,
``typer.Exit``, ``typer.Abort``, ``typer.core``); pyproject.toml pins Typer to the minor release
whose vendored Click these names were checked against.
"""

from __future__ import annotations

from typer._click import exceptions
from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter

__all__ = [
    "BadArgumentUsage",
    "BadOptionUsage",
    "Command",
    "Context",
    "HelpFormatter",
    "MissingParameter",
    "NoArgsIsHelpError",
    "NoSuchOption",
    "Parameter",
    "UsageError",
    "exceptions",
]
