"""YAML that cannot explode, read with line numbers so messages point into the file.

:func:`parse_yaml` is PyYAML's safe loading plus what PyYAML lets through refused: aliases that
multiply the data ("billion laughs"), recursive aliases, duplicate keys, absurd nesting. Every
failure is a :class:`YamlProblem` with a German message (see ``reportgen.load.yamlmessages``), which
:func:`yaml_problem` turns into a ``Problem`` of the file.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from reportgen.errors import Location, Problem
from reportgen.load.yamlmessages import (
    YamlProblem,
    YamlSource,
    new_parser,
    problem_at,
    shown,
    translate_error,
)

__all__ = [
    "YamlProblem",
    "key_location",
    "parse_yaml",
    "yaml_error_location",
    "yaml_nodes",
    "yaml_problem",
]

# --- YAML -------------------------------------------------------------------------------------

_MAX_REPEATED_NODES = 100_000
"""How many nodes aliases may repeat in one document. A configuration reuses a few entries a
few times; a "billion laughs" bomb needs millions, and is refused after a few of its lines."""
_MAX_DEPTH = 100
"""Nesting depth; our files nest four or five levels, and deeper data only burdens the stack."""
_NON_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)  # the characters YAML allows, as PyYAML's reader checks them
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_VALUE_ERRORS = (ValueError, TypeError, AttributeError, LookupError, ArithmeticError)
"""What PyYAML's constructors raise, instead of a YAMLError, for values they cannot build:
``2025-02-30``, an integer of 5,000 digits, ``!!timestamp x``, ``!!bool vielleicht``."""


def parse_yaml(text: str) -> Any:
    """The data of a YAML document, read with PyYAML's safe constructor (libyaml where present).

    Refuses what PyYAML lets through: aliases that multiply the data, recursive aliases,
    duplicate keys. Raises YamlProblem, never another exception, for any text.
    """
    node = yaml_nodes(text)
    if node is None:
        return None
    try:
        with _without_cycle_collection():
            return _Constructor(text).construct_document(node)
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
            return _Composer(text, source).document()
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


def yaml_error_location(exc: yaml.YAMLError, path: Path, first_line: int = 1) -> Location:
    """The file position a YAML error points at; ``first_line``: the file line of text line 1."""
    if isinstance(exc, YamlProblem):
        return Location(path, exc.line + first_line - 1, exc.column)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return Location(path)
    return Location(path, mark.line + first_line, mark.column + 1)


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


# --- composing and constructing ---------------------------------------------------------------


class _Composer:
    """Builds the node graph from parser events, refusing what would make it explode.

    PyYAML's composers accept any number of aliases: the objects stay shared, but whoever walks
    them (validation, rendering) walks the expanded tree. Here every node is counted with its
    aliases expanded; an anchor's expanded size is known when it closes, so counting is linear
    in the document.
    """

    def __init__(self, text: str, source: YamlSource) -> None:
        self.text = text
        self.source = source
        self.resolve: Callable[[type[Node], str | None, Any], str] = Resolver().resolve
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[str, int] = {}
        """Expanded node count of each closed anchor; an open one is missing."""
        self.count = 0
        self.repeated = 0

    def document(self) -> Node | None:
        source = self.source
        source.get_event()  # stream start
        if source.check_event(StreamEndEvent):
            return None
        source.get_event()  # document start
        node = self.node(1)
        source.get_event()  # document end
        if not source.check_event(StreamEndEvent):
            raise problem_at(
                self.text,
                source.peek_event().start_mark.index,
                "In Zeile {0} beginnt ein zweites YAML-Dokument; erlaubt ist nur eines.",
                "Entfernen Sie die Trennlinie („---“ oder „...“) vor Zeile {0}.",
            )
        return node

    def node(self, depth: int) -> Node:
        event = self.source.get_event()
        if isinstance(event, AliasEvent):
            return self.alias(event)
        start_mark, end_mark = event.start_mark, event.end_mark  # before isinstance narrows
        index = start_mark.index
        if depth > _MAX_DEPTH:
            raise problem_at(
                self.text,
                index,
                f"Die Daten sind hier tiefer als {_MAX_DEPTH} Ebenen verschachtelt.",
                "Prüfen Sie Klammern und Einrückung; so tiefe Verschachtelung ist ein Versehen.",
            )
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise problem_at(
                self.text,
                index,
                f"Der Anker „&{shown(anchor)}“ steht doppelt (Zeilen {{1}} und {{0}}).",
                "Benennen Sie einen der beiden Anker um.",
                self.anchors[anchor].start_mark.index,
            )
        start = self.count
        self.count += 1
        node: Node
        if isinstance(event, ScalarEvent):
            node = ScalarNode(
                self.tag(event, ScalarNode, event.value),
                event.value,
                start_mark,
                end_mark,
                style=event.style,
            )
            self.remember(anchor, node)
        elif isinstance(event, SequenceStartEvent):
            node = SequenceNode(
                self.tag(event, SequenceNode, None), [], start_mark, None, event.flow_style
            )
            self.remember(anchor, node)
            while not self.source.check_event(SequenceEndEvent):
                node.value.append(self.node(depth + 1))
            node.end_mark = self.source.get_event().end_mark
        else:  # a mapping: the parser sends no other event here
            node = MappingNode(
                self.tag(event, MappingNode, None), [], start_mark, None, event.flow_style
            )
            self.remember(anchor, node)
            seen: dict[object, Node] = {}
            while not self.source.check_event(MappingEndEvent):
                key = self.node(depth + 1)
                self.refuse_duplicate(seen, key)
                node.value.append((key, self.node(depth + 1)))
            node.end_mark = self.source.get_event().end_mark
        if anchor is not None:
            self.sizes[anchor] = self.count - start
        return node

    def alias(self, event: Any) -> Node:
        name, index = event.anchor, event.start_mark.index
        if name not in self.anchors:
            raise problem_at(
                self.text,
                index,
                f"Der Verweis „*{shown(name)}“ bezieht sich auf keinen Anker „&{shown(name)}“.",
                "Soll der Wert mit „*“ beginnen (etwa als Hervorhebung), setzen Sie ihn in "
                "Anführungszeichen.",
            )
        if name not in self.sizes:
            raise problem_at(
                self.text,
                index,
                f"Der Verweis „*{shown(name)}“ steht in seinem eigenen Anker (Zeile {{1}}) und "
                "würde sich endlos wiederholen.",
                "Verweisen Sie nur auf Anker, die vor dem Verweis abgeschlossen sind.",
                self.anchors[name].start_mark.index,
            )
        self.count += self.sizes[name]
        self.repeated += self.sizes[name]
        if self.repeated > _MAX_REPEATED_NODES:
            limit = f"{_MAX_REPEATED_NODES:,}".replace(",", ".")
            raise problem_at(
                self.text,
                index,
                f"Die Verweise (*) vervielfachen die Einträge dieser Datei auf über {limit}; so "
                "würde sie unlesbar groß.",
                "Schreiben Sie die Werte aus oder verwenden Sie Anker (&) und Verweise (*) nur "
                "für wenige Wiederholungen.",
            )
        return self.anchors[name]

    def tag(self, event: Any, kind: type[Node], value: str | None) -> str:
        if event.tag is None or event.tag == "!":
            return self.resolve(kind, value, event.implicit)
        return str(event.tag)

    def remember(self, anchor: str | None, node: Node) -> None:
        if anchor is not None:
            self.anchors[anchor] = node

    def refuse_duplicate(self, seen: dict[object, Node], key: Node) -> None:
        identity = _key_identity(key)
        if identity is None:
            return
        if identity in seen:
            raise problem_at(
                self.text,
                key.start_mark.index,
                f"Der Schlüssel „{shown(str(key.value))}“ steht doppelt (Zeilen {{1}} und {{0}}).",
                "Löschen Sie einen der beiden Einträge oder führen Sie sie zusammen.",
                seen[identity].start_mark.index,
            )
        seen[identity] = key


def _key_identity(node: Node) -> tuple[object] | None:
    """The Python key a scalar key node becomes (``yes`` and ``true`` are one key).

    None for keys not compared: collections (PyYAML refuses them as keys) and merge keys ``<<``.
    """
    if not isinstance(node, ScalarNode) or node.tag == _MERGE_TAG:
        return None
    if node.tag == _STR_TAG:
        return (node.value,)
    try:
        value = SafeConstructor().construct_object(node)
        hash(value)
    except (yaml.YAMLError, *_VALUE_ERRORS):  # the constructor reports it later
        return None
    return (value,)


class _Constructor(SafeConstructor):
    """PyYAML's safe constructor; a value it cannot build is a YamlProblem at its node."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except _VALUE_ERRORS as exc:
            value = shown(str(node.value)) if isinstance(node, ScalarNode) else ""
            if node.tag == _TIMESTAMP_TAG:
                raise problem_at(
                    self.text,
                    node.start_mark.index,
                    f"Das Datum „{value}“ gibt es nicht.",
                    "Schreiben Sie ein gültiges Datum als JJJJ-MM-TT oder setzen Sie den Wert "
                    "in Anführungszeichen.",
                ) from exc
            raise problem_at(
                self.text,
                node.start_mark.index,
                f"Der Wert „{value}“ lässt sich nicht lesen.",
                "Setzen Sie den Wert in Anführungszeichen, wenn er Text sein soll.",
            ) from exc
