"""Intermediate results kept on disk between runs: charts drawn once, data tables read once.

Entries are named by a SHA-256 over everything that decides their bytes (the callers say what
that is; the source code of reportgen and the versions of the libraries are always part of
it), so an entry never goes stale: a change makes a new name. Nothing is ever fetched from the
network. Entries are written to a temporary file and renamed, so that parallel workers and
builds never see half an entry; a cache that cannot be read or written is skipped (the work is
done again). The folder may be deleted at any time.

Where it lives: ``REPORTGEN_CACHE`` names the folder (``aus``/``off``/``0`` switches the cache
off); else ``$XDG_CACHE_HOME/reportgen/cache``, ``~/.cache/reportgen/cache`` or, on Windows,
``%LOCALAPPDATA%\\reportgen\\cache``. When the folder grows past ``LIMIT_BYTES`` the entries
used longest ago go (a hit renews an entry's time).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

import reportgen

ENV = "REPORTGEN_CACHE"
OFF = frozenset({"", "0", "aus", "off", "nein", "no", "false"})
SUBFOLDER = ("reportgen", "cache")
LIMIT_BYTES = 256 * 2**20
"""Above this the oldest entries are deleted, down to ``KEEP_SHARE`` of it."""
KEEP_SHARE = 0.75
_PRUNE_EVERY = 3600.0
"""Seconds between two looks at the folder's size (a stamp file keeps the time)."""
_STAMP = ".geprueft"
T = TypeVar("T")


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
def source_digest() -> bytes:
    """Every module of reportgen: a change to the drawing code (or to anything it uses) must
    never meet a picture drawn by the old code."""
    package = Path(reportgen.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def python_versions() -> bytes:
    """Python's and zlib's versions and reportgen's: part of every entry's name."""
    return repr((sys.version, zlib.ZLIB_RUNTIME_VERSION, reportgen.__version__)).encode()


class DiskCache:
    """Entries by name in one folder; every failure to read or write counts as a miss."""

    def __init__(self, folder: Path, limit: int = LIMIT_BYTES) -> None:
        self.folder, self.limit = folder, limit
        self.hits = self.misses = 0

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


def open_cache() -> DiskCache | None:
    """The cache where the environment puts it, pruned if it grew too large; None: off."""
    folder = default_folder()
    if folder is None:
        return None
    cache_ = DiskCache(folder)
    cache_.prune()
    return cache_


def kept(
    kind: str, parts: Iterable[bytes], compute: Callable[[], T], store: DiskCache | None = None
) -> T:
    """What ``compute`` returns, kept as a pickle under a name over ``kind``, ``parts`` (all
    that decides the result besides the code), the versions and reportgen's code, in ``store``
    (else where the environment puts the cache); computed when the cache is off, lacks the
    entry or cannot read it."""
    store = store or open_cache()
    if store is None:
        return compute()
    digest = hashlib.sha256(kind.encode() + b"\0" + python_versions() + source_digest())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    name = f"{digest.hexdigest()}.{kind}"
    found = store.get(name)
    if found is not None:
        try:
            return pickle.loads(found)  # type: ignore[no-any-return]
        except Exception:  # a damaged entry is a miss, never a failure
            pass
    result = compute()
    store.put(name, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
