"""Charts take their whole look from the style files; colour is never a series' only cue
(lines: marker and line style; bars: a hatch once a chart has too many bar series)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from reportgen.compose.model import ChartSeries, ChartSpec, MapShape, MapSpec, ReferenceLine
from reportgen.errors import ConfigError
from reportgen.printing.colors import load_palette
from reportgen.render import charts
from reportgen.resources import DEFAULT_STYLES
from tests.test_chart_kinds import every_kind

STYLE = DEFAULT_STYLES / "report.mplstyle"
FONTS = DEFAULT_STYLES / "fonts"
YEARS = tuple(str(year) for year in range(2015, 2025))


def line_chart(count: int, references: tuple[ReferenceLine, ...] = ()) -> ChartSpec:
    """``count`` series, the first the emphasised Land (look 0), the others free looks."""
    series = tuple(
        ChartSeries(
            f"Reihe {i}",
            tuple(float(i + j) for j in range(len(YEARS))),
            look=0 if i == 0 else None,
            emphasis=i == 0,
        )
        for i in range(count)
    )
    return ChartSpec("line", YEARS, series, "in %", 1, references=references)  # type: ignore[arg-type]


def bar_chart(count: int) -> ChartSpec:
    """``count`` series, the first the Land (look 0)."""
    series = tuple(
        ChartSeries(f"Reihe {i}", (float(i + 1), -1.0), look=0 if i == 0 else None)
        for i in range(count)
    )
    return ChartSpec("bar", ("Männer", "Frauen"), series, "Anzahl", 0)  # type: ignore[arg-type]


def locator_map() -> MapSpec:
    square = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
    shifted = tuple((x + 1.0, y) for x, y in square)
    return MapSpec((MapShape("03355", (square,), True), MapShape("03356", (shifted,), False)))


def drawn(spec: ChartSpec) -> plt.Figure:
    with charts.chart_style(STYLE, FONTS, charts.companions(spec)):
        figure = charts.draw(spec, STYLE)
    plt.close(figure)
    return figure


def svg(spec: ChartSpec, style: Path = STYLE) -> bytes:
    """The chart as the PDF gets it, drawn afresh."""
    return charts.ChartImages(style, FONTS, ("svg",)).svg(spec)


def test_the_value_axis_is_labelled_with_the_words_of_the_spec() -> None:
    assert drawn(line_chart(2)).axes[0].get_ylabel() == "in %"
    assert drawn(replace(bar_chart(2), axis_label="in 1.000")).axes[0].get_ylabel() == "in 1.000"


def test_same_spec_gives_the_same_bytes() -> None:
    spec = line_chart(3, (ReferenceLine("Ziel", 5.0),))
    assert svg(spec) == svg(spec)
    first, second = (charts.ChartImages(STYLE, FONTS, ("png",), dpi=50) for _ in range(2))
    assert first.png(spec) == second.png(spec)


def test_up_to_24_lines_differ_in_marker_or_line_style() -> None:
    lines = drawn(line_chart(24)).axes[0].get_lines()
    # the dash pattern tells apart the custom line styles, which all report "--"
    cues = {(line.get_marker(), str(line._unscaled_dash_pattern)) for line in lines}
    assert len(cues) == 24
    # the emphasised Land stands out; no other series is as wide, not even one in look 0
    assert all(lines[0].get_linewidth() > line.get_linewidth() for line in lines[1:])


def test_up_to_four_bar_series_are_solid() -> None:
    """Hatches on every bar read as very busy (review R16): colour tells four series apart."""
    bars = drawn(bar_chart(4)).axes[0].patches
    assert len(bars) == 8
    assert not any(bar.get_hatch() for bar in bars)
    assert len({tuple(bar.get_facecolor()) for bar in bars}) == 4


def test_from_five_bar_series_bars_differ_in_hatch_and_the_land_is_solid() -> None:
    """(Before review R16 every bar but the first was hatched, whatever the number of series.)"""
    bars = drawn(bar_chart(9)).axes[0].patches
    firsts = [bar for bar in bars if bar.get_x() < 0.5]  # one bar per series, in order
    assert len(firsts) == 9
    assert not firsts[0].get_hatch()
    assert all(bar.get_hatch() for bar in firsts[1:])
    looks = {(tuple(bar.get_facecolor()), bar.get_hatch() or "") for bar in firsts}
    assert len(looks) == 9  # the 9th series shares the second colour, not the second look


def test_the_emphasised_land_and_four_regions_stay_solid() -> None:
    """The Land stands out by its dark colour: four coloured series beside it need no pattern."""
    spec = bar_chart(5)
    land = replace(spec.series[0], emphasis=True)
    bars = drawn(replace(spec, series=(land, *spec.series[1:]))).axes[0].patches
    assert not any(bar.get_hatch() for bar in bars)


def test_reference_label_takes_its_lines_colour() -> None:
    axes = drawn(line_chart(1, (ReferenceLine("Ziel 2030", 5.0),))).axes[0]
    reference = axes.get_lines()[-1]
    [label] = axes.texts
    assert label.get_text() == "Ziel 2030"
    assert label.get_color() == reference.get_color()


def test_every_colour_has_a_cmyk_build_for_the_print_edition() -> None:
    images = charts.ChartImages(STYLE, FONTS, formats=("svg",))
    svgs = [
        svg(line_chart(24, (ReferenceLine("Ziel", 5.0),))),
        svg(bar_chart(9)),
        images.svg(replace(line_chart(3), small=True)),
        images.map_svg(locator_map()),
        *(svg(spec) for spec in every_kind().values()),
    ]
    builds = load_palette(DEFAULT_STYLES / "druck-farben.css", Path("unbenutzt.icc")).builds
    colours = {
        match.lower()
        for svg in svgs
        for match in re.findall(r"(?:fill|stroke)[:=]\s*\"?#([0-9a-fA-F]{6})\b", svg.decode())
    }
    # locator map, Land, a series, reference line, choropleth classes and areas without value
    assert {"1f4e79", "d4d4d4", "1a1a1a", "0072b2", "333333", "ffffcc", "f2f2f2"} <= colours
    assert colours - builds.keys() == set()


def test_companion_styles_beside_an_offices_chart_style_win(tmp_path: Path) -> None:
    style = Path(shutil.copy(STYLE, tmp_path / "amt.mplstyle"))
    (tmp_path / "steckbrief.mplstyle").write_text("figure.figsize: 3, 3\n", encoding="utf-8")
    own = svg(replace(line_chart(2), small=True), style)
    assert b'width="216pt"' in own  # 3 inches
    bundled = svg(replace(line_chart(2), small=True))
    assert b'width="180pt"' in bundled  # 2.5 inches, from styles/steckbrief.mplstyle
    map_svg = charts.ChartImages(style, FONTS).map_svg(locator_map())
    assert b'width="158.4pt"' in map_svg  # no karte.mplstyle beside it: ours, 2.2 inches


def test_few_bar_series_need_no_cue_but_colour(tmp_path: Path) -> None:
    style = tmp_path / "bunt.mplstyle"
    style.write_text("axes.prop_cycle: cycler(color=['0072B2', 'D55E00'])\n", encoding="utf-8")
    assert svg(bar_chart(4), style).startswith(b"<?xml")


@pytest.mark.parametrize("spec", [line_chart(2), bar_chart(5)], ids=["lines", "bars"])
def test_a_style_that_tells_series_apart_only_by_colour_is_refused(
    tmp_path: Path, spec: ChartSpec
) -> None:
    style = tmp_path / "bunt.mplstyle"
    style.write_text("axes.prop_cycle: cycler(color=['0072B2', 'D55E00'])\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        svg(spec, style)
    assert caught.value.problem.location is not None
    assert caught.value.problem.location.path == style
    assert "nur durch ihre Farbe" in caught.value.problem.message
