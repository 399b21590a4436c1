"""Which look of the chart style each series takes, and how bars and uncertain values wear it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import matplotlib
from matplotlib.colors import to_hex, to_rgb

from reportgen.compose.model import ChartSeries
from reportgen.errors import ConfigError, Location

Look = dict[str, Any]

# What a series takes from the style's axes.prop_cycle: lines no hatch (matplotlib refuses it),
# bars no marker, line style or width (their edges come from patch.*).
LINE_KEYS = ("color", "marker", "linestyle", "linewidth")
BAR_KEYS = ("color", "hatch")
PATTERNS_FROM = 5
"""From this many coloured bar series on, bars also take their look's hatch: five colours side
by side are too hard to tell apart (report.mplstyle says so to designers). The emphasised
series (the Land, dark) does not count: it stands out without a pattern."""


def patterned(series: Sequence[ChartSeries]) -> bool:
    """Whether the bars of these series take patterns."""
    return sum(not s.emphasis for s in series) >= PATTERNS_FROM


_EMPHASIS = 0  # the look of the Land: dark, widest line, never hatched
_HOLLOW_EDGE = 1.2  # pt: the ring of a hollow marker stays visible on a thin line


def series_looks(
    series: Sequence[ChartSeries], keys: tuple[str, ...], style_file: Path, patterned: bool
) -> list[Look]:
    """One look per series: its own number, else the first look from 1 on that no other
    series of the chart takes (0 is the Land's, unless a series is emphasised without one)."""
    cycle = list(matplotlib.rcParams["axes.prop_cycle"])
    _require_cues(cycle, style_file, "hatch" if patterned else "", keys)
    taken = {s.look % len(cycle) for s in series if s.look is not None}
    looks: list[Look] = []
    for each in series:
        index = each.look
        if index is None:
            first = _EMPHASIS if each.emphasis else _EMPHASIS + 1
            index = next(i for i in range(first, first + len(cycle) + 1) if i not in taken)
            taken.add(index % len(cycle))
        index %= len(cycle)
        look = {key: value for key, value in cycle[index].items() if key in keys}
        if "linewidth" in look:
            look["linewidth"] = _width(cycle, index, each.emphasis)
        if "hatch" in look and (not patterned or index == _EMPHASIS):
            del look["hatch"]
        looks.append(look)
    return looks


def _width(cycle: list[Look], index: int, emphasis: bool) -> float:
    """The emphasised series takes look 0's width, the widest; no other series is as wide."""
    widths = [
        float(look.get("linewidth", matplotlib.rcParams["lines.linewidth"])) for look in cycle
    ]
    if emphasis:
        return max(widths[_EMPHASIS], widths[index])
    if index == _EMPHASIS and len(widths) > 1:
        return widths[_EMPHASIS + 1]
    return widths[index]


def _require_cues(cycle: list[Look], style_file: Path, bar_cue: str, keys: tuple[str, ...]) -> None:
    cues = {"marker", "linestyle"} if "marker" in keys else {bar_cue}
    if cues != {""} and not cues & cycle[0].keys():
        raise ConfigError(
            "Die Diagrammvorlage unterscheidet Datenreihen nur durch ihre Farbe.",
            Location(style_file),
            "Geben Sie unter axes.prop_cycle auch marker und linestyle (für Linien) und hatch "
            f"(für Diagramme mit mehr als {PATTERNS_FROM - 1} Balkenreihen) an, wie in der "
            "mitgelieferten report.mplstyle.",
        )


def hollow(look: Look) -> Look:
    """A marker for an uncertain value: the series' marker, white inside."""
    return {
        "marker": look.get("marker", "o"),
        "markersize": float(matplotlib.rcParams["lines.markersize"]) * 1.3,
        "markerfacecolor": "white",
        "markeredgecolor": look["color"],
        "markeredgewidth": _HOLLOW_EDGE,
        "linestyle": "none",
    }


@dataclass(frozen=True)
class Faces:
    """Per bar: fill, edge colour and edge width."""

    fill: list[str]
    edge: list[str]
    width: list[float]


def bar_faces(look: Look, uncertain: Sequence[bool]) -> Faces:
    """Per bar: solid in the look's colour, or an outline in it where the value is uncertain."""
    colour = str(look["color"])
    edge = str(matplotlib.rcParams["patch.edgecolor"])
    width = float(matplotlib.rcParams["patch.linewidth"])
    return Faces(
        ["white" if flag else colour for flag in uncertain],
        [colour if flag else edge for flag in uncertain],
        [_HOLLOW_EDGE * 0.8 if flag else width for flag in uncertain],
    )


def shown(series: ChartSeries) -> tuple[list[int], list[float], list[bool]]:
    """Which values of a series are drawn (not None), the values, and which are uncertain."""
    indices = [i for i, v in enumerate(series.values) if v is not None]
    flags = [i < len(series.uncertain) and series.uncertain[i] for i in indices]
    return indices, [float(series.values[i] or 0.0) for i in indices], flags


def rc(key: str) -> Any:
    """A parameter of the style in effect, by a name made at run time."""
    return cast(Mapping[str, Any], matplotlib.rcParams)[key]


def figure_width() -> float:
    """Inches: the width of the style's figures (a chart never changes it)."""
    return float(matplotlib.rcParams["figure.figsize"][0])


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 … 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """Dark text or white text, whichever reads better on ``fill``."""
    dark = to_hex(matplotlib.rcParams["axes.labelcolor"])
    return "white" if contrast(fill, "white") > contrast(fill, dark) else dark


def readable(colour: str, ground: str = "white", ratio: float = 4.5) -> str:
    """``colour`` darkened just enough to be read as text on ``ground`` (WCAG: 4.5:1): a
    series' word keeps its hue (e.g. orange #D55E00, 3.3:1, becomes a brown-orange)."""
    red, green, blue = to_rgb(colour)
    for step in range(21):
        share = 1 - step / 20
        mixed = to_hex((red * share, green * share, blue * share))
        if contrast(mixed, ground) >= ratio:
            return mixed
    return "#000000"


def _luminance(colour: str) -> float:
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
