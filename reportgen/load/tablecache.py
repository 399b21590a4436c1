"""Indicator tables kept on disk between runs (``reportgen.diskcache``): a CSV read once is
not parsed and checked again until its text, the project's settings for it or reportgen
change. ``check``, ``build`` and the preview read the example's 53 tables in 0.2 s instead of
2 s.

An entry holds the tidy frame, its dimensions and the problems the file gave (they are
reported again on every run, as if the file had been read, at the file's present path). Its
name covers the file's decoded text, the flag settings, the lines declared wrong, the
indicator, the versions of Python, pandas and NumPy and reportgen's source code. Entries are
pickles that reportgen wrote itself into the user's own cache folder; one that cannot be read
is read from the CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy
import pandas as pd

from reportgen.diskcache import DiskCache, kept, open_cache
from reportgen.errors import Location, Problem

KIND = "tabelle"
SUFFIX = f".{KIND}"

Loaded = tuple[pd.DataFrame, tuple[str, ...]] | None
Loader = Callable[[Path, str, Mapping[str, str], list[Problem], str, Collection[int]], Loaded]


class TableCache:
    """``load`` (``observations.load_table``) with its results kept in ``disk``."""

    def __init__(self, load: Loader, disk: DiskCache | None) -> None:
        self.load, self.disk = load, disk

    @classmethod
    def opened(cls, load: Loader) -> TableCache:
        return cls(load, open_cache())

    def __call__(
        self,
        path: Path,
        text: str,
        flags: Mapping[str, str],
        problems: list[Problem],
        subject: str,
        discard: Collection[int],
    ) -> Loaded:
        if self.disk is None:
            return self.load(path, text, flags, problems, subject, discard)

        def read() -> tuple[Loaded, list[Problem], Path]:
            found: list[Problem] = []
            return self.load(path, text, flags, found, subject, discard), found, path

        settings = (
            pd.__version__,
            numpy.__version__,
            sorted(flags.items()),
            subject,
            sorted(discard),
        )
        parts = (repr(settings).encode(), text.encode("utf-8", "surrogatepass"))
        loaded, found, read_at = kept(KIND, parts, read, self.disk)
        problems.extend(_moved(found, read_at, path))
        return loaded


def _moved(problems: Sequence[Problem], old: Path, new: Path) -> list[Problem]:
    """The problems of a file read at ``old``, as found at ``new`` (the same text)."""
    if old == new:
        return list(problems)
    return [
        replace(problem, location=replace(problem.location, path=new))
        if isinstance(problem.location, Location) and problem.location.path == old
        else problem
        for problem in problems
    ]
