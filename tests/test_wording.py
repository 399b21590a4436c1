"""Class labels and held values as readers read them."""

from __future__ import annotations

import pytest

from reportgen.compose.wording import (
    class_label,
    in_area,
    selection_phrase,
    when,
    without_footnote,
)

STAY = ("unter 1", "1 - 4", "4 - 6", "6 - 8", "10 und mehr")


@pytest.mark.parametrize(
    ("value", "siblings", "dimension", "expected"),
    [
        ("1 - 4", STAY, "Aufenthaltsdauer in Jahren", "1 bis unter 4"),
        ("4 - 6", STAY, "Aufenthaltsdauer in Jahren", "4 bis unter 6"),
        ("unter 1", STAY, "Aufenthaltsdauer in Jahren", "unter 1"),
        ("10 und mehr", STAY, "Aufenthaltsdauer in Jahren", "10 und mehr"),
        ("80 und älter", (), "Altersgruppe", "80 und älter"),
        ("15 – 65", (), "Altersgruppe", "15 bis unter 65"),
        ("18 - 25", (), "Alter", "18 bis unter 25"),
        ("18-25", (), "Alter von … bis … Jahren", "18 bis unter 25"),
        ("18\xa0–\xa025", (), "Altersgruppe", "18 bis unter 25"),
        ("0 — 5", ("0 — 5", "6 — 14"), "Kinderzahl", "0 bis 5"),  # closed classes
        ("2 ‒ 3", (), "Haushaltsgröße", "2 bis 3"),
        ("1,5 − 2,5", ("1,5 − 2,5", "2,5 − 3,5"), "Punkte", "1,5 bis unter 2,5"),
        ("1000 - 1250", (), "Nettoeinkommen in Euro", "1.000 bis unter 1.250 Euro"),
        ("1250 - 1500 EUR", (), "Einkommensklasse", "1.250 bis unter 1.500 EUR"),
        ("Ohne Abschluss1)", (), "Abschluss", "Ohne Abschluss"),
        ("Fachhochschulreife1)", (), "Abschlussart", "Fachhochschulreife"),
        ("Staatsangehörigkeiten¹⁾", (), "Land", "Staatsangehörigkeiten"),
        ("(Fach-)Hochschulreife", (), "Abschluss", "(Fach-)Hochschulreife"),
        ("Kinder (0-3)", (), "Gruppe", "Kinder (0-3)"),
        ("männlich", (), "Geschlecht", "männlich"),
        ("Männlich", (), "Geschlecht", "Männlich"),
        ("mit\xa0Migrationshintergrund ", (), "Status", "mit Migrationshintergrund"),
        ("2005 - 2010", ("2005 - 2010", "2010 - 2015"), "Zeitraum", "2005 bis unter 2010"),
    ],
)
def test_class_labels(value: str, siblings: tuple[str, ...], dimension: str, expected: str) -> None:
    assert class_label(value, siblings, dimension) == expected


def test_footnote_marks() -> None:
    assert without_footnote("Abschluss Förderschule2)") == "Abschluss Förderschule"
    assert without_footnote("Gruppe A*") == "Gruppe A"


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        (
            (("Altersgruppe", "15 – 65"), ("Migrationsstatus", "mit Migrationshintergrund")),
            "15 bis unter 65 Jahre, mit Migrationshintergrund",
        ),
        ((("Geschlecht", "Insgesamt"), ("Altersgruppe", "unter 18")), "unter 18 Jahre"),
        ((("Geschlecht", "insgesamt"), ("Land", "Staaten insgesamt"), ("X", "")), ""),
        ((("Abschluss", "Ohne Abschluss1)"),), "Ohne Abschluss"),
        ((("Altersgruppe", "65 und älter"),), "65 und älter"),
    ],
)
def test_selection_phrases(fixed: tuple[tuple[str, str], ...], expected: str) -> None:
    assert selection_phrase(fixed) == expected


def test_a_selection_phrase_leaves_out_what_the_title_names() -> None:
    fixed = (("Gebietseinheit", "Niedersachsen"), ("Geschlecht", "Frauen"))
    assert selection_phrase(fixed, "Beschäftigte in Niedersachsen") == "Frauen"


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("Niedersachsen", "In Niedersachsen"),
        ("Landkreis Harburg", "Im Landkreis Harburg"),
        ("Region Hannover", "In der Region Hannover"),
        ("Statistische Region Lüneburg", "In der Statistischen Region Lüneburg"),
        ("Salzgitter, Stadt", "In der Stadt Salzgitter"),
        ("Hannover, Region", "In der Region Hannover"),
    ],
)
def test_areas(area: str, expected: str) -> None:
    assert in_area(area) == expected


def test_periods_as_adverbials() -> None:
    assert when("2024") == "2024"
    assert when("Juni 2025") == "im Juni 2025"
    assert when("31.12.2024") == "am 31.12.2024"
