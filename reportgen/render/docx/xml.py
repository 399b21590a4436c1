"""The raw-XML gaps of python-docx: the only module of reportgen that touches WordprocessingML.

python-docx has no public API for picture and table alt text, repeating header rows, layout
tables, document language, fields (table of contents, page numbers, caption numbers), hyperlinks
or restarting a numbered list. Each helper inserts its element at the position the schema
demands, because Word rejects files whose property elements are out of order. (The helpers that
only build the bundled template live beside it, in styles/reference_xml.py.)
"""

from __future__ import annotations

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


def mark_layout_table(table: Table) -> None:
    """A table that only places content side by side: no lines, no header row or first column
    in its look, and the description "Layout", so checkers and screen readers treat it as such."""
    properties = table._tbl.tblPr
    borders = put_child(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{side}", {qn("w:val"): "nil"}))
    look = {"w:firstRow": "0", "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0"}
    put_child(
        properties, "w:tblLook", {"w:val": "0600", **look, "w:noHBand": "1", "w:noVBand": "1"}
    )
    put_child(properties, "w:tblDescription", {"w:val": "Layout"})


# --- the template -----------------------------------------------------------------------------


def clear_body(document: Document) -> None:
    """Remove a template's sample content; its page setup (``w:sectPr``) stays."""
    document.element.body.clear_content()
