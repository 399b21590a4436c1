"""Each chart kind draws what its spec says: bars where the values are, in the given order
and direction; looks bound to series; uncertain values marked; maps in their class colours."""

from __future__ import annotations

from dataclasses import replace

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from reportgen.compose.model import (
    ChartKind,
    ChartSeries,
    ChartSpec,
    MapClasses,
    MapShape,
    ReferenceLine,
)
from reportgen.render import charts
from reportgen.render.choropleth import class_colours
from reportgen.resources import DEFAULT_STYLES

STYLE = DEFAULT_STYLES / "report.mplstyle"
FONTS = DEFAULT_STYLES / "fonts"
REGIONS = ("Braunschweig", "Hannover", "Lüneburg", "Weser-Ems")
LEGEND = ("unter 10,0 %", "10,0 bis unter 20,0 %", "20,0 % und mehr")


def series(label: str, *values: float | None, look: int | None = None) -> ChartSeries:
    return ChartSeries(label, tuple(values), look=look)


def chart(kind: ChartKind, categories: tuple[str, ...], *rows: ChartSeries) -> ChartSpec:
    return ChartSpec(kind, categories, rows, "in %", 1)


def square(x: float, y: float) -> tuple[tuple[float, float], ...]:
    return ((x, y), (x + 1.0, y), (x + 1.0, y + 1.0), (x, y + 1.0))


def choropleth(classes: tuple[int | None, ...]) -> ChartSpec:
    """A row of square areas, one per class entry."""
    shapes = tuple(MapShape(str(i), (square(float(i), 0.0),), False) for i in range(len(classes)))
    names = tuple(shape.key for shape in shapes)
    return ChartSpec(
        ChartKind.MAP,
        names,
        (ChartSeries("2024", tuple(1.0 for _ in names)),),
        "in %",
        1,
        map=MapClasses(shapes, classes, LEGEND, "keine Angabe"),
    )


def every_kind() -> dict[str, ChartSpec]:
    """One small spec of each kind."""
    pair = (
        series("Frauen", 20.0, 30.0, 25.0, 10.0, look=1),
        series("Männer", 22.0, 28.0, 20.0, 15.0, look=2),
    )
    shares = tuple(series(f"Stufe {i}", *(25.0,) * 4) for i in range(4))
    return {
        "line": replace(
            chart(ChartKind.LINE, ("2019", "2021", "2022", "2023"), *pair),
            positions=(2019.0, 2021.0, 2022.0, 2023.0),
            gaps=(2020.0,),
        ),
        "bar": chart(ChartKind.BAR, REGIONS, *pair),
        "hbar": chart(ChartKind.HBAR, REGIONS, *pair),
        "stacked": chart(ChartKind.STACKED, REGIONS, *shares),
        "pyramid": chart(ChartKind.PYRAMID, REGIONS, *pair),
        "ranking": chart(ChartKind.RANKING, REGIONS, pair[0]),
        "map": choropleth((0, 1, 2, None)),
    }


def drawn(spec: ChartSpec) -> plt.Figure:
    with charts.chart_style(STYLE, FONTS, charts.companions(spec)):
        figure = charts.draw(spec, STYLE)
    plt.close(figure)
    return figure


def bars(figure: plt.Figure) -> list[Rectangle]:
    return [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]


def test_every_kind_has_a_drawing() -> None:
    assert set(charts.KINDS) | {ChartKind.MAP} == set(ChartKind)
    assert {spec.kind for spec in every_kind().values()} == set(ChartKind)


@pytest.mark.parametrize("kind", sorted(every_kind()))
def test_every_kind_gives_svg_and_png_and_the_same_bytes_twice(kind: str) -> None:
    spec = every_kind()[kind]
    first, second = (charts.ChartImages(STYLE, FONTS, ("svg", "png"), dpi=60) for _ in range(2))
    assert first.svg(spec).startswith(b"<?xml") and first.png(spec).startswith(b"\x89PNG")
    assert first.svg(spec) == second.svg(spec)
    assert first.png(spec) == second.png(spec)


