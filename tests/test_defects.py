"""Accepting known defects of the published data: what happens, what is listed, what is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.load.observations import LINE, PERIOD, REGION, SIGN, VALUE
from reportgen.load.project import load_project
from reportgen.resources import EXAMPLE_PROJECT
from tests.test_datenfehler import flat, make_defect

runner = CliRunner()


def accept(project: Path, entries: str) -> None:
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "bekannte_datenfehler:\n" + entries, encoding="utf-8"
    )


def uelzen_2015(project: Path) -> tuple[float, str]:
    frame = load_project(project).dataset.indicators["1-1-1"].frame
    row = frame[(frame[REGION] == "03360") & (frame[PERIOD] == "2015")].iloc[0]
    return float(row[VALUE]), str(row[SIGN])


def test_accepted_conflict_naming_the_wrong_line_keeps_the_other(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "widerspruechliche-zeilen")
    accept(
        project,
        "  - indikator: 1-1-1\n    regel: widerspruechliche-zeilen\n    zeilen: [3]\n"
        "    grund: Zeile 3 ist veraltet; der Wert der Zeile 42 ist berichtigt.\n",
    )
    result = runner.invoke(app, ["check", str(project)])
    output = flat(result.output, project)
    assert result.exit_code == 0, output
    assert (
        "Akzeptiert: daten/data/indicator_1-1-1.csv, Zeile 3: Die Zeile wird nicht gelesen"
        in output
    )
    assert "1 bekannter Datenfehler" in output
    assert uelzen_2015(project) == (94131.0, "")


def test_accepted_conflict_without_lines_prints_the_value_as_unknown(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "widerspruechliche-zeilen")
    accept(
        project,
        "  - indikator: 1-1-1\n    regel: widerspruechliche-zeilen\n"
        "    grund: Welcher Wert gilt, klärt das Statistikamt noch.\n",
    )
    assert runner.invoke(app, ["check", str(project)]).exit_code == 0
    value, sign = uelzen_2015(project)
    assert np.isnan(value) and sign == "."


def test_accepted_area_code_gives_the_rows_the_code_of_their_name(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "gebietscode-konflikt")
    accept(
        project,
        "  - indikator: 1-2-2\n    regel: gebietscode\n"
        "    grund: Der Code in Zeile 38 ist vertauscht; der Name stimmt.\n",
    )
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 0, result.output
    frame = load_project(project).dataset.indicators["1-2-2"].frame
    assert frame.loc[frame[LINE] == 38, REGION].tolist() == ["03355"]


def test_build_summary_names_the_accepted_defects(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "fremde-datei")
    accept(
        project,
        "  - datei: data/kreise_2024.csv\n    regel: unbekannte-datei\n"
        "    grund: Eine Arbeitsdatei des Statistikamts, die zum Datenstand gehört.\n",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(project), "-f", "docx", "-o", str(out)])
    output = flat(result.output, project)
    assert result.exit_code == 0, output
    assert "1 bekannter Datenfehler der veröffentlichten Daten akzeptiert" in output
    assert (out / "beispiel.docx").is_file()


def test_an_acceptance_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "widerspruechliche-zeilen")
    accept(
        project,
        "  - indikator: 1-1-1\n    regel: widerspruechliche-zeilen\n    zeilen: [3]\n"
        "    grund: Zeile 3 ist veraltet; der Wert der Zeile 42 ist berichtigt.\n"
        "  - indikator: 5-3-3\n    regel: leere-tabelle\n"
        "    grund: Die Tabelle war im letzten Datenstand leer.\n",
    )
    result = runner.invoke(app, ["check", str(project)])
    output = flat(result.output, project)
    assert result.exit_code == 0, output
    assert (
        "Warnung: reportgen.yml, Zeile 20, Spalte 5: Der bekannte Datenfehler „leere-tabelle“ "
        "für „5-3-3“ kommt in den Daten nicht mehr vor." in output
    )


def test_defects_without_a_defined_way_on_cannot_be_accepted(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "kodierung-windows-1252")
    accept(
        project,
        "  - indikator: 1-1-1\n    regel: unplausibler-wert\n"
        "    grund: Versuch, einen Kodierungsfehler zu übergehen.\n",
    )
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 1
    assert "nicht als UTF-8 gespeichert" in flat(result.output, project)


def test_an_acceptance_needs_its_subject_and_a_reason(tmp_path: Path) -> None:
    project = make_defect(tmp_path, "fremde-datei")
    accept(project, "  - regel: unbekannte-datei\n    grund: kurz\n")
    output = flat(runner.invoke(app, ["check", str(project)]).output, project)
    assert "„bekannte_datenfehler[1].grund“ braucht mindestens 10 Zeichen" in output
    # the data is still checked although the configuration is invalid
    assert "daten/data/kreise_2024.csv: Die Datei ist weder" in output


def test_the_example_project_declares_every_defect_of_the_published_data() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE_PROJECT)])
    output = " ".join(result.output.split())
    assert result.exit_code == 0, output
    assert "Keine Fehler. 0 Fehler, 0 Warnungen, 9 bekannte Datenfehler in 53 Indikatoren." in (
        output
    )


def test_init_offers_the_defects_of_the_data_for_review(tmp_path: Path) -> None:
    data = make_defect(tmp_path, "widerspruechliche-zeilen") / "daten"
    project = tmp_path / "neu"
    result = runner.invoke(app, ["init", str(project), "--data", str(data)])
    assert result.exit_code == 0, result.output
    config = (project / "reportgen.yml").read_text(encoding="utf-8")
    assert "# bekannte_datenfehler:\n#   - indikator: 1-1-1\n#     regel: widerspruechliche" in (
        config
    )
    check = runner.invoke(app, ["check", str(project)])
    assert check.exit_code == 1  # commented out: nothing is accepted without a reason


def test_init_refuses_data_it_cannot_read_in_german(tmp_path: Path) -> None:
    data = make_defect(tmp_path, "kodierung-windows-1252") / "daten"
    result = runner.invoke(app, ["init", str(tmp_path / "neu"), "--data", str(data)])
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "nicht als UTF-8 gespeichert" in output and "Traceback" not in output
    assert not (tmp_path / "neu").exists()
