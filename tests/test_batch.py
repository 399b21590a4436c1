"""Steckbriefe in one run: files, combined PDF, failure isolation, region selection (a run for
some districts never replaces the combined PDF of all), CLI."""

from __future__ import annotations

from pathlib import Path

import page
import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner

from reportgen.batch import BatchResult, FactsheetRequest, build_factsheets
from reportgen.cli import app
from reportgen.cli.factsheets import show_combined
from reportgen.cli.output import console
from reportgen.errors import ConfigError
from tests.conftest import make_project
from tests.pdfstructure import by_type, outline_titles

runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # one line per message, so phrases are not split
FULL = ("steckbriefe.pdf", "steckbriefe-druck.pdf")
"""The combined PDFs of a run for all districts (office and print edition)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("batch")
    build_factsheets(FactsheetRequest(make_project(base), base / "out", jobs=1))
    return base / "out" / "steckbriefe"


def test_one_pdf_and_docx_per_district_and_a_combined_pdf(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == [
        "K03101_Braunschweig_Stadt.docx",
        "K03101_Braunschweig_Stadt.pdf",
        "K03102_Salzgitter_Stadt.docx",
        "K03102_Salzgitter_Stadt.pdf",
        "steckbriefe.pdf",
    ]


def test_fact_sheet_pdf_is_accessible(built: Path) -> None:
    path = built / "K03101_Braunschweig_Stadt.pdf"
    assert [f.rule_id for f in page.validate_pdf(path, profile="ua1").failures] == []
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "de"
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Steckbrief Stadt Braunschweig"
        figures = by_type(pdf, "/Figure")
        assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
        assert by_type(pdf, "/TH")
        assert len(pdf.pages) <= 2


def test_fact_sheet_docx_has_headings_header_row_and_alt_text(built: Path) -> None:
    document = Document(str(built / "K03101_Braunschweig_Stadt.docx"))
    paragraphs = [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]
    titled = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert titled[0] == "Steckbrief Stadt Braunschweig"
    assert "Kennzahlen" in titled and "Integration in Braunschweig" in titled
    descriptions = [
        d.get("descr")
        for d in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert descriptions and all(descriptions)
    assert document.core_properties.title == "Steckbrief Stadt Braunschweig"


def test_combined_pdf_has_a_bookmark_per_district(built: Path) -> None:
    with pikepdf.open(built / "steckbriefe.pdf") as pdf:
        assert outline_titles(pdf) == ["Stadt Braunschweig", "Stadt Salzgitter"]
        assert len(pdf.pages) >= 2


def test_a_broken_district_text_fails_only_that_district(tmp_path: Path) -> None:
    project = make_project(tmp_path, "kaputter-steckbrief-text")
    result = runner.invoke(
        app, ["steckbriefe", str(project), "-o", str(tmp_path / "out"), "-j", "2"]
    )
    flat = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "1 fertig, 1 fehlgeschlagen" in flat
    assert "K03102" in flat and "YAML-Kopf des Textbausteins ist fehlerhaft" in flat
    written = sorted(p.name for p in (tmp_path / "out" / "steckbriefe").iterdir())
    assert written == [
        "K03101_Braunschweig_Stadt.docx",
        "K03101_Braunschweig_Stadt.pdf",
        "steckbriefe.pdf",
    ]


def test_region_option_selects_and_rejects_with_close_matches(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    request = FactsheetRequest(
        project, tmp_path / "out", regions=("Salzgitter",), formats=("pdf",), jobs=1
    )
    result = build_factsheets(request)
    assert [s.district.code for s in result.sheets] == ["K03102"]
    assert result.partial and result.combined is None  # one district: the sheet is the PDF
    with pytest.raises(ConfigError, match=r"Meinten Sie .*K03101"):
        build_factsheets(FactsheetRequest(project, tmp_path / "out", regions=("K03100",), jobs=1))


@pytest.mark.parametrize("broken", [("K03101",), ("K03101", "K03102")])
def test_the_output_folder_is_named_when_the_first_district_fails(
    tmp_path: Path, broken: tuple[str, ...]
) -> None:
    project = make_project(tmp_path)
    texts = project / "texte" / "steckbriefe"
    texts.mkdir(parents=True, exist_ok=True)
    for code in broken:
        (texts / f"{code}.md").write_text("---\nstatus: [freigegeben\n---\nText.\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["steckbriefe", str(project), "-o", str(out), "-f", "pdf", "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    assert f"{2 - len(broken)} fertig, {len(broken)} fehlgeschlagen" in " ".join(
        result.output.split()
    )
    assert f"Ausgabe:{out / 'steckbriefe'}" in "".join(result.output.split())


def test_a_run_for_one_district_leaves_the_combined_pdf_of_all_as_it_is(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    out = tmp_path / "out"
    folder = out / "steckbriefe"
    args = ["steckbriefe", str(project), "-o", str(out), "-f", "pdf", "-j", "1"]
    full = runner.invoke(app, args, env=WIDE)
    assert full.exit_code == 0, full.output
    flat = " ".join(full.output.split())
    assert "2 Steckbriefe in" in flat and "2 fertig, 0 fehlgeschlagen" in flat
    assert f"Sammel-PDF: {folder / 'steckbriefe.pdf'}" in flat
    before = (folder / "steckbriefe.pdf").read_bytes()
    partial = runner.invoke(app, [*args, "--region", "salzgitter"], env=WIDE)
    assert partial.exit_code == 0, partial.output
    flat = " ".join(partial.output.split())
    assert "1 Steckbrief in" in flat and "1 fertig, 0 fehlgeschlagen" in flat
    assert (
        "Für einen einzelnen Kreis entsteht kein Sammel-PDF; sein Steckbrief: "
        f"{folder / 'K03102_Salzgitter_Stadt.pdf'}" in flat
    )
    assert (
        "Das Sammel-PDF aller Kreise (steckbriefe.pdf) bleibt unverändert; es entsteht nur "
        "ohne --region." in flat
    )
    assert "Sammel-PDF:" not in flat
    assert (folder / "steckbriefe.pdf").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [
        "K03101_Braunschweig_Stadt.pdf",
        "K03102_Salzgitter_Stadt.pdf",
        "steckbriefe.pdf",
    ]


def test_a_selection_gets_its_own_combined_pdf(tmp_path: Path) -> None:
    """Two of the example's 45 districts: ``steckbriefe-auswahl.pdf``; the combined PDFs of an
    earlier full run (stand-ins here) keep their bytes."""
    folder = tmp_path / "out" / "steckbriefe"
    folder.mkdir(parents=True)
    earlier = {name: f"{name} of all districts".encode() for name in FULL}
    for name, data in earlier.items():
        (folder / name).write_bytes(data)
    regions = ["--region", "Lueneburg", "--region", "K03402", "--region", "Landkreis Lüneburg"]
    result = runner.invoke(
        app,
        ["steckbriefe", "-o", str(tmp_path / "out"), "-f", "pdf", "-j", "2", *regions],
        env=WIDE,
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "2 Steckbriefe in" in flat and "2 fertig, 0 fehlgeschlagen" in flat
    assert f"Sammel-PDF der Auswahl: {folder / 'steckbriefe-auswahl.pdf'}" in flat
    assert (
        "Die Sammel-PDFs aller Kreise (steckbriefe.pdf und steckbriefe-druck.pdf) bleiben "
        "unverändert; es entsteht nur ohne --region." in flat
    )
    assert {name: (folder / name).read_bytes() for name in FULL} == earlier
    with pikepdf.open(folder / "steckbriefe-auswahl.pdf") as pdf:
        assert outline_titles(pdf) == ["Landkreis Lüneburg", "Stadt Emden"]


def show(result: BatchResult) -> str:
    with console.capture() as captured:
        show_combined(result)
    return " ".join(captured.get().split())


def test_the_summary_names_the_combined_pdfs_of_a_run(tmp_path: Path) -> None:
    full = BatchResult(tmp_path, combined=tmp_path / "steckbriefe.pdf")
    full.combined_print = tmp_path / "steckbriefe-druck.pdf"
    assert show(full) == (
        f"Sammel-PDF: {tmp_path / 'steckbriefe.pdf'} "
        f"Sammel-PDF für die Druckerei: {tmp_path / 'steckbriefe-druck.pdf'}"
    )
    first = BatchResult(tmp_path, combined=tmp_path / "steckbriefe-auswahl.pdf", partial=True)
    assert show(first) == (
        f"Sammel-PDF der Auswahl: {tmp_path / 'steckbriefe-auswahl.pdf'} "
        "Es gibt noch kein Sammel-PDF aller Kreise; es entsteht nur ohne --region."
    )


def test_the_print_edition_of_one_district_leaves_that_of_all_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "steckbriefe"
    folder.mkdir(parents=True)
    (folder / "steckbriefe-druck.pdf").write_bytes(b"print edition of all districts")
    args = ["steckbriefe", str(make_project(tmp_path)), "-o", str(tmp_path / "out"), "-f", "pdf"]
    args += ["--profile", "druck", "--region", "K03101_Braunschweig_Stadt", "-j", "1"]
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "1 Steckbrief in" in flat
    assert (
        f"Druck-PDF des Kreises für die Druckerei: {folder / 'steckbriefe-auswahl-druck.pdf'}"
        in flat
    )
    assert "Das Sammel-PDF aller Kreise (steckbriefe-druck.pdf) bleibt unverändert" in flat
    assert (folder / "steckbriefe-druck.pdf").read_bytes() == b"print edition of all districts"
    assert sorted(p.name for p in folder.iterdir()) == [
        "K03101_Braunschweig_Stadt.pdf",
        "steckbriefe-auswahl-druck-preflight.txt",
        "steckbriefe-auswahl-druck.pdf",
        "steckbriefe-druck.pdf",
    ]


def test_an_earlier_selections_combined_pdfs_do_not_stay_as_this_ones(tmp_path: Path) -> None:
    """One district after a selection of several: no combined PDF of the selection is written,
    and the earlier one (and its print edition with its preflight) would pass for it."""
    folder = tmp_path / "out" / "steckbriefe"
    folder.mkdir(parents=True)
    stale = ["steckbriefe-auswahl.pdf", "steckbriefe-auswahl-druck.pdf"]
    stale.append("steckbriefe-auswahl-druck-preflight.txt")
    for name in [*stale, "steckbriefe.pdf"]:
        (folder / name).write_bytes(b"an earlier run")
    args = ["steckbriefe", str(make_project(tmp_path)), "-o", str(tmp_path / "out"), "-f", "pdf"]
    result = runner.invoke(app, [*args, "--region", "K03101", "-j", "1"], env=WIDE)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert f"Entfernt (von einer früheren Auswahl): {' und '.join(stale)}." in flat
    assert sorted(p.name for p in folder.iterdir()) == [
        "K03101_Braunschweig_Stadt.pdf",
        "steckbriefe.pdf",
    ]
    assert (folder / "steckbriefe.pdf").read_bytes() == b"an earlier run"  # all districts'
