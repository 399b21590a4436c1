"""Cover and imprint: logo, balanced title, date, imprint fields, and the draft marks on the
cover and in the running header of PDF and DOCX."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import page
import pikepdf
import pypdf
import pytest
from PIL import Image

from reportgen.build import BuildRequest, build_report
from reportgen.check import prepare_project
from reportgen.compose.front_matter import balanced_title
from reportgen.compose.model import Paragraph, Picture, PictureKind, Role, Style, plain_text
from reportgen.compose.report import compose_report
from reportgen.errors import InvalidInput
from reportgen.load.config import load_config
from tests import docxhelpers
from tests.builders import parts
from tests.conftest import make_project
from tests.pdfstructure import by_type

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10" width="40" height="10">'
    '<rect width="40" height="10" fill="#1f4e79"/></svg>'
)
TITELEI = """
titelei:
  logo:
    datei: bilder/logo.svg
    datei_word: bilder/logo.png
  titelbild: bilder/titel.png
  auskuenfte:
    name: Referat 12
    telefon: 0511 000-0
    e_mail: auskunft@testministerium.invalid
  lizenz:
    bezeichnung: Datenlizenz Deutschland – Namensnennung – Version 2.0
    url: https://www.govdata.de/dl-de/by-2-0
  issn: 1234-567X
  bestellnummer: T-2025-01
  bildnachweis: Titelbild von Testfotografin
"""


def png(size: tuple[int, int], colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def with_front_matter(tmp_path: Path, extra: str = TITELEI) -> Path:
    project = make_project(tmp_path)
    pictures = project / "bilder"
    pictures.mkdir()
    (pictures / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    (pictures / "logo.png").write_bytes(png((400, 100), "#1f4e79"))
    (pictures / "titel.png").write_bytes(png((300, 120), "#9db3c8"))
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The mini project (with drafts) with logo, cover image and imprint fields, as PDF and
    DOCX."""
    base = tmp_path_factory.mktemp("titelei")
    result = build_report(BuildRequest(with_front_matter(base), base / "out", ("pdf", "docx")))
    return {path.suffix.lstrip("."): path for path in result.written}


def cover_texts(project: Path) -> list[str]:
    document = compose_report(prepare_project(project)).document
    (cover,) = parts(document, Role.COVER)
    return [plain_text(n.inlines) for n in cover.children if isinstance(n, Paragraph)]


# --- composition --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Integrationsbericht Niedersachsen 2025", "Integrationsbericht Niedersachsen\u00a02025"),
        ("Bericht 2025", "Bericht 2025"),
        ("Integrationsbericht Niedersachsen", "Integrationsbericht Niedersachsen"),
        ("Teilhabe in Stadt und Land", "Teilhabe in Stadt und\u00a0Land"),
    ],
)
def test_a_short_last_word_never_stands_alone(title: str, expected: str) -> None:
    assert balanced_title(title) == expected


def test_cover_has_logo_publisher_title_year_and_date(tmp_path: Path) -> None:
    document = compose_report(prepare_project(with_front_matter(tmp_path))).document
    (cover,) = parts(document, Role.COVER)
    logo, *_ = cover.children
    assert isinstance(logo, Picture) and logo.kind == PictureKind.LOGO
    assert logo.alt_text == "Logo: Testministerium"  # the default from the labels
    assert logo.media_type == "image/svg+xml" and logo.png is not None
    image = next(n for n in cover.children if isinstance(n, Picture) and n is not logo)
    assert image.kind == PictureKind.COVER_IMAGE and image.alt_text == ""  # decorative
    styles = [n.style for n in cover.children if isinstance(n, Paragraph)]
    assert styles[-1] == Style.COVER_DATE
    assert cover_texts(with_front_matter(tmp_path / "b"))[-1] == "30. Juni 2025"


def test_draft_mark_on_the_cover_and_in_the_metadata_while_texts_are_drafts(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path)
    report = compose_report(prepare_project(project))
    assert report.document.meta.draft_mark == "Entwurf"
    assert "Entwurf – nicht zur Veröffentlichung" in cover_texts(project)


