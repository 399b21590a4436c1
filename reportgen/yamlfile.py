"""YAML reading that keeps line numbers, so errors can point into the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import Location

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the fast C loader where available.

    Raises yaml.YAMLError subclasses; callers turn them into domain errors with
    :func:`yaml_error_location`.
    """
    return yaml.load(text, Loader=_LOADER)


def yaml_nodes(text: str) -> yaml.Node | None:
    """The node tree of YAML text, for finding the line of a key after validation failed."""
    return yaml.compose(text, Loader=_LOADER)


def yaml_error_location(exc: yaml.YAMLError, path: Path, first_line: int = 1) -> Location:
    """The file position a YAML syntax error points at."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return Location(path)
    return Location(path, mark.line + first_line, mark.column + 1)


def key_location(
    node: yaml.Node | None, keys: tuple[str | int, ...], path: Path, first_line: int = 1
) -> Location:
    """The position of the deepest node reachable along ``keys`` (a pydantic ``loc``)."""
    current = node
    best = current
    for key in keys:
        if isinstance(current, yaml.MappingNode):
            found = None
            for key_node, value_node in current.value:
                if key_node.value == key:
                    found = value_node
                    best = key_node
                    break
            if found is None:
                break
            current = found
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(current.value):
                break
            current = current.value[key]
            best = current
        else:
            break
    if best is None:
        return Location(path)
    return Location(path, best.start_mark.line + first_line, best.start_mark.column + 1)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, with or without BOM, with any line endings."""
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
