"""``reportgen steckbriefe``: a fact sheet for each district in parallel, and the combined PDF;
one failed district does not stop the others."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from reportgen.cli.ending import print_bug_request
from reportgen.cli.options import (
    BleedOption,
    FourOption,
    IccOption,
    MarksOption,
    OutOption,
    ProfileOption,
    ProjectArg,
    RightOption,
    project_or_example,
)
from reportgen.cli.output import accepted_line, console, errors, show_preflight
from reportgen.errors import count

if TYPE_CHECKING:
    from reportgen.batch import BatchResult


def factsheets_command(
    project_dir: ProjectArg = None,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            "-r",
            metavar="<Kreis>",
            help="Kreis als Code (K03355), Schlüssel (03355, RH03355), Name (Lüneburg, "
            "„Emden, Stadt“, „Landkreis Lüneburg“, auch ohne Umlaute: Lueneburg) oder "
            "Dateiname des Steckbriefs (K03355_Lueneburg); Groß- und Kleinschreibung egal. "
            "Passt ein Name auf mehrere Kreise (Osnabrück), den Code oder den vollen Namen "
            "angeben. Mehrfach möglich. Standard: alle Kreise der Daten. Mit --region heißt "
            "das Sammel-PDF steckbriefe-auswahl.pdf (für einen Kreis entsteht keines, ein "
            "älteres wird entfernt); das Sammel-PDF aller Kreise bleibt unverändert.",
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

    from reportgen.batch import FactsheetRequest, SheetResult, build_factsheets
    from reportgen.printing.setup import PrintOverrides

    overrides = PrintOverrides(icc_profile, bleed, crop_marks, pad_to_four, chapters_right)
    request = FactsheetRequest(
        project_or_example(project_dir),
        out,
        tuple(regions or ()),
        tuple(formats or ()),
        tuple(profiles or ()),
        jobs,
        overrides,
    )
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

        result = build_factsheets(request, on_start, on_sheet)
    done = len(result.sheets) - len(result.failed)
    console.print(
        f"{count(len(result.sheets), 'Steckbrief', 'Steckbriefe')} in {result.seconds:.1f} s: "
        f"{done} fertig, {len(result.failed)} fehlgeschlagen."
    )
    if line := accepted_line(result.accepted):
        console.print(line, soft_wrap=True)
    if result.sheets:
        console.print(f"Ausgabe: {result.folder}")
    show_combined(result)
    show_preflight(result.preflights, overrides)
    show_failed_sheets(
        [(f"{s.district.code} {s.district.name}", s.error or "", s.trace) for s in result.failed],
        verbose,
    )
    if result.failed:
        raise typer.Exit(1)


def show_combined(result: BatchResult) -> None:
    """Which combined PDFs the run wrote; after a run for some districts (``--region``) also
    that the combination of all districts was left as it is."""
    single = result.partial and len(result.sheets) == 1
    pdfs = [path for sheet in result.sheets for path in sheet.written if path.suffix == ".pdf"]
    of = " der Auswahl" if result.partial else ""
    if result.combined:
        console.print(f"Sammel-PDF{of}: {result.combined}", soft_wrap=True)
    elif single and pdfs:
        console.print(
            f"Für einen einzelnen Kreis entsteht kein Sammel-PDF; sein Steckbrief: {pdfs[0]}",
            soft_wrap=True,
        )
    if result.combined_print:
        label = "Druck-PDF des Kreises" if single else f"Sammel-PDF{of}"
        console.print(f"{label} für die Druckerei: {result.combined_print}", soft_wrap=True)
    if not result.partial:
        return
    if result.removed:
        names = " und ".join(path.name for path in result.removed)
        console.print(f"Entfernt (von einer früheren Auswahl): {names}.", soft_wrap=True)
    if len(result.kept) > 1:
        kept = " und ".join(path.name for path in result.kept)
        text = f"Die Sammel-PDFs aller Kreise ({kept}) bleiben unverändert"
    elif result.kept:
        text = f"Das Sammel-PDF aller Kreise ({result.kept[0].name}) bleibt unverändert"
    else:
        text = "Es gibt noch kein Sammel-PDF aller Kreise"
    console.print(f"{text}; es entsteht nur ohne --region.", soft_wrap=True)


def show_failed_sheets(failed: Sequence[tuple[str, str, str | None]], verbose: bool) -> None:
    """One line per failed district (name, message, traceback of an internal error); the
    traceback only with --verbose."""
    for district, message, trace in failed:
        errors.print(f"[red]Fehlgeschlagen:[/red] {district}: {escape(message)}", soft_wrap=True)
        if trace and verbose:
            errors.print(trace.rstrip(), markup=False)
    if any(trace for _, _, trace in failed):
        print_bug_request(verbose)
