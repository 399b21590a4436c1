"""Reading a python-docx document back in tests: saved and opened again, its XML children."""

from __future__ import annotations

import io

import docx
from docx.document import Document


def reopened(document: Document) -> Document:
    """The document as Word would get it: saved and opened again."""
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def child_tags(element: object) -> list[str]:
    """The local names of an XML element's children, in order."""
    return [node.tag.rpartition("}")[2] for node in element]  # type: ignore[attr-defined]
