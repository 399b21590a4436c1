"""The parameters several commands share, with their German help and placeholders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# Option help names the choices; tests keep these in step with outputs.VARIANTS and
# render.pdf.PROFILES.
FORMAT_NAMES = ("pdf", "docx", "druck", "html")
PROFILE_NAMES = ("barrierefrei", "druck")


def project_or_example(project_dir: Path | None) -> Path:
    """The project folder given, or the bundled example project."""
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

# --- print options (with --profile druck) ----------------------------------------------------

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
