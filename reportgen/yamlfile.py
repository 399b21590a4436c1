"""Reading untrusted input files: text within size limits, and YAML that cannot explode.

Every failure is a German message at the line and column to fix: reading raises
:class:`InputFileError`, YAML raises :class:`YamlProblem`, which :func:`yaml_problem` turns into
a ``Problem`` of the file.
"""

from __future__ import annotations

import codecs
import gc
import math
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

from reportgen.errors import InputFileError, Location, Problem

# --- text files -------------------------------------------------------------------------------


class FileKind(StrEnum):
    """What an input file is: decides its size limit and the advice in messages."""

    DATA = "data"
    METADATA = "metadata"
    TRANSLATION = "translation"
    CONFIG = "config"
    DATA_CONFIG = "data_config"
    TEXT_BLOCK = "text_block"
    GEOJSON = "geojson"
    STYLESHEET = "stylesheet"


@dataclass(frozen=True)
class SizeLimit:
    """The largest file of a kind, and how messages name the kind."""

    max_bytes: int
    name: str
    """The kind of file in the accusative: „für eine Datendatei sind höchstens … zulässig“."""


_MB = 1024 * 1024

SIZE_LIMITS: dict[FileKind, SizeLimit] = {
    # The largest indicator CSV in use is 2 MB, and a million-row table (~50 MB) must load.
    # pandas needs several times the file size in memory, so beyond 256 MB a file is a
    # mistaken export (a whole database, a log), not an indicator.
    FileKind.DATA: SizeLimit(256 * _MB, "eine Datendatei"),
    # Metadata pages are a few KB of YAML and Markdown. 2 MB leaves room for long tables or an
    # embedded image, and even 2 MB of dense YAML structure parses in a few seconds.
    FileKind.METADATA: SizeLimit(2 * _MB, "eine Metadatendatei"),
    # A translation file holds one language's titles of all goals, targets and indicators: a
    # few hundred KB. 4 MB is ten times that and still parses in a few seconds.
    FileKind.TRANSLATION: SizeLimit(4 * _MB, "eine Übersetzungsdatei"),
    # reportgen.yml is a few KB typed by hand; a megabyte of configuration is not one.
    FileKind.CONFIG: SizeLimit(1 * _MB, "die Berichtskonfiguration"),
    # config_data.yml of an Open SDG data folder: a few lines naming inputs and translations.
    FileKind.DATA_CONFIG: SizeLimit(1 * _MB, "die Konfiguration eines Datenordners"),
    # A foreword of several pages is about 20 KB of Markdown; 2 MB is a book.
    FileKind.TEXT_BLOCK: SizeLimit(2 * _MB, "einen Textbaustein"),
    # The district map in use is 2.7 MB; a detailed map of one state's municipalities is tens
    # of MB. json.loads needs several times the file size, so 128 MB is the most to hold.
    FileKind.GEOJSON: SizeLimit(128 * _MB, "eine Kartendatei"),
    # Print stylesheets are a few KB of CSS.
    FileKind.STYLESHEET: SizeLimit(1 * _MB, "ein Stylesheet"),
}

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GERMAN_LETTERS = frozenset("äöüÄÖÜß")
_LATIN_TEXT = frozenset("äöüÄÖÜßéèêëáàâçñóòôíìîïúùûÉÈÀÇ€§°„“”‚‘’–—…«»²³µ·×\xa0")


