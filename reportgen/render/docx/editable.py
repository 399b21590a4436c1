"""The Word round trip in the DOCX: each editable text in a content control of its own, each
figure from the data in it in an inline one, and the manifest of the build.

A text's content control (``w:sdt``) carries the title editors see ("Bearbeitbar: texte/…"),
a tag with its number, file and source fingerprint (``reportgen:text:3|texte/…|3c03dc09ab12``),
and is locked against deletion, not against editing. Hidden bookmarks (``_rg_text_3``) around
its paragraphs find it again where the tag is gone (LibreOffice keeps the control, not its
tag). A figure's inline content control carries the placeholder as its title, so that Word
shows where the number comes from. With ``readback`` the DOCX is read back once finished: the
manifest stores what the round trip compares with (``docx.manifest``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from reportgen.compose.model import DocumentMeta, EditableText
from reportgen.render.docx.locked import heading_test, lock_generated
from reportgen.render.docx.manifest import (
    FigureRecord,
    Manifest,
    TextRecord,
    manifest_xml,
)
from reportgen.render.docx.readback import (
    BLOCK_TAG,
    FIGURE_TAG,
    Content,
    Reader,
    unit_text,
    words_fingerprint,
)
from reportgen.render.docx.xml import content_control

BOOKMARK = "_rg_text_"
TAG_LENGTH = 64
"""Longer tags are kept to their number (Word's limit for a tag is not documented)."""
_FIRST_ID = 900_000
"""Content control and bookmark ids above those of the headings' bookmarks."""
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"

FigureMarker = Callable[[Run, str], None]
"""Marks a run as a figure from the data: the run and its placeholder."""


@dataclass(frozen=True)
class _Figure:
    number: int
    text: int
    placeholder: str
    value: str


@dataclass
class EditableWriter:
    """Keeps count of the texts and figures of one document and writes their controls."""

    document: Document
    texts: dict[int, EditableText] = field(default_factory=dict)
    figures: list[_Figure] = field(default_factory=list)
    _ids: count[int] = field(default_factory=lambda: count(_FIRST_ID))

    def begin(self) -> int:
        """Where the body stands before a text is written (for ``wrap``)."""
        return len(self.document.element.body)

    def marker(self, text: EditableText) -> FigureMarker:
        """What marks the figures of the text written next."""
        number = len(self.texts) + 1

        def mark(run: Run, placeholder: str) -> None:
            figure = len(self.figures) + 1
            self.figures.append(_Figure(figure, number, placeholder, run.text))
            title = text.figure_title.format(platzhalter=placeholder)
            _wrap_inline(run._r, title, f"{FIGURE_TAG}{figure}", next(self._ids))

        return mark

    def wrap(self, before: int, text: EditableText) -> None:
        """The paragraphs written since ``before`` into the text's content control."""
        body = self.document.element.body
        elements = [e for e in body[before - 1 :] if e.tag != qn("w:sectPr")]
        paragraphs = [e for e in elements if e.tag == qn("w:p")]
        if not paragraphs:
            return
        number = len(self.texts) + 1
        self.texts[number] = text
        tag = f"{BLOCK_TAG}{number}|{text.path}|{text.fingerprint[:12]}"
        # locked against deletion, not editing; a "document part" control: ECMA-376 lets it tag
        # a set of block-level objects, and LibreOffice 7.4 keeps it as one (a rich-text
        # control loses its first paragraph's formatting and links there)
        short = tag if len(tag) <= TAG_LENGTH else f"{BLOCK_TAG}{number}"
        sdt = content_control(text.title, short, next(self._ids), "sdtLocked", part=True)
        elements[0].addprevious(sdt)
        content = _child(sdt, "w:sdtContent")
        for element in elements:
            content.append(element)
        bookmark = next(self._ids)
        start = OxmlElement(
            "w:bookmarkStart", {qn("w:id"): str(bookmark), qn("w:name"): f"{BOOKMARK}{number}"}
        )
        properties = paragraphs[0].find(qn("w:pPr"))
        if properties is None:
            paragraphs[0].insert(0, start)
        else:
            properties.addnext(start)
        paragraphs[-1].append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark)}))

    def lock_generated(self, title: str) -> None:
        """Everything outside the texts into locked content controls (``docx.locked``)."""
        if title:
            is_heading = heading_test(document_reader(self.document).kind)
            lock_generated(self.document.element.body, title, self._ids, is_heading)

    def finish(self, meta: DocumentMeta, anchors: dict[str, str]) -> None:
        """Read the finished body back and store the manifest (only for a document of a
        project: one composed without has nothing to bring back)."""
        if not meta.project:
            return
        reader = document_reader(self.document)
        found = text_controls(self.document.element.body)
        texts: list[TextRecord] = []
        figures: list[FigureRecord] = []
        for number, text in self.texts.items():
            contents = reader.block(found[number]) if number in found else []
            texts.append(
                TextRecord(
                    number,
                    text.kind,
                    text.key,
                    text.path,
                    text.fingerprint,
                    tuple(c.fingerprint for c in contents),
                    tuple(words_fingerprint(c.text) for c in contents),
                )
            )
            where = _figures_in(contents)
            for f in (f for f in self.figures if f.text == number):
                paragraph, before = where.get(f.number, (-1, ""))
                figures.append(
                    FigureRecord(f.number, number, paragraph, f.placeholder, f.value, before)
                )
        manifest = Manifest(
            project=meta.project,
            title=meta.title,
            author=meta.author,
            date=meta.date.isoformat(),
            texts=tuple(texts),
            figures=tuple(figures),
            anchors=anchors,
            generated=tuple(
                generated_fingerprint(text)
                for _, text in generated_parts(self.document.element.body)
            ),
        )
        _add_custom_xml(self.document, manifest_xml(manifest), meta.project)


