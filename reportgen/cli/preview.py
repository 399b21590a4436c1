"""``reportgen vorschau``: the HTML edition, served on this computer and rebuilt on every save."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from reportgen.cli.options import ProjectArg, VerboseOption, project_or_example
from reportgen.cli.output import console, errors


def preview_command(
    project_dir: ProjectArg = None,
    port: Annotated[
        int,
        typer.Option(
            "--port",
            "-p",
            min=0,
            max=65535,
            metavar="<Zahl>",
            help="Port auf 127.0.0.1 (Standard: 8765; 0 = ein freier Port).",
        ),
    ] = 8765,
    verbose: VerboseOption = False,
) -> None:
    """Vorschau im Browser: die HTML-Ausgabe, nach jedem Speichern neu erzeugt.

    Beobachtet Texte, reportgen.yml, Stile und Daten des Projekts; die geöffnete Seite lädt
    sich nach jeder Änderung neu. Ein Fehler erscheint in der Seite (mit Datei und Zeile) über
    dem letzten fehlerfreien Stand. Nur auf diesem Rechner erreichbar (127.0.0.1). Beenden mit
    Strg+C."""
    from reportgen.preview import PreviewBuilder, web_edition
    from reportgen.preview_server import make_server, watched_folders, watching

    folder = project_or_example(project_dir)
    with tempfile.TemporaryDirectory(prefix="reportgen-vorschau-") as temporary:
        site = Path(temporary) / "html"
        builder = PreviewBuilder(folder, site, web_edition)
        console.print("Vorschau wird erzeugt …")
        status = builder.build()
        if status.error:
            errors.print(status.error, soft_wrap=True)
            console.print("Die Vorschau läuft weiter und zeigt den Fehler, bis er behoben ist.")
            site.mkdir(parents=True, exist_ok=True)
        else:
            console.print(f"Erzeugt in {status.seconds:.1f} s.")
        try:
            server = make_server(builder, port)
        except OSError as exc:
            errors.print(
                f"Der Port {port} ist nicht frei ({exc.strerror}). Wählen Sie mit --port einen "
                "anderen, oder --port 0 für einen freien."
            )
            raise typer.Exit(1) from None
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        console.print(f"Vorschau: [bold]{address}[/bold] – beenden mit Strg+C.")
        data_dir = builder.data_dir()
        with server, watching(builder, watched_folders(folder, data_dir), [folder / "out"]):
            try:
                server.serve_forever(poll_interval=0.2)
            except KeyboardInterrupt:
                console.print("Vorschau beendet.")
