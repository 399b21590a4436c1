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
from reportgen.errors import Severity
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
        (2, "Anmerkungen und Quellen"),  # the first page with its notes, then the own text
        (2, "Integration in Braunschweig"),
    ]


def test_file_names_are_safe() -> None:
    assert safe_name("Lüneburg") == "Lueneburg"
    assert safe_name("Oldenburg (Oldb), Stadt") == "Oldenburg_Oldb_Stadt"


def test_key_figures_compare_district_and_land(sheets: dict[str, Document]) -> None:
    table = key_figures(sheets["K03101"])
    assert table.title == "Tabelle 1: Kennzahlen Stadt Braunschweig im Vergleich mit Niedersachsen"
    # the same name as in the title, never the data's "Braunschweig, Stadt"
    assert table.columns == ("Stadt Braunschweig", "Niedersachsen", "Stand", "Fußnote")
    rows = {row.header: list(row.cells) for row in table.rows}
    assert rows["Bevölkerung"] == ["12", "121", "2022", "1"]
    assert rows["Veränderung der Bevölkerung 2020–2022 (in %)"] == [
        "+20,0",  # the row says "(in %)"; the sign always
        "+20,5",
        "2022",
        "1",
    ]


def test_a_missing_district_value_keeps_the_land_value_beside_it(
    sheets: dict[str, Document],
) -> None:
    table = key_figures(sheets["K03101"])
    rows = {row.header: list(row.cells) for row in table.rows}
    district, land, as_of, _ = rows["Ausländeranteil (in %)"]
    assert district == "."
    assert land not in (".", "") and as_of not in (".", "")
    assert ". = für diesen Kreis nicht ausgewiesen (der Landeswert steht daneben)." in table.notes


def test_footnotes_name_each_source_once(sheets: dict[str, Document]) -> None:
    (footnotes,) = nodes(sheets["K03101"], Footnotes)
    assert footnotes.items == (
        (1, "Bevölkerungsfortschreibung, Datenstand 2024."),
        (2, "Ausländerzentralregister, Datenstand 2025."),
    )


def test_chart_shows_district_over_time_with_alt_text(sheets: dict[str, Document]) -> None:
    (figure,) = nodes(sheets["K03102"], Figure)
    assert figure.chart.small
    assert [s.label for s in figure.chart.series] == ["Stadt Salzgitter"]  # counts: no Land
    assert "Stadt Salzgitter: Anstieg von 5 (2020) auf 7 (2022)." in figure.alt_text
    assert figure.source == "Quelle: siehe Fußnote 1."


def test_locator_map_highlights_the_district(sheets: dict[str, Document]) -> None:
    (locator,) = nodes(sheets["K03102"], MapFigure)
    assert [s.key for s in locator.map.shapes if s.highlighted] == ["03102"]
    assert "Stadt Salzgitter ist hervorgehoben" in locator.alt_text
    notes = texts(replace(sheets["K03102"], body=tuple(parts(sheets["K03102"], Role.SHEET_NOTES))))
    # the credit from the configuration, never a file name
    assert "Kartengrundlage: © GeoBasis-DE / BKG 2024, Datenlizenz Deutschland" in notes
    assert not any("geojson" in line for line in texts(sheets["K03102"]))


def test_without_a_configured_credit_no_file_name_is_printed(tmp_path: Path) -> None:
    project_dir = make_project(tmp_path)
    config = project_dir / "reportgen.yml"
    kept = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)]
    config.write_text("".join(x for x in kept if not x.startswith("kartengrundlage")))
    project = prepare_project(project_dir)
    (warning,) = [p for p in project.problems if "Kartengrundlage" in p.message]
    assert warning.severity == Severity.WARNING and "kartengrundlage" in (warning.hint or "")
    found = districts(project.dataset)
    district_map = load_district_map(project.config.data_path, {d.key for d in found}, None, [])
    sheet = compose_factsheet(project, found[0], district_map, plan_factsheets(project))
    assert nodes(sheet, MapFigure)
    assert not any("Kartengrundlage" in line or "geojson" in line for line in texts(sheet))


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
