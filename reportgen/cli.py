"""Command line (Typer): thin commands; every error ends in German lines, never a traceback.

Exit codes: 0 done; 1 an input problem (``ReportError``) or an internal error; 2 the command was
called wrongly (a usage error, Click's convention); 130 interrupted with Ctrl+C. The pipeline's
heavy modules (pandas, matplotlib, WeasyPrint) are imported inside the commands, so help pages
and usage errors answer at once.
"""

from __future__ import annotations

import errno
import time
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer._click.exceptions import ClickException

from reportgen.cli_german import HELP_OPTION_NAMES, GermanCommand, GermanGroup
from reportgen.errors import InvalidInput, Problem, ReportError, input_of

if TYPE_CHECKING:
    from rich.table import Table

    from reportgen.load.project import Project
    from reportgen.printing.preflight import Preflight
    from reportgen.printing.setup import PrintOverrides

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl+C
REPORT_BUG = (
    "Bitte melden Sie diesen Fehler an die Betreuer von reportgen (siehe README, Abschnitt "
    "„Fehler melden“) und legen Sie {} bei."
)
WITH_OUTPUT = "diese Ausgabe"
RUN_AGAIN = "die Ausgabe desselben Befehls mit --verbose (sie enthält den Traceback)"
# Option help names the choices; tests keep these in step with build.FORMATS and PROFILES.
FORMAT_NAMES = ("pdf", "docx", "druck")
PROFILE_NAMES = ("barrierefrei", "druck")

app = typer.Typer(
    name="reportgen",
    help="reportgen – Integrationsberichte aus Open-SDG-Indikatordaten erzeugen.",
    no_args_is_help=True,
    add_completion=False,
    cls=GermanGroup,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])


def command(name: str, summary: str) -> Callable[[F], F]:
    """Register a command (``summary`` is its line in the command list); errors end it cleanly."""

    def register(function: F) -> F:
        app.command(name, cls=GermanCommand, short_help=summary)(reports_errors(function))
        return function

    return register


