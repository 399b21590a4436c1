"""Editing a built DOCX the way Word stores edits, for the round-trip tests: a changed word splits
its run (the new run gets its own revision id), a new paragraph or list is new ``w:p`` elements
inside the text's content control, bold and italic are run properties, a tracked change is a
``w:ins``/``w:del`` with author and date, a comment is anchored by ``w:commentRangeStart``/``End``
and a ``w:commentReference`` run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

SPACE = "{http://www.w3.org/XML/1998/namespace}space"
INDICATOR = "texte/indikatoren/1-2-2.md"
_rsids = iter(range(0x00A10000, 0x00AFFFFF, 7))


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def text_control(document: Document, path: str) -> Any:
    """The ``w:sdtContent`` of the editable text that goes back to ``path``."""
    for sdt in document.element.body.iter(qn("w:sdt")):
        alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        if alias is not None and str(alias.get(qn("w:val"))).endswith(path):
            return sdt.find(qn("w:sdtContent"))
    raise LookupError(path)


def paragraphs(content: Any) -> list[Any]:
    return content.findall(qn("w:p"))


def run(text: str, bold: bool = False, italic: bool = False) -> Any:
    """A run as Word writes one: revision id, properties, text with its spaces kept."""
    r = OxmlElement("w:r", {qn("w:rsidR"): f"{next(_rsids):08X}"})
    properties = OxmlElement("w:rPr")
    if bold:
        properties.append(OxmlElement("w:b"))
    if italic:
        properties.append(OxmlElement("w:i"))
    r.append(properties)
    t = OxmlElement("w:t", {SPACE: "preserve"})
    t.text = text
    r.append(t)
    return r


def replace_text(p: Any, old: str, new: Sequence[Any] | str) -> None:
    """Replace ``old`` inside one run of ``p`` as Word does: the run is split at the edit, the
    new text gets runs of its own (``new``: text, or runs made with ``run``)."""
    for r in p.iter(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is None or old not in (t.text or ""):
            continue
        before, _, after = (t.text or "").partition(old)
        t.text = before
        t.set(SPACE, "preserve")
        added = [run(new)] if isinstance(new, str) else list(new)
        tail = run(after)
        properties = r.find(qn("w:rPr"))
        # the rest keeps the run's formatting, and so does text typed into it
        for piece in [tail, *(added if isinstance(new, str) else ())]:
            if properties is not None:
                piece.replace(piece.find(qn("w:rPr")), _copy(properties))
        anchor = r
        for piece in [*added, tail]:
            anchor.addnext(piece)
            anchor = piece
        return
    raise LookupError(old)


def new_paragraph(after: Any, pieces: Sequence[Any], style: str | None = None) -> Any:
    """A paragraph typed after ``after`` (Enter at its end): ``pieces`` are runs."""
    p = OxmlElement("w:p")
    if style:
        properties = OxmlElement("w:pPr")
        properties.append(OxmlElement("w:pStyle", {qn("w:val"): style}))
        p.append(properties)
    for piece in pieces:
        p.append(piece)
    after.addnext(p)
    return p


def list_paragraphs(
    document: Document, after: Any, items: Sequence[str], bullets: bool, styled: bool = True
) -> Any:
    """A list as Word makes one: the list style and its numbering on each paragraph, or
    (``styled`` false: Word's list buttons on a plain paragraph) only the numbering."""
    style = document.styles["List Bullet" if bullets else "List Number"]
    num_id = style.element.pPr.numPr.numId.val
    last = after
    for text in items:
        last = new_paragraph(last, [run(text)], style=style.style_id if styled else "Normal")
        properties = last.find(qn("w:pPr"))
        numbering = OxmlElement("w:numPr")
        numbering.append(OxmlElement("w:ilvl", {qn("w:val"): "0"}))
        numbering.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))
        properties.append(numbering)
    return last


def heading(document: Document, after: Any, text: str, style: str) -> Any:
    """A paragraph in a heading style (by its name, as Word's style gallery offers it)."""
    return new_paragraph(after, [run(text)], style=document.styles[style].style_id)


