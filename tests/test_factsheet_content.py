"""What a fact sheet says must hold up in public: comparisons across a declared series break
carry a footnote, figures are dated by their reference day, balances show their direction, a
district's kind comes from the configuration where the names don't say it, two areas of almost
the same name are told apart, and a city too small to see on the locator map is ringed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.districts import District, districts
from reportgen.compose.factsheet import compose_factsheet
from reportgen.compose.factsheet_plan import plan_factsheets
from reportgen.compose.model import Document, Footnotes, MapFigure, Table, TableKind, walk
from reportgen.load.geodata import DistrictMap
from reportgen.load.metadata import reference_day
from tests.builders import project_with_data, texts

AREAS = {
    "K030": "Niedersachsen",
    "K032": "Statistische Region Hannover",
    "K03241": "Region Hannover",
    "K03101": "Braunschweig, Stadt",
    "K03102": "Salzgitter, Stadt",
}
POPULATION = {"K030": 8000, "K032": 2100, "K03241": 1150, "K03101": 250, "K03102": 104}


def _csv(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def _population() -> str:
    rows = [
        f'{year},"{AREAS[code]}",{code},{POPULATION[code] * (1 + (year - 2015) / 100):.0f}'
        for year in range(2015, 2025)
        for code in AREAS
    ]
    return _csv("Year,Gebietseinheit,GeoCode,Value", rows)


def _balance() -> str:
    values = {"K030": 33654, "K032": 5000, "K03241": -120, "K03101": 0, "K03102": 85}
    rows = [f'2024,"{AREAS[c]}",Saldo der Zu- und Fortzüge,{c},{v}' for c, v in values.items()]
    return _csv("Year,Gebietseinheit,Wanderung,GeoCode,Value", rows)


def _share() -> str:
    rows = [
        f'{year},"{AREAS[code]}",%,{code},{10 + index + (year - 2020) / 2}'
        for year in range(2020, 2025)
        for index, code in enumerate(AREAS)
    ]
    return _csv("Year,Gebietseinheit,Units,GeoCode,Value", rows)


def _meta(number: str, title: str, source: str, extra: str = "") -> str:
    return (
        f"indicator_number: {number}\nindicator_name: {title}\ngraph_type: line\n"
        f"tags:\n  - Datenstand 2024\ndata_source: {source}\n{extra}"
    )


CONFIG = """
zeitreihenbrueche:
  - ab: 2022
    bezeichnung: Zensus 2022
    datenquelle: Bevölkerungsfortschreibung
    erlaeuterung: Ab 2022 beruht die Fortschreibung auf dem Zensus 2022.
steckbrief:
  gebietsarten:
    K03102: Landkreis
  kennzahlen:
    - indikator: 1-1-1
      bezeichnung: Bevölkerung
    - indikator: 1-1-1
      bezeichnung: Veränderung der Bevölkerung
      veraenderung_seit: 2015
    - indikator: 1-1-1
      bezeichnung: Veränderung seit dem Zensus
      veraenderung_seit: 2022
    - indikator: 1-4-5
      bezeichnung: Wanderungssaldo
  diagramme:
    - indikator: 1-2-2
