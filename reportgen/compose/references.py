"""Cross-references an editor writes as Markdown links to a place in the report:
``[Indikator 1.3.1](#1-3-1)`` (or ``#1.3.1``) to an indicator, ``#hf-2`` or ``#2`` to a
Handlungsfeld, ``#thema-1-2`` to a topic, ``#kapitel-einleitung`` to a free chapter, and the
fixed parts (``#zusammenfassung``, ``#methoden``, ``#anhang`` …). They become links with the
target's page number; links to the web stay as they are."""

from __future__ import annotations

import re
from dataclasses import replace

from reportgen.compose.model import Block, BulletList, Emphasis, Inline, Link, Paragraph, Strong
from reportgen.load.opensdg import Dataset

FIXED = frozenset(
    {
        "vorwort",
        "zusammenfassung",
        "methoden",
        "inhalt",
        "anhang",
        "zeichenerklaerung",
        "datenquellen",
        "kreistabellen",
    }
)
"""Anchors of the parts every report may have."""
_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def anchor_slug(text: str) -> str:
    """The part of an anchor made from words: ``Ausländerin/Ausländer`` →
    ``auslaenderin-auslaender`` (what editors write after ``#glossar-`` or ``#methoden-``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(_SPELLED)).strip("-")


_PREFIXED = re.compile(r"^(ind|hf|thema|kapitel|methoden|glossar|abkuerzung|abb|tab)-[\w-]+$")
_NUMBER = re.compile(r"^\d+(?:[.-][0-9a-z]+){0,3}$", re.I)


def target_anchor(fragment: str, dataset: Dataset, chapters: set[str]) -> str | None:
    """The anchor a ``#fragment`` points to, or None where nothing in the report has it."""
    name = fragment.lstrip("#").strip()
    if _NUMBER.match(name):
        key = name.replace(".", "-")
        if key in dataset.indicators:
            return f"ind-{key}"
        if key in dataset.targets:
            return f"thema-{key}"
        if key in dataset.goals:
            return f"hf-{key}"
        return None
    if name in FIXED:
        return name
    if name.startswith("kapitel-"):
        return name if name.removeprefix("kapitel-") in chapters else None
    if name.startswith("ind-"):
        return name if name.removeprefix("ind-") in dataset.indicators else None
    if name.startswith("hf-"):
        return name if name.removeprefix("hf-") in dataset.goals else None
    if name.startswith("thema-"):
        return name if name.removeprefix("thema-") in dataset.targets else None
    return name if _PREFIXED.match(name) else None


def internal_targets(blocks: tuple[Block, ...]) -> list[str]:
    """The ``#fragments`` the links of some blocks point to (for ``check``)."""
    found: list[str] = []

    def visit(inlines: tuple[Inline, ...]) -> None:
        for node in inlines:
            if isinstance(node, Link) and node.url.startswith("#"):
                found.append(node.url)
            elif isinstance(node, Strong | Emphasis | Link):
                visit(node.children)

    for block in blocks:
        if isinstance(block, Paragraph):
            visit(block.inlines)
        elif isinstance(block, BulletList):
            for item in block.items:
                visit(item)
    return found


def resolved(
    blocks: tuple[Block, ...], dataset: Dataset, chapters: set[str], page_word: str
) -> tuple[Block, ...]:
    """The blocks with their ``#`` links pointing at the report's anchors, with the page word;
    a link that points nowhere keeps its text only (``check`` reports it as an error)."""

    def inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            if isinstance(node, Link) and node.url.startswith("#"):
                anchor = target_anchor(node.url, dataset, chapters)
                if anchor is None:
                    result.extend(node.children)
                else:
                    result.append(replace(node, url=f"#{anchor}", page_word=page_word))
            elif isinstance(node, Strong | Emphasis):
                result.append(replace(node, children=inlines(node.children)))
            else:
                result.append(node)
        return tuple(result)

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(replace(block, inlines=inlines(block.inlines)))
        elif isinstance(block, BulletList):
            out.append(replace(block, items=tuple(inlines(item) for item in block.items)))
        else:
            out.append(block)
    return tuple(out)
