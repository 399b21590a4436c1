"""A revised text's new Markdown file: paragraphs the editors left alone keep their Markdown as
written (placeholders, line wraps, notes ``<!-- … -->``), changed and new ones are converted from
Word (``markdown``); the YAML head stays as it is, with ``status``, ``autor`` and ``datum`` set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from reportgen.compose.richtext import Chunk, markdown_chunks
from reportgen.render.docx.manifest import FigureRecord, TextRecord
from reportgen.render.docx.readback import Content, Extra, Kind, words_fingerprint
from reportgen.roundtrip.markdown import (
    RAW,
    UNSAYABLE,
    Converter,
    TypedFigure,
    assembled,
    repaired_words,
)

_HEADING = re.compile(r"^(#{1,6})\s", re.M)
_EXTRAS = {
    Extra.FOOTNOTE: "Fußnote (Textbausteine haben keine Fußnoten)",
    Extra.PICTURE: "Bild",
    Extra.FORMULA: "Formel",
    Extra.TABLE: "Tabelle (Textbausteine haben keine Tabellen)",
    UNSAYABLE: "fett oder kursiv an einer Stelle, die Markdown nicht fassen kann",
}
_PLAIN_VALUE = re.compile(r"[\w][\w .,()/äöüÄÖÜß-]*")


@dataclass
class Merged:
    body: str
    typed: list[TypedFigure] = field(default_factory=list)
    left_out: list[tuple[int, str]] = field(default_factory=list)
    """What Markdown cannot hold, by paragraph (counted from 1)."""
    lost_notes: int = 0
    """Editors' notes inside a paragraph that changed: they are gone with its old wording."""


def merged_body(
    old_body: str,
    record: TextRecord,
    contents: Sequence[Content],
    converter: Converter,
    figures: Sequence[FigureRecord],
) -> Merged:
    """The new body of a text: ``contents`` as read from Word, with the Markdown of the
    paragraphs that did not change since the build (``record``) taken from ``old_body``."""
    chunks, notes = markdown_chunks(old_body)
    lines = old_body.split("\n")
    old, new = list(record.paragraphs), [_fingerprint(c, record) for c in contents]
    firsts = _first_paragraphs(chunks)
    reusable = sum(chunk.paragraphs for chunk in chunks) == len(old)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    equal: dict[int, int] = {}
    position: dict[int, tuple[int, range]] = {}  # new → old position, old range it replaces
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                equal[i1 + j - j1] = j
            # a changed paragraph in place of one: its figures; else those of all it replaces
            one = tag == "replace" and i2 - i1 == j2 - j1
            replaced = range(i1 + j - j1, i1 + j - j1 + 1) if one else range(i1, i2)
            position[j] = (i1 + j - j1 if tag == "equal" else i1, replaced)
    reused: dict[int, Chunk] = {}
    covered: set[int] = set()
    for chunk, first in zip(chunks, firsts, strict=True):
        olds = range(first, first + chunk.paragraphs)
        news = [equal.get(i, -1) for i in olds]
        if reusable and olds and news[0] >= 0 and news == list(range(news[0], news[0] + len(olds))):
            reused[news[0]] = chunk  # every paragraph unchanged, in order: kept as written
            covered.update(news)
    standalone = [
        (sum(c.paragraphs for c in chunks if c.end <= line), text)
        for line, text in notes
        if not any(c.start <= line < c.end for c in chunks)
    ]
    merged = Merged("")
    items: list[tuple[str, int, str]] = []
    placed: set[int] = set()
    for j, content in enumerate(contents):
        at, replaced = position[j]
        items += [(RAW, 0, text) for where, text in standalone if where <= at]
        standalone = [(where, text) for where, text in standalone if where > at]
        if j in reused:
            chunk = reused[j]
            items.append((RAW, 0, "\n".join(lines[chunk.start : chunk.end]).strip("\n")))
            continue
        if j in covered:
            continue
        expected = [f for f in figures if f.paragraph in replaced and f.number not in placed]
        converted = converter.paragraph(content, expected)
        placed |= converted.placed
        same = _as_written(content, converted.markdown, replaced, chunks, firsts, lines)
        if reusable and same is not None:  # read differently (LibreOffice), says the same
            reused[j] = same
            items.append((RAW, 0, "\n".join(lines[same.start : same.end]).strip("\n")))
            continue
        merged.typed += converted.typed
        merged.left_out += [(j + 1, _EXTRAS.get(what, what)) for what in converted.left_out]
        items.append((content.kind, content.level, converted.markdown))
    items += [(RAW, 0, text) for _, text in standalone]
    merged.lost_notes = sum(
        1
        for line, _ in notes
        for chunk in chunks
        if chunk.start <= line < chunk.end and chunk not in reused.values()
    )
    kept = {
        i
        for chunk, first in zip(chunks, firsts, strict=True)
        if chunk in reused.values()
        for i in range(first, first + chunk.paragraphs)
    }
    typed = {figure.number for figure in merged.typed}
    merged.typed += [
        TypedFigure(f.placeholder, f.value, "", f.number)
        for f in figures
        if f.paragraph not in kept and f.number not in placed | typed
    ]
    heading = _HEADING.search(old_body)
    text = assembled(items, heading.group(1) if heading else "##")
    prefix = old_body[: len(old_body) - len(old_body.lstrip("\n"))] if old_body else "\n"
    merged.body = f"{prefix}{text}\n" if text else prefix
    return merged


