"""The raw-XML gaps of python-docx: with ``layout_xml`` the modules of the renderer that write
WordprocessingML (the Word round trip's content controls and their reading back are
``editable``, ``readback`` and ``fields``; ``reportgen.roundtrip`` reads edited files).

python-docx has no public API for picture and table alt text, repeating header rows, document
language, fields (table of contents, page numbers, caption numbers), hyperlinks, bookmarks,
heading numbers or restarting a numbered list; the gaps of page layout (floating pictures,
sections in columns, the fact sheet's sizes) are filled by its sibling ``docx.layout_xml``.
Each helper inserts its element at the position the schema demands, because Word rejects files
whose property elements are out of order.
(The helpers that only build the bundled template live beside it, in styles/reference_xml.py.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.shape import InlineShape
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reportgen.render.docx.schema import SCHEMA_ORDER


def put_child(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """Replace or add the child ``tag`` of a property element, keeping the schema order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag, {qn(k): v for k, v in (attributes or {}).items()})
    sequence = SCHEMA_ORDER[f"w:{parent.tag.rpartition('}')[2]}"]
    parent.insert_element_before(child, *sequence[sequence.index(tag) + 1 :])
    return child


def container_child(parent: Any, tag: str) -> Any:
    """The container child ``tag`` of ``parent``, created as first child if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(0, found)
    return found


# --- document settings -------------------------------------------------------------------------


def set_document_language(document: Document, tag: str) -> None:
    """Language of all text (``w:lang`` in the style defaults) and of the theme fonts."""
    styles = document.styles.element
    defaults = container_child(styles, "w:docDefaults")
    run_defaults = container_child(container_child(defaults, "w:rPrDefault"), "w:rPr")
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = put_child(run_defaults, "w:lang")
    language.set(qn("w:val"), tag)
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), tag)


def request_field_update(document: Document) -> None:
    """Word refreshes all fields (table of contents, page numbers) when the file is opened."""
    put_child(document.settings.element, "w:updateFields", {"w:val": "true"})


# --- fields, pictures, links ---------------------------------------------------------------


def append_field(paragraph: Paragraph, instruction: str, result: str) -> Run:
    """A complex field (``TOC``, ``PAGE``, ``SEQ``) showing ``result`` until Word updates it."""

    def field_char(kind: str) -> None:
        paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))

    field_char("begin")
    code = OxmlElement("w:instrText", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    field_char("separate")
    shown = paragraph.add_run(result)
    field_char("end")
    return shown


def describe_picture(shape: InlineShape, description: str, title: str) -> None:
    """Alternative text (``descr``) and title of an inline picture, read by screen readers."""
    properties = shape._inline.docPr
    properties.set("descr", description)
    properties.set("title", title)


def link_runs(paragraph: Paragraph, runs: Sequence[Run], url: str) -> None:
    """Wrap consecutive runs of a paragraph in an external hyperlink."""
    if not runs:
        return
    relationship = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", {qn("r:id"): relationship, qn("w:history"): "1"})
    runs[0]._r.addprevious(hyperlink)
    for run in runs:
        hyperlink.append(run._r)


def restart_numbering(paragraph: Paragraph) -> None:
    """Start a numbered list at 1 again (Word otherwise continues the previous list;
    python-docx has no API for it: python-openxml/python-docx#25)."""
    style_properties = paragraph.style.element.pPr if paragraph.style is not None else None
    if style_properties is None or style_properties.numPr is None:
        return
    part = paragraph.part
    if not isinstance(part, DocumentPart):
        return
    numbering = part.numbering_part.element
    style_num = numbering.num_having_numId(style_properties.numPr.numId.val)
    num = numbering.add_num(style_num.abstractNumId.val)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId


# --- headings: list numbering, bookmarks, internal links ---------------------------------------


def style_list(document: Document, style: str) -> tuple[int, int] | None:
    """The list a paragraph style is linked to, as (numId, abstractNumId); None for none."""
    properties = document.styles[style].element.pPr
    num_pr = None if properties is None else properties.numPr
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return None
    num = document.part.numbering_part.element.num_having_numId(num_pr.numId.val)
    return num_pr.numId.val, num.abstractNumId.val


def restarted_list(document: Document, abstract_id: int, starts: Sequence[int]) -> int:
    """A new instance of a list whose levels 0, 1, … start at ``starts``; its numId."""
    num = document.part.numbering_part.element.add_num(abstract_id)
    for level, start in enumerate(starts):
        num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return int(num.numId)


def set_list_level(paragraph: Paragraph, num_id: int, level: int | None) -> None:
    """Number the paragraph at ``level`` of list ``num_id``; ``num_id`` 0 and no level take
    away the number its style would give."""
    num_pr = put_child(paragraph._p.get_or_add_pPr(), "w:numPr")
    if level is not None:
        num_pr.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    num_pr.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))


