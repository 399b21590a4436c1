"""The Word fact sheet a district hands out: one A4 page, or a second page that holds the
district's own text, as LibreOffice lays it out (Word is not at hand; LibreOffice shows Arial
in Liberation Sans, which has Arial's metrics). Counted on the example's real data for the
shapes that strain the layout: a kreisfreie Stadt (Emden), Region Hannover (long names, one
more remark), a large Landkreis (Emsland) and Lüneburg (own text).

Skipped where LibreOffice is not installed (``libreoffice`` on the PATH).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen.batch import FactsheetRequest, build_factsheets
from reportgen.resources import EXAMPLE_PROJECT

LIBREOFFICE = shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice ist nicht installiert."),
    pytest.mark.xdist_group("example"),
]

SHEETS = {
    "K03402_Emden_Stadt": 1,
    "K03241_Region_Hannover": 1,
    "K03454_Emsland": 1,
    "K03355_Lueneburg": 2,
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The text of each page of each sheet, converted from DOCX to PDF by LibreOffice."""
    assert LIBREOFFICE is not None
    out = tmp_path_factory.mktemp("word-sheets")
    regions = tuple(name.split("_")[0] for name in SHEETS)
    result = build_factsheets(FactsheetRequest(EXAMPLE_PROJECT, out, regions, ("docx",), jobs=2))
    assert not result.failed
    folder = out / "steckbriefe"
    converted = out / "pdf"
    profile = (out / "libreoffice-profil").as_uri()  # its own, beside any running instance
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(converted),
            *(str(folder / f"{name}.docx") for name in SHEETS),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: _texts(converted / f"{name}.pdf") for name in SHEETS}


def _texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


@pytest.mark.parametrize(("name", "count"), SHEETS.items())
def test_the_word_sheet_fits_its_pages(pages: dict[str, list[str]], name: str, count: int) -> None:
    assert len(pages[name]) == count


def test_the_first_page_holds_everything_but_the_own_text(pages: dict[str, list[str]]) -> None:
    for name in SHEETS:
        first = pages[name][0]
        for words in ("Kennzahlen", "Entwicklung im Zeitvergleich", "Anmerkungen und Quellen"):
            assert words in first, (name, words)
        assert "Abbildung 3:" in first and "Kartengrundlage: © GeoBasis-DE / BKG" in first


def test_the_second_page_is_the_own_text(pages: dict[str, list[str]]) -> None:
    first, second = pages["K03355_Lueneburg"]
    assert second.startswith("Steckbrief Landkreis Lüneburg Integration im Landkreis Lüneburg")
    assert "Integration im Landkreis Lüneburg" not in first
