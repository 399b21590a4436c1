"""Fields and the state of reading one paragraph back (``readback``): which fields are open,
whether their results count as text, and a cross-reference's page number, which is the
document's own and never the editors' text.

A field (``w:fldChar`` begin, instruction, separate, result, end) may run over several runs and,
like the contents, over several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.render.docx.readback import Span

_PAGE_REFERENCE = re.compile(r"\u00a0\([^()\n]{0,20}\u00a0$")
"""What stands before the PAGEREF field of a cross-reference: " (S. " with no-break spaces."""


@dataclass
class Field:
    instruction: str = ""
    in_result: bool = False


@dataclass
class Walk:
    spans: list[Span] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    """The fields open here; for generated parts one list runs over all paragraphs."""
    close_reference: bool = False
    """After a cross-reference's page number: drop the ")" that closes it."""
    results: bool = True
    """Whether field results count as text (not for the fingerprints of generated parts)."""


def field_char(kind: str | None, walk: Walk) -> None:
    if kind == "begin":
        walk.fields.append(Field())
    elif kind == "separate" and walk.fields:
        walk.fields[-1].in_result = True
        if walk.fields[-1].instruction.split()[:1] == ["PAGEREF"] and walk.spans:
            last = walk.spans[-1]  # a cross-reference's " (S. 12)" is the document's own
            walk.spans[-1] = replace(last, text=_PAGE_REFERENCE.sub("", last.text))
            walk.close_reference = True
    elif kind == "end" and walk.fields:
        walk.fields.pop()


def shown(walk: Walk) -> bool:
    """Text outside fields, or in the result of a field that is no page reference; without
    ``results`` only a link's (LibreOffice writes some links as HYPERLINK fields)."""
    if not walk.results:
        return all(item.in_result and _link(item) for item in walk.fields)
    return all(
        item.in_result and item.instruction.split()[:1] != ["PAGEREF"] for item in walk.fields
    )


def _link(item: Field) -> bool:
    return item.instruction.split()[:1] == ["HYPERLINK"]


def field_link(walk: Walk) -> str:
    for item in reversed(walk.fields):
        words = item.instruction.split()
        if words[:1] == ["HYPERLINK"]:
            targets = re.findall(r'"([^"]*)"', item.instruction)
            target = targets[0] if targets else (words[-1] if len(words) > 1 else "")
            return f"#{target}" if "\\l" in words else target
    return ""
