"""reportgen.yml: target kinds as an enum, paths resolved while validating, German messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.check import check_project
from reportgen.errors import InvalidInput
from reportgen.load.config import PrintConfig, load_config
from reportgen.load.config_entries import TargetKind, TargetValue
from reportgen.load.project import load_project
from reportgen.resources import DEFAULT_STYLES
from tests.conftest import MINI


def project_with(tmp_path: Path, extra: str) -> Path:
    """The mini project with some lines added to its reportgen.yml."""
    project = tmp_path / "projekt"
    shutil.copytree(MINI, project)
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return project


def problems_of(project: Path) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        load_config(project)
    return [f"{p.message} {p.hint or ''}".strip() for p in raised.value.problems]


def test_target_kinds_are_an_enum_equal_to_their_german_words() -> None:
    threshold = TargetValue(indikator="1-2-1", wert=5.0, art="schwelle", jahr=2030)
    assert threshold.kind is TargetKind.THRESHOLD and threshold.kind == "schwelle"
    assert threshold.label == "Schwellenwert 2030"
    assert TargetValue(indikator="1-2-1", wert=5.0).label == "Zielwert"


def test_an_unknown_target_kind_is_refused_in_german(tmp_path: Path) -> None:
    project = project_with(
        tmp_path, "zielwerte:\n  - indikator: 1-2-1\n    wert: 10\n    art: Ziel\n"
    )
    assert problems_of(project) == [
        "Das Feld „zielwerte[1].art“ muss einer dieser Werte sein: ziel oder schwelle. "
        "Meinten Sie ziel?"
    ]


def test_paths_are_resolved_against_the_project_while_validating(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        "stile:\n  css: eigene/bericht.css\n  word_vorlage: /vorlagen/amt.docx\n"
        "druck:\n  icc_profil: icc/druckerei.icc\n",
    )
    config = load_config(project)
    root = project.resolve()
    assert config.styles.stylesheet == root / "eigene" / "bericht.css"
    assert config.styles.word_template == Path("/vorlagen/amt.docx")
    assert config.styles.chart_style == DEFAULT_STYLES / "report.mplstyle"
    assert config.printing.icc_profile == root / "icc" / "druckerei.icc"
    assert config.printing.stylesheet == DEFAULT_STYLES / "druck.css"


def test_a_model_built_in_code_keeps_its_paths() -> None:
    assert PrintConfig(css=Path("druck.css")).stylesheet == Path("druck.css")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12", "Das Feld „druck.beschnitt_mm“ muss höchstens 10 sein."),
        ("0.5", "Das Feld „druck.beschnitt_mm“ muss mindestens 1 sein."),
        (".nan", "Das Feld „druck.beschnitt_mm“ muss eine endliche Zahl sein."),
    ],
)
def test_bleed_out_of_range_in_reportgen_yml(tmp_path: Path, value: str, message: str) -> None:
    project = project_with(tmp_path, f"druck:\n  beschnitt_mm: {value}\n")
    assert problems_of(project) == [message]


def test_the_check_stage_points_into_reportgen_yml_without_reading_it_again(
    tmp_path: Path,
) -> None:
    """reportgen.yml is parsed once: the positions of its values travel with the
    configuration, so the checks after loading need no second read of the file."""
    project = project_with(
        tmp_path,
        "auswahl:\n  - handlungsfeld: 9\nzielwerte:\n  - indikator: 7-7-7\n    wert: 5\n",
    )
    start = len((MINI / "reportgen.yml").read_text(encoding="utf-8").splitlines())
    loaded = load_project(project)
    (project / "reportgen.yml").unlink()
    checked = check_project(loaded)
    found = {
        p.message.split(" ")[0]: (p.location.line, p.location.column)
        for p in checked.problems
        if p.location is not None and p.location.path.name == "reportgen.yml"
    }
    assert found["Handlungsfeld"] == (start + 2, 5)
    assert found["Zielwert"] == (start + 4, 5)


def test_start_value_fields_match_columns_like_the_report_does(tmp_path: Path) -> None:
    """``data_start_values`` name a column with other case or spaces: the report uses it, so
    the check does not warn; a field the data lacks is still named."""
    project = project_with(tmp_path, "")
    meta = project / "daten" / "meta" / "1-2-1.md"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(
        text.replace("field: Geschlecht", "field: ' geschlecht '").replace(
            "field: Gebietseinheit", "field: Gebietsart"
        ),
        encoding="utf-8",
    )
    warned = [
        p.message
        for p in check_project(load_project(project)).problems
        if p.message.startswith("data_start_values")
    ]
    assert warned == ["data_start_values nennt das Feld „Gebietsart“, das die Daten nicht haben."]
