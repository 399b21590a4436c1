"""Document → HTML for WeasyPrint: one walk over the model's nodes, no words of its own.

Each node type becomes markup (a ``match`` that ends in ``assert_never``); each part's role and
each paragraph's style become a CSS class, so the stylesheets decide the look. Charts and maps
arrive as data URIs from an ``Images`` object; this module never draws.
"""

from __future__ import annotations

import base64
from typing import Protocol, assert_never

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from reportgen.compose.model import (
    BulletList,
    CaptionList,
    ChartSpec,
    Contents,
    Document,
    Emphasis,
    Figure,
    Footnotes,
    Heading,
    Inline,
    LineBreak,
    Link,
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
    Text,
    TextStatus,
    plain_text,
)
from reportgen.resources import DEFAULT_TEMPLATES

TEMPLATE = "document.html.j2"

# role → element and class; the stylesheets (and the print edition's rules) select on these
_PARTS: dict[Role, tuple[str, str]] = {
    Role.COVER: ("section", "cover"),
    Role.IMPRINT: ("section", "imprint"),
    Role.CONTENTS: ("nav", "toc"),
    Role.FOREWORD: ("section", "foreword"),
    Role.SUMMARY: ("section", "summary"),
    Role.PRELIMINARY: ("section", "preliminary"),
    Role.INTRO: ("div", "intro"),
    Role.CHAPTER: ("section", "chapter"),
    Role.TOPIC: ("section", "topic"),
    Role.INDICATOR: ("article", "indicator"),
    Role.INTERPRETATION: ("section", "interpretation"),
    Role.METHODS: ("section", "notes"),
    Role.NOTE: ("div", "note"),
    Role.APPENDIX: ("section", "appendix"),
    Role.SHEET_HEAD: ("header", "sheet-head"),
    Role.SHEET_TITLES: ("div", "sheet-titles"),
    Role.CHARTS: ("div", "charts"),
    Role.OWN_TEXT: ("section", "own-text"),
    Role.SHEET_NOTES: ("section", "sheet-notes"),
}
_TABLES = {
    TableKind.DATA: "data",
    TableKind.DISTRICTS: "data districts",
    TableKind.KEY_FIGURES: "data key-figures",
    TableKind.SIGNS: "signs",
}
_NUMBER_GAP = "\u2002"  # en space between a number and its title in the contents


class Images(Protocol):
    """Where pictures come from: data URIs of charts and maps, drawn before rendering."""

    def chart_uri(self, spec: ChartSpec) -> str: ...

    def map_uri(self, spec: MapSpec) -> str: ...

    def picture_uri(self, picture: Picture) -> str: ...


def picture_data_uri(picture: Picture) -> str:
    """A picture of the project as it is (the screen editions)."""
    return f"data:{picture.media_type};base64," + base64.b64encode(picture.data).decode("ascii")