BEFORE = 24
"""Characters kept of the words before a figure (``FigureRecord.before``)."""


def _figures_in(contents: list[Content]) -> dict[int, tuple[int, str]]:
    """Each figure's paragraph and the words just before it there."""
    found: dict[int, tuple[int, str]] = {}
    for index, content in enumerate(contents):
        text = ""
        for span in content.spans:
            if span.figure >= 0:
                found.setdefault(span.figure, (index, text[-BEFORE:]))
            text += span.text
    return found


def document_reader(document: Document) -> Reader:
    """A reader that knows the document's styles, lists and hyperlink targets."""
    part = document.part
    numbering = part.numbering_part.element if _has_numbering(document) else None
    links = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
    return Reader(document.styles.element, numbering, links)


def _has_numbering(document: Document) -> bool:
    try:
        document.part.numbering_part  # noqa: B018 - python-docx raises where there is none
    except (KeyError, NotImplementedError):
        return False
    return True


def text_controls(body: Any) -> dict[int, list[Any]]:
    """The content of each editable text's content control, by its number (the first control
    of a number wins; a copy pasted elsewhere is not the text)."""
    found: dict[int, list[Any]] = {}
    for sdt in body.iter(qn("w:sdt")):
        number = text_number(sdt)
        content = sdt.find(qn("w:sdtContent"))
        if number is not None and number not in found and content is not None:
            found[number] = list(content)
    return found


def text_number(sdt: Any) -> int | None:
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    value = "" if tag is None else str(tag.get(qn("w:val"), ""))
    if not value.startswith(BLOCK_TAG):
        return None
    number = value[len(BLOCK_TAG) :].split("|")[0]
    return int(number) if number.isdigit() else None


def generated_parts(body: Any, skipped: set[Any] | None = None) -> Iterator[tuple[Any, str]]:
    """The generated paragraphs and tables of the body with their words, in order: everything
    but the editable texts (their content controls, or the ``skipped`` elements) and but what
    has no words (pictures, empty paragraphs, the contents Word fills in)."""
    fields: list[Any] = []
    for element in body:
        if element.tag == qn("w:sdt"):
            if text_number(element) is not None:
                continue
            content = element.find(qn("w:sdtContent"))
            yield from generated_parts(content if content is not None else (), skipped)
            continue
        if element.tag not in (qn("w:p"), qn("w:tbl")) or (skipped and element in skipped):
            continue
        text = unit_text(element, fields)
        if text:
            yield element, text


def generated_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _wrap_inline(r: Any, title: str, tag: str, identifier: int) -> None:
    sdt = content_control(title, tag, identifier)
    r.addprevious(sdt)
    _child(sdt, "w:sdtContent").append(r)


def _child(element: Any, tag: str) -> Any:
    return element.find(qn(tag))


def _add_custom_xml(document: Document, data: bytes, project: str) -> None:
    """The manifest as a custom XML part with its properties (a datastore id Word expects)."""
    package = document.part.package
    partname = package.next_partname("/customXml/item%d.xml")
    number = partname.idx
    item = OpcPart(partname, "application/xml", data, package)
    guid = hashlib.sha256(project.encode()).hexdigest().upper()
    item_id = f"{{{guid[:8]}-{guid[8:12]}-{guid[12:16]}-{guid[16:20]}-{guid[20:32]}}}"
    properties_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{_DATASTORE}">'
        "<ds:schemaRefs/></ds:datastoreItem>"
    ).encode()
    properties = OpcPart(
        PackURI(f"/customXml/itemProps{number}.xml"), _PROPERTIES_TYPE, properties_xml, package
    )
    item.relate_to(properties, _PROPERTIES)
    document.part.relate_to(item, CUSTOM_XML)
