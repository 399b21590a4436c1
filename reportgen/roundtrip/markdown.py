"""Paragraphs read back from Word (``readback.Content``) → the project's Markdown: text with the
characters Markdown would read as markup escaped, bold and italic as ``**`` and ``*``, links (a
place in the report as the ``#anchor`` the editor wrote or the report's own), sub-headings, lists;
a figure from the data that is unchanged goes back as its placeholder, a changed one stays as
typed and is named.

Markdown cannot hold footnotes, pictures or tables in a text block: they are named, not taken
over (their words are).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from reportgen.compose.model import (
    BulletList,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Strong,
    SubHeading,
    Text,
)
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.render.docx.manifest import FigureRecord
from reportgen.render.docx.readback import Content, Kind, Span

_ESCAPED = re.compile(r"([\\`*_\[\]<>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_FIELD_CODE = re.compile(r'HYPERLINK "[^"]*"(?: \\l "[^"]*")?')
"""A link's field code LibreOffice 7.4 writes as text where a link begins an editable text."""
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#>+=~.)-])")


@dataclass(frozen=True)
class TypedFigure:
    """A figure from the data the editor changed: it stays as typed (``typed`` empty: it is
    not in the text any more, or no longer recognisable as that figure)."""

    placeholder: str
    built: str
    typed: str
    number: int = 0


@dataclass
class Converted:
    markdown: str
    typed: list[TypedFigure] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """What the paragraph held that Markdown cannot (``readback.Extra``)."""
    placed: set[int] = field(default_factory=set)
    """The figures that went back as their placeholders."""


@dataclass(frozen=True)
class Converter:
    """Converts the paragraphs of one text."""

    figures: Mapping[int, FigureRecord]
    anchors: Mapping[str, str]
    """Bookmark → anchor of the report (``ind_1_2_2`` → ``ind-1-2-2``)."""
    written: Mapping[str, str]
    """Anchor → the link target as the text block wrote it (``ind-1-3-1`` → ``#1.3.1``)."""

    def paragraph(self, content: Content, expected: Sequence[FigureRecord] = ()) -> Converted:
        """One paragraph's Markdown (without list marker or heading hashes); ``expected``: the
        figures it had when built, found again by their value where their marks are gone."""
        cleaned = [replace(s, text=_FIELD_CODE.sub("", s.text)) for s in content.spans]
        spans = _trimmed(_found_again([s for s in cleaned if s.text], expected))
        converted = Converted("", left_out=list(content.extras))
        pieces = [self._piece(span, converted) for span in spans]
        converted.markdown = _written(pieces, emphasis=True)
        shown = [
            (char, span.bold, span.italic)
            for span, piece in zip(spans, pieces, strict=True)
            for char in (piece.text if piece.figure in converted.placed else span.text)
        ]
        if _plain_spaces(_read(converted.markdown)) != _plain_spaces(shown):
            # bold or italic where Markdown cannot say it (inside a word next to punctuation)
            converted.markdown = _written(pieces, emphasis=False)
            converted.left_out.append(UNSAYABLE)
        return converted

    def _piece(self, span: Span, converted: Converted) -> Span:
        """The span with its text as Markdown (its ``link`` as the target to write)."""
        link = self._target(span.link)
        record = self.figures.get(span.figure)
        if record is not None and span.text == record.value:
            converted.placed.add(record.number)
            return replace(span, text=record.placeholder, link=link)
        if record is not None:
            typed = TypedFigure(record.placeholder, record.value, span.text, record.number)
            converted.typed.append(typed)
        return replace(span, text=escape(span.text), link=link)

    def _target(self, link: str) -> str:
        if not link.startswith("#"):
            return link
        anchor = self.anchors.get(link[1:], "")
        if anchor in self.written:
            return self.written[anchor]
        if not anchor or anchor.startswith("glossar-"):
            return ""  # a term the report links itself, or a mark of the editor's own
        return f"#{anchor}"


UNSAYABLE = "emphasis"
"""Bold or italic that Markdown cannot express there: the paragraph goes back without it."""


def _written(pieces: Sequence[Span], emphasis: bool) -> str:
    groups: list[tuple[str, list[Span]]] = []
    for piece in pieces:
        if not emphasis:
            piece = replace(piece, bold=False, italic=False)
        if groups and groups[-1][0] == piece.link:
            groups[-1][1].append(piece)
        else:
            groups.append((piece.link, [piece]))
    return _line_starts("".join(_linked(_emphasised(group), link) for link, group in groups))


