"""The preflight's new figures: the generic-profile warning, the total area coverage and black
text in 100 % K that overprints."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pytest

from reportgen.build import BuildRequest, build_report
from reportgen.printing.inks import TextInk, measure_inks
from reportgen.printing.preflight import GENERIC_PROFILE, preflight
from tests.conftest import make_project


def pdf_with(content: bytes, image: pikepdf.Dictionary | None = None) -> bytes:
    """A one-page PDF drawing ``content`` (and, as /Im0, a CMYK image if given)."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                           BaseFont=pikepdf.Name.Helvetica)
    )  # fmt: skip
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    if image is not None:
        resources.XObject = pikepdf.Dictionary(Im0=image)
    page.obj.Resources = resources
    page.obj.Contents = pdf.make_stream(content)
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def test_four_colour_fill_of_100_each_is_400_percent_and_warned() -> None:
    found = preflight(pdf_with(b"q 1 1 1 1 k 0 0 50 50 re f Q 0.2 0 0 0.1 k 0 0 9 9 re f"))
    assert found.inks.coverage == pytest.approx(400)
    assert "Seite 1" in found.inks.coverage_at
    assert any("400,0 %" in warning and "300 %" in warning for warning in found.warnings)


def test_coverage_below_the_limit_is_reported_without_a_warning() -> None:
    found = preflight(pdf_with(b"1 0.75 0.25 0.2 k 0 0 50 50 re f"), coverage_limit=300)
    assert found.inks.coverage == pytest.approx(220)
    assert not any("Farbauftrag" in warning for warning in found.warnings)
    assert any("220,0 %" in line for line in found.lines("x.pdf"))


def test_coverage_limit_is_configurable() -> None:
    found = preflight(pdf_with(b"0.7 0.6 0.6 0.8 k 0 0 50 50 re f"), coverage_limit=260)
    assert any("270,0 %" in warning for warning in found.warnings)


def test_cmyk_image_pixels_count_towards_the_coverage() -> None:
    pixels = bytes([255, 255, 255, 128, 0, 0, 0, 0])  # 2 pixels: 350 % and 0 %
    pdf = pikepdf.new()
    image = pdf.make_stream(
        zlib.compress(pixels), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=2, Height=1, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
    )  # fmt: skip
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(b"q 100 0 0 50 0 0 cm /Im0 Do Q")
    inks = measure_inks(pdf)
    assert inks.coverage == pytest.approx(350.2, abs=0.5)
    assert "Bild" in inks.coverage_at


def test_generic_profile_is_a_loud_warning_not_a_clean_result() -> None:
    found = preflight(pdf_with(b"0 0 0 1 k 0 0 5 5 re f"), generic_profile=True)
    assert GENERIC_PROFILE in found.warnings
    text = "\n".join(found.lines("x.pdf"))
    assert "keine Fehler gefunden" not in text
    assert "Generisches CMYK-Profil" in text and "druck: icc_profil" in text
    assert "ersetzt nicht die Prüfung der Druckerei" in text


def test_rich_black_text_and_black_text_without_overprint_are_warned() -> None:
    text = b"BT /F1 10 Tf 0.6 0.5 0.4 1 k 10 10 Td (a) Tj 0 0 0 1 k (b) Tj ET"
    found = preflight(pdf_with(text))
    assert found.inks.text[TextInk.RICH_BLACK] == 1
    assert found.inks.text[TextInk.PURE_K] == 1
    assert any("mehreren Farben" in warning for warning in found.warnings)
    assert any("überdrucken nicht" in warning for warning in found.warnings)


@pytest.fixture(scope="module")
def print_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("preflight")
    result = build_report(
        BuildRequest(make_project(base), base / "out", ("druck",), profiles=("druck",))
    )
    return next(p for p in result.written if p.name.endswith("-druck.pdf"))


def test_black_text_of_the_print_edition_is_100_k_and_overprints(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        inks = measure_inks(pdf)
    assert inks.text[TextInk.PURE_K] > 100
    assert inks.text[TextInk.RICH_BLACK] == 0
    assert inks.black_text_overprinted == inks.text[TextInk.PURE_K]


def test_overprint_is_only_on_while_the_colour_is_pure_k(print_pdf: Path) -> None:
    with pikepdf.open(print_pdf) as pdf:
        states = pdf.pages[0].obj.Resources.ExtGState
        on = [s for s in states.values() if s.get("/op") is True]
        assert on and all(int(s.OPM) == 1 for s in on)


def test_the_preflight_report_lists_coverage_and_text(print_pdf: Path) -> None:
    report = print_pdf.with_name(print_pdf.stem + "-preflight.txt").read_text(encoding="utf-8")
    assert "Farbauftrag max.:" in report and "Grenze 300 %" in report
    assert "100 % K (alle überdruckend)" in report
    assert "Warnung: Generisches CMYK-Profil" in report
