"""A chart's SVG as matplotlib writes it, made quick to draw: the same picture in fewer nodes.

WeasyPrint parses every ``style`` attribute with a CSS parser, matches every node against
the picture's global ``*`` rule and saves and restores the graphics state for every group;
in the example report that was a third of writing the PDF. Here the declarations of a
``style`` attribute become presentation attributes (for a renderer the same thing; the style
attribute wins over an attribute of the same name, and so does its value here), the global
rule becomes inherited attributes of the root, groups that only carry an id nobody refers to
give way to their children, and rotations by zero degrees go. Metadata, the document type
and whitespace between elements go as well. Nothing that is drawn changes.
"""

from __future__ import annotations

import re

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_GROUP = f"{{{SVG}}}g"
_TEXT_TAGS = frozenset({f"{{{SVG}}}text", f"{{{SVG}}}tspan", f"{{{SVG}}}textPath"})
_NO_ROTATION = re.compile(r"rotate\(\s*-?0(?:\.0*)?(?:[ ,][^)]*)?\)")
_GLOBAL_RULE = re.compile(r"^\s*\*\s*\{([^{}]*)\}\s*$")
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _declarations(text: str) -> list[tuple[str, str]]:
    """``name: value`` pairs of a style attribute as matplotlib writes it."""
    pairs = []
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip():
            pairs.append((name.strip(), value.strip()))
    return pairs


def _referenced(root: etree._Element) -> set[str]:
    names = set()
    for element in root.iter():
        for key, value in element.attrib.items():
            if key in (XLINK_HREF, "href") and value.startswith("#"):
                names.add(value[1:])
            else:
                names.update(_REFERENCE.findall(value))
    return names


def _unwrap(group: etree._Element) -> None:
    """Put a group's children in its place."""
    parent = group.getparent()
    assert parent is not None
    index = parent.index(group)
    for offset, child in enumerate(list(group)):
        parent.insert(index + offset, child)
    parent.remove(group)


def lean_svg(svg: bytes) -> bytes:
    """The same picture, in the fewest nodes and no style attributes."""
    root = etree.fromstring(svg, _PARSER)
    for element in list(root.iter("{*}metadata")):
        element.getparent().remove(element)
    for style in list(root.iter(f"{{{SVG}}}style")):
        rule = _GLOBAL_RULE.match(style.text or "")
        if rule is None:
            continue  # a rule with selectors: left as it is
        for name, value in _declarations(rule.group(1)):
            root.set(name, value)  # inherited by every node that sets no value of its own
        defs = style.getparent()
        defs.remove(style)
        if len(defs) == 0:
            defs.getparent().remove(defs)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if (style_text := element.attrib.pop("style", None)) is not None:
            for name, value in _declarations(style_text):
                element.set(name, value)
        transform = element.get("transform")
        if transform is not None and _NO_ROTATION.fullmatch(transform.strip()):
            del element.attrib["transform"]
        if element.tag not in _TEXT_TAGS:
            element.text = None if (element.text or "").strip() == "" else element.text
            element.tail = None if (element.tail or "").strip() == "" else element.tail
    referenced = _referenced(root)
    for element in root.iter():
        if element.get("id") is not None and element.get("id") not in referenced:
            del element.attrib["id"]
    for group in [g for g in root.iter(_GROUP) if g is not root]:
        if not group.attrib:
            _unwrap(group)
    lean: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return lean
