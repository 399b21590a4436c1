"""Edits outside the editable texts (in a table, a caption, a key statement, a heading) and
comments there: the round trip does not take them over, so it names each with its place.

The DOCX's manifest holds a fingerprint of every generated paragraph and table as built; what
differs now, in order, was changed, added or removed in Word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from docx.oxml.ns import qn

from reportgen.render.docx.editable import generated_fingerprint, generated_parts
from reportgen.render.docx.readback import Kind, flat, unit_text
from reportgen.roundtrip.wordfile import WordFile

EXCERPT = 60


@dataclass(frozen=True)
class OutsideEdit:
    """Something changed where editors' changes are not taken over."""

    what: str
    """"geändert", "hinzugefügt", "entfernt", "Kommentar"."""
    place: str
    excerpt: str


def outside_edits(word: WordFile) -> list[OutsideEdit]:
    """The generated paragraphs and tables that differ from the build, and the comments outside
    the texts, each with its place (the heading above it)."""
    body = word.body
    skipped = {id(e) for elements in word.texts.values() for e in elements}
    headings = dict(_headings_above(word))  # the keys keep lxml's proxies (and ids) alive
    parts = [(e, text) for e, text in generated_parts(body) if id(e) not in skipped]
    now = [generated_fingerprint(text) for _, text in parts]
    found: list[OutsideEdit] = []
    matcher = SequenceMatcher(None, list(word.manifest.generated), now, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for element, _ in parts[j1:j2]:
            what = "geändert" if tag == "replace" else "hinzugefügt"
            found.append(OutsideEdit(what, _place(element, body, headings), _shown(element)))
        if i2 - i1 > j2 - j1:  # more built than there are now: removed, after the part before
            gone = (i2 - i1) - (j2 - j1)
            what = "entfernt" if gone == 1 else f"{gone} erzeugte Teile entfernt"
            if j2:
                before = parts[j2 - 1][0]
                heading = headings.get(_unit(before, headings), "")
                place = f"Unter „{heading}“" if heading else "Im Dokument"
                what = f"{what} nach „{_shown(before)}“"
            else:
                place = "Am Anfang des Dokuments"
            found.append(OutsideEdit(what, place, ""))
    texts = [e for elements in word.texts.values() for e in elements]
    inside = {str(r.get(qn("w:id"))) for e in texts for r in e.iter(qn("w:commentReference"))}
    for reference in body.iter(qn("w:commentReference")):
        key = str(reference.get(qn("w:id")))
        comment = word.comments.get(key)
        if key not in inside and comment is not None and not comment.done:
            place = _place(reference, body, headings)
            found.append(OutsideEdit("Kommentar", place, f"{comment.author}: {comment.text}"))
    return found


def _headings_above(word: WordFile) -> Iterator[tuple[Any, str]]:
    """For each paragraph and table (inside content controls too), the text of the last
    heading before it."""
    last = ""
    for element in flat(word.body):
        if element.tag == qn("w:p"):
            content = word.reader.paragraph(element)
            if content.kind == Kind.HEADING and content.text.strip():
                last = content.text.strip()
        yield element, last


def _place(element: Any, body: Any, headings: dict[Any, str]) -> str:
    """ "Tabelle unter „1.2.2 …“": the paragraph or table holding ``element``, and the
    heading above it."""
    element = _unit(element, headings)
    if element is None:
        return "Absatz"
    kind = "Tabelle" if element.tag == qn("w:tbl") else "Absatz"
    heading = headings.get(element, "")
    return f"{kind} unter „{heading}“" if heading else kind


def _unit(element: Any, headings: dict[Any, str]) -> Any:
    """The paragraph or table (of those ``headings`` knows) that holds ``element``."""
    while element is not None and element not in headings:
        element = element.getparent()
    return element


def _shown(element: Any) -> str:
    """The start of a paragraph or table as a reader sees it (caption numbers included)."""
    text = " ".join(unit_text(element, [], results=True).split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
