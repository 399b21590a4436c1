"""The outline of a document as a reader meets it, read back from the model, a tagged PDF and
a DOCX: headings with their levels, captions, paragraphs, list items, table cells and figures
(by alt text), in reading order. Two renderers of the same model must give the same outline.

Each entry is ``(kind, text)``; text is compared without spaces, hyphens and list bullets, so
that line breaks and hyphenation in the PDF do not count as differences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pypdf
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import (
    BulletList,
    CaptionList,
    Contents,
    Document,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    Paragraph,
    Part,
    Picture,
    Table,
    plain_text,
)
from reportgen.render.docx import template
from tests import docxhelpers

Entry = tuple[str, str]
CONTENTS: Entry = ("contents", "")
"""The table of contents stands as one entry: Word fills its own, the PDF lists the model's."""


def key(text: str) -> str:
    """Text as compared: no whitespace, hyphens, soft hyphens or list bullets."""
    return re.sub(r"[\s\-\u00ad•]", "", text)


def _entries(entries: Iterator[Entry]) -> list[Entry]:
    found: list[Entry] = []
    for kind, text in entries:
        if (kind, text) == CONTENTS and found[-1:] == [CONTENTS]:
            continue  # one entry for the whole table of contents
        if text.strip() or (kind, text) == CONTENTS:
            found.append((kind, key(text)))
    return found


# --- the model ------------------------------------------------------------------------------


def model_outline(document: Document) -> list[Entry]:
    return _entries(_model(document.body))


def _model(nodes: tuple[object, ...]) -> Iterator[Entry]:
    for node in nodes:
        match node:
            case Part(children=children):
                yield from _model(children)
            case Heading(level=level, number=number, text=text):
                yield f"H{level}", f"{number} {text}"
            case Paragraph(inlines=inlines):
                yield "text", plain_text(inlines)
            case BulletList(items=items):
                yield from (("item", plain_text(item)) for item in items)
            case Figure():
                yield "figure", node.alt_text
                yield "caption", f"{node.label} {node.number}: {node.caption}"
                yield "text", node.source
            case Table():
                yield "caption", node.title
                yield from (("th", cell) for cell in (node.corner, *node.columns))
                for row in node.rows:
                    yield "th", row.header
                    yield from (("td", cell) for cell in row.cells)
                yield from (("text", note) for note in (*node.notes, node.source))
            case Picture(alt_text=alt_text):
                yield "figure", alt_text  # a decorative picture (no alt text) is not read
            case Contents() | CaptionList():
                yield CONTENTS  # lists of figures and tables read as the contents do
            case MapFigure() | Footnotes():
                raise NotImplementedError("the outline covers the report, not the fact sheet")
            case _:
                raise TypeError(node)


# --- the tagged PDF -------------------------------------------------------------------------

_BLOCKS = {"/P": "text", "/LI": "item", "/TH": "th", "/TD": "td", "/Caption": "caption"}
_BLOCKS.update({f"/H{level}": f"H{level}" for level in range(1, 7)})


def pdf_outline(path: Path) -> list[Entry]:
    """The outline of a tagged PDF, from its structure tree: what a screen reader reads."""
    content = _marked_content(path)
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        found = _entries(_pdf(pdf.Root.StructTreeRoot, None, content, pages))
    # a cross-reference's page number is the stylesheet's, after the model's words
    return [(kind, _PAGE_REFERENCE.sub("", text)) for kind, text in found]


_PAGE_REFERENCE = re.compile(r"\(S\.\d*\)")


def _marked_content(path: Path) -> dict[tuple[int, int], str]:
    """The text of every marked-content sequence, by (page index, MCID)."""
    found: dict[tuple[int, int], str] = {}
    for index, page in enumerate(pypdf.PdfReader(path).pages):
        reader = _PageContent(index, found)
        page.extract_text(visitor_operand_before=reader.operator, visitor_text=reader.text)
    return found


class _PageContent:
    """Follows the marked-content sequences of one page while pypdf extracts its text."""

    def __init__(self, index: int, found: dict[tuple[int, int], str]) -> None:
        self.index, self.found = index, found
        self.open_ids: list[int | None] = []

    def operator(self, op: bytes, args: list[object], *_: object) -> None:
        if op == b"BDC":
            properties = args[1]
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            self.open_ids.append(None if mcid is None else int(mcid))
        elif op == b"BMC":
            self.open_ids.append(None)
        elif op == b"EMC" and self.open_ids:
            self.open_ids.pop()

    def text(self, shown: str, *_: object) -> None:
        mcid = next((m for m in reversed(self.open_ids) if m is not None), None)
        if mcid is not None:
            place = (self.index, mcid)
            self.found[place] = self.found.get(place, "") + shown


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _is_element(item: object) -> bool:
    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def _page(element: Any, page: int | None, pages: dict[Any, int]) -> int | None:
    return pages[element.Pg.objgen] if "/Pg" in element else page


