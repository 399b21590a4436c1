"""``reportgen vergleich``: two data editions compared, written as vergleich.md and .html."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reportgen.cli.options import OutOption, VerboseOption
from reportgen.cli.output import console


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
    from reportgen.compare.editions import compare_data
    from reportgen.compare.render import render_html, render_markdown, summary_lines
    from reportgen.files import write_atomically
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
