"""Text from the metadata's HTML and links: what loading needs to name things (titles, sources).

Turning HTML and Markdown into document blocks is composition's job (``compose.richtext``).
"""

from __future__ import annotations

import html
import re

import nh3

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


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
