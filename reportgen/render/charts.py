"""Chart spec → matplotlib figure → SVG (PDF) or PNG (DOCX) bytes; deterministic output."""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reportgen.compose.formatting import format_number, unit_caption
from reportgen.compose.model import ChartSpec, MapSpec

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)))
HATCHES = ("", "//", "..", "xx", "\\\\", "--", "oo", "++")
WIDTH_IN = 6.3
HEIGHT_IN = 3.1


@lru_cache(maxsize=8)
def _register_fonts(folder: str) -> None:
    for path in sorted(Path(folder).glob("*.[ot]tf")):
        font_manager.fontManager.addfont(str(path))


@contextmanager
def _style(style_file: Path, fonts: Path) -> Iterator[None]:
    _register_fonts(str(fonts))
    with plt.style.context(str(style_file)):
        yield


def draw(spec: ChartSpec, style_file: Path, fonts: Path, small: bool = False) -> MplFigure:
    """A matplotlib figure for a chart spec (the caller closes it)."""
    size = (2.5, 2.1) if small else (WIDTH_IN, HEIGHT_IN)
    figure = plt.figure(figsize=size)
    axes = figure.add_subplot()
    if spec.kind == "line":
        _draw_lines(axes, spec, most_ticks=5 if small else 10)
    else:
        _draw_bars(axes, spec)
    for reference in spec.references:
        axes.axhline(reference.value, color="#333333", linewidth=1.0, linestyle=(0, (6, 3)))
        axes.annotate(
            reference.label,
            xy=(1.0, reference.value),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize=8,
            color="#333333",
        )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick(v, spec.decimals)))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    axes.set_ylabel(unit_caption(spec.unit))
    if len(spec.series) > 1:
        labels = [textwrap.fill(s.label, 45 if not small else 30) for s in spec.series]
        columns = 1 if max(len(label) for label in labels) > 40 or small else 2
        axes.legend(
            axes.get_legend_handles_labels()[0],
            labels,
            loc="upper left",
            bbox_to_anchor=(-0.12 if small else 0.0, -0.14 if small else -0.12),
            ncol=columns,
            handlelength=2.8,
        )
    if small:  # a fixed layout: tight_layout would draw every small chart twice more
        figure.subplots_adjust(
            left=0.17, right=0.97, top=0.96, bottom=0.40 if len(spec.series) > 1 else 0.14
        )
    else:
        figure.tight_layout(pad=0.4)
    return figure


def _tick(value: float, decimals: int) -> str:
    rounded = round(value)
    if abs(value - rounded) < 1e-9:
        return format_number(value, 0)
    return format_number(value, max(1, min(decimals, 2)))


def _draw_lines(axes: Axes, spec: ChartSpec, most_ticks: int) -> None:
    xs = list(spec.positions) if spec.positions else list(range(len(spec.categories)))
    for index, series in enumerate(spec.series):
        points = [(x, v) for x, v in zip(xs, series.values, strict=True)]
        axes.plot(
            [x for x, _ in points],
            [float("nan") if v is None else v for _, v in points],
            marker=MARKERS[index % len(MARKERS)],
            linestyle=LINESTYLES[index % len(LINESTYLES)],
            label=series.label,
            linewidth=2.4 if index == 0 else 1.6,
            # small charts mark only the ends: line styles carry the distinction, and each
            # marker costs layout time in every PDF
            markevery=[0, len(xs) - 1] if most_ticks < 10 and len(xs) > 1 else None,
        )
    ticks = _thin(list(zip(xs, spec.categories, strict=True)), most_ticks)
    axes.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    _y_from_zero(axes, spec)


def _draw_bars(axes: Axes, spec: ChartSpec) -> None:
    count = max(1, len(spec.series))
    width = 0.8 / count
    for index, series in enumerate(spec.series):
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(spec.categories))]
        heights = [0.0 if v is None else v for v in series.values]
        axes.bar(
            offsets,
            heights,
            width=width * 0.92,
            label=series.label,
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
            linewidth=0.4,
        )
    labels = [textwrap.fill(c, 16) for c in spec.categories]
    axes.set_xticks(range(len(spec.categories)), labels)
    axes.axhline(0, color="#555555", linewidth=0.6)
    axes.grid(axis="x", visible=False)


