"""The glossary and the abbreviations of the annex, sorted as a German dictionary sorts.

Every glossary entry has an anchor an editor can link to: ``glossar-`` and the term in small
letters, umlauts written out, every other character a hyphen
(``[Migrationshintergrund](#glossar-migrationshintergrund)``).
"""

from __future__ import annotations

from reportgen.compose.editorial import placed
from reportgen.compose.model import (
    BulletList,
    Heading,
    Inline,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
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