def reports_errors(command: F) -> F:
    """Every way a command can fail ends in German lines and an exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidInput as exc:
            _print_problems(exc.problems)
            errors.print(f"[red]Abbruch:[/red] {exc.problem.message} Es wurde nichts geschrieben.")
            raise typer.Exit(1) from None
        except ReportError as exc:
            errors.print(f"[red]Fehler:[/red] {escape(str(exc.problem))}", soft_wrap=True)
            raise typer.Exit(1) from None
        except (typer.Exit, ClickException, BrokenPipeError):
            raise  # Typer ends these itself (a closed pipe quietly, with exit code 1)
        except typer.Abort:
            errors.print("[red]Abgebrochen.[/red]")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            errors.print("[red]Abgebrochen.[/red]")
            raise typer.Exit(INTERRUPTED) from None
        except Exception as exc:  # MemoryError and RecursionError included
            _report_unexpected(exc, verbose=bool(kwargs.get("verbose")))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _print_problems(problems: tuple[Problem, ...]) -> None:
    """Errors first, then warnings, then the known defects the project accepted."""
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.is_accepted)):
        style = "red" if problem.is_error else "cyan" if problem.is_accepted else "yellow"
        errors.print(
            f"[{style}]{problem.severity}:[/{style}] {escape(str(problem))}", soft_wrap=True
        )


def count(number: int, singular: str, plural: str) -> str:
    """``1 Warnung``, ``2 Warnungen``."""
    return f"{number} {singular if number == 1 else plural}"


def _summary(problems: tuple[Problem, ...], indicators: int | None = None) -> str:
    found = [
        count(sum(p.is_error for p in problems), "Fehler", "Fehler"),
        count(sum(not p.is_error and not p.is_accepted for p in problems), "Warnung", "Warnungen"),
    ]
    accepted = sum(p.is_accepted for p in problems)
    if accepted:
        found.append(count(accepted, "bekannter Datenfehler", "bekannte Datenfehler"))
    where = f" in {count(indicators, 'Indikator', 'Indikatoren')}" if indicators is not None else ""
    return ", ".join(found) + where + "."


def _accepted_line(accepted: int) -> str | None:
    if not accepted:
        return None
    return (
        f"[cyan]{count(accepted, 'bekannter Datenfehler', 'bekannte Datenfehler')} der "
        "veröffentlichten Daten akzeptiert[/cyan] (reportgen.yml, „bekannte_datenfehler“) – "
        "Details mit „reportgen check“."
    )


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


def _report_unexpected(exc: Exception, verbose: bool) -> None:
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
    errors.print(REPORT_BUG.format(WITH_OUTPUT if verbose else RUN_AGAIN), soft_wrap=True)


def _resource_hint(exc: Exception) -> str | None:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, (MemoryError, BrokenProcessPool)):
        return (
            "Vermutlich hat der Arbeitsspeicher nicht gereicht; weniger parallele Prozesse "
            "(--jobs 1) oder weniger Kreise (--region) helfen vielleicht."
        )
    return None


def _loaded(project_dir: Path | None) -> Project:
    """The project for check and list; an invalid reportgen.yml ends the command with all
    problems found (those of the data and texts too) and their count."""
    from reportgen.load.project import load_project

    try:
        return load_project(_project(project_dir))
    except InvalidInput as exc:
        _print_problems(exc.problems)
        errors.print(f"[red]{_summary(exc.problems)}[/red]")
        raise typer.Exit(1) from None


def _project(project_dir: Path | None) -> Path:
    from reportgen.resources import EXAMPLE_PROJECT

    return project_dir or EXAMPLE_PROJECT


ProjectArg = Annotated[
    Path | None,
    typer.Argument(
        metavar="PROJEKTORDNER",
        help="Projektordner mit reportgen.yml (Standard: das Beispielprojekt).",
        show_default=False,
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Bei einem internen Fehler den vollständigen Traceback ausgeben."
    ),
]
OutOption = Annotated[Path, typer.Option("--out", "-o", metavar="<Ordner>", help="Ausgabeordner.")]
ProfileOption = Annotated[
    list[str] | None,
    typer.Option(
        "--profile",
        metavar="<Profil>",
        help=f"Zusätzliches PDF-Profil, mehrfach möglich: {', '.join(PROFILE_NAMES)}. "
        "„druck“ schreibt das Druck-PDF (PDF/X-4) für die Druckerei neben das barrierefreie "
        "PDF, mit Preflight-Bericht.",
    ),
]
IccOption = Annotated[
    Path | None,
    typer.Option(
        "--icc-profil",
        metavar="<Datei>",
        help="Druck: CMYK-Ausgabeprofil der Druckerei (ICC-Datei). Standard: druck.icc_profil "
        "in reportgen.yml, sonst das Standardprofil des Systems.",
    ),
]
BleedOption = Annotated[
    float | None,
    typer.Option(
        "--beschnitt",
        min=1.0,
        max=10.0,
        metavar="<mm>",
        help="Druck: Beschnitt in mm (Standard: 3).",
    ),
]
MarksOption = Annotated[
    bool | None,
    typer.Option(
        "--schnittmarken/--ohne-schnittmarken",
        help="Druck: Schnittmarken außerhalb des Beschnitts (Standard: ohne).",
        show_default=False,
    ),
]
FourOption = Annotated[
    bool | None,
    typer.Option(
        "--vielfaches-von-vier/--kein-vielfaches-von-vier",
        help="Druck: Seitenzahl mit Leerseiten am Ende auf ein Vielfaches von vier auffüllen "
        "(Rückendrahtheftung; Standard: nein).",
        show_default=False,
    ),
]
RightOption = Annotated[
    bool | None,
    typer.Option(
        "--kapitel-rechts/--kapitel-fortlaufend",
        help="Druck: Kapitel (im Sammel-PDF: jeder Steckbrief) beginnen auf einer rechten "
        "Seite (Standard: ja).",
        show_default=False,
    ),
]


def _show_preflight(preflights: dict[Path, Preflight], overrides: PrintOverrides) -> None:
    from reportgen.build import preflight_path
    from reportgen.printing.setup import PrintOverrides

    for path, found in preflights.items():
        console.print("\n".join(found.lines(str(path))), soft_wrap=True, markup=False)
        console.print(f"Preflight-Bericht: {preflight_path(path)}", soft_wrap=True)
    if not preflights and overrides != PrintOverrides():
        console.print("[yellow]Hinweis:[/yellow] Druckoptionen wirken nur mit --profile druck.")


@command("build", "Bericht als barrierefreies PDF und DOCX erzeugen.")
def build_command(
    project_dir: ProjectArg = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="<Format>",
            help=f"Ausgabeformat, mehrfach möglich: {', '.join(FORMAT_NAMES)}."
            " Standard: wie in reportgen.yml.",
        ),
    ] = None,
    out: OutOption = Path("out"),
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Dauer jedes Arbeitsschritts ausgeben; bei einem internen Fehler den "
            "vollständigen Traceback.",
        ),
    ] = False,
    final: Annotated[
        bool, typer.Option("--final", help="Endfassung: nur wenn alle Texte freigegeben sind.")
    ] = False,
    profiles: ProfileOption = None,
    icc_profile: IccOption = None,
    bleed: BleedOption = None,
    crop_marks: MarksOption = None,
    pad_to_four: FourOption = None,
    chapters_right: RightOption = None,
) -> None:
    """Bericht erzeugen: barrierefreies PDF (PDF/UA-1) und DOCX.

    Mit --profile druck entsteht daneben das Druck-PDF (PDF/X-4) für die Druckerei. Alle
    Eingaben werden zuerst geprüft; bei einem Fehler wird nichts geschrieben."""
    from reportgen.build import build_report
    from reportgen.printing.setup import PrintOverrides

    started = time.perf_counter()
    overrides = PrintOverrides(icc_profile, bleed, crop_marks, pad_to_four, chapters_right)
    with console.status("Bericht wird erzeugt …") as status:

        def on_stage(name: str, seconds: float) -> None:
            status.update(f"{name} fertig – weiter …")
            if verbose:
                console.print(f"  {name}: {seconds:.1f} s")

        result = build_report(
            _project(project_dir), out, formats, on_stage, final, profiles or (), overrides
        )
    project = result.project
    if project and project.warnings:
        console.print(
            f"[yellow]{count(len(project.warnings), 'Warnung', 'Warnungen')}[/yellow] – "
            "Details mit „reportgen check“."
        )
    if project and (line := _accepted_line(len(project.accepted))):
        console.print(line, soft_wrap=True)
    if result.release:
        console.print(result.release.summary())
    for path in result.written:
        console.print(f"Geschrieben: {path}")
    _show_preflight(result.preflights, overrides)
    if verbose:
        console.print(f"Gesamtdauer: {time.perf_counter() - started:.1f} s")


@command("steckbriefe", "Steckbriefe für jeden Kreis erzeugen, dazu ein Sammel-PDF.")
def factsheets_command(
    project_dir: ProjectArg = None,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            "-r",
            metavar="<Kreis>",
            help="Kreis als Code (K03355) oder Name; mehrfach "
            "möglich. Standard: alle Kreise der Daten.",
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="<Format>",
            help="Ausgabeformat, mehrfach möglich: pdf, docx. Standard: beide.",
        ),
    ] = None,
    out: OutOption = Path("out"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="<Zahl>",
            help="Parallele Prozesse (Standard: alle Kerne).",
        ),
    ] = None,
    profiles: ProfileOption = None,
    icc_profile: IccOption = None,
    bleed: BleedOption = None,
    crop_marks: MarksOption = None,
    pad_to_four: FourOption = None,
    chapters_right: RightOption = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Bei internen Fehlern (auch einzelner Steckbriefe) den vollständigen "
            "Traceback ausgeben.",
        ),
    ] = False,
) -> None:
    """Steckbriefe (Faktenblätter) für jeden Kreis erzeugen, dazu ein Sammel-PDF.

    Mit --profile druck entsteht auch das Sammel-PDF für die Druckerei (PDF/X-4). Scheitert
    ein Kreis, entstehen alle anderen trotzdem; der Befehl endet dann mit Code 1."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from reportgen.batch import SheetResult, build_factsheets
    from reportgen.printing.setup import PrintOverrides

    overrides = PrintOverrides(icc_profile, bleed, crop_marks, pad_to_four, chapters_right)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("Daten werden geladen …", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total, description="Steckbriefe")

        def on_sheet(sheet: SheetResult) -> None:
            mark = "[red]✗[/red]" if sheet.error else "✓"
            progress.update(
                task, advance=1, description=f"Steckbriefe {mark} {sheet.district.code}"
            )

        result = build_factsheets(
            _project(project_dir),
            out,
            regions,
            formats,
            jobs,
            on_start,
            on_sheet,
            profiles or (),
            overrides,
        )
    done = len(result.sheets) - len(result.failed)
    console.print(
        f"{count(len(result.sheets), 'Steckbrief', 'Steckbriefe')} in {result.seconds:.1f} s: "
        f"{done} fertig, {len(result.failed)} fehlgeschlagen."
    )
    if line := _accepted_line(result.accepted):
        console.print(line, soft_wrap=True)
    if result.sheets:
        console.print(f"Ausgabe: {result.sheets[0].written[0].parent if done else out}")
    if result.combined:
        console.print(f"Sammel-PDF: {result.combined}")
    if result.combined_print and result.preflight:
        console.print(f"Sammel-PDF für die Druckerei: {result.combined_print}")
    _show_preflight(
        {result.combined_print: result.preflight}
        if result.combined_print and result.preflight
        else {},
        overrides,
    )
    _show_failed_sheets(
        [(f"{s.district.code} {s.district.name}", s.error) for s in result.failed], verbose
    )
    if result.failed:
        raise typer.Exit(1)