def _y_from_zero(axes: Axes, spec: ChartSpec) -> None:
    values = [v for s in spec.series for v in s.values if v is not None]
    if values and min(values) >= 0:
        axes.set_ylim(bottom=0, top=max(values) * 1.08 if max(values) > 0 else 1)


def _thin(ticks: list[tuple[float, str]], most: int) -> list[tuple[float, str]]:
    """At most ``most`` tick labels, always keeping the first and the last."""
    if len(ticks) <= most:
        return ticks
    step = -(-len(ticks) // most)
    return ticks[::-1][::step][::-1]


def render_svg(spec: ChartSpec, style_file: Path, fonts: Path, small: bool = False) -> bytes:
    """SVG with real text (not paths), no timestamps: same spec, same bytes."""
    with _style(style_file, fonts):
        figure = draw(spec, style_file, fonts, small)
        data = _save(figure, "svg", 0)
        plt.close(figure)
    return data


def render_png(
    spec: ChartSpec, style_file: Path, fonts: Path, dpi: int = 220, small: bool = False
) -> bytes:
    """PNG at print resolution for Word (at least 200 dpi)."""
    with _style(style_file, fonts):
        figure = draw(spec, style_file, fonts, small)
        data = _save(figure, "png", dpi)
        plt.close(figure)
    return data


MAP_SIZE_IN = (2.2, 2.2)
MAP_DPI = 300
MAP_HIGHLIGHT = "#1f4e79"
MAP_OTHER = "#d4d4d4"


def draw_map(spec: MapSpec) -> MplFigure:
    """A locator map: the highlighted district in the report colour, all others grey."""
    figure = plt.figure(figsize=MAP_SIZE_IN)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    for highlighted in (False, True):
        rings = [
            ring
            for shape in spec.shapes
            if shape.highlighted == highlighted
            for ring in shape.rings
        ]
        axes.add_collection(
            PolyCollection(
                rings,
                facecolors=MAP_HIGHLIGHT if highlighted else MAP_OTHER,
                edgecolors="white",
                linewidths=0.3 if not highlighted else 0.5,
            )
        )
    axes.autoscale_view()
    axes.set_aspect("equal")
    axes.set_axis_off()
    return figure


def _save(figure: MplFigure, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(
            buffer,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            pil_kwargs={"compress_level": 2},
        )
    return buffer.getvalue()


class ChartImages:
    """SVG (for PDF) and PNG (for Word) of charts and maps; every figure is drawn only once.

    The first request for a spec draws the figure and saves it in all ``formats``; later
    requests, from the other renderer of the same fact sheet, come from the cache.
    """

    def __init__(
        self,
        style_file: Path,
        fonts: Path,
        formats: tuple[str, ...] = ("svg", "png"),
        dpi: int = 220,
        small: bool = False,
    ) -> None:
        self.style_file, self.fonts, self.formats = style_file, fonts, formats
        self.dpi, self.small = dpi, small
        self._cache: dict[tuple[object, str], bytes] = {}

    def svg(self, spec: ChartSpec) -> bytes:
        return self._get(spec, "svg")

    def png(self, spec: ChartSpec) -> bytes:
        return self._get(spec, "png")

    def map_png(self, spec: MapSpec) -> bytes:
        return self._get(spec, "png")

    def map_uri(self, spec: MapSpec) -> str:
        """The locator map for HTML: a 300-ppi raster (as in the Word file)."""
        return "data:image/png;base64," + base64.b64encode(self.map_png(spec)).decode("ascii")

    def map_svg(self, spec: MapSpec) -> bytes:
        """The locator map as vector graphics, for the print edition."""
        return self._get(spec, "svg")

    def clear(self) -> None:
        self._cache.clear()

    def _get(self, spec: ChartSpec | MapSpec, fmt: str) -> bytes:
        key = (spec, fmt)
        if key not in self._cache:
            with _style(self.style_file, self.fonts):
                figure = (
                    draw(spec, self.style_file, self.fonts, self.small)
                    if isinstance(spec, ChartSpec)
                    else draw_map(spec)
                )
                # a locator map is one raster for both outputs, at print resolution
                formats = (fmt,) if isinstance(spec, MapSpec) else (fmt, *self.formats)
                dpi = MAP_DPI if isinstance(spec, MapSpec) else self.dpi
                for each in dict.fromkeys(formats):
                    self._cache[(spec, each)] = _save(figure, each, dpi)
                plt.close(figure)
        return self._cache[key]
