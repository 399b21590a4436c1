"""The front matter of the report: cover, imprint and contents.

The cover carries the office's logo, a balanced title, publisher and date, and — while any text
is not released — the draft mark; the imprint carries what official publications carry
(Auskünfte, licence, ISSN or order number, picture credits, the rounding note).
"""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.compose.caption_lists import without_marks
from reportgen.compose.editorial import labelled, placed, plain
from reportgen.compose.formatting import format_long_date
from reportgen.compose.indicator import source_line
from reportgen.compose.model import (
    Contents,
    ContentsEntry,
    Heading,
    Inline,
    LineBreak,
    Link,
    Node,
    Paragraph,
    Part,
    Picture,
    PictureKind,
    Role,
    Strong,
    Style,
    Text,
    TextStatus,
)
from reportgen.compose.model.document import walk
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.load.config_publication import PictureFile
from reportgen.load.labels import Labels
from reportgen.load.project import Project

CONTENTS_DEPTH = 3
"""Headings down to this level are listed in the contents (chapters, topics, indicators)."""
SHORT_LAST_WORD = 5
"""A last word this short (a year, "2025") is kept with the word before it on the cover."""
NBSP = "\u00a0"


def draft_mark(labels: Labels, statuses: Iterable[TextStatus]) -> str:
    """The running header's mark while any text is not released (``--final`` refuses those)."""
    unreleased = any(status != TextStatus.RELEASED for status in statuses)
    return labels.status.header_mark if unreleased else ""


def balanced_title(title: str) -> str:
    """The title with its short last word bound to the one before (a no-break space), so that
    no line holds a year alone: "Integrationsbericht / Niedersachsen 2025"."""
    words = title.split(" ")
    if len(words) < 3 or len(words[-1]) > SHORT_LAST_WORD:
        return title
    return " ".join(words[:-2]) + " " + words[-2] + NBSP + words[-1]


def cover(project: Project, draft: bool = False) -> Part:
    config, words = project.config, project.labels.report
    front = config.front_matter
    default_alt = words.logo_alt.format(herausgeber=config.publisher)
    lines: list[Node | None] = [
        _picture(front.logo, PictureKind.LOGO, default_alt) if front.logo else None,
        plain(project.labels.status.cover_mark, Style.COVER_DRAFT) if draft else None,
        plain(config.publisher, Style.COVER_PUBLISHER),
        plain(balanced_title(config.title), Style.COVER_TITLE),
        plain(config.subtitle, Style.COVER_SUBTITLE) if config.subtitle else None,
        plain(words.reporting_year.format(jahr=config.reporting_year), Style.COVER_YEAR),
        _picture(front.cover_image, PictureKind.COVER_IMAGE, "") if front.cover_image else None,
        plain(format_long_date(config.publication_date), Style.COVER_DATE),
    ]
    return Part(Role.COVER, tuple(line for line in lines if line))


def _picture(picture: PictureFile, kind: PictureKind, default_alt: str) -> Picture:
    alt_text = picture.alt_text.strip() or default_alt
    return Picture(kind, picture.data, picture.media_type, alt_text, picture.png)


def imprint(project: Project) -> Part:
    config, labels = project.config, project.labels
    words, front = labels.report, config.front_matter
    contact = front.contact
    details: list[Paragraph | None] = [
        _contact(labels, contact.name, contact.phone, contact.email) if contact else None,
        labelled(words.as_of, format_long_date(config.publication_date)),
        _licence(words.licence, front.licence.name, front.licence.url) if front.licence else None,
        plain(f"{words.issn} {front.issn}") if front.issn else None,
        labelled(words.order_number, front.order_number) if front.order_number else None,
        labelled(words.picture_credits, front.picture_credits) if front.picture_credits else None,
    ]
    return Part(
        Role.IMPRINT,
        (
            Heading(1, words.imprint, listed=False),
            labelled(words.publisher, config.publisher),
            *placed(markdown_to_blocks(config.imprint), 2),
            *(detail for detail in details if detail),
            plain(source_line(labels, config, None), Style.ATTRIBUTION),
            *((plain(config.attribution.terms, Style.TERMS),) if config.attribution.terms else ()),
            plain(labels.appendix.rounding, Style.TERMS),
        ),
    )


def _contact(labels: Labels, name: str, phone: str, email: str) -> Paragraph:
    """ "**Auskünfte:** Referat 12 / Telefon: … / E-Mail: …", one line each."""
    words = labels.report
    inlines: list[Inline] = [Strong((Text(words.contact),))]
    lines: list[tuple[Inline, ...]] = [(Text(name),)] if name else []
    if phone:
        lines.append((Text(f"{words.phone} {phone}"),))
    if email:
        lines.append((Text(f"{words.email} "), Link((Text(email),), f"mailto:{email}")))
    for index, line in enumerate(lines):
        inlines.append(LineBreak() if index else Text(" "))
        inlines.extend(line)
    return Paragraph(tuple(inlines))


def _licence(label: str, name: str, url: str) -> Paragraph:
    """The licence by name, its address shown in full (printed copies cannot be clicked)."""
    link: tuple[Inline, ...] = (Text(" ("), Link((Text(url),), url), Text(")")) if url else ()
    return Paragraph((Strong((Text(label),)), Text(f" {name}"), *link))


def contents(labels: Labels, main: tuple[Node, ...]) -> Part:
    entries = tuple(
        ContentsEntry(node.level, node.number, without_marks(node.text), node.anchor)
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
