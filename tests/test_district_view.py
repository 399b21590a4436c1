"""The district view of an indicator and the district tables of the annex (Kreistabellen):
one row per area, one column per indicator with district values, notes naming title, period,
selection and signs, numbers continuing the report's tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.district_tables import column_groups, district_tables
from reportgen.compose.district_view import district_frame, district_values
from reportgen.compose.indicator import Numbering
from reportgen.compose.model import Heading, Paragraph, Table, headings_of, plain_text, walk
from reportgen.compose.report import compose_report
from reportgen.load.project import Project, chapter_plan
from tests.builders import write_indicator
from tests.conftest import make_project

# --- builders: a small Land of another shape (Schleswig-Holstein: no statistical regions) ----

SH_DISTRICTS = {
    "01001": "Flensburg, Stadt",
    "01002": "Kiel, Stadt",
    "01003": "Lübeck, Stadt",
    "01004": "Neumünster, Stadt",
    "01051": "Dithmarschen",
    "01053": "Herzogtum Lauenburg",
    "01054": "Nordfriesland",
}
CONFIG = """titel: Kreisbericht
berichtsjahr: 2025
veroeffentlichungsdatum: 2025-06-30
herausgeber: Testministerium
quelle:
  herausgeber: Statistikamt Nord
  werk: Testmonitoring
