"""Indicator metadata of an Open SDG data folder: read, merged and translated as sdg-build does.

Each indicator may have several metadata files (e.g. ``indicator-config/1-1-1.yml`` and
``meta/1-1-1.md``); they are merged in input order, a later file's fields winning, and a German
version in a language subfolder (``meta/de/1-1-1.md``) wins over both. Values that name a
translation (``global_indicators.1-1-1-title``) are looked up in ``translations/de/*.yml``; a key
that does not resolve is an error naming the file, line and field, never printed as it stands.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.compose.model import Block
from reportgen.compose.richtext import (
    html_to_blocks,
    html_to_text,
    markdown_to_blocks,
    safe_url,
)
from reportgen.errors import Location, Problem, ReportError, working_on
from reportgen.load.defects import Rule
from reportgen.load.frontmatter import read_front_matter
from reportgen.load.layout import LANGUAGE, MetaFormat, MetaSource
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlfile import YamlProblem, parse_yaml, yaml_nodes, yaml_problem

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\.(\S+)$")
_TITLE_KEYS = ("indicator_name", "graph_title")
_FOOTNOTE_KEYS = ("data_footnote", "data_footnotes", "datafootnote", "datafootnotes")
MAX_DECIMALS = 6
"""More decimals than this are a slip in ``precision`` (no statistic is published that way)."""
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


@dataclass(frozen=True)
class SourceLink:
    text: str
    url: str | None


@dataclass(frozen=True)
class PrecisionRule:
    decimals: int
    unit: str | None = None
    series: str | None = None


@dataclass(frozen=True)
class IndicatorMeta:
    id: str
    number: str
    goal: str
    target: str
    title: str
    has_title: bool
    """False when the metadata gave no usable title and ``title`` is a stand-in."""
    title_error: bool
    """True when the title could not be read (a broken file or key, reported as an error)."""
    graph_type: str
    sort_order: str
    precision: tuple[PrecisionRule, ...]
    start_values: tuple[tuple[str, str], ...]
    description: tuple[Block, ...]
    computation: tuple[Block, ...]
    footnotes: tuple[Block, ...]
    other_info: tuple[Block, ...]
    body: tuple[Block, ...]
    data_source: str
    sources: tuple[SourceLink, ...]
    vintage: str | None
    tags: tuple[str, ...]
    path: Path
    """The first metadata file of the indicator (for messages)."""


# --- translations ----------------------------------------------------------------------------


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
            data = parse_yaml(read_text(path, FileKind.TRANSLATION))
        except ReportError as exc:
            problems.append(exc.problem)
            return None
        except YamlProblem as exc:
            problems.append(
                yaml_problem(exc, path, 1, "Die Übersetzungsdatei ist kein gültiges YAML")
            )
            return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "Die Übersetzungsdatei muss aus Zeilen „schlüssel: wert“ bestehen.",
                Location(path, 1, 1),
            )
        )
        return None
    return {str(key): value for key, value in data.items()}


# --- reading and merging ---------------------------------------------------------------------


@dataclass
class RawMeta:
    """The merged fields of one indicator's metadata files, with where each field was set."""

    files: list[Path] = field(default_factory=list)
    broken: bool = False
    """A file could not be read (the problem is reported); its fields are missing."""
    fields: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Location] = field(default_factory=dict)
    body: str = ""
    body_location: Location | None = None

    def merge(self, fields: dict[str, Any], origins: dict[str, Location]) -> None:
        _deep_update(self.fields, fields)
        self.origins.update(origins)

    def where(self, key: str) -> Location:
        return self.origins.get(key) or Location(self.files[0])


