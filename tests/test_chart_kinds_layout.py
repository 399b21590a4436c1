"""Axes and layout of charts: nice ticks with headroom, a true time axis with gaps and breaks,
a legend below the plot that never squashes it, and style colours that read on white."""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec, SeriesBreak
from reportgen.render import charts
from reportgen.render.chartlooks import contrast
from reportgen.resources import DEFAULT_STYLES
from tests.test_chart_kinds import REGIONS, chart, drawn, series

STYLE = DEFAULT_STYLES / "report.mplstyle"
FONTS = DEFAULT_STYLES / "fonts"
YEARS = (2005, 2012, 2013, 2014, 2019, 2021, 2022)
NICE = {1.0, 2.0, 2.5, 5.0}


def time_line(*rows: ChartSeries, gaps: tuple[float, ...] = (2008.0, 2020.0)) -> ChartSpec:
    spec = chart(ChartKind.LINE, tuple(map(str, YEARS)), *rows)
    return replace(spec, positions=tuple(map(float, YEARS)), gaps=gaps)


def values(count: int = len(YEARS), start: float = 10.0) -> tuple[float, ...]:
    return tuple(start + i for i in range(count))


def rendered(figure: Figure) -> RendererAgg:
    """A renderer that has drawn the figure once, for the extents of its texts."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def step_is_nice(ticks: list[float]) -> bool:
    step = ticks[1] - ticks[0]
    scaled = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(scaled, nice) for nice in NICE) and all(
        math.isclose(b - a, step) for a, b in pairwise(ticks)
    )


@pytest.mark.parametrize(
    ("kind", "top"),
    [(ChartKind.LINE, 20.0), (ChartKind.BAR, 4.5), (ChartKind.HBAR, 13.7), (ChartKind.BAR, 0.24)],
)
def test_value_ticks_take_nice_steps_and_end_above_the_maximum(kind: ChartKind, top: float) -> None:
    spec = chart(kind, REGIONS, series("A", top / 3, top / 2, top, top / 4))
    axes = drawn(spec).axes[0]
    axis = axes.xaxis if kind == ChartKind.HBAR else axes.yaxis
    ticks = [float(t) for t in axis.get_majorticklocs()]
    assert step_is_nice(ticks)
    assert ticks[-1] > top and ticks[-1] == axis.get_view_interval()[1]
    assert ticks[0] == 0.0


def test_tick_labels_are_german_numbers() -> None:
    axes = drawn(chart(ChartKind.BAR, REGIONS, series("A", 0.1, 0.2, 0.24, 0.05))).axes[0]
    assert "0,05" in [t.get_text() for t in axes.get_yticklabels()]


def test_a_line_breaks_at_a_gap_and_at_a_missing_value() -> None:
    line_spec = time_line(series("A", 1.0, 2.0, None, 4.0, 5.0, 6.0, 7.0))
    line = drawn(line_spec).axes[0].get_lines()[0]
    points = list(zip(line.get_xdata(), line.get_ydata(), strict=True))
    assert [x for x, y in points if math.isnan(y)] == [2008.0, 2013.0, 2020.0]
    segments = [
        (x0, x1)
        for (x0, y0), (x1, y1) in pairwise(points)
        if not math.isnan(y0) and not math.isnan(y1)
    ]
    assert segments and not any(a < gap < b for a, b in segments for gap in line_spec.gaps)


def test_a_break_is_a_labelled_rule_above_the_plot() -> None:
    spec = replace(time_line(series("A", *values())), breaks=(SeriesBreak(2020.5, "Zensus 2022"),))
    figure = drawn(replace(spec, series=(*spec.series, series("B", *values(start=3)))))
    axes = figure.axes[0]
    rules = [line for line in axes.get_lines() if list(line.get_xdata()) == [2020.5, 2020.5]]
    assert len(rules) == 1
    [label] = [text for text in axes.texts if text.get_text() == "Zensus 2022"]
    renderer = rendered(figure)
    box = label.get_window_extent(renderer)
    assert box.y0 >= axes.get_window_extent(renderer).y1 - 1
    assert box.y1 <= figure.bbox.y1 + 1
    assert not box.overlaps(figure.legends[0].get_window_extent(renderer))


def test_one_value_still_gets_a_time_axis_with_distinct_labels() -> None:
    """Review R17: all years piled up on one spot when only one value was left."""
    sparse = series("A", None, 5.7, None, None, None, None, None)
    for small in (False, True):
        figure = drawn(replace(time_line(sparse), small=small))
        axes = figure.axes[0]
        low, high = axes.get_xlim()
        assert low < YEARS[0] and high > YEARS[-1]
        renderer = rendered(figure)
        boxes = [t.get_window_extent(renderer) for t in axes.get_xticklabels() if t.get_text()]
        assert len(boxes) >= 2
        assert not any(a.overlaps(b) for a, b in pairwise(boxes))


def test_a_long_time_axis_labels_round_years_and_both_ends() -> None:
    years = tuple(range(2005, 2025))
    spec = replace(
        chart(ChartKind.LINE, tuple(map(str, years)), series("A", *range(20))),
        positions=tuple(map(float, years)),
    )
    labels = [t.get_text() for t in drawn(spec).axes[0].get_xticklabels()]
    assert 2 <= len(labels) <= 10
    assert labels[-1] == "2024"
    assert all(int(label) % 2 == 0 for label in labels)


def test_the_legend_goes_below_and_the_figure_grows_for_it() -> None:
    names = [
        f"Ausländerinnen und Ausländer der Gruppe {i} im Alter von 15 bis unter 65"
        for i in range(6)
    ]
    one = drawn(time_line(series("A", *values())))
    many = drawn(time_line(*(series(name, *values(start=i)) for i, name in enumerate(names))))
    plot_height = [f.axes[0].get_position().height * f.get_size_inches()[1] for f in (one, many)]
    assert plot_height[1] == pytest.approx(plot_height[0])
    assert many.get_size_inches()[1] > one.get_size_inches()[1]
    renderer = rendered(many)
    legend = many.legends[0].get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in many.axes[0].get_xticklabels()]
    assert legend.y1 <= min(box.y0 for box in labels)
    assert legend.y0 >= 0 and legend.x1 <= many.bbox.x1 + 1
    assert many.legends[0]._ncols >= 2  # type: ignore[attr-defined]


def test_legend_entries_read_row_by_row_in_series_order() -> None:
    rows = [series(f"Reihe {i}", *values(start=i)) for i in range(5)]
    figure = drawn(time_line(*rows))
    renderer = rendered(figure)
    texts = figure.legends[0].get_texts()
    order = sorted(
        texts,
        key=lambda t: (-round(t.get_window_extent(renderer).y0), t.get_window_extent(renderer).x0),
    )
    assert [t.get_text() for t in order] == [f"Reihe {i}" for i in range(5)]


def test_series_colours_read_on_white() -> None:
    with charts.chart_style(STYLE, FONTS):
        colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    assert len(colours) >= 8
    assert all(contrast(to_hex(colour), "#ffffff") >= 3.0 for colour in colours)


def test_the_land_look_is_a_dark_neutral() -> None:
    with charts.chart_style(STYLE, FONTS):
        first = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0]
    red, green, blue = (int(to_hex(first)[i : i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) <= 0x40 and max(red, green, blue) - min(red, green, blue) <= 8


def test_every_point_of_a_large_line_chart_is_marked() -> None:
    line = drawn(time_line(series("A", *values()))).axes[0].get_lines()[0]
    assert isinstance(line, Line2D) and line.get_marker() not in ("", "None", None)
    assert line.get_markevery() is None
