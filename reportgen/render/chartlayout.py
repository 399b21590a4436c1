"""A fixed chart layout in inches, from measured texts: margins for the tick labels, a legend
below the plot in as many columns as fit, labels above the plot; the figure grows for them.

Measuring the texts replaces ``tight_layout``, which draws the whole figure once more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure as MplFigure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from reportgen.render.chartlooks import rc, readable

PAD = 0.05  # in: around the chart
_GAP = 0.06  # in: between the plot's tick labels and the legend, or a label and the plot
_SAFETY = 1.03  # measured from glyph advances without kerning


@dataclass(frozen=True)
class TopLabel:
    """A label above the plot at ``x`` (data units), e.g. of a break or a reference line."""

    x: float
    text: str
    colour: str


@dataclass
class Frame:
    """What a chart kind leaves to the layout."""

    plot_height: float | None = None
    """Inches; None: the style's figure height less the margins."""
    legend: list[tuple[Artist, str]] = field(default_factory=list)
    top_labels: list[TopLabel] = field(default_factory=list)
    top_extra: float = 0.0
    """Inches above the plot that the kind fills itself (the names of a pyramid's halves)."""
    right_extra: float = 0.0


@lru_cache(maxsize=4096)
def _advance(char: str, size: float, family: str) -> float:
    prop = FontProperties(family=family, size=size)
    return float(text_to_path.get_text_width_height_descent(char, prop, ismath=False)[0])


@lru_cache(maxsize=64)
def _metrics(size: float, family: str) -> tuple[float, float]:
    prop = FontProperties(family=family, size=size)
    _, height, descent = text_to_path.get_text_width_height_descent("lp", prop, ismath=False)
    return float(height), float(descent)


def _family() -> str:
    family = matplotlib.rcParams["font.family"]
    return str(family[0] if isinstance(family, list) else family)


def text_width(text: str, size: float) -> float:
    """Inches: the widest line of ``text`` at ``size`` points."""
    family = _family()
    lines = text.split("\n")
    return max(sum(_advance(c, size, family) for c in line) for line in lines) * _SAFETY / 72


def text_height(text: str, size: float) -> float:
    """Inches, as matplotlib stacks the lines of a text."""
    height, descent = _metrics(size, _family())
    return (height + text.count("\n") * (height - descent) * 1.2) / 72


