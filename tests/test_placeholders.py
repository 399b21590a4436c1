"""Placeholders in editorial text: the functions, the sandbox, errors, typed-number warnings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.check.texts import typed_numbers
from reportgen.compose.facts import Facts
from reportgen.compose.placeholders import (
    PlaceholderError,
    fill_placeholders,
)
from reportgen.load.config_entries import TargetValue
from reportgen.load.opensdg import load_dataset
from reportgen.load.textblocks import TextBlock
from tests.builders import write_indicator
from tests.conftest import MINI


def fill(body: str, facts: Facts) -> str:
    """The filled body of a text whose placeholders can all be filled."""
    filled, errors = fill_placeholders(body, facts)
    assert not errors
    assert filled is not None
    return filled


def placeholder_errors(body: str, facts: Facts) -> list[PlaceholderError]:
    filled, errors = fill_placeholders(body, facts)
    assert (filled is None) == bool(errors)
    return errors


def first_error(body: str, facts: Facts) -> PlaceholderError:
    errors = placeholder_errors(body, facts)
    assert errors
    return errors[0]


@pytest.fixture(scope="module")
def facts() -> Facts:
    target = TargetValue(indikator="1-2-1", wert=10.0, jahr=2030, beschluss="Beispiel")
    return Facts(load_dataset(MINI / "daten"), (target,))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{{ wert("1-1-1") }}', "121"),  # main series (the Land), latest year
        ('{{ wert("1-1-1", "Braunschweig, Stadt", 2021) }}', "11"),
        ('{{ wert("1-1-1", "K03101") }}', "12"),  # region by code
        ('{{ wert("1-1-1", "Braunschweig") }}', "12"),  # "Braunschweig, Stadt" without ", Stadt"
        ('{{ wert("1-2-1", "weiblich", 2023) }}', "13,0 %"),  # a series of the default selection
        ('{{ jahr("2-1-1") }}', "WS 2023/24"),
        ('{{ veraenderung("1-1-1", "Niedersachsen", 2020, 2022) }}', "+21 (+21,0 %)"),
        ('{{ veraenderung("1-2-1", "männlich", 2021, 2024) }}', "+1,5 Prozentpunkte"),
        ('{{ abstand("1-2-1", "männlich", "weiblich", 2022) }}', "2,5 Prozentpunkte"),
        ('{{ abstand_ziel("1-2-1", "männlich") }}', "0,5 Prozentpunkte über dem Zielwert (10,0 %)"),
        ('{{ wert(indikator="1-1-1", jahr=2020) }}', "100"),
    ],
)
def test_functions(facts: Facts, text: str, expected: str) -> None:
    assert fill(f"Vorher {text} nachher", facts) == f"Vorher {expected} nachher"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{{ wert("1-1-1").__class__ }}', "nur der Aufruf einer dokumentierten Funktion"),
        ('{{ wert("1-1-1")["x"] }}', "nur der Aufruf einer dokumentierten Funktion"),
        ("{{ range(10) }}", "Unbekannte Funktion „range“"),
        ("{{ config }}", "nur der Aufruf einer dokumentierten Funktion"),
        ("{{ self.__init__.__globals__ }}", "nur der Aufruf einer dokumentierten Funktion"),
        ('{{ lipsum.__globals__["os"] }}', "nur der Aufruf einer dokumentierten Funktion"),
        ('{% include "/etc/passwd" %}', "keine Anweisungen"),
        ("{% for x in y %}{% endfor %}", "keine Anweisungen"),
        ('{{ wert("1-1-1") | upper }}', "nur der Aufruf einer dokumentierten Funktion"),
        ("{{ wert(x) }}", "müssen feste Werte sein"),
    ],
)
def test_sandbox_refuses_everything_but_documented_calls(
    facts: Facts, text: str, message: str
) -> None:
    assert re.search(message, first_error(text, facts).message)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ('{{ wertt("1-1-1") }}', "Unbekannte Funktion „wertt“.", "Meinten Sie wert?"),
        ('{{ wert("1-1-9") }}', "Indikator „1-1-9“ gibt es nicht.", "Meinten Sie 1-1-1"),
        (
            '{{ wert("1-1-1", "Salzgiter") }}',
            "weder ein Gebiet noch eine Reihe",
            "Meinten Sie Salzgitter, Stadt",
        ),
        ('{{ wert("1-1-1", "Niedersachsen", 2019) }}', "Für 2019 gibt es keinen Wert", None),
        ('{{ wert("1-2-1", "Insgesamt", 2023) }}', "ist nicht veröffentlicht (Zeichen „.“)", None),
        ('{{ abstand_ziel("1-1-1") }}', "kein Ziel- oder Schwellenwert", "zielwerte"),
        ('{{ wert("1-1-1", "Niedersachsen", 2020, 5) }}', "mit falschen Angaben", "So geht es"),
        ('Zeile 1\n\n{{ wert("1-1-1" }}', "Platzhalter fehlerhaft", None),
    ],
)
def test_errors_say_what_and_how_to_fix(
    facts: Facts, text: str, message: str, hint: str | None
) -> None:
    error = first_error(text, facts)
    assert message in error.message
    if hint:
        assert hint in (error.hint or "")
    assert error.line == text.count("\n") + 1


def _text(body: str) -> TextBlock:
    return TextBlock(
        "indikator",
        "1-2-1",
        None,
        "freigegeben",
        "",
        None,
        body,
        5,
        Path("texte/indikatoren/1-2-1.md"),
    )


def test_hand_typed_numbers_that_match_no_value_are_warned(facts: Facts) -> None:
    indicator = facts.dataset.indicators["1-2-1"]
    body = (
        "Der Anteil lag 2022 bei 11,5 % und 2021 bei 10,3 %.\n"
        'Zuletzt waren es {{ wert("1-2-1") }} – früher 47,1 %.\n'
        "Die 20 häufigsten Länder, Indikator 1.2.1, Stichtag 31.12.2024, je 100 Personen."
    )
    problems = typed_numbers(_text(body), indicator)
    assert [(p.location.line if p.location else None, p.message) for p in problems] == [
        (6, "Die Zahl „47,1“ kommt in den Daten von Indikator 1.2.1 nicht vor."),
    ]
    assert all(p.severity == "Warnung" for p in problems)
    assert 'wert("1-2-1")' in (problems[0].hint or "")


def test_the_check_of_the_example_project_has_no_text_warnings() -> None:
    from reportgen.check import prepare_project
    from reportgen.resources import EXAMPLE_PROJECT

    project = prepare_project(EXAMPLE_PROJECT)
    assert not [p for p in project.problems if p.location and "texte" in p.location.path.parts]


def test_placeholders_are_filled_in_the_report(tmp_path: Path) -> None:
    from reportgen.check import prepare_project
    from reportgen.compose.model import Role
    from reportgen.compose.report import compose_report
    from tests.builders import parts, texts
    from tests.conftest import make_project

    project_dir = make_project(tmp_path)
    text = project_dir / "texte" / "indikatoren" / "1-1-1.md"
    text.write_text(
        text.read_text(encoding="utf-8")
        + '\nIm Jahr {{ jahr("1-1-1") }}: {{ wert("1-1-1") }} Menschen.\n',
        encoding="utf-8",
    )
    report = compose_report(prepare_project(project_dir))
    interpretation = parts(report.document, Role.INTERPRETATION)[0]
    assert "Im Jahr 2022: 121 Menschen." in texts(replace(report.document, body=(interpretation,)))


def test_every_placeholder_error_of_a_block_is_listed(facts: Facts) -> None:
    body = (
        'Erst {{ wert("1-1-9") }}, dann {{ summe(1) }},\n'
        '{% if x %}nein{% endif %} und {{ wert("1-1-1", "Atlantis") }}.\n'
    )
    errors = placeholder_errors(body, facts)
    assert [(e.line, e.message[:30]) for e in errors] == [
        (1, "Unbekannte Funktion „summe“."),
        (1, "Indikator „1-1-9“ gibt es nich"),
        (2, "Im Text sind nur Platzhalter {"),
        (2, "„Atlantis“ ist weder ein Gebie"),
    ]


def test_a_syntax_error_is_named_in_german(facts: Facts) -> None:
    (error,) = placeholder_errors('Text {{ wert("1-1-1" }} mehr', facts)
    assert error.message == "Platzhalter fehlerhaft: die Klammer „)“ fehlt."


def test_a_year_finds_its_label_first_then_the_latest_period_of_the_year(
    tmp_path: Path,
) -> None:
    write_indicator(
        tmp_path,
        "3-1-1",
        "Year,Value\n2023,1\nWS 2023/24,2\nSchuljahr 2024/25,3\nWS 2024/25,4\n",
        "indicator_name: Test",
    )
    facts = Facts(load_dataset(tmp_path))
    assert fill('{{ wert("3-1-1", jahr=2023) }}', facts) == "1"
    assert fill('{{ wert("3-1-1", jahr=2024) }}', facts) == "4"
    assert fill('{{ wert("3-1-1", jahr="Schuljahr 2024/25") }}', facts) == "3"


# --- figures as printed ---------------------------------------------------------------------


def one_decimal(
    tmp_path: Path, values: dict[int, float], targets: tuple[TargetValue, ...] = ()
) -> Facts:
    """Facts of indicator 3-1-1 with one series, printed with one decimal."""
    rows = "".join(f"{year},{value}\n" for year, value in values.items())
    write_indicator(tmp_path, "3-1-1", f"Year,Value\n{rows}", "precision:\n  - decimals: 1")
    return Facts(load_dataset(tmp_path), targets)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        # the table prints 12,3 for both: no "0,1 über" from 12.34 − 12.25
        (12.34, "ziel", "genau auf dem Zielwert (12,3)"),
        (12.36, "ziel", "0,1 über dem Zielwert (12,3)"),  # 12,4 against 12,3
        (2.675, "schwelle", "9,6 unter dem Schwellenwert (12,3)"),  # 2,7 against 12,3
    ],
)
def test_the_distance_to_a_target_is_taken_between_printed_values(
    tmp_path: Path, value: float, kind: str, expected: str
) -> None:
    target = TargetValue(indikator="3-1-1", wert=12.25, art=kind)
    facts = one_decimal(tmp_path, {2024: value}, (target,))
    assert fill('{{ abstand_ziel("3-1-1") }}', facts) == expected


def test_a_change_from_a_value_printed_as_zero_has_no_per_cent(tmp_path: Path) -> None:
    facts = one_decimal(tmp_path, {2020: 0.04, 2024: 3.0})  # 0,0 → 3,0
    assert fill('{{ veraenderung("3-1-1") }}', facts) == "+3,0"


def test_a_change_of_a_negative_value_has_the_sign_of_the_difference(tmp_path: Path) -> None:
    facts = one_decimal(tmp_path, {2020: -10.0, 2024: -5.0})
    assert fill('{{ veraenderung("3-1-1") }}', facts) == "+5,0 (+50,0 %)"
