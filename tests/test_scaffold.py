"""``reportgen init``: a new project for any Open SDG data folder, never overwriting a file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.check import prepare_project
from reportgen.cli import app
from reportgen.compose.model import Role
from reportgen.compose.model.document import TextStatus
from reportgen.compose.report import compose_report
from reportgen.errors import InvalidInput
from reportgen.load.config import load_config
from reportgen.load.textblocks import load_texts
from reportgen.scaffold import init_project
from tests.builders import parts, texts
from tests.conftest import FAILURES, FIXTURES, MINI

TEXTS = {
    "texte/vorwort.md",
    "texte/handlungsfelder/1.md",
    "texte/handlungsfelder/2.md",
    "texte/indikatoren/1-1-1.md",
    "texte/indikatoren/1-2-1.md",
    "texte/indikatoren/2-1-1.md",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The data folder of the mini project alone, without configuration and texts."""
    return Path(shutil.copytree(MINI / "daten", tmp_path / "daten"))


def relative(paths: list[Path], project: Path) -> set[str]:
    return {path.relative_to(project).as_posix() for path in paths}


def test_creates_configuration_and_a_draft_per_goal_and_indicator(
    data: Path, tmp_path: Path
) -> None:
    project = tmp_path / "projekt"
    result = init_project(project, data)
    assert relative(result.created, project) == {"reportgen.yml", *TEXTS}
    assert result.skipped == []
    texts, problems = load_texts(project / "texte")
    assert problems == []
    assert set(texts.goals) == {"1", "2"}
    assert set(texts.indicators) == {"1-1-1", "1-2-1", "2-1-1"}
    for block in texts.all():
        assert (block.status, block.author, block.date) == ("entwurf", "", None)
        assert block.body.strip() == ""  # the hint is in YAML comments, not in the text


