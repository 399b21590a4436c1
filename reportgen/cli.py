"""Command line (Typer): thin commands; a ReportError becomes German lines and exit code 1."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from typer import rich_utils
from typer._click.core import Context  # the type Typer passes to its command classes
from typer.core import TyperGroup

from reportgen.batch import SheetResult, build_factsheets
from reportgen.build import FORMATS, build_report, preflight_path, write_atomically
from reportgen.config import EXAMPLE_PROJECT, load_config
from reportgen.errors import InvalidInput, Problem, ReportError
from reportgen.indicators import default_selection
from reportgen.opensdg import LEVEL
from reportgen.preflight import Preflight
from reportgen.print_setup import PrintOverrides
from reportgen.project import Project, chapter_plan, load_project
from reportgen.regions import Level
from reportgen.render_pdf import PROFILES

HELP_OPTION_TEXT = "Diese Hilfe anzeigen und beenden."

# Typer's help layout speaks English by default; users of this tool read German.
rich_utils.ARGUMENTS_PANEL_TITLE = "Argumente"
rich_utils.OPTIONS_PANEL_TITLE = "Optionen"
rich_utils.COMMANDS_PANEL_TITLE = "Befehle"
rich_utils.ERRORS_PANEL_TITLE = "Fehler"
rich_utils.ABORTED_TEXT = "Abgebrochen."
rich_utils.DEFAULT_STRING = "[Standard: {}]"
rich_utils.REQUIRED_LONG_STRING = "[erforderlich]"
rich_utils.RICH_HELP = "Hilfe: [blue]'{command_path} {help_option}'[/]"


class _GermanHelp(TyperGroup):
    """Gives the --help option of the program and of every command a German text."""

    def get_help_option(self, ctx: Context) -> Any:
        return _german(super().get_help_option(ctx))

    def get_command(self, ctx: Context, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _german(command.get_help_option(ctx))
        return command


def _german(option: Any) -> Any:
    if option is not None:
        option.help = HELP_OPTION_TEXT
    return option


app = typer.Typer(
    help="reportgen – Integrationsberichte aus Open-SDG-Indikatordaten erzeugen.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    cls=_GermanHelp,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

ProjectArg = Annotated[
    Path,
    typer.Argument(
        help="Projektordner mit reportgen.yml (Standard: das Beispielprojekt).", show_default=False
    ),
]
F = TypeVar("F", bound=Callable[..., Any])


def _print_problems(problems: tuple[Problem, ...]) -> None:
    for problem in sorted(problems, key=lambda p: not p.is_error):
        style = "red" if problem.is_error else "yellow"
        errors.print(f"[{style}]{problem.severity}:[/{style}] {problem}", soft_wrap=True)


def reports_errors(command: F) -> F:
    """Domain errors end the program with a German message and exit code 1, no traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidInput as exc:
            _print_problems(exc.problems)
            errors.print(f"[red]Abbruch:[/red] {exc.problem.message} Es wurde nichts geschrieben.")
            raise typer.Exit(1) from None
        except ReportError as exc:
            errors.print(f"[red]Fehler:[/red] {exc.problem}", soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


ProfileOption = Annotated[
    list[str] | None,
    typer.Option(
        "--profile",
        help=f"Zusätzliches PDF-Profil, mehrfach möglich: {', '.join(PROFILES)}. "
        "„druck“ schreibt das Druck-PDF (PDF/X-4) für die Druckerei neben das barrierefreie "
        "PDF, mit Preflight-Bericht.",
    ),
]
IccOption = Annotated[
    Path | None,
    typer.Option(
        "--icc-profil",
        help="Druck: CMYK-Ausgabeprofil der Druckerei (ICC-Datei). Standard: druck.icc_profil "
        "in reportgen.yml, sonst das Standardprofil des Systems.",
    ),
]
BleedOption = Annotated[
    float | None,
    typer.Option("--beschnitt", min=1.0, max=10.0, help="Druck: Beschnitt in mm (Standard: 3)."),
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
    for path, found in preflights.items():
        console.print("\n".join(found.lines(str(path))), soft_wrap=True, markup=False)
        console.print(f"Preflight-Bericht: {preflight_path(path)}", soft_wrap=True)
    if not preflights and overrides != PrintOverrides():
        console.print("[yellow]Hinweis:[/yellow] Druckoptionen wirken nur mit --profile druck.")


@app.command("build")
@reports_errors
def build_command(
    project_dir: ProjectArg = EXAMPLE_PROJECT,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Ausgabeformat, mehrfach möglich: {', '.join(FORMATS)}."
            " Standard: wie in reportgen.yml.",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Ausgabeordner.")] = Path("out"),
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Dauer jedes Arbeitsschritts ausgeben.")
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
    """Bericht erzeugen (barrierefreies PDF und DOCX; mit --profile druck auch das Druck-PDF)."""
    started = time.perf_counter()
    overrides = PrintOverrides(icc_profile, bleed, crop_marks, pad_to_four, chapters_right)
    with console.status("Bericht wird erzeugt …") as status:

        def on_stage(name: str, seconds: float) -> None:
            status.update(f"{name} fertig – weiter …")
            if verbose:
                console.print(f"  {name}: {seconds:.1f} s")

        result = build_report(project_dir, out, formats, on_stage, final, profiles or (), overrides)
    project = result.project
    if project and project.warnings:
        console.print(
            f"[yellow]{len(project.warnings)} Warnung(en)[/yellow] – Details mit „reportgen check“."
        )
    if result.release:
        console.print(result.release.summary())
    for path in result.written:
        console.print(f"Geschrieben: {path}")
    _show_preflight(result.preflights, overrides)
    if verbose:
        console.print(f"Gesamtdauer: {time.perf_counter() - started:.1f} s")


@app.command("steckbriefe")
@reports_errors
def factsheets_command(
    project_dir: ProjectArg = EXAMPLE_PROJECT,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            "-r",
            help="Kreis als Code (K03355) oder Name; mehrfach "
            "möglich. Standard: alle Kreise der Daten.",
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format", "-f", help="Ausgabeformat, mehrfach möglich: pdf, docx. Standard: beide."
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Ausgabeordner.")] = Path("out"),
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Parallele Prozesse (Standard: alle Kerne)."),
    ] = None,
    profiles: ProfileOption = None,
    icc_profile: IccOption = None,
    bleed: BleedOption = None,
    crop_marks: MarksOption = None,
    pad_to_four: FourOption = None,
    chapters_right: RightOption = None,
) -> None:
    """Steckbriefe (Faktenblätter) für jeden Kreis erzeugen, dazu ein Sammel-PDF; mit
    --profile druck auch das Sammel-PDF für die Druckerei (PDF/X-4)."""
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
            project_dir, out, regions, formats, jobs, on_start, on_sheet, profiles or (), overrides
        )
    done = len(result.sheets) - len(result.failed)
    console.print(
        f"{len(result.sheets)} Steckbriefe in {result.seconds:.1f} s: {done} fertig, "
        f"{len(result.failed)} fehlgeschlagen."
    )
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
    for sheet in result.failed:
        errors.print(
            f"[red]Fehlgeschlagen:[/red] {sheet.district.code} {sheet.district.name}: "
            f"{sheet.error}",
            soft_wrap=True,
        )
    if result.failed:
        raise typer.Exit(1)


@app.command("check")
@reports_errors
def check_command(project_dir: ProjectArg = EXAMPLE_PROJECT) -> None:
    """Daten, Texte und Konfiguration prüfen; alle Probleme auflisten."""
    project = load_project(project_dir)
    _print_problems(project.problems)
    summary = (
        f"{len(project.errors)} Fehler, {len(project.warnings)} Warnung(en) in "
        f"{len(project.dataset.indicators)} Indikatoren."
    )
    if project.errors:
        errors.print(f"[red]{summary}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]Keine Fehler.[/green] {summary}")


@app.command("init")
@reports_errors
def init_command(
    project_dir: Annotated[Path, typer.Argument(help="Neuer Projektordner.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Open-SDG-Datenordner.")],
) -> None:
    """Neues Berichtsprojekt anlegen: Konfiguration und ein Textbaustein je Handlungsfeld und
    Indikator (Status „entwurf“). Vorhandene Dateien werden nie überschrieben."""
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


@app.command("vergleich")
@reports_errors
def compare_command(
    old: Annotated[Path, typer.Argument(help="Datenordner der letzten Ausgabe.")],
    new: Annotated[Path, typer.Argument(help="Datenordner der neuen Ausgabe.")],
    project_dir: Annotated[
        Path | None,
        typer.Option(
            "--projekt",
            "-p",
            help="Projekt, dessen Textbausteine auf Erwähnungen "
            "geprüft werden (ohne Angabe: keine Texte).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Ausgabeordner.")] = Path("out"),
) -> None:
    """Zwei Datenstände vergleichen (Fortschreibung): neue und entfallene Indikatoren, neue
    Jahre, revidierte Werte, auffällige Veränderungen – mit den Texten, die sie erwähnen."""
    from reportgen.compare import compare_data
    from reportgen.render_comparison import render_html, render_markdown, summary_lines

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


@app.command("list")
@reports_errors
def list_command(project_dir: ProjectArg = EXAMPLE_PROJECT) -> None:
    """Handlungsfelder, Themen und Indikatoren mit Zeiträumen und Gebietsebenen anzeigen."""
    project = load_project(project_dir)
    console.print(_overview(project))
    if project.errors:
        errors.print(f"[red]{len(project.errors)} Fehler[/red] – Details mit „reportgen check“.")


_LEVEL_NAMES = {
    Level.LAND: "Land",
    Level.REGION: "Regionen",
    Level.DISTRICT: "Kreise",
    Level.PART: "Teilgebiete",
    Level.OTHER: "andere",
}


def _overview(project: Project) -> Table:
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
                for level, name in _LEVEL_NAMES.items()
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