def read_text(path: Path, kind: FileKind) -> str:
    """Read a UTF-8 text file (with or without BOM); line endings become ``\\n``.

    A file beyond the size limit of its ``kind`` is refused before it is read. Raises
    InputFileError.
    """
    limit = SIZE_LIMITS[kind]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(
                "Hier steht ein Ordner, keine Datei."
                if stat.S_ISDIR(info.st_mode)
                else "Das ist keine gewöhnliche Datei (sondern z. B. ein Gerät oder eine Pipe).",
                Location(path),
            )
        _check_size(info.st_size, limit, path)
        with path.open("rb") as stream:
            data = stream.read(limit.max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise _unreadable_file(exc, path) from exc
    _check_size(len(data), limit, path)
    return text_from_bytes(data, path, kind)


def text_from_bytes(data: bytes, path: Path, kind: FileKind | None = None) -> str:
    """Decode the bytes of a text file as :func:`read_text` does; ``path`` is for messages."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError(
            "Die Datei ist als UTF-16 gespeichert (in Excel: „Unicode-Text“), nicht als UTF-8.",
            Location(path, 1, 1),
            _save_as_utf8(kind),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_nul(data, exc.start, path)
        raise _not_utf8(data, exc.start, path, kind) from None
    _refuse_nul(data, len(data), path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_size(size: int, limit: SizeLimit, path: Path) -> None:
    if size > limit.max_bytes:
        raise InputFileError(
            f"Die Datei ist {_size_text(size)} groß; für {limit.name} sind höchstens "
            f"{_size_text(limit.max_bytes)} zulässig.",
            Location(path),
            "Prüfen Sie, ob die richtige Datei vorliegt; so große Dateien sind meist ein "
            "versehentlicher Export.",
        )


def _size_text(size: int) -> str:
    """A size in German notation, rounded up so a file just over a limit never equals it."""
    for unit, factor in (("GB", 1024**3), ("MB", _MB), ("KB", 1024)):
        if size >= factor:
            if size < 10 * factor:
                amount = f"{math.ceil(size * 10 / factor) / 10:.1f}".replace(".", ",")
                return f"{amount.removesuffix(',0')} {unit}"
            return f"{math.ceil(size / factor)} {unit}"
    return f"{size} Bytes"


def _unreadable_file(exc: OSError, path: Path) -> InputFileError:
    if isinstance(exc, FileNotFoundError):
        return InputFileError(
            "Die Datei fehlt.", Location(path), "Prüfen Sie den Namen und den Ordner."
        )
    if isinstance(exc, PermissionError):
        return InputFileError(
            "Die Datei darf nicht gelesen werden.",
            Location(path),
            "Prüfen Sie die Zugriffsrechte der Datei.",
        )
    return InputFileError(
        f"Die Datei lässt sich nicht lesen (Fehler {exc.errno} des Betriebssystems).",
        Location(path),
    )


def _refuse_nul(data: bytes, end: int, path: Path) -> None:
    offset = data.find(b"\0", 0, end)
    if offset >= 0:
        raise InputFileError(
            "Die Datei enthält ein Nullbyte (Byte 0x00) und ist daher keine Textdatei.",
            Location(path, *_byte_position(data, offset)),
            "Prüfen Sie, ob die richtige Datei vorliegt (keine Excel-Arbeitsmappe, kein Bild), "
            "und speichern Sie sie als UTF-8-Text.",
        )


def _not_utf8(data: bytes, offset: int, path: Path, kind: FileKind | None) -> InputFileError:
    message = (
        f"Die Datei ist nicht als UTF-8 gespeichert: Byte 0x{data[offset]:02X} ist kein "
        "gültiges UTF-8."
    )
    if _looks_like_windows_1252(data):
        excel = " (Excel-„CSV“)" if kind in (None, FileKind.DATA) else ""
        character = data[offset : offset + 1].decode("cp1252")
        message += (
            f" Die Kodierung ist vermutlich Windows-1252{excel}; dort steht das Byte für "
            f"„{character}“."
        )
    where = Location(path, *_byte_position(data, offset))
    return InputFileError(message, where, _save_as_utf8(kind))


def _save_as_utf8(kind: FileKind | None) -> str:
    if kind in (None, FileKind.DATA):
        where = "in Excel: „CSV UTF-8 (durch Trennzeichen getrennt)“"
    else:
        where = "im Texteditor unter „Speichern unter“ → „Codierung“"
    return f"Speichern Sie die Datei als UTF-8 ({where})."


def _looks_like_windows_1252(data: bytes) -> bool:
    """True when the bytes read as Windows-1252 give German text: umlauts, no odd symbols."""
    try:
        foreign = _NON_ASCII.findall(data.decode("cp1252"))
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
        return False
    german = sum(character in _GERMAN_LETTERS for character in foreign)
    plausible = sum(character in _LATIN_TEXT for character in foreign)
    return german > 0 and plausible >= 0.9 * len(foreign)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based; the column in characters) of a byte, as an editor shows them."""
    head = data[:offset]
    line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return line, len(head[line_start:].decode("utf-8", errors="replace")) + 1


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


class YamlProblem(yaml.YAMLError):
    """YAML that cannot be read safely: a German message at a line and column of the text.

    ``message`` and ``hint`` may name lines of the text as ``{0}``, ``{1}``, … (numbers in
    ``lines``; ``{0}`` is ``line``); :meth:`message_at` and :meth:`hint_at` shift them for a
    text that starts further down its file, like front matter.
    """

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        hint: str | None = None,
        lines: tuple[int, ...] = (),
    ) -> None:
        super().__init__(message, line, column, hint, lines)
        self.template = message
        self.line = line
        self.column = column
        self.hint_template = hint
        self.lines = lines

    def message_at(self, first_line: int = 1) -> str:
        return self.template.format(*self._shifted(first_line))

    def hint_at(self, first_line: int = 1) -> str | None:
        if self.hint_template is None:
            return None
        return self.hint_template.format(*self._shifted(first_line))

    @property
    def message(self) -> str:
        return self.message_at()

    @property
    def hint(self) -> str | None:
        return self.hint_at()

    def _shifted(self, first_line: int) -> list[int]:
        return [line + first_line - 1 for line in self.lines]

    def __str__(self) -> str:
        text = f"Zeile {self.line}, Spalte {self.column}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text


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
        raise _translate(exc, text) from exc


