"""Captions name their unit once and the period they cover; every kind of chart has an
alternative text that says what it shows and what stands out."""

from __future__ import annotations

import re

import pytest

from reportgen.compose.figures import alt_text, caption, chart_alt_text, with_unit
from reportgen.compose.model import (
    ChartKind,
    ChartSeries,
    ChartSpec,
    MapClasses,
    MapShape,
    ReferenceLine,
)
from reportgen.compose.selection import Break
from tests.test_describe import land, make_selection, series

UNIT_WORDS = re.compile(r"in %|in prozent|in 1\.?000|anzahl|prozentpunkt", re.I)


@pytest.mark.parametrize(
    ("title", "unit", "expected"),
    [
        (
            "Anteil der Ausländerinnen und Ausländer in Niedersachsen in Prozent",
            "%",
            "Anteil der Ausländerinnen und Ausländer in Niedersachsen (in %)",
        ),
        (
            "Bevölkerungsentwicklung in Niedersachsen (Veränderung in Prozent)",
            "%",
            "Bevölkerungsentwicklung in Niedersachsen (Veränderung in Prozent)",
        ),
        (
            "Menschen nach Herkunftsland (in 1000)",
            "in 1000",
            "Menschen nach Herkunftsland (in 1.000)",
        ),
        ("Menschen (in 1.000)", "Anzahl in 1000", "Menschen (in 1.000)"),
        ("Einbürgerungen (Anzahl)", "", "Einbürgerungen (Anzahl)"),
        ("Einbürgerungen (Anzahl)", "Anzahl", "Einbürgerungen (Anzahl)"),
        ("Abschlüsse (in Prozent)", "%", "Abschlüsse (in %)"),
        ("Abschlüsse in %", "Prozent", "Abschlüsse (in %)"),
        ("Bevölkerung", "", "Bevölkerung (Anzahl)"),
        ("Erwerbstätige", "in Tausend", "Erwerbstätige (in 1.000)"),
        ("Betreuungsquote (in %)", "Anzahl", "Betreuungsquote (Anzahl)"),
    ],
)
def test_no_caption_names_its_unit_twice(title: str, unit: str, expected: str) -> None:
    selection = land({"2020": 1.0}, unit=unit)
    text = with_unit(title, selection)
    assert text == expected
    assert len(UNIT_WORDS.findall(text)) == 1


def test_a_caption_carries_the_selection_and_the_period() -> None:
    selection = land({"2011": 6.6, "2024": 4.3})
    periods = selection.periods
    assert caption(
        "Erwerbslosenanteil in Prozent", selection, periods, "15 bis unter 65 Jahre"
    ) == ("Erwerbslosenanteil, 15 bis unter 65 Jahre, 2011 bis 2024 (in %)")
    assert caption("Ausländeranteil", selection, ("2024",)) == "Ausländeranteil, 2024 (in %)"
    categories = land({"2024 / 2005": 0.1}, temporal=False)
    assert caption("Entwicklung", categories, categories.periods) == "Entwicklung (in %)"


def test_the_alt_text_of_a_time_series_names_the_break() -> None:
    selection = land(
        {"2005": 100.0, "2015": 120.0, "2022": 90.0, "2024": 95.0},
        unit="",
        decimals=0,
        breaks=(Break(2022, "Zensus 2022"),),
    )
    text = alt_text("Bevölkerung", selection, "line", selection.periods, 3)
    assert text == (
        "Liniendiagramm: Bevölkerung, 2005 bis 2024. Zeitreihenbruch ab 2022 (Zensus 2022). "
        "Niedersachsen: 100 (2005) und 95 (2024); seit dem Bruch Anstieg von 90 (2022) auf "
        "95 (2024). Die Werte der letzten Jahre stehen in Tabelle 3."
    )


def test_the_alt_text_of_a_time_series_keeps_signs() -> None:
    selection = make_selection(
        series("mit Migrationshintergrund", {"2021": (5.7, "()"), "2024": (6.0, "p")}),
        unit="in 1000",
    )
    text = alt_text("Erwerbstätige (in 1000)", selection, "line", selection.periods, None)
    assert text.startswith("Liniendiagramm: Erwerbstätige (in 1.000), 2021 bis 2024.")
    assert "Anstieg von (5,7) Tsd. (2021) auf 6,0 Tsd. (2024, vorläufig)." in text


def spec(
    kind: ChartKind, categories: tuple[str, ...], *rows: ChartSeries, **extra: object
) -> ChartSpec:
    return ChartSpec(kind, categories, rows, "in %", 1, **extra)  # type: ignore[arg-type]