def _show_failed_sheets(failed: list[tuple[str, str | None]], verbose: bool) -> None:
    # A worker reports an internal error as its message plus the formatted traceback.
    internal = False
    for district, error in failed:
        message, marker, trace = (error or "").partition("\nTraceback (most recent call last):")
        errors.print(f"[red]Fehlgeschlagen:[/red] {district}: {escape(message)}", soft_wrap=True)
        internal = internal or bool(marker)
        if marker and verbose:
            errors.print(marker.strip() + trace, markup=False)
    if internal:
        errors.print(REPORT_BUG.format(WITH_OUTPUT if verbose else RUN_AGAIN), soft_wrap=True)


@command("check", "Daten, Texte und Konfiguration prüfen.")
def check_command(project_dir: ProjectArg = None, verbose: VerboseOption = False) -> None:
    """Daten, Texte und Konfiguration prüfen; alle Probleme auflisten.

    Jedes Problem nennt Datei, Zeile und Spalte. Der Befehl endet mit Code 1, wenn Fehler
    darunter sind; Warnungen halten nichts auf."""

    project = _loaded(project_dir)
    _print_problems(project.problems)
    summary = _summary(project.problems, len(project.dataset.indicators))
    if project.errors:
        errors.print(f"[red]{summary}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]Keine Fehler.[/green] {summary}")


