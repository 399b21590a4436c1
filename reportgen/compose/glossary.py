"""The glossary and the abbreviations of the annex, sorted as a German dictionary sorts.

Every glossary entry has an anchor an editor can link to: ``glossar-`` and the term in small
letters, umlauts written out, every other character a hyphen
(``[Migrationshintergrund](#glossar-migrationshintergrund)``). Where the editor has not, the
first use of a term in the text links to its entry (``with_term_links``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from reportgen.compose.editorial import placed
from reportgen.compose.model import (
    BulletList,
    Emphasis,
    Heading,
    Inline,
    Link,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    Text,
)
from reportgen.compose.references import anchor_slug
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.load.glossary import Term

_SORTED = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def collation_key(term: str) -> tuple[str, str]:
    """German dictionary order (DIN 5007-1): Ä with A, ß as ss, case only to break ties."""
    return term.casefold().translate(_SORTED), term


def term_anchor(term: str) -> str:
    """``Ausländerin/Ausländer`` → ``glossar-auslaenderin-auslaender``."""
    return f"glossar-{anchor_slug(term)}"


def glossary_nodes(terms: tuple[Term, ...], heading: str) -> tuple[Node, ...]:
    """The heading and each term in bold above its explanation, in an anchored part."""
    if not terms:
        return ()
    entries = tuple(
        Part(
            Role.NOTE,
            (
                Paragraph((Strong((Text(term.term),)),)),
                *placed(markdown_to_blocks(term.text), 4),
            ),
            anchor=term_anchor(term.term),
        )
        for term in sorted(terms, key=lambda t: collation_key(t.term))
    )
    return (Heading(2, heading, anchor="glossar"), *entries)


def abbreviation_nodes(terms: tuple[Term, ...], heading: str) -> tuple[Node, ...]:
    """The heading and one line per abbreviation: "**AZR** Ausländerzentralregister"."""
    if not terms:
        return ()
    items = tuple(
        (Strong((Text(term.term),)), Text(" – "), *_inlines(term.text))
        for term in sorted(terms, key=lambda t: collation_key(t.term))
    )
    return (Heading(2, heading, anchor="abkuerzungen"), BulletList(items))


def _inlines(text: str) -> tuple[Inline, ...]:
    """The explanation of an abbreviation as one run of text (its paragraphs joined)."""
    inlines: list[Inline] = []
    for block in markdown_to_blocks(text):
        if isinstance(block, Paragraph):
            if inlines:
                inlines.append(Text(" "))
            inlines.extend(block.inlines)
    return tuple(inlines) or (Text(text),)


_UNLINKED = frozenset({Role.COVER, Role.IMPRINT, Role.CONTENTS, Role.APPENDIX})
"""Parts without links to the glossary: the front matter, and the annex that holds it."""

_ENDINGS = r"(?:innen|in|ern|er|es|en|e|n|s)?"
"""German inflection after a term ("Ausländer" in "Ausländerinnen", "Schutzsuchende" in
"Schutzsuchenden"), never a compound ("Ausländerbehörde" is not "Ausländer")."""


def with_term_links(nodes: Iterable[Node], terms: tuple[Term, ...]) -> tuple[Node, ...]:
    """``nodes`` with the first use of each term in running text as a link to its entry.

    A term matches as written (the glossary's spelling, each side of "Ausländerin/Ausländer"),
    at a word start, with an inflection ending; the longest term wins ("Migrationshintergrund
    im engeren Sinne" before "Migrationshintergrund"). Headings, links and a term the editor
    linked already are left alone.
    """
    forms = {
        form.strip(): term_anchor(term.term)
        for term in terms
        for form in term.term.split("/")
        if form.strip()
    }
    if not forms:
        return tuple(nodes)
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    linker = _Linker(re.compile(rf"\b({alternatives}){_ENDINGS}\b"), forms, set())
    nodes = tuple(nodes)
    linker.done.update(_linked_anchors(nodes))
    return tuple(linker.node(node) for node in nodes)


def _linked_anchors(nodes: Iterable[Node | Inline]) -> set[str]:
    """Glossary anchors the editor has linked somewhere."""
    found: set[str] = set()
    for node in nodes:
        match node:
            case Link(url=url) if url.startswith("#glossar-"):
                found.add(url[1:])
            case Part(children=children):
                found |= _linked_anchors(children)
            case Paragraph(inlines=inlines) | Strong(children=inlines) | Emphasis(children=inlines):
                found |= _linked_anchors(inlines)
            case BulletList(items=items):
                found |= _linked_anchors(inline for item in items for inline in item)
    return found


class _Linker:
    def __init__(self, pattern: re.Pattern[str], forms: dict[str, str], done: set[str]) -> None:
        self.pattern, self.forms, self.done = pattern, forms, done

    def node(self, node: Node) -> Node:
        match node:
            case Part(role=role, children=children) if role not in _UNLINKED:
                return replace(node, children=tuple(self.node(child) for child in children))
            case Paragraph(inlines=inlines, style=Style.BODY):
                return replace(node, inlines=self.inlines(inlines))
            case BulletList(items=items):
                return replace(node, items=tuple(self.inlines(item) for item in items))
        return node

    def inlines(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for inline in inlines:
            match inline:
                case Text(placeholder=placeholder) if placeholder:
                    result.append(inline)  # a figure from the data is no term
                case Text(text=text):
                    result.extend(self.text(text))
                case Strong(children=children):
                    result.append(Strong(self.inlines(children)))
                case Emphasis(children=children):
                    result.append(Emphasis(self.inlines(children)))
                case _:
                    result.append(inline)
        return tuple(result)

    def text(self, text: str) -> list[Inline]:
        pieces: list[Inline] = []
        start = 0
        for match in self.pattern.finditer(text):
            anchor = self.forms[match.group(1)]
            if anchor in self.done:
                continue
            self.done.add(anchor)
            if match.start() > start:
                pieces.append(Text(text[start : match.start()]))
            pieces.append(Link((Text(match.group(0)),), f"#{anchor}"))
            start = match.end()
        if start < len(text):
            pieces.append(Text(text[start:]))
        return pieces
