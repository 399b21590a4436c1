"""An indicator's metadata files, read and merged in input order as sdg-build merges them.

Each indicator may have several metadata files (e.g. ``indicator-config/1-1-1.yml`` and
``meta/1-1-1.md``); they are merged in input order, a later file's fields winning, and a German
version in a language subfolder (``meta/de/1-1-1.md``) wins over both. Every field remembers
the file and line it was set in, so messages can point at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.errors import Location, Problem, ReportError, working_on
from reportgen.load.frontmatter import read_front_matter
from reportgen.load.layout import LANGUAGE, MetaFormat, MetaSource
from reportgen.load.textfile import FileKind
from reportgen.load.yamlfile import merged, read_yaml_mapping


@dataclass
class RawMeta:
    """The merged fields of one indicator's metadata files, with where each field was set."""

    files: list[Path] = field(default_factory=list)
    broken: bool = False
    """A file could not be read (the problem is reported); its fields are missing."""
    fields: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Location] = field(default_factory=dict)
    body: str = ""
    """The page content of the last file whose content is not blank (else empty)."""

    def merge(self, fields: dict[str, Any], origins: dict[str, Location]) -> None:
        self.fields = merged(self.fields, fields)
        self.origins.update(origins)

    def where(self, key: str) -> Location:
        return self.origins.get(key) or Location(self.files[0])


@dataclass(frozen=True)
class _MetaFile:
    fields: dict[str, Any]
    origins: dict[str, Location]
    body: str = ""


def read_metadata(
    files: Sequence[tuple[MetaSource, Path, str]], problems: list[Problem]
) -> dict[str, RawMeta]:
    """All metadata files (in merge order) → merged fields per indicator id."""
    merged: dict[str, RawMeta] = {}
    german: dict[str, RawMeta] = {}
    for source, path, indicator_id in files:
        raw = merged.setdefault(indicator_id, RawMeta())
        raw.files.append(path)
        read = _read_meta_file(path, source.format, problems)
        raw.broken = raw.broken or read is None
        if read is not None:
            raw.merge(read.fields, read.origins)
            if read.body.strip():
                raw.body = read.body
        translated = path.parent / LANGUAGE / path.name
        if translated.is_file():
            read = _read_meta_file(translated, source.format, problems)
            raw.broken = raw.broken or read is None
            if read is not None:
                german.setdefault(indicator_id, RawMeta(files=[translated])).merge(
                    read.fields, read.origins
                )
    for indicator_id, raw in german.items():
        # sdg-build applies the language folder last, as a flat update over the merged fields
        merged[indicator_id].fields.update(raw.fields)
        merged[indicator_id].origins.update(raw.origins)
    return merged


def _read_meta_file(path: Path, format: MetaFormat, problems: list[Problem]) -> _MetaFile | None:
    with working_on(path):
        if format is MetaFormat.MARKDOWN:
            return _read_markdown(path, problems)
        return _read_yaml(path, problems)


def _read_markdown(path: Path, problems: list[Problem]) -> _MetaFile | None:
    loaded = read_front_matter(path, "der Metadaten", problems, FileKind.METADATA)
    if loaded is None:
        return None
    if loaded.meta is None:
        problems.append(
            Problem("Die Metadaten haben keinen YAML-Kopf (--- … ---).", Location(path, 1, 1))
        )
        return None
    origins = loaded.positions.top_level() if loaded.positions else {}
    return _MetaFile(_fix_booleans(loaded.meta), origins, loaded.body)


def _read_yaml(path: Path, problems: list[Problem]) -> _MetaFile | None:
    try:
        data, positions = read_yaml_mapping(
            path,
            FileKind.METADATA,
            "Die Metadaten sind kein gültiges YAML",
            "Die Metadaten müssen aus Zeilen „schlüssel: wert“ bestehen.",
        )
    except ReportError as exc:
        problems.append(exc.problem)
        return None
    fields = _fix_booleans({str(key): value for key, value in data.items()})
    body = fields.pop("page_content", "")
    return _MetaFile(fields, positions.top_level(), body if isinstance(body, str) else "")


def _fix_booleans(fields: dict[str, Any]) -> dict[str, Any]:
    """sdg-build reads the strings "true" and "false" as booleans."""
    return {
        key: (value.lower() == "true")
        if isinstance(value, str) and value.lower() in ("true", "false")
        else value
        for key, value in fields.items()
    }
