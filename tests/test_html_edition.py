"""The HTML edition (``reportgen build -f html``) by its structure: one ``h1`` per page and no
skipped level, named figures, scoped table headers in labelled scroll containers, landmarks and
navigation on every page, links that resolve inside the folder, nothing from another host, the
same outline as the model; written as a whole or not at all."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from reportgen.build import BuildRequest, build_report
from reportgen.compose.model import (
    Document,
    DocumentMeta,
    Heading,
    Paragraph,
    Part,
    Role,
    Style,
    Text,
)
from reportgen.outputs import write_folder
from reportgen.render.web import INDEX, split_pages
from reportgen.render.web_svg import inline_svg
from reportgen.resources import DEFAULT_TEMPLATES
from tests.browser.pages import Element, pages, parse
from tests.conftest import EXAMPLE_FIGURES
from tests.outline import key, model_outline

web = pytest.mark.xdist_group("web")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
EXAMPLE_PAGES = {
    "index.html",
    "vorwort.html",
    "zusammenfassung.html",
    "kapitel-einleitung.html",
    "methoden.html",
    *(f"hf-{goal}.html" for goal in range(1, 6)),
    "anhang.html",
}


@pytest.fixture(scope="module")
def example(example_web: Path) -> dict[str, Element]:
    return pages(example_web)


def main_of(page: Element) -> Element:
    (main,) = page.iter("main")
    return main


@web
def test_a_page_per_chapter_with_index_styles_fonts_and_pictures(example_web: Path) -> None:
    files = {str(p.relative_to(example_web)) for p in example_web.rglob("*") if p.is_file()}
    assert {f for f in files if f.endswith(".html")} == EXAMPLE_PAGES
    assert {
        "web.css",
        "schriften/SourceSansPro-Regular.ttf",
        "schriften/OFL-SourceSansPro.txt",
    } <= files
    assert any(f.startswith("bilder/logo-") and f.endswith(".svg") for f in files)
    assert not list(example_web.parent.glob(".*.tmp"))  # nothing left of the writing


@web
def test_every_page_is_german_with_one_h1_and_no_skipped_level(
    example: dict[str, Element],
) -> None:
    for name, page in example.items():
        (html,) = page.iter("html")
        assert html.attrs["lang"] == "de", name
        levels = [int(h.tag[1]) for h in page.iter(*HEADINGS)]
        assert levels.count(1) == 1 and levels[0] == 1, name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), name
        assert all(h.text.strip() for h in page.iter(*HEADINGS)), name
        headings_outside = [h for h in page.iter(*HEADINGS) if main_of(page) not in h.ancestors()]
        assert not headings_outside, name


@web
def test_a_chapter_page_begins_with_its_heading_and_is_titled_by_it(
    example: dict[str, Element],
) -> None:
    page = example["hf-1.html"]
    first = next(main_of(page).iter(*HEADINGS))
    assert (first.tag, first.attrs["id"]) == ("h1", "hf-1")
    assert re.sub(r"\s+", " ", first.text) == "1 Bevölkerung und Demografie"
    (title,) = page.iter("title")
    assert title.text == "1 Bevölkerung und Demografie – Integrationsbericht Niedersachsen 2025"
    index_h1 = next(example["index.html"].iter("h1"))
    assert "cover-title" in index_h1.attrs["class"]


@web
def test_landmarks_skip_link_and_page_navigation(example: dict[str, Element]) -> None:
    order = [INDEX, *[n for n in _pager_order(example) if n != INDEX]]
    assert set(order) == EXAMPLE_PAGES and len(order) == len(EXAMPLE_PAGES)
    for position, name in enumerate(order):
        page = example[name]
        (body,) = page.iter("body")
        first_link = next(body.iter("a"))
        (main,) = page.iter("main")
        assert first_link.attrs["href"] == f"#{main.attrs['id']}", name
        assert first_link.text == "Zum Inhalt springen"
        assert [e.tag for e in body.children if isinstance(e, Element)] == [
            "a",
            "header",
            "main",
            "footer",
        ], name
        navigation = [n for n in page.iter("nav") if n.attrs.get("aria-label")]
        (pager,) = navigation
        assert pager.attrs["aria-label"] == "Seitennavigation"
        assert main_of(page) not in pager.ancestors()
        links = {a.attrs.get("rel", "contents"): a for a in pager.iter("a")}
        assert links["contents"].text == "Inhaltsverzeichnis"
        assert links["contents"].attrs["href"] in ("#inhalt", "index.html#inhalt")
        previous = links.get("prev")
        following = links.get("next")
        assert (previous is None) == (position == 0), name
        assert (following is None) == (position == len(order) - 1), name
        if previous is not None:
            assert previous.attrs["href"] == order[position - 1]
            assert previous.text.startswith("Zurück")
        if following is not None:
            assert following.attrs["href"] == order[position + 1]
            assert following.text.startswith("Weiter")
    hf1_pager = next(n for n in example["hf-1.html"].iter("nav") if n.attrs.get("aria-label"))
    assert (
        re.sub(r"\s+", " ", hf1_pager.text)
        .strip()
        .startswith(
            "Zurück Methodische Vorbemerkungen Inhaltsverzeichnis Weiter 2 Rechtliche Integration"
        )
    )


def _pager_order(example: dict[str, Element]) -> list[str]:
    order, name = [INDEX], INDEX
    while True:
        following = [a for a in example[name].iter("a") if a.attrs.get("rel") == "next"]
        if not following:
            return order
        name = following[0].attrs["href"]
        order.append(name)


@web
def test_every_chart_is_inline_svg_named_by_its_alt_text(example: dict[str, Element]) -> None:
    charts = 0
    for name, page in example.items():
        ids = {e.attrs["id"] for e in page.iter() if "id" in e.attrs}
        for figure in page.iter("figure"):
            (svg,) = figure.iter("svg")
            assert svg.attrs["role"] == "img", name
            assert "width" not in svg.attrs and "viewbox" in svg.attrs
            label = svg.attrs["aria-labelledby"]
            assert label in ids
            (description,) = [e for e in svg.iter() if e.attrs.get("id") == label]
            assert len(description.text) > 20
            (caption,) = figure.iter("figcaption")
            assert caption.text.startswith("Abbildung ")
            charts += 1
        for image in page.iter("img"):
            assert "alt" in image.attrs, name
    assert charts == EXAMPLE_FIGURES


@web
def test_each_chart_has_its_values_as_a_table_beside_it(example: dict[str, Element]) -> None:
    """A chart's table follows it; a map links to its district table in the annex."""
    for name, page in example.items():
        blocks = [
            e
            for e in main_of(page).iter("figure", "div")
            if e.tag == "figure" or "table-block" in e.attrs.get("class", "")
        ]
        for position, figure in enumerate(blocks):
            if figure.tag != "figure":
                continue
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            values = [p for p in figure.iter("p") if p.attrs.get("class") == "values"]
            if values:
                (link,) = values[0].iter("a")
                assert link.attrs["href"].startswith("anhang.html#kreistabellen-"), name
                assert "Kreistabellen" in link.text
            else:
                assert following is not None and following.tag == "div", (name, figure.attrs)