def test_files_are_utf8_with_lf_line_endings(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    for path in init_project(project, data).created:
        raw = path.read_bytes()
        assert b"\r" not in raw
        raw.decode("utf-8")


def test_configuration_validates_and_points_to_the_data(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    config = load_config(project)
    assert config.data_dir == Path("../daten")
    assert config.data_path.resolve() == data.resolve()
    assert config.texts_dir == Path("texte")
    assert config.title == "Integrationsbericht <Land> <Jahr>"
    assert config.selection is None
    text = (project / "reportgen.yml").read_text(encoding="utf-8")
    assert re.search(r"^titel: .*# anpassen$", text, re.M)


def test_dates_come_from_the_data_not_the_clock(data: Path, tmp_path: Path) -> None:
    init_project(tmp_path / "a", data)
    init_project(tmp_path / "b", data)
    config = load_config(tmp_path / "a")
    assert config.reporting_year == 2024  # the latest year in the mini data
    assert config.publication_date.isoformat() == "2024-12-31"
    first, second = (tmp_path / name / "reportgen.yml" for name in "ab")
    assert first.read_bytes() == second.read_bytes()


def test_scaffolded_project_loads_and_lists_its_placeholders(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    loaded = prepare_project(project)
    # every error is a <…> placeholder the editor still has to replace (test_release_safety)
    assert loaded.errors and all("Platzhalter" in e.message for e in loaded.errors)
    # 2-1-1 has no title in its metadata: the warning stays until the editor writes one
    assert any("2.1.1 hat keinen Titel" in w.message for w in loaded.warnings)


def test_hints_never_reach_the_report(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    document = compose_report(prepare_project(project)).document
    interpretations = parts(document, Role.INTERPRETATION)
    assert len(interpretations) == 3
    for part in interpretations:
        assert part.status is not TextStatus.RELEASED  # visibly marked as not released
    words = "\n".join(texts(document))
    for hint in ("<!--", "Was hineingehört", "Lese- und Interpretationshilfe zu"):
        assert hint not in words
    # shown without a draft mark, so they stay empty until written
    assert parts(document, Role.FOREWORD) == []
    assert parts(document, Role.INTRO) == []


def test_indicator_hint_names_number_title_source_and_what_belongs_there(
    data: Path, tmp_path: Path
) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    hint = (project / "texte/indikatoren/1-2-1.md").read_text(encoding="utf-8")
    assert "Indikator 1.2.1: Anteil der Ausländerinnen und Ausländer" in hint
    assert "Datenquelle: Ausländerzentralregister (Datenstand 2025)." in hint
    for topic in ("was der Indikator misst", "wie Diagramm und Tabelle zu lesen", "nicht aussagt"):
        assert topic in hint
    assert "Brüche in der Zeitreihe" in hint


def test_commented_selection_lists_the_data_and_validates_when_uncommented(
    data: Path, tmp_path: Path
) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    path = project / "reportgen.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^# auswahl:\n(?:#   .*\n)+", text, re.M)
    assert block is not None
    path.write_text(text.replace(block[0], re.sub(r"^# ", "", block[0], flags=re.M)), "utf-8")
    loaded = prepare_project(project)
    # only the placeholders the editor still has to replace (test_release_safety)
    assert all("Platzhalter" in error.message for error in loaded.errors)
    assert loaded.config.selection is not None
    assert [(c.goal, c.indicators) for c in loaded.config.selection] == [
        ("1", ("1-1-1", "1-2-1")),
        ("2", ("2-1-1",)),
    ]


def test_untitled_indicators_are_offered_under_indikatortitel(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    init_project(project, data)
    text = (project / "reportgen.yml").read_text(encoding="utf-8")
    assert "# indikatortitel:\n#   2-1-1: <Titel von Indikator 2.1.1>\n" in text
    assert "1-1-1: <Titel" not in text


def test_second_run_creates_nothing_and_keeps_edits(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    first = init_project(project, data)
    edited = project / "texte/indikatoren/1-1-1.md"
    edited.write_text("---\nstatus: freigegeben\n---\nEigener Text.\n", encoding="utf-8")
    (project / "texte/handlungsfelder/2.md").unlink()
    second = init_project(project, data)
    assert relative(second.created, project) == {"texte/handlungsfelder/2.md"}
    assert set(second.skipped) == set(first.created) - {project / "texte/handlungsfelder/2.md"}
    assert edited.read_text(encoding="utf-8") == "---\nstatus: freigegeben\n---\nEigener Text.\n"
    third = init_project(project, data)
    assert third.created == []
    assert set(third.skipped) == set(first.created)


def test_folder_without_open_sdg_layout_raises_german_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    project = tmp_path / "projekt"
    with pytest.raises(InvalidInput) as caught:
        init_project(project, empty)
    assert "Kein Open-SDG-Datenordner" in str(caught.value.problems[0])
    assert not project.exists()


def test_unreadable_data_raises_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    shutil.copytree(FAILURES / "dezimalkomma" / "daten", data, dirs_exist_ok=True)
    project = tmp_path / "projekt"
    with pytest.raises(InvalidInput) as caught:
        init_project(project, data)
    assert any("Dezimalkomma" in p.message for p in caught.value.problems)
    assert not project.exists()


def test_cli_init(data: Path, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    result = CliRunner().invoke(app, ["init", str(project), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "7 Datei(en) angelegt" in result.output
    again = CliRunner().invoke(app, ["init", str(project), "--data", str(data)])
    assert again.exit_code == 0, again.output
    assert "7 vorhandene" in " ".join(again.output.split())


def test_cli_init_with_a_wrong_folder_exits_1(tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    result = CliRunner().invoke(app, ["init", str(project), "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Kein Open-SDG-Datenordner" in " ".join(result.output.split())
    assert not project.exists()


def test_a_line_break_in_a_title_stays_in_its_hint_and_comment(data: Path, tmp_path: Path) -> None:
    translations = data / "translations/de/global_indicators.yml"
    text = translations.read_text(encoding="utf-8")
    translations.write_text(
        text.replace(
            "1-2-1-title: Anteil der Ausländerinnen und Ausländer",
            '1-2-1-title: "Anteil der Ausländerinnen\\nund Ausländer"',
        ),
        encoding="utf-8",
    )
    project = tmp_path / "projekt"
    init_project(project, data)
    hint = (project / "texte/indikatoren/1-2-1.md").read_text(encoding="utf-8")
    front = hint.split("---\n")[1]
    assert all(line.startswith(("#", "status:", "autor:", "datum:")) for line in front.splitlines())
    assert "Indikator 1.2.1: Anteil der Ausländerinnen und Ausländer" in hint
    config = (project / "reportgen.yml").read_text(encoding="utf-8")
    assert "#       - 1-2-1   # Anteil der Ausländerinnen und Ausländer\n" in config
    load_config(project)


def test_data_without_a_usable_indicator_raise_and_write_nothing(tmp_path: Path) -> None:
    data = Path(
        shutil.copytree(FIXTURES / "datenfehler" / "leere-datei" / "daten", tmp_path / "daten")
    )
    project = tmp_path / "projekt"
    with pytest.raises(InvalidInput) as caught:
        init_project(project, data)
    assert any("indicator_5-3-3.csv" in str(p) for p in caught.value.problems)
    assert not project.exists()
