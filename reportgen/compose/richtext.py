"""Markdown (editorial texts) and HTML snippets (Open SDG metadata) → model blocks, parsed once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar
from markdown_it.token import Token

from reportgen.compose.model import (
    Block,
    BulletList,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Strong,
    SubHeading,
    Text,
    plain_text,
)
from reportgen.load.htmltext import markdown_links, safe_url

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "typographer": False})
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # editors' notes to themselves, never printed


# --- Markdown -------------------------------------------------------------------------------


_FRAGMENT = re.compile(r"^#[\w.-]+$")

# A figure from the data travels through the Markdown parser between two markers, its number in
# between: start, number, separator, value, end. Start and end are of the same kind for the
# parser as the value's first and last character (punctuation or not), so that emphasis around
# a figure parses exactly as it does without the markers.
_START, _START_PUNCT, _SEPARATOR = "\ue000", "\u2e3a", "\ue001"
_END, _END_PUNCT = "\ue002", "\u2e3b"
_FIGURE = re.compile(f"[{_START}{_START_PUNCT}](\\d+){_SEPARATOR}(.*?)[{_END}{_END_PUNCT}]", re.S)


def marked_figures(
    text: str, figures: Sequence[tuple[int, int, str]]
) -> tuple[str, tuple[str, ...]]:
    """``text`` with each figure (start, end, placeholder) between markers, and the placeholders
    by number: what ``markdown_to_blocks`` turns into texts that know their placeholder."""
    pieces: list[str] = []
    placeholders: list[str] = []
    last = 0
    for start, end, placeholder in figures:
        value = text[start:end]
        if not value or start < last:
            continue
        first = _START_PUNCT if _punctuation(value[0]) else _START
        final = _END_PUNCT if _punctuation(value[-1]) else _END
        pieces += [text[last:start], f"{first}{len(placeholders)}{_SEPARATOR}{value}{final}"]
        placeholders.append(placeholder)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), tuple(placeholders)


def _punctuation(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _figure_texts(text: str, placeholders: Sequence[str]) -> list[Inline]:
    """A text's pieces: plain text, and the figures between markers as texts that know their
    placeholder (a marker that lost its partner is taken out)."""
    if not placeholders or not _FIGURE.search(text):
        return [Text(text)]
    found: list[Inline] = []
    last = 0
    for match in _FIGURE.finditer(text):
        index = int(match.group(1))
        if match.start() > last:
            found.append(Text(_unmarked(text[last : match.start()])))
        source = placeholders[index] if index < len(placeholders) else ""
        found.append(Text(match.group(2), source))
        last = match.end()
    if last < len(text):
        found.append(Text(_unmarked(text[last:])))
    return [node for node in found if isinstance(node, Text) and node.text]


def _unmarked(text: str) -> str:
    return _FIGURE.sub(r"\2", text)


def markdown_to_blocks(source: str, placeholders: Sequence[str] = ()) -> tuple[Block, ...]:
    """Parse editorial Markdown into paragraphs, lists and sub-headings; with ``placeholders``
    the figures between markers (``marked_figures``) become texts that know their placeholder."""
    tokens = _MARKDOWN.parse(_COMMENT.sub("", source))
    blocks: list[Block] = []
    list_stack: list[tuple[bool, list[tuple[Inline, ...]]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append((token.type == "ordered_list_open", []))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = list_stack.pop()
            if list_stack:  # nested list: flatten into the parent's items
                list_stack[-1][1].extend(items)
            else:
                blocks.append(BulletList(tuple(items), ordered))
        elif token.type == "inline":
            inlines = _markdown_inlines(token.children or [], placeholders)
            parent = tokens[i - 1].type if i else ""
            if parent == "heading_open":
                blocks.append(SubHeading(inlines))
            elif list_stack:
                list_stack[-1][1].append(inlines)
            elif inlines:
                blocks.append(Paragraph(inlines))
        i += 1
    return tuple(blocks)


@dataclass(frozen=True)
class Chunk:
    """A top-level block of a Markdown body: its lines and how many paragraphs (list items,
    sub-headings) ``markdown_to_blocks`` makes of it."""

    start: int
    end: int
    """Lines ``start`` to ``end`` (exclusive), counted from 0."""
    paragraphs: int


def markdown_chunks(source: str) -> tuple[list[Chunk], list[tuple[int, str]]]:
    """The top-level blocks of a body with their lines, and each editors' note (``<!-- … -->``)
    with the line it starts on: what the Word round trip keeps of a body it rewrites."""
    notes = [(source.count("\n", 0, m.start()), m.group(0)) for m in _COMMENT.finditer(source)]
    blank = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    chunks: list[Chunk] = []
    depth, start, end, count, previous = 0, 0, 0, 0, ""
    for token in _MARKDOWN.parse(blank):
        if depth == 0 and token.map:
            (start, end), count = token.map, 0
        depth += token.nesting
        if token.type == "inline" and (token.children or depth > 1 or previous == "heading_open"):
            count += 1  # as markdown_to_blocks: a paragraph with words, a heading, a list item
        if depth == 0 and token.nesting <= 0:
            chunks.append(Chunk(start, end, count))
        previous = token.type
    return chunks, notes


def _markdown_inlines(tokens: list[Token], placeholders: Sequence[str]) -> tuple[Inline, ...]:
    stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
    for token in tokens:
        kind = token.type
        if kind == "text" or kind == "code_inline":
            stack[-1][1].extend(_figure_texts(token.content, placeholders))
        elif kind in ("softbreak",):
            stack[-1][1].append(Text(" "))
        elif kind == "hardbreak":
            stack[-1][1].append(LineBreak())
        elif kind in ("strong_open", "em_open"):
            stack.append((kind, [], ""))
        elif kind == "link_open":
            stack.append((kind, [], _unmarked(str(token.attrGet("href") or ""))))
        elif kind in ("strong_close", "em_close", "link_close"):
            opened, children, href = stack.pop()
            node: Inline
            if opened == "strong_open":
                node = Strong(tuple(children))
            elif opened == "em_open":
                node = Emphasis(tuple(children))
            else:
                node = _link(tuple(children), href, in_document=True)
            stack[-1][1].append(node)
    return _merge_text(tuple(stack[0][1]))


def _link(children: tuple[Inline, ...], href: str, in_document: bool = False) -> Inline:
    """A link; one without a usable target keeps only its words. Editorial Markdown may also
    point to a place in the report (``#1-3-1``; ``compose.references`` resolves it)."""
    if in_document and _FRAGMENT.match(href.strip()):
        return Link(children, href.strip())
    url = safe_url(href)
    return Link(children, url) if url else Text(plain_text(children))


def _merge_text(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Neighbouring texts as one; a figure from the data stays a text of its own."""
    merged: list[Inline] = []
    for node in inlines:
        previous = merged[-1] if merged else None
        if (
            isinstance(node, Text)
            and isinstance(previous, Text)
            and not (node.placeholder or previous.placeholder)
        ):
            merged[-1] = Text(previous.text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


# --- HTML from metadata ---------------------------------------------------------------------

_ALLOWED_TAGS = {"a", "b", "strong", "i", "em", "br", "p", "ul", "ol", "li", "sup", "sub"}


def html_to_blocks(source: str) -> tuple[Block, ...]:
    """Reduce an HTML snippet to safe text, lists and links (anything else is dropped)."""
    cleaned = nh3.clean(
        markdown_links(source),  # Markdown links written into HTML fields (topic texts too)
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )
    parser = _SnippetParser()
    parser.feed(cleaned)
    parser.close()
    return parser.finish()


class _SnippetParser(HTMLParser):
    """Builds paragraphs split at <br>/<p>, lists from <ul>/<ol>, inline emphasis and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
        self.list_items: list[tuple[Inline, ...]] | None = None
        self.ordered = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p"):
            self._end_paragraph()
        elif tag in ("ul", "ol"):
            self._end_paragraph()
            self.list_items, self.ordered = [], tag == "ol"
        elif tag == "li":
            self._end_paragraph()
        elif tag in ("b", "strong", "i", "em", "a"):
            href = dict(attrs).get("href") or ""
            self.stack.append((tag, [], href))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong", "i", "em", "a") and len(self.stack) > 1:
            opened, children, href = self.stack.pop()
            kids = tuple(children)
            node: Inline
            if opened in ("b", "strong"):
                node = Strong(kids)
            elif opened in ("i", "em"):
                node = Emphasis(kids)
            else:
                node = _link(kids, href)
            self.stack[-1][1].append(node)
        elif tag in ("li", "p"):
            self._end_paragraph()
        elif tag in ("ul", "ol") and self.list_items is not None:
            self._end_paragraph()
            if self.list_items:
                self.blocks.append(BulletList(tuple(self.list_items), self.ordered))
            self.list_items = None

    def handle_data(self, data: str) -> None:
        self.stack[-1][1].append(Text(data))

    def _end_paragraph(self) -> None:
        while len(self.stack) > 1:  # unclosed inline tags end with the paragraph
            self.handle_endtag(self.stack[-1][0])
        inlines = _normalise(tuple(self.stack[0][1]))
        self.stack = [("root", [], "")]
        if not inlines:
            return
        if self.list_items is not None:
            self.list_items.append(inlines)
        else:
            self.blocks.append(Paragraph(inlines))

    def finish(self) -> tuple[Block, ...]:
        self._end_paragraph()
        if self.list_items:
            self.blocks.append(BulletList(tuple(self.list_items), self.ordered))
        return tuple(self.blocks)


def _normalise(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Collapse white space as a browser would and drop empty runs."""
    merged = _merge_text(inlines)
    out: list[Inline] = []
    for node in merged:
        if isinstance(node, Text):
            text = re.sub(r"\s+", " ", node.text.replace("\xa0", " "))
            if text:
                out.append(Text(text))
        else:
            out.append(node)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(node for node in out if not (isinstance(node, Text) and not node.text))