@web
def test_tables_have_scoped_headers_in_a_labelled_scroll_container(
    example: dict[str, Element],
) -> None:
    tables = 0
    for name, page in example.items():
        ids = {e.attrs["id"]: e for e in page.iter() if "id" in e.attrs}
        for table in page.iter("table"):
            container = table.parent
            assert container is not None
            assert container.attrs["class"] == "table-scroll", name
            assert container.attrs["tabindex"] == "0" and container.attrs["role"] == "region"
            label = ids[container.attrs["aria-labelledby"]]
            assert label.tag == "caption" and label.parent is table
            assert all(th.attrs.get("scope") in ("col", "row") for th in table.iter("th")), name
            tables += 1
    assert tables > EXAMPLE_FIGURES - 2


@web
def test_ids_are_unique_and_every_internal_link_resolves(
    example_web: Path, example: dict[str, Element]
) -> None:
    ids: dict[str, set[str]] = {}
    for name, page in example.items():
        counted = Counter(e.attrs["id"] for e in page.iter() if "id" in e.attrs)
        assert not [i for i, n in counted.items() if n > 1], name
        ids[name] = set(counted)
    links = 0
    for name, page in example.items():
        for element in page.iter():
            for attribute in ("href", "aria-labelledby", "xlink:href"):
                value = element.attrs.get(attribute, "")
                if attribute == "aria-labelledby":
                    assert all(part in ids[name] for part in value.split()), (name, value)
                elif value and not re.match(r"^(https?:|mailto:)", value):
                    file, _, anchor = value.partition("#")
                    target = file or name
                    assert (example_web / target).is_file(), (name, value)
                    if anchor:
                        assert anchor in ids[target], (name, value)
                    links += 1
    assert links > 1000


