"""The nodes of one web page: the model's nodes as HTML for a browser, no words of their own.

Like ``render.html`` (whose part roles, table classes and inline text this module shares), but
for a screen: headings shifted so that each page has one ``h1`` and no skipped level, charts
as inline SVG with their alt text, tables in a labelled container that scrolls on its own,
and every link into the document pointed at the page that holds its target.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, assert_never

from markupsafe import Markup, escape

from reportgen.compose.model import (
    BulletList,
    CaptionList,
    ChartSpec,
    Contents,
    ContentsEntry,
    Emphasis,
    Figure,
    Footnotes,
    Heading,
    Inline,
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
    TextStatus,
)
from reportgen.render.html import (
    _NUMBER_GAP,
    _PARTS,
    _TABLES,
    element_id,
    inlines_html,
    table_caption,
    table_cells,
    table_notes,
)
from reportgen.render.web_svg import inline_svg

PICTURES = "bilder"
"""The folder of the project's pictures (logo, cover image) inside the edition."""
_SUFFIXES = {"image/svg+xml": ".svg", "image/png": ".png"}


class WebPictures(Protocol):
    """Charts and maps, drawn before rendering."""

    def svg(self, spec: ChartSpec) -> bytes: ...

    def map_png(self, spec: MapSpec) -> bytes: ...


