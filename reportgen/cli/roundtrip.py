"""``reportgen uebernehmen``: the revisions editors made in the Word document back into the
project's Markdown text blocks (``reportgen.roundtrip``); all files or none are written."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from reportgen.cli.options import ProjectArg, VerboseOption, project_or_example
from reportgen.cli.output import console, errors


class StatusChoice(StrEnum):
    """``--status``: what the head of a revised text says afterwards."""

    DRAFT = "entwurf"
    RELEASED = "freigegeben"
    KEPT = "unveraendert"


def takeover_command(
    word: Annotated[
        Path,
        typer.Argument(
            metavar="DOCX",
            help="Das in Word (oder LibreOffice) bearbeitete Word-Dokument des Berichts oder "
            "eines Steckbriefs.",
            show_default=False,
        ),
    ],
    project_dir: ProjectArg = None,
    accept: Annotated[
        bool,
        typer.Option(
            "--angenommen",
            help="Noch nicht angenommene Änderungen (Überarbeiten) so übernehmen, als wären "
            "sie angenommen, und offene Kommentare übergehen; beides wird aufgelistet. Ohne "
            "diese Option wird dann nichts übernommen.",
        ),
    ] = False,
    status: Annotated[
        StatusChoice,
        typer.Option(
            "--status",
            metavar="<Status>",
            help="Status im Kopf jedes geänderten Textes: entwurf, freigegeben oder "
            "unveraendert (wie er war).",
        ),
    ] = StatusChoice.DRAFT,
    diff: Annotated[
        Path | None,
        typer.Option(
            "--diff",
            metavar="<Datei>",
            help="Eine lesbare Übersicht der Änderungen schreiben (vorher – nachher), als "
            "Markdown (.md) oder Webseite (.html); bei einem Konflikt mit der Word-Fassung "
            "neben der Datei.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--nur-anzeigen", help="Nichts schreiben, nur zeigen, was sich ändert."),
    ] = False,
    verbose: VerboseOption = False,
) -> None:
    """Änderungen aus dem Word-Dokument in die Textbausteine übernehmen.

    Jeder Text, den die Redaktion im DOCX geändert hat, wird als Markdown in seine Datei
    zurückgeschrieben (Status „entwurf“, Autor und Datum aus dem DOCX); unveränderte Texte
    bleiben unberührt. Nichts wird geschrieben, solange im DOCX noch nicht angenommene
    Änderungen oder offene Kommentare in einem Text stehen, das DOCX aus einem anderen Projekt
    stammt oder ein Text zugleich in seiner Markdown-Datei geändert wurde. Änderungen
    außerhalb der Texte (Tabellen, Beschriftungen, erzeugte Sätze) werden aufgelistet, nicht
    übernommen."""
    from reportgen.files import write_atomically
    from reportgen.roundtrip.summary import (
        diff_html,
        diff_markdown,
        refusal_lines,
        summary_lines,
    )
    from reportgen.roundtrip.takeover import take_over

    chosen = "" if status == StatusChoice.KEPT else status.value
    result = take_over(word, project_or_example(project_dir), accept, chosen)
    if diff is not None and (result.conflicts or (result.changes and not result.refusing)):
        page = diff_html(result) if diff.suffix.lower() in (".html", ".htm") else None
        write_atomically(diff, (page or diff_markdown(result)).encode("utf-8"))
    if result.refusing:
        for line in refusal_lines(result):
            errors.print(escape(line), soft_wrap=True)
        errors.print("[red]Abbruch:[/red] Es wurde nichts übernommen.")
        if diff is not None and result.conflicts:
            console.print(f"Übersicht: {diff}")
        raise typer.Exit(1)
    if not dry_run:
        for change in result.changes:
            write_atomically(change.path, change.data)
    for line in summary_lines(result, written=not dry_run):
        console.print(escape(line), soft_wrap=True)
    if diff is not None and result.changes:
        console.print(f"Übersicht: {diff}")