BOOKMARK_LENGTH = 40


def bookmark_name(anchor: str) -> str:
    """The Word bookmark of a model anchor ("ind-1-2-3" → "ind_1_2_3"): letters, digits and
    underscores, starting with a letter (else hidden, as Word's own "_Toc…" are)."""
    name = re.sub(r"\W", "_", anchor, flags=re.ASCII)
    return (name if name[:1].isalpha() else f"_{name}")[:BOOKMARK_LENGTH]


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark ``name`` around the paragraph's content: the target of internal links."""
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    properties = paragraph._p.pPr
    if properties is None:
        paragraph._p.insert(0, start)
    else:
        properties.addnext(start)
    paragraph._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)}))


def link_to_bookmark(paragraph: Paragraph, runs: Sequence[Run], bookmark: str) -> None:
    """Wrap consecutive runs of a paragraph in a link to a bookmark of the document."""
    hyperlink = OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})
    runs[0]._r.addprevious(hyperlink)
    for run in runs:
        hyperlink.append(run._r)


def open_field(paragraph: Paragraph, instruction: str) -> None:
    """Begin a complex field whose result follows, possibly over several paragraphs."""
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    code = OxmlElement("w:instrText", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))


def close_field(paragraph: Paragraph) -> None:
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


# --- table rows --------------------------------------------------------------------------------


def mark_header_row(row: _Row) -> None:
    """The row repeats on every page and is announced as column headers."""
    put_child(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_together(row: _Row) -> None:
    """The row never breaks across pages."""
    put_child(row._tr.get_or_add_trPr(), "w:cantSplit")


# --- tables ------------------------------------------------------------------------------------


def describe_table(table: Table, title: str, description: str = "") -> None:
    """Alternative text of a table (Word: "Alternativtext" → title and description)."""
    properties = table._tbl.tblPr
    put_child(properties, "w:tblCaption", {"w:val": title})
    if description:
        put_child(properties, "w:tblDescription", {"w:val": description})


# --- the template -----------------------------------------------------------------------------


def clear_body(document: Document) -> None:
    """Remove a template's sample content; its page setup (``w:sectPr``) stays."""
    document.element.body.clear_content()


# --- pictures: decorative --------------------------------------------------------------------

_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def mark_decorative(shape: InlineShape) -> None:
    """Mark a picture as decorative (Word: "Als dekorativ markieren"): screen readers skip it,
    and accessibility checkers do not ask for its alt text. docPr's only child is its extLst."""
    properties = shape._inline.docPr
    properties.set("descr", "")
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext", {"uri": _DECORATIVE_EXT})
    ext.append(ext.makeelement(_DECORATIVE, {"val": "1"}))
    ext_list.append(ext)
    properties.append(ext_list)


# --- content controls --------------------------------------------------------------------------


def content_control(
    title: str, tag: str, identifier: int, lock: str = "", part: bool = False
) -> Any:
    """An empty content control (``w:sdt``): Word shows ``title`` on it; ``lock`` is one of
    ECMA-376's ``sdtLocked``, ``contentLocked``, ``sdtContentLocked``; ``part`` makes it a
    document part control (``w:docPartObj``), which LibreOffice keeps around paragraphs."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    properties.append(OxmlElement("w:alias", {qn("w:val"): title}))
    properties.append(OxmlElement("w:tag", {qn("w:val"): tag}))
    properties.append(OxmlElement("w:id", {qn("w:val"): str(identifier)}))
    if lock:
        properties.append(OxmlElement("w:lock", {qn("w:val"): lock}))
    if part:
        properties.append(OxmlElement("w:docPartObj"))
    sdt.append(properties)
    sdt.append(OxmlElement("w:sdtContent"))
    return sdt
