"""The raw-XML gaps of python-docx that only building the Word template needs: one font
everywhere (styles and theme), paragraph borders and shading of a style, dropping style
properties, a style given as XML, and a lean list of styles and parts. Used by
make_reference_docx.py; reportgen itself only reads the finished template (its own raw-XML
layer is ``reportgen.render.docx.xml``).

Each helper inserts its element where the schema demands it, because Word rejects files whose
property elements are out of order.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.styles import BabelFish
from docx.styles.style import BaseStyle
from lxml import etree

from reportgen.render.docx.xml import container_child, put_child

_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def use_font(document: Document, name: str) -> None:
    """One explicit font everywhere: theme font references would win over a style's font."""
    styles = document.styles.element
    run_defaults = container_child(
        container_child(container_child(styles, "w:docDefaults"), "w:rPrDefault"), "w:rPr"
    )
    run_defaults.get_or_add_rFonts()
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        for attribute in _FONT_ATTRIBUTES:
            fonts.set(qn(attribute), name)


_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def use_theme_font(document: Document, name: str) -> None:
    """The theme's heading and body fonts (Word: "Überschriften" and "Textkörper" in the font
    list) become ``name`` too, so that text an editor sets in a theme font stays in it."""
    theme = document.part.part_related_by(RT.THEME)
    root = parse_xml(theme.blob)
    for kind in ("majorFont", "minorFont"):
        for latin in root.iter(f"{{{_DRAWING}}}{kind}"):
            latin.find(f"{{{_DRAWING}}}latin").set("typeface", name)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_styles_with_effects(document: Document) -> None:
    """Drop the Word 2010 copy of the styles (``stylesWithEffects.xml``) python-docx's default
    template carries: its styles (Calibri, Cambria, theme fonts) are not the template's."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            document.part.drop_rel(rel_id)


def set_paragraph_border(
    style: BaseStyle, side: str, color: str, eighths: int, space: int = 4
) -> None:
    """A line on one side (``top``, ``left``, ``bottom``, ``right``) of a paragraph style."""
    properties = style.element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = put_child(properties, "w:pBdr")
    for old in borders.findall(qn(f"w:{side}")):
        borders.remove(old)
    order = ("top", "left", "bottom", "right", "between", "bar")
    line = OxmlElement(
        f"w:{side}",
        {
            qn("w:val"): "single",
            qn("w:sz"): str(eighths),
            qn("w:space"): str(space),
            qn("w:color"): color,
        },
    )
    later = [borders.find(qn(f"w:{s}")) for s in order[order.index(side) + 1 :]]
    following = next((node for node in later if node is not None), None)
    if following is None:
        borders.append(line)
    else:
        following.addprevious(line)


def set_paragraph_shading(style: BaseStyle, fill: str) -> None:
    put_child(
        style.element.get_or_add_pPr(),
        "w:shd",
        {"w:val": "clear", "w:color": "auto", "w:fill": fill},
    )


def remove_style_property(style: BaseStyle, tag: str) -> None:
    """Drop a paragraph (``w:pPr/w:numPr``) or run (``w:rPr/w:spacing``) property of a style."""
    for old in style.element.findall(tag.replace("w:", f"{{{_W}}}")):
        old.getparent().remove(old)


def add_style_xml(document: Document, xml: str) -> None:
    """Add (or replace) a style given as ``<w:style>`` XML without namespace declarations."""
    style = parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1))
    styles = document.styles.element
    style_id = style.get(qn("w:styleId"))
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == style_id:
            styles.remove(old)
    styles.append(style)


def remove_styles_except(document: Document, names: set[str]) -> None:
    """Drop every style not named (nor a default, nor a base or link of a kept one).

    python-docx scans all styles on every style assignment; a lean template renders faster.
    """
    root = document.styles.element
    styles = root.findall(qn("w:style"))
    by_id = {style.get(qn("w:styleId")): style for style in styles}

    def name_of(style: Any) -> str | None:
        element = style.find(qn("w:name"))
        return None if element is None else element.get(qn("w:val"))

    def display(name: str | None) -> str | None:
        # as python-docx shows it: "heading 1" → "Heading 1", but "toc 1" stays
        return BabelFish.internal2ui(name) if name else name

    keep = {
        style_id
        for style_id, style in by_id.items()
        if display(name_of(style)) in names or style.get(qn("w:default")) == "1"
    }
    stack = list(keep)
    while stack:
        style = by_id.get(stack.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            target = None if ref is None else ref.get(qn("w:val"))
            if target in by_id and target not in keep:
                keep.add(target)
                stack.append(target)
    for style_id, style in by_id.items():
        if style_id not in keep:
            root.remove(style)


def add_list_xml(document: Document, levels: str) -> int:
    """A new multilevel list from its ``<w:lvl>`` elements (XML without namespace declarations)
    and one instance of it; returns the instance's ``numId`` for styles to link to."""
    numbering = document.part.numbering_part.element
    abstract_id = 1 + max(
        (int(a.get(qn("w:abstractNumId"))) for a in numbering.iterchildren(qn("w:abstractNum"))),
        default=-1,
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    numbers = numbering.findall(qn("w:num"))
    if numbers:
        numbers[0].addprevious(abstract)  # every abstractNum before the first num
    else:
        numbering.append(abstract)
    return int(numbering.add_num(abstract_id).numId)


def link_list(style: BaseStyle, num_id: int, level: int | None) -> None:
    """Number a paragraph style by list ``num_id`` at ``level`` (``num_id`` 0: no number, also
    none inherited from the base style)."""
    num_pr = put_child(style.element.get_or_add_pPr(), "w:numPr")
    if level is not None:
        num_pr.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    num_pr.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))


def set_outline_level(style: BaseStyle, level: int) -> None:
    """The style's outline level, 0–8; 9 is body text (out of navigation pane and contents)."""
    put_child(style.element.get_or_add_pPr(), "w:outlineLvl", {"w:val": str(level)})