def _plain_spaces(chars: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """White space counts as plain: Markdown puts it outside bold and italic."""
    spaces = [(" " if c == "\t" else c, b, i) for c, b, i in chars]
    return [(c, False, False) if c.isspace() else (c, b, i) for c, b, i in spaces]


def _read(markdown: str) -> list[tuple[str, bool, bool]]:
    """What the Markdown shows, character by character with bold and italic."""
    found: list[tuple[str, bool, bool]] = []

    def inlines(nodes: Sequence[Inline], bold: bool, italic: bool) -> None:
        for node in nodes:
            match node:
                case Text(text=text):
                    found.extend((char, bold, italic) for char in text)
                case Strong(children=children):
                    inlines(children, True, italic)
                case Emphasis(children=children):
                    inlines(children, bold, True)
                case Link(children=children):
                    inlines(children, bold, italic)
                case LineBreak():
                    found.append(("\n", bold, italic))

    for block in markdown_to_blocks(markdown):
        match block:
            case Paragraph(inlines=items) | SubHeading(inlines=items):
                inlines(items, False, False)
            case BulletList(items=items_of_list):
                for item in items_of_list:
                    inlines(item, False, False)
    return found


def repaired_words(content: Content) -> str | None:
    """The words of a paragraph in which LibreOffice wrote a link's field code as text,
    without it; None for a paragraph without."""
    if not any(_FIELD_CODE.search(span.text) for span in content.spans):
        return None
    return "".join(_FIELD_CODE.sub("", span.text) for span in content.spans)


def escape(text: str) -> str:
    """Text as Markdown shows it literally; a line break stays one."""
    text = _ENTITY.sub(r"\\&", _ESCAPED.sub(r"\\\1", text.replace("\t", " ")))
    return text.replace("\n", "\\\n")


def _line_starts(text: str) -> str:
    """Escape what would start a heading, list, quote or code fence at a line's beginning
    (after a number the point or bracket: "2024\\. ")."""
    return "\n".join(_LINE_START.sub(r"\1\\\2", line, count=1) for line in text.split("\n"))


def _trimmed(spans: list[Span]) -> list[Span]:
    """Without white space and line breaks at the paragraph's ends (Markdown drops them)."""
    while spans and not spans[0].text.strip():
        spans = spans[1:]
    while spans and not spans[-1].text.strip():
        spans = spans[:-1]
    if spans:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return spans


def _found_again(spans: Sequence[Span], expected: Sequence[FigureRecord]) -> list[Span]:
    """The spans, with each expected figure whose mark is gone found again by its value: in
    order, where the words before it are as built, else where it stands only once."""
    result = list(spans)
    marked = {span.figure for span in spans}
    cursor = 0
    for record in sorted(expected, key=lambda r: r.number):
        if record.number in marked or not record.value:
            continue
        places = _places(result, record.value)
        text = "".join(span.text for span in result)
        fitting = [p for p in places if record.before and text[: p[0]].endswith(record.before)]
        later = [p for p in fitting if p[0] >= cursor]
        candidates = later or fitting or (places if len(places) == 1 else [])
        if not candidates:
            continue
        chosen = candidates[0]
        at, index, offset = chosen
        span = result[index]
        pieces = [
            replace(span, text=span.text[:offset]),
            replace(span, text=record.value, figure=record.number),
            replace(span, text=span.text[offset + len(record.value) :]),
        ]
        result[index : index + 1] = [piece for piece in pieces if piece.text]
        cursor = at + len(record.value)
    return result


def _places(spans: Sequence[Span], value: str) -> list[tuple[int, int, int]]:
    """Where ``value`` stands in unmarked text: (position in the paragraph, span, position in
    the span)."""
    places, start = [], 0
    for index, span in enumerate(spans):
        if span.figure < 0:
            at = span.text.find(value)
            while at >= 0:
                places.append((start + at, index, at))
                at = span.text.find(value, at + 1)
        start += len(span.text)
    return places


def _emphasised(spans: Sequence[Span]) -> str:
    """Bold and italic around the spans' (escaped) texts, nested where they overlap."""
    out: list[str] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if not (span.bold or span.italic):
            out.append(span.text)
            index += 1
            continue
        reach = {
            name: _extent(spans, index, name) for name in ("bold", "italic") if getattr(span, name)
        }
        name = max(reach, key=lambda key: (reach[key], key == "bold"))
        inner = [
            replace(s, bold=False) if name == "bold" else replace(s, italic=False)
            for s in spans[index : reach[name]]
        ]
        out.append(_wrapped(_emphasised(inner), "**" if name == "bold" else "*"))
        index = reach[name]
    return "".join(out)


def _extent(spans: Sequence[Span], index: int, name: str) -> int:
    while index < len(spans) and getattr(spans[index], name):
        index += 1
    return index


def _wrapped(text: str, mark: str) -> str:
    """``**text**`` with the white space at its ends outside the marks (else no emphasis)."""
    core = text.strip()
    if not core:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return f"{start}{mark}{core}{mark}{end}"


def _linked(text: str, link: str) -> str:
    if not link:
        return text
    target = f"<{link}>" if re.search(r"[\s()<>]", link) else link
    return f"[{text}]({target})"


RAW = "raw"
"""A piece of the text block's Markdown kept as it was (an unchanged paragraph, a note)."""


def assembled(lines: Sequence[tuple[str, int, str]], heading: str = "##") -> str:
    """Paragraphs (kind, level, Markdown) as a body: blank lines between blocks, the items of a
    list one below the other; a numbered list counts 1, 2, 3; ``RAW`` pieces as they are."""
    out: list[str] = []
    previous = ""
    numbers: dict[int, int] = {}
    for kind, level, text in lines:
        if kind == RAW:
            out += ["", text]
        elif kind in (Kind.BULLET, Kind.NUMBER):
            if previous != kind:  # a new list
                numbers = {}
                out.append("")
            numbers = {depth: n for depth, n in numbers.items() if depth <= level}
            numbers[level] = numbers.get(level, 0) + 1
            marker = "-" if kind == Kind.BULLET else f"{numbers[level]}."
            indent = "  " * level if kind == Kind.BULLET else "   " * level
            out.append(f"{indent}{marker} {text}")
        else:
            out += ["", f"{heading} {text}" if kind == Kind.HEADING else text]
        previous = kind
    return "\n".join(out).strip("\n")
