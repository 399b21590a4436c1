"""Reading untrusted text files: within a size limit per kind of file, as UTF-8 only.

A file that is too large, not UTF-8 (Excel's "CSV" is Windows-1252) or not a text file raises
:class:`InputFileError` with a German message at the first offending byte's line and column.
"""

from __future__ import annotations

import codecs
import math
import re
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportgen.errors import InputFileError, Location

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


def text_from_bytes(data: bytes, path: Path, kind: FileKind) -> str:
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


def _not_utf8(data: bytes, offset: int, path: Path, kind: FileKind) -> InputFileError:
    message = (
        f"Die Datei ist nicht als UTF-8 gespeichert: Byte 0x{data[offset]:02X} ist kein "
        "gültiges UTF-8."
    )
    if _looks_like_windows_1252(data):
        excel = " (Excel-„CSV“)" if kind is FileKind.DATA else ""
        character = data[offset : offset + 1].decode("cp1252")
        message += (
            f" Die Kodierung ist vermutlich Windows-1252{excel}; dort steht das Byte für "
            f"„{character}“."
        )
    where = Location(path, *_byte_position(data, offset))
    return InputFileError(message, where, _save_as_utf8(kind))


def _save_as_utf8(kind: FileKind) -> str:
    if kind is FileKind.DATA:
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