@command("init", "Neues Berichtsprojekt anlegen.")
def init_command(
    project_dir: Annotated[
        Path, typer.Argument(metavar="PROJEKTORDNER", help="Neuer Projektordner.")
    ],
    data: Annotated[
        Path,
        typer.Option("--data", "-d", metavar="<Ordner>", help="Open-SDG-Datenordner."),
    ],
    verbose: VerboseOption = False,
) -> None:
    """Neues Berichtsprojekt anlegen: Konfiguration und ein Textbaustein je Handlungsfeld und
    Indikator (Status „entwurf“).

    Vorhandene Dateien werden nie überschrieben."""
    from reportgen.scaffold import init_project

    result = init_project(project_dir, data)
    console.print(
        f"{len(result.created)} Datei(en) angelegt, {len(result.skipped)} vorhandene "
        f"Datei(en) unverändert gelassen in {project_dir}.",
        soft_wrap=True,
    )
    for path in result.skipped:
        console.print(f"  vorhanden, nicht überschrieben: {path}", soft_wrap=True)
    console.print(f"Weiter: reportgen check {project_dir}", soft_wrap=True)


@command("vergleich", "Zwei Datenstände vergleichen (Fortschreibung).")
def compare_command(
    old: Annotated[Path, typer.Argument(metavar="ALT", help="Datenordner der letzten Ausgabe.")],
    new: Annotated[Path, typer.Argument(metavar="NEU", help="Datenordner der neuen Ausgabe.")],
    project_dir: Annotated[
        Path | None,
        typer.Option(
            "--projekt",
            "-p",
            metavar="<Ordner>",
            help="Projekt, dessen Textbausteine auf Erwähnungen "
            "geprüft werden (ohne Angabe: keine Texte).",
        ),
    ] = None,
    out: OutOption = Path("out"),
    verbose: VerboseOption = False,
) -> None:
    """Zwei Datenstände vergleichen (Fortschreibung).

    Neue und entfallene Indikatoren, neue Jahre, revidierte Werte, auffällige Veränderungen –
    mit den Texten, die sie erwähnen. Schreibt vergleich.md und vergleich.html."""
    from reportgen.build import write_atomically
    from reportgen.compare.editions import compare_data
    from reportgen.compare.render import render_html, render_markdown, summary_lines
    from reportgen.load.config import load_config

    texts = load_config(project_dir).texts_path if project_dir else None
    comparison = compare_data(old, new, texts)
    for line in summary_lines(comparison):
        console.print(line, soft_wrap=True)
    for name, content in (
        ("vergleich.md", render_markdown(comparison)),
        ("vergleich.html", render_html(comparison)),
    ):
        write_atomically(out / name, content.encode("utf-8"))
        console.print(f"Geschrieben: {out / name}")


