"""Chart spec → matplotlib figure → SVG (PDF) or PNG (DOCX) bytes; deterministic output.

Every look comes from the style files: ``report.mplstyle`` for all charts, plus
``steckbrief.mplstyle`` for the small charts of fact sheets and ``karte.mplstyle`` for locator
maps. This module only places things: axes, ticks, legend and labels.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from cycler import Cycler, cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reportgen.compose.formatting import format_number
from reportgen.compose.model import ChartSpec, MapSpec
from reportgen.errors import ConfigError, Location
from reportgen.resources import DEFAULT_STYLES

_SMALL_STYLE = "steckbrief.mplstyle"
_MAP_STYLE = "karte.mplstyle"
MAP_DPI = 300
# What a series takes from the style's axes.prop_cycle: lines no hatch (matplotlib refuses it),
# bars no marker, line style or width (their edges come from patch.*). Without one of the cues,
# colour would tell the series apart alone.
_LINE_LOOK, _LINE_CUES = ("color", "marker", "linestyle", "linewidth"), {"marker", "linestyle"}
_BAR_LOOK, _BAR_CUES = ("color", "hatch"), {"hatch"}
_PAD_PT = 3.6  # around a large chart; tight_layout counts its padding in font sizes


@lru_cache(maxsize=8)
def _register_fonts(folder: str) -> None:
    for path in sorted(Path(folder).glob("*.[ot]tf")):
        font_manager.fontManager.addfont(str(path))


def _companion(style_file: Path, name: str) -> Path:
    """A style that adds to the chart style: the one beside it (an office's own), else ours."""
    beside = style_file.with_name(name)
    return beside if beside.is_file() else DEFAULT_STYLES / name


@contextmanager
def _style(style_file: Path, fonts: Path, companion: str | None = None) -> Iterator[None]:
    _register_fonts(str(fonts))
    styles = [str(style_file)]
    if companion:
        styles.append(str(_companion(style_file, companion)))
    with plt.style.context(styles):
        yield


def draw(spec: ChartSpec, style_file: Path) -> MplFigure:
    """A matplotlib figure for a chart spec, in the style in effect (the caller closes it).

    ``style_file`` is named in the error when that style gives the series no cue but colour.
    """
    small = spec.small
    figure = plt.figure()
    axes = figure.add_subplot()
    if spec.kind == "line":
        _draw_lines(axes, spec, style_file, most_ticks=5 if small else 10)
    else:
        _draw_bars(axes, spec, style_file)
    for reference in spec.references:
        line = axes.axhline(reference.value)
        axes.annotate(
            reference.label,
            xy=(1.0, reference.value),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            color=line.get_color(),
        )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _tick(v, spec.decimals)))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    axes.set_ylabel(spec.axis_label)
    if len(spec.series) > 1:
        labels = [textwrap.fill(s.label, 45 if not small else 30) for s in spec.series]
        columns = 1 if max(len(label) for label in labels) > 40 or small else 2
        axes.legend(
            axes.get_legend_handles_labels()[0],
            labels,
            loc="upper left",
            bbox_to_anchor=(-0.12 if small else 0.0, -0.14 if small else -0.12),
            ncol=columns,
        )
    if small:  # a fixed layout: tight_layout would draw every small chart twice more
        figure.subplots_adjust(
            left=0.17, right=0.97, top=0.96, bottom=0.40 if len(spec.series) > 1 else 0.14
        )
    else:
        figure.tight_layout(pad=_PAD_PT / matplotlib.rcParams["font.size"])
        # tight_layout leaves a placeholder layout engine behind, and with any engine set,
        # every savefig draws the whole figure once more before drawing it for real
        figure.set_layout_engine(None)
    return figure


def _tick(value: float, decimals: int) -> str:
    rounded = round(value)
    if abs(value - rounded) < 1e-9:
        return format_number(value, 0)
    return format_number(value, max(1, min(decimals, 2)))


def _series_cycle(style_file: Path, look: tuple[str, ...], cues: set[str]) -> Cycler[str, Any]:
    """The style's ``axes.prop_cycle``, only with the properties ``look`` of this kind of series."""
    by_key = matplotlib.rcParams["axes.prop_cycle"].by_key()
    if not cues & by_key.keys():
        raise ConfigError(
            "Die Diagrammvorlage unterscheidet Datenreihen nur durch ihre Farbe.",
            Location(style_file),
            "Geben Sie unter axes.prop_cycle auch marker und linestyle (für Linien) und hatch "
            "(für Balken) an, wie in der mitgelieferten report.mplstyle.",
        )
    return cycler(**{key: values for key, values in by_key.items() if key in look})


