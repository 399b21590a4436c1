"""Open SDG data folder → typed indicators. The only module that knows the Open SDG layout.

A data folder holds ``data/indicator_G-T-I.csv`` (one table per indicator), ``meta/G-T-I.md``
(YAML front matter plus Markdown) and ``translations/de/*.yml``. Problems are collected, not
raised one by one, so ``reportgen check`` can list all of them at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from reportgen.errors import Location, Problem, did_you_mean
from reportgen.frontmatter import read_front_matter
from reportgen.model import Block
from reportgen.periods import parse_period
from reportgen.regions import geo_level, region_key
from reportgen.richtext import html_to_blocks, html_to_text, markdown_to_blocks, safe_url
from reportgen.signs import resolve_flag, sign_in_value_cell
from reportgen.yamlfile import parse_yaml, read_text, yaml_error_location

SPECIAL_COLUMNS = ("Year", "Value", "Units", "Series", "GeoCode")
_ATTRIBUTE_COLUMN = re.compile(r"^(COMMENT_OBS|OBS_[A-Z_]+|COMMENT_[A-Z_]+)$", re.I)
_INDICATOR_FILE = re.compile(r"^indicator_(\d+-\d+-\d+)\.csv$")
_TRANSLATION_KEY = re.compile(r"^([A-Za-z_][\w]*)\.([\w.-]+)$")
_FOOTNOTE_KEYS = ("data_footnote", "data_footnotes", "datafootnote", "datafootnotes")
_EXCEL_ERRORS = {
    "#NV",
    "#N/A",
    "#NA",
    "#WERT!",
    "#VALUE!",
    "#DIV/0!",
    "#BEZUG!",
    "#REF!",
    "#NAME?",
    "#ZAHL!",
    "#NUM!",
    "#NULL!",
    "#LEER!",
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

# Internal column names of an indicator frame; dimension columns keep their CSV names.
PERIOD, KEY, YEAR, VALUE, UNIT, SERIES = "_period", "_key", "_year", "_value", "_unit", "_series"
GEO, REGION, LEVEL, SIGN, FLAG, LINE = "_geo", "_region", "_level", "_sign", "_flag", "_line"


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
        loaded = _load_csv(csv_path, flag_overrides or {}, problems)
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


def _load_csv(
    path: Path, flag_overrides: Mapping[str, str], problems: list[Problem]
) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """Read one indicator table into a tidy frame with internal columns (see module constants)."""
    text = read_text(path)
    table = _read_fast(text) or _read_slow(text, path, problems)
    if table is None:
        return None
    header, raw_rows, lines = table
    if not header:
        problems.append(Problem("Die Datendatei ist leer.", Location(path, 1)))
        return None
    names = [name for name in header if name]
    for required in ("Year", "Value"):
        if required not in names:
            hint = did_you_mean(required, names)
            problems.append(
                Problem(
                    f"Die Spalte „{required}“ fehlt.",
                    Location(path, 1),
                    hint or f"Vorhanden: {', '.join(names)}.",
                )
            )
            return None
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(
            Problem(f"Die Spalte „{duplicates[0]}“ kommt doppelt vor.", Location(path, 1))
        )
        return None
    raw = raw_rows.iloc[:, [i for i, name in enumerate(header) if name]]
    raw.columns = names
    attributes = [n for n in names if _ATTRIBUTE_COLUMN.match(n)]
    dimensions = tuple(n for n in names if n not in SPECIAL_COLUMNS and n not in attributes)

    values, signs, errors = _parse_values(raw["Value"])
    if errors.any():
        column = header.index("Value") + 1
        for index in errors[errors].index[:20]:
            problems.append(
                Problem(
                    _value_error(str(raw.at[index, "Value"])),
                    Location(path, int(lines[index]), column),
                    "Zahlen mit Dezimalpunkt schreiben, z. B. 12.5.",
                )
            )
        return None
    flags = (
        raw[attributes].agg(" ".join, axis=1).str.strip()
        if attributes
        else raw["Value"].map(lambda _: "")
    )
    signs = _apply_flags(flags, signs, flag_overrides, path, lines, problems)
    geocodes = raw["GeoCode"] if "GeoCode" in raw else pd.Series([""] * len(raw))
    geocodes = geocodes.where(~geocodes.str.upper().isin(_EXCEL_ERRORS), "")
    frame = raw[list(dimensions)].copy()
    frame[PERIOD] = raw["Year"]
    frame[VALUE] = values
    frame[UNIT] = raw.get("Units", "")
    frame[SERIES] = raw.get("Series", "")
    frame[GEO] = geocodes
    frame[SIGN] = signs
    frame[FLAG] = flags
    frame[LINE] = lines
    frame = _drop_duplicates(frame, dimensions, path, problems)
    labels = list(dict.fromkeys(frame[PERIOD]))
    periods = {label: parse_period(label, position) for position, label in enumerate(labels)}
    frame[KEY] = frame[PERIOD].map({k: p.sort_key for k, p in periods.items()}).astype(float)
    frame[YEAR] = frame[PERIOD].map({k: p.year for k, p in periods.items()})
    frame[PERIOD] = frame[PERIOD].map({k: p.label for k, p in periods.items()})
    codes = {code: (region_key(code), geo_level(code)) for code in frame[GEO].unique()}
    frame[REGION] = frame[GEO].map({code: key for code, (key, _) in codes.items()})
    frame[LEVEL] = frame[GEO].map({code: level for code, (_, level) in codes.items()})
    return frame.reset_index(drop=True), dimensions


def _read_fast(text: str) -> tuple[list[str], pd.DataFrame, pd.Series] | None:
    """pandas' C parser; None when the file needs the careful reader (ragged or multi-line)."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            header=None,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    if len(frame) != len(physical):  # a quoted line break: line numbers would drift
        return None
    frame = frame.fillna("").astype(object)
    header = [str(name).strip() for name in frame.iloc[0]]
    body = frame.iloc[1:].apply(_strip)
    lines = pd.Series(range(2, len(frame) + 1), index=body.index, dtype="int64")
    filled = (body != "").any(axis=1)
    return header, body[filled].reset_index(drop=True), lines[filled].reset_index(drop=True)


