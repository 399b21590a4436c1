"""Lean chart SVG: fewer nodes, no style attributes, and every drawn element exactly as before
(same shape, same resolved paint and font, same transforms), for every kind of chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec, MapShape, MapSpec
from reportgen.render import charts
from reportgen.render.svg_lean import lean_svg
from reportgen.resources import DEFAULT_STYLES

# properties a child does not take from its parent (SVG 1.1, as renderers implement it)
NOT_INHERITED = {
    "clip-path",
    "filter",
    "height",
    "id",
    "mask",
    "opacity",
    "overflow",
    "style",
    "transform",
    "viewBox",
    "width",
    "x",
    "y",
    "d",
    "points",
    "href",
    "cx",
    "cy",
    "r",
    "x1",
    "x2",
    "y1",
    "y2",
    "rx",
    "ry",
    "{http://www.w3.org/1999/xlink}href",
    "version",
    "preserveAspectRatio",
    "clipPathUnits",
}
DRAWN = {
    "path",
    "use",
    "text",
    "tspan",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "image",
}
NO_ROTATION = re.compile(r"rotate\(\s*-?0(?:\.0*)?(?:[ ,][^)]*)?\)")


def declarations(text: str) -> dict[str, str]:
    pairs = (part.partition(":") for part in text.split(";"))
    return {name.strip(): value.strip() for name, colon, value in pairs if colon}


def drawn_elements(svg: bytes) -> list[tuple[object, ...]]:
    """Every drawn element in document order with what a renderer resolves for it."""
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    rule: dict[str, str] = {}
    for style in root.iter("{*}style"):
        match = re.fullmatch(r"\s*\*\s*\{([^{}]*)\}\s*", style.text or "")
        if match:
            rule.update(declarations(match.group(1)))
    found: list[tuple[object, ...]] = []

    def visit(
        element: etree._Element, inherited: dict[str, str], transforms: tuple[str, ...]
    ) -> None:
        tag = etree.QName(element).localname
        if tag in {"metadata", "style"}:
            return
        own = {k: v for k, v in element.attrib.items() if k not in {"style", "id"}}
        resolved = {**inherited, **own, **rule, **declarations(element.get("style", ""))}
        transform = resolved.pop("transform", "").strip()
        if transform and not NO_ROTATION.fullmatch(transform):
            transforms = (*transforms, transform)
        if tag in DRAWN:
            text = (element.text or "").strip() if tag in {"text", "tspan"} else ""
            found.append((tag, tuple(sorted(resolved.items())), transforms, text))
        passed = {k: v for k, v in resolved.items() if k not in NOT_INHERITED}
        for child in element:
            if isinstance(child.tag, str):
                visit(child, passed, transforms)

    visit(root, {}, ())
    return found


def raw_svg(spec: ChartSpec | MapSpec, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The chart as matplotlib writes it."""
    monkeypatch.setattr(charts, "lean_svg", lambda svg: svg)
    images = charts.ChartImages(
        DEFAULT_STYLES / "report.mplstyle", DEFAULT_STYLES / "fonts", ("svg",), disk=None
    )
    return images._get(spec, "svg")


def series(name: str, values: tuple[float | None, ...], look: int) -> ChartSeries:
    return ChartSeries(name, values, look=look, emphasis=look == 0)


SPECS = {
    "lines": ChartSpec(
        kind=ChartKind.LINE,
        categories=("2020", "2021", "2022", "2023"),
        series=(
            series("Insgesamt", (1.0, 2.5, None, 3.0), 0),
            series("Frauen", (0.5, 1, 2, 2.5), 1),
        ),
        axis_label="in %",
        decimals=1,
        positions=(2020.0, 2021.0, 2022.0, 2023.0),
    ),
    "pyramid": ChartSpec(
        kind=ChartKind.PYRAMID,
        categories=("unter 18", "18 bis 65", "65 und älter"),
        series=(series("Männer", (10.0, 40.0, 12.0), 1), series("Frauen", (9.0, 41.0, 15.0), 2)),
        axis_label="Anzahl",
        decimals=0,
    ),
    "columns": ChartSpec(
        kind=ChartKind.BAR,
        categories=("Deutsche", "Ausländer/-innen"),
        series=(series("2023", (12.0, 30.5), 0), series("2024", (11.0, 28.0), 1)),
        axis_label="Anzahl",
        decimals=0,
    ),
    "map": MapSpec(
        (
            MapShape("03101", (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)),), True),
            MapShape("03102", (((1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 0.0)),), False),
        ),
        marker="Braunschweig",
    ),
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_lean_svg_draws_the_same_elements_alike(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_svg(SPECS[name], monkeypatch)
    lean = lean_svg(raw)
    assert drawn_elements(lean) == drawn_elements(raw)
    assert b"style=" not in lean and b"<metadata" not in lean
    assert lean.count(b"<g") < raw.count(b"<g") / 2  # most groups gave way to their children
    assert len(lean) < len(raw)


def test_a_style_rule_with_selectors_is_left_alone() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b"<defs><style>path.a{fill:red}</style></defs>"
        b'<g id="g1"><path class="a" d="M 0 0 L 1 1" style="stroke: #000"/></g></svg>'
    )
    lean = lean_svg(svg)
    assert b"path.a{fill:red}" in lean
    assert drawn_elements(lean) == drawn_elements(svg)


def test_a_referenced_group_keeps_its_id(tmp_path: Path) -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10"><defs><g id="mark"><path d="M 0 0 L 1 1"/></g></defs>'
        b'<use xlink:href="#mark" x="2" y="2"/></svg>'
    )
    lean = lean_svg(svg)
    assert b'id="mark"' in lean
    assert drawn_elements(lean) == drawn_elements(svg)
