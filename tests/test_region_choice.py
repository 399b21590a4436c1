"""``--region`` finds the district a person means: code, key, name, display name, ASCII
spelling, file stem; a name several districts share is named with its candidates, never
guessed; unknown entries get close matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.batch import select_districts
from reportgen.check import prepare_project
from reportgen.cli import app
from reportgen.compose.districts import District, districts
from reportgen.district_choice import spellings
from reportgen.errors import ConfigError
from reportgen.resources import EXAMPLE_PROJECT

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def example_districts() -> tuple[District, ...]:
    return districts(prepare_project(EXAMPLE_PROJECT).dataset)


def codes(found: list[District]) -> list[str]:
    return [district.code for district in found]


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ("K03355", "K03355"),
        ("k03355", "K03355"),
        ("03355", "K03355"),
        ("RH03355", "K03355"),
        ("mz03355", "K03355"),
        ("Lüneburg", "K03355"),
        ("LÜNEBURG", "K03355"),
        (" lüneburg ", "K03355"),
        ("Landkreis Lüneburg", "K03355"),
        ("landkreis lueneburg", "K03355"),
        ("Lueneburg", "K03355"),
        ("Luneburg", "K03355"),
        ("K03355_Lueneburg", "K03355"),
        ("K03355_Lueneburg.pdf", "K03355"),
        ("Emden, Stadt", "K03402"),
        ("Emden", "K03402"),
        ("Stadt Emden", "K03402"),
        ("K03402_Emden_Stadt", "K03402"),
        ("Goettingen", "K03159"),
        ("Göttingen", "K03159"),
        ("Stadt Osnabrück", "K03404"),
        ("Osnabrück, Stadt", "K03404"),
        ("Osnabrueck, Stadt", "K03404"),
        ("Landkreis Osnabrück", "K03459"),
        ("Landkreis Osnabrueck", "K03459"),
        ("K03459_Osnabrueck", "K03459"),
        ("Oldenburg (Oldb)", "K03403"),
        ("Oldenburg (Oldb), Stadt", "K03403"),
        ("Stadt Oldenburg", "K03403"),
        ("Landkreis Oldenburg", "K03458"),
        ("Region Hannover", "K03241"),
        ("Hannover", "K03241"),
        ("Wümme", "K03357"),
        ("Wuemme", "K03357"),
        ("Rotenburg", "K03357"),
        ("Rotenburg (Wümme)", "K03357"),
        ("Hameln", "K03252"),
        ("Hameln-Pyrmont", "K03252"),
        ("Grafschaft Bentheim", "K03456"),
    ],
)
def test_a_district_is_found_by_every_form_a_person_types(
    example_districts: tuple[District, ...], entry: str, code: str
) -> None:
    assert codes(select_districts(example_districts, [entry])) == [code]


@pytest.mark.parametrize(
    ("entry", "candidates"),
    [
        ("Osnabrück", "K03404 Stadt Osnabrück, K03459 Landkreis Osnabrück"),
        ("osnabrueck", "K03404 Stadt Osnabrück, K03459 Landkreis Osnabrück"),
        ("Oldenburg", "K03403 Stadt Oldenburg (Oldb), K03458 Landkreis Oldenburg"),
    ],
)
def test_a_name_of_several_districts_is_not_guessed(
    example_districts: tuple[District, ...], entry: str, candidates: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        select_districts(example_districts, [entry])
    problem = caught.value.problem
    assert problem.message == f"„{entry}“ passt auf 2 Kreise."
    assert problem.hint == (
        f"Meinten Sie: {candidates}? Geben Sie den Code oder den vollen Namen an."
    )


def test_hannover_counts_only_districts(example_districts: tuple[District, ...]) -> None:
    names = prepare_project(EXAMPLE_PROJECT).dataset.region_names.values()
    others = [name for name in names if "Hannover" in name and name != "Region Hannover"]
    assert others  # "Statistische Region Hannover", "dav. Hannover, Umland", …
    assert codes(select_districts(example_districts, ["Hannover"])) == ["K03241"]


def test_unknown_entries_get_close_matches(example_districts: tuple[District, ...]) -> None:
    with pytest.raises(ConfigError) as caught:
        select_districts(example_districts, ["Lünebrug"])
    assert caught.value.problem.message == "Unbekannter Kreis „Lünebrug“."
    assert re.match(r"Meinten Sie .*Lüneburg", caught.value.problem.hint or "")
    with pytest.raises(ConfigError, match=r"Meinten Sie K03355"):
        select_districts(example_districts, ["K3355"])


def test_an_entry_without_close_match_says_what_to_type(
    example_districts: tuple[District, ...],
) -> None:
    with pytest.raises(ConfigError) as caught:
        select_districts(example_districts, ["xyz"])
    assert caught.value.problem.message == "Unbekannter Kreis „xyz“."
    assert caught.value.problem.hint == (
        "Die Daten haben 45 Kreise (K03101 Stadt Braunschweig bis K03462 Landkreis Wittmund); "
        "geben Sie den Code oder den Namen an, z. B. K03101 oder „Stadt Braunschweig“."
    )
    for generic in ("Stadt", "Landkreis", " "):
        with pytest.raises(ConfigError):
            select_districts(example_districts, [generic])


def test_the_same_district_named_twice_is_made_once_in_the_order_given(
    example_districts: tuple[District, ...],
) -> None:
    wanted = ["Lueneburg", "K03402", "Landkreis Lüneburg", "03355", "Emden"]
    assert codes(select_districts(example_districts, wanted)) == ["K03355", "K03402"]


def test_no_entry_means_every_district(example_districts: tuple[District, ...]) -> None:
    assert select_districts(example_districts, []) == list(example_districts)
    assert select_districts(example_districts, None) == list(example_districts)


def test_spellings_ignore_case_punctuation_and_umlauts() -> None:
    assert spellings("K03355_Lüneburg") == {"k03355 lueneburg", "k03355 luneburg"}
    assert spellings("Emden, Stadt") == {"emden stadt"}
    assert spellings("Rotenburg (Wümme)") == {"rotenburg wuemme", "rotenburg wumme"}
    assert spellings(" , ") == set()


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Osnabrück",
            "Fehler: „Osnabrück“ passt auf 2 Kreise. Meinten Sie: K03404 Stadt Osnabrück, "
            "K03459 Landkreis Osnabrück? Geben Sie den Code oder den vollen Namen an.",
        ),
        ("xyz", "Fehler: Unbekannter Kreis „xyz“. Die Daten haben 45 Kreise"),
    ],
)
def test_the_command_names_the_problem_without_traceback(
    tmp_path: Path, entry: str, expected: str
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["steckbriefe", "-o", str(out), "--region", entry], env=WIDE)
    flat = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert expected in flat
    assert "Traceback" not in result.output
    assert not (out / "steckbriefe").exists()
