"""``reportgen init``: a new project for an Open SDG data folder – configuration and draft texts.

Every file is written only if it does not exist yet, so running ``init`` again never touches
an editor's work. Hints for the editors are YAML comments inside the front matter: they never
reach the report (Markdown is rendered with HTML disabled, so an ``<!-- -->`` comment in the
body would be printed as text). All the words written come from ``templates/init/``, so an
office can adapt them; this module only gathers the values and wraps the hints.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from reportgen.errors import ConfigError, InvalidInput, Location, Problem
from reportgen.files import write_atomically
from reportgen.load.config import CONFIG_NAME
from reportgen.load.defects import Rule, refuse_unacceptable
from reportgen.load.opensdg import YEAR, Dataset, Indicator, load_dataset
from reportgen.resources import DEFAULT_TEMPLATES

_FALLBACK_YEAR = 2025  # only when no observation of the data names a year
_WIDTH = 96


def _templates(**options: Any) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(DEFAULT_TEMPLATES / "init"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )


_FILES = _templates()
# each line of a hint template is a paragraph: a line break in the data must not start another
_HINTS = _templates(finalize=lambda value: str(value).replace("\n", " "))


@dataclass(frozen=True)
class ScaffoldResult:
    created: list[Path]
    skipped: list[Path]
    """Files that already existed and were left untouched."""


def init_project(project_dir: Path, data_dir: Path) -> ScaffoldResult:
    """Create ``reportgen.yml`` and one draft text per Handlungsfeld and indicator.

    Raises ``InvalidInput`` (with the German problems) before writing anything when the data
    folder cannot be read.
    """
    if project_dir.exists() and not project_dir.is_dir():
        raise ConfigError(
            "Der Projektordner ist eine Datei.",
            Location(project_dir),
            "Geben Sie einen neuen oder einen vorhandenen Ordner an.",
        )
    dataset = _load_data(data_dir)
    files = {
        project_dir / CONFIG_NAME: config_text(dataset, _data_reference(project_dir, data_dir))
    }
    files.update(
        (project_dir / "texte" / relative, text) for relative, text in draft_texts(dataset)
    )
    created: list[Path] = []
    skipped: list[Path] = []
    for path, text in files.items():
        if path.exists():
            skipped.append(path)
            continue
        write_atomically(path, text.encode("utf-8"))
        created.append(path)
    return ScaffoldResult(created, skipped)


def _load_data(data_dir: Path) -> Dataset:
    dataset = load_dataset(data_dir)
    problems = list(dataset.problems)
    if not any(p.is_error for p in problems) and not dataset.indicators:
        problems.append(
            Problem(
                "Der Datenordner enthält keine Indikatoren.",
                Location(dataset.root),
                "Erwartet: data/indicator_G-T-I.csv und meta/G-T-I.md.",
            )
        )
    if not dataset.indicators:  # no indicator left to propose
        raise InvalidInput(problems)
    # defects a project may accept are offered in reportgen.yml instead
    refuse_unacceptable(problems)
    return dataset


def _data_reference(project_dir: Path, data_dir: Path) -> str:
    """The data folder relative to the project when both share a folder, else absolute."""
    project, data = project_dir.resolve(), data_dir.resolve()
    try:
        if Path(os.path.commonpath([project, data])) != Path(data.anchor):
            return Path(os.path.relpath(data, project)).as_posix()
    except ValueError:  # different drives
        pass
    return data.as_posix()


# --- reportgen.yml ----------------------------------------------------------------------------


def config_text(dataset: Dataset, data_reference: str) -> str:
    """A commented German ``reportgen.yml`` that validates as is; placeholders say „anpassen“."""
    goals: dict[str, dict[str, Any]] = {}
    for indicator in dataset.indicators.values():
        goal_id = indicator.meta.goal
        goal = goals.setdefault(
            goal_id,
            {"id": goal_id, "title": _one_line(dataset.goals[goal_id].title), "indicators": []},
        )
        goal["indicators"].append({"id": indicator.id, "title": _one_line(indicator.meta.title)})
    return _FILES.get_template("reportgen.yml.j2").render(
        data=_scalar(data_reference),
        year=_latest_year(dataset.indicators.values()),
        goals=list(goals.values()),
        untitled=[
            {"id": i.id, "number": i.meta.number}
            for i in dataset.indicators.values()
            if not i.meta.has_title
        ],
        first_indicator=next(iter(dataset.indicators)),
        defects=_defects(dataset),
    )


def _defects(dataset: Dataset) -> list[dict[str, str]]:
    """The data's defects a project may accept, once each, to review one by one."""
    defects: dict[tuple[str, str], dict[str, str]] = {}
    for problem in dataset.problems:
        if problem.rule and problem.subject and not problem.is_accepted:
            defects.setdefault(
                (problem.rule, problem.subject),
                {
                    "key": "datei" if problem.rule == Rule.UNKNOWN_FILE else "indikator",
                    "subject": problem.subject,
                    "rule": problem.rule,
                    "message": _one_line(problem.message)[:90],
                },
            )
    return list(defects.values())