def test_a_look_gives_the_same_colour_in_every_chart() -> None:
    first = drawn(chart(ChartKind.LINE, REGIONS, series("A", 1, 2, 3, 4, look=3)))
    second = drawn(
        chart(ChartKind.LINE, REGIONS, series("B", 1, 1, 1, 1), series("A", 1, 2, 3, 4, look=3))
    )
    columns = drawn(chart(ChartKind.BAR, REGIONS, series("A", 1, 2, 3, 4, look=3)))
    colour = to_hex(first.axes[0].get_lines()[0].get_color())
    assert to_hex(second.axes[0].get_lines()[1].get_color()) == colour
    assert to_hex(bars(columns)[0].get_facecolor()) == colour
    marker = first.axes[0].get_lines()[0].get_marker()
    assert second.axes[0].get_lines()[1].get_marker() == marker


def test_a_series_without_look_takes_the_first_free_one_and_leaves_the_land_look() -> None:
    spec = chart(ChartKind.LINE, REGIONS, series("A", 1, 2, 3, 4, look=1), series("B", 1, 2, 3, 4))
    lines = drawn(spec).axes[0].get_lines()
    land = drawn(chart(ChartKind.LINE, REGIONS, series("L", 1, 2, 3, 4, look=0)))
    other = drawn(chart(ChartKind.LINE, REGIONS, series("C", 1, 2, 3, 4, look=2)))
    assert to_hex(lines[1].get_color()) == to_hex(other.axes[0].get_lines()[0].get_color())
    assert to_hex(lines[1].get_color()) != to_hex(land.axes[0].get_lines()[0].get_color())


def test_the_emphasised_land_is_dark_and_widest() -> None:
    land = ChartSeries("Niedersachsen", (1.0, 2.0, 3.0, 4.0), look=0, emphasis=True)
    lines = (
        drawn(chart(ChartKind.LINE, REGIONS, series("A", 1, 2, 3, 4, look=1), land))
        .axes[0]
        .get_lines()
    )
    assert lines[1].get_linewidth() > lines[0].get_linewidth()
    red, green, blue = (int(to_hex(lines[1].get_color())[i : i + 2], 16) for i in (1, 3, 5))
    assert max(red, green, blue) < 64 and max(red, green, blue) - min(red, green, blue) < 8


