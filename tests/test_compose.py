"""Composition: the whole outline, numbering, tables, notes and alt texts built from the data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.model import (
    BulletList,
    Contents,
    Figure,
    Heading,
    Paragraph,
    Part,
    Role,
    Style,
    Table,
    TableKind,
    TextStatus,
    headings_of,
    plain_text,
    walk,
)
from reportgen.compose.report import Report, compose_report
from tests.builders import parts, texts
from tests.conftest import make_project


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return compose_report(prepare_project(make_project(tmp_path_factory.mktemp("c"))))


def indicators(report: Report) -> list[Part]:
    return parts(report.document, Role.INDICATOR)


def first(part: Part, kind: type) -> object:
    return next(node for node in walk(part.children) if isinstance(node, kind))


def test_the_outline_from_cover_to_appendix(report: Report) -> None:
    outline = [(h.level, h.number, h.text) for h in headings_of(report.document) if h.level <= 3]
    assert outline == [
        (1, "", "Impressum"),
        (1, "", "Inhalt"),
        (1, "", "Vorwort"),
        (1, "", "Das Wichtigste in Kürze"),
        (1, "1", "Bevölkerung"),
        (2, "1.1", "Bevölkerung im Land"),
        (3, "1.1.1", "Bevölkerung insgesamt"),
        (2, "1.2", "Ausländische Bevölkerung"),
        (3, "1.2.1", "Anteil der Ausländerinnen und Ausländer"),
        (1, "2", "Bildung"),
        (2, "2.1", "Hochschulen"),
        (3, "2.1.1", "Indikator 2.1.1"),
        (1, "", "Anhang"),
        (2, "", "Zeichenerklärung"),
        (2, "", "Datenquellen"),
        (2, "", "Abbildungsverzeichnis"),
        (2, "", "Tabellenverzeichnis"),
        (2, "", "Kreistabellen"),
        (3, "", "Handlungsfeld 1: Bevölkerung"),
    ]
    assert [p.role for p in report.document.body] == [
        Role.COVER,
        Role.IMPRINT,
        Role.CONTENTS,
        Role.FOREWORD,
        Role.SUMMARY,
        Role.CHAPTER,
        Role.CHAPTER,
        Role.APPENDIX,
    ]


def test_the_contents_list_every_listed_heading_down_to_indicators(report: Report) -> None:
    contents = first(parts(report.document, Role.CONTENTS)[0], Contents)
    assert isinstance(contents, Contents)
    assert [(e.level, e.number, e.anchor) for e in contents.entries][:5] == [
        (1, "", "vorwort"),
        (1, "", "zusammenfassung"),
        (1, "1", "hf-1"),
        (2, "1.1", "thema-1-1"),
        (3, "1.1.1", "ind-1-1-1"),
    ]
    assert contents.entries[-1].text == "Handlungsfeld 1: Bevölkerung"  # its Kreistabelle
    assert contents.update_hint.startswith("Inhaltsverzeichnis")
    assert contents.depth == 3  # chapters, topics, indicators: Word's own lists as many
    assert max(e.level for e in contents.entries) == contents.depth


def test_cover_and_imprint_say_everything_in_words(report: Report) -> None:
    cover = report.document.body[0]
    assert isinstance(cover, Part)
    assert [
        (p.style, plain_text(p.inlines)) for p in cover.children if isinstance(p, Paragraph)
    ] == [
        (Style.COVER_DRAFT, "Entwurf – nicht zur Veröffentlichung"),  # texts are drafts
        (Style.COVER_PUBLISHER, "Testministerium"),
        (Style.COVER_TITLE, "Testbericht Kleinstadt"),
        (Style.COVER_SUBTITLE, "Prüfausgabe"),
        (Style.COVER_YEAR, "Berichtsjahr 2025"),
        (Style.COVER_DATE, "30. Juni 2025"),
    ]
    imprint = texts(replace(report.document, body=(report.document.body[1],)))
    assert "Herausgeber: Testministerium" in imprint
    assert "Stand: 30. Juni 2025" in imprint
    assert "Abweichungen in den Summen durch Runden." in imprint


def test_figures_and_tables_are_numbered_through(report: Report) -> None:
    figures = [n for n in walk(report.document.body) if isinstance(n, Figure)]
    tables = [n for n in walk(report.document.body) if isinstance(n, Table) and n.number]
    assert [(f.label, f.number) for f in figures] == [("Abbildung", n) for n in (1, 2, 3)]
    # the fourth is the Kreistabelle of the annex
    assert [(t.label, t.number) for t in tables] == [("Tabelle", n) for n in (1, 2, 3, 4)]


def test_table_shows_recent_periods_formatted_with_signs(report: Report) -> None:
    table = first(indicators(report)[1], Table)
    assert isinstance(table, Table)
    assert table.columns == ("2022", "2023", "2024")  # tabellenjahre: 3
    assert table.corner == "Geschlecht"
    rows = {row.header: list(row.cells) for row in table.rows}
    assert rows["Insgesamt"] == ["11,5", ".", "(12,0)"]
    assert rows["weiblich"] == ["12,0", "13,0", "–"]
    assert any(
        "Zeichen:" in note and "( ) = Aussagewert eingeschränkt" in note for note in table.notes
    )
    # the held area is named in the title, not as a database selection under the table
    assert (
        table.caption
        == "Anteil der Ausländerinnen und Ausländer, Niedersachsen, 2022 bis 2024 (in %)"
    )
    assert not any(note.startswith("Auswahl:") for note in table.notes)


def test_chart_never_carries_a_locked_value(report: Report) -> None:
    figure = first(indicators(report)[1], Figure)
    assert isinstance(figure, Figure)
    total = figure.chart.series[0]
    assert dict(zip(figure.chart.categories, total.values, strict=True))["2023"] is None


def test_alt_text_describes_trend_and_latest_values(report: Report) -> None:
    figure = first(indicators(report)[0], Figure)
    assert isinstance(figure, Figure)
    assert figure.alt_text.startswith("Liniendiagramm: Bevölkerung insgesamt, 2020 bis 2022.")
    assert "Niedersachsen: Anstieg von 100 (2020) auf 121 (2022)." in figure.alt_text
    assert "Tabelle 1" in figure.alt_text
    assert figure.chart.axis_label == "Anzahl"
    assert figure.caption == "Bevölkerung insgesamt, 2020 bis 2022 (Anzahl)"


def test_school_years_without_gaps_and_bars_for_bar_graphs(report: Report) -> None:
    figure = first(indicators(report)[2], Figure)
    assert isinstance(figure, Figure)
    assert figure.chart.kind == "bar"
    assert figure.chart.categories == ("WS 2021/22", "WS 2022/23", "WS 2023/24")
    assert [s.label for s in figure.chart.series] == ["Studierende", "Absolventen"]


def test_key_statement_names_latest_and_first_value(report: Report) -> None:
    statement = first(indicators(report)[0], Paragraph)
    assert isinstance(statement, Paragraph) and statement.style == Style.KEY_STATEMENT
    assert (
        plain_text(statement.inlines)
        == "In Niedersachsen stieg der Wert von 100 (2020) auf 121 (2022)."
    )


def test_interpretation_status_and_generated_draft(report: Report) -> None:
    interpretations = parts(report.document, Role.INTERPRETATION)
    assert [p.status for p in interpretations] == [
        TextStatus.RELEASED,
        TextStatus.DRAFT,
        TextStatus.GENERATED,
    ]
    draft = texts(replace(report.document, body=(interpretations[2],)))
    assert draft == [
        "Lese- und Interpretationshilfe",
        "Entwurf – automatisch erstellt",
        # no difference between counts of two populations (Studierende, Absolventen)
        "Der jüngste Wert für „Studierende“ beträgt 1.700 (WS 2023/24). "
        "Gegenüber WS 2021/22 (1.500) ist das ein Anstieg um 200 (+13,3 %).",
    ]
    released = texts(replace(report.document, body=(interpretations[0],)))
    assert "Entwurf" not in " ".join(released)


def test_every_number_of_a_draft_stands_in_the_table(report: Report) -> None:
    block = indicators(report)[2]
    table = first(block, Table)
    assert isinstance(table, Table)
    cells = {cell for row in table.rows for cell in row.cells}
    text = texts(replace(report.document, body=(parts(report.document, Role.INTERPRETATION)[2],)))
    assert {"1.700", "1.500"} <= cells and "1.700" in text[-1] and "1.500" in text[-1]


def test_notes_and_source_line(report: Report) -> None:
    block = indicators(report)[0]
    notes = [h.text for h in walk(block.children) if isinstance(h, Heading) and h.level == 5]
    assert notes == [
        "Definition",
        "Berechnung und Methodik",
        "Fußnoten",
        "Datenquelle",
        "Weitere Informationen",
    ]
    # figure and table name the statistic first; the indicator says it no third time
    expected = (
        "Quelle: Bevölkerungsfortschreibung; Teststatistikamt, Testmonitoring, Datenstand 2024."
    )
    figure, table = first(block, Figure), first(block, Table)
    assert isinstance(figure, Figure) and isinstance(table, Table)
    assert figure.source == table.source == expected
    assert not any(
        isinstance(node, Paragraph) and node.style == Style.SOURCE for node in block.children
    )


def test_appendix_lists_signs_and_sources(report: Report) -> None:
    appendix = parts(report.document, Role.APPENDIX)[0]
    signs = first(appendix, Table)
    assert isinstance(signs, Table) and signs.kind == TableKind.SIGNS
    assert signs.number is None and signs.caption == "Zeichen in Tabellen und ihre Bedeutung"
    assert signs.rows[0].header == "–"
    sources = first(appendix, BulletList)
    assert isinstance(sources, BulletList)
    assert [plain_text(item) for item in sources.items] == [
        "Ausländerzentralregister: Indikator 1.2.1",
        "Bevölkerungsfortschreibung: Indikator 1.1.1",
        "Hochschulstatistik: Indikator 2.1.1",
    ]
    intro = texts(replace(report.document, body=(appendix,)))
    assert (
        "Quelle: Teststatistikamt, Testmonitoring. Die einzelnen Indikatoren beruhen auf "
        "folgenden Statistiken:" in intro
    )


def test_text_uses_for_the_release(report: Report) -> None:
    assert [(use.label, use.status) for use in report.texts] == [
        ("Vorwort", TextStatus.RELEASED),
        ("Einleitung Handlungsfeld 1", TextStatus.RELEASED),
        ("Lese- und Interpretationshilfe 1.1.1", TextStatus.RELEASED),
        ("Lese- und Interpretationshilfe 1.2.1", TextStatus.DRAFT),
        ("Einleitung Handlungsfeld 2", TextStatus.MISSING),
        ("Lese- und Interpretationshilfe 2.1.1", TextStatus.GENERATED),
        ("Das Wichtigste in Kürze", TextStatus.RELEASED),  # written from the chapters' uses on
    ]


def test_labels_come_from_the_labels_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "meine-woerter.yml").write_text(
        "indikator:\n  lesehilfe: Hinweise zum Lesen\n  abbildung: Grafik\n", encoding="utf-8"
    )
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "stile:\n  beschriftungen: meine-woerter.yml\n",
        encoding="utf-8",
    )
    report = compose_report(prepare_project(project))
    assert "Hinweise zum Lesen" in texts(report.document)
    assert "Lese- und Interpretationshilfe" not in texts(report.document)
    assert {f.label for f in walk(report.document.body) if isinstance(f, Figure)} == {"Grafik"}


def test_selection_in_configuration_orders_and_filters(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "auswahl:\n  - handlungsfeld: 2\n  - handlungsfeld: 1\n"
        "    indikatoren: [1-2-1]\n",
        encoding="utf-8",
    )
    report = compose_report(prepare_project(project))
    numbers = [h.number for h in headings_of(report.document) if h.level == 3]
    assert numbers == ["2.1.1", "1.2.1"]
