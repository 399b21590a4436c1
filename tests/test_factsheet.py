"""Composition of district fact sheets: key figures, charts, map, own text, footnotes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.districts import districts, safe_name
from reportgen.compose.factsheet import compose_factsheet
from reportgen.compose.factsheet_plan import plan_factsheets, plan_items
from reportgen.compose.model import (
    Document,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    Role,
    Table,
    TableKind,
    TextStatus,
    walk,
)
from reportgen.load.geodata import load_district_map
from tests.builders import parts, texts
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
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    project_dir = make_project(tmp_path_factory.mktemp("fs"))
    config = project_dir / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + STECKBRIEF, encoding="utf-8")
    project = prepare_project(project_dir)
    found = districts(project.dataset)
    district_map = load_district_map(project.config.data_path, {d.key for d in found}, None, [])
    plan = plan_factsheets(project)
    return {d.code: compose_factsheet(project, d, district_map, plan) for d in found}


def nodes(sheet: Document, kind: type) -> list:  # type: ignore[type-arg]
    return [node for node in walk(sheet.body) if isinstance(node, kind)]


def key_figures(sheet: Document) -> Table:
    (table,) = [t for t in nodes(sheet, Table) if t.kind == TableKind.KEY_FIGURES]
    return table


def test_every_district_of_the_data_gets_a_sheet(sheets: dict[str, Document]) -> None:
    assert list(sheets) == ["K03101", "K03102"]
    sheet = sheets["K03101"]
    assert sheet.meta.title == "Steckbrief Stadt Braunschweig"
    assert sheet.meta.subject.startswith("kreisfreie Stadt")
    assert sheet.meta.page_words == ("Seite", "von")
    assert [(h.level, h.text) for h in nodes(sheet, Heading)] == [
        (1, "Steckbrief Stadt Braunschweig"),
        (2, "Kennzahlen"),
        (2, "Entwicklung im Zeitvergleich"),
        (2, "Integration in Braunschweig"),
        (2, "Anmerkungen und Quellen"),
    ]


def test_file_names_are_safe() -> None:
    assert safe_name("Lüneburg") == "Lueneburg"
    assert safe_name("Oldenburg (Oldb), Stadt") == "Oldenburg_Oldb_Stadt"


def test_key_figures_compare_district_and_land(sheets: dict[str, Document]) -> None:
    table = key_figures(sheets["K03101"])
    assert table.title == "Tabelle 1: Kennzahlen Stadt Braunschweig im Vergleich mit Niedersachsen"
    assert table.columns == ("Braunschweig, Stadt", "Niedersachsen", "Stand", "Fußnote")
    rows = {row.header: list(row.cells) for row in table.rows}
    assert rows["Bevölkerung"] == ["12", "121", "2022", "1"]
    assert rows["Veränderung der Bevölkerung 2020–2022 (in %)"] == [
        "+20,0 %",
        "+20,5 %",
        "2022",
        "1",
    ]


def test_missing_district_values_read_k_a(sheets: dict[str, Document]) -> None:
    table = key_figures(sheets["K03101"])
    rows = {row.header: list(row.cells) for row in table.rows}
    assert rows["Ausländeranteil (in %)"][0] == "k. A."
    assert "k. A. = keine Angabe für diesen Kreis." in table.notes


def test_footnotes_name_each_source_once(sheets: dict[str, Document]) -> None:
    (footnotes,) = nodes(sheets["K03101"], Footnotes)
    assert footnotes.items == (
        (1, "Bevölkerungsfortschreibung, Datenstand 2024."),
        (2, "Ausländerzentralregister, Datenstand 2025."),
    )


def test_chart_shows_district_over_time_with_alt_text(sheets: dict[str, Document]) -> None:
    (figure,) = nodes(sheets["K03102"], Figure)
    assert figure.chart.small
    assert [s.label for s in figure.chart.series] == ["Salzgitter, Stadt"]  # counts: no Land
    assert "Salzgitter, Stadt: Anstieg von 5 (2020) auf 7 (2022)." in figure.alt_text
    assert figure.source == "Quelle: siehe Fußnote 1."


def test_locator_map_highlights_the_district(sheets: dict[str, Document]) -> None:
    (locator,) = nodes(sheets["K03102"], MapFigure)
    assert [s.key for s in locator.map.shapes if s.highlighted] == ["03102"]
    assert "Stadt Salzgitter ist hervorgehoben" in locator.alt_text
    notes = texts(replace(sheets["K03102"], body=tuple(parts(sheets["K03102"], Role.SHEET_NOTES))))
    assert "Kartengrundlage: kreise.geojson aus dem Datenordner." in notes


def test_own_text_only_where_a_district_wrote_one(sheets: dict[str, Document]) -> None:
    (own,) = parts(sheets["K03101"], Role.OWN_TEXT)
    assert texts(replace(sheets["K03101"], body=(own,)))[0] == "Integration in Braunschweig"
    assert parts(sheets["K03102"], Role.OWN_TEXT) == []


def test_default_plan_uses_indicators_with_district_data(tmp_path: Path) -> None:
    project = prepare_project(make_project(tmp_path))
    rows, charts = plan_items(project)
    assert [item.indicator for item in rows] == ["1-1-1"]
    assert charts == ()  # no share with a time series at district level in the mini data


def _sheet(project_dir: Path, code: str) -> Document:
    project = prepare_project(project_dir)
    (district,) = [d for d in districts(project.dataset) if d.code == code]
    return compose_factsheet(project, district, None, plan_factsheets(project))


def test_key_figures_and_charts_use_the_configured_indicator_title(tmp_path: Path) -> None:
    project_dir = make_project(tmp_path)
    config = project_dir / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "indikatortitel:\n  1-1-1: Einwohnerinnen und Einwohner\n"
        + "steckbrief:\n  kennzahlen:\n    - indikator: 1-1-1\n"
        + "  diagramme:\n    - indikator: 1-1-1\n",
        encoding="utf-8",
    )
    sheet = _sheet(project_dir, "K03102")
    assert [row.header for row in key_figures(sheet).rows] == ["Einwohnerinnen und Einwohner"]
    (figure,) = nodes(sheet, Figure)
    assert figure.caption == "Einwohnerinnen und Einwohner (Anzahl)"
    assert figure.chart.axis_label == "Anzahl"


def test_a_draft_of_the_own_text_is_marked_as_a_draft(tmp_path: Path) -> None:
    project_dir = make_project(tmp_path)
    text = project_dir / "texte" / "steckbriefe" / "K03101.md"
    text.write_text(
        text.read_text(encoding="utf-8").replace("status: freigegeben", "status: entwurf"),
        encoding="utf-8",
    )
    sheet = _sheet(project_dir, "K03101")
    (own,) = parts(sheet, Role.OWN_TEXT)
    assert own.status == TextStatus.DRAFT
    assert texts(replace(sheet, body=(own,)))[:2] == [
        "Integration in Braunschweig",
        "Entwurf – noch nicht freigegeben",
    ]


def test_a_released_own_text_carries_no_mark(sheets: dict[str, Document]) -> None:
    (own,) = parts(sheets["K03101"], Role.OWN_TEXT)
    assert own.status == TextStatus.RELEASED
    assert "Entwurf" not in " ".join(texts(replace(sheets["K03101"], body=(own,))))
