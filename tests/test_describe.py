"""Key statements and drafts: one correct German sentence about the focus series, compared only
within the comparable span and as the table prints the values (half up, one helper)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reportgen.compose.describe import draft_interpretation, key_statement, short_definition
from reportgen.compose.facts import Facts
from reportgen.compose.figures import alt_text
from reportgen.compose.indicators import Selection, default_selection
from reportgen.compose.placeholders import fill_placeholders
from reportgen.compose.selection import Break, Point, Series
from tests.builders import load, make_indicator, write_indicator

Value = float | None | tuple[float | None, str]


def series(label: str, values: dict[str, Value], level: str = "") -> Series:
    points = {
        period: Point(*value) if isinstance(value, tuple) else Point(value, "")
        for period, value in values.items()
    }
    return Series(label, points, level)


def make_selection(
    *rows: Series,
    unit: str = "%",
    decimals: int = 1,
    varying: tuple[str, ...] = ("Gruppe",),
    fixed: tuple[tuple[str, str], ...] = (),
    temporal: bool = True,
    **extra: Any,
) -> Selection:
    periods = tuple(sorted(dict.fromkeys(p for s in rows for p in s.points), key=_key))
    return Selection(
        unit=unit,
        open_sdg_series="",
        fixed=fixed,
        varying=varying,
        periods=periods,
        temporal=temporal,
        series=rows,
        decimals=decimals,
        period_keys={p: _key(p) for p in periods},
        **extra,
    )


def _key(period: str) -> float:
    found = re.search(r"\d{4}", period)
    return float(found.group(0)) if found else 5000.0 + len(period)


def land(values: dict[str, Value], **extra: Any) -> Selection:
    return make_selection(
        series("Niedersachsen", values, "land"), varying=("Gebietseinheit",), by_area=True, **extra
    )


def test_a_rise_of_the_land_is_one_sentence() -> None:
    selection = land({"2005": 5.8, "2015": 9.0, "2024": 13.7})
    assert key_statement(selection) == (
        "In Niedersachsen stieg der Wert von 5,8 % (2005) auf 13,7 % (2024)."
    )


def test_a_configured_subject_begins_the_sentence() -> None:
    selection = land({"2005": 5.8, "2024": 13.7})
    assert key_statement(selection, "Der Ausländeranteil in Niedersachsen") == (
        "Der Ausländeranteil in Niedersachsen stieg von 5,8 % (2005) auf 13,7 % (2024)."
    )


def test_a_fall_of_a_category() -> None:
    selection = make_selection(
        series("ohne Migrationshintergrund", {"2011": 3.0, "2024": 2.0}),
        series("mit Migrationshintergrund", {"2011": 6.6, "2024": 4.3}),
    )
    assert key_statement(selection) == (
        "Für „mit Migrationshintergrund“ sank der Wert von 6,6 % (2011) auf 4,3 % (2024)."
    )


def test_the_reference_group_is_never_the_focus() -> None:
    selection = make_selection(
        series("Deutsche", {"2011": 25.5, "2024": 25.0}),
        series("Ausländerinnen und Ausländer", {"2011": 11.2, "2024": 12.7}),
    )
    statement = key_statement(selection)
    assert "„Ausländerinnen und Ausländer“" in statement
    assert "Deutsche" not in statement


def test_values_that_print_alike_are_unchanged() -> None:
    # round() would print 12.25 as 12,2 (half to even) and speak of a fall
    selection = land({"2020": 12.34, "2024": 12.25})
    assert key_statement(selection) == (
        "In Niedersachsen blieb der Wert von 2020 bis 2024 unverändert bei 12,3 %."
    )


def test_equal_ends_with_movement_between_are_not_called_unchanged() -> None:
    selection = land({"2020": 12.3, "2022": 14.0, "2024": 12.3})
    assert key_statement(selection) == (
        "In Niedersachsen lag der Wert 2024 wie schon 2020 bei 12,3 %."
    )


def test_a_single_period() -> None:
    selection = land({"2024": 13.7})
    assert key_statement(selection) == "In Niedersachsen betrug der Wert 13,7 % (2024)."


def test_rounds_half_up() -> None:
    selection = land({"2020": 1.005, "2024": 2.675}, decimals=2)
    assert key_statement(selection) == (
        "In Niedersachsen stieg der Wert von 1,01 % (2020) auf 2,68 % (2024)."
    )


def test_uncertain_values_keep_their_brackets() -> None:
    selection = land({"2021": (5.7, "()"), "2024": (6.1, "()")}, unit="in 1000")
    assert key_statement(selection) == (
        "In Niedersachsen stieg der Wert von (5,7) Tsd. (2021) auf (6,1) Tsd. (2024)."
    )


def test_provisional_values_are_marked() -> None:
    selection = land({"2023": 13.0, "2024": (13.7, "p")})
    assert key_statement(selection) == (
        "In Niedersachsen stieg der Wert von 13,0 % (2023) auf 13,7 % (2024, vorläufig)."
    )


def test_no_change_from_a_locked_value() -> None:
    selection = land({"2020": (None, "."), "2022": 4.0, "2024": 5.0})
    assert "von 4,0 % (2022)" in key_statement(selection)


def test_a_break_cuts_the_comparison_and_is_named() -> None:
    selection = land(
        {"2005": 100.0, "2015": 120.0, "2022": 90.0, "2024": 95.0},
        unit="",
        decimals=0,
        breaks=(Break(2022, "Zensus 2022"),),
    )
    assert key_statement(selection) == (
        "In Niedersachsen stieg der Wert von 90 (2022) auf 95 (2024). "
        "Werte vor 2022 sind wegen des Zeitreihenbruchs „Zensus 2022“ nicht vergleichbar."
    )


def test_only_a_break_before_the_series_says_nothing() -> None:
    selection = land({"2022": 90.0, "2024": 95.0}, breaks=(Break(2011, "Zensus 2011"),))
    assert "Zeitreihenbruch" not in key_statement(selection)


def test_an_unavailable_period_is_never_compared() -> None:
    selection = land({"2019": 5.0, "2020": 0.0, "2024": 6.0}, unavailable=("2019",))
    assert key_statement(selection) == "In Niedersachsen betrug der Wert 6,0 % (2024)."


def test_a_period_of_zeros_is_never_compared() -> None:
    selection = make_selection(
        series("mit Migrationshintergrund", {"2019": 5.0, "2020": 0.0, "2021": 6.0}),
        series("ohne Migrationshintergrund", {"2019": 3.0, "2020": 0.0, "2021": 3.5}),
    )
    assert "von 5,0 % (2019) auf 6,0 % (2021)" in key_statement(selection)
    early = make_selection(
        series("mit Migrationshintergrund", {"2020": 0.0, "2021": 6.0}),
        series("ohne Migrationshintergrund", {"2020": 0.0, "2021": 3.5}),
    )
    assert key_statement(early).endswith("betrug der Wert 6,0 % (2021).")


def test_units_after_von_stand_in_the_dative() -> None:
    years = land({"2016": 35.5, "2024": 36.0}, unit="Jahre")
    assert "von 35,5 Jahren (2016) auf 36,0 Jahre (2024)" in key_statement(years)
    points = land({"2007": 11.0, "2025": 12.0}, unit="Prozentpunkte")
    assert "von 11,0 Prozentpunkten (2007) auf 12,0 Prozentpunkte (2025)" in key_statement(points)


def test_held_values_name_the_group_in_words() -> None:
    selection = make_selection(
        series("(Fach-)Hochschulreife", {"2005": 23.1, "2024": 36.2}),
        series("Ohne Abschluss1)", {"2005": 10.0, "2024": 9.0}),
        fixed=(("Altersgruppe", "15 – 65"), ("Migrationsstatus", "mit Migrationshintergrund")),
        focus_label="(Fach-)Hochschulreife",
    )
    assert key_statement(selection) == (
        "Für „(Fach-)Hochschulreife“ (15 bis unter 65 Jahre, mit Migrationshintergrund) stieg "
        "der Wert von 23,1 % (2005) auf 36,2 % (2024)."
    )


def test_an_area_and_a_group_in_one_label() -> None:
    selection = make_selection(
        series("Niedersachsen – Ausländerinnen und Ausländer", {"2005": 10.0, "2024": 8.0}, "land"),
        varying=("Gebietseinheit", "Nationalität"),
        unit="Anzahl",
        decimals=0,
    )
    assert key_statement(selection) == (
        "In Niedersachsen sank der Wert für „Ausländerinnen und Ausländer“ von 10 (2005) "
        "auf 8 (2024)."
    )


def test_periods_that_are_categories() -> None:
    selection = land({"2024 / 2005": 0.1, "2024 / 2023": -0.04}, temporal=False)
    assert key_statement(selection) == (
        "In Niedersachsen beträgt der Wert 0,1 % (2024 / 2005) und 0,0 % (2024 / 2023)."
    )
    provisional = land({"2024 / 2005": (0.1, "p"), "2024 / 2023": 0.0}, temporal=False)
    assert key_statement(provisional) == (
        "In Niedersachsen beträgt der Wert 0,1 % (2024 / 2005, vorläufig) und 0,0 % (2024 / 2023)."
    )
    bracketed = land({"Veränderung aktuelles Jahr (2024) zu 2005": 2.0}, temporal=False)
    assert key_statement(bracketed) == (
        "In Niedersachsen beträgt der Wert 2,0 % („Veränderung aktuelles Jahr (2024) zu 2005“)."
    )


@given(
    unit=st.sampled_from(["", "Anzahl", "Anzahl in 1000", "in 1000", "%", "Jahre", "Fälle"]),
    values=st.lists(
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=6
    ),
    sign=st.sampled_from(["", "()", "p", "r", "s", "."]),
)
def test_every_statement_is_one_sentence_without_anzahl(
    unit: str, values: list[float | None], sign: str
) -> None:
    points: dict[str, Value] = {str(2010 + i): v for i, v in enumerate(values)}
    points[str(2010 + len(values))] = (1.0 if sign != "." else None, sign)
    selection = land(points, unit=unit)
    statement = key_statement(selection)
    assert statement.endswith(".") and statement[0].isupper()
    assert "Anzahl" not in statement
    assert "  " not in statement and "None" not in statement
    assert "Anzahl" not in alt_text("Titel", selection, "line", selection.periods, None)


def selection_of(tmp_path: Path, values: dict[int | str, float], decimals: int) -> Selection:
    meta = f"precision:\n  - decimals: {decimals}"
    return default_selection(make_indicator(tmp_path, values, meta))


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


def test_draft_compares_shares_in_percentage_points_with_the_earlier_distance() -> None:
    selection = make_selection(
        series("ohne Migrationshintergrund", {"2011": 3.0, "2024": 2.5}),
        series("mit Migrationshintergrund", {"2011": 6.6, "2024": 4.3}),
    )
    sentences = draft_interpretation(selection, selection.periods)
    assert sentences == (
        "Der jüngste Wert für „mit Migrationshintergrund“ beträgt 4,3 % (2024).",
        "Gegenüber 2011 (6,6 %) ist das ein Rückgang um 2,3 Prozentpunkte.",
        "2024 liegt der Wert für „mit Migrationshintergrund“ um 1,8 Prozentpunkte über dem für "
        "„ohne Migrationshintergrund“.",
        "2011 hatte der Abstand 3,6 Prozentpunkte betragen.",
    )


def test_draft_never_subtracts_counts_of_different_populations() -> None:
    selection = make_selection(
        series("Deutsche", {"2020": 5000.0, "2024": 5200.0}),
        series("Ausländerinnen und Ausländer", {"2020": 900.0, "2024": 1000.0}),
        unit="Anzahl",
        decimals=0,
    )
    sentences = draft_interpretation(selection, selection.periods)
    assert not any("Abstand" in s or "über dem" in s or "Deutsche" in s for s in sentences)


def test_draft_stays_within_the_comparable_periods_and_names_the_break() -> None:
    selection = land(
        {"2020": 5.0, "2021": 5.5, "2022": 7.0, "2024": 8.0},
        breaks=(Break(2022, "Zensus 2022"),),
    )
    sentences = draft_interpretation(selection, selection.periods)
    assert "Gegenüber 2022 (7,0 %) ist das ein Anstieg um 1,0 Prozentpunkte." in sentences
    assert any("Zeitreihenbruchs „Zensus 2022“" in s for s in sentences)
    assert not any("2020" in s for s in sentences)


def test_draft_opens_with_a_short_plain_definition() -> None:
    selection = land({"2020": 5.0, "2024": 6.0})
    definition = (
        "<p>Der Indikator gibt den Anteil der Kinder im 8. Schuljahrgang an, z. B. an "
        "Gymnasien. Weitere Erläuterungen folgen.</p>"
    )
    sentences = draft_interpretation(selection, selection.periods, definition)
    assert sentences[0] == (
        "Der Indikator gibt den Anteil der Kinder im 8. Schuljahrgang an, z. B. an Gymnasien."
    )


def test_long_or_linked_definitions_are_left_out() -> None:
    assert short_definition("Siehe [BAMF](https://www.bamf.de). Mehr.") == ""
    assert short_definition("Ein " + "sehr " * 60 + "langer Satz. Kurz.") == ""
    assert short_definition("") == ""


def test_draft_leaves_out_the_distance_of_two_shares_of_one_whole() -> None:
    selection = make_selection(
        series("Deutsche", {"2020": 89.6, "2024": 83.6}),
        series("Ausländerinnen und Ausländer", {"2020": 10.4, "2024": 16.4}),
    )
    sentences = draft_interpretation(selection, selection.periods)
    assert not any("Deutsche" in s for s in sentences)


def test_a_definition_may_end_in_an_acronym() -> None:
    text = "Der Indikator zeigt die Abschiebungen nach der Dublin III VO. Das Verfahren …"
    assert short_definition(text) == "Der Indikator zeigt die Abschiebungen nach der Dublin III VO."
    two = "Der Indikator gibt den Anteil im 8. Schuljahrgang an. Er kann mehr."
    assert short_definition(two) == "Der Indikator gibt den Anteil im 8. Schuljahrgang an."
