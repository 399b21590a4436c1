"""How each way a command can fail ends the program: German lines and an exit code, never a
traceback (unless asked for with --verbose).

Exit codes: 0 done; 1 an input problem (``ReportError``) or an internal error; 2 the command was
called wrongly (a usage error, Click's convention); 130 interrupted with Ctrl+C.
"""

from __future__ import annotations

import errno
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.markup import escape

from reportgen.cli.output import errors, print_problems
from reportgen.errors import InvalidInput, ReportError, input_of

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl+C
REPORT_BUG = (
    "Bitte melden Sie diesen Fehler an die Betreuer von reportgen (siehe README, Abschnitt "
    "„Fehler melden“) und legen Sie {} bei."
)
WITH_OUTPUT = "diese Ausgabe"
RUN_AGAIN = "die Ausgabe desselben Befehls mit --verbose (sie enthält den Traceback)"

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Every way a command can fail ends in German lines and an exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidInput as exc:
            print_problems(exc.problems)
            errors.print(f"[red]Abbruch:[/red] {exc.problem.message} Es wurde nichts geschrieben.")
            raise typer.Exit(1) from None
        except ReportError as exc:
            errors.print(f"[red]Fehler:[/red] {escape(str(exc.problem))}", soft_wrap=True)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.TyperException, BrokenPipeError):
            # Typer ends these itself: usage errors (TyperException is the public base of
            # Click's exceptions) with code 2, a closed pipe quietly with code 1.
            raise
        except typer.Abort:
            errors.print("[red]Abgebrochen.[/red]")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            errors.print("[red]Abgebrochen.[/red]")
            raise typer.Exit(INTERRUPTED) from None
        except Exception as exc:  # MemoryError and RecursionError included
            report_unexpected(exc, verbose=bool(kwargs.get("verbose")))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_bug_request(verbose: bool) -> None:
    """Ask for a bug report, with the traceback if this output does not hold it yet."""
    errors.print(REPORT_BUG.format(WITH_OUTPUT if verbose else RUN_AGAIN), soft_wrap=True)


# errno → what the user reads; these come from the machine, not from a bug in reportgen
_SYSTEM_REASONS = {
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOSPC: "kein Speicherplatz mehr frei",
    errno.EDQUOT: "Speicherkontingent erschöpft",
    errno.EROFS: "das Dateisystem ist schreibgeschützt",
    errno.ENOENT: "nicht gefunden",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "ist ein Ordner, keine Datei",
}


def report_unexpected(exc: Exception, verbose: bool) -> None:
    """An exception no domain error caught: say what and where, the traceback only on request."""
    if verbose:
        errors.print("".join(traceback.format_exception(exc)), markup=False, end="")
    where = input_of(exc)
    place = f" beim Verarbeiten von {where}" if where else ""
    if isinstance(exc, OSError) and exc.filename and exc.errno in _SYSTEM_REASONS:
        errors.print(
            f"[red]Fehler{escape(place)}:[/red] „{escape(str(exc.filename))}“: "
            f"{_SYSTEM_REASONS[exc.errno]}.",
            soft_wrap=True,
        )
        return
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    errors.print(f"[red]Interner Fehler{escape(place)}:[/red] {escape(message)}", soft_wrap=True)
    hint = _resource_hint(exc)
    if hint:
        errors.print(hint, soft_wrap=True)
    print_bug_request(verbose)


def _resource_hint(exc: Exception) -> str | None:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, (MemoryError, BrokenProcessPool)):
        return (
            "Vermutlich hat der Arbeitsspeicher nicht gereicht; weniger parallele Prozesse "
            "(--jobs 1) oder weniger Kreise (--region) helfen vielleicht."
        )
    return None