def _strip(column: pd.Series) -> pd.Series:
    """Strip white space, looking at each distinct value once."""
    values = column.unique()
    stripped = {value: value.strip() for value in values if value != value.strip()}
    return column.replace(stripped) if stripped else column


def _read_slow(
    text: str, path: Path, problems: list[Problem]
) -> tuple[list[str], pd.DataFrame, pd.Series] | None:
    """The csv module, line by line: ragged rows and quoted line breaks."""
    reader = csv.reader(text.split("\n"))
    try:
        header = [name.strip() for name in next(reader, [])]
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        problems.append(
            Problem(f"Die CSV-Datei ist fehlerhaft ({exc}).", Location(path, reader.line_num))
        )
        return None
    width = len(header)
    overlong = next((line for line, row in rows if len(row) > width and any(row[width:])), None)
    if overlong is not None:
        problems.append(
            Problem(
                "Die Zeile hat mehr Werte als die Kopfzeile Spalten.",
                Location(path, overlong),
                "Überzählige Werte werden ignoriert.",
                "Warnung",
            )
        )
    padded = [[(row[i].strip() if i < len(row) else "") for i in range(width)] for _, row in rows]
    frame = pd.DataFrame(padded, columns=range(width), dtype=object)
    return header, frame, pd.Series([line for line, _ in rows], dtype="int64")


def _parse_values(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Value cells → (numbers, signs, error mask); empty cells and Excel errors are unknown.

    Plain numbers go through pandas' fast parser; only the rest is looked at one by one.
    """
    numbers = pd.to_numeric(cells, errors="coerce").astype(float).to_numpy(copy=True)
    numbers[~np.isfinite(numbers)] = np.nan  # "inf" is no statistic
    signs = np.full(len(cells), "", dtype=object)
    errors = np.zeros(len(cells), dtype=bool)
    raw_cells = cells.to_numpy()
    for position in np.flatnonzero(np.isnan(numbers)):
        text = str(raw_cells[position]).replace("\xa0", "")
        if _NUMBER.match(text):
            numbers[position] = float(text)
        elif text == "" or text.upper() in _EXCEL_ERRORS:
            signs[position] = "."
        elif (sign := sign_in_value_cell(text)) is not None:
            signs[position] = sign
            numbers[position] = 0.0 if sign == "–" else np.nan
        else:
            errors[position] = True
    index = cells.index
    return (
        pd.Series(numbers, index=index),
        pd.Series(signs, index=index),
        pd.Series(errors, index=index),
    )


def _value_error(raw: str) -> str:
    if re.fullmatch(r"[+-]?[\d.]*\d,\d+", raw.strip()):
        return f"Der Wert „{raw}“ hat ein Dezimalkomma."
    return f"Der Wert „{raw}“ ist keine Zahl."


def _apply_flags(
    flags: pd.Series,
    signs: pd.Series,
    overrides: Mapping[str, str],
    path: Path,
    lines: pd.Series,
    problems: list[Problem],
) -> pd.Series:
    """Observation flags (COMMENT_OBS …) become signs; unknown flags are reported once each."""
    signs = signs.copy()
    for flag in flags[flags != ""].unique():
        mask = flags == flag
        flag_sign = resolve_flag(flag, overrides)
        if flag_sign is None:
            problems.append(
                Problem(
                    f"Unbekanntes Kennzeichen „{flag}“: der Wert wird gezeigt.",
                    Location(path, int(lines[mask].iloc[0])),
                    "Ordnen Sie es in reportgen.yml unter „kennzeichen“ einem Zeichen zu.",
                    "Warnung",
                )
            )
            continue
        signs[mask] = signs[mask].map(lambda own, s=flag_sign: _combine(own, s))
    return signs


def _combine(value_sign: str, flag_sign: str) -> str:
    """A flag overrides the plain sign of a cell, except a suppression stays a suppression."""
    return flag_sign if value_sign in ("", ".") or flag_sign in (".", "/", "x") else value_sign


def _drop_duplicates(
    frame: pd.DataFrame, dimensions: tuple[str, ...], path: Path, problems: list[Problem]
) -> pd.DataFrame:
    keys = [*dimensions, PERIOD, UNIT, SERIES, GEO]
    identical = frame.duplicated(subset=[*keys, VALUE, SIGN, FLAG], keep="first")
    frame = frame[~identical]
    conflicting = frame.duplicated(subset=keys, keep="first")
    if conflicting.any():
        first = frame[conflicting].iloc[0]
        problems.append(
            Problem(
                f"{int(conflicting.sum())} Zeile(n) wiederholen eine Merkmalskombination "
                "mit anderem Wert; es gilt jeweils die erste.",
                Location(path, int(first[LINE])),
                severity="Warnung",
            )
        )
        frame = frame[~conflicting]
    return frame


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
