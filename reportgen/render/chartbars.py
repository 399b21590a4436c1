"""The horizontal chart kinds: grouped bars, 100 % stacked bars, a pyramid and a ranking.

Their height follows the number of rows, so that 3 and 45 categories both read well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Patch

from reportgen.compose.formatting import format_cell
from reportgen.compose.model import ChartSpec
from reportgen.render.chartaxes import set_value_axis, value_ticks
from reportgen.render.chartkinds import zero_line
from reportgen.render.chartlayout import PAD, Frame, TopLabel, size, text_height, text_width, wrap
from reportgen.render.chartlooks import (
    BAR_KEYS,
    Look,
    bar_faces,
    figure_width,
    patterned,
    readable,
    series_looks,
    shown,
    text_colour_on,
)

VALUE_LABELS_UP_TO = 12
"""Bars are labelled with their values up to this many bars in a chart."""
_TOTAL = 7.2  # in: what all rows of a large chart take at most before rows get narrower
_ROW = (0.16, 0.26)  # in: the narrowest and widest row of one bar in a large chart
_SMALL = 0.7  # a fact sheet's chart: rows this much of a large chart's
_LABEL_SHARE = 0.4  # of the figure width at most for the category labels
_SMALLEST_FONT = 6.5  # pt: category labels of narrow rows, still legible in print


@dataclass(frozen=True)
class Rows:
    """The category rows of a horizontal chart."""

    height: float
    """Inches per row."""
    font: float
    labels: list[str]


def _rows(spec: ChartSpec, bars_per_row: int, density: float = 1.0) -> Rows:
    """Row height and label font for the number of rows; labels wrapped to the label column."""
    count = max(1, len(spec.categories))
    low, high = _ROW
    row = min(max(_TOTAL / count, low), high) * (1 + 0.6 * (bars_per_row - 1))
    row *= (_SMALL if spec.small else 1.0) * density
    tick = size("ytick.labelsize")
    font = tick if row >= 0.2 else max(_SMALLEST_FONT, min(tick, row * 72 * 0.6))
    room = _LABEL_SHARE * figure_width()
    labels = [wrap(c, room, font) for c in spec.categories]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    row = max(row, text_height("\n".join("0" * lines), font) + 0.08)
    return Rows(row, font, labels)


def _category_axis(axes: Axes, rows: Rows, top_down: bool) -> Frame:
    """Categories on the y axis (the first at the top, or at the bottom), values on x with a
    grid; the plot is as high as its rows."""
    count = len(rows.labels)
    axes.set_yticks(range(count), rows.labels)
    axes.set_ylim((count - 0.5, -0.5) if top_down else (-0.5, count - 0.5))
    axes.tick_params(axis="y", length=0, labelsize=rows.font)
    axes.tick_params(axis="x", length=0)
    axes.grid(False, axis="y")
    axes.grid(True, axis="x")
    axes.spines["bottom"].set_visible(False)
    axes.spines["left"].set_visible(False)
    return Frame(plot_height=max(count, 1) * rows.height)


def _value_axis(
    axes: Axes, spec: ChartSpec, values: Sequence[float], frame: Frame, **options: bool
) -> None:
    values = [*values, *(r.value for r in spec.references)]
    ticks = value_ticks(values, spec.decimals, 4 if spec.small else 6, True, **options)
    set_value_axis(axes.xaxis, ticks, absolute=options.get("symmetric", False))
    axes.set_xlabel(spec.axis_label)
    for reference in spec.references:
        rule = axes.axvline(reference.value)
        frame.top_labels.append(TopLabel(reference.value, reference.label, str(rule.get_color())))


def _looks(spec: ChartSpec, style_file: Path) -> list[Look]:
    return series_looks(spec.series, BAR_KEYS, style_file, patterned(spec.series))


def _label(value: float, uncertain: bool, decimals: int) -> str:
    """A value as the tables print it, in brackets where it is uncertain."""
    text = format_cell(value, decimals)
    return f"({text})" if uncertain else text


def draw_grouped(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """Horizontal bars grouped by category, from the top down; values at the bar ends when
    there are few bars."""
    count = max(1, len(spec.series))
    rows = _rows(spec, count)
    frame = _category_axis(axes, rows, top_down=True)
    looks = _looks(spec, style_file)
    height = 0.8 / count
    labelled = sum(v is not None for s in spec.series for v in s.values) <= VALUE_LABELS_UP_TO
    for index, (series, look) in enumerate(zip(spec.series, looks, strict=True)):
        indices, values, uncertain = shown(series)
        faces = bar_faces(look, uncertain)
        bars = axes.barh(
            [i - 0.4 + height * (index + 0.5) for i in indices],
            values,
            height=height * 0.9,
            hatch=look.get("hatch"),
            color=faces.fill,
            edgecolor=faces.edge,
            linewidth=faces.width,
        )
        if labelled:
            texts = [
                _label(v, flag, spec.decimals) for v, flag in zip(values, uncertain, strict=True)
            ]
            axes.bar_label(bars, texts, padding=2, fontsize=rows.font)
            widest = max((text_width(t, rows.font) for t in texts), default=0.0)
            frame.right_extra = max(frame.right_extra, widest + PAD)
        frame.legend.append((Patch(facecolor=look["color"], hatch=look.get("hatch")), series.label))
    if len(frame.legend) < 2:
        frame.legend.clear()
    values = [v for s in spec.series for v in s.values if v is not None]
    _value_axis(axes, spec, values, frame)
    zero_line(axes, "v")
    return frame


def draw_ranking(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """One series as bars in the given order, the first at the top; references (the Land) as
    labelled vertical lines."""
    return draw_grouped(axes, spec, style_file)


def draw_stacked(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """One 100 % bar per category, one segment per series as given; a segment's value inside
    it where it fits."""
    rows = _rows(spec, 1)
    frame = _category_axis(axes, rows, top_down=True)
    looks = _looks(spec, style_file)
    ticks = value_ticks([0.0, 100.0], 0, 5, True, headroom=False)
    room = figure_width() * (1 - _LABEL_SHARE) - 2 * PAD
    per_unit = room / max(ticks[-1], 1.0)
    starts = [0.0] * len(spec.categories)
    for series, look in zip(spec.series, looks, strict=True):
        indices, widths, uncertain = shown(series)
        faces = bar_faces(look, uncertain)
        axes.barh(
            indices,
            widths,
            left=[starts[i] for i in indices],
            height=0.7,
            hatch=look.get("hatch"),
            color=faces.fill,
            edgecolor=faces.edge,
            linewidth=faces.width,
        )
        for i, width, fill, flag in zip(indices, widths, faces.fill, uncertain, strict=True):
            text = _label(width, flag, spec.decimals)
            if width * per_unit > text_width(text, rows.font) + 0.08:
                axes.text(
                    starts[i] + width / 2,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=rows.font,
                    color=text_colour_on(to_hex(fill)),
                )
            starts[i] += width
        frame.legend.append((Patch(facecolor=look["color"], hatch=look.get("hatch")), series.label))
    _value_axis(axes, spec, [*starts, 100.0], frame, headroom=False)
    zero_line(axes, "v")
    return frame


def draw_pyramid(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """The first series to the left, the second to the right of a central axis, the first
    category at the bottom; the value axis is symmetric and counts outwards."""
    rows = _rows(spec, 1, density=0.85)  # a pyramid's bars touch: rows can be narrower
    frame = _category_axis(axes, rows, top_down=False)
    looks = _looks(spec, style_file)
    for side, series, look in zip((-1, 1), spec.series[:2], looks, strict=False):
        indices, values, uncertain = shown(series)
        faces = bar_faces(look, uncertain)
        axes.barh(
            indices,
            [side * v for v in values],
            height=0.8,
            hatch=look.get("hatch"),
            color=faces.fill,
            edgecolor=faces.edge,
            linewidth=faces.width,
        )
        axes.annotate(
            series.label,
            xy=(0.5 + side * 0.25, 1.0),
            xycoords="axes fraction",
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=size("axes.labelsize"),
            color=readable(look["color"]),  # a word: 4.5:1, where a bar needs 3:1
            fontweight="bold",
        )
    frame.top_extra = text_height("0", size("axes.labelsize")) + 0.06
    values = [v for s in spec.series[:2] for v in s.values if v is not None]
    _value_axis(axes, spec, values, frame, symmetric=True)
    zero_line(axes, "v")
    return frame