def test_no_draft_mark_once_every_text_is_released(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    texts = project / "texte"
    for name in ("handlungsfelder/2.md", "indikatoren/2-1-1.md"):
        (texts / name).write_text("---\nstatus: freigegeben\n---\nText.\n", encoding="utf-8")
    for path in texts.rglob("*.md"):
        path.write_text("---\nstatus: freigegeben\n---\nText.\n", encoding="utf-8")
    report = compose_report(prepare_project(project))
    assert report.document.meta.draft_mark == ""
    assert not any("Entwurf" in text for text in cover_texts(project))


def test_imprint_carries_contact_licence_issn_order_number_credits_and_rounding(
    tmp_path: Path,
) -> None:
    document = compose_report(prepare_project(with_front_matter(tmp_path))).document
    (imprint,) = parts(document, Role.IMPRINT)
    lines = [plain_text(n.inlines) for n in imprint.children if isinstance(n, Paragraph)]
    assert (
        "Auskünfte: Referat 12 Telefon: 0511 000-0 E-Mail: auskunft@testministerium.invalid"
        in lines
    )
    assert (
        "Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 "
        "(https://www.govdata.de/dl-de/by-2-0)" in lines
    )
    assert "ISSN 1234-567X" in lines
    assert "Bestellnummer: T-2025-01" in lines
    assert "Bildnachweis: Titelbild von Testfotografin" in lines
    assert lines[-1] == "Abweichungen in den Summen durch Runden."


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("titelei:\n  logo: fehlt.svg\n", "die Datei „fehlt.svg“ gibt es nicht"),
        ("titelei:\n  logo: reportgen.yml\n", "ist kein Bild im Format SVG oder PNG"),
        ("titelei:\n  issn: 12345678\n", "„titelei.issn“"),
    ],
)
def test_pictures_and_issn_are_validated_at_their_line(
    tmp_path: Path, entry: str, message: str
) -> None:
    project = make_project(tmp_path)
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + entry, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_config(project)
    (problem,) = caught.value.problems
    assert message in problem.message
    assert problem.location is not None and problem.location.line is not None


def images_in(resources: pikepdf.Dictionary) -> Iterator[pikepdf.Object]:
    """Every image XObject reachable from a page's resources (backgrounds are patterns)."""
    for kind in ("/XObject", "/Pattern"):
        for item in resources.get(kind, {}).values():
            if item.get("/Subtype") == "/Image":
                yield item
            elif "/Resources" in item:
                yield from images_in(item.Resources)


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_cover_and_running_header_say_entwurf(built: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(built["pdf"])
    cover = reader.pages[0].extract_text()
    assert "Entwurf – nicht zur Veröffentlichung" in cover
    assert "Testbericht Kleinstadt" in cover and "30. Juni 2025" in cover
    imprint = reader.pages[1].extract_text()
    assert "Entwurf" in imprint.replace("Entwurf – nicht", "")  # the header, not the cover
    assert "Lizenz:" in imprint and "Abweichungen in den Summen durch Runden." in imprint


def test_pdf_logo_is_a_figure_with_alt_text_and_the_cover_image_an_artifact(
    built: dict[str, Path],
) -> None:
    with pikepdf.open(built["pdf"]) as pdf:
        alts = [str(f.get("/Alt", "")) for f in by_type(pdf, "/Figure")]
        cover_images = {image.objgen for image in images_in(pdf.pages[0].Resources)}
    assert alts[0] == "Logo: Testministerium"
    assert len(alts) == 4  # the logo and the three charts; the cover image is no figure
    assert len(cover_images) == 1  # the cover image, drawn as a background (the logo is SVG)


def test_pdf_cover_and_imprint_are_pdf_ua_conformant(built: dict[str, Path]) -> None:
    """Logo (figure with alt text), cover image (artifact), imprint links; the rest of the
    document is checked by test_render_pdf."""
    report = page.validate_pdf(built["pdf"], profile="ua1")
    front = [
        failure
        for failure in report.failures
        if not (match := re.search(r"\bpage (\d+)\b", failure.message)) or int(match[1]) <= 2
    ]
    assert front == []


# --- DOCX ---------------------------------------------------------------------------------------

_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def test_docx_header_and_cover_say_entwurf(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["Testbericht Kleinstadt", "Entwurf"]
    assert document.sections[0].different_first_page_header_footer  # no header on the cover
    texts = [p.text for p in docxhelpers.all_paragraphs(document)[:10]]
    assert "Entwurf – nicht zur Veröffentlichung" in texts
    assert "30. Juni 2025" in texts


def test_docx_cover_has_the_logo_with_alt_text_and_a_decorative_cover_image(
    built: dict[str, Path],
) -> None:
    document = docx.Document(str(built["docx"]))
    logo, image, *_ = document.element.body.iter(_DOC_PR)
    assert logo.get("descr") == "Logo: Testministerium"
    assert image.get("descr") == ""
    assert [node.get("val") for node in image.iter(_DECORATIVE)] == ["1"]


def test_docx_imprint_lists_the_fields(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    texts = [docxhelpers.paragraph_text(p) for p in docxhelpers.all_paragraphs(document)]
    assert "ISSN 1234-567X" in texts
    assert "Bildnachweis: Titelbild von Testfotografin" in texts
    assert "Abweichungen in den Summen durch Runden." in texts
