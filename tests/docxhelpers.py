"""Reading a python-docx document back in tests: saved and opened again, its XML children,
and what reportgen writes into the raw XML (language, fields, alt texts, header rows)."""

from __future__ import annotations

import io

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
