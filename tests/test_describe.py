"""Sentences from data speak of the values as the table prints them (half up, one helper)."""

from __future__ import annotations

from pathlib import Path

from reportgen.compose.describe import alt_text, draft_interpretation, key_statement
from reportgen.compose.facts import Facts
from reportgen.compose.indicators import Selection, default_selection
from reportgen.compose.placeholders import fill_placeholders
from tests.builders import load, make_indicator, write_indicator


def selection_of(tmp_path: Path, values: dict[int | str, float], decimals: int) -> Selection:
    meta = f"precision:\n  - decimals: {decimals}"
    return default_selection(make_indicator(tmp_path, values, meta))


def test_alt_text_calls_values_that_print_alike_unchanged(tmp_path: Path) -> None:
    # round() would print 12.25 as 12,2 (half to even) and speak of a Rückgang
    selection = selection_of(tmp_path, {2020: 12.34, 2024: 12.25}, 1)
    text = alt_text("Anteil", selection, "line", selection.periods, None)
    assert "Insgesamt: unverändert bei 12,3 (2020 bis 2024)." in text


def test_alt_text_direction_follows_the_printed_values(tmp_path: Path) -> None:
    selection = selection_of(tmp_path, {2020: 12.25, 2024: 12.34}, 1)
    text = alt_text("Anteil", selection, "line", selection.periods, None)
    assert "unverändert bei 12,3" in text


def test_key_statement_rounds_half_up(tmp_path: Path) -> None:
    selection = selection_of(tmp_path, {2020: 1.005, 2024: 2.675}, 2)
    assert key_statement(selection) == "Insgesamt: 2,68 (2024), gegenüber 1,01 (2020)."


def test_draft_change_of_a_negative_value_has_the_sign_of_the_difference(tmp_path: Path) -> None:
    selection = selection_of(tmp_path, {2020: -10.0, 2024: -5.0}, 1)
    sentences = draft_interpretation(selection, selection.periods)
    assert "Gegenüber 2020 (−10,0) ist das ein Anstieg um 5,0 (+50,0 %)." in sentences


def test_draft_change_from_a_value_printed_as_zero_has_no_per_cent(tmp_path: Path) -> None:
    selection = selection_of(tmp_path, {2020: 0.04, 2024: 3.0}, 1)
    sentences = draft_interpretation(selection, selection.periods)
    assert "Gegenüber 2020 (0,0) ist das ein Anstieg um 3,0." in sentences


def test_draft_and_placeholder_agree_on_changes_in_percentage_points(tmp_path: Path) -> None:
    # a unit that is no "%" but speaks of per cent: no per cent of the points
    write_indicator(
        tmp_path,
        "3-1-1",
        "Year,Units,Value\n2020,Prozentpunkte,2.0\n2024,Prozentpunkte,3.0\n",
        "precision:\n  - decimals: 1",
    )
    dataset = load(tmp_path)
    selection = default_selection(dataset.indicators["3-1-1"])
    sentences = draft_interpretation(selection, selection.periods)
    assert "Gegenüber 2020 (2,0 Prozentpunkte) ist das ein Anstieg um 1,0 Prozentpunkte." in (
        sentences
    )
    filled, _ = fill_placeholders('{{ veraenderung("3-1-1") }}', Facts(dataset))
    assert filled == "+1,0 Prozentpunkte"
