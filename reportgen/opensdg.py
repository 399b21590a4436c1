"""Open SDG data folder → typed indicators. The only module that knows the Open SDG layout.

A data folder holds ``data/indicator_G-T-I.csv`` (one table per indicator), ``meta/G-T-I.md``
(YAML front matter plus Markdown) and ``translations/de/*.yml``. Problems are collected, not
raised one by one, so ``reportgen check`` can list all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from reportgen.errors import Location, Problem
from reportgen.frontmatter import read_front_matter
from reportgen.model import Block
from reportgen.observations import (
    FLAG,
    GEO,
    KEY,
    LEVEL,
    LINE,
    PERIOD,
    REGION,
    SERIES,
    SIGN,
    UNIT,
    VALUE,
    YEAR,
    load_table,
)
from reportgen.regions import geo_level
from reportgen.richtext import html_to_blocks, html_to_text, markdown_to_blocks, safe_url
from reportgen.yamlfile import parse_yaml, read_text, yaml_error_location

__all__ = [
    "FLAG",
    "GEO",
    "KEY",
    "LEVEL",
    "LINE",
    "PERIOD",
    "REGION",
    "SERIES",
    "SIGN",
    "UNIT",
    "VALUE",
    "YEAR",
    "Dataset",
    "Goal",
    "Indicator",
    "IndicatorMeta",
    "PrecisionRule",
    "SourceLink",
    "Target",
    "Translations",
    "load_dataset",
]

_INDICATOR_FILE = re.compile(r"^indicator_(\d+-\d+-\d+)\.csv$")
_TRANSLATION_KEY = re.compile(r"^([A-Za-z_][\w]*)\.([\w.-]+)$")
_FOOTNOTE_KEYS = ("data_footnote", "data_footnotes", "datafootnote", "datafootnotes")


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


@dataclass(frozen=True, eq=False)
class Indicator:
    """One indicator: its metadata and its observations as a tidy frame."""

    meta: IndicatorMeta
    frame: pd.DataFrame
    dimensions: tuple[str, ...]
    csv_path: Path
    _regions: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def rows_by_region(self) -> dict[str, pd.DataFrame]:
        """The rows of each region, grouped once (fact sheets ask for them often)."""
        if not self._regions:
            self._regions.update(
                (str(key), rows) for key, rows in self.frame.groupby(REGION, sort=False)
            )
        return self._regions

    @property
    def id(self) -> str:
        return self.meta.id

    def decimals(self, unit: str = "", series: str = "") -> int:
        """Decimals to show for a unit/series, from ``precision`` or else from the data."""
        for rule in self.meta.precision:
            if (rule.unit in (None, unit)) and (rule.series in (None, series)):
                return rule.decimals
        values = self.frame.loc[self.frame[UNIT] == unit, VALUE].dropna()
        if values.empty or (values == values.round()).all():
            return 0
        return 1


@dataclass(frozen=True)
class Goal:
    id: str
    title: str


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    description: tuple[Block, ...]


@dataclass(frozen=True, eq=False)
class Dataset:
    root: Path
    goals: Mapping[str, Goal]
    targets: Mapping[str, Target]
    indicators: Mapping[str, Indicator]
    region_names: Mapping[str, str]
    problems: tuple[Problem, ...] = field(default=())


# --- translations ---------------------------------------------------------------------------


class Translations:
    """German translation files; values referenced from metadata as ``file.key``."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.tables: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.yml")):
            try:
                data = parse_yaml(read_text(path))
            except yaml.YAMLError as exc:
                problems.append(
                    Problem(
                        "Übersetzungsdatei ist kein gültiges YAML.", yaml_error_location(exc, path)
                    )
                )
                continue
            if isinstance(data, dict):
                self.tables[path.stem] = {str(k): v for k, v in data.items()}

    def lookup(self, value: Any) -> tuple[str | None, bool]:
        """Resolve a translation key; returns (text, was_key). Plain text passes through."""
        if not isinstance(value, str):
            return (None if value is None else str(value)), False
        match = _TRANSLATION_KEY.match(value.strip())
        if not match or match.group(1) not in self.tables:
            return value, False
        found = self.tables[match.group(1)].get(match.group(2))
        return (None if found is None else str(found)), True

    def text(self, key: str) -> str | None:
        return self.lookup(key)[0]


# --- loading ---------------------------------------------------------------------------------


