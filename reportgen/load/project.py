"""A report project loaded: configuration, labels, indicator data and editorial texts.

Loading only reads and validates each input on its own; ``reportgen.check`` cross-checks them
and fills the placeholders of the texts, as its own stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.errors import InvalidInput, Location, Problem
from reportgen.load.config import InvalidConfig, ReportConfig, load_config
from reportgen.load.config_entries import KnownDefect
from reportgen.load.defects import accept_defects, discarded_lines
from reportgen.load.geodata import DistrictMap, load_district_map
from reportgen.load.glossary import Glossary, load_glossary
from reportgen.load.labels import Labels, load_labels
from reportgen.load.naming import renamed
from reportgen.load.opensdg import LEVEL, REGION, Dataset, load_dataset
from reportgen.load.regions import Level
from reportgen.load.textblocks import TextLibrary, load_texts

ChapterPlan = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, eq=False)
class Project:
    config: ReportConfig
    dataset: Dataset
    texts: TextLibrary
    labels: Labels
    problems: tuple[Problem, ...]
    filled: Mapping[Path, str] = field(default_factory=dict)
    """Each text block's body with its placeholders filled (by the check stage)."""
    district_map: DistrictMap | None = None
    """District outlines, read when an indicator is to be shown as a map (``karte``)."""
    glossary: Glossary = field(default_factory=Glossary)
    """Terms and abbreviations for the annex (``glossar``, ``abkuerzungen``)."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error and not p.is_accepted)

    @property
    def accepted(self) -> tuple[Problem, ...]:
        """Known defects of the published data the project accepted in reportgen.yml."""
        return tuple(p for p in self.problems if p.is_accepted)

    def raise_for_errors(self) -> None:
        if self.errors:
            raise InvalidInput(self.problems)


def load_project(project_dir: Path) -> Project:
    """Load everything; problems are collected.

    An invalid configuration raises ``InvalidInput`` — with the problems of the data and the
    texts as far as they can be read without it, so that ``check`` lists everything at once.
    """
    try:
        config = load_config(project_dir)
    except InvalidConfig as exc:
        raise InvalidInput(
            [*exc.problems, *_problems_without_config(project_dir, exc.data)]
        ) from None
    dataset = load_dataset(
        config.data_path,
        config.flags,
        set(config.indicator_titles),
        discarded_lines(config.known_defects),
    )
    dataset, naming_problems = renamed(dataset, config)
    labels = load_labels(config.styles.labels)
    texts, text_problems = load_texts(config.texts_path)
    problems = [*dataset.problems, *text_problems, *naming_problems]
    glossary = load_glossary(config.glossary, config.abbreviations, problems)
    if not dataset.indicators and dataset.root.is_dir():
        problems.append(
            Problem("Der Datenordner enthält keine Indikatoren.", Location(dataset.root))
        )
    district_map = None
    if any(shown.map for shown in config.presentation.values()):
        district_map = load_district_map(
            config.data_path, district_keys(dataset), config.factsheets.map_file, problems
        )
    return Project(
        config,
        dataset,
        texts,
        labels,
        tuple(problems),
        district_map=district_map,
        glossary=glossary,
    )


def district_keys(dataset: Dataset) -> set[str]:
    """The region keys of every district that has data."""
    return {
        str(key)
        for indicator in dataset.indicators.values()
        for key in indicator.frame.loc[indicator.frame[LEVEL] == Level.DISTRICT, REGION].unique()
    }


def _problems_without_config(project_dir: Path, raw: dict[str, Any]) -> list[Problem]:
    """Data and text problems, read with what can be taken from an invalid configuration."""
    folders = {
        key: project_dir.resolve() / (value if isinstance(value, str) else key)
        for key, value in (("daten", raw.get("daten")), ("texte", raw.get("texte")))
    }
    defects = []
    for entry in raw.get("bekannte_datenfehler") or []:
        try:
            defects.append(KnownDefect.model_validate(entry))
        except ValidationError:
            continue  # reported with the configuration's other problems
    titles = raw.get("indikatortitel")
    flags = raw.get("kennzeichen")
    dataset = load_dataset(
        folders["daten"],
        {str(k): str(v) for k, v in flags.items()} if isinstance(flags, dict) else None,
        set(map(str, titles)) if isinstance(titles, dict) else (),
        discarded_lines(defects),
    )
    _, text_problems = load_texts(folders["texte"])
    problems, _ = accept_defects([*dataset.problems, *text_problems], defects)
    return problems


def chapter_plan(config: ReportConfig, dataset: Dataset) -> ChapterPlan:
    """Handlungsfelder and their indicators in report order (unknown ids are left out)."""
    by_goal: dict[str, list[str]] = {}
    for indicator in dataset.indicators.values():
        by_goal.setdefault(indicator.meta.goal, []).append(indicator.id)
    if config.selection is None:
        return tuple((goal, tuple(ids)) for goal, ids in by_goal.items())
    plan = []
    for chapter in config.selection:
        if chapter.goal not in by_goal:
            continue
        ids = chapter.indicators or tuple(by_goal[chapter.goal])
        plan.append((chapter.goal, tuple(i for i in ids if i in by_goal[chapter.goal])))
    return tuple(plan)
