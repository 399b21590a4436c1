"""The accessible PDF, checked by structure: tags, alt texts, headers, language, fonts, outline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import page
import pikepdf
import pypdf
import pytest

from reportgen.build import BuildRequest, build_report
from reportgen.errors import RenderError
from reportgen.render.pdf import PROFILES, write_pdf
from tests.conftest import EXAMPLE_FIGURES, EXAMPLE_PICTURES, make_project
from tests.pdfstructure import (
    by_type,
    descendants,
    fonts_embedded,
    outline_titles,
    text_marking,
)


@pytest.fixture(scope="module")
def mini_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("mini")
    result = build_report(BuildRequest(make_project(base), base / "out", ("pdf",)))
    return result.written[0]


def test_mini_pdf_is_pdf_ua_conformant(mini_pdf: Path) -> None:
    report = page.validate_pdf(mini_pdf, profile="ua1")
    assert [f.rule_id for f in report.failures] == []


def test_catalog_declares_language_title_and_tagging(mini_pdf: Path) -> None:
    with pikepdf.open(mini_pdf) as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in pdf.Root
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Testbericht Kleinstadt"
            assert xmp["pdfuaid:part"] == "1"


def test_every_figure_has_alt_text_from_the_data(mini_pdf: Path) -> None:
    with pikepdf.open(mini_pdf) as pdf:
        figures = by_type(pdf, "/Figure")
        assert len(figures) == 3
        alts = [str(f.get("/Alt", "")) for f in figures]
    assert all(alt.strip() for alt in alts)
    assert "Niedersachsen: Anstieg von 100 (2020) auf 121 (2022)" in alts[0]
    assert "Liniendiagramm" in alts[0]


def test_every_table_has_header_cells(mini_pdf: Path) -> None:
    with pikepdf.open(mini_pdf) as pdf:
        tables = by_type(pdf, "/Table")
        assert len(tables) == 5  # three indicator tables, the Zeichenerklärung, a Kreistabelle
        for table in tables:
            kinds = {str(e.S) for e in descendants(table)}
            assert "/TH" in kinds and "/TD" in kinds


def test_all_fonts_are_embedded(mini_pdf: Path) -> None:
    with pikepdf.open(mini_pdf) as pdf:
        fonts = fonts_embedded(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_one_bookmark_per_heading_of_the_navigation(mini_pdf: Path) -> None:
    """Levels 1–3 (``NAVIGATION_DEPTH``); the sub-headings below are tagged, not bookmarked."""
    with pikepdf.open(mini_pdf) as pdf:
        titles = outline_titles(pdf)
        headings = sum(len(by_type(pdf, f"/H{level}")) for level in range(1, 4))
        assert by_type(pdf, "/H4") and by_type(pdf, "/H5")
    assert len(titles) == headings
    assert titles[:5] == [
        "Impressum",
        "Inhalt",
        "Vorwort",
        "Das Wichtigste in Kürze",
        "1 Bevölkerung",
    ]
    assert "1.2.1 Anteil der Ausländerinnen und Ausländer" in titles


def test_running_header_and_page_number_are_artifacts(mini_pdf: Path) -> None:
    with pikepdf.open(mini_pdf) as pdf:
        counts = text_marking(pdf.pages[5])
    assert counts["artifact"] >= 2  # running header and page number
    assert counts["tagged"] > 0
    assert counts["unmarked"] == 0


def test_locked_value_is_never_printed(mini_pdf: Path) -> None:
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(mini_pdf).pages)
    assert "987" not in text
    assert "(12,0)" in text  # limited reliability in parentheses
    assert "Zahlenwert unbekannt oder geheim zu halten" in text


def test_source_and_attribution_are_printed(mini_pdf: Path) -> None:
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(mini_pdf).pages)
    assert "Quelle: Teststatistikamt, Testmonitoring, Datenstand 2024." in text
    assert "Nutzung mit Quellenangabe gestattet." in text


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build_report(BuildRequest(project, tmp_path / "a", ("pdf",))).written[0].read_bytes()
    second = build_report(BuildRequest(project, tmp_path / "b", ("pdf",))).written[0].read_bytes()
    assert first == second


def test_weasyprint_error_fails_the_build() -> None:
    """WeasyPrint only logs a missing document language; the build must fail on it."""
    html = "<html><head><title>x</title></head><body><p>ohne Sprache</p></body></html>"
    stylesheet = Path(__file__).parents[1] / "styles" / "report.css"
    with pytest.raises(RenderError, match="WeasyPrint meldet Fehler"):
        write_pdf(html, stylesheet, PROFILES["barrierefrei"], dt.date(2025, 1, 1))


@pytest.mark.xdist_group("example")
def test_example_report_pdf_passes_pdf_ua_validation(example_outputs: dict[str, Path]) -> None:
    pdf_path = example_outputs["pdf"]
    report = page.validate_pdf(pdf_path, profile="ua1")
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    with pikepdf.open(pdf_path) as pdf:
        figures = by_type(pdf, "/Figure")
        assert len(figures) == EXAMPLE_FIGURES + EXAMPLE_PICTURES
        assert all(str(f.get("/Alt", "")).strip() for f in figures)
        assert all(embedded for _, embedded in fonts_embedded(pdf))
    assert not list(pdf_path.parent.glob(".*.tmp"))
