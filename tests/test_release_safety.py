"""Nothing unfinished leaves the building: init's ``<…>`` placeholders and fallback titles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.check import prepare_project
from reportgen.check.unfinished import placeholders_in
from reportgen.cli import app
from reportgen.errors import Severity
from reportgen.scaffold import init_project
from tests.conftest import MINI, make_project

runner = CliRunner()


def released(project: Path, *missing: str) -> None:
    """Every text of the project released, with a sentence in it; ``missing`` texts written."""
    paths = [*(project / "texte").rglob("*.md"), *(project / "texte" / m for m in missing)]
    for path in paths:
        path.write_text("---\nstatus: freigegeben\n---\nEin fertiger Satz.\n", encoding="utf-8")


MINI_MISSING = ("handlungsfelder/2.md", "indikatoren/2-1-1.md")


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    """A project as ``reportgen init`` makes it, from the mini project's data."""
    data = shutil.copytree(MINI / "daten", tmp_path / "daten")
    project = tmp_path / "projekt"
    init_project(project, data)
    return project


def flat(text: str) -> str:
    return " ".join(text.split())


def test_check_reports_every_placeholder_of_the_configuration_at_its_line(
    scaffolded: Path,
) -> None:
    errors = prepare_project(scaffolded).errors
    by_field = {p.message.split("“")[0].lstrip("„"): p for p in errors}
    assert set(by_field) >= {
        "titel",
        "herausgeber",
        "impressum",
        "quelle.herausgeber",
        "quelle.werk",
        "quelle.nutzungsbedingungen",
    }
    title = by_field["titel"]
    assert title.message.startswith(
        "„titel“ enthält noch die Platzhalter „<Land>“, „<Jahr>“: „Integrationsbericht"
    )
    lines = (scaffolded / "reportgen.yml").read_text(encoding="utf-8").splitlines()
    assert title.location is not None and title.location.path.name == "reportgen.yml"
    assert lines[title.location.line - 1].startswith("titel: Integrationsbericht <Land> <Jahr>")
    assert title.location.column == 1
    assert title.hint and "durch die endgültige Angabe" in title.hint


def test_commented_placeholders_of_the_template_are_not_reported(scaffolded: Path) -> None:
    messages = " ".join(p.message for p in prepare_project(scaffolded).errors)
    for commented in ("<Titel von Indikator", "<Bestellnummer>", "<ISSN", "<Herausgeber>"):
        assert commented not in messages


def test_final_build_of_an_init_project_is_refused_in_german(
    scaffolded: Path, tmp_path: Path
) -> None:
    released(scaffolded)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(scaffolded), "--final", "-o", str(out)])
    text = flat(result.output)
    assert result.exit_code == 1, result.output
    assert "„titel“ enthält noch die Platzhalter „<Land>“, „<Jahr>“" in text
    assert "reportgen.yml, Zeile" in text
    assert "Traceback" not in text
    assert not out.exists()


def test_a_draft_build_with_placeholders_is_refused_too(scaffolded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(scaffolded), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 1
    assert "„herausgeber“ enthält noch den Platzhalter „<Herausgeber des Berichts>“" in flat(
        result.output
    )
    assert not out.exists()


def test_placeholder_in_a_text_is_reported_at_file_line_and_column(mini_project: Path) -> None:
    text = mini_project / "texte" / "vorwort.md"
    text.write_text(
        "---\nstatus: freigegeben\n---\nErster Absatz.\n\nGrüße von <Name der Ministerin>.\n",
        encoding="utf-8",
    )
    (problem,) = [p for p in prepare_project(mini_project).errors if "Platzhalter" in p.message]
    assert problem.message == "Der Text enthält noch den Platzhalter „<Name der Ministerin>“."
    assert problem.location is not None
    assert (problem.location.path.name, problem.location.line, problem.location.column) == (
        "vorwort.md",
        6,
        11,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Siehe <https://www.statistik.niedersachsen.de>.",
        "Fragen an <integration@example.org>.",
        "<!-- <Name> trägt die Redaktion ein -->",
        "Werte mit 3 < x und y > 5 kommen vor.",
        "Zeile<br>Umbruch und <strong>fett</strong>.",
    ],
)
def test_links_comments_comparisons_and_tags_are_not_placeholders(text: str) -> None:
    assert placeholders_in(text) == []


@pytest.mark.parametrize("text", ["<Land>", "Bericht <Jahr>", "<name>", "<Name oder Referat>"])
def test_placeholders_are_found(text: str) -> None:
    assert len(placeholders_in(text)) == 1


def test_fallback_title_is_a_warning_for_drafts(mini_project: Path) -> None:
    warnings = prepare_project(mini_project).warnings
    (untitled,) = [w for w in warnings if "keinen Titel" in w.message]
    assert untitled.severity == Severity.WARNING
    assert untitled.message == (
        "Indikator 2.1.1 hat keinen Titel in den Metadaten; es erscheint „Indikator 2.1.1“."
    )
    assert untitled.hint and "build --final" in untitled.hint


def test_final_refuses_a_fallback_title_and_names_the_metadata_file(
    mini_project: Path, tmp_path: Path
) -> None:
    released(mini_project, *MINI_MISSING)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(mini_project), "--final", "-o", str(out)])
    text = flat(result.output)
    assert result.exit_code == 1, result.output
    assert "Endfassung nicht möglich: 1 Indikator(en) haben keinen Titel." in text
    assert "Indikator 2.1.1 hat keinen Titel" in text
    assert "2-1-1.md" in text
    assert "indikatortitel" in text
    assert not out.exists()


def test_final_builds_once_the_title_is_given(mini_project: Path, tmp_path: Path) -> None:
    released(mini_project, *MINI_MISSING)
    config = mini_project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "indikatortitel:\n  2-1-1: Studierende\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(mini_project), "--final", "-f", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output


def test_an_svg_picture_without_a_png_for_word_is_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "titelei:\n  logo: logo.svg\n", encoding="utf-8"
    )
    (warning,) = [w for w in prepare_project(project).warnings if "titelei.logo" in w.message]
    assert "Word kann es nicht zeigen" in warning.message
    assert warning.location is not None and warning.location.line is not None
