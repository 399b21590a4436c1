"""Typed indicator metadata, built from the merged fields of its files as sdg-build does.

The merged fields (``reportgen.load.metafiles``) are translated where they name a translation
(``reportgen.load.translations``); a key that does not resolve is an error naming the file,
line and field. Titles, precision and source links get their types here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import Problem
from reportgen.load.defects import Rule
from reportgen.load.htmltext import html_to_text, markdown_links, safe_url
from reportgen.load.metafiles import RawMeta
from reportgen.load.translations import Translations

_TITLE_KEYS = ("indicator_name", "graph_title")
_FOOTNOTE_KEYS = ("data_footnote", "data_footnotes", "datafootnote", "datafootnotes")
MAX_DECIMALS = 6
"""More decimals than this are a slip in ``precision`` (no statistic is published that way)."""


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
    description: str
    """HTML snippets from the metadata (composition turns them into blocks) …"""
    computation: str
    footnotes: str
    other_info: str
    body: str
    """… and the Markdown page content."""
    data_source: str
    sources: tuple[SourceLink, ...]
    vintage: str | None
    path: Path
    """The first metadata file of the indicator (for messages)."""

    @property
    def reference_day(self) -> str | None:
        """The day of the year the figures refer to ("31.12."), where the metadata's texts
        name one ("jeweils zum 31.12. eines Jahres", "Stichtag der Statistik ist der 1. März")."""
        return reference_day(" ".join((self.description, self.computation, self.footnotes)))


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

    def rich(key: str) -> str:
        return markdown_links(text(key) or "")

    title_key = "indicator_name" if data.get("indicator_name") else "graph_title"
    title_text = text(title_key)
    has_title = bool(title_text) and title_text != "Untitled"
    if not has_title:
        title_text = f"Indikator {number}"
    footnotes = [note for key in _FOOTNOTE_KEYS if data.get(key) and (note := rich(key))]
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
        footnotes="\n<br>".join(footnotes),
        other_info=rich("other_info"),
        body=raw.body,
        data_source=html_to_text(text("data_source") or ""),
        sources=_sources(data, text),
        vintage=vintage,
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


_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
_DAY = rf"(\d{{1,2}})\.\s?(\d{{1,2}}\.|{'|'.join(_MONTHS)})"
_YEARLY_DAY = re.compile(rf"\b(?:zum|am)\s+{_DAY}\s+(?:eines|jedes|jeden)\b")
_KEY_DAY = re.compile(rf"\bStichtag\b[^.;]{{0,40}}?\b{_DAY}(?!\s*\d)")


def reference_day(text: str) -> str | None:
    """ "31.12." from "zum 31.12. eines jeden Jahres" or "Stichtag … ist der 1. März"; None
    where the text names no day that recurs every year (a single date is not one)."""
    plain = html_to_text(text)
    match = _YEARLY_DAY.search(plain) or _KEY_DAY.search(plain)
    if match is None:
        return None
    day, month = int(match.group(1)), match.group(2)
    number = int(month.rstrip(".")) if month[0].isdigit() else _MONTHS.index(month) + 1
    if not (1 <= day <= 31 and 1 <= number <= 12):
        return None
    return f"{day:02d}.{number:02d}."
