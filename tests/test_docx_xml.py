"""The raw-XML helpers: each writes what Word expects, in schema order, and survives a save."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

from reportgen.render.docx import xml as docx_xml
from tests import docxhelpers
from tests.docxhelpers import child_tags, reopened


def pixel_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def document() -> Document:
    return docx.Document()


def test_document_language_replaces_the_templates_english(document: Document) -> None:
    assert docxhelpers.document_language(document) == "en-US"
    docx_xml.set_document_language(document, "de-DE")
    again = reopened(document)
    assert docxhelpers.document_language(again) == "de-DE"
    theme = again.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:val")) == "de-DE"


def test_field_update_request_sits_before_compat_settings(document: Document) -> None:
    docx_xml.request_field_update(document)
    docx_xml.request_field_update(document)
    tags = child_tags(reopened(document).settings.element)
    assert tags.count("updateFields") == 1
    assert tags.index("updateFields") < tags.index("compat")


def test_field_shows_its_result_and_keeps_its_instruction(document: Document) -> None:
    paragraph = document.add_paragraph("Seite ")
    docx_xml.append_field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', "Bitte aktualisieren")
    again = reopened(document).paragraphs[-1]
    assert again.text == "Seite Bitte aktualisieren"
    assert docxhelpers.field_instructions(again) == ['TOC \\o "1-3" \\h \\z \\u']
    kinds = [node.get(qn("w:fldCharType")) for node in again._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_picture_gets_description_and_title(document: Document) -> None:
    shape = document.add_paragraph().add_run().add_picture(io.BytesIO(pixel_png()), width=Cm(1))
    docx_xml.describe_picture(shape, "Liniendiagramm: steigt von 1 auf 2.", "Abbildung")
    again = reopened(document)
    assert docxhelpers.picture_descriptions(again) == ["Liniendiagramm: steigt von 1 auf 2."]
    assert again.inline_shapes[0]._inline.docPr.get("title") == "Abbildung"


def test_runs_become_one_external_hyperlink(document: Document) -> None:
    paragraph = document.add_paragraph("Siehe ")
    runs = [paragraph.add_run("LSN-"), paragraph.add_run("Online")]
    paragraph.add_run(".")
    docx_xml.link_runs(paragraph, runs, "https://www.statistik.niedersachsen.de/")
    again = reopened(document).paragraphs[-1]
    assert again.text == "Siehe LSN-Online."
    [link] = again.hyperlinks
    assert (link.text, link.address) == ("LSN-Online", "https://www.statistik.niedersachsen.de/")


def test_header_row_repeats_and_rows_do_not_split(document: Document) -> None:
    table = document.add_table(rows=2, cols=2)
    docx_xml.mark_header_row(table.rows[0])
    docx_xml.keep_row_together(table.rows[0])  # called after: order must still be right
    docx_xml.keep_row_together(table.rows[1])
    again = reopened(document).tables[0]
    assert docxhelpers.is_header_row(again.rows[0])
    assert not docxhelpers.is_header_row(again.rows[1])
    assert child_tags(again.rows[0]._tr.trPr) == ["cantSplit", "tblHeader"]


def test_numbered_list_restarts_at_one(document: Document) -> None:
    first = document.add_paragraph("a", style="List Number")
    second = document.add_paragraph("b", style="List Number")
    docx_xml.restart_numbering(second)
    assert first._p.pPr.numPr is None
    num_id = second._p.pPr.numPr.numId.val
    num = document.part.numbering_part.element.num_having_numId(num_id)
    start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
    assert start.get(qn("w:val")) == "1"


def test_restart_is_ignored_for_a_style_without_numbering(document: Document) -> None:
    paragraph = document.add_paragraph("a")
    docx_xml.restart_numbering(paragraph)
    assert paragraph._p.pPr is None


def test_clear_body_keeps_the_page_setup(document: Document) -> None:
    document.add_paragraph("Muster")
    document.sections[0].page_width = Cm(21)
    docx_xml.clear_body(document)
    again = reopened(document)
    assert again.paragraphs == []
    assert round(again.sections[0].page_width.cm, 1) == 21.0
