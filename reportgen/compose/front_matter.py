"""The front matter of the report: cover, imprint and contents."""

from __future__ import annotations

from reportgen.compose.editorial import labelled, placed, plain
from reportgen.compose.formatting import format_long_date
from reportgen.compose.indicator import source_line
from reportgen.compose.model import (
    Contents,
    ContentsEntry,
    Heading,
    Node,
    Part,
    Role,
    Style,
)
from reportgen.compose.model.document import walk
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.load.labels import Labels
from reportgen.load.project import Project

CONTENTS_DEPTH = 3
"""Headings down to this level are listed in the contents (chapters, topics, indicators)."""


def cover(project: Project) -> Part:
    config, words = project.config, project.labels.report
    lines = [
        plain(config.publisher, Style.COVER_PUBLISHER),
        plain(config.title, Style.COVER_TITLE),
        plain(config.subtitle, Style.COVER_SUBTITLE) if config.subtitle else None,
        plain(words.reporting_year.format(jahr=config.reporting_year), Style.COVER_YEAR),
    ]
    return Part(Role.COVER, tuple(line for line in lines if line))


def imprint(project: Project) -> Part:
    config, words = project.config, project.labels.report
    return Part(
        Role.IMPRINT,
        (
            Heading(1, words.imprint, listed=False),
            labelled(words.publisher, config.publisher),
            *placed(markdown_to_blocks(config.imprint), 2),
            labelled(words.as_of, format_long_date(config.publication_date)),
            plain(source_line(project.labels, config, None), Style.ATTRIBUTION),
            *((plain(config.attribution.terms, Style.TERMS),) if config.attribution.terms else ()),
        ),
    )


def contents(labels: Labels, main: tuple[Node, ...]) -> Part:
    entries = tuple(
        ContentsEntry(node.level, node.number, node.text, node.anchor)
        for node in walk(main)
        if isinstance(node, Heading)
        and node.listed
        and node.level <= CONTENTS_DEPTH
        and node.anchor
    )
    return Part(
        Role.CONTENTS,
        (
            Heading(1, labels.report.contents, anchor="inhalt", listed=False),
            Contents(entries, labels.report.contents_update, CONTENTS_DEPTH),
        ),
    )
