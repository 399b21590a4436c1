"""Loading the Open SDG format: messy CSVs, metadata variants, translations, aggregates."""

from __future__ import annotations

import math
from pathlib import Path

from reportgen.compose.model import BulletList, Link, Paragraph, Strong, Text
from reportgen.compose.richtext import html_to_blocks
from reportgen.load.opensdg import GEO, LEVEL, PERIOD, REGION, SIGN, VALUE, YEAR, load_dataset
from tests.builders import load, write_indicator
from tests.conftest import MINI


def test_bom_crlf_trailing_column_duplicates_and_excel_errors(tmp_path: Path) -> None:
    csv = (
        b"\xef\xbb\xbfYear,Gebietseinheit,GeoCode,Value,\r\n"
        b"2020,Land,K030,1.5E+02,\r\n2020,Land,K030,1.5E+02,\r\n"
        b"2021,Land,K030,#NV,\r\n2021,Kreis,#NV,7,\r\n"
    )
    write_indicator(tmp_path, "1-1-1", csv)
    dataset = load(tmp_path)
    frame = dataset.indicators["1-1-1"].frame
    assert list(frame["Gebietseinheit"]) == ["Land", "Land", "Kreis"]  # duplicate dropped
    assert frame[VALUE].iloc[0] == 150.0
    assert math.isnan(frame[VALUE].iloc[1]) and frame[SIGN].iloc[1] == "."
    assert frame[GEO].iloc[2] == ""
    assert not [p for p in dataset.problems if p.is_error]


def test_locked_flag_hides_the_number(tmp_path: Path) -> None:
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,COMMENT_OBS,Value\n2020,Gesperrt,99\n"
        "2021,Statistisch unsicher,5\n2022,Nicht veröffentlicht,\n",
    )
    frame = load(tmp_path).indicators["1-1-1"].frame
    assert list(frame[SIGN]) == [".", "()", "/"]


def test_unknown_flag_is_a_warning_and_keeps_the_value(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,COMMENT_OBS,Value\n2020,Sonderfall,99\n")
    dataset = load(tmp_path)
    assert dataset.indicators["1-1-1"].frame[SIGN].iloc[0] == ""
    assert [p.severity for p in dataset.problems] == ["Warnung"]
    assert "Sonderfall" in dataset.problems[0].message


def test_flag_overrides_from_the_configuration(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,COMMENT_OBS,Value\n2020,Sonderfall,99\n")
    dataset = load_dataset(tmp_path, {"Sonderfall": "x"})
    assert dataset.indicators["1-1-1"].frame[SIGN].iloc[0] == "x"


def test_signs_written_into_the_value_column(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,Value\n2020,-\n2021,.\n2022,x\n")
    frame = load(tmp_path).indicators["1-1-1"].frame
    assert list(frame[SIGN]) == ["–", ".", "x"]
    assert frame[VALUE].iloc[0] == 0.0


def test_period_labels_are_parsed_and_sorted(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,Value\nWS 2023/24,3\nJuni 2007,1\n2024 / 2005,2\n")
    frame = load(tmp_path).indicators["1-1-1"].frame
    assert list(frame[YEAR].iloc[:2]) == [2023, 2007]
    assert frame[YEAR].isna().iloc[2]
    assert list(frame[PERIOD]) == ["WS 2023/24", "Juni 2007", "2024 / 2005"]


def test_region_levels_come_from_geocodes_and_missing_codes_are_inferred() -> None:
    frame = load_dataset(MINI / "daten").indicators["1-1-1"].frame
    levels = dict(zip(frame["Gebietseinheit"], frame[LEVEL], strict=False))
    assert levels == {
        "Niedersachsen": "land",
        "Statistische Region Braunschweig": "region",
        "Braunschweig, Stadt": "district",
        "Salzgitter, Stadt": "district",
    }
    assert set(frame[REGION]) == {"030", "031", "03101", "03102"}


def test_area_names_and_missing_codes_follow_the_rule_of_the_area_check(tmp_path: Path) -> None:
    """Names compare as a reader compares them and the pairing with the most rows wins: for
    the name a region gets and for the code a row without one gets."""
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Gebietseinheit,GeoCode,Value\n"
        '2020,"Braunschweig, Stadt",K03101,1\n2021,"Braunschweig, Stadt",K03101,2\n'
        "2022,Braunschweig Stadt,K03101,3\n2023,braunschweig  stadt,,4\n",
    )
    dataset = load(tmp_path)
    assert dataset.region_names == {"03101": "Braunschweig, Stadt"}
    assert list(dataset.indicators["1-1-1"].frame[REGION]) == ["03101"] * 4


def test_metadata_titles_translations_footnotes_and_safe_html() -> None:
    dataset = load_dataset(MINI / "daten")
    meta = dataset.indicators["1-1-1"].meta
    assert meta.title == "Bevölkerung insgesamt"
    assert meta.vintage == "Datenstand 2024"
    assert html_to_blocks(meta.description) == (
        Paragraph(
            (
                Text("Zur Bevölkerung zählen alle Menschen mit "),
                Strong((Text("Hauptwohnsitz"),)),
                Text(" im Gebiet."),
            )
        ),
    )
    assert "Ausländerzentralregisters" in meta.computation
    footnotes = html_to_blocks(meta.footnotes)
    assert [len(b.inlines) for b in footnotes if isinstance(b, Paragraph)] == [1, 1]
    assert [(s.text, s.url) for s in meta.sources] == [
        ("Tabelle zum Herunterladen", None),
        ("Statistikportal", "https://www.statistik.example.de"),
    ]
    assert any(
        isinstance(i, Link)
        for b in html_to_blocks(meta.other_info)
        if isinstance(b, Paragraph)
        for i in b.inlines
    )


def test_missing_title_translation_falls_back_to_the_number() -> None:
    meta = load_dataset(MINI / "daten").indicators["2-1-1"].meta
    assert (meta.title, meta.has_title) == ("Indikator 2.1.1", False)


def test_goals_and_targets_split_bold_title_from_explanation() -> None:
    dataset = load_dataset(MINI / "daten")
    assert dataset.goals["1"].title == "Bevölkerung"
    target = dataset.targets["1-1"]
    assert target.title == "Bevölkerung im Land"
    assert html_to_blocks(target.description) == (
        Paragraph((Text("Erläuterung zum Thema Bevölkerung."),)),
    )


def test_wrong_sort_order_cannot_move_an_indicator_to_another_topic(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-4-5", "Year,Value\n2020,1\n", "indicator_sort_order: 01-02-05")
    write_indicator(tmp_path, "1-4-1", "Year,Value\n2020,1\n", "indicator_sort_order: 01-04-01")
    write_indicator(tmp_path, "1-3-1", "Year,Value\n2020,1\n", "indicator_sort_order: 01-03-01")
    assert list(load(tmp_path).indicators) == ["1-3-1", "1-4-1", "1-4-5"]


def test_html_lists_become_list_blocks(tmp_path: Path) -> None:
    write_indicator(
        tmp_path,
        "1-1-1",
        "Year,Value\n2020,1\n",
        "national_indicator_description: '<ul><li>eins</li><li>zwei</li></ul>'",
    )
    meta = load(tmp_path).indicators["1-1-1"].meta
    assert html_to_blocks(meta.description) == (BulletList(((Text("eins"),), (Text("zwei"),))),)
