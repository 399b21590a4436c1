"""Report → HTML for WeasyPrint (jinja2, autoescape, StrictUndefined); charts inline as SVG."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import assert_never

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from reportgen.compose.formatting import format_date, format_long_date
from reportgen.compose.model import (
    Block,
    BulletList,
    ChartSpec,
    Emphasis,
    Factsheet,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Report,
    Strong,
    SubHeading,
    Text,
    plain_text,
)
from reportgen.load.config import StyleFiles
from reportgen.render.charts import ChartImages
from reportgen.resources import DEFAULT_TEMPLATES

SvgRenderer = Callable[[ChartSpec], bytes]


def inlines_html(inlines: tuple[Inline, ...]) -> Markup:
    parts: list[Markup] = []
    for node in inlines:
        match node:
            case Text(text=text):
                parts.append(escape(text))
            case Strong(children=children):
                parts.append(Markup("<strong>{}</strong>").format(inlines_html(children)))
            case Emphasis(children=children):
                parts.append(Markup("<em>{}</em>").format(inlines_html(children)))
            case Link(children=children, url=url):
                # nested inline elements inside <a> break the PDF/UA Link tag in WeasyPrint
                parts.append(Markup('<a href="{}">{}</a>').format(url, plain_text(children)))
            case LineBreak():
                parts.append(Markup("<br>"))
            case _:
                assert_never(node)
    return Markup("").join(parts)


def blocks_html(blocks: tuple[Block, ...], level: int = 4) -> Markup:
    """Text blocks; sub-headings take the level below the enclosing heading (at most h6)."""
    parts: list[Markup] = []
    for block in blocks:
        match block:
            case Paragraph(inlines=inlines):
                parts.append(Markup("<p>{}</p>").format(inlines_html(inlines)))
            case BulletList(items=items, ordered=ordered):
                tag = "ol" if ordered else "ul"
                rows = Markup("").join(
                    Markup("<li>{}</li>").format(inlines_html(item)) for item in items
                )
                parts.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), rows))
            case SubHeading(inlines=inlines):
                tag = Markup(f"h{min(level, 6)}")
                parts.append(
                    Markup('<{0} class="sub">{1}</{0}>').format(tag, inlines_html(inlines))
                )
            case _:
                assert_never(block)
    return Markup("\n").join(parts)


def svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["inlines"] = inlines_html
    env.filters["blocks"] = blocks_html
    env.filters["date"] = format_date
    env.filters["long_date"] = format_long_date
    return env


def render_html(
    report: Report,
    charts: SvgRenderer,
    styles: StyleFiles,
    templates: Path = DEFAULT_TEMPLATES,
    template: str = "report.html.j2",
) -> str:
    """The whole report as one HTML document; ``charts`` turns a chart spec into SVG bytes."""
    figures = {
        block.id: svg_data_uri(charts(block.figure.chart))
        for block in report.indicator_blocks()
        if block.figure is not None
    }
    return (
        _environment(templates)
        .get_template(template)
        .render(report=report, figures=figures, stylesheet=styles.stylesheet.as_uri())
    )


def render_factsheet_html(
    sheet: Factsheet,
    images: ChartImages,
    templates: Path = DEFAULT_TEMPLATES,
    template: str = "steckbrief.html.j2",
) -> str:
    """One fact sheet as an HTML document; charts and map inline as SVG."""
    figures = [svg_data_uri(images.svg(figure.chart)) for figure in sheet.figures]
    locator = images.map_uri(sheet.locator.map) if sheet.locator else ""
    return (
        _environment(templates)
        .get_template(template)
        .render(sheet=sheet, figures=figures, locator=locator)
    )