@web
def test_nothing_comes_from_another_host(example_web: Path, example: dict[str, Element]) -> None:
    """Links in the text may lead to the web; styles, fonts and pictures never do."""
    for name, page in example.items():
        for element in page.iter():
            if element.tag == "a":
                continue
            for attribute in ("src", "href", "xlink:href", "srcset", "data", "poster"):
                value = element.attrs.get(attribute, "")
                assert not re.match(r"^\s*(https?:)?//", value), (name, element.tag, value)
        assert not list(page.iter("script", "iframe", "object", "embed")), name
    stylesheet = (example_web / "web.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*[\"']?(https?:)?//|@import", stylesheet)
    external = [
        a for p in example.values() for a in p.iter("a") if a.attrs["href"].startswith("https://")
    ]
    assert external  # the licence, the sources: still links


@web
def test_the_same_outline_as_the_model(
    example: dict[str, Element], example_document: Document
) -> None:
    """Headings (whatever their level on the page), paragraphs, list items, captions, table
    cells and chart descriptions read as in the model, page after page."""
    expected = [
        (("H" if kind.startswith("H") else kind), text)
        for kind, text in model_outline(example_document)
    ]
    found: list[tuple[str, str]] = []
    for name in _pager_order(example):
        found.extend(_outline(main_of(example[name])))
    # the cover's title is the index page's heading, a paragraph in the model
    title = key("Integrationsbericht Niedersachsen 2025")
    expected = [
        ("H", text) if (kind, text) == ("text", title) else (kind, text) for kind, text in expected
    ]
    assert len(found) > 3000
    assert _collapsed(found) == _collapsed(expected)