def _deep_update(target: dict[str, Any], update: dict[str, Any]) -> None:
    """sdg-build's merge: nested mappings merge, everything else is replaced."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


@dataclass(frozen=True)
class _MetaFile:
    fields: dict[str, Any]
    origins: dict[str, Location]
    body: str = ""
    body_line: int = 1


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
                raw.body, raw.body_location = read.body, Location(path, read.body_line)
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
    origins = _key_lines(loaded.head, path, first_line=2)
    return _MetaFile(_fix_booleans(loaded.meta), origins, loaded.body, loaded.body_line)


def _read_yaml(path: Path, problems: list[Problem]) -> _MetaFile | None:
    try:
        text = read_text(path, FileKind.METADATA)
        data = parse_yaml(text)
    except ReportError as exc:
        problems.append(exc.problem)
        return None
    except YamlProblem as exc:
        problems.append(yaml_problem(exc, path, 1, "Die Metadaten sind kein gültiges YAML"))
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "Die Metadaten müssen aus Zeilen „schlüssel: wert“ bestehen.", Location(path, 1, 1)
            )
        )
        return None
    fields = _fix_booleans({str(key): value for key, value in data.items()})
    body = fields.pop("page_content", "")
    return _MetaFile(fields, _key_lines(text, path), body if isinstance(body, str) else "")


def _key_lines(text: str, path: Path, first_line: int = 1) -> dict[str, Location]:
    """The line of every top-level key, so messages can point at a field."""
    try:
        root = yaml_nodes(text)
    except YamlProblem:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {
        str(key.value): Location(path, key.start_mark.line + first_line, key.start_mark.column + 1)
        for key, _ in root.value
    }


def _fix_booleans(fields: dict[str, Any]) -> dict[str, Any]:
    """sdg-build reads the strings "true" and "false" as booleans."""
    return {
        key: (value.lower() == "true")
        if isinstance(value, str) and value.lower() in ("true", "false")
        else value
        for key, value in fields.items()
    }


# --- the typed metadata ----------------------------------------------------------------------


def indicator_parts(indicator_id: str) -> tuple[str, str, str]:
    """(goal, target, printed number): ``1-2-3`` → (``1``, ``1-2``, ``1.2.3``).

    As in sdg-build, the target is made of the first two parts; an id of two parts is its own
    target.
    """
    parts = indicator_id.split("-")
    return parts[0], "-".join(parts[:2]), ".".join(parts)


def build_meta(
    indicator_id: str,
    raw: RawMeta,
    tr: Translations,
    problems: list[Problem],
    titled: bool = False,
) -> IndicatorMeta | None:
    """Typed metadata of one indicator; None when it is not to be published.

    ``titled``: the project gives the indicator's title itself, so a broken title in the
    metadata reaches no page and is not reported.
    """
    data = raw.fields
    if data.get("published") is False:
        return None
    goal, target, number = indicator_parts(indicator_id)

    title_error = raw.broken

    def text(key: str) -> str | None:
        nonlocal title_error
        value, problem = tr.resolve(data.get(key))
        title_error = title_error or (problem is not None and key in _TITLE_KEYS)
        if problem is not None and not (titled and key in _TITLE_KEYS):
            message, hint = problem
            problems.append(
                Problem(
                    f"Der Übersetzungsschlüssel „{data.get(key)}“ im Feld „{key}“ {message}.",
                    raw.where(key),
                    hint,
                    rule=Rule.MISSING_TRANSLATION,
                    subject=indicator_id,
                )
            )
        return value

    def rich(key: str) -> tuple[Block, ...]:
        value = text(key)
        return html_to_blocks(value) if value else ()

    title_key = "indicator_name" if data.get("indicator_name") else "graph_title"
    title_text = text(title_key)
    has_title = bool(title_text) and title_text != "Untitled"
    if not has_title:
        title_text = f"Indikator {number}"
    footnotes = [note for key in _FOOTNOTE_KEYS if data.get(key) and (note := text(key))]
    tags = tuple(str(tag) for tag in _as_list(data.get("tags")))
    vintage = next((tag for tag in tags if tag.lower().startswith("datenstand")), None)
    return IndicatorMeta(
        id=indicator_id,
        number=number,
        goal=goal,
        target=target,
        title=html_to_text(title_text or ""),
        has_title=has_title,
        title_error=title_error,
        graph_type=str(data.get("graph_type") or "line").lower(),
        sort_order=str(data.get("indicator_sort_order") or ""),
        precision=_precision(data, raw, indicator_id, problems),
        start_values=tuple(
            (str(item["field"]), str(item["value"]))
            for item in _as_list(data.get("data_start_values"))
            if isinstance(item, dict) and "field" in item and "value" in item
        ),
        description=rich("national_indicator_description"),
        computation=rich("computation_calculations"),
        footnotes=html_to_blocks("\n<br>".join(footnotes)) if footnotes else (),
        other_info=rich("other_info"),
        body=markdown_to_blocks(raw.body) if raw.body.strip() else (),
        data_source=html_to_text(text("data_source") or ""),
        sources=_sources(data, text),
        vintage=vintage,
        tags=tags,
        path=raw.files[0],
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _precision(
    data: dict[str, Any], raw: RawMeta, indicator_id: str, problems: list[Problem]
) -> tuple[PrecisionRule, ...]:
    key = "precision" if "precision" in data else "presicion"
    rules = []
    for item in _as_list(data.get(key)):
        if not isinstance(item, dict) or not isinstance(item.get("decimals"), int):
            continue
        decimals = item["decimals"]
        if not 0 <= decimals <= MAX_DECIMALS:
            problems.append(
                Problem(
                    f"„{key}“ verlangt {decimals} Nachkommastellen; möglich sind 0 bis "
                    f"{MAX_DECIMALS}.",
                    raw.where(key),
                    "Berichtigen Sie „decimals“ in den Metadaten.",
                )
            )
            continue
        unit, series = item.get("unit"), item.get("series")
        rules.append(
            PrecisionRule(
                decimals,
                None if unit is None else str(unit),
                None if series is None else str(series),
            )
        )
    return tuple(rules)


def _sources(data: dict[str, Any], text: Any) -> tuple[SourceLink, ...]:
    links = []
    numbers = sorted(
        {int(m.group(1)) for key in data if (m := re.match(r"source_url_(\d+)$", key))}
    )
    for number in numbers:
        if data.get(f"source_active_{number}") is False:
            continue
        url = safe_url(str(data.get(f"source_url_{number}") or ""))
        label = text(f"source_url_text_{number}") or url
        if label:
            links.append(SourceLink(html_to_text(label), url))
    return tuple(links)


def goal_title(goal: str, tr: Translations) -> str | None:
    return tr.text(f"global_goals.{goal}-title")


def target_title(target: str, tr: Translations) -> str | None:
    return tr.text(f"global_targets.{target}-title")
