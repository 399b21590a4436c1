"""A report project: configuration, indicator data and editorial texts, loaded and cross-checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.check.texts import check_placeholders, typed_numbers
from reportgen.compose.indicators import start_value_fields
from reportgen.compose.placeholders import Facts
from reportgen.errors import InvalidInput, Location, Problem, ReportError, Severity, did_you_mean
from reportgen.load.config import CONFIG_NAME, KnownDefect, ReportConfig, load_config
from reportgen.load.defects import Rule, accept_defects
from reportgen.load.opensdg import Dataset, load_dataset
from reportgen.load.textblocks import TextLibrary, load_texts
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlfile import YamlProblem, key_location, parse_yaml, yaml_nodes

ChapterPlan = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, eq=False)
class Project:
    config: ReportConfig
    dataset: Dataset
    texts: TextLibrary
    problems: tuple[Problem, ...]

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
    except InvalidInput as exc:
        raise InvalidInput([*exc.problems, *_problems_without_config(project_dir)]) from None
    dataset = load_dataset(
        config.data_path, config.flags, set(config.indicator_titles), config.discarded_lines()
    )
    texts, text_problems = load_texts(config.texts_path)
    problems = [
        *dataset.problems,
        *text_problems,
        *_check_selection(config, dataset),
        *_check_texts(texts, dataset),
        *_check_start_values(dataset),
        *_check_titles(config, dataset),
        *_check_targets(config, dataset),
        *check_placeholders(texts.all(), Facts(dataset, config.targets)),
        *(
            problem
            for key, text in texts.indicators.items()
            if key in dataset.indicators
            for problem in typed_numbers(text, dataset.indicators[key])
        ),
    ]
    if not dataset.indicators and dataset.root.is_dir():
        problems.append(
            Problem("Der Datenordner enthält keine Indikatoren.", Location(dataset.root))
        )
    problems, stale = accept_defects(problems, config.known_defects)
    problems.extend(_stale_acceptances(config, stale))
    return Project(config, dataset, texts, tuple(problems))


def _problems_without_config(project_dir: Path) -> list[Problem]:
    """Data and text problems, read with what can be taken from an invalid configuration."""
    raw = _raw_config(project_dir.resolve() / CONFIG_NAME)
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
    discard: dict[str, set[int]] = {}
    for defect in defects:
        if defect.rule == Rule.CONFLICTING_ROWS and defect.lines:
            discard.setdefault(defect.subject, set()).update(defect.lines)
    dataset = load_dataset(
        folders["daten"],
        {str(k): str(v) for k, v in flags.items()} if isinstance(flags, dict) else None,
        set(map(str, titles)) if isinstance(titles, dict) else (),
        discard,
    )
    _, text_problems = load_texts(folders["texte"])
    problems, _ = accept_defects([*dataset.problems, *text_problems], defects)
    return problems


def _raw_config(path: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(read_text(path, FileKind.CONFIG))
    except (ReportError, YamlProblem):
        return {}
    return data if isinstance(data, dict) else {}


def _stale_acceptances(config: ReportConfig, stale: list[int]) -> list[Problem]:
    """Entries of ``bekannte_datenfehler`` that match nothing: the data was corrected."""
    if not stale:
        return []
    path = config.project_dir / CONFIG_NAME
    nodes = yaml_nodes(read_text(path, FileKind.CONFIG))
    return [
        Problem(
            f"Der bekannte Datenfehler „{config.known_defects[index].rule}“ für "
            f"„{config.known_defects[index].subject}“ kommt in den Daten nicht mehr vor.",
            key_location(nodes, ("bekannte_datenfehler", index), path),
            "Entfernen Sie den Eintrag, damit ein neuer Fehler nicht unbemerkt bleibt.",
            Severity.WARNING,
        )
        for index in stale
    ]


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


def _check_selection(config: ReportConfig, dataset: Dataset) -> list[Problem]:
    if config.selection is None:
        return []
    path = config.project_dir / CONFIG_NAME
    nodes = yaml_nodes(read_text(path, FileKind.CONFIG))
    problems = []
    goals = {i.meta.goal for i in dataset.indicators.values()}
    for c_index, chapter in enumerate(config.selection):
        if chapter.goal not in goals:
            where = key_location(nodes, ("auswahl", c_index, "handlungsfeld"), path)
            problems.append(
                Problem(
                    f"Handlungsfeld „{chapter.goal}“ gibt es in den Daten nicht.",
                    where,
                    did_you_mean(chapter.goal, goals),
                )
            )
            continue
        for i_index, indicator_id in enumerate(chapter.indicators or ()):
            where = key_location(nodes, ("auswahl", c_index, "indikatoren", i_index), path)
            indicator = dataset.indicators.get(indicator_id)
            if indicator is None:
                problems.append(
                    Problem(
                        f"Indikator {indicator_id} gibt es in den Daten nicht.",
                        where,
                        did_you_mean(indicator_id, dataset.indicators),
                    )
                )
            elif indicator.meta.goal != chapter.goal:
                problems.append(
                    Problem(
                        f"Indikator {indicator_id} gehört zu Handlungsfeld {indicator.meta.goal}, "
                        f"nicht zu {chapter.goal}.",
                        where,
                        "Tragen Sie ihn unter dem richtigen Handlungsfeld ein.",
                    )
                )
    return problems


def _check_texts(texts: TextLibrary, dataset: Dataset) -> list[Problem]:
    problems = []
    goals = {i.meta.goal for i in dataset.indicators.values()}
    for key, block in texts.goals.items():
        if key not in goals:
            problems.append(
                Problem(
                    f"Textbaustein für unbekanntes Handlungsfeld „{key}“.",
                    Location(block.path, 1, 1),
                    did_you_mean(key, goals),
                )
            )
    for key, block in texts.indicators.items():
        if key not in dataset.indicators:
            problems.append(
                Problem(
                    f"Textbaustein für unbekannten Indikator „{key}“.",
                    Location(block.path, 1, 1),
                    did_you_mean(key, dataset.indicators),
                )
            )
    return problems


def _check_start_values(dataset: Dataset) -> list[Problem]:
    """Default selections that name fields the data does not have are shown as warnings."""
    problems = []
    for indicator in dataset.indicators.values():
        known = start_value_fields(indicator)
        for field, _ in indicator.meta.start_values:
            if field.lower() in ("unit", "units", "series") or field in known:
                continue
            problems.append(
                Problem(
                    f"data_start_values nennt das Feld „{field}“, das die Daten nicht haben.",
                    Location(indicator.meta.path),
                    did_you_mean(field, indicator.dimensions),
                    Severity.WARNING,
                    Rule.UNKNOWN_START_FIELD,
                    indicator.id,
                )
            )
    return problems


def _check_titles(config: ReportConfig, dataset: Dataset) -> list[Problem]:
    return [
        Problem(
            f"Indikator {indicator.meta.number} hat keinen Titel in den Metadaten; es "
            f"erscheint „{indicator.meta.title}“.",
            Location(indicator.meta.path),
            f"Tragen Sie in reportgen.yml unter „indikatortitel“ einen Titel für "
            f"{indicator.id} ein.",
            "Warnung",
        )
        for indicator in dataset.indicators.values()
        if not indicator.meta.has_title
        and not indicator.meta.title_error
        and indicator.id not in config.indicator_titles
    ]


def _check_targets(config: ReportConfig, dataset: Dataset) -> list[Problem]:
    path = config.project_dir / CONFIG_NAME
    return [
        Problem(
            f"Zielwert für Indikator {target.indicator}, den es in den Daten nicht gibt.",
            Location(path),
            did_you_mean(target.indicator, dataset.indicators),
        )
        for target in config.targets
        if target.indicator not in dataset.indicators
    ]
