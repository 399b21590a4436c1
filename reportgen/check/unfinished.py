"""What is not finished may not be published: ``<…>`` placeholders that ``reportgen init``
wrote (and an editor left) in ``reportgen.yml`` or a text, fallback indicator titles, a cover
picture Word cannot show.

A placeholder is an error for every build — "Integrationsbericht <Land> <Jahr>" would stand on
the cover, in the file's metadata and in every source line. A fallback title ("Indikator
1.2.3") is a warning while the report is a draft and refuses ``build --final``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportgen.errors import Location, Problem, Severity
from reportgen.load.config import ReportConfig
from reportgen.load.config_publication import SVG
from reportgen.load.project import Project
from reportgen.load.textblocks import TextBlock

PLACEHOLDER = re.compile(r"<(?![\s!/])[^<>\n]*[^\s<>/]>")
"""``<Land>``, ``<Name oder Referat>``; not ``a < b > c``, not ``<!-- … -->``, not ``<br/>``."""
_NOT_PLACEHOLDER = re.compile(
    r"<(?:[a-z][a-z0-9+.-]*:[^\s>]*|[^\s@>]+@[^\s@>]+"  # Markdown autolinks: URL, e-mail
    r"|(?:a|abbr|b|br|code|em|i|p|small|span|strong|sub|sup|u)(?:\s[^>]*)?)>"  # HTML tags
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)

CONFIG_HINT = (
    "Ersetzen Sie den Platzhalter aus „reportgen init“ durch die endgültige Angabe; eine "
    "freiwillige Angabe kann auch ganz entfallen."
)
TEXT_HINT = "Ersetzen Sie den Platzhalter durch den endgültigen Wortlaut."


def unfinished_problems(project: Project) -> list[Problem]:
    """Placeholders (errors), fallback titles (warnings), an SVG picture without a PNG for
    Word (warning)."""
    problems = list(config_placeholders(project.config))
    for block in project.texts.all():
        problems.extend(text_placeholders(block))
    problems.extend(fallback_titles(project, Severity.WARNING))
    problems.extend(_pictures_for_word(project.config))
    return problems


def placeholders_in(text: str) -> list[re.Match[str]]:
    blanked = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    return [
        match
        for match in PLACEHOLDER.finditer(blanked)
        if not _NOT_PLACEHOLDER.fullmatch(match.group())
    ]


def config_placeholders(config: ReportConfig) -> Iterator[Problem]:
    """One error per value of reportgen.yml that still holds a placeholder, at its key."""
    values = config.model_dump(by_alias=True, exclude={"project_dir"})
    for keys, value in _strings(values, ()):
        found = [match.group() for match in placeholders_in(value)]
        if found:
            yield Problem(
                f"„{'.'.join(str(key) for key in keys)}“ enthält noch "
                f"{_listed(found)}: „{value.strip()}“.",
                config.location(*keys),
                CONFIG_HINT,
            )


def text_placeholders(block: TextBlock) -> Iterator[Problem]:
    """One error per placeholder in a text's title or body, at its line and column."""
    if block.title:
        for match in placeholders_in(block.title):
            yield Problem(
                f"Der Titel des Textbausteins enthält noch den Platzhalter „{match.group()}“.",
                Location(block.path),
                TEXT_HINT,
            )
    for index, line in enumerate(_COMMENT.sub(_blank, block.body).split("\n")):
        for match in placeholders_in(line):
            yield Problem(
                f"Der Text enthält noch den Platzhalter „{match.group()}“.",
                Location(block.path, block.body_line + index, match.start() + 1),
                TEXT_HINT,
            )


def fallback_titles(project: Project, severity: str = Severity.ERROR) -> list[Problem]:
    """Indicators that would appear as "Indikator 1.2.3": no title in the metadata and none
    under ``indikatortitel``."""
    return [
        Problem(
            f"Indikator {indicator.meta.number} hat keinen Titel in den Metadaten; es "
            f"erscheint „{indicator.meta.title}“.",
            Location(indicator.meta.path),
            f"Tragen Sie in reportgen.yml unter „indikatortitel“ einen Titel für "
            f"{indicator.id} ein (ohne ihn verweigert „build --final“ die Endfassung).",
            severity,
        )
        for indicator in project.dataset.indicators.values()
        if not indicator.meta.has_title
        and not indicator.meta.title_error
        and indicator.id not in project.config.indicator_titles
    ]


def _pictures_for_word(config: ReportConfig) -> Iterator[Problem]:
    front = config.front_matter
    for key, picture in (("logo", front.logo), ("titelbild", front.cover_image)):
        if picture is not None and picture.media_type == SVG and picture.png is None:
            yield Problem(
                f"„titelei.{key}“ ist ein SVG; Word kann es nicht zeigen, das Word-Dokument "
                "erscheint ohne dieses Bild.",
                config.location("titelei", key),
                "Nennen Sie unter „datei_word“ dasselbe Bild als PNG (mindestens 300 dpi).",
                Severity.WARNING,
            )


def _strings(
    value: Any, keys: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield keys, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*keys, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*keys, index))


def _blank(match: re.Match[str]) -> str:
    """A comment as spaces, so that columns after it stay where they are."""
    return re.sub(r"[^\n]", " ", match.group())


def _listed(found: list[str]) -> str:
    quoted = ", ".join(f"„{item}“" for item in found)
    return f"den Platzhalter {quoted}" if len(found) == 1 else f"die Platzhalter {quoted}"
