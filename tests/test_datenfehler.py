"""Every class of data defect: the exact German message, exit code 1, nothing written.

Each folder of ``tests/fixtures/datenfehler/`` is laid over ``tests/fixtures/beispiel`` (a small
project cut from the example data; ``make_defects.py`` builds both) and carries one defect.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from tests.conftest import FIXTURES

BASE = FIXTURES / "beispiel"
DEFECTS = FIXTURES / "datenfehler"
runner = CliRunner()

# folder → the messages ``check`` must print (path relative to the project), exactly
EXPECTED: dict[str, tuple[str, ...]] = {
    "kodierung-windows-1252": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 2, Spalte 8: Die Datei ist nicht als "
        "UTF-8 gespeichert: Byte 0xFC ist kein gültiges UTF-8. Die Kodierung ist vermutlich "
        "Windows-1252 (Excel-„CSV“); dort steht das Byte für „ü“. Speichern Sie die Datei als "
        "UTF-8 (in Excel: „CSV UTF-8 (durch Trennzeichen getrennt)“).",
    ),
    "kodierung-metadaten": (
        "Fehler: daten/meta/1-2-2.md, Zeile 17, Spalte 33: Die Datei ist nicht als UTF-8 "
        "gespeichert: Byte 0xE4 ist kein gültiges UTF-8. Die Kodierung ist vermutlich "
        "Windows-1252; dort steht das Byte für „ä“. Speichern Sie die Datei als UTF-8 (im "
        "Texteditor unter „Speichern unter“ → „Codierung“).",
    ),
    "anfuehrungszeichen-offen": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 4, Spalte 6: Das Anführungszeichen in "
        "Zeile 4, Spalte 6, wird erst in Zeile 5 geschlossen: die Zeilen 4 und 5 würden zu "
        "einer einzigen Zeile. Schließen Sie das Anführungszeichen aus Zeile 4 (Werte mit "
        'Komma stehen in "…", ein Anführungszeichen im Wert wird verdoppelt: "").',
    ),
    "anfuehrungszeichen-nie-geschlossen": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 41, Spalte 6: Das Anführungszeichen in "
        "Zeile 41, Spalte 6, wird nie geschlossen: der Rest der Datei würde zu einem einzigen "
        "Wert. Schließen Sie das Anführungszeichen aus Zeile 41 (Werte mit Komma stehen in "
        '"…", ein Anführungszeichen im Wert wird verdoppelt: "").',
    ),
    "zeile-zu-lang": (
        "Fehler: daten/data/indicator_1-2-2.csv, Zeile 6, Spalte 6: Die Zeile hat mehr Werte "
        "als die Kopfzeile Spalten: „99“ in Spalte 6 gehört zu keiner Spalte. Prüfen Sie Kommas "
        'in Werten ohne Anführungszeichen (z. B. "Braunschweig, Stadt").',
    ),
    "zeile-zu-kurz": (
        "Fehler: daten/data/indicator_1-2-2.csv, Zeile 6: Die Zeile hat nur 4 Werte, die "
        "Kopfzeile aber 5 Spalten: die Werte stünden in falschen Spalten. Ergänzen Sie die "
        "fehlenden Felder (auch leere mit Komma) oder prüfen Sie Kommas in Werten ohne "
        "Anführungszeichen.",
    ),
    "widerspruechliche-zeilen": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 42: Die Zeile wiederholt Zeitraum, "
        "Merkmale und Gebiet von Zeile 3 mit anderem Wert (94131 statt 93131). Welche der "
        "beiden gilt? Berichtigen Sie die Daten, oder nennen Sie in reportgen.yml unter "
        "„bekannte_datenfehler“ die falsche Zeile (regel: widerspruechliche-zeilen, zeilen: "
        "[...]).",
    ),
    "gebietscode-konflikt": (
        "Fehler: daten/data/indicator_1-2-2.csv, Zeile 38: 1 Zeile trägt den Gebietscode "
        "„K03360“ mit dem Namen „Lüneburg“; in den übrigen Daten gehört der Code zu einem "
        "anderen Gebiet und der Name zum Gebietsschlüssel 03355. Berichtigen Sie Code oder "
        "Namen. Als bekannter Datenfehler aufgenommen, erhalten die Zeilen den "
        "Gebietsschlüssel 03355 ihres Namens.",
    ),
    "daten-ohne-metadaten": (
        "Fehler: daten/data/indicator_4-3-1.csv: Zur Datendatei gibt es keine Metadaten; "
        "Indikator 4.3.1 fehlte im Bericht. Legen Sie die Metadaten an (z. B. meta/4-3-1.md) "
        "oder entfernen Sie die Datei.",
    ),
    "metadaten-ohne-daten": (
        "Fehler: daten/meta/4-3-1.md: Zu Indikator 4.3.1 gibt es keine Datendatei; er fehlte "
        "im Bericht. Erwartet: data/indicator_4-3-1.csv.",
    ),
    "nur-kopfzeile": (
        "Fehler: daten/data/indicator_5-3-3.csv, Zeile 1: Die Datendatei enthält nur die "
        "Kopfzeile, keine Werte. Ergänzen Sie die Werte oder entfernen Sie den Indikator samt "
        "Metadaten.",
    ),
    "leere-datei": (
        "Fehler: daten/data/indicator_5-3-3.csv, Zeile 1: Die Datendatei ist leer. Eine "
        "Indikatortabelle hat eine Kopfzeile (Year, …, Value) und Werte.",
    ),
    "fremde-datei": (
        "Fehler: daten/data/kreise_2024.csv: Die Datei ist weder eine Indikatortabelle noch "
        "Metadaten eines Indikators und wird nicht gelesen. Indikatortabellen heißen "
        "indicator_<Kennung>.csv, z. B. indicator_1-2-2.csv; anderes gehört nicht in diesen "
        "Ordner.",
    ),
    "zwei-datendateien": (
        "Fehler: daten/data/indicator_1-1-1.csv: Für Indikator 1.1.1 gibt es zwei "
        "Datendateien: 1-1-1.csv und indicator_1-1-1.csv. Es darf nur eine geben; entfernen "
        "Sie die überholte.",
    ),
    "uebersetzungsschluessel-tippfehler": (
        "Fehler: daten/meta/1-2-2.md, Zeile 7, Spalte 1: Der Übersetzungsschlüssel "
        "„global_indicators.1-2-2-titel“ im Feld „indicator_name“ fehlt in "
        "translations/de/global_indicators.yml. Meinten Sie „global_indicators.1-2-2-title“?",
    ),
    "uebersetzungsdatei-tippfehler": (
        "Fehler: daten/meta/1-2-2.md, Zeile 40, Spalte 1: Der Übersetzungsschlüssel „MHH.AZR“ "
        "im Feld „computation_calculations“ nennt die Übersetzungsdatei „MHH“, die es nicht "
        "gibt. Meinten Sie „MH.AZR“?",
    ),
    "unplausibler-wert": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 5, Spalte 4: Der Wert „8.1e19“ ist "
        "unplausibel groß (eine Billiarde oder mehr). Prüfen Sie Dezimalpunkt und Exponent.",
    ),
    "keine-endliche-zahl": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 5, Spalte 4: Der Wert „1e400“ ist zu "
        "groß für eine Zahl. Prüfen Sie Dezimalpunkt und Exponent.",
    ),
    "zeitraum-leer": (
        "Fehler: daten/data/indicator_1-1-1.csv, Zeile 7, Spalte 1: Die Zeile hat keinen "
        "Zeitraum (Spalte „Year“ ist leer). Tragen Sie das Jahr oder den Zeitraum ein, z. B. "
        "2024 oder WS 2023/24.",
    ),
    "yaml-alias-bombe": (
        "Fehler: daten/meta/5-3-3.md, Zeile 7, Spalte 10: Der YAML-Kopf der Metadaten ist "
        "fehlerhaft: Die Verweise (*) vervielfachen die Einträge dieser Datei auf über "
        "100.000; so würde sie unlesbar groß. Schreiben Sie die Werte aus oder verwenden Sie "
        "Anker (&) und Verweise (*) nur für wenige Wiederholungen.",
    ),
    "yaml-anfuehrungszeichen-offen": (
        "Fehler: daten/meta/5-3-3.md, Zeile 31, Spalte 14: Der YAML-Kopf der Metadaten ist "
        "fehlerhaft: Das Anführungszeichen in Zeile 31, Spalte 14 wird nicht geschlossen. "
        "Schließen Sie das Anführungszeichen aus Zeile 31.",
    ),
    "yaml-doppelter-schluessel": (
        "Fehler: daten/meta/5-3-3.md, Zeile 8, Spalte 1: Der YAML-Kopf der Metadaten ist "
        "fehlerhaft: Der Schlüssel „graph_type“ steht doppelt (Zeilen 6 und 8). Löschen Sie "
        "einen der beiden Einträge oder führen Sie sie zusammen.",
    ),
    "eingabeart-unbekannt": (
        "Fehler: daten/config_data.yml, Zeile 6, Spalte 5: Die Eingabeart „InputExcelMeta“ kann "
        "reportgen nicht lesen. Meinten Sie InputYamlMeta oder InputYamlMdMeta?",
    ),
    "konfiguration-tippfehler": (
        "Fehler: reportgen.yml, Zeile 12, Spalte 1: Das Feld „tabellenjahr“ ist unbekannt. "
        "Meinten Sie tabellenjahre oder kreistabellen?",
    ),
    "platzhalter-mehrere-fehler": (
        "Fehler: texte/indikatoren/1-2-2.md, Zeile 6: „Ülzen“ ist weder ein Gebiet noch eine "
        "Reihe von Indikator 1.2.2. Meinten Sie Uelzen?",
        "Fehler: texte/indikatoren/1-2-2.md, Zeile 7: Unbekannte Funktion „summe“. Erlaubt: "
        "wert, jahr, veraenderung, abstand, abstand_ziel.",
        "Fehler: texte/indikatoren/1-2-2.md, Zeile 7: Indikator „1-2-9“ gibt es nicht. Meinten "
        "Sie 1-2-2 oder 1-1-1?",
    ),
    "datei-zu-gross": (
        "Fehler: daten/data/indicator_1-1-1.csv: Die Datei ist 287 MB groß; für eine "
        "Datendatei sind höchstens 256 MB zulässig. Prüfen Sie, ob die richtige Datei "
        "vorliegt; so große Dateien sind meist ein versehentlicher Export.",
    ),
}


def make_defect(tmp_path: Path, name: str) -> Path:
    """The example-derived project with the files of one defect folder laid over it."""
    project = tmp_path / "projekt"
    shutil.copytree(BASE, project)
    for path in sorted((DEFECTS / name).rglob("*")):
        relative = path.relative_to(DEFECTS / name)
        if path.is_dir() or relative.name in ("entfernen.txt", "vergroessern.txt"):
            continue
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, project / relative)
    removed = DEFECTS / name / "entfernen.txt"
    if removed.exists():
        for line in removed.read_text(encoding="utf-8").split():
            (project / line).unlink()
    enlarged = DEFECTS / name / "vergroessern.txt"
    if enlarged.exists():
        relative, size = enlarged.read_text(encoding="utf-8").split()
        with (project / relative).open("r+b") as stream:
            stream.truncate(int(size))  # sparse: nothing is written to disk
    return project


def flat(output: str, project: Path) -> str:
    """The output as one line per problem, paths relative to the project."""
    return " ".join(output.replace(f"{project}/", "").split())


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.stat().st_size < 10_000_000
    }


def test_every_defect_folder_has_its_message() -> None:
    assert {path.name for path in DEFECTS.iterdir()} == set(EXPECTED)


def test_the_base_project_is_clean() -> None:
    result = runner.invoke(app, ["check", str(BASE)])
    assert result.exit_code == 0, result.output
    assert "0 Fehler, 0 Warnungen" in result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_names_the_defect_exactly(name: str, tmp_path: Path) -> None:
    project = make_defect(tmp_path, name)
    before = _fingerprint(project)
    started = time.perf_counter()
    result = runner.invoke(app, ["check", str(project)])
    seconds = time.perf_counter() - started
    output = flat(result.output, project)
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "Interner Fehler" not in output
    for message in EXPECTED[name]:
        assert message in output
    errors = output.count("Fehler: ") - output.count("Interner Fehler")
    assert errors == len(EXPECTED[name]), output  # one defect, no follow-up noise
    assert _fingerprint(project) == before
    assert seconds < 30  # a guard against hanging, not a benchmark (see bench/limits.py)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_refuses_before_writing(name: str, tmp_path: Path) -> None:
    project = make_defect(tmp_path, name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(project), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "Es wurde nichts geschrieben" in flat(result.output, project)
    assert not out.exists() or not any(out.iterdir())


def test_steckbriefe_refuse_before_writing(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "widerspruechliche-zeilen")
    out = tmp_path / "out"
    result = runner.invoke(app, ["steckbriefe", str(project), "-f", "docx", "-o", str(out)])
    output = flat(result.output, project)
    assert result.exit_code == 1, output
    assert "indicator_1-1-1.csv, Zeile 42" in output and "Es wurde nichts geschrieben" in output
    assert not out.exists() or not any(out.rglob("*"))
