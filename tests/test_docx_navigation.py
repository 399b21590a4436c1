"""Finding one's way in the Word file: a contents that is filled before Word updates it, heading
numbers from Word's own list that equal the data's (also where a chapter or topic is left out),
and a navigation pane without the sub-headings every indicator repeats."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.compose.caption_lists import without_marks
from reportgen.compose.model import (
    ChartSpec,
    Contents,
    ContentsEntry,
    Document,
    DocumentMeta,
    Heading,
    MapSpec,
    Node,
    Paragraph,
    Part,
    Role,
    Text,
)
from reportgen.render.docx.document import render_docx
from reportgen.render.docx.template import CONTENTS_ENTRIES, SUB_HEADINGS
from reportgen.render.docx.xml import bookmark_name
from reportgen.resources import DEFAULT_STYLES
from tests import docxhelpers

pytestmark = pytest.mark.xdist_group("example")  # the last tests read the example report

TEMPLATE = DEFAULT_STYLES / "reference.docx"
SUB_HEADING_TEXTS = ("Lese- und Interpretationshilfe", "Methodische Hinweise", "Definition")


class NoImages:
    def png(self, spec: ChartSpec) -> bytes:
        raise AssertionError("no charts here")

    def map_png(self, spec: MapSpec) -> bytes:
        raise AssertionError("no maps here")


def indicator(number: str) -> Part:
    """An indicator with its repeated sub-headings (levels 4 to 6)."""
    return Part(
        Role.INDICATOR,
        (
            Heading(3, f"Indikator {number}", number, f"ind-{number.replace('.', '-')}"),
            Part(Role.INTERPRETATION, (Heading(4, SUB_HEADING_TEXTS[0], listed=False),)),
            Part(
                Role.METHODS,
                (
                    Heading(4, SUB_HEADING_TEXTS[1], listed=False),
                    Part(Role.NOTE, (Heading(5, SUB_HEADING_TEXTS[2], listed=False),)),
                    Heading(6, "Stichtag", listed=False),
                ),
            ),
        ),
    )


def chapter(number: str, topics: dict[str, tuple[str, ...]]) -> Part:
    children: list[Node] = [Heading(1, f"Handlungsfeld {number}", number, f"hf-{number}")]
    for topic, indicators in topics.items():
        children.append(Heading(2, f"Thema {topic}", topic, f"thema-{topic.replace('.', '-')}"))
        children += [indicator(number) for number in indicators]
    return Part(Role.CHAPTER, tuple(children))


def report(*chapters: Part) -> Document:
    """Front matter, a foreword, the chapters and an appendix, with the contents of them all."""
    main = (
        Part(Role.FOREWORD, (Heading(1, "Vorwort", anchor="vorwort"),)),
        *chapters,
        Part(Role.APPENDIX, (Heading(1, "Anhang", anchor="anhang"),)),
    )
    entries = tuple(
        ContentsEntry(node.level, node.number, node.text, node.anchor)
        for node in _headings(main)
        if node.listed and node.level <= 3
    )
    front = Part(
        Role.CONTENTS,
        (
            Heading(1, "Inhalt", anchor="inhalt", listed=False),
            Contents(entries, "Zum Aktualisieren F9", 3),
        ),
    )
    meta = DocumentMeta("Bericht", "", "Ministerium", "de", dt.date(2025, 12, 18))
    imprint = Part(Role.IMPRINT, (Heading(1, "Impressum", listed=False), Paragraph((Text("Hg."),))))
    return Document(meta, (imprint, front, *main))


def _headings(nodes: tuple[Node, ...]) -> list[Heading]:
    found: list[Heading] = []
    for node in nodes:
        if isinstance(node, Heading):
            found.append(node)
        elif isinstance(node, Part):
            found += _headings(node.children)
    return found


def rendered(document: Document, template: Path = TEMPLATE) -> DocxDocument:
    return docx.Document(io.BytesIO(render_docx(document, NoImages(), template)))


def style(paragraph: DocxParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def outline_level(paragraph: DocxParagraph) -> int | None:
    """The outline level Word's navigation pane uses (0–8), None for body text (9 or none)."""
    for properties in (paragraph._p.pPr, *_style_chain(paragraph)):
        found = None if properties is None else properties.find(qn("w:outlineLvl"))
        if found is not None:
            level = int(found.get(qn("w:val")))
            return None if level == 9 else level
    return None


