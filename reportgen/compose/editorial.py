"""Editorial text in the document: blocks at their level, marked while not released."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.compose.model import (
    Block,
    BulletList,
    EditableText,
    Heading,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
    Style,
    SubHeading,
    Text,
    plain_text,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.placeholders import FilledBody
from reportgen.compose.references import resolved
from reportgen.compose.richtext import markdown_to_blocks, marked_figures
from reportgen.errors import ContentError, Location
from reportgen.load.labels import Labels
from reportgen.load.project import Project
from reportgen.load.textblocks import BlockStatus, TextBlock


def placed(blocks: tuple[Block, ...], level: int) -> tuple[Node, ...]:
    """Editorial blocks as document nodes; their sub-headings take ``level``."""
    nodes: list[Node] = []
    for block in blocks:
        match block:
            case SubHeading(inlines=inlines):
                nodes.append(Heading(min(level, 6), plain_text(inlines), listed=False))
            case Paragraph() | BulletList():
                nodes.append(block)
    return tuple(nodes)


def status_mark(status: TextStatus, labels: Labels) -> tuple[Paragraph, ...]:
    """The visible mark of a text that is not released (nothing for a released one)."""
    words = {
        TextStatus.RELEASED: "",
        TextStatus.DRAFT: labels.status.draft,
        TextStatus.GENERATED: labels.status.generated,
        TextStatus.MISSING: labels.status.missing,
    }[status]
    return (Paragraph((Text(words),), Style.STATUS),) if words else ()


def text_status(text: TextBlock | None) -> TextStatus:
    if text is None:
        return TextStatus.MISSING
    return TextStatus.RELEASED if text.status == BlockStatus.RELEASED else TextStatus.DRAFT


def editorial_part(
    role: Role,
    blocks: tuple[Block, ...],
    status: TextStatus,
    labels: Labels,
    level: int,
    heading: Heading | None = None,
    editable: EditableText | None = None,
    note: tuple[Node, ...] = (),
) -> Part:
    """A part of editorial text: its heading, the mark of a draft, a ``note`` of the document's
    own, its blocks. With ``editable`` the blocks are the text editors may revise in Word."""
    marked = status_mark(status, labels) if blocks else ()
    lead = ((heading,) if heading else ()) + marked + note
    children = lead + placed(blocks, level)
    source = replace(editable, first=len(lead)) if editable and blocks else None
    return Part(role, children, status=status if blocks else TextStatus.RELEASED, editable=source)


def text_blocks(project: Project, text: TextBlock) -> tuple[Block, ...]:
    """A text block's Markdown, its placeholders filled by the check stage, as blocks."""
    filled = project.filled.get(text.path)
    if filled is None:
        raise ContentError(
            "Die Platzhalter dieses Textes lassen sich nicht füllen.",
            Location(text.path, text.body_line),
            "Details mit „reportgen check“.",
        )
    chapters = set(project.texts.chapters)
    figures = filled.figures if isinstance(filled, FilledBody) else ()
    marked, placeholders = marked_figures(
        filled, [(f.start, f.end, f.placeholder) for f in figures]
    )
    return resolved(
        markdown_to_blocks(marked, placeholders),
        project.dataset,
        chapters,
        project.labels.outline.page,
    )


def file_of(text: TextBlock | None) -> Path | None:
    return text.path if text else None


def plain(text: str, style: Style = Style.BODY) -> Paragraph:
    return Paragraph((Text(text),), style)


def labelled(label: str, value: str, style: Style = Style.BODY) -> Paragraph:
    """A value after its label in bold: "**Stand:** 18. Dezember 2025"."""
    return Paragraph((Strong((Text(label),)), Text(f" {value}")), style)