def _latest_year(indicators: Iterable[Indicator]) -> int:
    """The latest year with data: a reproducible proposal for the Berichtsjahr, not the clock."""
    years = [int(y) for i in indicators for y in i.frame[YEAR].dropna().unique()]
    return min(max(years), 2100) if years and max(years) >= 1990 else _FALLBACK_YEAR


def _scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain where that reads back unchanged, else quoted."""
    try:
        if value.strip() == value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str) -> str:
    """Text to be embedded in a sentence of ours: one line, without a final full stop."""
    return _one_line(text).rstrip(". ")


# --- text blocks ------------------------------------------------------------------------------


def draft_texts(dataset: Dataset) -> list[tuple[Path, str]]:
    """(path below ``texte/``, content) of the foreword and every Handlungsfeld and indicator."""
    texts = [(Path("vorwort.md"), _draft("hinweis-vorwort.txt.j2", goals=dataset.goals.values()))]
    for goal_id in dataset.goals:
        texts.append((Path("handlungsfelder", f"{goal_id}.md"), _goal_draft(dataset, goal_id)))
    for indicator in dataset.indicators.values():
        texts.append(
            (Path("indikatoren", f"{indicator.id}.md"), _indicator_draft(dataset, indicator))
        )
    return texts


def _draft(hint_template: str, **values: Any) -> str:
    hint = _HINTS.get_template(hint_template).render(**values)
    return _FILES.get_template("textbaustein.md.j2").render(
        hint=_comments(hint.rstrip("\n").split("\n"))
    )


def _comments(paragraphs: list[str]) -> str:
    """Hint paragraphs as wrapped YAML comment lines; "- " items get a hanging indent."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if not paragraph:
            lines.append("#")
            continue
        bullet = paragraph.startswith("- ")
        lines.extend(
            textwrap.wrap(
                _one_line(paragraph),
                _WIDTH,
                initial_indent="# ",
                subsequent_indent="#   " if bullet else "# ",
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def _goal_draft(dataset: Dataset, goal_id: str) -> str:
    indicators = [i for i in dataset.indicators.values() if i.meta.goal == goal_id]
    topics: dict[str, list[str]] = {}
    for indicator in indicators:
        topics.setdefault(indicator.meta.target, []).append(indicator.meta.number)
    return _draft(
        "hinweis-handlungsfeld.txt.j2",
        goal=dataset.goals[goal_id],
        topics=[{"title": dataset.targets[t].title, "numbers": n} for t, n in topics.items()],
        sources=sorted({_sentence(i.meta.data_source) for i in indicators if i.meta.data_source}),
    )


def _indicator_draft(dataset: Dataset, indicator: Indicator) -> str:
    meta = indicator.meta
    return _draft(
        "hinweis-indikator.txt.j2",
        number=meta.number,
        title=meta.title if meta.has_title else None,
        topic=dataset.targets[meta.target].title,
        source=_sentence(meta.data_source),
        vintage=meta.vintage,
    )
