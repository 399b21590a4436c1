"""Which files of an Open SDG data folder are read, decided as sdg-build decides it.

A data repository may say in ``config_data.yml`` where its inputs are (``inputs``: CSV data,
metadata as Markdown with a YAML head or as plain YAML, e.g. ``meta/*.md``,
``indicator-config/*.yml``) and where its translations are (``translations``). Without that
file the defaults apply: ``data/*-*.csv``, metadata from ``indicator-config/*-*.yml``,
``meta/*-*.yml`` and ``meta/*-*.md`` (merged in that order, later files win) and translations
from ``translations/<Sprache>/*.yml``. Nothing is ever fetched from the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from reportgen.errors import Location, Problem, ReportError, Severity, did_you_mean, working_on
from reportgen.load.defects import Rule
from reportgen.load.textfile import FileKind
from reportgen.load.yamlfile import KeyPositions, read_yaml_mapping

CONFIG_DATA = "config_data.yml"
LANGUAGE = "de"
INDICATOR_ID = re.compile(r"^\d+(?:-(?:\d+|[A-Za-z]{1,3}))+$")
"""Dash-separated parts, the first a number: ``4-1``, ``1-1-1``, ``1-1-1-a``, ``1-a-1``."""
_DATA_PREFIX = "indicator_"


class MetaFormat(StrEnum):
    MARKDOWN = "InputYamlMdMeta"
    """A YAML head between ``---`` lines, then Markdown (the page content)."""
    YAML = "InputYamlMeta"


@dataclass(frozen=True)
class MetaSource:
    pattern: str
    format: MetaFormat


@dataclass(frozen=True)
class Layout:
    """Where the parts of one data folder are, relative to ``root``."""

    root: Path
    data_patterns: tuple[str, ...]
    meta_sources: tuple[MetaSource, ...]
    """In merge order: a later source overrides the fields of an earlier one."""
    translation_folders: tuple[Path, ...]
    remote_translations: tuple[str, ...] = ()
    """Declared translation sources that reportgen does not read (network, other formats)."""

    def data_folders(self) -> set[Path]:
        return {(self.root / pattern).parent for pattern in self.data_patterns}

    def meta_folders(self) -> set[Path]:
        return {(self.root / source.pattern).parent for source in self.meta_sources}


DEFAULT_DATA = ("data/*-*.csv",)
DEFAULT_META = (
    MetaSource("indicator-config/*-*.yml", MetaFormat.YAML),
    MetaSource("meta/*-*.yml", MetaFormat.YAML),
    MetaSource("meta/*-*.md", MetaFormat.MARKDOWN),
)
DEFAULT_TRANSLATIONS = "translations"

_DATA_CLASS = "InputCsvData"
_META_CLASSES = {format.value: format for format in MetaFormat}
_LOCAL_TRANSLATIONS = "TranslationInputYaml"
_REMOTE_TRANSLATIONS = "TranslationInputSdgTranslations"


def indicator_id_of_data(path: Path) -> str | None:
    """``indicator_1-2-2.csv`` or ``1-2-2.csv`` → ``1-2-2`` (as sdg-build names them)."""
    stem = path.stem.removeprefix(_DATA_PREFIX)
    return stem if INDICATOR_ID.match(stem) else None


def indicator_id_of_meta(path: Path) -> str | None:
    return path.stem if INDICATOR_ID.match(path.stem) else None


def read_layout(root: Path, problems: list[Problem]) -> Layout:
    """The layout of a data folder; problems of ``config_data.yml`` are collected."""
    config_path = root / CONFIG_DATA
    if not config_path.is_file():
        return _default_layout(root)
    with working_on(config_path):
        config = _read_config(config_path, problems)
    if config is None:
        return _default_layout(root)
    data, positions = config
    src = data.get("src_dir") or ""
    source_root = root / str(src) if _inside(str(src)) else root
    if not _inside(str(src)):
        problems.append(_outside(positions, ("src_dir",), str(src)))
    data_patterns: list[str] = []
    meta_sources: list[MetaSource] = []
    inputs = data.get("inputs")
    if inputs is None:
        data_patterns, meta_sources = list(DEFAULT_DATA), list(DEFAULT_META)
    elif not isinstance(inputs, list):
        problems.append(
            Problem(
                "„inputs“ muss eine Liste von Eingaben sein.",
                positions.location(("inputs",)),
            )
        )
    else:
        for index, entry in enumerate(inputs):
            _read_input(entry, index, positions, data_patterns, meta_sources, problems)
    folders, remote = _translation_sources(data, source_root, positions, problems)
    return Layout(source_root, tuple(data_patterns), tuple(meta_sources), folders, remote)


def _default_layout(root: Path) -> Layout:
    return Layout(root, DEFAULT_DATA, DEFAULT_META, (root / DEFAULT_TRANSLATIONS,))


def _read_config(path: Path, problems: list[Problem]) -> tuple[dict[str, Any], KeyPositions] | None:
    try:
        return read_yaml_mapping(
            path,
            FileKind.DATA_CONFIG,
            f"{CONFIG_DATA} ist kein gültiges YAML",
            f"{CONFIG_DATA} muss aus Zeilen „schlüssel: wert“ bestehen.",
        )
    except ReportError as exc:
        problems.append(exc.problem)
        return None


def _read_input(
    entry: Any,
    index: int,
    positions: KeyPositions,
    data_patterns: list[str],
    meta_sources: list[MetaSource],
    problems: list[Problem],
) -> None:
    where = positions.location(("inputs", index))
    if not isinstance(entry, dict) or not entry.get("class"):
        problems.append(Problem("Eine Eingabe unter „inputs“ nennt keine „class“.", where))
        return
    kind = str(entry["class"])
    where = positions.location(("inputs", index, "class"))
    known = (_DATA_CLASS, *_META_CLASSES)
    if kind not in known:
        if kind == "InputSdmxMeta" and entry.get("meta_suffix"):
            # global metadata from the UN's SDMX service: fields get a suffix (e.g. __GLOBAL)
            # that no part of a report prints, so leaving them out changes nothing printed
            problems.append(
                Problem(
                    f"Die Eingabe „{kind}“ (globale Metadaten aus dem Netz) wird nicht gelesen.",
                    where,
                    "Ihre Felder erscheinen in keinem Bericht; es fehlt nichts.",
                    Severity.WARNING,
                )
            )
            return
        problems.append(
            Problem(
                f"Die Eingabeart „{kind}“ kann reportgen nicht lesen.",
                where,
                did_you_mean(kind, known)
                or "Möglich sind CSV-Daten (InputCsvData) und Metadaten als YAML "
                "(InputYamlMeta) oder Markdown mit YAML-Kopf (InputYamlMdMeta).",
            )
        )
        return
    pattern = entry.get("path_pattern")
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(
            Problem(f"Die Eingabe „{kind}“ nennt kein „path_pattern“.", where, _PATTERN_HINT)
        )
        return
    if not _inside(pattern):
        problems.append(_outside(positions, ("inputs", index, "path_pattern"), pattern))
        return
    if kind == _DATA_CLASS:
        data_patterns.append(pattern.strip())
    else:
        meta_sources.append(MetaSource(pattern.strip(), _META_CLASSES[kind]))


_PATTERN_HINT = "Zum Beispiel: path_pattern: data/*-*.csv"


def _translation_sources(
    data: dict[str, Any], source_root: Path, positions: KeyPositions, problems: list[Problem]
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    entries = data.get("translations")
    if entries is None:
        return (source_root / DEFAULT_TRANSLATIONS,), ()
    if not isinstance(entries, list):
        problems.append(
            Problem(
                "„translations“ muss eine Liste sein.",
                positions.location(("translations",)),
            )
        )
        return (), ()
    folders: list[Path] = []
    remote: list[str] = []
    for index, entry in enumerate(entries):
        where = positions.location(("translations", index))
        kind = str(entry.get("class", "")) if isinstance(entry, dict) else ""
        source = str(entry.get("source") or "") if isinstance(entry, dict) else ""
        if kind == _LOCAL_TRANSLATIONS:
            source = source or DEFAULT_TRANSLATIONS
            if _inside(source):
                folders.append(source_root / source)
            else:
                problems.append(_outside(positions, ("translations", index, "source"), source))
        elif kind == _REMOTE_TRANSLATIONS or source.startswith(("http:", "https:", "git@")):
            remote.append(source or kind)
        else:
            problems.append(
                Problem(
                    f"Die Übersetzungsquelle „{kind or entry}“ kann reportgen nicht lesen.",
                    where,
                    "Möglich sind YAML-Übersetzungen in einem Ordner (TranslationInputYaml).",
                )
            )
    return tuple(folders), tuple(remote)


def _inside(pattern: str) -> bool:
    """Patterns stay inside the data folder: no absolute paths, no ``..``."""
    posix = PurePosixPath(pattern.replace("\\", "/"))
    return not posix.is_absolute() and ".." not in posix.parts and ":" not in pattern


def _outside(positions: KeyPositions, keys: tuple[str | int, ...], value: str) -> Problem:
    return Problem(
        f"„{value}“ zeigt aus dem Datenordner heraus.",
        positions.location(keys),
        "reportgen liest nur Dateien innerhalb des Datenordners; geben Sie einen relativen "
        "Pfad ohne „..“ an.",
    )


def data_files(layout: Layout) -> dict[Path, str | None]:
    """Every file the data patterns match, with its indicator id (None: not an id)."""
    return {
        path: indicator_id_of_data(path)
        for pattern in layout.data_patterns
        for path in sorted(layout.root.glob(pattern))
        if path.is_file()
    }


def meta_files(layout: Layout) -> list[tuple[MetaSource, Path, str | None]]:
    """Every metadata file in merge order, with its indicator id (None: not an id)."""
    return [
        (source, path, indicator_id_of_meta(path))
        for source in layout.meta_sources
        for path in sorted(layout.root.glob(source.pattern))
        if path.is_file()
    ]


def unknown_files(layout: Layout, known: set[Path]) -> list[Problem]:
    """Files in a data or metadata folder that no input reads: a table that would be missed."""
    problems = []
    for folder in sorted(layout.data_folders() | layout.meta_folders()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_dir() or path.name.startswith(".") or path in known:
                continue
            relative = path.relative_to(layout.root).as_posix()
            problems.append(
                Problem(
                    "Die Datei ist weder eine Indikatortabelle noch Metadaten eines Indikators "
                    "und wird nicht gelesen.",
                    Location(path),
                    _unknown_hint(path),
                    rule=Rule.UNKNOWN_FILE,
                    subject=relative,
                )
            )
    return problems


def _unknown_hint(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return (
            "Indikatortabellen heißen indicator_<Kennung>.csv, z. B. indicator_1-2-2.csv; "
            "anderes gehört nicht in diesen Ordner."
        )
    return "Entfernen Sie sie aus dem Ordner oder geben Sie sie als bekannten Datenfehler an."
