"""What an indicator's page shows, on data in shapes the example does not have: another Land,
gaps and zero periods, declared breaks, age by sex, compositions, long category lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.breakdown import breakdown_view
from reportgen.compose.breakdown_choice import breakdown_dimensions
from reportgen.compose.charts import chart_spec, missing_positions
from reportgen.compose.indicators import default_selection
from reportgen.compose.looks import GROUP_LOOK, LAND_LOOK, REFERENCE_LOOK
from reportgen.compose.model import ChartKind, Figure, Table, walk
from reportgen.compose.presentation import configured_selection
from reportgen.compose.report import compose_report
from reportgen.errors import InvalidInput, Severity
from reportgen.load.config_presentation import Breakdown
from reportgen.load.project import load_project
from tests.builders import load, project_with_data, write_indicator

HESSEN = "K06"


def series_csv(rows: dict[int, float], extra: str = "") -> str:
    return "Year,Gebietseinheit,GeoCode,Value\n" + "".join(
        f"{year},Hessen,{HESSEN},{value}\n" for year, value in rows.items()
    )


def compose(folder: Path) -> list[object]:
    report = compose_report(prepare_project(folder))
    return list(walk(report.document.body))


def tables(nodes: list[object]) -> list[Table]:
    return [n for n in nodes if isinstance(n, Table)]


def figures(nodes: list[object]) -> list[Figure]:
    return [n for n in nodes if isinstance(n, Figure)]


# --- time axis: gaps, unavailable and zero periods, breaks ---------------------------------


def test_a_missing_year_breaks_the_line_and_is_marked_in_the_table(tmp_path: Path) -> None:
    csv = series_csv({2017: 5.0, 2018: 5.5, 2019: 6.0, 2021: 6.5, 2022: 7.0})
    folder = project_with_data(
        tmp_path, {"1-1-1": (csv, "indicator_name: Quote\nprecision: [{decimals: 1}]")}
    )
    nodes = compose(folder)
    (figure,) = figures(nodes)
    assert figure.chart.gaps == (2020.0,)
    table = tables(nodes)[0]
    assert table.columns == ("2019", "2020", "2021", "2022")  # tabellenjahre: 3, and the gap
    assert table.rows[0].cells[1] == "."
    assert "Für 2020 liegen keine Ergebnisse vor." in table.notes


def test_gaps_follow_the_usual_step_of_the_axis() -> None:
    assert missing_positions((2010.0, 2012.0, 2014.0, 2018.0)) == (2016.0,)
    assert missing_positions((2005.0, 2012.0, 2013.0, 2014.0)) == tuple(
        float(y) for y in range(2006, 2012)
    )
    assert missing_positions((2019.0, 2021.0)) == ()  # two periods: no usual step


def test_declared_break_marks_chart_and_table_and_bounds_comparisons(tmp_path: Path) -> None:
    csv = series_csv({y: 100.0 + y - 2015 for y in range(2015, 2025)})
    config = (
        "zeitreihenbrueche:\n"
        "  - {ab: 2023, bezeichnung: Zensus 2022, datenquelle: Fortschreibung,\n"
        "     erlaeuterung: Ab 2023 auf Basis des Zensus 2022.}\n"
    )
    meta = "indicator_name: Bevölkerung\ndata_source: Bevölkerungsfortschreibung"
    folder = project_with_data(tmp_path, {"1-1-1": (csv, meta)}, config)
    loaded = prepare_project(folder)
    selection = configured_selection(loaded.config, loaded.dataset.indicators["1-1-1"])
    assert [b.label for b in selection.breaks] == ["Zensus 2022"]
    assert selection.comparable() == ("2023", "2024")
    assert selection.break_before() is not None
    nodes = compose(folder)
    (figure,) = figures(nodes)
    assert [(b.position, b.label) for b in figure.chart.breaks] == [(2022.5, "Zensus 2022")]
    table = tables(nodes)[0]
    assert table.columns == ("2022", "2023¹", "2024")
    assert any(n.startswith("¹ Zeitreihenbruch ab 2023 (Zensus 2022)") for n in table.notes)


def test_a_change_placeholder_across_a_break_is_a_warning(tmp_path: Path) -> None:
    csv = series_csv({y: 100.0 + y for y in range(2018, 2025)})
    config = "zeitreihenbrueche:\n  - {ab: 2022, bezeichnung: Zensus 2022, indikatoren: [1-1-1]}\n"
    folder = project_with_data(tmp_path, {"1-1-1": (csv, "indicator_name: Bevölkerung")}, config)
    text = folder / "texte" / "indikatoren" / "1-1-1.md"
    text.write_text(
        '---\nstatus: freigegeben\n---\nSeit 2018: {{ veraenderung("1-1-1", von=2018) }}. '
        'Seit 2022: {{ veraenderung("1-1-1") }}.\n',
        encoding="utf-8",
    )
    loaded = prepare_project(folder)
    warnings = [p for p in loaded.problems if p.severity == Severity.WARNING]
    assert len(warnings) == 1
    assert "überspannt einen Zeitreihenbruch (Zensus 2022)" in warnings[0].message
    assert warnings[0].location is not None and warnings[0].location.line == 4
    # the default start is the first comparable period: +2 from 2022, not +6 from 2018
    assert "Seit 2022: +2 (" in loaded.filled[text]


def test_zero_periods_are_flagged_and_declared_ones_shown_as_x(tmp_path: Path) -> None:
    rows = "Year,Geschlecht,Value\n" + "".join(
        f"{y},{g},{0 if y == 2020 else v}\n"
        for y in range(2018, 2023)
        for g, v in (("Frauen", 4.0), ("Männer", 5.0))
    )
    meta = "indicator_name: Erwerbslosenanteil\nprecision: [{unit: '%', decimals: 1}]"
    folder = project_with_data(tmp_path, {"1-1-1": (rows, meta)})
    warnings = [p for p in prepare_project(folder).problems if p.severity == Severity.WARNING]
    assert any("Im Zeitraum 2020 sind alle Werte" in p.message for p in warnings)
    config = folder / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "darstellung:\n  1-1-1:\n    keine_werte: {2020: Keine Erhebung wegen Umstellung.}\n",
        encoding="utf-8",
    )
    loaded = prepare_project(folder)
    assert not any("Im Zeitraum 2020" in p.message for p in loaded.problems)
    nodes = compose(folder)
    table = tables(nodes)[0]
    column = table.columns.index("2020")
    assert {row.cells[column] for row in table.rows} == {"x"}
    assert "2020: Keine Erhebung wegen Umstellung." in table.notes
    (figure,) = figures(nodes)
    index = figure.chart.categories.index("2020")
    assert all(s.values[index] is None for s in figure.chart.series)


# --- breakdowns ------------------------------------------------------------------------------


AGES = ("0 – 15", "15 – 40", "40 – 65", "65 und älter", "Insgesamt")


def age_sex_csv() -> str:
    lines = ["Year,Altersgruppe,Geschlecht,Value"]
    for year in (2023, 2024):
        for age_index, age in enumerate(AGES):
            for sex, factor in (("Männer", 1.0), ("Frauen", 1.1), ("Insgesamt", 2.1)):
                value = 100.0 * (age_index + 1) * factor + year - 2023
                lines.append(f"{year},{age},{sex},{value}")
    return "\n".join(lines) + "\n"


def test_title_promising_age_and_sex_gets_a_pyramid(tmp_path: Path) -> None:
    meta = "indicator_name: Zugewanderte nach Altersgruppen und Geschlecht"
    write_indicator(tmp_path, "1-1-1", age_sex_csv(), meta)
    indicator = load(tmp_path).indicators["1-1-1"]
    selection = default_selection(indicator)
    dimensions = breakdown_dimensions(indicator, selection, indicator.meta.title, None)
    assert dimensions == ("Altersgruppe", "Geschlecht")
    view = breakdown_view(indicator, selection, dimensions, None)
    assert view is not None and view.kind == ChartKind.PYRAMID
    assert [s.label for s in view.series] == ["Männer", "Frauen"]
    assert view.categories == AGES[:-1] and view.period == "2024"


def test_shares_that_add_up_become_stacked_bars(tmp_path: Path) -> None:
    lines = ["Year,Abschluss,Migrationsstatus,Units,Value"]
    for status, shares in (("mit Zuwanderung", (20, 30, 50)), ("ohne Zuwanderung", (10, 40, 50))):
        for name, share in zip(("ohne", "mittel", "hoch"), shares, strict=True):
            lines.append(f"2024,{name},{status},%,{share}")
    meta = "indicator_name: Höchster Abschluss nach Migrationsstatus"
    write_indicator(tmp_path, "4-1-3", "\n".join(lines) + "\n", meta)
    indicator = load(tmp_path).indicators["4-1-3"]
    selection = default_selection(indicator)
    dimensions = breakdown_dimensions(indicator, selection, indicator.meta.title, None)
    view = breakdown_view(indicator, selection, dimensions, None)
    assert view is not None and view.kind == ChartKind.STACKED


def test_long_category_lists_show_the_top_and_the_rest(tmp_path: Path) -> None:
    lines = ["Year,Herkunftsland,Value"]
    lines += [f"2024,Land {i:02d},{100 - i}" for i in range(30)]
    lines.append(f"2024,Insgesamt,{sum(100 - i for i in range(30))}")
    write_indicator(
        tmp_path, "1-3-4", "\n".join(lines) + "\n", "indicator_name: Nach Herkunftsland"
    )
    indicator = load(tmp_path).indicators["1-3-4"]
    selection = default_selection(indicator)
    view = breakdown_view(indicator, selection, ("Herkunftsland",), None)
    assert view is not None and view.omitted == 18
    assert view.categories[:2] == ("Land 00", "Land 01") and view.categories[-1] == "Übrige"
    rest = view.series[0].points["Übrige"].value
    assert rest == sum(100 - i for i in range(12, 30))


def test_ranking_of_districts_with_the_land_as_reference(tmp_path: Path) -> None:
    lines = ["Year,Gebietseinheit,GeoCode,Value", "2024,Hessen,K06,12.0"]
    lines += [f"2024,Kreis {i},K06{411 + i},{5.0 + i}" for i in range(6)]
    write_indicator(
        tmp_path, "1-2-2", "\n".join(lines) + "\n", "indicator_name: Anteil nach Kreisen"
    )
    indicator = load(tmp_path).indicators["1-2-2"]
    view = breakdown_view(indicator, default_selection(indicator), ("Gebietseinheit",), None)
    assert view is not None and view.kind == ChartKind.RANKING
    assert view.categories[0] == "Kreis 5" and len(view.categories) == 6
    assert view.reference == ("06", 12.0)


def test_configured_presentation_is_checked_with_suggestions(tmp_path: Path) -> None:
    meta = "indicator_name: Zugewanderte nach Altersgruppen und Geschlecht"
    config = (
        "darstellung:\n"
        "  1-1-1:\n"
        "    auswahl: {Geschlect: Frauen}\n"
        "    fokus: Frauenn\n"
        "    aufgliederung: {merkmale: [Altersgruppe], kategorien: [0 – 15, 15 - 41]}\n"
        "  9-9-9: {karte: true}\n"
    )
    folder = project_with_data(tmp_path, {"1-1-1": (age_sex_csv(), meta)}, config)
    with pytest.raises(InvalidInput) as raised:
        _strict(folder)
    messages = [f"{p.message} {p.hint}" for p in raised.value.problems]
    assert any("kein Merkmal „Geschlect“" in m and "Meinten Sie Geschlecht?" in m for m in messages)
    assert any("„15 - 41“ gibt es im Merkmal „Altersgruppe“" in m for m in messages)
    assert any("Fokusreihe „Frauenn“" in m for m in messages)
    assert any("Indikator 9-9-9" in m for m in messages)


def _strict(folder: Path) -> None:
    loaded = prepare_project(folder)
    errors = [p for p in loaded.problems if p.severity == Severity.ERROR]
    if errors:
        raise InvalidInput(errors)


# --- one visual language and the focus series -------------------------------------------


def test_land_first_emphasised_and_groups_keep_their_looks(tmp_path: Path) -> None:
    lines = ["Year,Gebietseinheit,GeoCode,Value"]
    for year in (2023, 2024):
        lines += [f"{year},Kreis A,K06411,3", f"{year},Hessen,K06,4", f"{year},Kreis B,K06412,5"]
    meta = (
        "indicator_name: Anteil\ndata_start_values:\n"
        "  - {field: Gebietseinheit, value: Kreis A}\n"
        "  - {field: Gebietseinheit, value: Hessen}\n"
    )
    write_indicator(tmp_path, "1-2-2", "\n".join(lines) + "\n", meta)
    selection = default_selection(load(tmp_path).indicators["1-2-2"])
    assert [s.label for s in selection.series] == ["Hessen", "Kreis A"]
    spec = chart_spec(selection, ChartKind.LINE, selection.periods)
    assert (spec.series[0].look, spec.series[0].emphasis) == (LAND_LOOK, True)
    assert spec.series[1].look is None

    write_indicator(
        tmp_path / "b",
        "5-3-1",
        "Year,Migrationsstatus,Value\n"
        + "".join(
            f"{y},{g},{v}\n"
            for y in (2023, 2024)
            for g, v in (("ohne Migrationshintergrund", 3), ("mit Migrationshintergrund", 7))
        ),
        "indicator_name: Erwerbslosenanteil",
    )
    groups = default_selection(load(tmp_path / "b").indicators["5-3-1"])
    assert groups.main.label == "mit Migrationshintergrund"  # never the reference group
    looks = {s.label: s.look for s in chart_spec(groups, ChartKind.LINE, groups.periods).series}
    assert looks == {
        "ohne Migrationshintergrund": REFERENCE_LOOK,
        "mit Migrationshintergrund": GROUP_LOOK,
    }


def test_uncertain_values_are_marked_in_the_chart(tmp_path: Path) -> None:
    csv = "Year,Value,COMMENT_OBS\n2022,5,\n2023,6,Statistisch unsicher\n2024,7,\n"
    write_indicator(tmp_path, "1-1-1", csv, "indicator_name: Wert")
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    spec = chart_spec(selection, ChartKind.LINE, selection.periods)
    assert spec.series[0].uncertain == (False, True, False)


def test_the_example_configuration_resolves(tmp_path: Path) -> None:
    """Every darstellung entry of the example names what its data has."""
    from reportgen.resources import EXAMPLE_PROJECT

    loaded = load_project(EXAMPLE_PROJECT)
    assert len(loaded.config.presentation) > 40 and loaded.config.series_breaks


def test_a_quota_above_hundred_is_explained(tmp_path: Path) -> None:
    csv = "Year,Units,Value\n2022,%,98.0\n2023,%,104.0\n"
    meta = (
        "indicator_name: Betreuungsquote\n"
        "data_source: Kinder- und Jugendhilfestatistik, Mikrozensus"
    )
    folder = project_with_data(tmp_path, {"3-1-1": (csv, meta)})
    table = tables(compose(folder))[0]
    assert any(n.startswith("Werte über 100 % sind möglich, weil Zähler") for n in table.notes)


def test_configured_values_of_a_breakdown_are_shown_in_their_order(tmp_path: Path) -> None:
    meta = "indicator_name: Zugewanderte nach Altersgruppen und Geschlecht"
    write_indicator(tmp_path, "1-1-1", age_sex_csv(), meta)
    indicator = load(tmp_path).indicators["1-1-1"]
    configured = Breakdown.model_validate(
        {
            "merkmale": ["Altersgruppe", "Geschlecht"],
            "auswahl": {"Geschlecht": ["Frauen"], "Altersgruppe": ["65 und älter", "0 – 15"]},
        }
    )
    view = breakdown_view(
        indicator, default_selection(indicator), ("Altersgruppe", "Geschlecht"), configured
    )
    assert view is not None and [s.label for s in view.series] == ["Frauen"]
    assert view.categories == ("65 und älter", "0 – 15")
    assert view.kind == ChartKind.HBAR  # one sex alone is no pyramid


def test_columns_over_time_keep_a_place_for_a_missing_year(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", series_csv({2018: 1.0, 2019: 2.0, 2021: 3.0}), "")
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    spec = chart_spec(selection, ChartKind.BAR, selection.periods)
    assert spec.categories == ("2018", "2019", "2020", "2021")
    assert spec.series[0].values == (1.0, 2.0, None, 3.0)


def test_several_breakdowns_each_with_chart_and_table(tmp_path: Path) -> None:
    meta = "indicator_name: Zugewanderte nach Altersgruppen und Geschlecht"
    config = (
        "darstellung:\n"
        "  1-1-1:\n"
        "    aufgliederung:\n"
        "      - {merkmale: [Altersgruppe, Geschlecht]}\n"
        "      - {merkmale: [Geschlecht], auswahl: {Altersgruppe: 0 – 15}}\n"
    )
    folder = project_with_data(tmp_path, {"1-1-1": (age_sex_csv(), meta)}, config)
    kinds = [f.chart.kind for f in figures(compose(folder))]
    assert kinds[1:] == [ChartKind.PYRAMID, ChartKind.HBAR]  # after the time series
    config_file = folder / "reportgen.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(
            "merkmale: [Geschlecht]", "merkmale: [Geschlechtt]"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as raised:
        _strict(folder)
    (problem,) = raised.value.problems
    assert "kein Merkmal „Geschlechtt“" in problem.message
    lines = config_file.read_text(encoding="utf-8").splitlines()
    expected = next(n for n, line in enumerate(lines, 1) if "Geschlechtt" in line)
    assert problem.location is not None and problem.location.line == expected
