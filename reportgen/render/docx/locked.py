"""What is generated in the DOCX, locked against editing in Word: tables, charts, key statements,
captions, source lines, notes — everything outside the texts editors may revise
(``docx.editable``), so that nobody believes an edit there would be kept.

Consecutive generated paragraphs and tables go into one block-level content control whose title
says so and whose lock (``sdtContentLocked``) keeps both the control and its content; Word
refuses typing there and shows the title. Three kinds of paragraph stay outside block controls:

- headings: Word's navigation and contents read them, and an editor's comment on a table has
  its place there (an edited heading is listed "nicht übernommen" like any generated edit);
- paragraphs with fields, or inside a field running over several paragraphs (the contents):
  a field stays outside the locks, so that Word may update it (a page number of a
  cross-reference, a caption's number: editing locked content is what Word refuses, and
  updating a field is editing). Their words outside the fields get inline controls;
- paragraphs that end a section (their ``w:sectPr`` must stay a child of the body).

A document part control (``w:docPartObj``), as for the editable texts: LibreOffice keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docx.oxml.ns import qn

from reportgen.render.docx.readback import BLOCK_TAG, Kind
from reportgen.render.docx.xml import content_control

GENERATED_TAG = "reportgen:erzeugt"
LOCK = "sdtContentLocked"

IsHeading = Callable[[Any], bool]


def lock_generated(body: Any, title: str, ids: Iterator[int], is_heading: IsHeading) -> None:
    """Every generated paragraph and table of ``body`` into locked content controls."""
    group: list[Any] = []
    depth = 0
    for element in list(body):
        start, depth = depth, depth + _field_balance(element)
        if _blockable(element, start > 0, is_heading):
            group.append(element)
            continue
        _wrap_block(group, title, ids)
        group = []
        if element.tag == qn("w:p") and not is_heading(element):
            _wrap_inline(element, start, title, ids)
    _wrap_block(group, title, ids)


def is_generated(sdt: Any) -> bool:
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    return tag is not None and tag.get(qn("w:val")) == GENERATED_TAG


def heading_test(kind: Callable[[Any], tuple[str, int]]) -> IsHeading:
    """Whether a paragraph is a heading, by a reader's kind of it (styles and outline levels)."""
    return lambda p: kind(p)[0] == Kind.HEADING


def _blockable(element: Any, inside_field: bool, is_heading: IsHeading) -> bool:
    if element.tag == qn("w:tbl"):
        return not inside_field and not _has_field(element)
    if element.tag != qn("w:p") or inside_field or _has_field(element):
        return False
    if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        return False
    return not is_heading(element)


def _has_field(element: Any) -> bool:
    return any(True for _ in element.iter(qn("w:fldChar"), qn("w:fldSimple")))


def _field_balance(element: Any) -> int:
    """How many complex fields the element opens and leaves open (negative: closes)."""
    if element.tag == qn("w:sdt") and _is_text(element):
        return 0
    balance = 0
    for char in element.iter(qn("w:fldChar")):
        kind = char.get(qn("w:fldCharType"))
        balance += 1 if kind == "begin" else -1 if kind == "end" else 0
    return balance


def _is_text(sdt: Any) -> bool:
    tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
    return tag is not None and str(tag.get(qn("w:val"), "")).startswith(BLOCK_TAG)


def _wrap_block(elements: list[Any], title: str, ids: Iterator[int]) -> None:
    if not elements:
        return
    sdt = content_control(title, GENERATED_TAG, next(ids), LOCK, part=True)
    elements[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for element in elements:
        content.append(element)


def _wrap_inline(p: Any, depth: int, title: str, ids: Iterator[int]) -> None:
    """The paragraph's words outside fields into inline controls, one per stretch; ``depth``:
    the fields open where it begins (a field may run over several paragraphs)."""
    stretch: list[Any] = []
    for child in list(p):
        chars = [c.get(qn("w:fldCharType")) for c in child.iter(qn("w:fldChar"))]
        field_part = (
            depth > 0 or bool(chars) or child.tag in (qn("w:fldSimple"), qn("w:pPr"), qn("w:sdt"))
        )
        depth += chars.count("begin") - chars.count("end")
        if field_part:
            _wrap_runs(stretch, title, ids)
            stretch = []
        else:
            stretch.append(child)
    _wrap_runs(stretch, title, ids)


def _wrap_runs(children: list[Any], title: str, ids: Iterator[int]) -> None:
    if not any(True for child in children for _ in child.iter(qn("w:t"))):
        return  # no words: bookmarks, a page break alone
    sdt = content_control(title, GENERATED_TAG, next(ids), LOCK)
    children[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for child in children:
        content.append(child)
