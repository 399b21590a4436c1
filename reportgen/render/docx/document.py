"""Document → DOCX via python-docx on the designer's Word template (``styles/reference.docx``).

One walk over the model's nodes for the report and the fact sheets alike: every word comes from
the model, every look from the template's styles, every raw-XML detail from ``docx.xml`` and
``docx.layout_xml``. A part's role decides only the layout (a new page for a chapter or a
district's own text; on a fact sheet the map beside the title, the charts three across, the notes
in two columns: ``docx.sheet``); the same document gives the same bytes.

A fact sheet (a document with a ``SHEET_HEAD``) is a page to hand out: the template's styles made
denser, no text under 9 pt (``template.set_up_sheet``), and no layout tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Protocol, assert_never

from docx.document import Document as DocxDocument
from docx.shared import Cm, Length
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.model import (
    BulletList,
    CaptionList,
    ChartSpec,
    Contents,
    Document,
    Figure,
    Footnotes,
    Heading,
    MapFigure,
    MapSpec,
    Node,
    Paragraph,
    Part,
    Picture,
    Role,
    Strong,
    Style,
    Table,
    TableKind,
    TextStatus,
    walk,
)
from reportgen.render.docx import layout_xml, sheet
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.contents import add_contents
from reportgen.render.docx.cover import add_cover_picture
from reportgen.render.docx.editable import EditableWriter, FigureMarker
from reportgen.render.docx.headings import HeadingWriter
from reportgen.render.docx.parts import (
    Container,
    add_data_table,
    add_figure,
    add_picture,
    fitted_widths,
    fresh_paragraph,
    write_inlines,
)
from reportgen.render.docx.template import (
    BULLET,
    DRAFT,
    KEY_STATEMENT,
    NORMAL,
    NOTE,
    NUMBER,
    SOURCE,
    SUBTITLE,
    TITLE,
    content_width,
    open_template,
    save,
    set_up,
    set_up_sheet,
    text_width,
)

SIGN_COLUMN = Cm(2.5)

_STYLES: dict[Style, str] = {
    Style.BODY: NORMAL,
    Style.COVER_PUBLISHER: SUBTITLE,
    Style.COVER_TITLE: TITLE,
    Style.COVER_SUBTITLE: SUBTITLE,
    Style.COVER_YEAR: SUBTITLE,
    Style.COVER_DATE: SUBTITLE,
    Style.COVER_DRAFT: DRAFT,
    Style.SUBTITLE: SUBTITLE,
    Style.PUBLISHER: NOTE,
    Style.KEY_STATEMENT: KEY_STATEMENT,
    Style.STATUS: DRAFT,
    Style.REMARK: NOTE,
    Style.SOURCE: SOURCE,
    Style.ATTRIBUTION: SOURCE,
    Style.TERMS: NOTE,
}
_NEW_PAGE = {
    Role.IMPRINT,
    Role.CONTENTS,
    Role.FOREWORD,
    Role.SUMMARY,
    Role.PRELIMINARY,
    Role.CHAPTER,
    Role.APPENDIX,
    Role.OWN_TEXT,
}
"""Parts that start on a new page (the template's Heading 1 does that for listed chapters); a
district's own text starts the fact sheet's second page, with the notes after it."""


class PngImages(Protocol):
    """Pictures for Word: PNG (≥ 200 dpi) of charts and maps, drawn before rendering."""

    def png(self, spec: ChartSpec) -> bytes: ...

    def map_png(self, spec: MapSpec) -> bytes: ...


@dataclass(frozen=True)
class _Context:
    document: DocxDocument
    images: PngImages
    headings: HeadingWriter
    """One per document: Word's count of the heading numbers, the bookmarks."""
    editable: EditableWriter
    """One per document: the content controls of the texts editors may revise."""
    figures: FigureMarker | None = None
    """Inside such a text: what marks its figures from the data."""
    draft: bool = False
    new_page: bool = False
    anchor: str = ""
    """The anchor of the part whose first paragraph this is: a bookmark around it."""


def render_docx(document: Document, images: PngImages, template: Path) -> bytes:
    """The document as a .docx file on the template; the same document gives the same bytes."""
    docx = open_template(template)
    meta = document.meta
    has_cover = bool(document.body) and _is_part(document.body[0], Role.COVER)
    sheet = any(_is_part(node, Role.SHEET_HEAD) for node in document.body)
    set_up(
        docx,
        title=meta.title,
        subject=meta.subject,
        author=meta.author,
        language=meta.language,
        day=meta.date,
        header_on_first_page=not has_cover,
        page_words=meta.page_words,
        draft_mark=meta.draft_mark,
    )
    if sheet:
        set_up_sheet(docx)
    if any(isinstance(node, Part) and node.role == Role.CONTENTS for node in document.body):
        docx_xml.request_field_update(docx)
    context = _Context(docx, images, HeadingWriter(docx), EditableWriter(docx))
    for node in document.body:
        _node(docx, node, context)
    layout_xml.close_sections(docx)
    if meta.project:
        context.editable.lock_generated(meta.locked_title)
    context.editable.finish(meta, _bookmarks(document))
    return save(docx, meta.date)


def _bookmarks(document: Document) -> dict[str, str]:
    """The bookmark of every anchor of the document (what the round trip links back to)."""
    anchors = {
        node.anchor
        for node in walk(document.body)
        if isinstance(node, Part | Heading | Figure | Table) and node.anchor
    }
    return {docx_xml.bookmark_name(anchor): anchor for anchor in anchors}


def _is_part(node: Node, role: Role) -> bool:
    return isinstance(node, Part) and node.role == role


def _node(container: Container, node: Node, context: _Context) -> None:
    match node:
        case Part():
            _part(container, node, context)
        case Heading():
            _heading(container, node, context)
        case Paragraph(inlines=inlines, style=style):
            name = DRAFT if context.draft and style == Style.BODY else _STYLES[style]
            paragraph = fresh_paragraph(container, name)
            if style == Style.STATUS:
                inlines = (Strong(inlines),)
            write_inlines(paragraph, inlines, context.figures)
            _break_if_first(paragraph, context)
            _mark(paragraph, context.anchor, context)
        case BulletList(items=items, ordered=ordered):
            for index, item in enumerate(items):
                paragraph = container.add_paragraph(style=NUMBER if ordered else BULLET)
                if ordered and index == 0:
                    docx_xml.restart_numbering(paragraph)
                write_inlines(paragraph, item, context.figures)
        case Figure():
            _figure(container, node, _chart_width(node), False, context)
        case MapFigure():
            png = context.images.map_png(node.map)
            add_picture(container, png, sheet.MAP_WIDTH, node.alt_text, node.caption)
        case Table():
            _table(node, context)
        case Contents():
            add_contents(container, node)
        case CaptionList(label=label, entries=entries):
            # Word's own list of the captions' SEQ fields; until updated it shows the entries
            paragraph = container.add_paragraph(style=NORMAL)
            shown = "\n".join(f"{entry.label}: {entry.text}" for entry in entries)
            docx_xml.append_field(paragraph, f'TOC \\h \\z \\c "{label}"', shown)
        case Footnotes(items=items):
            for number, text in items:
                container.add_paragraph(f"{number}) {text}", style=NOTE)
        case Picture():
            add_cover_picture(container, node)
        case _:
            assert_never(node)


def _part(container: Container, part: Part, context: _Context) -> None:
    inner = replace(
        context,
        draft=context.draft or part.status != TextStatus.RELEASED,
        new_page=part.role in _NEW_PAGE,
        anchor=part.anchor,
    )
    document = context.document

    def write(node: Node) -> None:
        _node(document, node, inner)

    if part.role == Role.SHEET_HEAD:
        sheet.head(document, part, write, context.images.map_png)
        return
    if part.role == Role.CHARTS:
        figures = [node for node in part.children if isinstance(node, Figure)]
        sheet.charts(document, figures, write, partial(_figure, document, context=inner))
        return
    rest = replace(inner, new_page=False, anchor="")
    children = part.children
    if part.role == Role.SHEET_NOTES:  # footnotes and remarks in two columns below the heading
        split = next((i + 1 for i, child in enumerate(children) if isinstance(child, Heading)), 0)
        children = children[:split]
    editable = part.editable
    marker = context.editable.marker(editable) if editable else None
    before = 0
    for index, child in enumerate(children):
        chosen = inner if index == 0 else rest
        if editable and index >= editable.first:  # the text editors may revise in Word
            before = context.editable.begin() if index == editable.first else before
            chosen = replace(chosen, figures=marker)
        _node(container, child, chosen)
    if editable:
        context.editable.wrap(before, editable)
    if len(children) < len(part.children):
        with sheet.columns(document, sheet.NOTE_COLUMNS):
            for child in part.children[len(children) :]:
                _node(document, child, rest)


def _heading(container: Container, heading: Heading, context: _Context) -> None:
    paragraph = context.headings.add(container, heading)
    if context.anchor != heading.anchor:
        _mark(paragraph, context.anchor, context)
    if heading.level == 1:  # the template's Heading 1 starts a page; a fact sheet's must not
        paragraph.paragraph_format.page_break_before = context.new_page
    else:
        _break_if_first(paragraph, context)


def _mark(paragraph: DocxParagraph, anchor: str, context: _Context) -> None:
    """A bookmark for references to ``anchor`` (a figure, a table, a glossary entry)."""
    if anchor:
        context.headings.mark(paragraph, anchor)


def _break_if_first(paragraph: object, context: _Context) -> None:
    if context.new_page:
        paragraph.paragraph_format.page_break_before = True  # type: ignore[attr-defined]


def _figure(
    container: Container, figure: Figure, width: Length, new_column: bool, context: _Context
) -> None:
    png = context.images.png(figure.chart)
    caption = add_figure(container, figure, png, width, new_column)
    _mark(caption, figure.anchor, context)


def _chart_width(figure: Figure) -> Length:
    return sheet.CHART_WIDTH if figure.chart.small else Cm(16)


def _table(table: Table, context: _Context) -> None:
    document = context.document
    width = content_width(document)
    widths: Sequence[int] | None = None
    if table.kind == TableKind.KEY_FIGURES:  # a fact sheet's: as wide as its page
        widths = fitted_widths(table, text_width(document))
    elif table.kind == TableKind.SIGNS:
        widths = [SIGN_COLUMN, width - SIGN_COLUMN]
    caption = add_data_table(document, table, widths)
    _mark(caption, table.anchor, context)
