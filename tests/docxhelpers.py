"""Reading a python-docx document back in tests: saved and opened again, its XML children,
and what reportgen writes into the raw XML (language, fields, alt texts, header rows)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph


def reopened(document: Document) -> Document:
    """The document as Word would get it: saved and opened again."""
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def inner_content(document: Document) -> Iterator[Paragraph | Table]:
    """The body's paragraphs and tables in order, those inside content controls (the texts
    editors may revise, ``render.docx.editable``) included."""

    def walk(parent: object) -> Iterator[Paragraph | Table]:
        for element in parent:  # type: ignore[attr-defined]
            if element.tag == qn("w:p"):
                yield Paragraph(element, document._body)
            elif element.tag == qn("w:tbl"):
                yield Table(element, document._body)
            elif element.tag == qn("w:sdt"):
                yield from walk(element.find(qn("w:sdtContent")))

    return walk(document.element.body)


def all_paragraphs(document: Document) -> list[Paragraph]:
    """The body's paragraphs, those inside content controls included (python-docx's
    ``paragraphs`` stops at them: editable texts and locked generated content)."""
    return [item for item in inner_content(document) if isinstance(item, Paragraph)]


def all_tables(document: Document) -> list[Table]:
    """The body's tables, those inside content controls (generated, locked) included."""
    return [item for item in inner_content(document) if isinstance(item, Table)]


def paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text as python-docx reads it, with the runs inside inline content
    controls (a figure from the data in an editable text)."""

    def walk(parent: object) -> Iterator[str]:
        for element in parent:  # type: ignore[attr-defined]
            if element.tag in (qn("w:r"), qn("w:hyperlink")):
                yield element.text
            elif element.tag == qn("w:sdt"):
                yield from walk(element.find(qn("w:sdtContent")))

    return "".join(walk(paragraph._p))


def child_tags(element: object) -> list[str]:
    """The local names of an XML element's children, in order."""
    return [node.tag.rpartition("}")[2] for node in element]  # type: ignore[attr-defined]


def document_language(document: Document) -> str | None:
    """The ``w:val`` of the document default language, or None."""
    found = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    return None if found is None else str(found.get(qn("w:val")))


def field_instructions(paragraph: Paragraph) -> list[str]:
    """The instruction texts of the fields in a paragraph (for tests and checks)."""
    return [str(node.text).strip() for node in paragraph._p.iter(qn("w:instrText"))]


def field_balance(paragraph: Paragraph) -> int:
    """Fields a paragraph begins minus those it ends: a field's result may span paragraphs."""
    kinds = [node.get(qn("w:fldCharType")) for node in paragraph._p.iter(qn("w:fldChar"))]
    return kinds.count("begin") - kinds.count("end")


def picture_descriptions(document: Document) -> list[str]:
    """The ``descr`` of every inline picture in the body, in document order."""
    tag = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    return [str(node.get("descr", "")) for node in document.element.body.iter(tag)]


def is_header_row(row: _Row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def table_description(table: Table) -> tuple[str, str]:
    """Title and description of a table's alternative text ("" where missing)."""
    properties = table._tbl.tblPr
    found = [properties.find(qn(tag)) for tag in ("w:tblCaption", "w:tblDescription")]
    title, description = ("" if node is None else str(node.get(qn("w:val"))) for node in found)
    return title, description


def list_numbers(document: Document) -> dict[object, str]:
    """The number a list gives each numbered body paragraph (by its ``w:p``), computed from the
    numbering part as LibreOffice reads it: every list instance (``w:num``) counts on its own,
    from its ``w:startOverride`` or its level's ``w:start``. Word, which lets instances of one
    list share their count, shows the same numbers where a new instance overrides every level
    down to its first paragraph's, as reportgen's do."""
    numbering = document.part.numbering_part.element
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    counters: dict[str, dict[int, int]] = {}
    found: dict[object, str] = {}
    for paragraph in (p for p in inner_content(document) if isinstance(p, Paragraph)):
        num_id, level = _numbering_of(paragraph)
        if num_id in (None, "0"):
            continue
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
        abstract = abstracts[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        starts = {
            int(lvl.get(qn("w:ilvl"))): int(lvl.find(qn("w:start")).get(qn("w:val")))
            for lvl in abstract.findall(qn("w:lvl"))
        }
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if start is not None:
                starts[int(override.get(qn("w:ilvl")))] = int(start.get(qn("w:val")))
        count = counters.setdefault(str(num_id), {})
        count[level] = count[level] + 1 if level in count else starts[level]
        for deeper in [key for key in count if key > level]:
            del count[deeper]
        lvl = next(x for x in abstract.findall(qn("w:lvl")) if x.get(qn("w:ilvl")) == str(level))
        text = lvl.find(qn("w:lvlText")).get(qn("w:val"))
        for shown in range(level + 1):
            text = text.replace(f"%{shown + 1}", str(count.get(shown, starts[shown])))
        found[paragraph._p] = text
    return found


def _numbering_of(paragraph: Paragraph) -> tuple[str | None, int]:
    """The list instance and level of a paragraph: its own ``w:numPr``, else its style's."""
    num_id, level = None, None
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for properties in sources:
        num_pr = None if properties is None else properties.find(qn("w:numPr"))
        if num_pr is None:
            continue
        ilvl, num = num_pr.find(qn("w:ilvl")), num_pr.find(qn("w:numId"))
        if level is None and ilvl is not None:
            level = int(ilvl.get(qn("w:val")))
        if num_id is None and num is not None:
            num_id = num.get(qn("w:val"))
    return num_id, level or 0


def numbered_text(paragraph: Paragraph, numbers: dict[object, str]) -> str:
    """The paragraph's text as Word shows it: its list number (if any), a space, the text."""
    number = numbers.get(paragraph._p)
    text = paragraph_text(paragraph)
    return f"{number} {text}" if number else text
