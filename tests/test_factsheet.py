"""Composition of district fact sheets: key figures, charts, map, own text, footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.compose.factsheet import (
    compose_factsheet,
    districts,
    plan_factsheets,
    plan_items,
    safe_name,
)
from reportgen.compose.model import Factsheet
from reportgen.load.geodata import load_district_map
from reportgen.load.project import load_project
from tests.conftest import make_project

STECKBRIEF = """
steckbrief:
  kennzahlen:
    - indikator: 1-1-1
      bezeichnung: Bevölkerung
    - indikator: 1-1-1
      bezeichnung: Veränderung der Bevölkerung
      veraenderung_seit: 2020
    - indikator: 1-2-1
      bezeichnung: Ausländeranteil
  diagramme:
    - indikator: 1-1-1
"""


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Factsheet]:
    project_dir = make_project(tmp_path_factory.mktemp("fs"))
    config = project_dir / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + STECKBRIEF, encoding="utf-8")
    project = load_project(project_dir)
    found = districts(project.dataset)
    district_map = load_district_map(project.config.data_path, {d.key for d in found}, None, [])
    plan = plan_factsheets(project)
    return {d.code: compose_factsheet(project, d, district_map, plan) for d in found}


def test_every_district_of_the_data_gets_a_sheet(sheets: dict[str, Factsheet]) -> None:
    assert list(sheets) == ["K03101", "K03102"]
    assert sheets["K03101"].title == "Steckbrief Stadt Braunschweig"
    assert sheets["K03101"].subtitle.startswith("kreisfreie Stadt")


def test_file_names_are_safe() -> None:
    assert safe_name("Lüneburg") == "Lueneburg"
    assert safe_name("Oldenburg (Oldb), Stadt") == "Oldenburg_Oldb_Stadt"


def test_key_figures_compare_district_and_land(sheets: dict[str, Factsheet]) -> None:
    table = sheets["K03101"].key_figures
    assert table.columns == ("Braunschweig, Stadt", "Niedersachsen", "Stand", "Fußnote")
    rows = {row.header: [cell.text for cell in row.cells] for row in table.rows}
    assert rows["Bevölkerung"] == ["12", "121", "2022", "1"]
    assert rows["Veränderung der Bevölkerung 2020–2022 (in %)"] == [
        "+20,0 %",
        "+20,5 %",
        "2022",
        "1",
    ]


def test_missing_district_values_read_k_a(sheets: dict[str, Factsheet]) -> None:
    rows = {
        row.header: [cell.text for cell in row.cells] for row in sheets["K03101"].key_figures.rows
    }
    assert rows["Ausländeranteil (in %)"][0] == "k. A."
    assert "k. A. = keine Angabe für diesen Kreis." in sheets["K03101"].key_figures.notes


def test_footnotes_name_each_source_once(sheets: dict[str, Factsheet]) -> None:
    texts = [f.text for f in sheets["K03101"].footnotes]
    assert texts == [
        "Bevölkerungsfortschreibung, Datenstand 2024.",
        "Ausländerzentralregister, Datenstand 2025.",
    ]


def test_chart_shows_district_over_time_with_alt_text(sheets: dict[str, Factsheet]) -> None:
    figure = sheets["K03102"].figures[0]
    assert [s.label for s in figure.chart.series] == ["Salzgitter, Stadt"]  # counts: no Land
    assert "Salzgitter, Stadt: Anstieg von 5 (2020) auf 7 (2022)." in figure.alt_text


def test_locator_map_highlights_the_district(sheets: dict[str, Factsheet]) -> None:
    locator = sheets["K03102"].locator
    assert locator is not None
    assert [s.key for s in locator.map.shapes if s.highlighted] == ["03102"]
    assert "Stadt Salzgitter ist hervorgehoben" in locator.alt_text


def test_own_text_only_where_a_district_wrote_one(sheets: dict[str, Factsheet]) -> None:
    assert sheets["K03101"].text_title == "Integration in Braunschweig"
    assert sheets["K03101"].text
    assert sheets["K03102"].text == ()


def test_default_plan_uses_indicators_with_district_data(tmp_path: Path) -> None:
    project = load_project(make_project(tmp_path))
    rows, charts = plan_items(project)
    assert [item.indicator for item in rows] == ["1-1-1"]
    assert charts == ()  # no share with a time series at district level in the mini data
