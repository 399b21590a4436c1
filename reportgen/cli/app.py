"""The Typer app: the program's German frame and its commands, each wrapped so that every error
ends in German lines (reportgen.cli.ending)."""

from __future__ import annotations

from collections.abc import Callable

import typer

from reportgen.cli.compare import compare_command
from reportgen.cli.ending import reports_errors
from reportgen.cli.factsheets import factsheets_command
from reportgen.cli.german import HELP_OPTION_NAMES, GermanCommand, GermanGroup
from reportgen.cli.preview import preview_command
from reportgen.cli.project import check_command, init_command, list_command
from reportgen.cli.report import build_command
from reportgen.cli.roundtrip import takeover_command

# Name, line in the command list, function; in the order of the command list.
COMMANDS: tuple[tuple[str, str, Callable[..., None]], ...] = (
    ("build", "Bericht als barrierefreies PDF und DOCX erzeugen.", build_command),
    (
        "steckbriefe",
        "Steckbriefe für jeden Kreis erzeugen, dazu ein Sammel-PDF.",
        factsheets_command,
    ),
    ("vorschau", "Vorschau im Browser, nach jedem Speichern neu erzeugt.", preview_command),
    ("check", "Daten, Texte und Konfiguration prüfen.", check_command),
    ("init", "Neues Berichtsprojekt anlegen.", init_command),
    ("vergleich", "Zwei Datenstände vergleichen (Fortschreibung).", compare_command),
    (
        "uebernehmen",
        "Änderungen aus dem Word-Dokument in die Textbausteine übernehmen.",
        takeover_command,
    ),
    ("list", "Handlungsfelder und Indikatoren mit Zeiträumen anzeigen.", list_command),
)

app = typer.Typer(
    name="reportgen",
    help="reportgen – Integrationsberichte aus Open-SDG-Indikatordaten erzeugen.",
    no_args_is_help=True,
    add_completion=False,
    cls=GermanGroup,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
)
for name, summary, function in COMMANDS:
    app.command(name, cls=GermanCommand, short_help=summary)(reports_errors(function))
