"""Editorial Markdown text blocks (YAML front matter + body) → TextBlock values.

Layout of a project's text folder::

    texte/vorwort.md                  foreword
    texte/handlungsfelder/<G>.md      introduction of Handlungsfeld G
    texte/indikatoren/<G-T-I>.md      Lese- und Interpretationshilfe of an indicator
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportgen.errors import Location, Problem, working_on
from reportgen.load.frontmatter import read_front_matter
from reportgen.load.textfile import FileKind

TextKind = Literal["vorwort", "handlungsfeld", "indikator", "steckbrief"]
STATUSES = ("entwurf", "freigegeben")
_KNOWN_KEYS = {"titel", "status", "autor", "datum"}
FOLDERS: dict[str, TextKind] = {
    "handlungsfelder": "handlungsfeld",
    "indikatoren": "indikator",
    "steckbriefe": "steckbrief",
}


@dataclass(frozen=True)
class TextBlock:
    kind: TextKind
    key: str
    """Handlungsfeld number or indicator id; empty for the foreword."""
    title: str | None
    status: str
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

    def all(self) -> tuple[TextBlock, ...]:
        blocks = [self.foreword] if self.foreword else []
        return (*blocks, *self.goals.values(), *self.indicators.values(), *self.factsheets.values())


def load_texts(folder: Path) -> tuple[TextLibrary, list[Problem]]:
    """Read every text block below ``folder``; problems are collected, not raised."""
    problems: list[Problem] = []
    foreword = None
    by_kind: dict[TextKind, dict[str, TextBlock]] = {kind: {} for kind in FOLDERS.values()}
    if not folder.is_dir():
        problems.append(
            Problem(
                "Der Textordner fehlt; der Bericht erscheint ohne redaktionelle Texte.",
                Location(folder),
                severity="Warnung",
            )
        )
    else:
        if (folder / "vorwort.md").is_file():
            foreword = load_text_block(folder / "vorwort.md", "vorwort", "", problems)
        for sub, kind in FOLDERS.items():
            for path in sorted((folder / sub).glob("*.md")):
                block = load_text_block(path, kind, path.stem, problems)
                if block is not None:
                    by_kind[kind][block.key] = block
    library = TextLibrary(
        foreword, by_kind["handlungsfeld"], by_kind["indikator"], by_kind["steckbrief"]
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
    meta, front, body, body_line = loaded.meta or {}, loaded.head, loaded.body, loaded.body_line
    for unknown in sorted(set(meta) - _KNOWN_KEYS):
        problems.append(
            Problem(
                f"Unbekanntes Feld „{unknown}“ im Kopf wird ignoriert.",
                Location(path, _line_of(front or "", unknown)),
                f"Erlaubt: {', '.join(sorted(_KNOWN_KEYS))}.",
                "Warnung",
            )
        )
    status = str(meta.get("status", "entwurf")).strip().lower()
    if status not in STATUSES:
        problems.append(
            Problem(
                f"Unbekannter Status „{status}“.",
                Location(path, _line_of(front or "", "status")),
                "Erlaubt: entwurf, freigegeben.",
            )
        )
        return None
    date = meta.get("datum")
    if date is not None and not isinstance(date, dt.date):
        problems.append(
            Problem(
                f"Das Datum „{date}“ ist ungültig.",
                Location(path, _line_of(front or "", "datum")),
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


def _line_of(front: str, key: str) -> int:
    """Line number (in the file) of a front matter key; the front matter starts on line 2."""
    for number, line in enumerate(front.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 2
