"""Pictures kept on disk between builds: a chart drawn once is not drawn again until something
that shapes it changes.

An entry is named by a SHA-256 over everything that decides its bytes: the chart spec (a frozen
dataclass whose ``repr`` spells out all its content), the picture format and resolution, the
style files, the fonts, matplotlib's settings and the versions of Python, matplotlib, NumPy,
Pillow, FreeType and zlib, and the source code of reportgen itself. Nothing is ever fetched
from the network. Entries are written to a temporary file and renamed, so that parallel
workers and builds never see half a picture; a cache that cannot be read or written is
skipped (the picture is drawn). The folder may be deleted at any time.

Where it lives: ``REPORTGEN_CACHE`` names the folder (``aus``/``off``/``0`` switches the cache
off); else ``$XDG_CACHE_HOME/reportgen/diagramme``, ``~/.cache/reportgen/diagramme`` or, on
Windows, ``%LOCALAPPDATA%\\reportgen\\diagramme``. When the folder grows past ``LIMIT_BYTES``
the pictures used longest ago go (a hit renews an entry's time).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import matplotlib
import numpy
import PIL
from matplotlib import font_manager, ft2font

import reportgen
from reportgen.compose.model import MapSpec

ENV = "REPORTGEN_CACHE"
OFF = frozenset({"", "0", "aus", "off", "nein", "no", "false"})
SUBFOLDER = ("reportgen", "diagramme")
LIMIT_BYTES = 256 * 2**20
"""Above this the oldest entries are deleted, down to ``KEEP_SHARE`` of it."""
KEEP_SHARE = 0.75
FORMAT = b"reportgen-chart-cache-1"
"""Changed when the naming of entries changes."""
_PRUNE_EVERY = 3600.0
"""Seconds between two looks at the folder's size (a stamp file keeps the time)."""
_STAMP = ".geprueft"


def default_folder() -> Path | None:
    """The cache folder from ``REPORTGEN_CACHE`` or the user's cache directory; None: off."""
    named = os.environ.get(ENV)
    if named is not None:
        return None if named.strip().casefold() in OFF else Path(named).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"], *SUBFOLDER)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base, *SUBFOLDER)


@cache
def _source_digest() -> bytes:
    """Every module of reportgen: a change to the drawing code (or to anything it uses) must
    never meet a picture drawn by the old code."""
    package = Path(reportgen.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def _versions() -> bytes:
    return repr(
        (
            sys.version,
            matplotlib.__version__,
            numpy.__version__,
            PIL.__version__,
            getattr(ft2font, "__freetype_version__", ""),
            zlib.ZLIB_RUNTIME_VERSION,
            reportgen.__version__,
        )
    ).encode()


def _files_digest(paths: Iterable[Path]) -> bytes:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing")
        digest.update(b"\0")
    return digest.digest()


def context_digest(style_files: Iterable[Path], fonts: Path) -> bytes:
    """What every picture of a store shares: styles, fonts, matplotlib's settings and fonts,
    versions and code. Taken after the fonts of ``fonts`` are registered."""
    digest = hashlib.sha256(FORMAT)
    digest.update(_versions())
    digest.update(_source_digest())
    digest.update(_files_digest(style_files))
    digest.update(_files_digest(sorted(fonts.glob("*.[ot]tf"))))
    known = sorted(
        f"{f.fname}|{f.name}|{f.style}|{f.weight}" for f in font_manager.fontManager.ttflist
    )
    digest.update("\n".join(known).encode())
    settings = sorted((key, repr(value)) for key, value in matplotlib.rcParams.items())
    digest.update(repr(settings).encode())
    return digest.digest()


def spec_bytes(spec: object) -> bytes:
    """What a picture shows: the ``repr`` of its spec (frozen dataclasses spell out every
    field); the rings of a locator map as binary doubles after their sizes (a repr of its
    thousands of coordinates takes milliseconds, for every sheet). A new field of a spec
    changes the source code and with it every name."""
    if not isinstance(spec, MapSpec):
        return repr(spec).encode("utf-8", "surrogatepass")
    parts = [repr((type(spec).__name__, spec.marker)).encode("utf-8", "surrogatepass")]
    for shape in spec.shapes:
        sizes = tuple(len(ring) for ring in shape.rings)
        parts.append(repr((shape.key, shape.highlighted, sizes)).encode("utf-8", "surrogatepass"))
        parts.append(
            array("d", [c for ring in shape.rings for point in ring for c in point]).tobytes()
        )
    return b"\0".join(parts)


class ChartCache:
    """Pictures by name in one folder; every failure to read or write counts as a miss."""

    def __init__(self, folder: Path, limit: int = LIMIT_BYTES) -> None:
        self.folder, self.limit = folder, limit
        self.hits = self.misses = 0

    @staticmethod
    def name(context: bytes, spec: object, fmt: str, dpi: int) -> str:
        digest = hashlib.sha256(context)
        digest.update(f"\0{fmt}\0{dpi}\0".encode())
        digest.update(spec_bytes(spec))
        return f"{digest.hexdigest()}.{fmt}"

    def get(self, name: str) -> bytes | None:
        path = self.folder / name
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept longest
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, name: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.folder / name)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a full or read-only disk: the build goes on without the cache

    def prune(self, force: bool = False) -> int:
        """Delete the entries used longest ago while the folder is larger than the limit
        (looked at no more than once an hour unless ``force``); the number deleted."""
        stamp = self.folder / _STAMP
        try:
            if not force and time.time() - stamp.stat().st_mtime < _PRUNE_EVERY:
                return 0
        except OSError:
            pass
        try:
            entries = []
            with os.scandir(self.folder) as found:
                for entry in found:
                    if entry.is_file() and not entry.name.startswith("."):
                        info = entry.stat()
                        entries.append((info.st_mtime, entry.name, info.st_size))
            stamp.touch()
        except OSError:
            return 0
        total = sum(size for _, _, size in entries)
        deleted = 0
        if total <= self.limit:
            return 0
        for _, name, size in sorted(entries):
            if total <= self.limit * KEEP_SHARE:
                break
            try:
                (self.folder / name).unlink()
            except OSError:
                continue
            total -= size
            deleted += 1
        return deleted


def open_cache() -> ChartCache | None:
    """The cache where the environment puts it, pruned if it grew too large; None: off."""
    folder = default_folder()
    if folder is None:
        return None
    cache_ = ChartCache(folder)
    cache_.prune()
    return cache_
