"""Lists of figures and of tables: every numbered caption of the document, linked to it.

Figures and tables get their anchors here, predictable from their numbers (``abb-3``,
``tab-12``), so that the lists (and an editor's reference) can point at them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen.compose.model import (
    CaptionEntry,
    CaptionList,
    Figure,
    Heading,
    Node,
    Part,
    Table,
    walk,
)

_MARKER = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+\u207e?")


def without_marks(text: str) -> str:
    """A caption or heading without its footnote markers ("Staatsangehörigkeiten¹⁾"): in a list
    of contents, figures or tables they point nowhere."""
    return _MARKER.sub("", text)


def figure_anchor(number: int) -> str:
    return f"abb-{number}"


def table_anchor(number: int) -> str:
    return f"tab-{number}"


def anchor_captions(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """The nodes with an anchor on every numbered figure and table that has none."""
    return tuple(_anchored(node) for node in nodes)


def _anchored(node: Node) -> Node:
    match node:
        case Part(children=children):
            return replace(node, children=anchor_captions(children))
        case Figure(number=number, anchor="") if number:
            return replace(node, anchor=figure_anchor(number))
        case Table(number=number, anchor="") if number:
            return replace(node, anchor=table_anchor(number))
        case _:
            return node


def caption_lists(nodes: tuple[Node, ...], figures: str, tables: str) -> tuple[Node, ...]:
    """ "Abbildungsverzeichnis" and "Tabellenverzeichnis" (headings ``figures``, ``tables``)
    over the numbered, anchored figures and tables of ``nodes``; a list without entries is
    left out."""
    found = [node for node in walk(nodes) if isinstance(node, Figure | Table)]
    listed: list[Node] = []
    for heading, anchor, kind in (
        (figures, "abbildungsverzeichnis", Figure),
        (tables, "tabellenverzeichnis", Table),
    ):
        shown = [node for node in found if isinstance(node, kind) and node.number and node.anchor]
        if not shown:
            continue
        entries = tuple(
            CaptionEntry(f"{node.label} {node.number}", without_marks(node.caption), node.anchor)
            for node in shown
        )
        listed += [Heading(2, heading, anchor=anchor), CaptionList(shown[0].label, entries)]
    return tuple(listed)
