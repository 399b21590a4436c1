"""Names put right once, at load time: Handlungsfeld and topic titles, data-source names.

The published metadata spell one statistic several ways ("Kinder und Jugendhilfestatistik",
"Kinder- und Jugendhilfe Statistik") and carry typos. Here the variants of a source name are
merged (matched without case, hyphens, spaces and closing punctuation; printed in the spelling
``quellennamen`` gives, else the most frequent one), and the overrides of ``reportgen.yml``
(``handlungsfeld_titel``, ``themen_titel``, ``quellennamen``) replace what the data says. The
dataset that leaves this module is the only one composition sees, so headings, contents,
running headers, source lines and the annex all print the same name. An override that names
nothing is a warning with "Meinten Sie …?".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

from reportgen.errors import Problem, Severity, did_you_mean
from reportgen.load.config import ReportConfig
from reportgen.load.dataset import Dataset


def source_key(name: str) -> str:
    """What variants of one source name share: no case, hyphens, spaces or closing marks."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", name.casefold()).rstrip(".:;,")


def tidy(name: str) -> str:
    """A name as printed: single spaces, no closing full stop or colon."""
    return re.sub(r"\s+", " ", name).strip().rstrip(".:;,").strip()


def renamed(dataset: Dataset, config: ReportConfig) -> tuple[Dataset, list[Problem]]:
    """The dataset with the configured and merged names; warnings for overrides that miss."""
    problems = [
        *_unknown(config, "handlungsfeld_titel", config.goal_titles, dataset.goals),
        *_unknown(config, "themen_titel", config.topic_titles, dataset.targets),
    ]
    goals = {
        goal_id: replace(goal, title=config.goal_titles.get(goal_id, goal.title))
        for goal_id, goal in dataset.goals.items()
    }
    topic_titles = _topic_ids(config.topic_titles)
    targets = {
        target_id: replace(target, title=topic_titles.get(target_id, target.title))
        for target_id, target in dataset.targets.items()
    }
    published = [i.meta.data_source for i in dataset.indicators.values() if i.meta.data_source]
    spelling = source_spellings(published, config.source_names)
    known = {source_key(name) for name in published}
    for name in config.source_names:
        if source_key(name) not in known:
            problems.append(
                _warning(
                    config,
                    "quellennamen",
                    name,
                    f"„{name}“ unter „quellennamen“ ist keine Datenquelle der Metadaten.",
                    did_you_mean(tidy(name), map(tidy, published), quoted=True),
                )
            )
    indicators = {
        indicator_id: replace(
            indicator,
            meta=replace(
                indicator.meta,
                data_source=spelling.get(
                    source_key(indicator.meta.data_source), indicator.meta.data_source
                ),
            ),
        )
        for indicator_id, indicator in dataset.indicators.items()
    }
    return replace(dataset, goals=goals, targets=targets, indicators=indicators), problems


def source_spellings(names: Iterable[str], overrides: Mapping[str, str]) -> dict[str, str]:
    """Each source key → its printed spelling: the configured one, else the most frequent
    variant (on a tie the one with hyphens and fewer spaces: "Kinder- und Jugendhilfestatistik")."""
    variants: dict[str, Counter[str]] = {}
    for name in names:
        variants.setdefault(source_key(name), Counter())[tidy(name)] += 1
    configured = {source_key(key): tidy(value) for key, value in overrides.items()}
    return {
        key: configured.get(key)
        or min(
            counts,
            key=lambda spelled: (
                -counts[spelled],
                -spelled.count("-"),
                spelled.count(" "),
                spelled,
            ),
        )
        for key, counts in variants.items()
    }


def _topic_ids(titles: Mapping[str, str]) -> dict[str, str]:
    """Topic ids as the data writes them (``1-1``); ``1.1`` is accepted too."""
    return {key.replace(".", "-"): title for key, title in titles.items()}


def _unknown(
    config: ReportConfig, section: str, overrides: Mapping[str, str], known: Mapping[str, object]
) -> list[Problem]:
    return [
        _warning(
            config,
            section,
            key,
            f"„{key}“ unter „{section}“ gibt es in den Daten nicht; der Titel bleibt unbenutzt.",
            did_you_mean(key.replace(".", "-"), known),
        )
        for key in overrides
        if key.replace(".", "-") not in known
    ]


def _warning(
    config: ReportConfig, section: str, key: str, message: str, hint: str | None
) -> Problem:
    return Problem(message, config.location(section, key), hint, severity=Severity.WARNING)
