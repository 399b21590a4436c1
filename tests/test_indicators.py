"""The default selection follows Open SDG start values, headline rows and totals."""

from __future__ import annotations

from pathlib import Path

from reportgen.compose.indicators import default_selection, period_for, period_year
from reportgen.compose.regional import region_selection
from reportgen.load.opensdg import load_dataset
from tests.builders import load, make_indicator, write_indicator
from tests.conftest import MINI


def test_headline_series(tmp_path: Path) -> None:
    selection = default_selection(make_indicator(tmp_path, {2015: 10.0, 2020: 8.0}))
    assert selection.periods == ("2015", "2020")
    assert [s.label for s in selection.series] == ["Insgesamt"]
    assert selection.temporal


def test_start_values_make_several_series_in_their_order() -> None:
    indicator = load_dataset(MINI / "daten").indicators["1-2-1"]
    selection = default_selection(indicator)
    assert selection.unit == "%"  # the first unit; units are never mixed
    assert [s.label for s in selection.series] == ["Insgesamt", "männlich", "weiblich"]
    assert selection.fixed == (("Gebietseinheit", "Niedersachsen"),)
    point = selection.series[0].points["2023"]
    assert point.value is None and point.sign == "."  # locked: the number is gone


def test_unnamed_column_is_held_at_empty_then_total(tmp_path: Path) -> None:
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Geschlecht,Alter,Value\n"
        "2020,,Insgesamt,5\n2020,männlich,Insgesamt,2\n2020,,unter 18,1\n",
    )
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    assert selection.fixed == (("Alter", "Insgesamt"),)  # empty headline values are not named
    assert selection.series[0].points["2020"].value == 5


def test_area_column_is_held_at_the_land_level(tmp_path: Path) -> None:
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Gebietseinheit,Kategorie,GeoCode,Value\n"
        "2020,Kreis A,x,K03101,1\n2020,Land,x,K030,9\n2020,Region,x,K031,4\n"
        "2020,Kreis A,y,K03101,1\n2020,Land,y,K030,8\n",
    )
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    assert ("Gebietseinheit", "Land") in selection.fixed
    assert [s.label for s in selection.series] == ["x", "y"]


def test_start_value_matching_ignores_spaces_case_and_footnote_marks(tmp_path: Path) -> None:
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Abschluss,Value\n2020,Ohne Abschluss1),5\n2020,Mit\u00a0Abschluss,7\n",
        "data_start_values:\n  - field: Abschluss\n    value: ohne abschluss\n"
        "  - field: Abschluss\n    value: Mit Abschluss",
    )
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    assert len(selection.series) == 2


def test_labels_that_are_not_time_are_not_temporal(tmp_path: Path) -> None:
    selection = default_selection(make_indicator(tmp_path, {"2024 / 2005": 1.0, "2024 / 2023": 2}))
    assert not selection.temporal


def test_the_year_of_a_period_comes_from_its_sort_key(tmp_path: Path) -> None:
    values: dict[int | str, float] = {"WS 2023/24": 1.0, "2024": 2.0, "2024 / 2005": 3.0}
    selection = default_selection(make_indicator(tmp_path, values))
    assert [period_year(selection, p) for p in selection.periods] == [2023, 2024, None]
    assert period_for(selection, 2023) == "WS 2023/24"
    assert period_for(selection, "2024 / 2005") == "2024 / 2005"  # a label as written


def test_precision_from_metadata_or_data(tmp_path: Path) -> None:
    assert default_selection(make_indicator(tmp_path, {2020: 1.0, 2021: 2.0})).decimals == 0
    indicator = make_indicator(tmp_path, {2020: 1.25}, "precision:\n  - decimals: 2")
    assert default_selection(indicator).decimals == 2


def test_region_selection_tolerates_a_mislabelled_row(tmp_path: Path) -> None:
    rows = "".join(f"2020,Kreis {i},K0310{i},{i}\n" for i in range(1, 10))
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Gebietseinheit,GeoCode,Value\n2020,Land,K030,99\n" + rows + "2020,Kreis 1,K03102,5\n",
    )  # "Kreis 1" also under another code
    indicator = load(tmp_path).indicators["1-1-1"]
    regions = [("030", "Land")] + [(f"0310{i}", f"Kreis {i}") for i in range(1, 10)]
    selection = region_selection(indicator, regions)
    assert len(selection.series) == 10