def _collapsed(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for entry in entries:
        if entry == ("contents", "") and result[-1:] == [entry]:
            continue
        result.append(entry)
    return result


_OUTLINE = {"p": "text", "li": "item", "th": "th", "td": "td", "caption": "caption"}


def _outline(element: Element) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    tag = element.tag
    if tag in HEADINGS:
        found.append(("H", key(element.text)))
    elif tag == "svg":
        (description,) = element.iter("desc")
        found.append(("figure", key(description.text)))
    elif tag == "img":
        if element.attrs.get("alt"):
            found.append(("figure", key(element.attrs["alt"])))
    elif (tag == "ol" and element.attrs.get("class") == "captions") or tag == "nav":
        found.append(("contents", ""))
    elif tag == "figcaption":
        first, *rest = [c for c in element.children if isinstance(c, Element)]
        found.append(("caption", key(first.text)))
        found.extend(("text", key(p.text)) for p in rest if p.attrs.get("class") != "values")
    elif tag in _OUTLINE:
        if element.text.strip():
            found.append((_OUTLINE[tag], key(element.text)))
    else:
        for child in element.children:
            if isinstance(child, Element):
                found.extend(_outline(child))
        return found
    if tag == "nav":  # the contents: its heading first
        found[-1:] = [("H", key(next(element.iter(*HEADINGS)).text)), ("contents", "")]
    return found


@pytest.fixture(scope="module")
def example_document() -> Document:
    from reportgen.check import prepare_project
    from reportgen.compose.report import compose_report
    from reportgen.resources import EXAMPLE_PROJECT

    return compose_report(prepare_project(EXAMPLE_PROJECT)).document


@web
def test_chart_text_has_contrast(example: dict[str, Element]) -> None:
    """Every word of the charts reads at 4.5:1 on white: axis, legend and value words (grey)
    and words in a series' colour (a label beside its bars, a marked area's name), darkened
    where the series' colour itself has only the 3:1 of a chart element. White words stand on
    a bar, not on the page. The fill comes from the element or, in matplotlib's own SVG, its
    style attribute."""
    colours = set()
    texts = 0
    for page in example.values():
        for text in page.iter("text"):
            texts += 1
            styled = re.search(r"fill:\s*(#[0-9a-f]{6})", text.attrs.get("style", ""))
            colours.add(styled.group(1) if styled else text.attrs.get("fill", "#000000"))
    colours.discard("#ffffff")
    assert texts > 100 and len(colours) > 1, colours  # the fills were found
    assert all(_contrast(colour) >= 4.5 for colour in colours), sorted(colours)


def _contrast(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


# --- without the example --------------------------------------------------------------------


def test_the_web_templates_hold_no_words() -> None:
    for template in (DEFAULT_TEMPLATES / "web").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{[{%#].*?[}%#]}", " ", text, flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text)
        assert not re.findall(r"[^\W\d_]{2,}", text), template.name


def test_a_mini_report_on_one_page(mini_project: Path, tmp_path: Path) -> None:
    config = mini_project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  dateiname: testbericht\n",
            "  dateiname: testbericht\n  html:\n    eine_seite: true\n",
        ),
        encoding="utf-8",
    )
    result = build_report(BuildRequest(mini_project, tmp_path / "out", ("html",)))
    assert result.written == [tmp_path / "out" / "testbericht-html" / "index.html"]
    folder = result.written[0].parent
    assert [p.name for p in folder.glob("*.html")] == ["index.html"]
    page = parse(folder / "index.html")
    levels = [int(h.tag[1]) for h in page.iter(*HEADINGS)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert not [a for a in page.iter("a") if a.attrs.get("rel") in ("prev", "next")]
    hrefs = [a.attrs["href"] for a in page.iter("a")]
    assert not [h for h in hrefs if ".html#" in h]  # one page: every place is on it


def test_an_offices_own_web_stylesheet_goes_into_the_folder(
    mini_project: Path, tmp_path: Path
) -> None:
    (mini_project / "amt-web.css").write_text("body { color: #111; } /* Amt */\n", "utf-8")
    config = mini_project / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "stile:\n  css_html: amt-web.css\n", "utf-8"
    )
    result = build_report(BuildRequest(mini_project, tmp_path / "out", ("html",)))
    folder = result.written[0].parent
    assert (folder / "web.css").read_text(encoding="utf-8") == "body { color: #111; } /* Amt */\n"
    assert 'href="web.css"' in (folder / "index.html").read_text(encoding="utf-8")


def test_split_pages_keeps_the_front_matter_on_the_index() -> None:
    cover = Part(Role.COVER, (Paragraph((Text("Titel"),), Style.COVER_TITLE),))
    chapter = Part(Role.CHAPTER, (Heading(1, "Kapitel", "1", "hf-1"),))
    annex = Part(Role.APPENDIX, (Heading(1, "Anhang", anchor="anhang"),))
    odd = Part(Role.CHAPTER, (Heading(1, "Ohne Anker"),))
    document = Document(
        DocumentMeta("T", "", "", "de", dt.date(2025, 1, 1)), (cover, chapter, annex, odd)
    )
    split = split_pages(document)
    assert [(p.file, p.nodes) for p in split] == [
        ("index.html", (cover,)),
        ("hf-1.html", (chapter,)),
        ("anhang.html", (annex,)),
        ("seite-3.html", (odd,)),
    ]
    assert [p.file for p in split_pages(document, one_page=True)] == ["index.html"]


def test_svg_ids_are_prefixed_and_the_root_named() -> None:
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'width="10pt" height="5pt" viewBox="0 0 10 5"><metadata>x</metadata><defs><style '
        b'type="text/css">*{a: b}</style></defs><g id="figure_1"><defs><path id="m1" d="M0 0"/>'
        b'<clipPath id="p2"><rect/></clipPath></defs><use xlink:href="#m1" '
        b'clip-path="url(#p2)"/></g></svg>'
    )
    markup = str(inline_svg(svg, "abb-3", "Ein <Diagramm>"))
    assert markup.startswith(
        '<svg viewBox="0 0 10 5" class="chart-picture" role="img" aria-labelledby="abb-3-alt" '
        'focusable="false"><desc id="abb-3-alt">Ein &lt;Diagramm&gt;</desc>'
    )
    assert 'id="figure_1"' not in markup and "<metadata>" not in markup and "*{" not in markup
    assert 'id="abb-3-m1"' in markup and 'xlink:href="#abb-3-m1"' in markup
    assert "url(#abb-3-p2)" in markup and "width=" not in markup


def test_a_folder_is_swapped_in_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "bericht-html"

    def packed(files: dict[str, bytes]) -> bytes:
        path = tmp_path / "packed.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return path.read_bytes()

    assert write_folder(target, packed({"index.html": b"1", "a/b.css": b"x"})) == target / INDEX
    write_folder(target, packed({"index.html": b"2"}))
    assert sorted(p.name for p in target.rglob("*")) == ["index.html"]
    assert (target / "index.html").read_bytes() == b"2"
    with pytest.raises(zipfile.BadZipFile):
        write_folder(target, b"kein Archiv")
    assert (target / "index.html").read_bytes() == b"2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bericht-html", "packed.zip"]