def test_horizontal_bars_name_the_largest_and_smallest() -> None:
    chart = spec(
        ChartKind.HBAR,
        ("Polen", "Türkei", "Ukraine"),
        ChartSeries("Insgesamt", (100165.0, 90000.0, 120635.0)),
    )
    chart = ChartSpec(chart.kind, chart.categories, chart.series, "Anzahl", 0)
    assert chart_alt_text("Ausländer nach Staatsangehörigkeit", chart, "", 12) == (
        "Balkendiagramm: Ausländer nach Staatsangehörigkeit. Den höchsten Wert hat „Ukraine“ "
        "mit 120.635, den niedrigsten „Türkei“ mit 90.000. Die Werte stehen in Tabelle 12."
    )


def test_a_ranking_names_top_bottom_and_the_reference() -> None:
    areas = tuple(f"Kreis {letter}" for letter in "ABCDEFGH")
    values = (9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, (2.5))
    chart = spec(
        ChartKind.RANKING,
        areas,
        ChartSeries("Anteil", values, uncertain=(False,) * 7 + (True,)),
        references=(ReferenceLine("Niedersachsen", 6.2),),
    )
    text = chart_alt_text("Ausländeranteil (in %)", chart, "%", None)
    assert text.startswith("Balkendiagramm in Rangfolge: Ausländeranteil (in %).")
    assert (
        "Die höchsten Werte haben Kreis A mit 9,0 %, Kreis B mit 8,0 % und Kreis C mit 7,0 %"
        in (text)
    )
    assert "die niedrigsten Kreis F mit 4,0 %, Kreis G mit 3,0 % und Kreis H mit (2,5) %." in text
    assert "Vergleichslinie: Niedersachsen mit 6,2 %." in text
    assert "Werte in Klammern sind statistisch unsicher" in text


def test_stacked_bars_name_the_largest_segment_per_bar() -> None:
    chart = spec(
        ChartKind.STACKED,
        ("Deutsche", "Ausländer"),
        ChartSeries("Gymnasium", (45.0, 20.0)),
        ChartSeries("Hauptschule", (10.0, 30.1)),
        ChartSeries("Realschule", (45.0 - 0.5, 49.9)),
    )
    text = chart_alt_text("Schüler nach Schulform", chart, "%", 4)
    assert "Den größten Teil bildet bei „Deutsche“ „Gymnasium“ mit 45,0 %; " in text
    assert "bei „Ausländer“ „Realschule“ mit 49,9 %." in text
    assert text.endswith("Die Werte stehen in Tabelle 4.")


def test_a_pyramid_names_each_sides_largest_class() -> None:
    chart = spec(
        ChartKind.PYRAMID,
        ("unter 20", "20 bis unter 40", "40 und älter"),
        ChartSeries("Männer", (10.0, 30.0, 20.0)),
        ChartSeries("Frauen", (9.0, 25.0, 28.0)),
    )
    text = chart_alt_text("Ausländer nach Alter", chart, "in 1000", None)
    assert text.startswith("Pyramidendiagramm: Ausländer nach Alter (in 1.000). Links „Männer“")
    assert "von „unter 20“ (unten) bis „40 und älter“ (oben)" in text
    assert "bei „Männer“ „20 bis unter 40“ mit 30,0 Tsd." in text
    assert "bei „Frauen“ „40 und älter“ mit 28,0 Tsd." in text


def test_a_map_names_its_classes_and_extremes() -> None:
    shapes = tuple(MapShape(key, (), key == "b") for key in "abc")
    chart = spec(
        ChartKind.MAP,
        ("Kreis A", "Kreis B", "Kreis C"),
        ChartSeries("Anteil", (4.0, 12.0, None)),
        map=MapClasses(shapes, (0, 1, None), ("unter 5,0 %", "5,0 % und mehr"), "keine Angabe"),
    )
    text = chart_alt_text("Ausländeranteil", chart, "%", 7)
    assert "Die 3 Gebiete sind nach ihrem Wert in 2 Klassen eingefärbt: unter 5,0 %, " in text
    assert "1 ohne Wert: keine Angabe." in text
    assert "Hervorgehoben: Kreis B." in text
    assert "Die Werte von oben nach unten: Kreis B mit 12,0 % und Kreis A mit 4,0 %." in text
    assert "Anzahl" not in text


def test_database_class_hints_leave_the_caption() -> None:
    selection = land({"2024": 1.0}, unit="")
    title = "Ausländer nach Altersgruppen (von... bis Jahre)"
    assert with_unit(title, selection) == "Ausländer nach Altersgruppen (Anzahl)"
