"""The cover file for perfect binding: one spread U4 | spine | U1 with bleed, PDF/X-4, the spine
width from pages and paper, spine text only where the spine is wide enough."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.printing.binding import binding_findings, plan_spine, spine_width_mm
from reportgen.printing.setup import Binding
from tests.conftest import make_project

runner = CliRunner()
MM = 72 / 25.4


def binding(**changes: object) -> Binding:
    values: dict[str, object] = {
        "cover": True, "paper_mm": 0.1, "spine_mm": None, "spine_upwards": True,
        "saddle_max_pages": 64,
    }  # fmt: skip
    values.update(changes)
    return Binding(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def cover_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("umschlag")
    out = base / "out"
    args = ["build", str(make_project(base)), "--format", "druck", "--out", str(out)]
    result = runner.invoke(app, [*args, "--umschlag", "--papierstaerke", "1.0"])
    assert result.exit_code == 0, result.output
    return out


def test_spine_width_is_sheets_times_paper_thickness() -> None:
    assert spine_width_mm(136, 0.1) == pytest.approx(6.8)
    assert spine_width_mm(137, 0.1) == pytest.approx(6.9)  # a last odd page still is a sheet
    assert spine_width_mm(136, 0.08) == pytest.approx(5.4)  # 80 g/m² at volume 1.0


def test_the_print_shops_spine_width_wins() -> None:
    assert plan_spine(136, binding(spine_mm=9.0), "Titel", "Amt", 250).width_mm == 9.0


def test_wide_spine_carries_title_and_publisher() -> None:
    spine = plan_spine(160, binding(), "Integrationsbericht 2025", "Ministerium", 250)
    assert spine.texts == ("Integrationsbericht 2025", "Ministerium")
    assert 6 <= spine.font_pt <= 11


def test_narrow_spine_stays_empty_and_says_so() -> None:
    spine = plan_spine(40, binding(), "Integrationsbericht 2025", "Ministerium", 250)
    assert spine.width_mm == pytest.approx(2.0)
    assert spine.texts == ()
    assert "ohne Rückentitel" in spine.note


def test_a_long_title_drops_the_publisher_first() -> None:
    spine = plan_spine(160, binding(), "T" * 60, "Ministerium " * 10, 150)
    assert spine.texts == ("T" * 60,)


def test_many_pages_without_cover_warn_that_saddle_stitching_is_impossible() -> None:
    _, warnings = binding_findings(136, binding(cover=False))
    assert warnings and "nicht rückstichheften" in warnings[0]
    assert "umschlag" in warnings[0]


def test_saddle_stitching_needs_a_multiple_of_four() -> None:
    _, warnings = binding_findings(30, binding(cover=False))
    assert warnings and "Vielfaches von vier" in warnings[0]
    assert binding_findings(32, binding(cover=False))[1] == []


def test_a_thin_perfect_bound_book_is_warned_about() -> None:
    assert binding_findings(20, binding())[1]
    assert binding_findings(136, binding())[1] == []


def test_cover_file_is_one_spread_with_bleed_and_spine(cover_build: Path) -> None:
    book = pikepdf.open(cover_build / "testbericht-druck.pdf")
    pages = len(book.pages)
    cover = pikepdf.open(cover_build / "testbericht-druck-umschlag.pdf")
    assert len(cover.pages) == 1
    page = cover.pages[0].obj
    trim = [float(v) for v in page.TrimBox]
    bleed = [float(v) for v in page.BleedBox]
    media = [float(v) for v in page.MediaBox]
    spine = spine_width_mm(pages, 1.0)
    assert (trim[2] - trim[0]) / MM == pytest.approx(2 * 210 + spine, abs=0.1)
    assert (trim[3] - trim[1]) / MM == pytest.approx(297, abs=0.1)
    assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)
    assert bleed[3] - trim[3] == pytest.approx(3 * MM, abs=0.01)
    assert media == bleed  # no crop marks asked for


def test_cover_file_is_pdf_x4_with_the_output_intent_of_the_book(cover_build: Path) -> None:
    book = pikepdf.open(cover_build / "testbericht-druck.pdf")
    cover = pikepdf.open(cover_build / "testbericht-druck-umschlag.pdf")
    with cover.open_metadata() as xmp:
        assert xmp.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
    intent = cover.Root.OutputIntents[0]
    assert intent.S == pikepdf.Name.GTS_PDFX
    assert (
        intent.DestOutputProfile.read_bytes()
        == book.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    )


def test_cover_preflight_names_the_spine(cover_build: Path) -> None:
    report = (cover_build / "testbericht-druck-umschlag-preflight.txt").read_text(encoding="utf-8")
    assert "Rücken" in report and "1,0 mm" in report
    book_report = (cover_build / "testbericht-druck-preflight.txt").read_text(encoding="utf-8")
    assert "Klebebindung" in book_report


def test_spine_title_is_present_when_the_spine_is_wide(cover_build: Path) -> None:
    text = _page_text(cover_build / "testbericht-druck-umschlag.pdf")
    report = (cover_build / "testbericht-druck-umschlag-preflight.txt").read_text(encoding="utf-8")
    if "ohne Rückentitel" in report:
        pytest.fail("the 1 mm paper of the fixture should give a spine wide enough for text")
    assert text.count("Testbericht") >= 2  # U1 and spine (U4 names it too)


def _page_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
