"""``reportgen check``, ``list`` and ``init``: a project folder checked, shown and created."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reportgen.cli.options import ProjectArg, VerboseOption, project_or_example
from reportgen.cli.output import console, errors, print_problems, problem_summary
from reportgen.errors import InvalidInput, count

if TYPE_CHECKING:
    from rich.table import Table

    from reportgen.load.project import Project


def check_command(project_dir: ProjectArg = None, verbose: VerboseOption = False) -> None:
    """Daten, Texte und Konfiguration prüfen; alle Probleme auflisten.

    Jedes Problem nennt Datei, Zeile und Spalte. Der Befehl endet mit Code 1, wenn Fehler
    darunter sind; Warnungen halten nichts auf."""

    project = _loaded(project_dir)
    print_problems(project.problems)
    summary = problem_summary(project.problems, len(project.dataset.indicators))
    if project.errors:
        errors.print(f"[red]{summary}[/red]")
        raise typer.Exit(1)
    console.print(f"[green]Keine Fehler.[/green] {summary}")


def list_command(project_dir: ProjectArg = None, verbose: VerboseOption = False) -> None:
    """Handlungsfelder, Themen und Indikatoren mit Zeiträumen und Gebietsebenen anzeigen."""

    project = _loaded(project_dir)
    console.print(_overview(project))
    if project.errors:
        errors.print(
            f"[red]{count(len(project.errors), 'Fehler', 'Fehler')}[/red] – Details mit "
            "„reportgen check“."
        )


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


def _loaded(project_dir: Path | None) -> Project:
    """The project for check and list; an invalid reportgen.yml ends the command with all
    problems found (those of the data and texts too) and their count."""
    from reportgen.check import prepare_project

    try:
        return prepare_project(project_or_example(project_dir))
    except InvalidInput as exc:
        print_problems(exc.problems)
        errors.print(f"[red]{problem_summary(exc.problems)}[/red]")
        raise typer.Exit(1) from None


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