@dataclass
class WebNodes:
    """Renders the nodes of one page (``file``); ``anchors`` tells the page of every anchor of
    the edition, ``assets`` collects the files the page refers to."""

    file: str
    anchors: Mapping[str, str]
    pictures: WebPictures
    starts: Mapping[str, str] = field(default_factory=dict)
    """The anchors of the headings that begin a page, and their page: a link to one of them
    opens the page at its top."""
    shift: int = 0
    """Added to every heading level (a page's first heading becomes its ``h1``)."""
    title_heading: bool = False
    """The cover's title is the page's ``h1`` (the index page)."""
    assets: dict[str, bytes] = field(default_factory=dict)
    _level: int = 0
    _ids: int = 0

    def nodes(self, nodes: tuple[Node, ...]) -> Markup:
        return Markup("\n").join(self.node(node) for node in nodes)

    def node(self, node: Node) -> Markup:
        match node:
            case Part():
                return self._part(node)
            case Heading():
                return self._heading(node)
            case Paragraph(inlines=inlines, style=style):
                if style == Style.COVER_TITLE and self.title_heading:
                    self._level = 1
                    return Markup('<h1 class="cover-title">{}</h1>').format(self.inlines(inlines))
                css = Markup(f' class="{style.value}"') if style != Style.BODY else Markup("")
                return Markup("<p{}>{}</p>").format(css, self.inlines(inlines))
            case BulletList(items=items, ordered=ordered):
                tag = Markup("ol" if ordered else "ul")
                rows = Markup("").join(
                    Markup("<li>{}</li>").format(self.inlines(item)) for item in items
                )
                return Markup("<{0}>{1}</{0}>").format(tag, rows)
            case Figure():
                return self._figure(node)
            case MapFigure(caption=caption, alt_text=alt_text, map=spec):
                source = self._asset(self.pictures.map_png(spec), "image/png", "karte")
                return Markup(
                    '<figure class="locator"><img src="{}" alt="{}"><figcaption>{}</figcaption>'
                    "</figure>"
                ).format(source, alt_text, caption)
            case Table():
                return self._table(node)
            case Contents(entries=entries):
                return self._contents(list(entries))
            case CaptionList(entries=entries):
                rows = Markup("\n").join(
                    Markup('<li><span class="label">{}:</span> {}</li>').format(
                        entry.label, self._link_to(entry.anchor, escape(entry.text))
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
                return self._picture(node)
            case _:
                assert_never(node)

    # --- links ---------------------------------------------------------------------------

    def href(self, url: str) -> str | None:
        """Where a link of the model points from this page; None for a place in the document
        that this edition does not hold (the link keeps its words)."""
        if not url.startswith("#"):
            return url
        anchor = url[1:]
        page = self.anchors.get(anchor)
        if page is None:
            return None
        return url if page == self.file else f"{page}{url}"

    def inlines(self, inlines: tuple[Inline, ...]) -> Markup:
        return inlines_html(tuple(self._relinked(inlines)))

    def _relinked(self, inlines: tuple[Inline, ...]) -> Iterator[Inline]:
        for node in inlines:
            match node:
                case Link(children=children, url=url):
                    target = self.href(url)
                    if target is None:
                        yield from self._relinked(children)
                    else:  # no page number on a screen: a cross-reference is a plain link
                        yield Link(children, target)
                case Strong(children=children):
                    yield Strong(tuple(self._relinked(children)))
                case Emphasis(children=children):
                    yield Emphasis(tuple(self._relinked(children)))
                case _:
                    yield node

    def _link_to(self, anchor: str, text: Markup) -> Markup:
        target = self.href(f"#{anchor}")
        if target is None:
            return text
        if anchor in self.starts and self.starts[anchor] != self.file:
            target = self.starts[anchor]
        return Markup('<a href="{}">{}</a>').format(target, text)

    # --- blocks --------------------------------------------------------------------------

    def _part(self, part: Part) -> Markup:
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
        inner = self.nodes(part.children)
        return Markup("<{0}{1}>\n{2}\n</{0}>").format(Markup(tag), attributes, inner)

    def _heading(self, heading: Heading) -> Markup:
        # shifted for the page, never deeper than one below the heading before
        level = max(1, min(heading.level + self.shift, self._level + 1, 6))
        self._level = level
        tag = Markup(f"h{level}")
        attributes = Markup(' id="{}"').format(heading.anchor) if heading.anchor else Markup("")
        if not heading.listed and heading.level == 1:
            attributes += Markup(' class="plain"')
        number = (
            Markup('<span class="no">{}</span> ').format(heading.number) if heading.number else ""
        )
        return Markup("<{0}{1}>{2}{3}</{0}>").format(tag, attributes, number, heading.text)

    def _figure(self, figure: Figure) -> Markup:
        prefix = figure.anchor or self._new_id()
        picture = inline_svg(self.pictures.svg(figure.chart), f"{prefix}-svg", figure.alt_text)
        values = (
            Markup('<p class="values">{}</p>').format(self.inlines((figure.values,)))
            if figure.values
            else Markup("")
        )
        return Markup(
            '<figure class="chart"{}><div class="chart-frame">{}</div><figcaption><p>'
            '<span class="label">{} {}:</span> {}</p><p class="source">{}</p>{}</figcaption>'
            "</figure>"
        ).format(
            element_id(figure.anchor),
            picture,
            figure.label,
            figure.number,
            figure.caption,
            figure.source,
            values,
        )

    def _table(self, table: Table) -> Markup:
        caption_id = f"{table.anchor}-caption" if table.anchor else self._new_id()
        head, rows = table_cells(table)
        # the table scrolls in its own container, which the keyboard reaches and which is
        # named by the caption, so that the page itself never scrolls sideways
        markup = Markup(
            '<div class="table-block {}"{}><div class="table-scroll" role="region" tabindex="0" '
            'aria-labelledby="{}"><table class="{}">\n<caption id="{}">{}</caption>\n'
            '<thead><tr><th scope="col" class="corner">{}</th>{}</tr></thead>\n'
            "<tbody>\n{}\n</tbody>\n</table></div></div>"
        ).format(
            table.kind,
            element_id(table.anchor),
            caption_id,
            _TABLES[table.kind],
            caption_id,
            table_caption(table),
            table.corner,
            head,
            rows,
        )
        return markup + table_notes(table)

    def _contents(self, entries: list[ContentsEntry]) -> Markup:
        """The contents as nested lists: a topic's list inside its chapter's item."""
        items: list[Markup] = []
        while entries:
            entry = entries.pop(0)
            below: list[ContentsEntry] = []
            while entries and entries[0].level > entry.level:
                below.append(entries.pop(0))
            number = Markup('<span class="no">{}</span>{}').format(entry.number, _NUMBER_GAP)
            text = (number if entry.number else Markup("")) + escape(entry.text)
            nested = self._contents(below) if below else Markup("")
            items.append(
                Markup('<li class="toc-{}">{}{}</li>').format(
                    entry.level, self._link_to(entry.anchor, text), nested
                )
            )
        return Markup("<ol>\n{}\n</ol>").format(Markup("\n").join(items))

    def _picture(self, picture: Picture) -> Markup:
        """A logo with its alt text; a decorative picture with an empty one."""
        source = self._asset(picture.data, picture.media_type, picture.kind.value)
        return Markup('<img class="{}" src="{}" alt="{}">').format(
            picture.kind.value, source, picture.alt_text
        )

    def _asset(self, data: bytes, media_type: str, name: str) -> str:
        digest = hashlib.sha256(data).hexdigest()[:10]
        path = f"{PICTURES}/{name}-{digest}{_SUFFIXES.get(media_type, '')}"
        self.assets[path] = data
        return path

    def _new_id(self) -> str:
        self._ids += 1
        return f"web-{self._ids}"
