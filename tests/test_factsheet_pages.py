"""A district hands its fact sheet out as it is: one A4 page, or a second page that holds the
district's own text. Counted on the example's real data for the shapes that strain the layout:
a kreisfreie Stadt with a Mikrozensus gap (Emden), a large Landkreis (Emsland), Region Hannover
(long names, a note on the statistical region of the same name) and Lüneburg (own text)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from reportgen.batch import FactsheetRequest, build_factsheets
from reportgen.resources import EXAMPLE_PROJECT

pytestmark = pytest.mark.xdist_group("example")

SHEETS = {
    "K03402_Emden_Stadt.pdf": 1,
    "K03454_Emsland.pdf": 1,
    "K03241_Region_Hannover.pdf": 1,
    "K03355_Lueneburg.pdf": 2,
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("sheets")
    regions = tuple(name.split("_")[0] for name in SHEETS)
    result = build_factsheets(FactsheetRequest(EXAMPLE_PROJECT, out, regions, ("pdf",), jobs=2))
    assert not result.failed
    folder = out / "steckbriefe"
    return {
        name: [page.extract_text() for page in PdfReader(folder / name).pages] for name in SHEETS
    }


@pytest.mark.parametrize(("name", "count"), SHEETS.items())
def test_the_sheet_fits_its_pages(pages: dict[str, list[str]], name: str, count: int) -> None:
    assert len(pages[name]) == count


def test_the_first_page_ends_with_its_notes_and_the_credit(pages: dict[str, list[str]]) -> None:
    for name in SHEETS:
        first = pages[name][0]
        assert "Anmerkungen und Quellen" in first
        assert "Kartengrundlage: © GeoBasis-DE / BKG" in first
        assert "geojson" not in first


def test_a_second_page_carries_the_own_text_alone(pages: dict[str, list[str]]) -> None:
    first, second = pages["K03355_Lueneburg.pdf"]
    assert "Integration im Landkreis Lüneburg" in second
    assert "Integration im Landkreis Lüneburg" not in first
    assert "Anmerkungen und Quellen" not in second


def test_names_and_land_values_as_a_reader_expects(pages: dict[str, list[str]]) -> None:
    emden = pages["K03402_Emden_Stadt.pdf"][0]
    assert "Emden, Stadt" not in emden  # the title's name everywhere
    assert "k. A." not in emden
    hannover = pages["K03241_Region_Hannover.pdf"][0]
    assert "ist die statistische Region, zu der er gehört" in " ".join(hannover.split())
