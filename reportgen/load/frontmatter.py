"""Markdown files with a YAML head between ``---`` lines (Open SDG metadata, text blocks)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import InputFileError, Location, Problem
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlfile import KeyPositions, YamlProblem, parse_yaml_document, yaml_problem


@dataclass(frozen=True)
class FrontMatterFile:
    meta: dict[str, Any] | None
    """The YAML head; None when the file has none."""
    head: str
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
        return FrontMatterFile(None, "", body, body_line)
    try:
        meta, root = parse_yaml_document(head)
    except YamlProblem as exc:
        # the head starts on the file's second line, after the opening ---
        problems.append(yaml_problem(exc, path, 2, f"Der YAML-Kopf {owner} ist fehlerhaft"))
        return None
    if meta is not None and not isinstance(meta, dict):
        problems.append(
            Problem(
                "Der YAML-Kopf muss aus Zeilen „schlüssel: wert“ bestehen.", Location(path, 2, 1)
            )
        )
        return None
    # the head starts on the file's second line
    return FrontMatterFile(meta or {}, head, body, body_line, KeyPositions.of(root, path, 2))
