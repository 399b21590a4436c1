"""Text from the metadata's HTML and links: what loading needs to name things (titles, sources).

Metadata fields are HTML, but editors of Open SDG sites also write Markdown links into them
(``[BAMF](https://www.bamf.de/…)``); ``markdown_links`` makes those HTML links before anything
reads the field. Turning HTML into document blocks is composition's job (``compose.richtext``).
"""

from __future__ import annotations

import html
import re

import nh3

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def safe_url(url: str) -> str | None:
    """Absolute web and mail links only; site-relative Open SDG paths lead nowhere in print."""
    url = url.strip().strip("'\"")
    return url if _SAFE_URL.match(url) else None


def html_to_text(source: str) -> str:
    """Plain text of an HTML snippet (for titles)."""
    cleaned = nh3.clean(source, tags=set())
    return collapse(html.unescape(cleaned))


def collapse(text: str) -> str:
    """White space as a reader sees it: one space, none at the ends."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def markdown_links(source: str) -> str:
    """``[Text](https://…)`` in an HTML field as ``<a href="https://…">Text</a>``; a link to a
    site-relative page keeps only its words."""

    def link(match: re.Match[str]) -> str:
        text, url = match.group(1), safe_url(match.group(2))
        return f'<a href="{html.escape(url)}">{text}</a>' if url else text

    return _MARKDOWN_LINK.sub(link, source)
