"""reportgen vergleich: two editions of the data, what changed and which texts to revise first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.compare.editions import Comparison, IndicatorDiff, compare_data, diff_indicator
from reportgen.compare.render import render_html, render_markdown, summary_lines
from reportgen.errors import DataError, InvalidInput
from reportgen.load.opensdg import load_dataset
from tests.builders import write_indicator
from tests.conftest import FAILURES, MINI

runner = CliRunner()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def editions(tmp_path: Path) -> tuple[Path, Path]:
    """The mini data and a next edition: 1.2.1 revised and a year longer, 2.1.1 gone, 3.1.1 new."""
    old, new = tmp_path / "alt", tmp_path / "neu"
    shutil.copytree(MINI / "daten", old)
    shutil.copytree(MINI / "daten", new)
    table = new / "data" / "indicator_1-2-1.csv"
    edit(table, "K030,,11.5", "K030,,11.9")  # revised
    edit(table, "Gesperrt,987.6", ",12.3")  # no longer suppressed: revised
    edit(table, "K030,,10.25", "K030,,10.2500000001")  # float noise
    with table.open("a", encoding="utf-8") as stream:
        stream.write("2025,Niedersachsen,Insgesamt,%,K030,,13.5\n")
    edit(new / "data" / "indicator_1-1-1.csv", "K030,100,", "K030,100.4,")  # 100 as published
    (new / "data" / "indicator_2-1-1.csv").unlink()
    (new / "meta" / "2-1-1.md").unlink()
    write_indicator(new, "3-1-1", "Year,Value\n2024,5\n", "indicator_name: Neue Kennzahl")
    return old, new


def texts_with_mentions(tmp_path: Path) -> Path:
    texts = tmp_path / "texte"
    shutil.copytree(MINI / "texte", texts)
    with (texts / "vorwort.md").open("a", encoding="utf-8") as stream:
        stream.write('\nDer Anteil lag zuletzt bei {{ wert("1-2-1", "2024") }}.\n')
        stream.write("Die Hochschulen (Indikator 2.1.1) bleiben außen vor.\n")
    with (texts / "handlungsfelder" / "1.md").open("a", encoding="utf-8") as stream:
        stream.write("\nSiehe Indikator 1.2.10 und 11.2.1.\n")
    return texts


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """Compared once for the module: the result is frozen."""
    tmp_path = tmp_path_factory.mktemp("vergleich")
    old, new = editions(tmp_path)
    return compare_data(old, new, texts_with_mentions(tmp_path))


def changed(comparison: Comparison, indicator_id: str) -> IndicatorDiff:
    return next(d for d in comparison.changed if d.id == indicator_id)


# --- data -------------------------------------------------------------------------------------


def test_added_and_removed_indicators(comparison: Comparison) -> None:
    assert [d.id for d in comparison.added] == ["3-1-1"]
    assert [d.id for d in comparison.removed] == ["2-1-1"]
    assert comparison.compared == 2


def test_new_period(comparison: Comparison) -> None:
    assert changed(comparison, "1-2-1").new_periods == ("2025",)
    assert changed(comparison, "1-2-1").dropped_periods == ()


def test_revised_values_are_counted_with_german_examples(comparison: Comparison) -> None:
    diff = changed(comparison, "1-2-1")
    assert diff.revised == 2
    assert diff.revised_periods == ("2022", "2023")
    shown = {f"{r.label}: {r.old} → {r.new}" for r in diff.examples}
    assert shown == {
        "2022, Niedersachsen, Insgesamt: 11,5 % → 11,9 %",
        "2023, Niedersachsen, Insgesamt: nicht ausgewiesen (.) → 12,3 %",
    }


def test_float_noise_and_hidden_digits_are_no_revision(comparison: Comparison) -> None:
    # 1.1.1 is published without decimals: 100 → 100,4 still reads 100
    assert "1-1-1" not in {d.id for d in comparison.changed}


def test_notable_move_of_the_latest_value(comparison: Comparison) -> None:
    move = changed(comparison, "1-2-1").move
    assert move is not None and move.notable
    assert move.text == "Insgesamt: 12,0 % (2024) → 13,5 % (2025)"
    assert move.change == "+1,5 Prozentpunkte (+12,5 %)"


def test_small_move_is_not_notable(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    edit(new / "data" / "indicator_1-2-1.csv", "K030,,13.5", "K030,,12.5")
    move = changed(compare_data(old, new, None), "1-2-1").move
    assert move is not None and not move.notable  # +0,5 points, +4,2 %


def test_same_data_has_no_news() -> None:
    comparison = compare_data(MINI / "daten", MINI / "daten", None)
    assert (comparison.added, comparison.removed, comparison.changed) == ((), (), ())


def test_changed_breakdown_is_named_and_values_not_compared(tmp_path: Path) -> None:
    new = tmp_path / "neu"
    shutil.copytree(MINI / "daten", new)
    edit(new / "data" / "indicator_2-1-1.csv", "Year,Kategorie,Value", "Year,Art,Value")
    edit(new / "data" / "indicator_2-1-1.csv", ",1700", ",1")  # would be a revision
    diff = changed(compare_data(MINI / "daten", new, None), "2-1-1")
    assert (diff.breakdown, diff.revised) == ("+Art, −Kategorie", 0)


# --- texts ------------------------------------------------------------------------------------


def test_texts_naming_the_indicator_are_listed_with_lines(comparison: Comparison) -> None:
    texts = {(m.path.parent.name, m.path.name): m.lines for m in changed(comparison, "1-2-1").texts}
    assert next(iter(texts)) == ("indikatoren", "1-2-1.md")  # its own text comes first
    assert texts == {("indikatoren", "1-2-1.md"): (), ("texte", "vorwort.md"): (9,)}


def test_texts_naming_a_removed_indicator_are_listed(comparison: Comparison) -> None:
    assert [(m.path.name, m.lines) for m in comparison.removed[0].texts] == [("vorwort.md", (10,))]


def test_introduction_counts_only_when_it_names_the_indicator(comparison: Comparison) -> None:
    mentioned = {m.path.name for d in comparison.changed for m in d.texts}
    assert "1.md" not in mentioned  # "1.2.10" and "11.2.1" are other indicators


def test_texts_to_revise_first(comparison: Comparison) -> None:
    tasks = {task.path.name: task for task in comparison.to_revise}
    assert set(tasks) == {"1-2-1.md", "vorwort.md"}
    assert tasks["vorwort.md"].lines == (9, 10)
    assert tasks["vorwort.md"].reasons == (
        "2.1.1: entfällt",
        "1.2.1: letzter Wert +1,5 Prozentpunkte (+12,5 %), 2 Werte revidiert",
    )


def test_without_texts_the_summary_says_so(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    assert "Kein Projekt angegeben" in summary_lines(compare_data(old, new, None))[-1]
    missing = compare_data(old, new, tmp_path / "fehlt")
    assert not missing.texts_checked and missing.to_revise == ()
    assert "Textordner" in summary_lines(missing)[-1]


# --- output -----------------------------------------------------------------------------------


def test_summary_lines(comparison: Comparison) -> None:
    assert summary_lines(comparison) == [
        "2 Indikatoren in beiden Datenständen, 1 neu, 1 entfallen.",
        "Neue Zeiträume bei 1 Indikator, entfallene bei 0 Indikatoren.",
        "2 Werte in 1 Indikator revidiert.",
        "Auffällige Veränderung des letzten Werts bei 1 Indikator.",
        "Zuerst zu überarbeiten: 2 Texte.",
    ]


def test_markdown_puts_texts_to_revise_first(comparison: Comparison) -> None:
    text = render_markdown(comparison)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Überblick",
        "## Zuerst zu überarbeiten",
        "## Auffällige Veränderungen des letzten Werts",
        "## Revidierte Werte",
        "## Neue und entfallene Zeiträume",
        "## Neue Indikatoren",
        "## Entfallene Indikatoren",
    ]
    assert "- `texte/vorwort.md` (Zeilen 9, 10) – 2.1.1: entfällt; 1.2.1: letzter Wert" in text
    assert "- 2022, Niedersachsen, Insgesamt: 11,5 % → 11,9 %" in text
    assert "Insgesamt: 12,0 % (2024) → 13,5 % (2025), +1,5 Prozentpunkte (+12,5 %)" in text
    assert "- **neu 2025**: 1.2.1" in text
    assert "- **3.1.1 Neue Kennzahl** – kein Text erwähnt ihn" in text


def test_html_version_for_the_browser(comparison: Comparison) -> None:
    page = render_html(comparison)
    assert '<html lang="de">' in page and "<h2>Zuerst zu überarbeiten</h2>" in page
    assert "<code>texte/vorwort.md</code>" in page


# --- errors and command line ------------------------------------------------------------------


def test_folder_without_open_sdg_data_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    with pytest.raises(DataError, match="Bisheriger Datenstand: Kein Open-SDG-Datenordner"):
        compare_data(tmp_path / "leer", MINI / "daten", None)
    with pytest.raises(DataError, match="Neuer Datenstand: Den Ordner gibt es nicht"):
        compare_data(MINI / "daten", tmp_path / "fehlt", None)


def test_broken_table_in_the_new_edition_stops(tmp_path: Path) -> None:
    new = tmp_path / "neu"
    shutil.copytree(MINI / "daten", new)
    shutil.copytree(FAILURES / "unlesbare-zahl" / "daten", new, dirs_exist_ok=True)
    with pytest.raises(InvalidInput) as caught:
        compare_data(MINI / "daten", new, None)
    assert any("keine Zahl" in p.message for p in caught.value.problems)


def test_cli_writes_the_report(tmp_path: Path) -> None:
    old, new = editions(tmp_path)
    project = tmp_path / "projekt"
    shutil.copytree(MINI, project)
    shutil.copytree(texts_with_mentions(tmp_path), project / "texte", dirs_exist_ok=True)
    out = tmp_path / "out"
    args = ["vergleich", str(old), str(new), "--projekt", str(project), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Zuerst zu überarbeiten: 2 Texte." in " ".join(result.output.split())
    assert "## Revidierte Werte" in (out / "vergleich.md").read_text(encoding="utf-8")


def test_cli_invalid_folder_exits_1_in_german(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["vergleich", str(tmp_path / "leer"), str(MINI / "daten"), "--out", str(out)]
    )
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "Traceback" not in output and "Kein Open-SDG-Datenordner" in output
    assert not out.exists()


# --- values as published ----------------------------------------------------------------------


def two_editions(tmp_path: Path, old: str, new: str) -> IndicatorDiff:
    """Indicator 3-1-1 with two decimals, its 2024 value in each edition."""
    meta = "precision:\n  - decimals: 2"
    for folder, value in (("alt", old), ("neu", new)):
        write_indicator(tmp_path / folder, "3-1-1", f"Year,Value\n2020,1\n2024,{value}\n", meta)
    before = load_dataset(tmp_path / "alt").indicators["3-1-1"]
    return diff_indicator(before, load_dataset(tmp_path / "neu").indicators["3-1-1"])


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("1.005", "1.0", ("1,01", "1,00")),  # floor(x · 100 + 0.5) read 1.005 as 1,00
        ("-0.125", "-0.12", ("−0,13", "−0,12")),  # half away from zero, as in the tables
    ],
)
def test_a_revision_is_what_the_tables_print_differently(
    tmp_path: Path, old: str, new: str, shown: tuple[str, str]
) -> None:
    (revision,) = two_editions(tmp_path, old, new).examples
    assert (revision.old, revision.new) == shown


def test_values_that_print_alike_are_no_revision(tmp_path: Path) -> None:
    assert two_editions(tmp_path, "2.675", "2.6750001").revised == 0


def test_the_move_is_taken_between_printed_values(tmp_path: Path) -> None:
    move = two_editions(tmp_path, "-10", "-5").move
    assert move is not None
    assert move.change == "+50,0 %"