"""


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    folder = project_with_data(
        tmp_path_factory.mktemp("sheets"),
        {
            "1-1-1": (
                _population(),
                _meta(
                    "1.1.1",
                    "Bevölkerung",
                    "Bevölkerungsfortschreibung",
                    "national_indicator_description: Bevölkerungsstand jeweils zum 31.12. "
                    "eines jeden Jahres.\n",
                ),
            ),
            "1-2-2": (_share(), _meta("1.2.2", "Ausländeranteil", "Ausländerzentralregister")),
            "1-4-5": (_balance(), _meta("1.4.5", "Wanderungen", "Wanderungsstatistik")),
        },
        CONFIG,
    )
    project = prepare_project(folder)
    assert not project.errors, project.problems
    plan = plan_factsheets(project)
    return {
        d.code: compose_factsheet(project, d, None, plan)
        for d in districts(project.dataset, project.config.factsheets.kinds)
    }


def rows(sheet: Document) -> dict[str, list[str]]:
    (table,) = [n for n in walk(sheet.body) if isinstance(n, Table)]
    assert table.kind == TableKind.KEY_FIGURES
    return {row.header: list(row.cells) for row in table.rows}


def footnotes(sheet: Document) -> dict[str, str]:
    (notes,) = [n for n in walk(sheet.body) if isinstance(n, Footnotes)]
    return {str(number): text for number, text in notes.items}


def test_a_change_across_a_declared_break_carries_its_footnote(
    sheets: dict[str, Document],
) -> None:
    sheet = sheets["K03101"]
    across = rows(sheet)["Veränderung der Bevölkerung 2015–2024 (in %)"]
    after = rows(sheet)["Veränderung seit dem Zensus 2022–2024 (in %)"]
    marks = across[3].split(", ")
    assert len(marks) == 2
    note = footnotes(sheet)[marks[1]]
    assert note.startswith("Zeitreihenbruch 2022 (Zensus 2022): Ab 2022 beruht")
    assert "nur eingeschränkt vergleichbar" in note
    assert after[3] == marks[0]  # from the break year on: comparable, no break note


def test_figures_are_dated_by_the_reference_day_of_the_metadata(
    sheets: dict[str, Document],
) -> None:
    table = rows(sheets["K03101"])
    assert table["Bevölkerung"][2] == "31.12.2024"
    assert table["Wanderungssaldo"][2] == "2024"  # no day named: the year alone


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Bevölkerungsstand jeweils zum 31.12. eines Jahres", "31.12."),
        ("Stichtag der Statistik ist der 1. März.", "01.03."),
        ("zum 30.6. jedes Jahres", "30.06."),
        ("erhoben am 9. Mai 2011", None),
        ("Stichtag 15.10.2024", None),
        ("", None),
    ],
)
def test_reference_days_read_from_metadata_text(text: str, day: str | None) -> None:
    assert reference_day(text) == day


def test_a_balance_shows_its_direction_and_a_true_zero_is_explained(
    sheets: dict[str, Document],
) -> None:
    saldo = rows(sheets["K03101"])["Wanderungssaldo"]
    assert saldo[:2] == ["–", "+33.654"]
    (table,) = [n for n in walk(sheets["K03101"].body) if isinstance(n, Table)]
    assert any(note.startswith("– = nichts vorhanden") for note in table.notes)
    assert rows(sheets["K03241"])["Wanderungssaldo"][0] == "−120"


def test_the_kind_comes_from_the_configuration_where_the_name_says_otherwise(
    sheets: dict[str, Document],
) -> None:
    assert sheets["K03101"].meta.title == "Steckbrief Stadt Braunschweig"  # ", Stadt"
    assert sheets["K03102"].meta.title == "Steckbrief Landkreis Salzgitter"  # configured
    assert sheets["K03102"].meta.subject.startswith("Landkreis ·")
    assert sheets["K03241"].meta.title == "Steckbrief Region Hannover"


def test_region_and_statistical_region_of_one_name_are_told_apart(
    sheets: dict[str, Document],
) -> None:
    lines = texts(sheets["K03241"])
    assert (
        "„Region Hannover“ ist der Kreis; „Statistische Region Hannover“ ist die statistische "
        "Region, zu der er gehört."
    ) in lines
    assert not any("ist der Kreis" in line for line in texts(sheets["K03101"]))


def _square(x: float, y: float, side: float) -> tuple[tuple[tuple[float, float], ...], ...]:
    return (((x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)),)


def test_a_city_too_small_to_see_is_ringed_and_named(tmp_path: Path) -> None:
    folder = project_with_data(tmp_path, {"1-1-1": (_population(), _meta("1.1.1", "B", "S"))})
    project = prepare_project(folder)
    plan = plan_factsheets(project)
    outlines = {
        "03241": _square(0, 0, 100),
        "03101": _square(100, 0, 3),
        "03102": _square(0, 100, 60),
    }
    district_map = DistrictMap(tmp_path / "karte.geojson", outlines)
    found = {d.code: d for d in districts(project.dataset)}

    def marker(district: District) -> str:
        sheet = compose_factsheet(project, district, district_map, plan)
        (locator,) = [n for n in walk(sheet.body) if isinstance(n, MapFigure)]
        return locator.map.marker

    assert marker(found["K03101"]) == "Braunschweig"
    assert marker(found["K03102"]) == ""  # large enough to see
