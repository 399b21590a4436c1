"""A chart's SVG (as matplotlib writes it) made fit to stand inside a web page.

Inline, every chart shares the page with the others: matplotlib's ids ("figure_1", "text_1")
and its clip paths, hashed from the same salt, would repeat. Ids nothing refers to go, the
others take the figure's prefix; the XML prologue, the metadata and the global style go (the
web stylesheet has that rule, scoped); the fixed size goes, so that the chart scales with the
text column. The root gets ``role="img"`` and its name from the figure's alt text.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_BEFORE_ROOT = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_GLOBAL_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')
_ROOT = re.compile(r"<svg\b[^>]*>")
_VIEW_BOX = re.compile(r'viewBox="([^"]*)"')
_FORBIDDEN = re.compile(r"<(script|foreignObject)\b", re.I)


def inline_svg(svg: bytes, prefix: str, alt_text: str) -> Markup:
    """The SVG as markup for an HTML page; ``prefix`` makes its ids unique on the page (the
    description of the picture takes ``<prefix>-alt``)."""
    text = svg.decode("utf-8")
    if _FORBIDDEN.search(text):  # charts are drawn by matplotlib: never the case
        raise ValueError("chart SVG with script content")
    text = _GLOBAL_STYLE.sub("", _METADATA.sub("", _BEFORE_ROOT.sub("", text, count=1)))
    referenced = {match.group(2) for match in _REFERENCE.finditer(text)}

    def renamed(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in referenced else ""

    text = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", _ID.sub(renamed, text))
    root = _ROOT.search(text)
    view_box = _VIEW_BOX.search(root.group(0)) if root else None
    if root is None or view_box is None:
        raise ValueError("chart SVG without a viewBox")
    description = Markup('<desc id="{}-alt">{}</desc>').format(prefix, alt_text)
    opening = Markup(
        '<svg viewBox="{}" class="chart-picture" role="img" aria-labelledby="{}-alt" '
        'focusable="false">'
    ).format(view_box.group(1), prefix)
    rest = text[root.end() :].strip()
    return opening + description + Markup(rest)  # matplotlib's own markup, checked above
