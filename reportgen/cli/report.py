"""``reportgen build``: the report as accessible PDF and DOCX, with --profile druck the print
PDF too, with -f html the accessible HTML edition (a folder)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from reportgen.cli.options import (
    FORMAT_NAMES,
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
from reportgen.cli.output import accepted_line, console, show_preflight
from reportgen.errors import count

CoverOption = Annotated[
    bool | None,
    typer.Option(
        "--umschlag/--ohne-umschlag",
        help="Druck: Umschlag für Klebebindung als eigene Datei (U4, Rücken, U1; "
        "…-umschlag.pdf). Standard: druck.umschlag in reportgen.yml, sonst ohne.",
        show_default=False,
    ),
]
PaperOption = Annotated[
    float | None,
    typer.Option(
        "--papierstaerke",
        min=0.03,
        max=1.0,
        metavar="<mm>",
        help="Druck: Stärke eines Blatts (zwei Seiten) in mm für die Rückenbreite, "
        "Grammatur × Papiervolumen ÷ 1000 (Standard: 0,1).",
    ),
]


def build_command(
    project_dir: ProjectArg = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="<Format>",
            help=f"Ausgabeformat, mehrfach möglich: {', '.join(FORMAT_NAMES)}."
            " html: barrierefreie Webseiten im Ordner <dateiname>-html/ (index.html öffnen;"
            " ohne Server, offline). Standard: wie in reportgen.yml.",
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
    cover: CoverOption = None,
    paper: PaperOption = None,
) -> None:
    """Bericht erzeugen: barrierefreies PDF (PDF/UA-1) und DOCX.

    Mit --profile druck entsteht daneben das Druck-PDF (PDF/X-4) für die Druckerei, mit
    -f html die barrierefreie HTML-Ausgabe (ein Ordner mit einer Seite je Kapitel). Alle
    Eingaben werden zuerst geprüft; bei einem Fehler wird nichts geschrieben."""
    from reportgen.build import BuildRequest, build_report
    from reportgen.printing.setup import PrintOverrides

    started = time.perf_counter()
    overrides = PrintOverrides(
        icc_profile, bleed, crop_marks, pad_to_four, chapters_right, cover, paper
    )
    request = BuildRequest(
        project_or_example(project_dir),
        out,
        tuple(formats or ()),
        tuple(profiles or ()),
        final,
        overrides,
    )
    with console.status("Bericht wird erzeugt …") as status:

        def on_stage(name: str, seconds: float | None) -> None:
            if seconds is None:  # the stage begins
                status.update(f"{name} …")
            elif verbose:
                console.print(f"  {name}: {seconds:.1f} s")

        result = build_report(request, on_stage)
    project = result.project
    if project and project.warnings:
        console.print(
            f"[yellow]{count(len(project.warnings), 'Warnung', 'Warnungen')}[/yellow] – "
            "Details mit „reportgen check“."
        )
    if project and (line := accepted_line(len(project.accepted))):
        console.print(line, soft_wrap=True)
    if result.release:
        console.print(result.release.summary())
    for path in result.written:
        console.print(f"Geschrieben: {path}")
    show_preflight(result.preflights, overrides)
    if verbose:
        console.print(f"Gesamtdauer: {time.perf_counter() - started:.1f} s")
