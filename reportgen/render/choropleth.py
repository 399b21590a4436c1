"""A choropleth map: every area in the colour of its value class, a legend of the classes.

The class colours are the ``axes.prop_cycle`` colours of the map style in effect
(``karte-klassen.mplstyle``), lowest class first; its last colour is for areas without a value.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath

from reportgen.compose.model import ChartSpec, MapClasses, MapShape
from reportgen.render.chartlayout import PAD, add_legend, plan_legend, text_width

MISSING_HATCH = "////"
"""Areas without a value: the style's last colour, hatched in its hatch.color."""
_MOST_HEIGHT = 5.0  # in: a large map, however tall the Land
_BESIDE = 0.35  # of the figure width at most for a legend beside a large map
Ring = tuple[tuple[float, float], ...]


def class_colours(count: int) -> tuple[list[str], str]:
    """``count`` class colours spread over the style's colours, and the colour for areas
    without a value."""
    colours = [str(c) for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
    scale, missing = colours[:-1] or colours, colours[-1]
    if count <= 1:
        return scale[len(scale) // 2 : len(scale) // 2 + count], missing
    last = len(scale) - 1
    return [scale[round(i * last / (count - 1))] for i in range(count)], missing


def draw_choropleth(spec: ChartSpec) -> MplFigure:
    """The areas of ``spec.map`` in their class colours with thin borders, no axes, true to
    scale; the legend beside a large map, below a small one."""
    classes = spec.map or MapClasses((), (), (), "")
    colours, missing = class_colours(len(classes.legend))
    entries = [
        (Patch(facecolor=colour), label)
        for colour, label in zip(colours, classes.legend, strict=True)
    ]
    if None in classes.classes:
        entries.append((Patch(facecolor=missing, hatch=MISSING_HATCH), classes.missing))
    figure = plt.figure()
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    edges = {
        "edgecolors": matplotlib.rcParams["patch.edgecolor"],
        "linewidths": matplotlib.rcParams["patch.linewidth"],
    }
    for index, colour in [*enumerate(colours), (None, missing)]:
        paths = [
            _path(shape.rings)
            for shape, value in zip(classes.shapes, classes.classes, strict=True)
            if value == index
        ]
        if paths:
            hatch = MISSING_HATCH if index is None else None
            axes.add_collection(PathCollection(paths, facecolors=colour, hatch=hatch, **edges))
    axes.set_aspect("equal")
    axes.set_axis_off()
    _frame(figure, axes, classes.shapes, entries, spec.small)
    return figure


def _frame(
    figure: MplFigure,
    axes: Axes,
    shapes: Sequence[MapShape],
    entries: list[tuple[Patch, str]],
    small: bool,
) -> None:
    """Size the figure to the map's extent, the legend beside (large) or below (small)."""
    points = [point for shape in shapes for ring in shape.rings for point in ring]
    xs, ys = [x for x, _ in points] or [0.0, 1.0], [y for _, y in points] or [0.0, 1.0]
    axes.set_xlim(min(xs), max(xs))
    axes.set_ylim(min(ys), max(ys))
    aspect = (max(ys) - min(ys)) / ((max(xs) - min(xs)) or 1.0)
    width = figure.get_size_inches()[0]
    font = float(matplotlib.rcParams["legend.fontsize"])
    handle = (matplotlib.rcParams["legend.handlelength"] + 1.0) * font / 72
    widest = max((text_width(label, font) for _, label in entries), default=0.0) + handle
    if not small and entries and widest < _BESIDE * width:
        map_width = width - widest - 3 * PAD
        map_height = min(map_width * aspect, _MOST_HEIGHT)
        map_width = map_height / aspect if aspect else map_width
        plan = plan_legend([label for _, label in entries], widest)
        plan = type(plan)(plan.labels, 1, plan.height)
        height = max(map_height, plan.height) + 2 * PAD
        figure.set_size_inches(width, height)
        axes.set_position((PAD / width, PAD / height, map_width / width, map_height / height))
        add_legend(figure, entries, plan, map_width + 2 * PAD, PAD + plan.height)
        return
    map_height = min((width - 2 * PAD) * aspect, _MOST_HEIGHT)
    plan = plan_legend([label for _, label in entries], width - 2 * PAD)
    legend = plan.height + PAD if entries else 0.0
    height = map_height + legend + 2 * PAD
    figure.set_size_inches(width, height)
    axes.set_position(
        (PAD / width, (legend + PAD) / height, 1 - 2 * PAD / width, map_height / height)
    )
    if entries:
        add_legend(figure, entries, plan, PAD, PAD + plan.height)


def _path(rings: Sequence[Ring]) -> MplPath:
    """One path of an area's rings, holes wound against their outer ring, so that they stay
    empty under the non-zero fill rule of every backend."""
    closed = [ring for ring in rings if len(ring) >= 3]
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for ring in closed:
        inside = sum(
            MplPath(other).contains_point(ring[0]) for other in closed if other is not ring
        )
        clockwise = _area(ring) < 0
        if clockwise != (inside % 2 == 1):
            ring = ring[::-1]
        vertices += [*ring, ring[0]]
        codes += [int(MplPath.MOVETO)]
        codes += [int(MplPath.LINETO)] * (len(ring) - 1) + [int(MplPath.CLOSEPOLY)]
    return MplPath(vertices or [(0.0, 0.0)], codes or None)


def _area(ring: Ring) -> float:
    """Twice the signed area: positive when the ring runs anticlockwise."""
    return sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, (*ring[1:], ring[0]), strict=True)
    )