def wrap(text: str, width: float, size: float) -> str:
    """``text`` broken between words into lines no wider than ``width`` inches (a single
    longer word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines) or text


def size(key: str) -> float:
    """A font size of the style in points (``xtick.labelsize`` …)."""
    value = rc(key)
    if isinstance(value, str):
        return float(FontProperties(size=value).get_size_in_points())
    return float(value)


@dataclass(frozen=True)
class LegendPlan:
    labels: list[str]
    columns: int
    height: float


def plan_legend(labels: Sequence[str], width: float) -> LegendPlan:
    """The lowest legend of ``labels`` in ``width`` inches: as many columns as fit, long
    labels wrapped to the column width."""
    font = size("legend.fontsize")
    params = matplotlib.rcParams
    handle = (params["legend.handlelength"] + params["legend.handletextpad"]) * font / 72
    spacing = params["legend.columnspacing"] * font / 72
    best = LegendPlan([], 1, 0.0)
    for columns in range(1, len(labels) + 1):
        column_width = (width - spacing * (columns - 1)) / columns - handle
        if columns > 1 and column_width < 0.9:
            break
        wrapped = [wrap(label, column_width, font) for label in labels]
        widths = [
            max(text_width(wrapped[i], font) for i in range(c, len(labels), columns))
            for c in range(columns)
        ]
        if columns > 1 and sum(widths) + columns * handle + spacing * (columns - 1) > width:
            continue
        rows = [wrapped[r : r + columns] for r in range(0, len(labels), columns)]
        height = sum(
            max(text_height(label, font) for label in row)
            + params["legend.labelspacing"] * font / 72
            for row in rows
        )
        if not best.labels or height < best.height - 1e-9:
            best = LegendPlan(wrapped, columns, height)
    return best


def add_legend(
    figure: MplFigure,
    entries: Sequence[tuple[Artist, str]],
    plan: LegendPlan,
    left: float,
    top: float,
) -> None:
    """The legend with its top-left corner at (``left``, ``top``) inches, read row by row."""
    columns, count = plan.columns, len(entries)
    rows = -(-count // columns)
    # matplotlib fills a legend column by column: reorder so that it reads row by row
    order = [
        r * columns + c for c in range(columns) for r in range(rows) if r * columns + c < count
    ]
    width, height = figure.get_size_inches()
    figure.legend(
        [entries[i][0] for i in order],
        [plan.labels[i] for i in order],
        loc="upper left",
        bbox_to_anchor=(left / width, top / height),
        ncol=columns,
        borderaxespad=0.0,
        borderpad=0.0,
    )


def label_rows(labels: Sequence[TopLabel], centres: Sequence[float], font: float) -> list[int]:
    """The row above the plot of each label (0 = nearest): a label that would overlap one
    to its left goes higher. ``centres`` are the labels' centres across the figure (inches)."""
    ends: list[float] = []
    rows = [0] * len(labels)
    for index in sorted(range(len(labels)), key=lambda i: centres[i]):
        half = text_width(labels[index].text, font) / 2 + 0.04
        row = next((r for r, end in enumerate(ends) if centres[index] - half > end), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = centres[index] + half
        rows[index] = row
    return rows


def place(
    figure: MplFigure,
    axes: Axes,
    left: float,
    right: float,
    top: float,
    bottom: float,
    plot_height: float,
) -> None:
    """Size the figure to hold the plot and its margins (inches), and put the plot there."""
    width = figure.get_size_inches()[0]
    height = top + plot_height + bottom
    figure.set_size_inches(width, height)
    axes.set_position(
        (left / width, bottom / height, (width - left - right) / width, plot_height / height)
    )


def lay_out(figure: MplFigure, axes: Axes, frame: Frame) -> None:
    """Margins from the measured tick labels and axis labels, the labels above the plot, the
    legend below; the plot keeps its height and the figure grows around it."""
    width, style_height = figure.get_size_inches()
    left = PAD + _axis_depth(axes, "y")
    x_labels = [t.get_text() for t in axes.xaxis.get_majorticklabels()]
    x_font = _tick_size(axes, "x")
    overhang = text_width(x_labels[-1], x_font) / 2 if x_labels and _ends_at_right(axes) else 0
    right = PAD + max(frame.right_extra, overhang)
    ticks = PAD + _axis_depth(axes, "x")
    font = size("font.size")
    centres = _centres(axes, frame, left, width - right, width, font)
    rows = label_rows(frame.top_labels, centres, font)
    line = text_height("0", font) + 0.02
    # the top tick label of a vertical value axis stands half above the plot
    overtop = text_height("0", _tick_size(axes, "y")) / 2 if frame.plot_height is None else 0
    top = PAD + frame.top_extra + ((max(rows) + 1) * line if rows else overtop)
    plot_height = frame.plot_height or style_height - top - ticks
    legend = None
    bottom = ticks
    if frame.legend:
        legend = plan_legend([label for _, label in frame.legend], width - 2 * PAD)
        bottom += legend.height + _GAP
    place(figure, axes, left, right, top, bottom, plot_height)
    low, high = axes.get_xlim()
    for label, row, centre in zip(frame.top_labels, rows, centres, strict=True):
        over = left + (label.x - low) / ((high - low) or 1.0) * (width - left - right)
        _label_above(axes, label, (centre - over) * 72, 2 + row * line * 72, font)
    if legend is not None:
        add_legend(figure, frame.legend, legend, PAD, PAD + legend.height)


def _label_above(axes: Axes, label: TopLabel, shift: float, rise: float, font: float) -> None:
    """``label`` above the plot over its x, moved by ``shift`` and raised by ``rise`` points."""
    axes.annotate(
        label.text,
        xy=(label.x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(shift, rise),
        textcoords="offset points",
        ha="center",
        va="bottom",
        color=readable(to_hex(label.colour)),
        fontsize=font,
        annotation_clip=False,
    )


def _axis_depth(axes: Axes, which: str) -> float:
    """Inches from the plot's edge to the outer edge of the axis' label: tick, tick label,
    axis label."""
    axis = axes.xaxis if which == "x" else axes.yaxis
    params = axis.get_tick_params()
    length = float(params.get("length", rc(f"{which}tick.major.size")))
    pad = float(params.get("pad", rc(f"{which}tick.major.pad")))
    labels = [t.get_text() for t in axis.get_majorticklabels()]
    font = _tick_size(axes, which)
    if which == "x":
        depth = max((text_height(t, font) for t in labels), default=0.0)
    else:
        depth = max((text_width(t, font) for t in labels), default=0.0)
    title = axis.get_label().get_text()
    if title:
        labelpad = float(matplotlib.rcParams["axes.labelpad"])
        depth += labelpad / 72 + text_height(title, size("axes.labelsize"))
    return (length + pad) / 72 + depth


def _tick_size(axes: Axes, which: str) -> float:
    axis = axes.xaxis if which == "x" else axes.yaxis
    value = axis.get_tick_params().get("labelsize")
    return float(value) if isinstance(value, int | float) else size(f"{which}tick.labelsize")


def _ends_at_right(axes: Axes) -> bool:
    low, high = axes.get_xlim()
    ticks = [t for t in axes.get_xticks() if low <= t <= high]
    return bool(ticks) and high - ticks[-1] < 0.06 * (high - low)


def _centres(
    axes: Axes, frame: Frame, left: float, right_edge: float, width: float, font: float
) -> list[float]:
    """Where the labels above the plot stand across the figure: over their x, moved in where
    they would stick out of the figure."""
    low, high = axes.get_xlim()
    span = (high - low) or 1.0
    centres = []
    for label in frame.top_labels:
        half = text_width(label.text, font) / 2
        centre = left + (label.x - low) / span * (right_edge - left)
        centres.append(min(max(centre, PAD + half), width - PAD - half))
    return centres