def _fingerprint(content: Content, record: TextRecord) -> str:
    """A paragraph's fingerprint; one whose link LibreOffice damaged (its field code written
    as text) counts as unchanged where its words are as built: it keeps its Markdown."""
    words = repaired_words(content)
    if words is not None and words_fingerprint(words) in record.words:
        return record.paragraphs[record.words.index(words_fingerprint(words))]
    return content.fingerprint


def _as_written(
    content: Content,
    markdown: str,
    replaced: range,
    chunks: Sequence[Chunk],
    firsts: Sequence[int],
    lines: Sequence[str],
) -> Chunk | None:
    """The old Markdown of the one paragraph this one replaces, where the two say the same
    (line breaks in a paragraph are spaces in Markdown): then it stays as it was written."""
    if content.kind != Kind.TEXT or len(replaced) != 1:
        return None
    for chunk, first in zip(chunks, firsts, strict=True):
        if chunk.paragraphs == 1 and first == replaced.start:
            written = "\n".join(lines[chunk.start : chunk.end])
            return chunk if written.split() == markdown.split() else None
    return None


def _first_paragraphs(chunks: Sequence[Chunk]) -> list[int]:
    firsts, count = [], 0
    for chunk in chunks:
        firsts.append(count)
        count += chunk.paragraphs
    return firsts


def updated_file(old: str | None, body: str, head: dict[str, str]) -> str:
    """The text block's file with ``body`` after its YAML head, the fields of ``head`` set in
    it (every other line of the head kept as it was); a file without head gets one."""
    if old is None or not old.startswith("---"):
        fields = "".join(f"{key}: {_yaml(value)}\n" for key, value in head.items())
        return f"---\n{fields}---\n{body if body.startswith(chr(10)) else chr(10) + body}"
    lines = old.split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    head_lines = lines[1:close]
    for key, value in head.items():
        line = f"{key}: {_yaml(value)}"
        found = next((i for i, text in enumerate(head_lines) if re.match(rf"{key}\s*:", text)), -1)
        if found < 0:
            head_lines.append(line)
            continue
        end = found + 1
        while end < len(head_lines) and head_lines[end][:1] in (" ", "\t"):
            end += 1  # a value over several lines
        head_lines[found:end] = [line]
    return "\n".join(["---", *head_lines, "---"]) + "\n" + body


def _yaml(value: str) -> str:
    """A value as YAML reads it back unchanged: plain where that is safe, else quoted."""
    reserved = value.lower() in ("true", "false", "yes", "no", "on", "off", "null")
    if _PLAIN_VALUE.fullmatch(value) and value == value.strip() and not reserved:
        return value
    return json.dumps(value, ensure_ascii=False)
