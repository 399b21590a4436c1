"""Selections are computed once per indicator and arguments: checking and composing, and each
preview build after a text changed, share them; other arguments compute anew."""

from __future__ import annotations

from pathlib import Path

from reportgen.compose.breakdown import breakdown_view
from reportgen.compose.indicators import default_selection
from reportgen.compose.regional import region_selection
from tests.builders import load, write_indicator

CSV = """Year,Geschlecht,GeoCode,Units,Value
2022,Insgesamt,03,Anzahl,10
2022,Frauen,03,Anzahl,4
2022,Männer,03,Anzahl,6
2023,Insgesamt,03,Anzahl,12
2023,Frauen,03,Anzahl,5
2023,Männer,03,Anzahl,7
2023,Insgesamt,03101,Anzahl,3
2023,Insgesamt,03102,Anzahl,2
2022,Insgesamt,03,Prozent,1.5
2023,Insgesamt,03,Prozent,1.7
"""


def indicator(tmp_path: Path):  # type: ignore[no-untyped-def]
    write_indicator(tmp_path, "1-1-1", CSV, "indicator_name: Test")
    return load(tmp_path).indicators["1-1-1"]


def test_the_same_arguments_give_the_same_selection(tmp_path: Path) -> None:
    shown = indicator(tmp_path)
    first = default_selection(shown, unit="Anzahl")
    assert default_selection(shown, unit="Anzahl") is first
    other = default_selection(shown, unit="Prozent")
    assert other is not first and other.unit != first.unit
    assert default_selection(shown, chosen={"Geschlecht": ["Frauen", "Männer"]}) is not first


def test_a_breakdown_of_a_remembered_selection_is_remembered(tmp_path: Path) -> None:
    shown = indicator(tmp_path)
    selection = default_selection(shown, unit="Anzahl")
    view = breakdown_view(shown, selection, ("Geschlecht",), None)
    assert view is not None
    assert breakdown_view(shown, selection, ("Geschlecht",), None) is view
    # a selection made elsewhere, equal or not, is never mistaken for a remembered one
    fresh = default_selection(load(tmp_path).indicators["1-1-1"], unit="Anzahl")
    again = breakdown_view(shown, fresh, ("Geschlecht",), None)
    assert again is not view and again == view


def test_regions_are_remembered_by_their_keys_and_labels(tmp_path: Path) -> None:
    shown = indicator(tmp_path)
    regions = [("03101", "Braunschweig"), ("03102", "Salzgitter")]
    first = region_selection(shown, regions, unit="Anzahl")
    assert region_selection(shown, list(regions), unit="Anzahl") is first
    renamed = region_selection(shown, [("03101", "Stadt Braunschweig")], unit="Anzahl")
    assert renamed is not first and renamed.series[0].label == "Stadt Braunschweig"
