"""Pictures kept on disk between builds (``reportgen.diskcache``): a chart drawn once is not
drawn again until something that shapes it changes.

An entry is named by a SHA-256 over everything that decides its bytes: the chart spec (a frozen
dataclass whose ``repr`` spells out all its content), the picture format and resolution, the
style files, the fonts, matplotlib's settings and the versions of Python, matplotlib, NumPy,
Pillow, FreeType and zlib, and the source code of reportgen itself.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from pathlib import Path

import matplotlib
import numpy
import PIL
from matplotlib import font_manager, ft2font

from reportgen.compose.model import MapSpec
from reportgen.diskcache import (
    ENV,
    DiskCache,
    default_folder,
    python_versions,
    source_digest,
)
from reportgen.diskcache import open_cache as open_disk_cache

__all__ = ["ENV", "ChartCache", "context_digest", "default_folder", "open_cache", "spec_bytes"]

FORMAT = b"reportgen-chart-cache-1"
"""Changed when the naming of entries changes."""


def _versions() -> bytes:
    return repr(
        (
            matplotlib.__version__,
            numpy.__version__,
            PIL.__version__,
            getattr(ft2font, "__freetype_version__", ""),
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
    digest.update(python_versions())
    digest.update(_versions())
    digest.update(source_digest())
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


class ChartCache(DiskCache):
    """Pictures by name in one folder; every failure to read or write counts as a miss."""

    @staticmethod
    def name(context: bytes, spec: object, fmt: str, dpi: int) -> str:
        digest = hashlib.sha256(context)
        digest.update(f"\0{fmt}\0{dpi}\0".encode())
        digest.update(spec_bytes(spec))
        return f"{digest.hexdigest()}.{fmt}"


def open_cache() -> ChartCache | None:
    """The cache where the environment puts it, pruned if it grew too large; None: off."""
    found = open_disk_cache()
    return None if found is None else ChartCache(found.folder, found.limit)
