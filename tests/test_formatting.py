"""German number formats and the signs of the Zeichenerklärung."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.compose.formatting import (
    distance_between,
    format_cell,
    format_change,
    format_date,
    format_distance,
    format_number,
    format_quantity,
    is_percent,
    is_thousands,
    relative_change,
    unit_caption,
    with_relative,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, 0, "1.234.567"),
        (6, 1, "6,0"),
        (12.345, 1, "12,3"),
        (-5.5, 1, "−5,5"),
        (0.04, 1, "0,0"),
    ],
)
def test_numbers(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "sign", "expected"),
    [
        (0.0, "", "–"),
        (0.01, "", "0,0"),
        (987.6, ".", "."),
        (None, "/", "/"),
        (12.0, "()", "(12,0)"),
        (3.0, "p", "3,0 p"),
        (float("nan"), "", "."),
    ],
)
def test_cells(value: float | None, sign: str, expected: str) -> None:
    assert format_cell(value, 1, sign) == expected


def test_quantities_and_changes() -> None:
    assert format_quantity(12.34, 1, "%") == "12,3 %"
    assert format_quantity(1200.0, 0, "Anzahl") == "1.200"
    assert format_quantity(96.4, 1, "Anzahl in 1000") == "96,4 Tsd."
    assert format_change(1.25, 1, "%") == "+1,3 Prozentpunkte"
    assert format_change(-3400, 0, "") == "−3.400"
    assert unit_caption("Prozent") == "in %"


def test_relative_changes_are_of_the_absolute_base() -> None:
    assert relative_change(-10.0, -5.0) == 50.0  # a rise, never "−50 %"
    assert relative_change(10.0, 5.0) == -50.0
    assert relative_change(0.0, 5.0) is None


def test_distances_of_shares_are_percentage_points() -> None:
    assert format_distance(2.5, 1, "%") == "2,5 Prozentpunkte"
    assert format_distance(1200.0, 0, "Anzahl") == "1.200"
    assert distance_between(12.36, 12.25, 1, "%") == "0,1 Prozentpunkte"  # 12,4 against 12,3


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("", "+5 (+50,0 %)"),
        ("Anzahl", "+5 (+50,0 %)"),
        ("%", "+5"),
        ("Prozent", "+5"),
        ("Prozentpunkte", "+5"),
        ("Veränderung gegenüber 2005 in Prozent", "+5"),
    ],
)
def test_a_change_of_a_share_is_not_told_in_per_cent_of_it(unit: str, expected: str) -> None:
    assert with_relative("+5", 50.0, unit) == expected
    assert with_relative("+5", None, unit) == "+5"


def test_dates() -> None:
    assert format_date(dt.date(2024, 12, 31)) == "31.12.2024"


def test_signs_shown_in_cells() -> None:
    from reportgen.load.signs import legend_sign, signs_in

    assert signs_in("(12,0)") == {"()"}
    assert signs_in("3,0 p") == {"p"}
    assert signs_in(".") == {"."}
    assert signs_in("1.234") == set()
    assert legend_sign("()") == "( )"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("in 1000", "in 1.000"),
        ("1000", "in 1.000"),
        ("Anzahl in 1000", "in 1.000"),
        ("in Tausend", "in 1.000"),
        ("in 1.000", "in 1.000"),
        ("Tsd.", "in 1.000"),
        ("in\xa01000", "in 1.000"),
        ("%", "in %"),
        ("Prozent", "in %"),
        ("in Prozent", "in %"),
        ("Anteil in Prozent", "in %"),
        ("", "Anzahl"),
        ("Anzahl", "Anzahl"),
        ("Jahre", "Jahre"),
        ("je 1000 Einwohner", "je 1.000 Einwohner"),
    ],
)
def test_every_spelling_of_a_unit_has_one_caption(unit: str, expected: str) -> None:
    assert unit_caption(unit) == expected


def test_thousands_and_percent_are_told_apart() -> None:
    assert is_thousands("Anzahl in 1000") and not is_thousands("je 1000 Einwohner")
    assert is_percent("(in %)") and not is_percent("Prozentpunkte")
    assert format_quantity(1206.0, 1, "in Tausend") == "1.206,0 Tsd."