def render_html(document: Document, images: Images) -> str:
    """The whole document as one HTML page for WeasyPrint (the stylesheets come with the PDF
    writer, not through the page)."""
    environment = Environment(
        loader=FileSystemLoader(str(DEFAULT_TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    body = Markup("\n").join(_node(node, images) for node in document.body)
    return environment.get_template(TEMPLATE).render(
        meta=document.meta,
        body=body,
        page_words=(
            tuple(_css_string(word) for word in document.meta.page_words)
            if document.meta.page_words[0]
            else ("", "")
        ),
        draft_mark=_css_string(document.meta.draft_mark) if document.meta.draft_mark else "",
    )


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _css_string(text: str) -> str:
    """A CSS string for words from the model (the template's autoescape makes it safe in the
    attribute; the browser decodes the entities before CSS sees the string)."""
    return '"' + text.replace("\\", "\\\\").replace('"', "\\22 ") + '"'


def _node(node: Node, images: Images) -> Markup:
    match node:
        case Part():
            return _part(node, images)
        case Heading():
            return _heading(node)
        case Paragraph(inlines=inlines, style=style):
            css = Markup(f' class="{style.value}"') if style != Style.BODY else Markup("")
            return Markup("<p{}>{}</p>").format(css, inlines_html(inlines))
        case BulletList(items=items, ordered=ordered):
            tag = Markup("ol" if ordered else "ul")
            rows = Markup("").join(
                Markup("<li>{}</li>").format(inlines_html(item)) for item in items
            )
            return Markup("<{0}>{1}</{0}>").format(tag, rows)
        case Figure():
            return _figure(node, images)
        case MapFigure(caption=caption, alt_text=alt_text, map=spec):
            return Markup(
                '<figure class="locator"><img src="{}" alt="{}"><figcaption>{}</figcaption>'
                "</figure>"
            ).format(images.map_uri(spec), alt_text, caption)
        case Table():
            return _table(node)
        case Contents(entries=entries):
            rows = Markup("\n").join(
                Markup('<li class="toc-{}"><a href="#{}">{}{}</a></li>').format(
                    entry.level,
                    entry.anchor,
                    f"{entry.number}{_NUMBER_GAP}" if entry.number else "",
                    entry.text,
                )
                for entry in entries
            )
            return Markup("<ol>\n{}\n</ol>").format(rows)
        case CaptionList(entries=entries):
            rows = Markup("\n").join(
                # the label stays outside the link: an element inside <a> breaks its PDF/UA tag
                Markup('<li><span class="label">{}:</span> <a href="#{}">{}</a></li>').format(
                    entry.label, entry.anchor, entry.text
                )
                for entry in entries
            )
            return Markup('<ol class="captions">\n{}\n</ol>').format(rows)
        case Footnotes(items=items):
            rows = Markup("").join(
                Markup('<li value="{}">{}</li>').format(number, text) for number, text in items
            )
            return Markup('<ol class="footnotes">{}</ol>').format(rows)
        case Picture():
            return _picture(node, images)
        case _:
            assert_never(node)


def _part(part: Part, images: Images) -> Markup:
    tag, css = _PARTS[part.role]
    if part.status != TextStatus.RELEASED:
        css += f" status-{part.status.value}"
    attributes = Markup(' class="{}"').format(css)
    if part.anchor:
        attributes += Markup(' id="{}"').format(part.anchor)
    if part.role == Role.CONTENTS:
        heading = next((n for n in part.children if isinstance(n, Heading) and n.anchor), None)
        if heading:  # the landmark is named by its heading
            attributes += Markup(' aria-labelledby="{}"').format(heading.anchor)
    inner = Markup("\n").join(_node(child, images) for child in part.children)
    return Markup("<{0}{1}>\n{2}\n</{0}>").format(Markup(tag), attributes, inner)


def _picture(picture: Picture, images: Images) -> Markup:
    """A logo as an image with its alt text; a decorative picture as a background, which the
    PDF marks as an artifact (an image without alt text would break PDF/UA)."""
    uri = images.picture_uri(picture)
    if picture.alt_text:
        return Markup('<img class="{}" src="{}" alt="{}">').format(
            picture.kind.value, uri, picture.alt_text
        )
    return Markup('<div class="{}" style="background-image: url(\'{}\')"></div>').format(
        picture.kind.value, uri
    )


def _heading(heading: Heading) -> Markup:
    tag = Markup(f"h{min(heading.level, 6)}")
    attributes = Markup("")
    if heading.anchor:
        attributes += Markup(' id="{}"').format(heading.anchor)
    if not heading.listed and heading.level == 1:
        attributes += Markup(' class="plain"')
    number = Markup('<span class="no">{}</span> ').format(heading.number) if heading.number else ""
    return Markup("<{0}{1}>{2}{3}</{0}>").format(tag, attributes, number, heading.text)


def _figure(figure: Figure, images: Images) -> Markup:
    css = "chart small" if figure.chart.small else "chart"
    return Markup(
        '<figure class="{}"{}><img src="{}" alt="{}"><figcaption><p><span class="label">{} {}:'
        '</span> {}</p><p class="source">{}</p></figcaption></figure>'
    ).format(
        css,
        element_id(figure.anchor),
        images.chart_uri(figure.chart),
        figure.alt_text,
        figure.label,
        figure.number,
        figure.caption,
        figure.source,
    )


def _table(table: Table) -> Markup:
    head, rows = table_cells(table)
    # the wrapper keeps caption and table on one page (WeasyPrint may break between them)
    markup = Markup(
        '<div class="table-block {}"{}><table class="{}">\n<caption>{}</caption>\n'
        '<thead><tr><th scope="col" class="corner">{}</th>{}</tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table></div>"
    ).format(
        table.kind,
        element_id(table.anchor),
        _TABLES[table.kind],
        table_caption(table),
        table.corner,
        head,
        rows,
    )
    return markup + table_notes(table)


def table_caption(table: Table) -> Markup:
    """The caption's words, its label and number marked (shared with the HTML edition)."""
    if not table.number:
        return escape(table.caption)
    return Markup('<span class="label">{} {}:</span> {}').format(
        table.label, table.number, table.caption
    )


def table_cells(table: Table) -> tuple[Markup, Markup]:
    """The column headers after the corner and the body rows, headers scoped."""
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(c) for c in table.columns)
    rows = Markup("\n").join(
        Markup('<tr><th scope="row">{}</th>{}</tr>').format(
            row.header, Markup("").join(Markup("<td>{}</td>").format(c) for c in row.cells)
        )
        for row in table.rows
    )
    return head, rows


def table_notes(table: Table) -> Markup:
    """The notes and source line under a table (nothing without them)."""
    notes = [Markup("<p>{}</p>").format(note) for note in table.notes]
    if table.source:
        notes.append(Markup('<p class="source">{}</p>').format(table.source))
    if not notes:
        return Markup("")
    return Markup('\n<div class="table-notes">{}</div>').format(Markup("").join(notes))


def element_id(anchor: str) -> Markup:
    """`` id="…"`` for an anchor, nothing without one (shared with the HTML edition)."""
    return Markup(' id="{}"').format(anchor) if anchor else Markup("")


def inlines_html(inlines: tuple[Inline, ...]) -> Markup:
    parts: list[Markup] = []
    for node in inlines:
        match node:
            case Text(text=text):
                parts.append(escape(text))
            case Strong(children=children):
                parts.append(Markup("<strong>{}</strong>").format(inlines_html(children)))
            case Emphasis(children=children):
                parts.append(Markup("<em>{}</em>").format(inlines_html(children)))
            case Link(children=children, url=url, page_word=page_word) if page_word:
                # a cross-reference: the stylesheet adds "(S. 12)" from the target's page
                parts.append(
                    Markup('<a class="xref" href="{}" data-page-word="{}">{}</a>').format(
                        url, page_word, plain_text(children)
                    )
                )
            case Link(children=children, url=url):
                # nested inline elements inside <a> break the PDF/UA Link tag in WeasyPrint
                # (Kozea/WeasyPrint#2482, #1782)
                parts.append(Markup('<a href="{}">{}</a>').format(url, plain_text(children)))
            case LineBreak():
                parts.append(Markup("<br>"))
            case _:
                assert_never(node)
    return Markup("").join(parts)
