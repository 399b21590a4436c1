"""Document → DOCX via python-docx on the designer's Word template (``styles/reference.docx``).

One walk over the model's nodes for the report and the fact sheets alike: every word comes from
the model, every look from the template's styles, every raw-XML detail from ``docx.xml``. A
part's role decides only the layout (a new page for a chapter, the fact sheet's title beside its
map, small charts two to a row); the same document gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, assert_never

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
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
)
from reportgen.render.docx import xml as docx_xml
from reportgen.render.docx.contents import add_contents
from reportgen.render.docx.cover import add_cover_picture
from reportgen.render.docx.headings import HeadingWriter
from reportgen.render.docx.parts import (
    Container,
    add_data_table,
    add_figure,
    add_layout_table,
    add_picture,
    fitted_widths,
    fresh_paragraph,
    settle_layout,
    write_inlines,
)
from reportgen.render.docx.template import (
    BULLET,
    CAPTION,
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
)

MAP_WIDTH = Cm(4.0)
MAP_COLUMN = MAP_WIDTH + Cm(0.5)  # the cell's own margins
CHART_WIDTH = Cm(6.6)
FIGURES_PER_ROW = 2
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
}
"""Parts that start on a new page (the template's Heading 1 does that for listed chapters)."""


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
    draft: bool = False
    new_page: bool = False
    anchor: str = ""
    """The anchor of the part whose first paragraph this is: a bookmark around it."""


def render_docx(document: Document, images: PngImages, template: Path) -> bytes:
    """The document as a .docx file on the template; the same document gives the same bytes."""
    docx = open_template(template)
    meta = document.meta
    has_cover = bool(document.body) and _is_part(document.body[0], Role.COVER)
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
    if any(isinstance(node, Part) and node.role == Role.CONTENTS for node in document.body):
        docx_xml.request_field_update(docx)
    context = _Context(docx, images, HeadingWriter(docx))
    for node in document.body:
        _node(docx, node, context)
    return save(docx, meta.date)


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
            write_inlines(paragraph, inlines)
            _break_if_first(paragraph, context)
            _mark(paragraph, context.anchor, context)
        case BulletList(items=items, ordered=ordered):
            for index, item in enumerate(items):
                paragraph = container.add_paragraph(style=NUMBER if ordered else BULLET)
                if ordered and index == 0:
                    docx_xml.restart_numbering(paragraph)
                write_inlines(paragraph, item)
        case Figure():
            caption = add_figure(
                container, node, context.images.png(node.chart), _chart_width(node)
            )
            _mark(caption, node.anchor, context)
        case MapFigure():
            png = context.images.map_png(node.map)
            add_picture(container, png, MAP_WIDTH, node.alt_text, node.caption)
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
    if part.role == Role.SHEET_HEAD:
        _sheet_head(part, inner)
        return
    if part.role == Role.CHARTS:
        _charts(part, inner)
        return
    rest = replace(inner, new_page=False, anchor="")
    for index, child in enumerate(part.children):
        _node(container, child, inner if index == 0 else rest)


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


def _chart_width(figure: Figure) -> Length:
    return CHART_WIDTH if figure.chart.small else Cm(16)


def _table(table: Table, context: _Context) -> None:
    document = context.document
    width = content_width(document)
    widths: Sequence[int] | None = None
    if table.kind == TableKind.KEY_FIGURES:
        widths = fitted_widths(table, width)
    elif table.kind == TableKind.SIGNS:
        widths = [SIGN_COLUMN, width - SIGN_COLUMN]
    caption = add_data_table(document, table, widths)
    _mark(caption, table.anchor, context)


def _sheet_head(part: Part, context: _Context) -> None:
    """The fact sheet's titles with the locator map to their right (a layout table).

    The map's caption stands before the map in reading order, as a table's caption does;
    beside the map it costs no height.
    """
    document = context.document
    titles = [node for node in part.children if not isinstance(node, MapFigure)]
    locator = next((node for node in part.children if isinstance(node, MapFigure)), None)
    if locator is None:
        for node in titles:
            _node(document, node, context)
        return
    table = add_layout_table(document, 1, [content_width(document) - MAP_COLUMN, MAP_COLUMN])
    text, map_column = table.rows[0].cells
    for node in titles:
        _node(text, node, context)
    text.add_paragraph(locator.caption, style=CAPTION)
    png = context.images.map_png(locator.map)
    picture = add_picture(map_column, png, MAP_WIDTH, locator.alt_text, locator.caption)
    picture.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    settle_layout(table)


def _charts(part: Part, context: _Context) -> None:
    """Small charts side by side; a single chart needs no layout table."""
    document = context.document
    figures = [node for node in part.children if isinstance(node, Figure)]
    if len(figures) == 1:
        _node(document, figures[0], context)
        return
    column = Length(content_width(document) // FIGURES_PER_ROW)
    rows = -(-len(figures) // FIGURES_PER_ROW)
    table = add_layout_table(document, rows, [column] * FIGURES_PER_ROW)
    width = Length(min(CHART_WIDTH, column - Cm(0.4)))  # the cell's own margins
    for index, figure in enumerate(figures):
        cell = table.cell(index // FIGURES_PER_ROW, index % FIGURES_PER_ROW)
        caption = add_figure(cell, figure, context.images.png(figure.chart), width)
        _mark(caption, figure.anchor, context)
    settle_layout(table)
