"""Reading a DOCX's paragraphs back as the Word round trip compares and converts them: each
paragraph's kind (text, heading, list item) and its spans of text with bold, italic, link and
the figure from the data they show.

The renderer reads the DOCX it has just built with this module (the fingerprints it stores) and
``reportgen uebernehmen`` reads the edited file with it, so both sides see a paragraph alike.
What Word changes without changing the text (split runs, revision ids, proofing marks, fields it
updates, bookmarks) leaves the reading alone. Tracked changes are read as accepted: inserted
text counts, deleted text does not (``roundtrip`` refuses pending ones unless told otherwise).
With ``docx.xml``, ``docx.layout_xml`` and ``docx.editable`` the modules that touch
WordprocessingML.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from reportgen.render.docx.fields import Field, Walk, field_char, field_link, shown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLOCK_TAG = "reportgen:text:"
FIGURE_TAG = "reportgen:zahl:"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Kind:
    TEXT, HEADING, BULLET, NUMBER = "text", "heading", "bullet", "number"


class Extra:
    """What a paragraph of an editable text may hold that Markdown cannot."""

    FOOTNOTE, PICTURE, FORMULA, TABLE = "footnote", "picture", "formula", "table"


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    """A web address, or ``#bookmark`` for a place in the document."""
    figure: int = -1
    """The number of the figure from the data whose content control holds the text."""