def yaml_nodes(text: str) -> Node | None:
    """The node tree of YAML text (to find the line of a key), with :func:`parse_yaml`'s checks."""
    found = _NON_PRINTABLE.search(text)
    if found is not None:
        raise _problem(
            text,
            found.start(),
            f"Das unsichtbare Zeichen U+{ord(found.group()):04X} ist in YAML nicht erlaubt.",
            "Löschen Sie das Zeichen; es kommt oft beim Kopieren aus anderen Programmen mit.",
        )
    source = _NEW_PARSER(text)
    try:
        with _without_cycle_collection():
            return _Composer(text, source).document()
    except YamlProblem:
        raise
    except yaml.YAMLError as exc:
        raise _translate(exc, text) from exc
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


class _Source(Protocol):
    """What PyYAML's parsers (libyaml's and the pure-Python one) offer: tokens and events."""

    def check_token(self, *choices: Any) -> bool: ...
    def get_token(self) -> Any: ...
    def check_event(self, *choices: Any) -> bool: ...
    def peek_event(self) -> Any: ...
    def get_event(self) -> Any: ...
    def dispose(self) -> None: ...


class _PythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, for an installation without libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


def _fastest_parser() -> Callable[[str], _Source]:
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return _PythonParser
    return CParser


_NEW_PARSER = _fastest_parser()


