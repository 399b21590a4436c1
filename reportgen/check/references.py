"""Cross-checks of a loaded project: what the configuration and the texts name must exist."""

from __future__ import annotations

from reportgen.compose.indicators import column_for
from reportgen.errors import Location, Problem, Severity, did_you_mean
from reportgen.load.config import ReportConfig
from reportgen.load.defects import Rule
from reportgen.load.opensdg import Dataset
from reportgen.load.project import Project
from reportgen.load.textblocks import TextLibrary


def reference_problems(project: Project) -> list[Problem]:
    config, dataset, texts = project.config, project.dataset, project.texts
    return [
        *_check_selection(config, dataset),
        *_check_texts(texts, dataset),
        *_check_start_values(dataset),
        *_check_targets(config, dataset),
    ]


def _check_selection(config: ReportConfig, dataset: Dataset) -> list[Problem]:
    if config.selection is None:
        return []
    problems = []
    goals = dataset.goals
    for c_index, chapter in enumerate(config.selection):
        if chapter.goal not in goals:
            where = config.location("auswahl", c_index, "handlungsfeld")
            problems.append(
                Problem(
                    f"Handlungsfeld „{chapter.goal}“ gibt es in den Daten nicht.",
                    where,
                    did_you_mean(chapter.goal, goals),
                )
            )
            continue
        for i_index, indicator_id in enumerate(chapter.indicators or ()):
            where = config.location("auswahl", c_index, "indikatoren", i_index)
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
    goals = dataset.goals
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
    """Default selections that name fields the data does not have are shown as warnings;
    a field matches a column the way the composer matches it (spaces and case do not count)."""
    problems = []
    for indicator in dataset.indicators.values():
        for field, _ in indicator.meta.start_values:
            if column_for(field, indicator) is not None:
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


def _check_targets(config: ReportConfig, dataset: Dataset) -> list[Problem]:
    return [
        Problem(
            f"Zielwert für Indikator {target.indicator}, den es in den Daten nicht gibt.",
            config.location("zielwerte", index, "indikator"),
            did_you_mean(target.indicator, dataset.indicators),
        )
        for index, target in enumerate(config.targets)
        if target.indicator not in dataset.indicators
    ]


def stale_acceptances(config: ReportConfig, stale: list[int]) -> list[Problem]:
    """Entries of ``bekannte_datenfehler`` that match nothing: the data was corrected."""
    if not stale:
        return []
    return [
        Problem(
            f"Der bekannte Datenfehler „{config.known_defects[index].rule}“ für "
            f"„{config.known_defects[index].subject}“ kommt in den Daten nicht mehr vor.",
            config.location("bekannte_datenfehler", index),
            "Entfernen Sie den Eintrag, damit ein neuer Fehler nicht unbemerkt bleibt.",
            Severity.WARNING,
        )
        for index in stale
    ]
