"""Markdown files with a YAML head between ``---`` lines (Open SDG metadata, text blocks)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import Location, Problem
from reportgen.yamlfile import parse_yaml, read_text, yaml_error_location


@dataclass(frozen=True)
class FrontMatterFile:
    meta: dict[str, Any] | None
    """The YAML head; None when the file has none."""
    head: str
    body: str
    body_line: int


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` YAML front matter from a Markdown body; returns (yaml, body, body_line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


def read_front_matter(path: Path, owner: str, problems: list[Problem]) -> FrontMatterFile | None:
    """Read a file; a broken head is reported (``owner``: "der Metadaten", …) and gives None."""
    head, body, body_line = split_front_matter(read_text(path))
    if head is None:
        return FrontMatterFile(None, "", body, body_line)
    try:
        meta = parse_yaml(head)
    except yaml.YAMLError as exc:
        problems.append(
            Problem(
                f"Der YAML-Kopf {owner} ist fehlerhaft.",
                yaml_error_location(exc, path, first_line=2),
                "Prüfen Sie Doppelpunkte und Einrückung zwischen den ---.",
            )
        )
        return None
    if meta is not None and not isinstance(meta, dict):
        problems.append(
            Problem(
                "Der YAML-Kopf muss aus Zeilen „schlüssel: wert“ bestehen.", Location(path, 2, 1)
            )
        )
        return None
    return FrontMatterFile(meta or {}, head, body, body_line)
