"""Headings in Word: the template's styles, Word's own list numbering, bookmarks as link targets.

The model's number is the source of truth. Word counts its list on its own, so where the data's
numbers jump (a chapter or topic left out by ``auswahl``, a reordered outline) the heading starts
a new instance of the template's list whose levels start at that number; every later heading
counts on in it. A heading outside the navigation (``Heading.navigable``) gets a style that looks
like a heading but has no outline level, so Word's navigation pane and its contents skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count

from docx.document import Document
from docx.text.paragraph import Paragraph

from reportgen.compose.model import Heading
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.parts import Container, fresh_paragraph
from reportgen.render.docx.template import DEEPEST_HEADING, SUB_HEADINGS, TOC_HEADING
from reportgen.render.docx.xml import bookmark_name


def heading_style(heading: Heading) -> str:
    if heading.level == 1 and not heading.listed:
        return TOC_HEADING  # front matter (Impressum, Inhalt): a title the contents leave out
    level = min(heading.level, DEEPEST_HEADING)
    return f"Heading {level}" if heading.navigable else SUB_HEADINGS[level]


def _number_parts(number: str) -> tuple[int, ...] | None:
    """ "1.2.3" → (1, 2, 3); None for a number a decimal list cannot show."""
    if not re.fullmatch(r"[1-9]\d*(\.[1-9]\d*)*", number):
        return None
    return tuple(int(part) for part in number.split("."))


@dataclass
class HeadingWriter:
    """Writes the headings of one document in order, keeping Word's count of the list."""

    document: Document
    _lists: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _num_id: int | None = None
    _starts: tuple[int, ...] = ()
    """The start of each level of the current list instance (its overrides)."""
    _counts: dict[int, int] = field(default_factory=dict)
    """The last number the current instance gave at each level since the level above."""
    _bookmark_ids: count[int] = field(default_factory=lambda: count(1))

    def add(self, container: Container, heading: Heading) -> Paragraph:
        """The heading's paragraph; its number shown by Word's list where the style has one,
        else typed before the text."""
        style = heading_style(heading)
        paragraph = fresh_paragraph(container, style)
        numbered = self._number(paragraph, style, heading)
        typed = heading.number and not numbered
        text = f"{heading.number} {heading.text}" if typed else heading.text
        if text:
            paragraph.add_run(text)
        if heading.anchor:
            self.mark(paragraph, heading.anchor)
        return paragraph

    def mark(self, paragraph: Paragraph, anchor: str) -> None:
        """A bookmark named after ``anchor`` around the paragraph, for links and references."""
        docx_xml.add_bookmark(paragraph, bookmark_name(anchor), next(self._bookmark_ids))

    def _style_list(self, style: str) -> tuple[int, int] | None:
        if style not in self._lists:
            self._lists[style] = docx_xml.style_list(self.document, style)
        return self._lists[style]

    def _number(self, paragraph: Paragraph, style: str, heading: Heading) -> bool:
        linked = self._style_list(style)
        if linked is None:
            return False
        parts = _number_parts(heading.number)
        if parts is None or len(parts) != heading.level:
            docx_xml.set_list_level(paragraph, 0, None)  # no number, and Word counts none
            return False
        base_id, abstract_id = linked
        depth = heading.level - 1
        if self._num_id is None or self._counted(depth) != parts:
            if self._num_id is None and parts == (1,) * len(parts):
                self._num_id, self._starts = base_id, ()
            else:
                self._num_id = docx_xml.restarted_list(self.document, abstract_id, parts)
                self._starts = parts
            self._counts = {}
        self._counts = {level: value for level, value in self._counts.items() if level < depth}
        self._counts[depth] = parts[depth]
        docx_xml.set_list_level(paragraph, self._num_id, depth)
        return True

    def _counted(self, depth: int) -> tuple[int, ...]:
        """The number the current list instance gives the next paragraph at ``depth``: a level
        it has counted goes on by one, any other shows its start (1, or the override)."""

        def start(level: int) -> int:
            return self._starts[level] if level < len(self._starts) else 1

        shown = [self._counts.get(level, start(level)) for level in range(depth)]
        return (*shown, self._counts[depth] + 1 if depth in self._counts else start(depth))
