"""YAML that cannot explode, read with line numbers so messages point into the file.

:func:`parse_yaml` is PyYAML's safe loading plus what PyYAML lets through refused: aliases that
multiply the data ("billion laughs"), recursive aliases, duplicate keys, absurd nesting. Every
failure is a :class:`YamlProblem` with a German message (see ``reportgen.load.yamlmessages``), which
:func:`yaml_problem` turns into a ``Problem`` of the file. The bounds themselves are kept by
``reportgen.load.yamlcomposer``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node

from reportgen.errors import ConfigError, Location, Problem
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlcomposer import Composer, Constructor
from reportgen.load.yamlmessages import new_parser, translate_error
from reportgen.load.yamlproblem import YamlProblem, problem_at

__all__ = [
    "KeyPositions",
    "YamlProblem",
    "merged",
    "parse_yaml",
    "parse_yaml_document",
    "read_yaml_mapping",
    "yaml_error_location",
    "yaml_mapping",
    "yaml_nodes",
    "yaml_problem",
]


_NON_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)  # the characters YAML allows, as PyYAML's reader checks them


def parse_yaml(text: str) -> Any:
    """The data of a YAML document, read with PyYAML's safe constructor (libyaml where present).

    Refuses what PyYAML lets through: aliases that multiply the data, recursive aliases,
    duplicate keys. Raises YamlProblem, never another exception, for any text.
    """
    return parse_yaml_document(text)[0]


def parse_yaml_document(text: str) -> tuple[Any, Node | None]:
    """The data of a YAML document and its node tree, from one parse (see :func:`parse_yaml`)."""
    node = yaml_nodes(text)
    if node is None:
        return None, None
    try:
        with _without_cycle_collection():
            return Constructor(text).construct_document(node), node
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        raise translate_error(exc, text) from exc


def yaml_nodes(text: str) -> Node | None:
    """The node tree of YAML text (to find the line of a key), with :func:`parse_yaml`'s checks."""
    found = _NON_PRINTABLE.search(text)
    if found is not None:
        raise problem_at(
            text,
            found.start(),
            f"Das unsichtbare Zeichen U+{ord(found.group()):04X} ist in YAML nicht erlaubt.",
            "Löschen Sie das Zeichen; es kommt oft beim Kopieren aus anderen Programmen mit.",
        )
    source = new_parser(text)
    try:
        with _without_cycle_collection():
            return Composer(text, source).document()
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        raise translate_error(exc, text) from exc
    finally:
        source.dispose()


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while building nodes and data, which have no cycles.

    With it, each of its passes walks the growing graph again, and a file of 2 MB took seconds
    longer the larger it was; without it, reading is linear in the file.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def yaml_error_location(exc: YamlProblem, path: Path, first_line: int = 1) -> Location:
    """The file position a YAML error points at; ``first_line``: the file line of text line 1."""
    return Location(path, exc.line + first_line - 1, exc.column)


def yaml_problem(
    exc: YamlProblem, path: Path, first_line: int = 1, what: str | None = None
) -> Problem:
    """The problem of a file for a YAML error; ``what`` opens the message (``Die … ist …``)."""
    message = exc.message_at(first_line)
    return Problem(
        f"{what}: {message}" if what else message,
        yaml_error_location(exc, path, first_line),
        exc.hint_at(first_line),
    )


def read_yaml_mapping(
    path: Path, kind: FileKind, what: str, not_mapping: str, *, empty: bool = True
) -> tuple[dict[Any, Any], KeyPositions]:
    """A YAML file that must hold ``schlüssel: wert`` lines (see :func:`yaml_mapping`); a file
    that cannot be read as text raises ``InputFileError``."""
    return yaml_mapping(read_text(path, kind), path, what, not_mapping, empty=empty)


def yaml_mapping(
    text: str, path: Path, what: str, not_mapping: str, first_line: int = 1, *, empty: bool = True
) -> tuple[dict[Any, Any], KeyPositions]:
    """The mapping a YAML text holds and where its keys stand in ``path``.

    ``what`` opens the message of a YAML error (``Die Metadaten sind kein gültiges YAML``);
    ``not_mapping`` is the message when the text holds something else, at ``first_line`` (the
    file line of the text's first line). An empty text is an empty mapping unless ``empty`` is
    False. Both problems raise ``ConfigError``; callers that collect problems keep its
    ``problem``.
    """
    try:
        data, root = parse_yaml_document(text)
    except YamlProblem as exc:
        problem = yaml_problem(exc, path, first_line, what)
        raise ConfigError(problem.message, problem.location, problem.hint) from exc
    if data is None and empty:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(not_mapping, Location(path, first_line, 1))
    return data, KeyPositions.of(root, path, first_line)


def merged(base: dict[Any, Any], over: dict[Any, Any]) -> dict[Any, Any]:
    """``over`` laid over ``base`` as sdg-build merges metadata: nested mappings merge,
    everything else is replaced (neither argument changes)."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            result[key] = merged(base[key], value)
        else:
            result[key] = value
    return result


@dataclass(frozen=True)
class KeyPositions:
    """Where every key and list entry of a YAML file stands, kept from its one parse, so that
    a later check can point at a value without reading the file again."""

    path: Path
    places: Mapping[tuple[str | int, ...], tuple[int, int]]
    """Key path (mapping keys and list indexes) → line and column, both counted from 1."""

    @classmethod
    def of(cls, node: Node | None, path: Path, first_line: int = 1) -> KeyPositions:
        """``first_line``: the file line of the YAML text's first line (2 for a head)."""
        places: dict[tuple[str | int, ...], tuple[int, int]] = {}
        stack: list[tuple[tuple[str | int, ...], Node]] = [((), node)] if node else []
        while stack:
            keys, current = stack.pop()
            places.setdefault(keys, _place(current, first_line))
            if isinstance(current, yaml.MappingNode):
                for key_node, value_node in current.value:
                    places[(*keys, key_node.value)] = _place(key_node, first_line)
                    stack.append(((*keys, key_node.value), value_node))
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(((*keys, index), item) for index, item in enumerate(current.value))
        return cls(path, places)

    def location(self, keys: tuple[str | int, ...]) -> Location:
        """The position of the deepest entry along ``keys`` (a pydantic ``loc``)."""
        for end in range(len(keys), -1, -1):
            place = self.places.get(keys[:end])
            if place is not None:
                return Location(self.path, *place)
        return Location(self.path)

    def top_level(self) -> dict[str, Location]:
        """The position of every key of the top mapping."""
        return {
            str(keys[0]): Location(self.path, *place)
            for keys, place in self.places.items()
            if len(keys) == 1
        }


def _place(node: Node, first_line: int) -> tuple[int, int]:
    return node.start_mark.line + first_line, node.start_mark.column + 1
