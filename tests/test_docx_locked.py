"""Generated content in the DOCX is locked against editing in Word (``render.docx.locked``):
tables, charts, captions, key statements and source lines in locked content controls; headings,
fields and section breaks stay where Word needs them; the editable texts stay editable."""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from openxml_audit import OpenXmlValidator

from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.editable import document_reader
from reportgen.render.docx.locked import GENERATED_TAG, LOCK, heading_test, lock_generated
from reportgen.render.docx.readback import BLOCK_TAG
from tests.roundtrip_project import build_docx, small_project

pytestmark = pytest.mark.xdist_group("roundtrip")  # the example's DOCX, built once

TITLE = "Erzeugt – hier nicht bearbeiten"


def _tag(sdt: Any) -> str:
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    return "" if tag is None else str(tag.get(qn("w:val")))


def _lock(sdt: Any) -> str:
    lock = sdt.find(f"{qn('w:sdtPr')}/{qn('w:lock')}")
    return "" if lock is None else str(lock.get(qn("w:val")))


def _generated_ancestor(element: Any) -> Any | None:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == qn("w:sdt") and _tag(parent) == GENERATED_TAG:
            return parent
        parent = parent.getparent()
    return None


def _words(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _lock_all(document: Document) -> None:
    is_heading = heading_test(document_reader(document).kind)
    lock_generated(document.element.body, TITLE, count(1), is_heading)


def _text_control(document: Document, words: str) -> Any:
    """A paragraph in an editable text's content control, as ``docx.editable`` writes it."""
    paragraph = document.add_paragraph(words)
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    properties.append(OxmlElement("w:tag", {qn("w:val"): f"{BLOCK_TAG}1|texte/a.md|abc"}))
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    paragraph._p.addprevious(sdt)
    content.append(paragraph._p)
    return sdt


def _open_words(document: Document) -> list[str]:
    """Words outside the editable texts that are not locked, but for headings and field
    results (those over several paragraphs too, such as the contents)."""
    body = document.element.body
    reader = document_reader(document)
    texts = {e for e in body.iter(qn("w:sdt")) if _tag(e).startswith(BLOCK_TAG)}
    found: list[str] = []
    depth = 0
    for element in body:
        if element in texts or element.tag not in (qn("w:p"), qn("w:sdt"), qn("w:tbl")):
            continue
        heading = element.tag == qn("w:p") and reader.kind(element)[0] == "heading"
        for run in element.iter(qn("w:r")):
            chars = [c.get(qn("w:fldCharType")) for c in run.iter(qn("w:fldChar"))]
            in_field = depth > 0 or bool(chars) or run.find(qn("w:instrText")) is not None
            depth += chars.count("begin") - chars.count("end")
            if heading or in_field or _generated_ancestor(run) is not None:
                continue
            if _words(run).strip():
                found.append(_words(run))
    return found


@pytest.fixture
def locked() -> Document:
    document = docx.Document()
    contents = document.add_paragraph()  # as docx.contents writes it: the field first
    docx_xml.open_field(contents, 'TOC \\o "1-3" \\h')
    contents.add_run("Kapitel 1")
    document.add_paragraph("Kapitel 2")
    docx_xml.close_field(document.add_paragraph("Kapitel 3"))
    document.add_heading("Bevölkerung", level=2)
    document.add_paragraph("Die Zahl stieg um 3 %.")  # a key statement
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Gebietseinheit"
    caption = document.add_paragraph("Tabelle ")
    docx_xml.append_field(caption, "SEQ Tabelle \\* ARABIC", "1")
    caption.add_run(": Bevölkerung")
    document.add_paragraph("Quelle: Landesamt, Datenstand 2025.")
    _text_control(document, "Der Indikator zeigt, wie …")
    ending = document.add_paragraph("Letzter Satz des Abschnitts.")
    ending._p.get_or_add_pPr().append(OxmlElement("w:sectPr"))
    _lock_all(document)
    return document


def test_generated_paragraphs_and_tables_share_one_locked_control(locked: Document) -> None:
    body = locked.element.body
    blocks = [e for e in body if e.tag == qn("w:sdt") and _tag(e) == GENERATED_TAG]
    assert len(blocks) == 2  # key statement and table; the source line after the caption
    first = blocks[0].find(qn("w:sdtContent"))
    assert [e.tag for e in first] == [qn("w:p"), qn("w:tbl")]
    assert _words(first) == "Die Zahl stieg um 3 %.Gebietseinheit"
    assert _words(blocks[1]) == "Quelle: Landesamt, Datenstand 2025."
    for block in blocks:
        assert _lock(block) == LOCK
        assert block.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val")) == TITLE


def test_headings_the_contents_and_the_texts_stay_open(locked: Document) -> None:
    body = locked.element.body
    for paragraph in body.iter(qn("w:p")):
        if _words(paragraph) in ("Kapitel 1", "Kapitel 2", "Kapitel 3", "Bevölkerung"):
            assert paragraph.getparent() is body
            assert paragraph.find(qn("w:sdt")) is None
    texts = [e for e in body if e.tag == qn("w:sdt") and _tag(e).startswith(BLOCK_TAG)]
    assert len(texts) == 1 and _generated_ancestor(texts[0]) is None
    assert not list(texts[0].iter(qn("w:sdt")))[1:]  # nothing locked inside it


def test_a_caption_is_locked_around_its_number_field(locked: Document) -> None:
    caption = next(p for p in locked.element.body.iter(qn("w:p")) if "Tabelle" in _words(p))
    assert caption.getparent() is locked.element.body
    controls = caption.findall(qn("w:sdt"))
    assert [_words(c) for c in controls] == ["Tabelle ", ": Bevölkerung"]
    assert all(_lock(c) == LOCK for c in controls)
    # Word updates a field only outside locked content
    assert all(_generated_ancestor(char) is None for char in caption.iter(qn("w:fldChar")))


def test_a_paragraph_ending_a_section_stays_a_child_of_the_body(locked: Document) -> None:
    ending = next(p for p in locked.element.body.iter(qn("w:p")) if "Letzter" in _words(p))
    assert ending.getparent() is locked.element.body
    assert ending.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    assert [_words(c) for c in ending.findall(qn("w:sdt"))] == ["Letzter Satz des Abschnitts."]


# --- any order of paragraphs ----------------------------------------------------------------

_KINDS = ("heading", "text", "table", "caption", "contents", "section_end", "editable")


def _add(document: Document, kind: str, number: int) -> None:
    words = f"Wort{number}"
    if kind == "heading":
        document.add_heading(words, level=2)
    elif kind == "text":
        document.add_paragraph(words)
    elif kind == "table":
        document.add_table(rows=1, cols=1).cell(0, 0).text = words
    elif kind == "caption":
        caption = document.add_paragraph(f"{words} ")
        docx_xml.append_field(caption, "SEQ Tabelle", "1")
        caption.add_run(f": {words}b")
    elif kind == "contents":  # a field over three paragraphs
        docx_xml.open_field(document.add_paragraph(words), "TOC")
        document.add_paragraph(f"{words}b")
        docx_xml.close_field(document.add_paragraph(f"{words}c"))
    elif kind == "section_end":
        document.add_paragraph(words)._p.get_or_add_pPr().append(OxmlElement("w:sectPr"))
    else:
        _text_control(document, words)


@given(st.lists(st.sampled_from(_KINDS), max_size=12))
def test_any_order_of_paragraphs_keeps_its_words_and_fields(kinds: list[str]) -> None:
    document = docx.Document()
    for number, kind in enumerate(kinds):
        _add(document, kind, number)
    body = document.element.body
    before = [t.text for t in body.iter(qn("w:t"))]
    _lock_all(document)
    assert [t.text for t in body.iter(qn("w:t"))] == before  # nothing lost, nothing moved
    assert all(_generated_ancestor(c) is None for c in body.iter(qn("w:fldChar")))
    assert _open_words(document) == []
    for paragraph in body.iter(qn("w:p")):
        if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            assert paragraph.getparent() is body
    texts = [e for e in body.iter(qn("w:sdt")) if _tag(e).startswith(BLOCK_TAG)]
    assert len(texts) == kinds.count("editable")
    assert all(_generated_ancestor(t) is None and t.getparent() is body for t in texts)
    for sdt in body.iter(qn("w:sdt")):
        if _tag(sdt) == GENERATED_TAG:
            assert _lock(sdt) == LOCK
            assert not [s for s in sdt.find(qn("w:sdtContent")).iter(qn("w:sdt"))]  # no nesting


# --- the example report ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(
    roundtrip_example: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The example's report and the fact sheet of one district as DOCX."""
    from reportgen.batch import FactsheetRequest, build_factsheets

    project, report = roundtrip_example
    out = tmp_path_factory.mktemp("gesperrt")
    request = FactsheetRequest(project, out, ("K03355",), ("docx",), jobs=1)
    (sheet,) = [path for found in build_factsheets(request).sheets for path in found.written]
    return report, sheet


@pytest.fixture(scope="module")
def example(built: tuple[Path, Path]) -> Document:
    return docx.Document(str(built[0]))


NO_NUMBERING = "Numbering definition '0' referenced but not found"
"""ECMA-376 §17.9.18: a ``w:numId`` of 0 removes a style's numbering (an unnumbered Heading 1
such as the foreword's); the validator takes it for a reference to a list."""


def test_report_and_fact_sheet_follow_the_schema(built: tuple[Path, Path]) -> None:
    """The content controls, locked or not, stand where ECMA-376 lets them (checked by a
    re-implementation of the Open XML SDK's validator)."""
    for path in built:
        result = OpenXmlValidator(max_errors=0).validate(path)
        found = [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]
        assert [line for line in found if NO_NUMBERING not in line] == []


def test_every_generated_word_of_the_example_is_locked(example: Document) -> None:
    """Outside the editable texts every word is locked, but for headings, the contents and
    the results of fields (page numbers, the numbers of captions)."""
    body = example.element.body
    assert _open_words(example) == []
    locked_tables = [t for t in body.iter(qn("w:tbl")) if _generated_ancestor(t) is not None]
    assert len(locked_tables) == len(list(body.iter(qn("w:tbl"))))
    assert len(locked_tables) > 50
    key_statements = [p for p in body.iter(qn("w:p")) if _style(p) == "Kernaussage"]
    assert key_statements and all(_generated_ancestor(p) is not None for p in key_statements)


def test_no_field_of_the_example_is_locked_and_no_text_is_inside_a_lock(example: Document) -> None:
    body = example.element.body
    fields = list(body.iter(qn("w:fldChar"), qn("w:fldSimple")))
    assert len(fields) > 100
    assert all(_generated_ancestor(f) is None for f in fields)
    texts = [e for e in body.iter(qn("w:sdt")) if _tag(e).startswith(BLOCK_TAG)]
    assert len(texts) > 50 and all(_generated_ancestor(t) is None for t in texts)
    assert all(s.getparent() is not None for s in body.iter(qn("w:sectPr")))
    ends = body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    assert len(list(ends)) == len(list(body.iter(qn("w:sectPr")))) - 1


def _style(paragraph: Any) -> str:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if found is None else str(found.get(qn("w:val")))


def test_an_office_may_leave_the_docx_unlocked(tmp_path: Path) -> None:
    """``ausgabe: word_gesperrt: false``: a DOCX to finish in Word; the texts keep their
    controls (the round trip still works), nothing else is locked."""
    project = small_project(tmp_path / "projekt")
    config = project / "reportgen.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("ausgabe:\n", "ausgabe:\n  word_gesperrt: false\n"), "utf-8")
    body = docx.Document(str(build_docx(project, tmp_path / "out"))).element.body
    tags = [_tag(sdt) for sdt in body.iter(qn("w:sdt"))]
    assert any(tag.startswith(BLOCK_TAG) for tag in tags)
    assert GENERATED_TAG not in tags
    locks = {str(lock.get(qn("w:val"))) for lock in body.iter(qn("w:lock"))}
    assert locks == {"sdtLocked"}  # the texts' controls cannot be deleted; nothing is locked