def _draw_lines(axes: Axes, spec: ChartSpec, style_file: Path, most_ticks: int) -> None:
    axes.set_prop_cycle(_series_cycle(style_file, _LINE_LOOK, _LINE_CUES))
    xs = list(spec.positions) if spec.positions else list(range(len(spec.categories)))
    for series in spec.series:
        axes.plot(
            xs,
            [float("nan") if v is None else v for v in series.values],
            label=series.label,
            # small charts mark only the ends: line styles carry the distinction, and each
            # marker costs layout time in every PDF
            markevery=[0, len(xs) - 1] if most_ticks < 10 and len(xs) > 1 else None,
        )
    ticks = _thin(list(zip(xs, spec.categories, strict=True)), most_ticks)
    axes.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    _y_from_zero(axes, spec)


def _draw_bars(axes: Axes, spec: ChartSpec, style_file: Path) -> None:
    looks = list(_series_cycle(style_file, _BAR_LOOK, _BAR_CUES))
    count = max(1, len(spec.series))
    width = 0.8 / count
    for index, series in enumerate(spec.series):
        look = looks[index % len(looks)]
        if index == 0:  # the main series is solid: a style file cannot say "no hatch"
            look = {key: value for key, value in look.items() if key != "hatch"}
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(spec.categories))]
        heights = [0.0 if v is None else v for v in series.values]
        axes.bar(offsets, heights, width=width * 0.92, label=series.label, **look)
    labels = [textwrap.fill(c, 16) for c in spec.categories]
    axes.set_xticks(range(len(spec.categories)), labels)
    # the zero line looks like the axis lines
    axes.axhline(
        0,
        color=matplotlib.rcParams["axes.edgecolor"],
        linewidth=matplotlib.rcParams["axes.linewidth"],
        linestyle="solid",
    )


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


def draw_map(spec: MapSpec) -> MplFigure:
    """A locator map in the map style in effect: all other districts first, then the
    highlighted one, each group with the next entry of the style's ``axes.prop_cycle``."""
    figure = plt.figure()
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    looks = list(matplotlib.rcParams["axes.prop_cycle"])
    for index, highlighted in enumerate((False, True)):
        rings = [
            ring
            for shape in spec.shapes
            if shape.highlighted == highlighted
            for ring in shape.rings
        ]
        axes.add_collection(PolyCollection(rings, **looks[index % len(looks)]))
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
    ) -> None:
        self.style_file, self.fonts, self.formats = style_file, fonts, formats
        self.dpi = dpi
        self._cache: dict[tuple[object, str], bytes] = {}

    def draw(self, spec: ChartSpec | MapSpec) -> None:
        """Draw now: a chart in every format of this store, a map as its raster."""
        self._get(spec, self.formats[0] if isinstance(spec, ChartSpec) and self.formats else "png")

    def svg(self, spec: ChartSpec) -> bytes:
        return self._get(spec, "svg")

    def chart_uri(self, spec: ChartSpec) -> str:
        """The chart for HTML: SVG with real text."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg(spec)).decode("ascii")

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

    def pictures(self) -> dict[tuple[object, str], bytes]:
        """Everything drawn so far (to hand to another process)."""
        return dict(self._cache)

    def add(self, pictures: dict[tuple[object, str], bytes]) -> None:
        """Pictures drawn by another store with the same style (another process)."""
        self._cache.update(pictures)

    def _get(self, spec: ChartSpec | MapSpec, fmt: str) -> bytes:
        key = (spec, fmt)
        if key not in self._cache:
            if isinstance(spec, ChartSpec):
                companion = _SMALL_STYLE if spec.small else None
                formats, dpi = (fmt, *self.formats), self.dpi
            else:  # a locator map is one raster for both outputs, at print resolution
                companion, formats, dpi = _MAP_STYLE, (fmt,), MAP_DPI
            with _style(self.style_file, self.fonts, companion):
                figure = (
                    draw(spec, self.style_file) if isinstance(spec, ChartSpec) else draw_map(spec)
                )
                for each in dict.fromkeys(formats):
                    self._cache[(spec, each)] = _save(figure, each, dpi)
                plt.close(figure)
        return self._cache[key]
