"""The vertical chart kinds: lines over a time axis and grouped columns."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Patch

from reportgen.compose.model import ChartSpec
from reportgen.render.chartaxes import (
    set_value_axis,
    time_limits,
    time_ticks,
    value_ticks,
    with_gaps,
)
from reportgen.render.chartlayout import PAD, Frame, TopLabel, size, text_width, wrap
from reportgen.render.chartlooks import (
    BAR_KEYS,
    LINE_KEYS,
    bar_faces,
    figure_width,
    hollow,
    patterned,
    readable,
    series_looks,
    shown,
)

_MARGINS = 0.75  # in: what the axis labels take of a vertical chart's width, roughly


def draw_lines(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """Series over a time axis: a gap in the data breaks the line; uncertain values are hollow
    markers; breaks are labelled rules."""
    looks = series_looks(spec.series, LINE_KEYS, style_file, patterned=False)
    xs = [float(p) for p in spec.positions or range(len(spec.categories))]
    frame = Frame()
    # every line names its whole look: the style's cycle (with hatches) must not add to it
    axes.set_prop_cycle(color=[look["color"] for look in looks] or ["black"])
    for series, look in zip(spec.series, looks, strict=True):
        x, y = with_gaps(xs, series.values, spec.gaps)
        [line] = axes.plot(x, y, markevery=_marked(y) if spec.small else None, **look)
        frame.legend.append((line, series.label))
        # drawn over the line's own marker, also where a small chart marks only the ends
        indices, values, uncertain = shown(series)
        points = [(xs[i], v) for i, v, flag in zip(indices, values, uncertain, strict=True) if flag]
        if points:
            axes.plot(*zip(*points, strict=True), zorder=line.get_zorder() + 0.1, **hollow(look))
    if len(frame.legend) < 2:
        frame.legend.clear()
    _time_axis(axes, spec, xs)
    values = [v for s in spec.series for v in s.values if v is not None]
    values += [r.value for r in spec.references]
    from_zero = not values or min(values) >= 0
    set_value_axis(
        axes.yaxis, value_ticks(values, spec.decimals, 4 if spec.small else 6, from_zero)
    )
    axes.set_ylabel(spec.axis_label)
    _references(axes, spec)
    for each in spec.breaks:
        rule = axes.axvline(each.position)
        frame.top_labels.append(TopLabel(each.position, each.label, str(rule.get_color())))
    return frame


def _marked(values: list[float]) -> list[int]:
    """The points a small chart marks: the ends of every piece of line and every lone point
    (it would be invisible without a marker)."""
    known = [not math.isnan(v) for v in values]
    return [
        i
        for i, here in enumerate(known)
        if here and (i == 0 or not known[i - 1] or i == len(known) - 1 or not known[i + 1])
    ]


def _time_axis(axes: Axes, spec: ChartSpec, xs: list[float]) -> None:
    """Ticks only at categories, as many as fit; from the first category to the last."""
    font = size("xtick.labelsize")
    widest = max((text_width(c, font) for c in spec.categories), default=0.3)
    if not xs:
        return
    low, high = time_limits(xs)
    per_unit = (figure_width() - _MARGINS) / (high - low)
    ticks = time_ticks(xs, spec.categories, 5 if spec.small else 10, (widest + 0.12) / per_unit)
    axes.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    axes.set_xlim(low, high)


def draw_columns(axes: Axes, spec: ChartSpec, style_file: Path) -> Frame:
    """Vertical bars grouped by category, each series in its look: solid, with a pattern only
    from ``PATTERNS_FROM`` series on; uncertain values as outlines."""
    count = max(1, len(spec.series))
    looks = series_looks(spec.series, BAR_KEYS, style_file, patterned(spec.series))
    width = 0.8 / count
    frame = Frame()
    for index, (series, look) in enumerate(zip(spec.series, looks, strict=True)):
        indices, values, uncertain = shown(series)
        faces = bar_faces(look, uncertain)
        axes.bar(
            [i - 0.4 + width * (index + 0.5) for i in indices],
            values,
            width=width * 0.92,
            hatch=look.get("hatch"),
            color=faces.fill,
            edgecolor=faces.edge,
            linewidth=faces.width,
        )
        frame.legend.append((Patch(facecolor=look["color"], hatch=look.get("hatch")), series.label))
    if len(frame.legend) < 2:
        frame.legend.clear()
    slot = (figure_width() - _MARGINS) / max(1, len(spec.categories))
    font = size("xtick.labelsize")
    labels = [wrap(c, max(slot - 0.08, 0.3), font) for c in spec.categories]
    axes.set_xticks(range(len(spec.categories)), labels)
    axes.set_xlim(-0.5, len(spec.categories) - 0.5)
    axes.tick_params(axis="x", length=0)
    values = [v for s in spec.series for v in s.values if v is not None]
    values += [r.value for r in spec.references]
    set_value_axis(axes.yaxis, value_ticks(values, spec.decimals, 4 if spec.small else 6, True))
    axes.set_ylabel(spec.axis_label)
    zero_line(axes, "h")
    _references(axes, spec)
    frame.right_extra = PAD
    return frame


def zero_line(axes: Axes, direction: str) -> None:
    """The zero line of a bar chart, drawn like the axis lines."""
    params = matplotlib.rcParams
    line = axes.axhline if direction == "h" else axes.axvline
    line(0, color=params["axes.edgecolor"], linewidth=params["axes.linewidth"], linestyle="solid")


def _references(axes: Axes, spec: ChartSpec) -> None:
    """Horizontal reference lines, labelled at the right end above the line in its colour."""
    for reference in spec.references:
        line = axes.axhline(reference.value)
        axes.annotate(
            reference.label,
            xy=(1.0, reference.value),
            xycoords=("axes fraction", "data"),
            xytext=(0, 1.5),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=readable(to_hex(line.get_color())),
        )