def _style_chain(paragraph: DocxParagraph) -> list[object]:
    chain, current = [], paragraph.style
    while current is not None:
        chain.append(current.element.pPr)
        current = current.base_style
    return chain


def numbered_headings(document: DocxDocument) -> list[str]:
    """Headings of the navigation pane as Word shows them: list number and text."""
    numbers = docxhelpers.list_numbers(document)
    return [
        docxhelpers.numbered_text(p, numbers)
        for p in document.paragraphs
        if outline_level(p) is not None
    ]


def expected(document: Document) -> list[str]:
    return [
        f"{h.number} {h.text}" if h.number else h.text
        for h in _headings(document.body)
        if h.navigable and h.listed
    ]


ALL = report(
    chapter("1", {"1.1": ("1.1.1", "1.1.2"), "1.2": ("1.2.1",)}),
    chapter("2", {"2.1": ("2.1.1",)}),
)
LEFT_OUT = report(  # auswahl without Handlungsfeld 1, topic 2.1 and indicator 2.2.1
    chapter("2", {"2.2": ("2.2.2", "2.2.3"), "2.4": ("2.4.1",)}),
    chapter("5", {"5.1": ("5.1.3",), "5.2": ("5.2.1",)}),
)


# --- contents -------------------------------------------------------------------------------


def contents_paragraphs(document: DocxDocument) -> list[DocxParagraph]:
    """The paragraphs of the TOC field, from the one that begins it to the one that ends it."""
    found: list[DocxParagraph] = []
    depth = 0
    for paragraph in document.paragraphs:
        instructions = docxhelpers.field_instructions(paragraph)
        if depth or (instructions and instructions[0].startswith("TOC")):
            found.append(paragraph)
        depth += docxhelpers.field_balance(paragraph)
        if found and not depth:
            break
    return found


def test_contents_field_is_filled_with_every_entry_before_word_updates_it() -> None:
    document = rendered(ALL)
    paragraphs = contents_paragraphs(document)
    first = paragraphs[0]._p
    kinds = [node.get(qn("w:fldCharType")) for node in first.iter(qn("w:fldChar"))]
    assert kinds[:2] == ["begin", "separate"]
    entries = [e for e in _contents(ALL).entries]
    assert [p.text.replace("\t", " ").strip() for p in paragraphs] == [
        f"{e.number} {e.text}".strip() for e in entries
    ]
    assert [style(p) for p in paragraphs] == [CONTENTS_ENTRIES[e.level] for e in entries]


def test_contents_entries_link_to_the_headings_bookmarks() -> None:
    document = rendered(ALL)
    links = [
        link.get(qn("w:anchor"))
        for p in contents_paragraphs(document)
        for link in p._p.iter(qn("w:hyperlink"))
    ]
    bookmarks = {node.get(qn("w:name")) for node in document.element.iter(qn("w:bookmarkStart"))}
    assert links == [bookmark_name(e.anchor) for e in _contents(ALL).entries]
    assert set(links) <= bookmarks


def _contents(document: Document) -> Contents:
    return next(
        node
        for part in document.body
        if isinstance(part, Part)
        for node in part.children
        if isinstance(node, Contents)
    )


def test_bookmark_names_are_what_word_accepts() -> None:
    assert bookmark_name("ind-1-2-3") == "ind_1_2_3"
    assert bookmark_name("3-kapitel") == "_3_kapitel"
    assert len(bookmark_name("x" * 60)) == 40


# --- heading numbers --------------------------------------------------------------------------