@dataclass(frozen=True)
class Content:
    """A paragraph as the round trip sees it."""

    kind: str
    level: int
    spans: tuple[Span, ...]
    extras: tuple[str, ...] = ()
    """What it holds besides text that Markdown cannot: ``Extra`` values."""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def fingerprint(self) -> str:
        spans = [[s.text, s.bold, s.italic, s.link, s.figure] for s in self.spans]
        data = json.dumps([self.kind, self.level, spans, self.extras], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def words_fingerprint(text: str) -> str:
    """Of a paragraph's words alone, without formatting, links or figure marks."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Reader:
    """Reads paragraphs of one document: its styles, lists and link targets known."""

    def __init__(
        self,
        styles: Any | None = None,
        numbering: Any | None = None,
        links: Mapping[str, str] | None = None,
    ) -> None:
        self.links = links or {}
        found = styles.iter(w("style")) if styles is not None else ()
        self.styles: dict[str, Any] = {style.get(w("styleId")): style for style in found}
        self.formats: dict[tuple[str, str], str] = {}
        if numbering is not None:
            abstracts = {a.get(w("abstractNumId")): a for a in numbering.iter(w("abstractNum"))}
            for num in numbering.iter(w("num")):
                abstract = abstracts.get(_val(num.find(w("abstractNumId"))))
                for lvl in abstract.iter(w("lvl")) if abstract is not None else ():
                    fmt = _val(lvl.find(w("numFmt"))) or "decimal"
                    self.formats[(str(num.get(w("numId"))), str(lvl.get(w("ilvl"))))] = fmt

    # --- paragraphs ----------------------------------------------------------------------

    def paragraph(self, p: Any) -> Content:
        walk = Walk()
        self._children(p, walk, False, False, "", -1)
        kind, level = self.kind(p)
        return Content(kind, level, _merged(walk.spans), tuple(walk.extras))

    def block(self, elements: Iterable[Any]) -> list[Content]:
        """The paragraphs of a text block (a table in it counts as one paragraph that holds
        ``Extra.TABLE``); a paragraph whose mark was deleted (accepted) joins the next one."""
        found: list[Content] = []
        joined: Content | None = None
        for element in flat(elements):
            if element.tag == w("tbl"):
                content = Content(Kind.TEXT, 0, (), (Extra.TABLE,))
            else:
                content = self.paragraph(element)
            if joined is not None:
                spans = _merged((*joined.spans, *content.spans))
                content = replace(joined, spans=spans, extras=joined.extras + content.extras)
                joined = None
            if element.tag == w("p") and _mark_deleted(element):
                joined = content
                continue
            found.append(content)
        if joined is not None:
            found.append(joined)
        return found

    def kind(self, p: Any) -> tuple[str, int]:
        properties = p.find(w("pPr"))
        style_id = _val(properties.find(w("pStyle"))) if properties is not None else ""
        chain = list(self._style_chain(style_id or ""))
        names = [_val(s.find(w("name"))).lower() for s in chain]
        for name in names:
            if match := re.fullmatch(r"(?:heading|überschrift|zwischenüberschrift) (\d)", name):
                return Kind.HEADING, int(match.group(1))
            if name.startswith("list bullet"):
                return Kind.BULLET, 0
            if name.startswith("list number"):
                return Kind.NUMBER, 0
        outline = [_val(e.find(f"{w('pPr')}/{w('outlineLvl')}")) for e in [p, *chain]]
        level = next((int(value) for value in outline if value.isdigit()), None)
        if level is not None and level < 9:
            return Kind.HEADING, level + 1
        num_pr = [e.find(f"{w('pPr')}/{w('numPr')}") for e in [p, *chain]]
        found = next((n for n in num_pr if n is not None), None)
        if found is not None and _val(found.find(w("numId"))) not in ("", "0"):
            num_id, ilvl = _val(found.find(w("numId"))), _val(found.find(w("ilvl"))) or "0"
            bullet = self.formats.get((num_id, ilvl), "decimal") == "bullet"
            return (Kind.BULLET if bullet else Kind.NUMBER), int(ilvl)
        return Kind.TEXT, 0

    def _style_chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = _val(style.find(w("basedOn")))

    # --- inline content --------------------------------------------------------------------

    def _children(
        self, parent: Any, walk: Walk, bold: bool, italic: bool, link: str, figure: int
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, walk, bold, italic, link, figure)
            elif tag == w("hyperlink"):
                anchor = child.get(w("anchor"))
                target = f"#{anchor}" if anchor else self.links.get(child.get(f"{{{R}}}id"), "")
                self._children(child, walk, bold, italic, target or link, figure)
            elif tag == w("sdt"):
                tag_value = _val(child.find(f"{w('sdtPr')}/{w('tag')}"))
                number = figure
                if tag_value.startswith(FIGURE_TAG) and tag_value[len(FIGURE_TAG) :].isdigit():
                    number = int(tag_value[len(FIGURE_TAG) :])
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._children(content, walk, bold, italic, link, number)
            elif tag == w("fldSimple"):
                walk.fields.append(Field(child.get(w("instr"), ""), True))
                self._children(child, walk, bold, italic, link, figure)
                walk.fields.pop()
            elif tag in (w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("dir"), w("bdo")):
                self._children(child, walk, bold, italic, link, figure)
            elif tag.endswith("}oMath") or tag.endswith("}oMathPara"):
                walk.extras.append(Extra.FORMULA)

    def _run(self, r: Any, walk: Walk, bold: bool, italic: bool, link: str, figure: int) -> None:
        properties = r.find(w("rPr"))
        bold = self._toggle(properties, "b", bold)
        italic = self._toggle(properties, "i", italic)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                field_char(child.get(w("fldCharType")), walk)
            elif tag == w("instrText") and walk.fields:
                walk.fields[-1].instruction += child.text or ""
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                walk.extras.append(Extra.FOOTNOTE)
            elif tag in (w("drawing"), w("pict"), w("object")):
                walk.extras.append(Extra.PICTURE)
            elif (text := _run_text(child)) is not None and shown(walk):
                target = field_link(walk) or link
                if walk.close_reference:
                    walk.close_reference, text = False, text.removeprefix(")")
                if text:
                    walk.spans.append(Span(text, bold, italic, target, figure))

    def _toggle(self, properties: Any, name: str, inherited: bool) -> bool:
        """Direct formatting, else the run's character style, else what the run is inside."""
        if properties is None:
            return inherited
        direct = properties.find(w(name))
        if direct is not None:
            return _on(direct)
        style_id = _val(properties.find(w("rStyle")))
        for style in self._style_chain(style_id):
            found = style.find(f"{w('rPr')}/{w(name)}")
            if found is not None:
                return _on(found)
        return inherited


def _run_text(child: Any) -> str | None:
    tag = child.tag
    if tag == w("t"):
        return str(child.text or "")
    if tag == w("tab"):
        return "\t"
    if tag == w("br"):
        return None if child.get(w("type")) in ("page", "column") else "\n"
    if tag == w("cr"):
        return "\n"
    if tag == w("noBreakHyphen"):  # as the character, which LibreOffice writes as the element
        return "\u2011"
    if tag == w("softHyphen"):
        return "\u00ad"
    return None


def _merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def flat(elements: Iterable[Any]) -> Iterator[Any]:
    """Paragraphs and tables, through the content controls, insertions and moves around them
    (deleted and moved-away ones are gone once accepted)."""
    for element in elements:
        if element.tag in (w("p"), w("tbl")):
            yield element
        elif element.tag == w("sdt"):
            content = element.find(w("sdtContent"))
            yield from flat(content if content is not None else ())
        elif element.tag in (w("ins"), w("moveTo"), w("customXml")):
            yield from flat(element)


def _mark_deleted(p: Any) -> bool:
    return p.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is not None


def _on(element: Any) -> bool:
    return str(element.get(w("val"), "true")).lower() not in ("0", "false", "off", "none")


def _val(element: Any) -> str:
    return "" if element is None else str(element.get(w("val"), ""))


def unit_text(element: Any, fields: list[Any], results: bool = False) -> str:
    """The words of something generated (a paragraph, a table) for its fingerprint, without
    what Word fills in itself (field results: page numbers, numbers of captions, the contents;
    ``fields`` carries the open ones from paragraph to paragraph); with ``results`` as a reader
    sees them ("Tabelle 3: …")."""
    if element.tag == w("tbl"):
        rows = (
            " | ".join(_cell_text(cell, fields, results) for cell in row.findall(w("tc")))
            for row in element.iter(w("tr"))
        )
        return "\n".join(rows).strip(" |\n")
    walk = Walk(fields=fields, results=results)
    _PLAIN._children(element, walk, False, False, "", -1)
    return "".join(span.text for span in walk.spans).strip()


def _cell_text(cell: Any, fields: list[Any], results: bool) -> str:
    return " ".join(unit_text(p, fields, results) for p in cell.iter(w("p")))


_PLAIN = Reader()