def load_dataset(root: Path, flag_overrides: Mapping[str, str] | None = None) -> Dataset:
    """Read a whole Open SDG data folder; problems are collected in ``Dataset.problems``."""
    problems: list[Problem] = []
    root = root.resolve()
    if not (root / "data").is_dir() or not (root / "meta").is_dir():
        problems.append(
            Problem(
                "Kein Open-SDG-Datenordner: es fehlen die Unterordner data/ und meta/.",
                Location(root),
                "Geben Sie in reportgen.yml unter „daten“ den Ordner an, "
                "der data/ und meta/ enthält.",
            )
        )
        return Dataset(root, {}, {}, {}, {}, tuple(problems))
    translations = Translations(root / "translations" / "de", problems)
    indicators: dict[str, Indicator] = {}
    metas = sorted((root / "meta").glob("*.md"))
    csv_ids = {
        m.group(1): p for p in (root / "data").glob("*.csv") if (m := _INDICATOR_FILE.match(p.name))
    }
    for meta_path in metas:
        indicator_id = meta_path.stem
        if not re.fullmatch(r"\d+-\d+-\d+", indicator_id):
            continue
        meta = _load_meta(meta_path, translations, problems)
        if meta is None:
            continue
        csv_path = csv_ids.get(indicator_id)
        if csv_path is None:
            problems.append(
                Problem(
                    f"Zu Indikator {meta.number} gibt es keine Datendatei.",
                    Location(meta_path),
                    f"Erwartet: data/indicator_{indicator_id}.csv.",
                )
            )
            continue
        loaded = load_table(csv_path, flag_overrides or {}, problems)
        if loaded is not None:
            frame, dimensions = loaded
            indicators[indicator_id] = Indicator(meta, frame, dimensions, csv_path)
    for indicator_id, csv_path in sorted(csv_ids.items()):
        if indicator_id not in indicators and not (root / "meta" / f"{indicator_id}.md").exists():
            problems.append(
                Problem(
                    "Datendatei ohne Metadaten wird übergangen.",
                    Location(csv_path),
                    f"Legen Sie meta/{indicator_id}.md an.",
                    "Warnung",
                )
            )
    ordered = dict(sorted(indicators.items(), key=lambda kv: _sort_key(kv[1].meta)))
    names = _region_names(ordered.values())
    for indicator in ordered.values():
        _infer_missing_geocodes(indicator.frame, names)
    goals, targets = _structure(ordered.values(), translations)
    return Dataset(root, goals, targets, ordered, names, tuple(problems))


def _sort_key(meta: IndicatorMeta) -> tuple[int, ...]:
    """Goal and topic come from the id; ``indicator_sort_order`` orders within a topic.

    A sort order whose goal and topic disagree with the id is a copying slip and is ignored.
    """
    goal, target, number = (int(part) for part in meta.id.split("-"))
    parts = [int(p) for p in re.findall(r"\d+", meta.sort_order)]
    within = parts[2:] if parts[:2] == [goal, target] and len(parts) > 2 else [number]
    return (goal, target, *within, number)


def _load_meta(path: Path, tr: Translations, problems: list[Problem]) -> IndicatorMeta | None:
    indicator_id = path.stem
    loaded = read_front_matter(path, "der Metadaten", problems)
    if loaded is None:
        return None
    if loaded.meta is None:
        problems.append(
            Problem("Die Metadaten haben keinen YAML-Kopf (--- … ---).", Location(path, 1, 1))
        )
        return None
    data, body = loaded.meta, loaded.body
    if data.get("published") is False:
        return None
    goal, target_no, _ = indicator_id.split("-")
    number = indicator_id.replace("-", ".")

    def rich(key: str) -> tuple[Block, ...]:
        text, was_key = tr.lookup(data.get(key))
        if was_key and text is None:
            problems.append(
                Problem(
                    f"Übersetzungsschlüssel „{data.get(key)}“ fehlt.",
                    Location(path),
                    "Der Text wird weggelassen.",
                    "Warnung",
                )
            )
        return html_to_blocks(text) if text else ()

    title_text, _ = tr.lookup(data.get("indicator_name") or data.get("graph_title"))
    has_title = bool(title_text) and title_text != "Untitled"
    if not has_title:
        title_text = f"Indikator {number}"
    footnote_html = "\n<br>".join(
        str(tr.lookup(data[key])[0] or "") for key in _FOOTNOTE_KEYS if data.get(key)
    )
    tags = tuple(str(tag) for tag in data.get("tags") or ())
    vintage = next((tag for tag in tags if tag.lower().startswith("datenstand")), None)
    source_text, _ = tr.lookup(data.get("data_source"))
    return IndicatorMeta(
        id=indicator_id,
        number=number,
        goal=goal,
        target=f"{goal}-{target_no}",
        title=html_to_text(title_text or ""),
        has_title=has_title,
        graph_type=str(data.get("graph_type") or "line").lower(),
        sort_order=str(data.get("indicator_sort_order") or ""),
        precision=_precision(data.get("precision") or data.get("presicion")),
        start_values=tuple(
            (str(item["field"]), str(item["value"]))
            for item in data.get("data_start_values") or ()
            if isinstance(item, dict) and "field" in item and "value" in item
        ),
        description=rich("national_indicator_description"),
        computation=rich("computation_calculations"),
        footnotes=html_to_blocks(footnote_html) if footnote_html else (),
        other_info=rich("other_info"),
        body=markdown_to_blocks(body) if body.strip() else (),
        data_source=html_to_text(source_text or ""),
        sources=_sources(data, tr),
        vintage=vintage,
        tags=tags,
        path=path,
    )