REORDERED = report(chapter("5", {"5.2": ("5.2.1",)}), chapter("2", {"2.1": ("2.1.1", "2.1.2")}))


@pytest.mark.parametrize("model", [ALL, LEFT_OUT, REORDERED], ids=["alle", "auswahl", "gliederung"])
def test_word_numbers_the_headings_as_the_data_does(model: Document) -> None:
    assert numbered_headings(rendered(model)) == expected(model)


def test_numbered_headings_carry_no_typed_number() -> None:
    document = rendered(LEFT_OUT)
    numbers = docxhelpers.list_numbers(document)
    numbered = [(numbers[p._p], p.text) for p in document.paragraphs if p._p in numbers]
    assert numbered[:3] == [
        ("2", "Handlungsfeld 2"),
        ("2.2", "Thema 2.2"),
        ("2.2.2", "Indikator 2.2.2"),
    ]


def test_unnumbered_headings_take_away_the_styles_number() -> None:
    document = rendered(ALL)
    numbers = docxhelpers.list_numbers(document)
    for paragraph in document.paragraphs:
        if paragraph.text in ("Vorwort", "Anhang", "Impressum", "Inhalt"):
            assert paragraph._p not in numbers, paragraph.text


def test_a_template_without_heading_list_gets_typed_numbers(tmp_path: Path) -> None:
    template = docx.Document(str(TEMPLATE))
    for level in (1, 2, 3):
        properties = template.styles[f"Heading {level}"].element.pPr
        properties.remove(properties.numPr)
    plain = tmp_path / "vorlage.docx"
    template.save(str(plain))
    document = rendered(ALL, plain)
    assert docxhelpers.list_numbers(document) == {}
    assert numbered_headings(document) == expected(ALL)


# --- navigation pane ---------------------------------------------------------------------------


def test_sub_headings_stay_in_the_text_but_out_of_the_navigation_pane() -> None:
    document = rendered(ALL)
    subs = [p for p in document.paragraphs if p.text in (*SUB_HEADING_TEXTS, "Stichtag")]
    assert len(subs) == 4 * 4  # four indicators, each with its four sub-headings
    assert {style(p) for p in subs} <= set(SUB_HEADINGS.values())
    assert all(outline_level(p) is None for p in subs)
    assert not set(numbered_headings(document)) & set(SUB_HEADING_TEXTS)


def test_example_docx_navigation_is_its_contents(example_outputs: dict[str, Path]) -> None:
    document = docx.Document(str(example_outputs["docx"]))
    navigation = numbered_headings(document)
    contents = [p.text.replace("\t", " ").strip() for p in contents_paragraphs(document)]
    assert not set(navigation) & {"Definition", "Datenquelle", "Methodische Hinweise"}
    assert set(contents) <= {without_marks(text) for text in navigation}
    assert 80 < len(navigation) < 130  # 7 chapters and more, 18 topics, 58 indicators


def test_example_pdf_bookmarks_leave_out_the_sub_headings(
    example_outputs: dict[str, Path],
) -> None:
    import pikepdf

    titles: list[str] = []
    with pikepdf.open(example_outputs["pdf"]) as pdf, pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack += item.children
    assert not {t for t in titles if t.strip() in (*SUB_HEADING_TEXTS, "Datenquelle")}
    assert any(t.startswith("1.1.1") for t in titles)


def test_every_link_inside_the_example_docx_finds_its_bookmark(
    example_outputs: dict[str, Path],
) -> None:
    body = docx.Document(str(example_outputs["docx"])).element.body
    names = {node.get(qn("w:name")) for node in body.iter(qn("w:bookmarkStart"))}
    links = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))} - {None}
    assert links and links <= names
    assert {"abb_1", "tab_1", "glossar_zensus"} <= names  # figures, tables, glossary entries
    pagerefs = {t.text.split()[1] for t in body.iter(qn("w:instrText")) if "PAGEREF" in t.text}
    assert pagerefs <= names
