"""Inline text and editorial blocks: what Markdown and the metadata's HTML become."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Text:
    text: str
    placeholder: str = ""
    """For a figure filled from the data: the placeholder it came from, as the editor wrote it
    (``{{ wert("1-2-2") }}``), so that the Word round trip can give it back; empty for text."""


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str
    """An address on the web, or ``#anchor`` for a place in the document."""
    page_word: str = ""
    """For a cross-reference inside the document: the word before the target's page number
    ("S."); the PDF shows "(S. 12)" after the text, the DOCX a PAGEREF field."""


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Strong | Emphasis | Link | LineBreak


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The characters of a run of inlines, without formatting."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text=text):
                parts.append(text)
            case Strong(children=children) | Emphasis(children=children):
                parts.append(plain_text(children))
            case Link(children=children):
                parts.append(plain_text(children))
            case LineBreak():
                parts.append(" ")
    return "".join(parts)


class Style(StrEnum):
    """What a paragraph is; each renderer gives every kind its own look (a CSS class, a Word
    paragraph style). The words come from the model, never from the renderer."""

    BODY = "body"
    COVER_PUBLISHER = "cover-publisher"
    COVER_TITLE = "cover-title"
    COVER_SUBTITLE = "cover-subtitle"
    COVER_YEAR = "cover-year"
    COVER_DATE = "cover-date"
    COVER_DRAFT = "cover-draft"
    """The draft mark on the cover while a text is not released."""
    SUBTITLE = "subtitle"
    PUBLISHER = "publisher"
    KEY_STATEMENT = "key-statement"
    STATUS = "status-mark"
    REMARK = "remark"
    """A small note below the content (map basis, signs used on a fact sheet)."""
    SOURCE = "source"
    ATTRIBUTION = "attribution"
    TERMS = "terms"


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    style: Style = Style.BODY


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class SubHeading:
    """A heading inside editorial text; composition gives it its level in the document."""

    inlines: tuple[Inline, ...]


Block = Paragraph | BulletList | SubHeading