def _precision(raw: Any) -> tuple[PrecisionRule, ...]:
    rules = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and isinstance(item.get("decimals"), int):
            rules.append(PrecisionRule(item["decimals"], item.get("unit"), item.get("series")))
    return tuple(rules)


def _sources(data: dict[str, Any], tr: Translations) -> tuple[SourceLink, ...]:
    links = []
    numbers = sorted(
        {int(m.group(1)) for key in data if (m := re.match(r"source_url_(\d+)$", key))}
    )
    for number in numbers:
        if data.get(f"source_active_{number}") is False:
            continue
        url = safe_url(str(data.get(f"source_url_{number}") or ""))
        text = tr.lookup(data.get(f"source_url_text_{number}"))[0] or url
        if text:
            links.append(SourceLink(html_to_text(text), url))
    return tuple(links)


def _structure(indicators: Any, tr: Translations) -> tuple[dict[str, Goal], dict[str, Target]]:
    goals: dict[str, Goal] = {}
    targets: dict[str, Target] = {}
    for indicator in indicators:
        meta = indicator.meta
        if meta.goal not in goals:
            title = tr.text(f"global_goals.{meta.goal}-title") or f"Handlungsfeld {meta.goal}"
            goals[meta.goal] = Goal(meta.goal, html_to_text(title))
        if meta.target not in targets:
            raw = tr.text(f"global_targets.{meta.target}-title")
            targets[meta.target] = _target(meta.target, raw)
    return goals, targets


def _target(target_id: str, raw: str | None) -> Target:
    """Open SDG target texts often pack a bold title and an explanation into one string."""
    fallback = f"Thema {target_id.replace('-', '.')}"
    if not raw:
        return Target(target_id, fallback, ())
    match = re.match(r"\s*<b>(.*?)</b>(.*)$", raw, re.S | re.I)
    if match:
        return Target(
            target_id, html_to_text(match.group(1)) or fallback, html_to_blocks(match.group(2))
        )
    return Target(target_id, html_to_text(raw) or fallback, ())


# --- CSV -------------------------------------------------------------------------------------


def _region_names(indicators: Any) -> dict[str, str]:
    """Region key → the name most often used for it across all indicators."""
    counts: dict[str, dict[str, int]] = {}
    for indicator in indicators:
        frame = indicator.frame
        if "Gebietseinheit" not in frame.columns:
            continue
        pairs = frame.loc[frame[REGION] != "", [REGION, "Gebietseinheit"]].drop_duplicates()
        for key, name in pairs.itertuples(index=False):
            counts.setdefault(key, {}).setdefault(name, 0)
            counts[key][name] += 1
    return {key: max(names, key=lambda n: (names[n], -len(n))) for key, names in counts.items()}


def _infer_missing_geocodes(frame: pd.DataFrame, names: Mapping[str, str]) -> None:
    """Rows without GeoCode get the region whose name they carry elsewhere in the data."""
    if "Gebietseinheit" not in frame.columns:
        return
    by_name = {name: key for key, name in names.items()}
    missing = frame[REGION] == ""
    if missing.any():
        inferred = frame.loc[missing, "Gebietseinheit"].map(lambda n: by_name.get(n, ""))
        frame.loc[missing, REGION] = inferred
        frame.loc[missing, LEVEL] = inferred.map(geo_level)
