"""Markdown files with a YAML head between ``---`` lines (Open SDG metadata, text blocks)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputFileError, Problem, ReportError
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlfile import KeyPositions, yaml_mapping


@dataclass(frozen=True)
class FrontMatterFile:
    meta: dict[str, Any] | None
    """The YAML head; None when the file has none."""
    body: str
    body_line: int
    positions: KeyPositions | None = None
    """Where the head's keys stand in the file."""


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` YAML front matter from a Markdown body; returns (yaml, body, body_line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


def read_front_matter(
    path: Path, owner: str, problems: list[Problem], kind: FileKind
) -> FrontMatterFile | None:
    """Read a file; an unreadable file or a broken head is reported and gives None.

    ``owner`` names the head in messages ("der Metadaten", "des Textbausteins"); ``kind``
    (``FileKind.METADATA`` or ``FileKind.TEXT_BLOCK``) sets the size limit.
    """
    try:
        text = read_text(path, kind)
    except InputFileError as exc:
        problems.append(exc.problem)
        return None
    head, body, body_line = split_front_matter(text)
    if head is None:
        return FrontMatterFile(None, body, body_line)
    try:
        # the head starts on the file's second line, after the opening ---
        meta, positions = yaml_mapping(
            head,
            path,
            f"Der YAML-Kopf {owner} ist fehlerhaft",
            "Der YAML-Kopf muss aus Zeilen „schlüssel: wert“ bestehen.",
            first_line=2,
        )
    except ReportError as exc:
        problems.append(exc.problem)
        return None
    return FrontMatterFile(meta, body, body_line, positions)