def _text(
    element: Any,
    page: int | None,
    content: dict[tuple[int, int], str],
    pages: dict[Any, int],
) -> str:
    """All text below an element, in order."""
    page = _page(element, page, pages)
    parts = []
    for item in _kids(element):
        if isinstance(item, int) and page is not None:
            parts.append(content.get((page, item), ""))
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
            parts.append(content.get((_page(item, page, pages) or 0, int(item.MCID)), ""))
        elif _is_element(item):
            parts.append(_text(item, page, content, pages))
    return "".join(parts)


def _pdf(
    element: Any,
    page: int | None,
    content: dict[tuple[int, int], str],
    pages: dict[Any, int],
) -> Iterator[Entry]:
    page = _page(element, page, pages)
    kind = _BLOCKS.get(str(element.get("/S", "")))
    children = [item for item in _kids(element) if _is_element(item)]
    if str(element.get("/S", "")) == "/Figure":
        yield "figure", str(element.get("/Alt", ""))
    elif kind == "caption" and any(str(c.get("/S")) == "/P" for c in children):
        # a figure's caption: its first paragraph is the caption, the others follow as text
        first, *rest = children
        yield "caption", _text(first, page, content, pages)
        for child in rest:
            yield from _pdf(child, page, content, pages)
        return
    elif kind is not None:
        text = _text(element, page, content, pages)
        yield CONTENTS if kind == "item" and _is_contents_entry(element, text) else (kind, text)
        return
    for child in children:
        yield from _pdf(child, page, content, pages)


def _is_contents_entry(item: Any, text: str) -> bool:
    """An entry of the table of contents: a link that ends in a page number."""
    links = [e for e in _descendants(item) if str(e.get("/S")) == "/Link"]
    return bool(links) and re.search(r"\d+$", text.strip()) is not None


def _descendants(element: Any) -> Iterator[Any]:
    for child in _kids(element):
        if _is_element(child):
            yield child
            yield from _descendants(child)


def joined_fragments(found: list[Entry], expected: list[Entry]) -> list[Entry]:
    """The PDF outline with the page fragments of one element joined again.

    WeasyPrint tags each page's part of a paragraph that runs over a page break as an element
    of its own (Kozea/WeasyPrint#2903): two ``P`` for one paragraph. Where an entry falls
    short of the expected one and its neighbour of the same kind continues it, they are one.
    """
    joined: list[Entry] = []
    position = 0
    for kind, text in found:
        if (
            joined
            and joined[-1][0] == kind
            and 0 < position <= len(expected)
            and joined[-1] != expected[position - 1]
            and expected[position - 1][0] == kind
            and expected[position - 1][1].startswith(joined[-1][1] + text)
        ):
            joined[-1] = (kind, joined[-1][1] + text)
            continue
        joined.append((kind, text))
        position += 1
    return joined


# --- the DOCX -------------------------------------------------------------------------------

_STYLES = {
    template.CAPTION: "caption",
    template.BULLET: "item",
    template.NUMBER: "item",
    template.TOC_HEADING: "H1",
    template.TABLE_HEAD: "th",
    **{f"Heading {level}": f"H{level}" for level in range(1, template.DEEPEST_HEADING + 1)},
    **{style: f"H{level}" for level, style in template.SUB_HEADINGS.items()},
}


def docx_outline(path: Path) -> list[Entry]:
    document = docx.Document(str(path))
    numbers = docxhelpers.list_numbers(document)
    found = _entries(_docx(docxhelpers.inner_content(document), numbers))
    # a cross-reference's page is a PAGEREF field, filled by Word after the model's words
    return [(kind, _PAGE_REFERENCE.sub("", text)) for kind, text in found]


def _docx(
    items: Iterator[DocxParagraph | DocxTable], numbers: dict[object, str]
) -> Iterator[Entry]:
    open_fields = 0  # inside a table of contents, whose result runs over many paragraphs
    for item in items:
        if isinstance(item, DocxTable):
            for row in item.rows:
                for cell in row.cells:
                    yield from (
                        ("th" if _style(p) == template.TABLE_HEAD else "td", p.text)
                        for p in cell.paragraphs
                    )
            continue
        instructions = docxhelpers.field_instructions(item)
        in_contents = open_fields > 0 or (bool(instructions) and instructions[0].startswith("TOC"))
        open_fields += docxhelpers.field_balance(item)
        if in_contents:
            yield CONTENTS
            continue
        for description in _picture_descriptions(item):
            yield "figure", description
        kind = _STYLES.get(_style(item), "text")
        text = docxhelpers.paragraph_text(item)
        yield kind, docxhelpers.numbered_text(item, numbers) if kind[0] == "H" else text


def _style(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _picture_descriptions(paragraph: DocxParagraph) -> list[str]:
    return [
        str(element.get("descr"))
        for element in paragraph._p.iter()
        if element.tag.endswith("}docPr")
    ]