"""
GOALS = "1-title: Bevölkerung\n2-title: Arbeit\n"
TITLES = """1-1-1-title: Anteil der Ausländerinnen und Ausländer in Schleswig-Holstein
1-1-2-title: Wanderungssaldo je 1 000 Einwohner
1-2-1-title: Bevölkerung
1-2-2-title: Einbürgerungen
2-1-1-title: Beschäftigte
2-1-2-title: Beschäftigte in besonderen Formen
"""


def csv_rows(values: dict[str, str], year: int = 2024, extra: str = "", unit: str = "%") -> str:
    """Rows ``Year,Gebietseinheit,GeoCode,[extra,]Units,COMMENT_OBS,Value``; a value "v|flag"
    has a flag, the Land is code 010."""
    names = {"010": "Schleswig-Holstein", **SH_DISTRICTS}
    lines = []
    for key, cell in values.items():
        value, _, flag = cell.partition("|")
        lines.append(f'{year},"{names[key]}",K{key},{extra}{unit},{flag},{value}')
    return "\n".join(lines) + "\n"


def meta(number: str, unit: str, decimals: int, source: str, extra: str = "") -> str:
    return (
        f"indicator_number: {number}\nindicator_name: global_indicators.{number.replace('.', '-')}"
        f'-title\ntags: [Datenstand 2025]\nprecision:\n  - unit: "{unit}"\n    decimals: '
        f"{decimals}\ndata_source: {source}\n{extra}"
    )


def by_category(values: dict[str, str]) -> str:
    """Counts of 2023 for every area by "Kategorie" (no total among the categories)."""
    areas = ("010", *SH_DISTRICTS)
    return "Year,Gebietseinheit,GeoCode,Kategorie,Units,COMMENT_OBS,Value\n" + "".join(
        csv_rows(dict.fromkeys(areas, value), 2023, f"{category},", "Anzahl")
        for category, value in values.items()
    )


HEAD = "Year,Gebietseinheit,GeoCode,Units,COMMENT_OBS,Value\n"
INDICATORS = {
    "1-1-1": (
        HEAD
        + csv_rows({"010": "10.0", "01054": "9.0"}, 2023)
        + csv_rows(
            {
                "010": "11.0",
                "01001": "15.25",
                "01002": "20.0",
                "01003": "12.0|Statistisch unsicher",
                "01004": "|gesperrt",
                "01051": "4.0",
                "01053": "-2.0",
            }
        ),
        meta("1.1.1", "%", 1, "Ausländerzentralregister"),
    ),
    "1-1-2": (
        HEAD
        + csv_rows(
            {
                "010": "0.5",
                "01001": "-1.2",
                "01002": "0",
                "01003": "2.4",
                "01004": "5.1",
                "01051": "7.7",
                "01053": "-3.5",
                "01054": "1.0",
            },
            unit="je 1 000 Einwohner",
        ),
        meta("1.1.2", "je 1 000 Einwohner", 1, "Wanderungsstatistik"),
    ),
    "1-2-1": (
        HEAD + csv_rows({"010": "2900000"}, unit="Anzahl"),
        meta("1.2.1", "Anzahl", 0, "Fortschreibung"),
    ),
    "1-2-2": (
        HEAD + csv_rows({"010": "5000", "01001": "300"}, unit="Anzahl"),
        meta("1.2.2", "Anzahl", 0, "Einbürgerungsstatistik"),
    ),
    "2-1-1": (  # no total: the metadata's start value decides
        by_category({"Vollzeit": "100", "Teilzeit": "50"}),
        meta(
            "2.1.1",
            "Anzahl",
            0,
            "Beschäftigungsstatistik",
            "data_start_values:\n  - field: Kategorie\n    value: Teilzeit",
        ),
    ),
    "2-1-2": (  # no total, no start value: only where darstellung chooses
        by_category({"Minijob": "10", "Leiharbeit": "20"}),
        meta("2.1.2", "Anzahl", 0, "Beschäftigungsstatistik"),
    ),
}


def square(key: str, column: int, row: int) -> str:
    x, y = 8.0 + column * 0.5, 54.0 + row * 0.3
    ring = [[x, y], [x + 0.5, y], [x + 0.5, y + 0.3], [x, y + 0.3], [x, y]]
    return (
        f'{{"type": "Feature", "properties": {{"AGS": "{key}"}}, '
        f'"geometry": {{"type": "Polygon", "coordinates": [{ring}]}}}}'
    )


def geojson(keys: list[str]) -> str:
    """A square per key; Hamburg (02000) as a neighbour outside the Land."""
    features = [square(k, i % 3, i // 3) for i, k in enumerate([*keys, "02000"])]
    return '{"type": "FeatureCollection", "features": [' + ",\n".join(features) + "]}"


def district_project(
    tmp_path: Path,
    config: str = "",
    indicators: dict[str, tuple[str, str]] | None = None,
    goals: str = GOALS,
) -> Project:
    """A checked project of the given indicators (id → csv, front matter), with a map."""
    root = tmp_path / "projekt"
    data = root / "daten"
    (root / "texte").mkdir(parents=True)
    (root / "reportgen.yml").write_text(CONFIG + config, encoding="utf-8")
    for indicator_id, (csv, front) in (indicators or INDICATORS).items():
        write_indicator(data, indicator_id, csv, front)
    translations = data / "translations" / "de"
    translations.mkdir(parents=True)
    (translations / "global_goals.yml").write_text(goals, encoding="utf-8")
    (translations / "global_indicators.yml").write_text(TITLES, encoding="utf-8")
    (data / "kreise.geojson").write_text(geojson(list(SH_DISTRICTS)), encoding="utf-8")
    return prepare_project(root)


def rows_of(table: Table) -> dict[str, list[str]]:
    return {row.header: list(row.cells) for row in table.rows}


# --- the district view and the district tables ------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return district_project(tmp_path_factory.mktemp("kreise"))


def tables(project: Project, start: int = 1) -> list[Table]:
    numbering = Numbering()
    for _ in range(start - 1):
        next(numbering.tables)
    nodes = district_tables(project, chapter_plan(project.config, project.dataset), numbering)
    return [node for node in nodes if isinstance(node, Table)]


def test_rows_are_the_land_then_the_districts_in_code_order(project: Project) -> None:
    frame = district_frame(project.dataset)
    assert frame.regions == ()  # Schleswig-Holstein has no statistical regions
    assert [area.name for area in frame.rows] == ["Schleswig-Holstein", *SH_DISTRICTS.values()]


def test_statistical_regions_stand_above_their_districts(tmp_path: Path) -> None:
    mini = prepare_project(make_project(tmp_path))
    names = [area.name for area in district_frame(mini.dataset).rows]
    assert names == [
        "Niedersachsen",
        "Statistische Region Braunschweig",
        "Braunschweig, Stadt",
        "Salzgitter, Stadt",
    ]


def test_values_are_the_latest_period_with_district_values(project: Project) -> None:
    values = district_values(
        project, project.dataset.indicators["1-1-1"], district_frame(project.dataset)
    )
    assert values is not None
    assert values.period == "2024"
    assert values.cell("010") == "11,0"
    assert values.cell("01001") == "15,3"  # rounded half up
    assert values.cell("01003") == "(12,0)"
    assert values.cell("01004") == "."  # suppressed
    assert values.cell("01054") == "."  # a value for 2023 only
    assert values.value("01054") is None


def test_an_indicator_with_too_few_districts_is_left_out(project: Project) -> None:
    frame = district_frame(project.dataset)
    assert district_values(project, project.dataset.indicators["1-2-2"], frame) is None
    assert district_values(project, project.dataset.indicators["1-2-1"], frame) is None


def test_one_table_per_handlungsfeld_with_indicator_columns(project: Project) -> None:
    first, second = tables(project)
    assert first.title == "Tabelle 1: Handlungsfeld 1: Bevölkerung nach Kreisen"
    assert first.corner == "Gebietseinheit"
    assert first.columns == ("1.1.1 (in %)", "1.1.2 (je 1 000 Einwohner)")
    assert len(first.rows) == 1 + len(SH_DISTRICTS)
    assert rows_of(first)["Schleswig-Holstein"] == ["11,0", "0,5"]
    assert rows_of(first)["Herzogtum Lauenburg"] == ["−2,0", "−3,5"]
    assert second.title == "Tabelle 2: Handlungsfeld 2: Arbeit nach Kreisen"
    assert second.columns == ("2.1.1 (Anzahl)",)  # 2.1.2: a breakdown nobody decided
    assert rows_of(second)["Kiel, Stadt"] == ["50"]


def test_notes_name_title_period_selection_and_signs(project: Project) -> None:
    first, second = tables(project)
    assert first.notes == (
        "1.1.1: Anteil der Ausländerinnen und Ausländer in Schleswig-Holstein, 2024.",
        "1.1.2: Wanderungssaldo je 1 000 Einwohner, 2024.",
        "Zeichen: – = nichts vorhanden (genau null); . = Zahlenwert unbekannt oder geheim zu "
        "halten; ( ) = Aussagewert "
        "eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist.",
    )
    # a breakdown without a total is held at the start value, and the note says which
    assert second.notes == ("2.1.1: Beschäftigte, Teilzeit, 2023.",)
    assert first.source == (
        "Quelle: Statistikamt Nord, Testmonitoring, Datenstand 2025. "
        "Datenbasis: Ausländerzentralregister; Wanderungsstatistik."
    )


def test_darstellung_decides_a_breakdown_without_total(tmp_path: Path) -> None:
    # the report's choice of area is no choice for the districts
    choice = "{Gebietseinheit: Schleswig-Holstein, kategorie: Leiharbeit}"
    config = f"darstellung:\n  2-1-2:\n    auswahl: {choice}\n"
    second = tables(district_project(tmp_path, config))[1]
    assert second.columns == ("2.1.1 (Anzahl)", "2.1.2 (Anzahl)")
    assert rows_of(second)["Schleswig-Holstein"] == ["50", "20"]
    assert second.notes[1] == ("2.1.2: Beschäftigte in besonderen Formen, Leiharbeit, 2023.")


def test_the_focus_decides_a_breakdown_without_total(tmp_path: Path) -> None:
    second = tables(district_project(tmp_path, "darstellung:\n  2-1-2: {fokus: minijob}\n"))[1]
    assert second.columns == ("2.1.1 (Anzahl)", "2.1.2 (Anzahl)")
    assert second.notes[1].endswith(", Minijob, 2023.")


def test_several_start_values_decide_nothing(tmp_path: Path) -> None:
    starts = "data_start_values:\n" + "".join(
        f"  - field: Kategorie\n    value: {value}\n" for value in ("Minijob", "Leiharbeit")
    )
    indicators = {
        **INDICATORS,
        "2-1-2": (INDICATORS["2-1-2"][0], meta("2.1.2", "Anzahl", 0, "X", starts)),
    }
    second = tables(district_project(tmp_path, indicators=indicators))[1]
    assert second.columns == ("2.1.1 (Anzahl)",)


def test_tables_continue_the_report_numbering(project: Project) -> None:
    assert [table.number for table in tables(project, start=8)] == [8, 9]


def test_heading_and_introduction_come_from_the_labels(project: Project) -> None:
    nodes = district_tables(project, chapter_plan(project.config, project.dataset), Numbering())
    heading, intro, chapter = nodes[:3]
    assert heading == Heading(2, "Kreistabellen", anchor="kreistabellen")
    assert isinstance(intro, Paragraph)
    text = plain_text(intro.inlines)
    assert text.startswith(
        "Die Kreistabellen zeigen für jeden Indikator mit Werten für die Kreise den jüngsten "
        "Wert: für Schleswig-Holstein und seine 7 Landkreise und kreisfreien Städte."
    )
    assert "statistische Region" not in text
    assert chapter == Heading(3, "Handlungsfeld 1: Bevölkerung", anchor="kreistabellen-1")


def test_many_indicators_are_split_into_even_tables() -> None:
    assert [len(group) for group in column_groups(list(range(11)))] == [4, 4, 3]  # type: ignore[arg-type]
    assert [len(group) for group in column_groups(list(range(5)))] == [5]  # type: ignore[arg-type]


def test_an_indicator_can_stay_out_of_the_tables(tmp_path: Path) -> None:
    project = district_project(tmp_path, "darstellung:\n  1-1-2: {kreistabelle: false}\n")
    assert tables(project)[0].columns == ("1.1.1 (in %)",)


def test_annex_lists_the_district_tables_in_the_outline(tmp_path: Path) -> None:
    document = compose_report(district_project(tmp_path)).document
    found = [(h.level, h.text, h.listed) for h in headings_of(document) if h.level <= 3]
    assert found[-8:] == [
        (1, "Anhang", True),
        (2, "Zeichenerklärung", True),
        (2, "Datenquellen", True),
        (2, "Abbildungsverzeichnis", True),
        (2, "Tabellenverzeichnis", True),
        (2, "Kreistabellen", True),
        (3, "Handlungsfeld 1: Bevölkerung", True),
        (3, "Handlungsfeld 2: Arbeit", True),
    ]
    numbers = [n.number for n in walk(document.body) if isinstance(n, Table) and n.number]
    assert numbers == list(range(1, len(numbers) + 1))  # the annex numbers on


def test_no_district_tables_when_configured_off(tmp_path: Path) -> None:
    document = compose_report(district_project(tmp_path, "kreistabellen: false\n")).document
    assert "Kreistabellen" not in [h.text for h in headings_of(document)]