def figure(content: Any, placeholder: str) -> Any:
    """The inline content control of the figure from ``placeholder``."""
    for sdt in content.iter(qn("w:sdt")):
        alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        if alias is not None and placeholder in str(alias.get(qn("w:val"))):
            return sdt
    raise LookupError(placeholder)


def retype_figure(content: Any, placeholder: str, value: str) -> None:
    """The editor types over a figure from the data: the text inside its content control."""
    sdt = figure(content, placeholder)
    texts = list(sdt.iter(qn("w:t")))
    texts[0].text = value
    for t in texts[1:]:
        t.text = ""


def tracked_insert(p: Any, after_text: str, text: str, author: str, day: dt.date) -> None:
    """Text inserted with track changes on, right after ``after_text`` (its run split there)."""
    replace_text(p, after_text, after_text)
    r = next(r for r in p.iter(qn("w:r")) if "".join(_texts(r)) == after_text)
    inserted = OxmlElement(
        "w:ins", {qn("w:id"): "801", qn("w:author"): author, qn("w:date"): _stamp(day)}
    )
    inserted.append(run(text))
    r.addnext(inserted)


def tracked_delete(p: Any, old: str, author: str, day: dt.date) -> None:
    """``old`` deleted with track changes on: its run wrapped in ``w:del``, ``w:delText``."""
    replace_text(p, old, old)
    r = next(r for r in p.iter(qn("w:r")) if "".join(_texts(r)) == old)
    deleted = OxmlElement(
        "w:del", {qn("w:id"): "802", qn("w:author"): author, qn("w:date"): _stamp(day)}
    )
    r.addprevious(deleted)
    deleted.append(r)
    t = r.find(qn("w:t"))
    t.tag = qn("w:delText")


def comment(document: Document, p: Any, text: str, author: str) -> None:
    """A comment on the paragraph's first run (python-docx writes what Word writes)."""
    first = next(p.iter(qn("w:r")))
    document.add_comment(Run(first, Paragraph(p, document._body)), text, author=author)


def edit_table_cell(document: Document, old: str, new: str) -> None:
    """Type over a value in the first table that shows ``old``."""
    for table in document.element.body.iter(qn("w:tbl")):
        for t in table.iter(qn("w:t")):
            if t.text == old:
                t.text = new
                return
    raise LookupError(old)


def saved_by(document: Document, author: str, day: dt.date) -> None:
    """What Word sets when it saves: the last author and the time."""
    document.core_properties.last_modified_by = author
    document.core_properties.modified = dt.datetime.combine(day, dt.time(9, 30))


def _texts(r: Any) -> Iterator[str]:
    return (t.text or "" for t in r.iter(qn("w:t")))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T10:00:00Z"


def _copy(element: Any) -> Any:
    from copy import deepcopy

    return deepcopy(element)


def edit_indicator_text(document: Document) -> None:
    """What the round-trip tests edit in the Lese- und Interpretationshilfe of 1.2.2: changed
    runs, a deleted sentence, a retyped figure, a new paragraph in bold and italic, a bulleted
    list, a sub-heading and a numbered list made with Word's list buttons."""
    content = text_control(document, INDICATOR)
    first, second, _ = paragraphs(content)
    replace_text(first, "gibt an", "zeigt")
    replace_text(first, "Er verbindet zwei Quellen: ", "")
    sentence = (
        "Die Zahl der Ausländerinnen und Ausländer stammt aus dem Ausländerzentralregister, die "
        "Einwohnerzahl aus der Bevölkerungsfortschreibung. "
    )
    replace_text(first, sentence, "")
    retype_figure(second, 'wert("1-2-2", "Niedersachsen")', "14,0 %")
    pieces = [
        run("Neu:", bold=True),
        run(" "),
        run("kursiv", italic=True),
        run(" und *Sternchen* bleiben Text."),
    ]
    added = new_paragraph(second, pieces)
    items = list_paragraphs(document, added, ["erster Punkt", "zweiter Punkt"], bullets=True)
    title = heading(document, items, "Neue Zwischenüberschrift", "Zwischenüberschrift 5")
    list_paragraphs(document, title, ["eins", "zwei"], bullets=False, styled=False)