@pytest.mark.parametrize("small", [False, True], ids=["large", "small"])
def test_an_uncertain_value_is_a_hollow_marker(small: bool) -> None:
    """Small charts mark only the ends of their lines, but always an uncertain value."""
    uncertain = ChartSeries("A", (1.0, 2.0, 3.0, 4.0), uncertain=(False, True, False, False))
    axes = drawn(replace(chart(ChartKind.LINE, REGIONS, uncertain), small=small)).axes[0]
    hollow = [line for line in axes.get_lines() if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1
    assert list(hollow[0].get_xdata()) == [1.0] and list(hollow[0].get_ydata()) == [2.0]


def test_an_uncertain_bar_is_an_outline_in_its_colour() -> None:
    uncertain = ChartSeries("A", (1.0, 2.0), look=1, uncertain=(False, True))
    solid, outline = bars(drawn(chart(ChartKind.HBAR, REGIONS[:2], uncertain)))
    assert to_hex(outline.get_facecolor()) == "#ffffff"
    assert to_hex(outline.get_edgecolor()) == to_hex(solid.get_facecolor())


def test_grouped_horizontal_bars_run_from_the_top_down() -> None:
    figure = drawn(every_kind()["hbar"])
    axes = figure.axes[0]
    drawn_bars = bars(figure)
    assert len(drawn_bars) == 8
    assert [t.get_text() for t in axes.get_yticklabels()] == list(REGIONS)
    bottom, top = axes.get_ylim()
    assert bottom > top  # the first category at the top
    first = [bar for bar in drawn_bars if abs(bar.get_y() + bar.get_height() / 2) < 0.5]
    assert sorted(bar.get_width() for bar in first) == [20.0, 22.0]
    assert all(bar.get_x() == 0 for bar in drawn_bars)  # they grow to the right


def test_a_ranking_of_45_districts_stays_legible() -> None:
    names = tuple(f"Landkreis {i}" for i in range(45))
    values = tuple(float(45 - i) for i in range(45))
    spec = replace(
        chart(ChartKind.RANKING, names, ChartSeries("2024", values, look=1)),
        references=(ReferenceLine("Niedersachsen: 13,7 %", 13.7),),
    )
    figure = drawn(spec)
    axes = figure.axes[0]
    assert len(bars(figure)) == 45
    assert all(label.get_fontsize() >= 6.5 for label in axes.get_yticklabels())
    rows_per_inch = 45 / (axes.get_position().height * figure.get_size_inches()[1])
    assert rows_per_inch <= 1 / 0.15
    assert [line for line in axes.get_lines() if list(line.get_xdata()) == [13.7, 13.7]]
    assert "Niedersachsen: 13,7 %" in [text.get_text() for text in axes.texts]
    assert axes.get_yticklabels()[0].get_text() == "Landkreis 0"


def test_horizontal_charts_grow_with_their_categories() -> None:
    few = drawn(chart(ChartKind.RANKING, REGIONS[:3], series("A", 1, 2, 3)))
    many = drawn(chart(ChartKind.RANKING, tuple(map(str, range(25))), series("A", *range(25))))
    for figure, count in ((few, 3), (many, 25)):
        row = figure.axes[0].get_position().height * figure.get_size_inches()[1] / count
        assert 0.2 <= row <= 0.3
    assert many.get_size_inches()[1] > 4 * few.get_size_inches()[1]


def test_stacked_bars_put_one_segment_after_the_other() -> None:
    figure = drawn(every_kind()["stacked"])
    segments = bars(figure)
    assert len(segments) == 16
    first_row = sorted((bar.get_x(), bar.get_width()) for bar in segments if bar.get_y() < 0)
    assert first_row == [(0.0, 25.0), (25.0, 25.0), (50.0, 25.0), (75.0, 25.0)]
    assert figure.axes[0].get_xlim() == (0.0, 100.0)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert sorted(legend) == [f"Stufe {i}" for i in range(4)]
    assert "25,0" in [t.get_text() for t in figure.axes[0].texts]


def test_a_pyramid_puts_the_first_series_left_and_counts_outwards() -> None:
    figure = drawn(every_kind()["pyramid"])
    axes = figure.axes[0]
    left = [bar for bar in bars(figure) if bar.get_width() < 0]
    right = [bar for bar in bars(figure) if bar.get_width() > 0]
    assert sorted(-bar.get_width() for bar in left) == sorted([20.0, 30.0, 25.0, 10.0])
    assert sorted(bar.get_width() for bar in right) == sorted([22.0, 28.0, 20.0, 15.0])
    low, high = axes.get_xlim()
    assert low == -high
    labels = [t.get_text() for t in axes.get_xticklabels()]
    assert labels and not any(label.startswith(("−", "-")) for label in labels)
    bottom, top = axes.get_ylim()
    assert bottom < top  # the first category at the bottom
    assert {"Frauen", "Männer"} <= {t.get_text() for t in axes.texts}


@pytest.mark.parametrize(
    ("classes", "legend"),
    [((0, 1, 2, None), (*LEGEND, "keine Angabe")), ((0, 2, 2, 1), LEGEND)],
    ids=["with-missing", "complete"],
)
def test_a_map_fills_each_class_with_its_colour(
    classes: tuple[int | None, ...], legend: tuple[str, ...]
) -> None:
    figure = drawn(choropleth(classes))
    collections = [c for c in figure.axes[0].collections if isinstance(c, PathCollection)]
    colours = [to_hex(c.get_facecolor()[0]) for c in collections]
    assert len(colours) == len(set(colours)) == len(set(classes))
    assert [t.get_text() for t in figure.legends[0].get_texts()] == list(legend)
    assert not figure.axes[0].axison
    assert figure.axes[0].get_aspect() == 1.0


def test_class_colours_run_from_light_to_dark() -> None:
    with charts.chart_style(STYLE, FONTS, ("karte-klassen.mplstyle",)):
        colours, missing = class_colours(3)
    lightness = [sum(int(to_hex(c)[i : i + 2], 16) for i in (1, 3, 5)) for c in colours]
    assert lightness == sorted(lightness, reverse=True)
    assert missing not in colours
