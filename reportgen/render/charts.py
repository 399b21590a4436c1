"""Chart spec → matplotlib figure → SVG (PDF) or PNG (DOCX) bytes; deterministic output.

Every look comes from the style files: ``report.mplstyle`` for all charts, plus
``steckbrief.mplstyle`` for the small charts of fact sheets, ``karte-klassen.mplstyle`` for
choropleth maps and ``karte.mplstyle`` for locator maps. The chart kinds draw in
``chartkinds``, ``chartbars`` and ``choropleth``; ``chartlayout`` places axes, labels and legend.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager, patheffects
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Circle

from reportgen.compose.model import ChartKind, ChartSpec, MapSpec, Picture
from reportgen.render.chartbars import draw_grouped, draw_pyramid, draw_ranking, draw_stacked
from reportgen.render.chartcache import ChartCache, context_digest
from reportgen.render.chartkinds import draw_columns, draw_lines
from reportgen.render.chartlayout import Frame, lay_out
from reportgen.render.chartlooks import readable
from reportgen.render.choropleth import draw_choropleth
from reportgen.render.svg_lean import lean_svg
from reportgen.resources import DEFAULT_STYLES

KINDS: dict[ChartKind, Callable[[Axes, ChartSpec, Path], Frame]] = {
    ChartKind.LINE: draw_lines,
    ChartKind.BAR: draw_columns,
    ChartKind.HBAR: draw_grouped,
    ChartKind.STACKED: draw_stacked,
    ChartKind.PYRAMID: draw_pyramid,
    ChartKind.RANKING: draw_ranking,
}
"""How each kind with axes draws; ``ChartKind.MAP`` is a choropleth."""
_SMALL_STYLE = "steckbrief.mplstyle"
_MAP_STYLE = "karte.mplstyle"
_CLASSES_STYLE = "karte-klassen.mplstyle"
MAP_DPI = 300


@lru_cache(maxsize=8)
def _register_fonts(folder: str) -> None:
    for path in sorted(Path(folder).glob("*.[ot]tf")):
        font_manager.fontManager.addfont(str(path))


def _companion(style_file: Path, name: str) -> Path:
    """A style that adds to the chart style: the one beside it (an office's own), else ours."""
    beside = style_file.with_name(name)
    return beside if beside.is_file() else DEFAULT_STYLES / name


def companions(spec: ChartSpec | MapSpec) -> tuple[str, ...]:
    """The styles that add to the chart style for this picture, in order."""
    if isinstance(spec, MapSpec):
        return (_MAP_STYLE,)
    small = (_SMALL_STYLE,) if spec.small else ()
    return (*small, _CLASSES_STYLE) if spec.kind == ChartKind.MAP else small


@contextmanager
def chart_style(style_file: Path, fonts: Path, companion: tuple[str, ...] = ()) -> Iterator[None]:
    """The chart style with its companions in effect, and the bundled fonts known."""
    _register_fonts(str(fonts))
    styles = [str(style_file), *(str(_companion(style_file, name)) for name in companion)]
    with plt.style.context(styles):
        yield


def draw(spec: ChartSpec, style_file: Path) -> MplFigure:
    """A matplotlib figure for a chart spec, in the style in effect (the caller closes it).

    ``style_file`` is named in the error when that style gives the series no cue but colour.
    The layout is fixed from measured texts: a layout engine would draw every chart once more.
    """
    if spec.kind == ChartKind.MAP:  # no axes, no ticks: a layout of its own
        return draw_choropleth(spec)
    figure = plt.figure()
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    lay_out(figure, axes, KINDS[ChartKind(spec.kind)](axes, spec, style_file))
    return figure


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
    if spec.marker:
        _mark_small_area(axes, spec, looks[1 % len(looks)].get("facecolor", "black"))
    return figure


def _mark_small_area(axes: Axes, spec: MapSpec, colour: object) -> None:
    """A ring around the highlighted area and its name beside it, towards the map's centre."""
    points = [p for s in spec.shapes if s.highlighted for ring in s.rings for p in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    radius = 0.055 * max(right - left, top - bottom)
    axes.add_patch(Circle((x, y), radius, fill=False, edgecolor=colour, linewidth=1.4))
    inward = x > (left + right) / 2  # the label stays inside the map
    axes.annotate(
        spec.marker,
        (x - radius if inward else x + radius, y),
        xytext=(-2 if inward else 2, 0),
        textcoords="offset points",
        ha="right" if inward else "left",
        va="center",
        fontsize=7,
        fontweight="bold",
        color=readable(to_hex(colour)),  # type: ignore[arg-type]
        path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")],
    )


def _save(figure: MplFigure, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return lean_svg(buffer.getvalue())
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
        disk: ChartCache | None = None,
    ) -> None:
        self.style_file, self.fonts, self.formats = style_file, fonts, formats
        self.dpi = dpi
        self.disk = disk
        """Pictures kept between builds (``chartcache``); None: every picture is drawn."""
        self._cache: dict[tuple[object, str], bytes] = {}
        self._context: bytes | None = None

    def draw(self, spec: ChartSpec | MapSpec, formats: tuple[str, ...] = ()) -> None:
        """Draw now unless at hand: a chart in ``formats`` (default: every format of this
        store), a map as its raster."""
        if not self.load(spec, formats):
            self._draw(spec, self._wanted(spec, formats))

    def load(self, spec: ChartSpec | MapSpec, formats: tuple[str, ...] = ()) -> bool:
        """Whether the picture is at hand in ``formats`` (as in ``draw``), in memory or (then
        read into memory) in the disk cache; False: it must be drawn."""
        wanted = self._wanted(spec, formats)
        if all((spec, fmt) in self._cache for fmt in wanted):
            return True
        if self.disk is None:
            return False
        found: dict[tuple[object, str], bytes] = {}
        for fmt in wanted:
            data = self._cache.get((spec, fmt))
            if data is None:
                data = self.disk.get(self._name(spec, fmt))
            if data is None:
                return False
            found[(spec, fmt)] = data
        self._cache.update(found)
        return True

    def svg(self, spec: ChartSpec) -> bytes:
        return self._get(spec, "svg")

    def chart_uri(self, spec: ChartSpec) -> str:
        """The chart for HTML: SVG with real text."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg(spec)).decode("ascii")

    def png(self, spec: ChartSpec) -> bytes:
        return self._get(spec, "png")

    def map_png(self, spec: MapSpec) -> bytes:
        return self._get(spec, "png")

    def picture_uri(self, picture: Picture) -> str:
        """A picture of the project (logo, cover image) as it is."""
        data = base64.b64encode(picture.data).decode("ascii")
        return f"data:{picture.media_type};base64,{data}"

    def map_uri(self, spec: MapSpec) -> str:
        """The locator map for HTML: a 300-ppi raster (as in the Word file)."""
        return "data:image/png;base64," + base64.b64encode(self.map_png(spec)).decode("ascii")

    def map_svg(self, spec: MapSpec) -> bytes:
        """The locator map as vector graphics, for the print edition."""
        return self._get(spec, "svg")

    def clear(self) -> None:
        self._cache.clear()

    def empty(self) -> ChartImages:
        """A store like this one (style, formats, disk cache) without its pictures: to draw
        in another process and ``add`` what it drew."""
        other = ChartImages(self.style_file, self.fonts, self.formats, self.dpi, self.disk)
        other._context = self._context
        return other

    def pictures(self) -> dict[tuple[object, str], bytes]:
        """Everything drawn so far (to hand to another process)."""
        return dict(self._cache)

    def add(self, pictures: dict[tuple[object, str], bytes]) -> None:
        """Pictures drawn by another store with the same style (another process)."""
        self._cache.update(pictures)

    def _get(self, spec: ChartSpec | MapSpec, fmt: str) -> bytes:
        key = (spec, fmt)
        found = self._cache.get(key)
        if found is None and self.disk is not None:
            found = self.disk.get(self._name(spec, fmt))
            if found is not None:
                self._cache[key] = found
        if found is None:
            # a chart in every format of the store at once; a map only as asked
            self._draw(spec, (fmt, *self._wanted(spec)) if isinstance(spec, ChartSpec) else (fmt,))
            found = self._cache[key]
        return found

    def _wanted(self, spec: ChartSpec | MapSpec, formats: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The formats drawn at once: a chart in ``formats`` or every format of this store, a
        locator map as one raster for both outputs."""
        if isinstance(spec, ChartSpec):
            return formats or self.formats or ("png",)
        return ("png",)

    def _dpi(self, spec: ChartSpec | MapSpec) -> int:
        return self.dpi if isinstance(spec, ChartSpec) else MAP_DPI

    def _draw(self, spec: ChartSpec | MapSpec, formats: tuple[str, ...]) -> None:
        dpi = self._dpi(spec)
        with chart_style(self.style_file, self.fonts, companions(spec)):
            figure = draw(spec, self.style_file) if isinstance(spec, ChartSpec) else draw_map(spec)
            drawn = {each: _save(figure, each, dpi) for each in dict.fromkeys(formats)}
            plt.close(figure)
        for each, data in drawn.items():
            self._cache[(spec, each)] = data
            if self.disk is not None:
                self.disk.put(self._name(spec, each), data)

    def _name(self, spec: ChartSpec | MapSpec, fmt: str) -> str:
        """The picture's name in the disk cache."""
        if self._context is None:
            _register_fonts(str(self.fonts))  # the fonts matplotlib knows are part of it
            names = (_SMALL_STYLE, _MAP_STYLE, _CLASSES_STYLE)
            styles = [self.style_file, *(_companion(self.style_file, n) for n in names)]
            self._context = context_digest(styles, self.fonts)
        return ChartCache.name(self._context, spec, fmt, self._dpi(spec) if fmt == "png" else 0)
