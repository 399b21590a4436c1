"""The two consoles every command writes to, and the lines several commands print: problems,
their counts, accepted data defects and the preflight of a print PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from reportgen.errors import count

if TYPE_CHECKING:
    from reportgen.errors import Problem
    from reportgen.printing.preflight import Preflight
    from reportgen.printing.setup import PrintOverrides

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def print_problems(problems: tuple[Problem, ...]) -> None:
    """Errors first, then warnings, then the known defects the project accepted."""
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.is_accepted)):
        style = "red" if problem.is_error else "cyan" if problem.is_accepted else "yellow"
        errors.print(
            f"[{style}]{problem.severity}:[/{style}] {escape(str(problem))}", soft_wrap=True
        )


def problem_summary(problems: tuple[Problem, ...], indicators: int | None = None) -> str:
    """``2 Fehler, 1 Warnung in 40 Indikatoren.``"""
    found = [
        count(sum(p.is_error for p in problems), "Fehler", "Fehler"),
        count(sum(not p.is_error and not p.is_accepted for p in problems), "Warnung", "Warnungen"),
    ]
    accepted = sum(p.is_accepted for p in problems)
    if accepted:
        found.append(count(accepted, "bekannter Datenfehler", "bekannte Datenfehler"))
    where = f" in {count(indicators, 'Indikator', 'Indikatoren')}" if indicators is not None else ""
    return ", ".join(found) + where + "."


def accepted_line(accepted: int) -> str | None:
    """The reminder that a build went ahead despite known defects the project accepted."""
    if not accepted:
        return None
    return (
        f"[cyan]{count(accepted, 'bekannter Datenfehler', 'bekannte Datenfehler')} der "
        "veröffentlichten Daten akzeptiert[/cyan] (reportgen.yml, „bekannte_datenfehler“) – "
        "Details mit „reportgen check“."
    )


def show_preflight(preflights: dict[Path, Preflight], overrides: PrintOverrides) -> None:
    """Each print PDF's preflight result and report path; a hint if print options went unused."""
    from reportgen.outputs import preflight_path
    from reportgen.printing.setup import PrintOverrides

    for path, found in preflights.items():
        console.print("\n".join(found.lines(str(path))), soft_wrap=True, markup=False)
        console.print(f"Preflight-Bericht: {preflight_path(path)}", soft_wrap=True)
    if not preflights and overrides != PrintOverrides():
        console.print("[yellow]Hinweis:[/yellow] Druckoptionen wirken nur mit --profile druck.")
