"""Open SDG data folder → typed indicators. The only module that knows how the parts fit.

Which files are read is decided by ``reportgen.load.layout`` (``config_data.yml`` or the defaults);
tables are read by ``reportgen.load.observations``, metadata by ``reportgen.load.metafiles`` and
``reportgen.load.metadata``, translations by ``reportgen.load.translations``. Here they are paired
(a table and its metadata always come together), the areas are checked across all indicators
(``reportgen.load.areas``), and goals and topics are named. Problems are collected, not raised one
by one, so ``reportgen check`` can list all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from reportgen.errors import Location, Problem, ReportError, Severity, working_on
from reportgen.load.areas import check_area_codes
from reportgen.load.dataset import Dataset, Goal, Indicator, Target
from reportgen.load.defects import Rule
from reportgen.load.htmltext import html_to_text
from reportgen.load.layout import Layout, data_files, meta_files, read_layout, unknown_files
from reportgen.load.metadata import (
    IndicatorMeta,
    build_meta,
    indicator_parts,
)
from reportgen.load.metafiles import RawMeta, read_metadata
from reportgen.load.observations import (
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
from reportgen.load.tablecache import TableCache
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.translations import Translations, goal_title, target_title

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
    "Target",
    "Translations",
    "load_dataset",
]

# --- loading ---------------------------------------------------------------------------------


def load_dataset(
    root: Path,
    flag_overrides: Mapping[str, str] | None = None,
    titled: Collection[str] = (),
    discard: Mapping[str, Collection[int]] | None = None,
) -> Dataset:
    """Read a whole Open SDG data folder; problems are collected in ``Dataset.problems``.

    ``flag_overrides``: observation flags → signs; ``titled``: ids whose title the project
    gives itself (``indikatortitel``); ``discard``: per indicator, table lines the project
    declared wrong.
    """
    problems: list[Problem] = []
    root = root.resolve()
    layout = read_layout(root, problems)
    tables = data_files(layout)
    metas = meta_files(layout)
    if not tables and not metas and not _has_folders(layout):
        problems.append(
            Problem(
                "Kein Open-SDG-Datenordner: es fehlen die Unterordner data/ und meta/.",
                Location(root),
                "Geben Sie in reportgen.yml unter „daten“ den Ordner an, "
                "der data/ und meta/ enthält.",
            )
        )
        return Dataset(root, {}, {}, {}, {}, tuple(problems))
    translations = Translations(layout.translation_folders, layout.remote_translations, problems)
    csv_by_id = _tables_by_id(tables, problems)
    raw = read_metadata([(s, p, i) for s, p, i in metas if i is not None], problems)
    known = {path for path, i in tables.items() if i is not None}
    known |= {path for _, path, i in metas if i is not None}
    problems.extend(unknown_files(layout, known))
    indicators: dict[str, Indicator] = {}
    read_table = TableCache.opened(load_table)
    for indicator_id in sorted(set(csv_by_id) | set(raw), key=_natural_id):
        indicator = _load_indicator(
            read_table,
            indicator_id,
            csv_by_id.get(indicator_id),
            raw.get(indicator_id),
            layout,
            translations,
            flag_overrides or {},
            problems,
            indicator_id in titled,
            (discard or {}).get(indicator_id, ()),
        )
        if indicator is not None:
            indicators[indicator_id] = indicator
    ordered = dict(sorted(indicators.items(), key=lambda kv: _sort_key(kv[1].meta)))
    area_problems, areas = check_area_codes(ordered.values())
    problems.extend(area_problems)
    for indicator in ordered.values():
        areas.infer_missing_geocodes(indicator.frame)
    goals, targets = _structure(ordered.values(), translations)
    return Dataset(root, goals, targets, ordered, areas.names, tuple(problems))


def _has_folders(layout: Layout) -> bool:
    return any(folder.is_dir() for folder in layout.data_folders() | layout.meta_folders())


def _tables_by_id(tables: Mapping[Path, str | None], problems: list[Problem]) -> dict[str, Path]:
    by_id: dict[str, Path] = {}
    for path, indicator_id in tables.items():
        if indicator_id is None:
            continue  # reported as an unknown file
        if indicator_id in by_id:
            problems.append(
                Problem(
                    f"Für Indikator {indicator_parts(indicator_id)[2]} gibt es zwei Datendateien: "
                    f"{by_id[indicator_id].name} und {path.name}.",
                    Location(path),
                    "Es darf nur eine geben; entfernen Sie die überholte.",
                )
            )
            continue
        by_id[indicator_id] = path
    return by_id


def _load_indicator(
    read_table: TableCache,
    indicator_id: str,
    csv_path: Path | None,
    raw: RawMeta | None,
    layout: Layout,
    translations: Translations,
    flag_overrides: Mapping[str, str],
    problems: list[Problem],
    titled: bool,
    discard: Collection[int],
) -> Indicator | None:
    """One indicator from its table and metadata; either half missing is an error."""
    if raw is None:
        assert csv_path is not None
        problems.append(
            Problem(
                f"Zur Datendatei gibt es keine Metadaten; Indikator "
                f"{indicator_id.replace('-', '.')} fehlte im Bericht.",
                Location(csv_path),
                f"Legen Sie die Metadaten an (z. B. meta/{indicator_id}.md) oder entfernen Sie "
                "die Datei.",
                rule=Rule.DATA_WITHOUT_METADATA,
                subject=indicator_id,
            )
        )
        return None
    meta = build_meta(indicator_id, raw, translations, problems, titled)
    if meta is None:
        return None  # published: false
    if csv_path is None:
        problems.append(_missing_table(meta, raw, layout))
        return None
    with working_on(csv_path):
        try:
            text = read_text(csv_path, FileKind.DATA)
        except ReportError as exc:
            problems.append(exc.problem)
            return None
        loaded = read_table(csv_path, text, flag_overrides, problems, indicator_id, discard)
    if loaded is None:
        return None
    frame, dimensions = loaded
    return Indicator(meta, frame, dimensions, csv_path)


def _missing_table(meta: IndicatorMeta, raw: RawMeta, layout: Layout) -> Problem:
    """The data file is missing; the hint names it where the layout looks for data."""
    folder = Path(layout.data_patterns[0]).parent.as_posix() if layout.data_patterns else "data"
    expected = f"{folder}/indicator_{meta.id}.csv"
    if raw.fields.get("data_non_statistical") is True:
        return Problem(
            f"Indikator {meta.number} hat laut Metadaten keine statistischen Daten und "
            "erscheint nicht im Bericht.",
            raw.where("data_non_statistical"),
            severity=Severity.WARNING,
        )
    return Problem(
        f"Zu Indikator {meta.number} gibt es keine Datendatei; er fehlte im Bericht.",
        Location(meta.path),
        f"Erwartet: {expected}.",
        rule=Rule.METADATA_WITHOUT_DATA,
        subject=meta.id,
    )


def _natural(part: str) -> tuple[int, int, str]:
    return (0, int(part), "") if part.isdigit() else (1, 0, part.lower())


def _natural_id(indicator_id: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_natural(part) for part in indicator_id.split("-"))


def _sort_key(meta: IndicatorMeta) -> tuple[object, ...]:
    """Goal and topic come from the id; ``indicator_sort_order`` orders within a topic.

    A sort order whose goal and topic disagree with the id is a copying slip and is ignored.
    """
    own = _natural_id(meta.id)
    order = tuple(_natural(p) for p in re.findall(r"\d+|[A-Za-z]+", meta.sort_order))
    within = order[2:] if order[:2] == own[:2] and len(order) > 2 else own[2:]
    return (own[:2], within, own)


# --- goals and topics ------------------------------------------------------------------------


def _structure(
    indicators: Iterable[Indicator], tr: Translations
) -> tuple[dict[str, Goal], dict[str, Target]]:
    goals: dict[str, Goal] = {}
    targets: dict[str, Target] = {}
    for indicator in indicators:
        meta = indicator.meta
        if meta.goal not in goals:
            title = goal_title(meta.goal, tr) or f"Handlungsfeld {meta.goal}"
            goals[meta.goal] = Goal(meta.goal, html_to_text(title))
        if meta.target not in targets:
            targets[meta.target] = _target(meta.target, target_title(meta.target, tr))
    return goals, targets


def _target(target_id: str, raw: str | None) -> Target:
    """Open SDG target texts often pack a bold title and an explanation into one string."""
    fallback = f"Thema {target_id.replace('-', '.')}"
    if not raw:
        return Target(target_id, fallback, "")
    match = re.match(r"\s*<b>(.*?)</b>(.*)$", raw, re.S | re.I)
    if match:
        return Target(target_id, html_to_text(match.group(1)) or fallback, match.group(2))
    return Target(target_id, html_to_text(raw) or fallback, "")
