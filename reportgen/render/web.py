"""Document → the HTML edition: a folder of web pages that needs no server and no network.

``index.html`` holds the front matter (cover with the title as the page's ``h1``, imprint,
linked contents); every part that begins with a heading of level 1 (a chapter, the summary,
the methods, the annex …) becomes a page of its own, or everything one page (``one_page``).
Each page has the same landmarks and navigation (skip link, contents, previous and next), its
words from ``DocumentMeta.web``. Stylesheet and fonts are files of the folder; charts stand in
the pages as SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reportgen.compose.model import (
    Document,
    Figure,
    Heading,
    Node,
    Part,
    Role,
    Table,
    walk,
)
from reportgen.render.web_nodes import WebNodes, WebPictures
from reportgen.resources import DEFAULT_TEMPLATES

INDEX = "index.html"
STYLESHEET = "web.css"
FONTS = "schriften"
FONT_FILES = (
    "SourceSansPro-Regular.ttf",
    "SourceSansPro-It.ttf",
    "SourceSansPro-Semibold.ttf",
    "SourceSansPro-Bold.ttf",
    "OFL-SourceSansPro.txt",
)
"""The fonts ``styles/web.css`` names (and their licence), from the project's font folder."""
MAIN = "hauptinhalt"
"""The id of every page's main content, where the skip link leads."""
_FRONT = (Role.COVER, Role.IMPRINT, Role.CONTENTS)
_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


@dataclass(frozen=True)
class Folder:
    """An output that is a folder: each file's path inside it and its bytes."""

    files: dict[str, bytes]


@dataclass(frozen=True)
class WebPage:
    file: str
    nodes: tuple[Node, ...]
    heading: Heading | None
    """The heading that begins the page (None: the index page, titled by the cover)."""


@dataclass(frozen=True)
class PageLink:
    href: str
    number: str
    title: str


def render_web(
    document: Document,
    pictures: WebPictures,
    stylesheet: Path,
    fonts: Path,
    one_page: bool = False,
) -> Folder:
    """The edition's files: the pages, ``stylesheet`` (as ``web.css``), the fonts of ``fonts``
    it names and the project's pictures; charts come from ``pictures`` (drawn before)."""
    pages = split_pages(document, one_page)
    anchors = {anchor: page.file for page in pages for anchor in anchors_of(page.nodes)}
    starts = {p.heading.anchor: p.file for p in pages if p.heading and p.heading.anchor}
    contents_anchor = _contents_anchor(document)
    contents_page = anchors.get(contents_anchor)
    template = _environment().get_template("page.html.j2")
    files: dict[str, bytes] = {}
    assets: dict[str, bytes] = {}
    for index, page in enumerate(pages):
        nodes = WebNodes(
            page.file,
            anchors,
            pictures,
            starts,
            shift=1 - page.heading.level if page.heading else 1,
            title_heading=page.heading is None,
        )
        body = nodes.nodes(page.nodes)
        assets.update(nodes.assets)
        title = document.meta.title
        if page.heading is not None:
            words = document.meta.web.page_title
            title = words.format(seite=_heading_text(page.heading), titel=title)
        html = template.render(
            meta=document.meta,
            words=document.meta.web,
            title=title,
            body=body,
            main=MAIN,
            index=page.file == INDEX,
            contents=(
                ("" if contents_page == page.file else contents_page) + f"#{contents_anchor}"
                if contents_page
                else ""
            ),
            previous=_link(pages[index - 1], document.meta.title) if index else None,
            next=_link(pages[index + 1], document.meta.title) if index + 1 < len(pages) else None,
            stylesheet=STYLESHEET,
        )
        files[page.file] = html.encode("utf-8")
    files[STYLESHEET] = stylesheet.read_bytes()
    for name in FONT_FILES:
        path = fonts / name
        if path.is_file():
            files[f"{FONTS}/{name}"] = path.read_bytes()
    files.update(assets)
    return Folder(files)


def split_pages(document: Document, one_page: bool = False) -> list[WebPage]:
    """The index page (front matter), then a page for each part that begins with a heading of
    level 1; anything else stays on the page before it."""
    front: list[Node] = []
    pages: list[tuple[Heading, list[Node]]] = []
    for node in document.body:
        heading = _opening(node)
        if one_page or (not pages and isinstance(node, Part) and node.role in _FRONT):
            front.append(node)
        elif heading is not None and heading.level == 1:
            pages.append((heading, [node]))
        elif pages:
            pages[-1][1].append(node)
        else:
            front.append(node)
    names = _file_names([heading for heading, _ in pages])
    return [
        WebPage(INDEX, tuple(front), None),
        *(
            WebPage(name, tuple(nodes), heading)
            for name, (heading, nodes) in zip(names, pages, strict=True)
        ),
    ]


def anchors_of(nodes: tuple[Node, ...]) -> list[str]:
    """Every id of the model's nodes that a link may point to."""
    found: list[str] = []
    for node in walk(nodes):
        if isinstance(node, Heading | Part | Figure | Table) and node.anchor:
            found.append(node.anchor)
    return found


def _opening(node: Node) -> Heading | None:
    if isinstance(node, Heading):
        return node
    if isinstance(node, Part):
        return next((n for n in node.children if isinstance(n, Heading)), None)
    return None


def _file_names(headings: list[Heading]) -> list[str]:
    """A page's file is named by the anchor of its heading (``hf-1.html``), unique."""
    names: list[str] = []
    for number, heading in enumerate(headings, start=1):
        stem = heading.anchor if _FILE_NAME.match(heading.anchor) else f"seite-{number}"
        while f"{stem}.html" in (*names, INDEX):
            stem = f"{stem}-{number}"
        names.append(f"{stem}.html")
    return names


def _heading_text(heading: Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


def _link(page: WebPage, title: str) -> PageLink:
    if page.heading is None:
        return PageLink(page.file, "", title)
    return PageLink(page.file, page.heading.number, page.heading.text)


def _contents_anchor(document: Document) -> str:
    for node in walk(document.body):
        if isinstance(node, Part) and node.role == Role.CONTENTS:
            return next((n.anchor for n in node.children if isinstance(n, Heading)), "")
    return ""


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(DEFAULT_TEMPLATES / "web")),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
