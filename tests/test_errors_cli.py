"""Every promised error message: German, names file, line and column, exits 1, writes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from tests.conftest import FAILURES, make_project

runner = CliRunner()

# failure folder → (file named in the message, line, fragments the message must contain)
EXPECTED: dict[str, tuple[str, int | None, tuple[str, ...]]] = {
    "fehlende-spalte": ("indicator_1-1-1.csv", 1, ("Die Spalte „Value“ fehlt.", "Meinten Sie")),
    "unlesbare-zahl": ("indicator_2-1-1.csv", 3, ("„viele“ ist keine Zahl", "Spalte 3")),
    "dezimalkomma": ("indicator_2-1-1.csv", 3, ("Dezimalkomma", "Spalte 3")),
    "unbekannter-indikator": (
        "reportgen.yml",
        15,
        ("Indikator 1-2-2 gibt es", "Meinten Sie 1-2-1"),
    ),
    "unbekanntes-handlungsfeld": ("reportgen.yml", 14, ("Handlungsfeld „3“ gibt es",)),
    "kaputter-textkopf": ("1-1-1.md", 3, ("YAML-Kopf des Textbausteins ist fehlerhaft",)),
    "text-unbekannter-indikator": (
        "1-2-2.md",
        1,
        ("unbekannten Indikator „1-2-2“", "Meinten Sie 1-2-1"),
    ),
    "kaputte-konfiguration": ("reportgen.yml", 3, ("kein gültiges YAML",)),
    "fehlendes-pflichtfeld": ("reportgen.yml", None, ("„titel“ fehlt",)),
    "kaputte-metadaten": ("1-2-1.md", 5, ("YAML-Kopf der Metadaten ist fehlerhaft",)),
    "keine-datendatei": ("1-3-1.md", None, ("keine Datendatei", "indicator_1-3-1.csv")),
    "unbekannter-status": ("1-1-1.md", 2, ("Unbekannter Status „fertig“", "entwurf, freigegeben")),
    "falsches-kennzeichen": ("reportgen.yml", None, ("kein Zeichen der Zeichenerklärung",)),
    "kaputter-steckbrief-text": ("K03102.md", 2, ("YAML-Kopf des Textbausteins",)),
    "platzhalter-fehler": (
        "1-1-1.md",
        6,
        ("Indikator „1-1-9“ gibt es nicht.", "Meinten Sie 1-1-1"),
    ),
}


def test_every_failure_folder_has_an_expectation() -> None:
    assert {p.name for p in FAILURES.iterdir()} == set(EXPECTED)


@pytest.mark.parametrize("failure", sorted(EXPECTED))
def test_check_names_file_line_and_problem(failure: str, tmp_path: Path) -> None:
    project = make_project(tmp_path, failure)
    result = runner.invoke(app, ["check", str(project)])
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    file_name, line, fragments = EXPECTED[failure]
    flat = " ".join(output.split())
    assert file_name in flat
    if line is not None:
        assert f"Zeile {line}" in flat
    for fragment in fragments:
        assert fragment in flat


@pytest.mark.parametrize(
    "failure", ["unlesbare-zahl", "kaputter-textkopf", "unbekannter-indikator"]
)
def test_build_stops_before_writing(failure: str, tmp_path: Path) -> None:
    project = make_project(tmp_path, failure)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(project), "--out", str(out)])
    assert result.exit_code == 1
    assert "Es wurde nichts geschrieben" in " ".join(result.output.split())
    assert not out.exists() or not any(out.iterdir())


def test_check_passes_on_the_mini_project(mini_project: Path) -> None:
    result = runner.invoke(app, ["check", str(mini_project)])
    assert result.exit_code == 0, result.output
    assert "Keine Fehler" in result.output


def test_missing_project_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "gibtesnicht")])
    assert result.exit_code == 1
    assert "Keine Berichtskonfiguration gefunden" in " ".join(result.output.split())


def test_unknown_format_is_rejected(mini_project: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(mini_project), "-f", "odt", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "Unbekanntes Ausgabeformat „odt“" in " ".join(result.output.split())


def test_list_shows_indicators_with_periods(mini_project: Path) -> None:
    result = runner.invoke(app, ["list", str(mini_project)])
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    assert "1.2.1" in flat and "2021 – 2024" in flat


def test_outputs_are_readable_by_others(mini_project: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(mini_project), "-f", "docx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = next(tmp_path.glob("*.docx"))
    mask = os.umask(0)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask
