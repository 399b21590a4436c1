"""German translation files of an Open SDG data folder, and the metadata values that name them.

Values that name a translation (``global_indicators.1-1-1-title``) are looked up in
``translations/de/*.yml``; a key that does not resolve is reported by whoever asked, never
printed as it stands.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportgen.errors import Problem, ReportError, working_on
from reportgen.load.layout import LANGUAGE
from reportgen.load.textfile import FileKind
from reportgen.load.yamlfile import read_yaml_mapping

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\.(\S+)$")
SDG_TRANSLATION_GROUPS = frozenset(
    {
        "calendar",
        "cookies",
        "data",
        "footer",
        "frontpage",
        "general",
        "global_goals",
        "global_indicators",
        "global_targets",
        "goal",
        "header",
        "indicator",
        "languages",
        "menu",
        "metadata_fields",
        "post",
        "search",
        "status",
    }
)
"""Groups of the Open SDG translation repository (sdg-translations), which sites load from
the network; a key of these groups that is not in the local files cannot be resolved here."""


class Translations:
    """German translation files; values referenced from metadata as ``file.key``."""

    def __init__(self, folders: Sequence[Path], remote: Sequence[str], problems: list[Problem]):
        self.tables: dict[str, dict[str, Any]] = {}
        self.paths: dict[str, Path] = {}
        self.other_languages: set[str] = set()
        self.remote = tuple(remote)
        for folder in folders:
            for path in sorted((folder / LANGUAGE).glob("*.yml")):
                table = _read_table(path, problems)
                if table is not None:
                    self.tables.setdefault(path.stem, {}).update(table)
                    self.paths[path.stem] = path
            if folder.is_dir():
                self.other_languages.update(
                    path.stem
                    for language in folder.iterdir()
                    if language.is_dir() and language.name != LANGUAGE
                    for path in language.glob("*.yml")
                )

    def text(self, key: str) -> str | None:
        """The translation of a key the tool itself looks up (e.g. a goal's title)."""
        match = _KEY.match(key)
        if not match or match.group(1) not in self.tables:
            return None
        found = self.tables[match.group(1)].get(match.group(2))
        return None if found is None else str(found)

    def resolve(self, value: Any) -> tuple[str | None, tuple[str, str | None] | None]:
        """A metadata value, translated where it is a key: (text, problem).

        The problem is (German message part, hint) when the value is a translation key that
        does not resolve; the text is then None (nothing is printed for the field).
        """
        if value is None:
            return None, None
        if not isinstance(value, str):
            return str(value), None
        match = _KEY.match(value.strip())
        if not match:
            return value, None
        group, key = match.groups()
        if group in self.tables:
            found = self.tables[group].get(key)
            if found is not None:
                return str(found), None
            close = difflib.get_close_matches(key, [str(k) for k in self.tables[group]], n=1)
            if close:
                return None, (f"fehlt in {self._file(group)}", f"Meinten Sie „{group}.{close[0]}“?")
            if self.remote and group in SDG_TRANSLATION_GROUPS:
                return None, self._remote(group)
            return None, (f"fehlt in {self._file(group)}", None)
        close = difflib.get_close_matches(group, self.tables, n=1, cutoff=0.8)
        if close:
            return None, (
                f"nennt die Übersetzungsdatei „{group}“, die es nicht gibt",
                f"Meinten Sie „{close[0]}.{key}“?",
            )
        if group in self.other_languages:
            return None, (
                f"gibt es nur in anderen Sprachen, nicht auf Deutsch ({LANGUAGE}/{group}.yml)",
                f"Legen Sie translations/{LANGUAGE}/{group}.yml mit dem Schlüssel an.",
            )
        if self.remote and group in SDG_TRANSLATION_GROUPS:
            return None, self._remote(group)
        return value, None  # text that merely contains a dot, e.g. "www.example.de"

    def _remote(self, group: str) -> tuple[str, str]:
        return (
            f"steht nicht in den lokalen Übersetzungen; er stammt vermutlich aus der "
            f"Übersetzungsquelle im Netz ({self.remote[0]}), die reportgen nicht lädt",
            f"Legen Sie ihn in translations/{LANGUAGE}/{group}.yml ab.",
        )

    def _file(self, group: str) -> str:
        path = self.paths.get(group)
        return f"{path.parent.parent.name}/{LANGUAGE}/{path.name}" if path else group


def _read_table(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    with working_on(path):
        try:
            data, _ = read_yaml_mapping(
                path,
                FileKind.TRANSLATION,
                "Die Übersetzungsdatei ist kein gültiges YAML",
                "Die Übersetzungsdatei muss aus Zeilen „schlüssel: wert“ bestehen.",
            )
        except ReportError as exc:
            problems.append(exc.problem)
            return None
    return {str(key): value for key, value in data.items()}


def goal_title(goal: str, tr: Translations) -> str | None:
    return tr.text(f"global_goals.{goal}-title")


def target_title(target: str, tr: Translations) -> str | None:
    return tr.text(f"global_targets.{target}-title")