@command("list", "Handlungsfelder und Indikatoren mit Zeiträumen anzeigen.")
def list_command(project_dir: ProjectArg = None, verbose: VerboseOption = False) -> None:
    """Handlungsfelder, Themen und Indikatoren mit Zeiträumen und Gebietsebenen anzeigen."""

    project = _loaded(project_dir)
    console.print(_overview(project))
    if project.errors:
        errors.print(
            f"[red]{count(len(project.errors), 'Fehler', 'Fehler')}[/red] – Details mit "
            "„reportgen check“."
        )


def _overview(project: Project) -> Table:
    from rich.table import Table

    from reportgen.compose.indicators import default_selection
    from reportgen.load.opensdg import LEVEL
    from reportgen.load.project import chapter_plan
    from reportgen.load.regions import Level

    level_names = {
        Level.LAND: "Land",
        Level.REGION: "Regionen",
        Level.DISTRICT: "Kreise",
        Level.PART: "Teilgebiete",
        Level.OTHER: "andere",
    }
    dataset = project.dataset
    table = Table(
        title=f"{project.config.title} – {len(dataset.indicators)} Indikatoren", show_lines=False
    )
    for column in ("Nr.", "Titel", "Zeitraum", "Gebietsebenen", "Datenstand"):
        table.add_column(column, overflow="fold")
    for goal_id, indicator_ids in chapter_plan(project.config, dataset):
        table.add_row(
            f"[bold]{goal_id}[/bold]", f"[bold]{dataset.goals[goal_id].title}[/bold]", "", "", ""
        )
        current_target = ""
        for indicator_id in indicator_ids:
            indicator = dataset.indicators[indicator_id]
            if indicator.meta.target != current_target:
                current_target = indicator.meta.target
                table.add_row(
                    current_target.replace("-", "."),
                    f"[italic]{dataset.targets[current_target].title}[/italic]",
                    "",
                    "",
                    "",
                )
            periods = default_selection(indicator).periods
            span = f"{periods[0]} – {periods[-1]} ({len(periods)})" if periods else "–"
            levels = [
                name
                for level, name in level_names.items()
                if (indicator.frame[LEVEL] == level).any()
            ]
            table.add_row(
                indicator.meta.number,
                project.config.indicator_titles.get(indicator_id, indicator.meta.title),
                span,
                ", ".join(levels) or "–",
                indicator.meta.vintage or "–",
            )
    return table
