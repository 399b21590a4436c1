"""Methods once: method texts that several indicators share word for word (the Mikrozensus
notes, the Ausländerzentralregister's description) are printed once, in the "Methodische
Vorbemerkungen", grouped by the statistic they describe; each indicator refers to them.

A block of a metadata field (definition, computation, footnotes, further information) is
shared when at least ``MIN_INDICATORS`` indicators of the report carry it and it is long
enough to be a method text rather than a line like "Datenquelle: …".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reportgen.compose.editorial import placed
from reportgen.compose.model import Block, Heading, Link, Node, Paragraph, Part, Role, Text
from reportgen.compose.model.text import plain_text
from reportgen.compose.references import anchor_slug
from reportgen.compose.richtext import html_to_blocks
from reportgen.load.metadata import IndicatorMeta

MIN_INDICATORS = 3
MIN_LENGTH = 150
FIELDS = ("description", "computation", "footnotes", "other_info")


def block_key(block: Block) -> str:
    """What makes two blocks the same text: their words, whitespace and case aside."""
    if isinstance(block, Paragraph):
        text = plain_text(block.inlines)
    else:
        text = " ".join(plain_text(item) for item in getattr(block, "items", ()))
    return re.sub(r"\s+", " ", text).strip().casefold()


def block_text(html: str) -> str:
    """A metadata field's words, whitespace and case aside (to compare two fields)."""
    return " ".join(block_key(block) for block in html_to_blocks(html))


@dataclass(frozen=True)
class MethodSection:
    title: str
    anchor: str
    blocks: tuple[Block, ...]


@dataclass
class SharedMethods:
    """The shared blocks by key → the anchor of the section that prints them."""

    sections: list[MethodSection] = field(default_factory=list)
    anchors: dict[str, tuple[str, str]] = field(default_factory=dict)
    """block key → (section anchor, section title)."""

    def section_of(self, block: Block) -> tuple[str, str] | None:
        return self.anchors.get(block_key(block))


def shared_methods(metas: list[IndicatorMeta], fallback_title: str) -> SharedMethods:
    """Find the shared blocks of the indicators of a report, in report order."""
    users: dict[str, set[str]] = {}
    first: dict[str, Block] = {}
    sources: dict[str, Counter[str]] = {}
    for meta in metas:
        for name in FIELDS:
            for block in html_to_blocks(getattr(meta, name)):
                key = block_key(block)
                if len(key) < MIN_LENGTH:
                    continue
                users.setdefault(key, set()).add(meta.id)
                first.setdefault(key, block)
                sources.setdefault(key, Counter())[meta.data_source.strip() or fallback_title] += 1
    result = SharedMethods()
    by_title: dict[str, list[Block]] = {}
    for key, ids in users.items():  # dict order: report order of first use
        if len(ids) < MIN_INDICATORS:
            continue
        title = sources[key].most_common(1)[0][0]
        by_title.setdefault(title, []).append(first[key])
        result.anchors[key] = (_anchor(title), title)
    result.sections = [
        MethodSection(title, _anchor(title), tuple(blocks)) for title, blocks in by_title.items()
    ]
    return result


def _anchor(title: str) -> str:
    return f"methoden-{anchor_slug(title)}"


def with_references(
    blocks: tuple[Block, ...], shared: SharedMethods | None, words: str
) -> tuple[Block, ...]:
    """The blocks of a metadata field with the shared ones replaced by one reference each run
    of them: "Siehe Methodische Vorbemerkungen: Mikrozensus." (``words`` with ``{abschnitt}``)."""
    if shared is None or not shared.anchors:
        return blocks
    result: list[Block] = []
    last: str | None = None
    for block in blocks:
        found = shared.section_of(block)
        if found is None:
            result.append(block)
            last = None
            continue
        anchor, title = found
        if anchor != last:
            before, _, after = words.partition("{abschnitt}")
            link = Link((Text(title),), f"#{anchor}")
            result.append(Paragraph((Text(before), link, Text(after))))
        last = anchor
    return tuple(result)


def preliminary_part(shared: SharedMethods, heading: str, intro: str) -> Part | None:
    """The "Methodische Vorbemerkungen": a section per statistic with its shared texts."""
    if not shared.sections:
        return None
    children: list[Node] = [Heading(1, heading, anchor="methoden")]
    if intro:
        children.append(Paragraph((Text(intro),)))
    for section in shared.sections:
        children.append(
            Part(
                Role.NOTE,
                (Heading(2, section.title, anchor=section.anchor), *placed(section.blocks, 3)),
            )
        )
    return Part(Role.PRELIMINARY, tuple(children))