class _Composer:
    """Builds the node graph from parser events, refusing what would make it explode.

    PyYAML's composers accept any number of aliases: the objects stay shared, but whoever walks
    them (validation, rendering) walks the expanded tree. Here every node is counted with its
    aliases expanded; an anchor's expanded size is known when it closes, so counting is linear
    in the document.
    """

    def __init__(self, text: str, source: _Source) -> None:
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
            raise _problem(
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
            raise _problem(
                self.text,
                index,
                f"Die Daten sind hier tiefer als {_MAX_DEPTH} Ebenen verschachtelt.",
                "Prüfen Sie Klammern und Einrückung; so tiefe Verschachtelung ist ein Versehen.",
            )
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise _problem(
                self.text,
                index,
                f"Der Anker „&{_show(anchor)}“ steht doppelt (Zeilen {{1}} und {{0}}).",
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
            raise _problem(
                self.text,
                index,
                f"Der Verweis „*{_show(name)}“ bezieht sich auf keinen Anker „&{_show(name)}“.",
                "Soll der Wert mit „*“ beginnen (etwa als Hervorhebung), setzen Sie ihn in "
                "Anführungszeichen.",
            )
        if name not in self.sizes:
            raise _problem(
                self.text,
                index,
                f"Der Verweis „*{_show(name)}“ steht in seinem eigenen Anker (Zeile {{1}}) und "
                "würde sich endlos wiederholen.",
                "Verweisen Sie nur auf Anker, die vor dem Verweis abgeschlossen sind.",
                self.anchors[name].start_mark.index,
            )
        self.count += self.sizes[name]
        self.repeated += self.sizes[name]
        if self.repeated > _MAX_REPEATED_NODES:
            limit = f"{_MAX_REPEATED_NODES:,}".replace(",", ".")
            raise _problem(
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
            raise _problem(
                self.text,
                key.start_mark.index,
                f"Der Schlüssel „{_show(str(key.value))}“ steht doppelt (Zeilen {{1}} und {{0}}).",
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
            value = _show(str(node.value)) if isinstance(node, ScalarNode) else ""
            if node.tag == _TIMESTAMP_TAG:
                raise _problem(
                    self.text,
                    node.start_mark.index,
                    f"Das Datum „{value}“ gibt es nicht.",
                    "Schreiben Sie ein gültiges Datum als JJJJ-MM-TT oder setzen Sie den Wert "
                    "in Anführungszeichen.",
                ) from exc
            raise _problem(
                self.text,
                node.start_mark.index,
                f"Der Wert „{value}“ lässt sich nicht lesen.",
                "Setzen Sie den Wert in Anführungszeichen, wenn er Text sein soll.",
            ) from exc


# --- German messages for PyYAML's errors ------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """A PyYAML error, reduced to what the explanations need."""

    text: str
    what: str
    """PyYAML's context and problem (English), only for recognising the kind of error."""
    index: int
    """Where PyYAML noticed the problem."""
    context: int | None
    """Where the construct began that PyYAML was reading, if it says."""


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of a character of the text."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _problem(text: str, index: int, message: str, hint: str | None, *others: int) -> YamlProblem:
    """A YamlProblem at ``index``; ``{0}`` in the texts is its line, ``{1}``… those of others."""
    line, column = _position(text, index)
    lines = (line, *(_position(text, other)[0] for other in others))
    return YamlProblem(message, line, column, hint, lines)


def _show(value: str, width: int = 40) -> str:
    """Text from the file for a message template: on one line, shortened, braces literal."""
    value = " ".join(value.split())
    if len(value) > width:
        value = value[: width - 1] + "…"
    return value.replace("{", "{{").replace("}", "}}")


def _character(text: str, index: int) -> str:
    character = text[index : index + 1]
    return character if character.isprintable() else f"U+{ord(character or ' '):04X}"


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _translate(exc: yaml.YAMLError, text: str) -> YamlProblem:
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    if mark is None:
        return _problem(
            text,
            0,
            "Die Datei ist kein lesbares YAML.",
            "Prüfen Sie Doppelpunkte, Einrückung, Anführungszeichen und Klammern.",
        )
    failure = _Failure(
        text,
        f"{getattr(exc, 'context', None) or ''} / {getattr(exc, 'problem', None) or ''}",
        mark.index,
        context_mark.index if context_mark is not None else None,
    )
    if not isinstance(exc, ConstructorError):
        quote = _runaway_quote(failure)
        if quote is not None:
            return _unclosed_quote(text, quote)
        tab = _indenting_tab(text, failure.index)
        if tab is not None:
            return _problem(
                text,
                tab,
                "Zeile {0} ist mit einem Tabulatorzeichen eingerückt; YAML erlaubt zum Einrücken "
                "nur Leerzeichen.",
                "Ersetzen Sie die Tabulatoren durch Leerzeichen.",
            )
    for pattern, explain in _EXPLANATIONS:
        if pattern.search(failure.what):
            return explain(failure)
    return _broken_structure(failure)


_STRUCTURE_LINE = re.compile(r"\n[ \t]*(?:- |[^\s#'\"][^\n]*?:(?:[ \t]|\n|$))")


def _runaway_quote(failure: _Failure) -> int | None:
    """Where a quoted value opens that ran on over following lines up to the failure, if any.

    The parser only fails where the quote is closed by another line's opening quote, often many
    lines later; a quoted value spanning lines that look like ``key: value`` is the real cause.
    """
    text, until = failure.text, failure.index
    if "quoted scalar" in failure.what and failure.context is not None:
        until = failure.context  # the failing quote may be where the runaway one ended
    until_line = _position(text, until)[0]
    source = _NEW_PARSER(text)
    try:
        while source.check_token():
            token = source.get_token()
            start, stop = token.start_mark.index, token.end_mark.index
            if start >= until:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in ('"', "'")
                and text.find("\n", start, stop) >= 0
                and _position(text, stop)[0] == until_line
                and _STRUCTURE_LINE.search(text, start, stop)
            ):
                return int(start)
    except yaml.YAMLError:
        pass  # the scanner stops where it failed before; nothing earlier ran on
    finally:
        source.dispose()
    return None


def _indenting_tab(text: str, index: int) -> int | None:
    """The first tab in the indentation of the line at ``index``, if there is one."""
    start = _line_start(text, index)
    end = start
    while text[end : end + 1] in (" ", "\t"):
        end += 1
    tab = text.find("\t", start, end)
    return tab if tab >= 0 else None


def _unclosed_quote(text: str, index: int) -> YamlProblem:
    column = _position(text, index)[1]
    return _problem(
        text,
        index,
        f"Das Anführungszeichen in Zeile {{0}}, Spalte {column} wird nicht geschlossen.",
        "Schließen Sie das Anführungszeichen aus Zeile {0}.",
    )


def _quote_opens(failure: _Failure) -> YamlProblem:
    return _unclosed_quote(failure.text, failure.context or failure.index)


def _tag(failure: _Failure) -> YamlProblem:
    text = failure.text
    marks = (failure.index, failure.context)
    index = next((i for i in marks if i is not None and text.startswith("!", i)), failure.index)
    tag = re.match(r"!\S*", text[index:])
    return _problem(
        text,
        index,
        f"„{_show(tag.group() if tag else '!')}“ wird als YAML-Typangabe gelesen, die hier nicht "
        "erlaubt ist.",
        "Setzen Sie den Wert in Anführungszeichen, wenn er mit „!“ beginnen soll.",
    )


def _escape(failure: _Failure) -> YamlProblem:
    text = failure.text
    backslash = text.rfind("\\", _line_start(text, failure.index), failure.index + 1)
    index = backslash if backslash >= 0 else failure.index
    return _problem(
        text,
        index,
        f"„{_show(text[index : index + 2])}“ ist im Text in doppelten Anführungszeichen keine "
        "gültige Escape-Sequenz.",
        "Schreiben Sie einen Rückstrich als „\\\\“ oder setzen Sie den Wert in einfache "
        "Anführungszeichen ('…').",
    )


def _colon(failure: _Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    start = _line_start(text, index)
    before = text[start:index]
    previous = _previous_content_line(text, start)
    if previous is not None and not re.search(r":(\s|$)", before):
        # the colon is this line's own: the line was read as the continuation of a value above
        key = _show(before.strip().removeprefix("- "))
        return _problem(
            text,
            index,
            "Zeile {0} ist weiter eingerückt als die Schlüssel darüber und wird deshalb als "
            "Fortsetzung des Werts aus Zeile {1} gelesen.",
            f"Rücken Sie „{key}:“ so weit ein wie die Schlüssel derselben Ebene – oder setzen Sie "
            "einen mehrzeiligen Wert in Anführungszeichen.",
            previous,
        )
    hint = "Setzen Sie den Wert in Anführungszeichen."
    line = text[start : text.find("\n", index) if "\n" in text[index:] else len(text)]
    parts = re.match(r"\s*(?:- )?([^:#\"']+?):\s+([^\"#:][^\"#]*?)\s*$", line)
    if parts is not None and len(parts.group(2)) <= 60:
        hint = (
            f"Setzen Sie den Wert in Anführungszeichen: {_show(parts.group(1))}: "
            f'"{_show(parts.group(2), 60)}".'
        )
    return _problem(
        text,
        index,
        "Im Wert steht ein Doppelpunkt mit Leerzeichen („: “); YAML liest ihn als neuen Schlüssel.",
        hint,
    )


def _previous_content_line(text: str, line_start: int) -> int | None:
    """The start of the nearest line above that holds more than a comment."""
    end = line_start - 1  # the line break ending the line above
    while end >= 0:
        start = _line_start(text, end)
        line = text[start:end].strip()
        if line and not line.startswith("#"):
            return start
        end = start - 1
    return None


def _dash(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "„- “ mitten in der Zeile beginnt keinen Listeneintrag.",
        "Beginnen Sie jeden Listeneintrag in einer eigenen Zeile – oder setzen Sie den Wert in "
        "Anführungszeichen, wenn er mit „- “ beginnen soll.",
    )


def _missing_colon(failure: _Failure) -> YamlProblem:
    text = failure.text
    index = failure.context if failure.context is not None else failure.index
    end = text.find("\n", index)
    return _problem(
        text,
        index,
        f"Nach „{_show(text[index : end if end >= 0 else len(text)])}“ fehlt der Doppelpunkt.",
        "Schreiben Sie „schlüssel: wert“ mit einem Leerzeichen nach dem Doppelpunkt; einen "
        "mehrzeiligen Wert rücken Sie ein oder setzen ihn in Anführungszeichen.",
    )


_BRACKETS = {"[": ("eckige", "eckigen", "]"), "{": ("geschweifte", "geschweiften", "}")}


def _flow(failure: _Failure) -> YamlProblem:
    text, opening = failure.text, failure.context
    if opening is None or text[opening : opening + 1] not in _BRACKETS:
        return _broken_structure(failure)
    bracket = text[opening]
    name, name_dative, closing = _BRACKETS[bracket]
    if not text[failure.index :].strip() or closing not in text[opening:]:
        column = _position(text, opening)[1]
        return _problem(
            text,
            opening,
            f"Die {name} Klammer „{_show(bracket)}“ in Zeile {{0}}, Spalte {column} wird nicht "
            "geschlossen.",
            f"Schließen Sie die Klammer mit „{_show(closing)}“ – oder setzen Sie den Wert in "
            f"Anführungszeichen, wenn er mit „{_show(bracket)}“ beginnen soll.",
        )
    return _problem(
        text,
        failure.index,
        f"In der {name_dative} Klammer aus Zeile {{1}} fehlt hier ein Komma.",
        "Trennen Sie die Einträge mit Kommas; Texte mit Sonderzeichen setzen Sie in "
        "Anführungszeichen.",
        opening,
    )


def _structure(failure: _Failure) -> YamlProblem:
    """A block mapping or list met a line (or a rest of a line) that does not belong to it."""
    text, index = failure.text, failure.index
    start = _line_start(text, index)
    if text[start:index].strip() and text[start:index].strip() != "-":
        return _problem(
            text,
            index,
            "Nach dem Wert steht in derselben Zeile noch Text.",
            "Setzen Sie den ganzen Wert in Anführungszeichen; ein Apostroph in '…' wird "
            "verdoppelt ('').",
        )
    if failure.context is None:
        return _broken_structure(failure)
    column = _position(text, failure.context)[1]
    hint = (
        f"Listeneinträge derselben Ebene beginnen mit „- “ in Spalte {column} (wie in Zeile "
        "{1}); weitere Schlüssel eines Eintrags stehen genau unter seinem ersten."
        if text[failure.context : failure.context + 1] == "-"
        else f"Schlüssel derselben Ebene beginnen in Spalte {column} (wie in Zeile {{1}}); "
        f"Zeile {{0}} beginnt in Spalte {index - start + 1}."
    )
    return _problem(
        text,
        index,
        "Die Einrückung von Zeile {0} passt nicht zu den Zeilen darüber.",
        hint,
        failure.context,
    )


def _document(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "Zeile {0} passt nicht zur Struktur darüber; vermutlich stehen Listeneinträge und "
        "Schlüssel auf derselben Ebene.",
        "Prüfen Sie die Einrückung von Zeile {0}: Einträge einer Liste beginnen alle mit „- “, "
        "Schlüssel einer Zuordnung alle ohne.",
    )


def _missing_value(failure: _Failure) -> YamlProblem:
    text, index = failure.text, failure.index
    if not text[index:].strip():
        return _problem(
            text,
            index,
            "Die Datei endet, wo noch ein Wert erwartet wird.",
            "Ergänzen Sie den Wert oder entfernen Sie das unvollständige Ende.",
        )
    character = _show(_character(text, index))
    return _problem(
        text,
        index,
        f"Hier fehlt ein Wert; „{character}“ kann keinen Wert beginnen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll.",
    )


def _reference(failure: _Failure) -> YamlProblem:
    index = failure.context if failure.context is not None else failure.index
    character = _show(_character(failure.text, index))
    return _problem(
        failure.text,
        index,
        f"„{character}“ am Anfang eines Werts leitet in YAML einen Anker oder Verweis ein; "
        "danach müssen Buchstaben oder Ziffern folgen.",
        f"Setzen Sie den Wert in Anführungszeichen, wenn er mit „{character}“ beginnen soll "
        "(etwa als Hervorhebung).",
    )


def _bad_start(failure: _Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "%":
        return _directive(failure)
    character = _show(_character(failure.text, failure.index))
    return _problem(
        failure.text,
        failure.index,
        f"Ein Wert kann nicht mit „{character}“ beginnen.",
        "Setzen Sie den Wert in Anführungszeichen.",
    )


def _block_scalar(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "Nach „|“ oder „>“ darf in derselben Zeile nur eine Angabe wie „|-“ oder ein Kommentar "
        "stehen.",
        "Beginnen Sie den mehrzeiligen Text in der nächsten Zeile und rücken Sie ihn ein.",
    )


def _directive(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.context if failure.context is not None else failure.index,
        "Eine Zeile, die mit „%“ beginnt, ist in YAML eine Anweisung (Direktive).",
        "Setzen Sie den Wert in Anführungszeichen oder entfernen Sie das „%“ am Zeilenanfang.",
    )


def _complex_key(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "Ein Schlüssel darf keine Liste und keine Zuordnung sein.",
        "Setzen Sie den Schlüssel in Anführungszeichen.",
    )


def _merge(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "„<<“ übernimmt die Einträge einer anderen Zuordnung und verlangt einen Verweis darauf, "
        "etwa „<<: *vorgaben“.",
        "Setzen Sie den Schlüssel in Anführungszeichen, wenn „<<“ wörtlich gemeint ist.",
    )


def _unclosed_somewhere(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.index,
        "Vor Zeile {0} wird eine Klammer „[“ oder „{{“ nicht geschlossen, oder Zeile {0} ist zu "
        "wenig eingerückt.",
        "Prüfen Sie die Klammern in den Zeilen davor und die Einrückung von Zeile {0}.",
    )


def _early_end(failure: _Failure) -> YamlProblem:
    return _problem(
        failure.text,
        failure.context if failure.context is not None else failure.index,
        "Die Datei endet mitten in einem Eintrag, der in Zeile {0} beginnt.",
        "Prüfen Sie Anführungszeichen und Klammern ab Zeile {0}.",
    )


def _broken_structure(failure: _Failure) -> YamlProblem:
    if failure.text[failure.index : failure.index + 1] == "!":
        return _tag(failure)
    return _problem(
        failure.text,
        failure.index,
        "Die YAML-Struktur ist an dieser Stelle fehlerhaft.",
        "Prüfen Sie in Zeile {0} Doppelpunkte, Einrückung, Anführungszeichen und Klammern.",
    )


_EXPLANATIONS: tuple[tuple[re.Pattern[str], Callable[[_Failure], YamlProblem]], ...] = (
    # matched against PyYAML's English context and problem, of libyaml and of the Python parser
    (re.compile(r"quoted scalar.*(end of stream|document (indicator|separator))"), _quote_opens),
    (re.compile(r"\btag\b"), _tag),
    (re.compile(r"escape|hexa?decimal|Unicode character"), _escape),
    (re.compile(r"mapping values"), _colon),
    (re.compile(r"sequence entries"), _dash),
    (re.compile(r"expected ':'"), _missing_colon),
    (re.compile(r"unclosed '\['"), _unclosed_somewhere),
    (re.compile(r"node content"), _missing_value),
    (re.compile(r"flow (sequence|mapping)"), _flow),
    (re.compile(r"block (mapping|collection|end)|expected key|'-' indicator"), _structure),
    (re.compile(r"document start"), _document),
    (re.compile(r"anchor|alias"), _reference),
    (re.compile(r"cannot start any token"), _bad_start),
    (re.compile(r"block scalar|indentation indicator"), _block_scalar),
    (re.compile(r"directive|YAML document"), _directive),
    (re.compile(r"unhashable"), _complex_key),
    (re.compile(r"merging"), _merge),
    (re.compile(r"end of stream"), _early_end),
)
