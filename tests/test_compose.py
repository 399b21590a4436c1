"""Composition: structure, numbering, tables, notes and alt texts built from the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.compose.model import Report, plain_text
from reportgen.compose.report import compose_report
from reportgen.load.project import load_project
from tests.conftest import make_project


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return compose_report(load_project(make_project(tmp_path_factory.mktemp("c"))))


def test_chapters_sections_and_indicators_follow_the_data(report: Report) -> None:
    assert [(c.number, c.title) for c in report.chapters] == [
        ("1", "Bevölkerung"),
        ("2", "Bildung"),
    ]
    assert [s.number for s in report.chapters[0].sections] == ["1.1", "1.2"]
    assert [b.number for b in report.indicator_blocks()] == ["1.1.1", "1.2.1", "2.1.1"]


def test_figures_and_tables_are_numbered_through(report: Report) -> None:
    blocks = report.indicator_blocks()
    assert [b.figure.number for b in blocks if b.figure] == [1, 2, 3]
    assert [b.table.number for b in blocks if b.table] == [1, 2, 3]


def test_table_shows_recent_periods_formatted_with_signs(report: Report) -> None:
    table = report.indicator_blocks()[1].table
    assert table is not None
    assert table.columns == ("2022", "2023", "2024")  # tabellenjahre: 3
    assert table.corner == "Geschlecht"
    rows = {row.header: [cell.text for cell in row.cells] for row in table.rows}
    assert rows["Insgesamt"] == ["11,5", ".", "(12,0)"]
    assert rows["weiblich"] == ["12,0", "13,0", "–"]
    assert any(
        "Zeichen:" in note and "( ) = Aussagewert eingeschränkt" in note for note in table.notes
    )
    assert "Auswahl: Gebietseinheit: Niedersachsen." in table.notes


def test_chart_never_carries_a_locked_value(report: Report) -> None:
    figure = report.indicator_blocks()[1].figure
    assert figure is not None
    total = figure.chart.series[0]
    assert dict(zip(figure.chart.categories, total.values, strict=True))["2023"] is None


def test_alt_text_describes_trend_and_latest_values(report: Report) -> None:
    figure = report.indicator_blocks()[0].figure
    assert figure is not None
    assert figure.alt_text.startswith(
        "Liniendiagramm: Bevölkerung insgesamt, Anzahl, 2020 bis 2022."
    )
    assert "Niedersachsen: Anstieg von 100 (2020) auf 121 (2022)." in figure.alt_text
    assert "Tabelle 1" in figure.alt_text


def test_school_years_without_gaps_and_bars_for_bar_graphs(report: Report) -> None:
    figure = report.indicator_blocks()[2].figure
    assert figure is not None
    assert figure.chart.kind == "bar"
    assert figure.chart.categories == ("WS 2021/22", "WS 2022/23", "WS 2023/24")
    assert [s.label for s in figure.chart.series] == ["Studierende", "Absolventen"]


def test_key_statement_names_latest_and_first_value(report: Report) -> None:
    assert (
        report.indicator_blocks()[0].key_statement
        == "Niedersachsen: 121 (2022), gegenüber 100 (2020)."
    )


def test_interpretation_status_and_generated_draft(report: Report) -> None:
    statuses = [b.interpretation.status for b in report.indicator_blocks()]
    assert statuses == ["freigegeben", "entwurf", "generiert"]
    draft = report.indicator_blocks()[2].interpretation
    text = plain_text(draft.blocks[0].inlines)  # type: ignore[union-attr]
    assert text == (
        "Der jüngste Wert der Reihe „Studierende“ beträgt 1.700 (WS 2023/24). "
        "Gegenüber WS 2021/22 (1.500) ist das ein Anstieg um 200 (+13,3 %). "
        "Zwischen „Studierende“ und „Absolventen“ beträgt der Abstand WS 2023/24 1.380."
    )
    assert draft.status_note == "Entwurf – automatisch erstellt"


def test_every_number_of_a_draft_stands_in_the_table(report: Report) -> None:
    block = report.indicator_blocks()[2]
    assert block.table is not None
    cells = {cell.text for row in block.table.rows for cell in row.cells}
    text = plain_text(block.interpretation.blocks[0].inlines)  # type: ignore[union-attr]
    assert {"1.700", "1.500"} <= cells and "1.700" in text and "1.500" in text


def test_notes_and_source_line(report: Report) -> None:
    block = report.indicator_blocks()[0]
    assert [note.label for note in block.notes] == [
        "Definition",
        "Berechnung und Methodik",
        "Fußnoten",
        "Datenquelle",
        "Weitere Informationen",
    ]
    assert block.source == (
        "Quelle: Teststatistikamt, Testmonitoring, Datenstand 2024. "
        "Datenbasis: Bevölkerungsfortschreibung."
    )


def test_appendix_lists_signs_and_sources(report: Report) -> None:
    assert report.appendix.signs[0].sign == "–"
    assert [(s.name, s.indicators) for s in report.appendix.sources] == [
        ("Ausländerzentralregister", ("1.2.1",)),
        ("Bevölkerungsfortschreibung", ("1.1.1",)),
        ("Hochschulstatistik", ("2.1.1",)),
    ]


def test_selection_in_configuration_orders_and_filters(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "auswahl:\n  - handlungsfeld: 2\n  - handlungsfeld: 1\n"
        "    indikatoren: [1-2-1]\n",
        encoding="utf-8",
    )
    report = compose_report(load_project(project))
    assert [b.number for b in report.indicator_blocks()] == ["2.1.1", "1.2.1"]
