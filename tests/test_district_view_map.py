"""District maps (``karte: true``): value classes with round bounds and a legend in words, the
whole Land in the map, and an alt text that tells the finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.compose.district_classes import class_bounds, class_legend, class_of
from reportgen.compose.district_map import district_map_figure
from reportgen.compose.districts import districts
from reportgen.compose.model import ChartKind, Figure
from reportgen.load.geodata import DistrictMap, load_district_map
from reportgen.load.labels import MapLabels, load_labels
from reportgen.load.project import Project
from tests.test_district_view import HEAD, SH_DISTRICTS, csv_rows, district_project, meta

SOURCE = "Quelle: Statistikamt Nord, Testmonitoring."


@pytest.fixture(scope="module")
def words() -> MapLabels:
    return load_labels().district_map


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return district_project(tmp_path_factory.mktemp("karte"))


def outlines(project: Project) -> DistrictMap | None:
    keys = {district.key for district in districts(project.dataset)}
    return load_district_map(project.config.data_path, keys, None, [])


def figure(project: Project, indicator_id: str) -> Figure:
    indicator = project.dataset.indicators[indicator_id]
    found = district_map_figure(project, indicator, 4, SOURCE, outlines(project))
    assert found is not None
    return found


# --- classes ------------------------------------------------------------------------------------


def classed(values: list[float], decimals: int) -> list[int]:
    bounds = class_bounds(values, decimals)
    counts = [0] * (len(bounds) + 1)
    for value in values:
        counts[class_of(value, bounds, decimals)] += 1
    return counts


SHARES = [14.4, 24.0, 20.0, 10.2, 13.4, 10.5, 8.1, 9.2, 7.5, 11.0]
SHARES += [18.2, 6.1, 5.5, 12.2, 9.9, 8.8, 7.7, 6.6, 15.5, 16.1]


def test_quantile_bounds_are_rounded_to_round_steps(words: MapLabels) -> None:
    bounds = class_bounds(SHARES, 1)
    assert bounds == (7.5, 10.0, 12.5, 15.0)
    assert class_legend(bounds, SHARES, 1, "%", words) == (
        "unter 7,5 %",
        "7,5 bis unter 10,0 %",
        "10,0 bis unter 12,5 %",
        "12,5 bis unter 15,0 %",
        "15,0 % und mehr",
    )
    assert all(count > 0 for count in classed(SHARES, 1))


def test_counts_get_whole_bounds_with_thousands_points(words: MapLabels) -> None:
    values = [800, 1200, 2500, 3100, 4000, 5200, 7000, 9000, 12000, 30000, 65000]
    bounds = class_bounds([float(v) for v in values], 0)
    assert all(bound == int(bound) for bound in bounds) and 3 <= len(bounds) <= 4
    legend = class_legend(bounds, values, 0, "", words)
    assert legend[0].startswith("unter ") and legend[-1].endswith(" und mehr")
    assert "." in legend[-1]  # 10.000: a thousands point, no unit for counts


def test_collapsed_quantiles_fall_back_to_equal_intervals() -> None:
    values = [10.0] * 20 + [20.0]
    assert class_bounds(values, 1) == (12.5, 15.0, 17.5, 20.0)
    assert classed(values, 1) == [20, 0, 0, 0, 1]


def test_negative_values_and_zero(words: MapLabels) -> None:
    values = [-3.2, -1.0, 0.0, 0.5, 1.2, 2.5, -0.4, 3.3, 4.1, -2.2]
    bounds = class_bounds(values, 1)
    legend = class_legend(bounds, values, 1, "%", words)
    assert legend[0].startswith("unter −")
    assert "−0,0" not in " ".join(legend)
    assert sum(classed(values, 1)) == len(values)


def test_equal_values_make_one_class(words: MapLabels) -> None:
    assert class_bounds([5.0, 5.0, 5.0], 1) == ()
    assert class_legend((), [5.0, 5.0, 5.0], 1, "%", words) == ("5,0 %",)


def test_values_are_classed_as_printed() -> None:
    assert class_of(9.96, (10.0,), 1) == 1  # prints as 10,0: not "unter 10,0"
    assert class_of(9.94, (10.0,), 1) == 0


# --- the figure ---------------------------------------------------------------------------------


def test_map_shows_every_district_of_the_land(project: Project) -> None:
    spec = figure(project, "1-1-1").chart
    assert spec.kind == ChartKind.MAP and spec.map is not None
    assert [shape.key for shape in spec.map.shapes] == list(SH_DISTRICTS)  # no Hamburg
    assert not any(shape.highlighted for shape in spec.map.shapes)
    assert spec.categories == tuple(SH_DISTRICTS.values())
    assert spec.axis_label == "in %" and spec.decimals == 1
    (series,) = spec.series
    assert series.values == (15.25, 20.0, 12.0, None, 4.0, -2.0, None)
    assert series.uncertain[2] is True  # the bracketed value of Lübeck
    assert spec.map.missing == "keine Angabe"
    classes = spec.map.classes
    assert classes[3] is None and classes[6] is None  # suppressed, and no value for 2024
    assert classes[1] == len(spec.map.legend) - 1  # the highest value, the top class


def test_caption_names_title_areas_period_and_unit(project: Project) -> None:
    found = figure(project, "1-1-1")
    assert found.caption == "Anteil der Ausländerinnen und Ausländer nach Kreisen 2024 (in %)"
    assert (found.label, found.number, found.source) == ("Abbildung", 4, SOURCE)


def test_alt_text_tells_classes_extremes_land_and_table(project: Project) -> None:
    text = figure(project, "1-1-1").alt_text
    assert text.startswith(
        "Kreiskarte: Anteil der Ausländerinnen und Ausländer nach Kreisen 2024 (in %). "
        "Klassen und Zahl der Kreise: unter "
    )
    assert "keine Angabe: 2 Kreise." in text
    assert "Am höchsten: Stadt Kiel (20,0 %)." in text
    assert "Am niedrigsten: Landkreis Herzogtum Lauenburg (−2,0 %)." in text
    assert "Schleswig-Holstein insgesamt: 11,0 %." in text
    assert text.endswith(
        "Die Werte aller Kreise stehen im Anhang unter „Kreistabellen“ "
        "(Handlungsfeld 1: Bevölkerung)."
    )


def test_alt_text_names_three_at_either_end_where_many_have_values(tmp_path: Path) -> None:
    keys = [f"01{n:03d}" for n in range(1, 11)]
    names = {key: f"Kreis {n}" for n, key in enumerate(keys, start=1)}
    rows = "".join(
        f'2024,"{name}",K{key},%,,{n}.0\n' for n, (key, name) in enumerate(names.items(), 1)
    )
    project = district_project(
        tmp_path, "kreistabellen: false\n", {"1-1-1": (HEAD + rows, meta("1.1.1", "%", 1, "X"))}
    )
    text = figure(project, "1-1-1").alt_text
    assert "Am höchsten: Landkreis Kreis 10 (10,0 %), Landkreis Kreis 9 (9,0 %), " in text
    assert "Am niedrigsten: Landkreis Kreis 1 (1,0 %), Landkreis Kreis 2 (2,0 %), " in text
    assert "Kreistabellen" not in text  # none in this report


def test_equal_values_one_class_and_one_sentence(tmp_path: Path) -> None:
    values = {key: "5.0" for key in SH_DISTRICTS}
    indicators = {"1-1-1": (HEAD + csv_rows(values), meta("1.1.1", "%", 1, "X"))}
    found = figure(district_project(tmp_path, indicators=indicators), "1-1-1")
    assert found.chart.map is not None and found.chart.map.legend == ("5,0 %",)
    assert set(found.chart.map.classes) == {0}
    assert "Alle Kreise mit Angabe haben denselben Wert: 5,0 %." in found.alt_text


def test_a_land_of_one_district(tmp_path: Path) -> None:
    rows = csv_rows({"010": "3.0", "01001": "4.0"})
    indicators = {"1-1-1": (HEAD + rows, meta("1.1.1", "%", 1, "X"))}
    found = figure(district_project(tmp_path, indicators=indicators), "1-1-1")
    assert found.chart.map is not None
    # the map file holds all seven districts: six of them without data
    assert found.chart.map.classes.count(None) == 6
    assert "Einziger Kreis mit Angabe: Stadt Flensburg (4,0 %)." in found.alt_text


def test_no_map_without_district_values_or_outlines(project: Project) -> None:
    land_only = project.dataset.indicators["1-2-1"]
    assert district_map_figure(project, land_only, 1, SOURCE, outlines(project)) is None
    shares = project.dataset.indicators["1-1-1"]
    assert district_map_figure(project, shares, 1, SOURCE, None) is None
    elsewhere = DistrictMap(Path("x.geojson"), {"09162": ((((0.0, 0.0), (1.0, 0.0))),)})
    assert district_map_figure(project, shares, 1, SOURCE, elsewhere) is None
