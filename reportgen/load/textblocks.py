"""Editorial Markdown text blocks (YAML front matter + body) → TextBlock values.

Layout of a project's text folder::

    texte/vorwort.md                  foreword
    texte/zusammenfassung.md          "Das Wichtigste in Kürze" (else a generated draft)
    texte/kapitel/<name>.md           a free chapter (Einleitung, Schwerpunkt …), placed by
                                      ``gliederung`` in reportgen.yml; its title from ``titel``
    texte/handlungsfelder/<G>.md      introduction of Handlungsfeld G
    texte/indikatoren/<G-T-I>.md      Lese- und Interpretationshilfe of an indicator
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reportgen.errors import Location, Problem, Severity, working_on
from reportgen.load.frontmatter import read_front_matter
from reportgen.load.textfile import FileKind


class TextKind(StrEnum):
    """What a text block introduces or explains (the value is the German word)."""

    FOREWORD = "vorwort"
    SUMMARY = "zusammenfassung"
    CHAPTER = "kapitel"
    GOAL = "handlungsfeld"
    INDICATOR = "indikator"
    FACTSHEET = "steckbrief"


class BlockStatus(StrEnum):
    """``status`` in a text block's head: a draft is marked as such in every output."""

    DRAFT = "entwurf"
    RELEASED = "freigegeben"


STATUSES = tuple(BlockStatus)
_KNOWN_KEYS = {"titel", "status", "autor", "datum"}
FOLDERS: dict[str, TextKind] = {
    "kapitel": TextKind.CHAPTER,
    "handlungsfelder": TextKind.GOAL,
    "indikatoren": TextKind.INDICATOR,
    "steckbriefe": TextKind.FACTSHEET,
}


@dataclass(frozen=True)
class TextBlock:
    kind: TextKind
    key: str
    """Handlungsfeld number, indicator id or area code; empty for the foreword."""
    title: str | None
    status: BlockStatus
    author: str
    date: dt.date | None
    body: str
    """Markdown with placeholders; ``placeholders.text_blocks`` fills and parses it."""
    body_line: int
    path: Path


@dataclass(frozen=True)
class TextLibrary:
    foreword: TextBlock | None
    goals: dict[str, TextBlock]
    indicators: dict[str, TextBlock]
    factsheets: dict[str, TextBlock]
    """District texts by area code as in the file name (``K03355``)."""
    summary: TextBlock | None = None
    chapters: dict[str, TextBlock] = field(default_factory=dict)
    """Free chapters by file name without ``.md`` (``einleitung``)."""

    def all(self) -> tuple[TextBlock, ...]:
        blocks = [b for b in (self.foreword, self.summary) if b]
        return (
            *blocks,
            *self.chapters.values(),
            *self.goals.values(),
            *self.indicators.values(),
            *self.factsheets.values(),
        )


def load_texts(folder: Path) -> tuple[TextLibrary, list[Problem]]:
    """Read every text block below ``folder``; problems are collected, not raised."""
    problems: list[Problem] = []
    foreword = summary = None
    by_kind: dict[TextKind, dict[str, TextBlock]] = {kind: {} for kind in FOLDERS.values()}
    if not folder.is_dir():
        problems.append(
            Problem(
                "Der Textordner fehlt; der Bericht erscheint ohne redaktionelle Texte.",
                Location(folder),
                severity=Severity.WARNING,
            )
        )
    else:
        if (folder / "vorwort.md").is_file():
            foreword = load_text_block(folder / "vorwort.md", TextKind.FOREWORD, "", problems)
        if (folder / "zusammenfassung.md").is_file():
            path = folder / "zusammenfassung.md"
            summary = load_text_block(path, TextKind.SUMMARY, "", problems)
        for sub, kind in FOLDERS.items():
            for path in sorted((folder / sub).glob("*.md")):
                block = load_text_block(path, kind, path.stem, problems)
                if block is not None:
                    by_kind[kind][block.key] = block
    library = TextLibrary(
        foreword,
        by_kind[TextKind.GOAL],
        by_kind[TextKind.INDICATOR],
        by_kind[TextKind.FACTSHEET],
        summary,
        by_kind[TextKind.CHAPTER],
    )
    return library, problems


def load_text_block(
    path: Path, kind: TextKind, key: str, problems: list[Problem]
) -> TextBlock | None:
    with working_on(path):
        return _text_block(path, kind, key, problems)


def _text_block(path: Path, kind: TextKind, key: str, problems: list[Problem]) -> TextBlock | None:
    loaded = read_front_matter(path, "des Textbausteins", problems, FileKind.TEXT_BLOCK)
    if loaded is None:
        return None
    meta, body, body_line = loaded.meta or {}, loaded.body, loaded.body_line
    positions = loaded.positions

    def where(key: object) -> Location:
        return positions.location((str(key),)) if positions else Location(path)

    for unknown in sorted(set(meta) - _KNOWN_KEYS):
        problems.append(
            Problem(
                f"Unbekanntes Feld „{unknown}“ im Kopf wird ignoriert.",
                where(unknown),
                f"Erlaubt: {', '.join(sorted(_KNOWN_KEYS))}.",
                Severity.WARNING,
            )
        )
    written = str(meta.get("status", BlockStatus.DRAFT)).strip().lower()
    if written not in STATUSES:
        problems.append(
            Problem(
                f"Unbekannter Status „{written}“.",
                where("status"),
                f"Erlaubt: {', '.join(STATUSES)}.",
            )
        )
        return None
    status = BlockStatus(written)
    date = meta.get("datum")
    if date is not None and not isinstance(date, dt.date):
        problems.append(
            Problem(
                f"Das Datum „{date}“ ist ungültig.",
                where("datum"),
                "Schreiben Sie es als JJJJ-MM-TT, z. B. 2025-12-01.",
            )
        )
        date = None
    title = meta.get("titel")
    return TextBlock(
        kind=kind,
        key=key,
        title=str(title) if title else None,
        status=status,
        author=str(meta.get("autor") or ""),
        date=date if isinstance(date, dt.date) else None,
        body=body,
        body_line=body_line,
        path=path,
    )
