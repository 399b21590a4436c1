"""``reportgen uebernehmen``: what an edited DOCX changes in the project's text blocks.

For each editable text of the DOCX: unchanged since the build (left alone, not even read), or
revised (its new Markdown file, ready to be written), or refused: tracked changes or comments
still open in it, or its Markdown file changed since the build as well (a conflict). Nothing is
written here; the command writes the files when nothing was refused.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.check.texts import numbers_in_text
from reportgen.compose.editable import project_fingerprint, source_fingerprint, text_file
from reportgen.errors import Problem, ReportError
from reportgen.load.config import ReportConfig, load_config
from reportgen.load.textblocks import TextKind, load_text_block
from reportgen.load.textfile import FileKind, read_text
from reportgen.render.docx.manifest import Manifest, TextRecord
from reportgen.render.docx.readback import Content
from reportgen.roundtrip.markdown import Converter, TypedFigure, assembled
from reportgen.roundtrip.merge import merged_body, updated_file
from reportgen.roundtrip.outside import OutsideEdit, outside_edits
from reportgen.roundtrip.wordfile import Pending, WordFile, latest_revision, open_word_file
from reportgen.roundtrip.wordfile import pending_in as pending_of

_LINK = re.compile(r"\]\((#[^)\s]+)\)")
KINDS = {kind.value for kind in TextKind}


@dataclass(frozen=True)
class TextChange:
    """A revised text and its new file."""

    shown: str
    path: Path
    old: str | None
    """The file as it was (None: it did not exist, the text was a generated draft)."""
    new: str
    data: bytes
    typed: tuple[TypedFigure, ...] = ()
    hand_typed: tuple[str, ...] = ()
    """Numbers now typed in the text that it did not have before (``check`` compares them)."""
    left_out: tuple[tuple[int, str], ...] = ()
    lost_notes: int = 0
    accepted: tuple[Pending, ...] = ()
    """Tracked changes and comments taken as accepted (``--angenommen``)."""


@dataclass(frozen=True)
class Conflict:
    shown: str
    path: Path
    reason: str
    word: str
    """The text as Markdown from Word, for comparing by hand."""


@dataclass
class Takeover:
    word: Path
    title: str
    changes: list[TextChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[tuple[str, list[Pending]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    outside: list[OutsideEdit] = field(default_factory=list)
    by_bookmarks: bool = False

    @property
    def refusing(self) -> bool:
        return bool(self.conflicts or self.refused)


def take_over(word_path: Path, project_dir: Path, accept: bool, status: str) -> Takeover:
    """What the DOCX changes; ``accept`` takes pending changes as accepted, ``status`` is set
    in the head of each revised text (empty: left as it is)."""
    word = open_word_file(word_path)
    config = load_config(project_dir)
    manifest = word.manifest
    if project_fingerprint(config) != manifest.project:
        raise ReportError(
            f"Das Word-Dokument gehört zu einem anderen Projekt: „{manifest.title}“, nicht "
            f"„{config.title}“ ({config.project_dir}).",
            None,
            "Geben Sie den Projektordner an, aus dem das DOCX erzeugt wurde.",
        )
    result = Takeover(word_path, manifest.title, by_bookmarks=word.by_bookmarks)
    saved = word.saved_by()
    for record in manifest.texts:
        elements = word.texts.get(record.number)
        if elements is None or record.kind not in KINDS:
            result.missing.append(record.path)
            continue
        pending = pending_of(elements, word.comments)
        if pending and not accept:
            result.refused.append((record.path, pending))
            continue
        contents = word.reader.block(elements)
        if tuple(content.fingerprint for content in contents) == record.paragraphs:
            result.unchanged.append(record.path)
            continue
        author, day = latest_revision(elements)
        author, day = author or saved[0], day or saved[1]
        head = {"status": status} if status else {}
        head |= {"autor": author} if author else {}
        head |= {"datum": day.isoformat()} if day else {}
        _revised(result, word, config, record, contents, head, pending)
    result.outside = outside_edits(word)
    return result


def _revised(
    result: Takeover,
    word: WordFile,
    config: ReportConfig,
    record: TextRecord,
    contents: list[Content],
    head: dict[str, str],
    pending: list[Pending],
) -> None:
    """A text revised in Word: its new file, or a conflict where its file changed as well."""
    manifest = word.manifest
    path = text_file(config, TextKind(record.kind), record.key)
    raw, body, problem = _current(path, TextKind(record.kind), record.key)
    converter = _converter(manifest, record, body or "")
    figures = [f for f in manifest.figures if f.text == record.number]
    now = source_fingerprint(body) if body is not None else ""
    if problem or now != record.source:
        drafted = assembled(
            [(c.kind, c.level, converter.paragraph(c, figures).markdown) for c in contents]
        )
        if problem:
            reason = f"ist fehlerhaft: {problem}"
        elif not record.source:
            reason = "wurde seit dem Erstellen des DOCX angelegt"
        elif body is None:
            reason = "wurde seit dem Erstellen des DOCX gelöscht"
        else:
            reason = "wurde seit dem Erstellen des DOCX geändert"
        result.conflicts.append(Conflict(record.path, path, reason, drafted))
        return
    merged = merged_body(body or "", record, contents, converter, figures)
    if body is not None and merged.body == body:  # read differently, written alike
        result.unchanged.append(record.path)
        return
    new = updated_file(raw, merged.body, head)
    result.changes.append(
        TextChange(
            record.path,
            path,
            raw,
            new,
            _encoded(new, path if raw is not None else None),
            tuple(merged.typed),
            _new_numbers(body or "", merged.body, merged.typed),
            tuple(merged.left_out),
            merged.lost_notes,
            tuple(pending),
        )
    )


def _current(path: Path, kind: TextKind, key: str) -> tuple[str | None, str | None, str]:
    """The file's text and body now (None, None where it does not exist) and a problem that
    keeps it from being read, if any."""
    if not path.exists():
        return None, None, ""
    problems: list[Problem] = []
    block = load_text_block(path, kind, key, problems)
    errors = [str(p) for p in problems if p.is_error]
    if block is None or errors:
        return None, None, "; ".join(errors) or "die Datei lässt sich nicht lesen"
    return read_text(path, FileKind.TEXT_BLOCK), block.body, ""


def _converter(manifest: Manifest, record: TextRecord, body: str) -> Converter:
    """A converter for one text, which writes links to places in the report as its Markdown
    did (``#1.3.1`` stays ``#1.3.1``)."""
    written: dict[str, str] = {}
    for fragment in _LINK.findall(body):
        name = fragment[1:]
        key = name.replace(".", "-")
        for anchor in (name, f"ind-{key}", f"thema-{key}", f"hf-{key}"):
            written.setdefault(anchor, fragment)
    figures = {f.number: f for f in manifest.figures if f.text == record.number}
    return Converter(figures, manifest.anchors, written)


def _new_numbers(old: str, new: str, typed: list[TypedFigure]) -> tuple[str, ...]:
    """Figures typed by hand in ``new`` that ``old`` did not have, besides those typed over a
    placeholder's figure (years, dates, numbering and small whole numbers are no figures, as
    for ``reportgen check``)."""
    added = _numbers(new) - _numbers(old) - _numbers(" ".join(t.typed for t in typed))
    return tuple(sorted(added.elements()))


def _numbers(body: str) -> Counter[str]:
    return Counter(figure.literal for figure in numbers_in_text(body))


def _encoded(text: str, old: Path | None) -> bytes:
    """The file's bytes with the line endings and byte order mark it had."""
    before = old.read_bytes() if old is not None else b""
    if b"\r\n" in before:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if before.startswith(codecs.BOM_UTF8) else data
