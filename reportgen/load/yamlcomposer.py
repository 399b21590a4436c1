"""PyYAML's composer and safe constructor, bounded: what would make the data explode is refused.

The composer builds the node graph from parser events and counts every node with its aliases
expanded ("billion laughs"), refuses recursive aliases, duplicate anchors and keys and absurd
nesting; the constructor turns a value PyYAML cannot build into a :class:`YamlProblem` at its
node.
"""

from __future__ import annotations

from collections.abc import Callable
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

from reportgen.load.yamlmessages import YamlSource
from reportgen.load.yamlproblem import problem_at, shown

_MAX_REPEATED_NODES = 100_000
"""How many nodes aliases may repeat in one document. A configuration reuses a few entries a
few times; a "billion laughs" bomb needs millions, and is refused after a few of its lines."""
_MAX_DEPTH = 100
"""Nesting depth; our files nest four or five levels, and deeper data only burdens the stack."""
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_VALUE_ERRORS = (ValueError, TypeError, AttributeError, LookupError, ArithmeticError)
"""What PyYAML's constructors raise, instead of a YAMLError, for values they cannot build:
``2025-02-30``, an integer of 5,000 digits, ``!!timestamp x``, ``!!bool vielleicht``."""


class Composer:
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


class Constructor(SafeConstructor):
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
