"""The print palette: CMYK builds for chart colours, read from the print stylesheet, and the
conversion of matplotlib's RGB SVG charts into CMYK SVG for the PDF/X edition."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from matplotlib.colors import to_hex
from PIL import Image, ImageCms

from reportgen.errors import ConfigError, Location
from reportgen.load.textfile import FileKind, read_text

Cmyk = tuple[float, float, float, float]

_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*;""")
_CHART_COLOUR = re.compile(r"--diagramm-([0-9a-fA-F]{6})\s*:\s*device-cmyk\(\s*([^)]*?)\s*\)\s*;?")
# a colour value of an SVG presentation attribute or style property (never an id or url)
_SVG_COLOUR = re.compile(
    r"""(?P<prefix>\b(?:fill|stroke|stop-color|flood-color|lighting-color|color)"""
    r"""(?:\s*:\s*|\s*=\s*["']))(?P<value>#[0-9a-fA-F]{3,8}\b|[A-Za-z]+\b)"""
)
_KEEP = {"none", "currentcolor", "transparent", "inherit", "url"}


@dataclass(frozen=True)
class CmykPalette:
    """Chart colours (``rrggbb`` → CMYK) and the ICC profile for colours without an entry."""

    builds: dict[str, Cmyk]
    icc_profile: Path
    _converted: dict[str, Cmyk] = field(default_factory=dict, compare=False, repr=False)

    def cmyk(self, rgb_hex: str) -> Cmyk:
        """The CMYK build of ``#rrggbb``: the defined build, K for greys, else via the ICC."""
        key = rgb_hex.lstrip("#").lower()
        if key in self.builds:
            return self.builds[key]
        red, green, blue = (int(key[i : i + 2], 16) for i in (0, 2, 4))
        if red == green == blue:
            return (0.0, 0.0, 0.0, round(1 - red / 255, 3))
        if key not in self._converted:
            self._converted[key] = _through_profile((red, green, blue), str(self.icc_profile))
        return self._converted[key]


def load_palette(stylesheet: Path, icc_profile: Path) -> CmykPalette:
    """The ``--diagramm-rrggbb: device-cmyk(…)`` entries of a print stylesheet and its imports."""
    builds: dict[str, Cmyk] = {}
    for path in _with_imports(stylesheet):
        text = read_text(path, FileKind.STYLESHEET)
        for match in _CHART_COLOUR.finditer(text):
            builds[match.group(1).lower()] = _parse_cmyk(match.group(2), path, text, match.start())
    return CmykPalette(builds, icc_profile)


def _with_imports(stylesheet: Path, depth: int = 0) -> list[Path]:
    if not stylesheet.is_file():
        raise ConfigError(
            "Das Stylesheet für das Druck-PDF fehlt.",
            Location(stylesheet),
            "Prüfen Sie druck.css bzw. druck.css_steckbrief in reportgen.yml.",
        )
    paths = [stylesheet]
    if depth < 4:
        for target in _IMPORT.findall(read_text(stylesheet, FileKind.STYLESHEET)):
            if "://" not in target:
                paths = _with_imports(stylesheet.parent / target, depth + 1) + paths
    return paths


def _parse_cmyk(arguments: str, path: Path, text: str, offset: int) -> Cmyk:
    parts = [part for part in re.split(r"[\s,]+", arguments) if part]
    try:
        values = [float(p[:-1]) / 100 if p.endswith("%") else float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or not all(0 <= v <= 1 for v in values):
        line = text.count("\n", 0, offset) + 1
        raise ConfigError(
            f"Ungültiger CMYK-Aufbau „device-cmyk({arguments})“.",
            Location(path, line),
            "Erwartet werden vier Werte zwischen 0 und 1 (oder 0 % bis 100 %): C M Y K.",
        )
    return values[0], values[1], values[2], values[3]


@lru_cache(maxsize=4)
def _transform(icc_profile: str) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(icc_profile),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


def _through_profile(rgb: tuple[int, int, int], icc_profile: str) -> Cmyk:
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _transform(icc_profile))
    assert pixel is not None
    c, m, y, k = pixel.getpixel((0, 0))  # type: ignore[misc]
    return round(c / 255, 3), round(m / 255, 3), round(y / 255, 3), round(k / 255, 3)


def css_cmyk(value: Cmyk) -> str:
    return "device-cmyk(" + " ".join(f"{channel:.4g}" for channel in value) + ")"


def cmyk_svg(svg: bytes, palette: CmykPalette) -> bytes:
    """The same SVG with every colour as ``device-cmyk()``; unfilled text gets 100 % K.

    SVG's initial fill is black, which WeasyPrint would write as RGB; a fill on the root
    element is inherited by every shape and text that names none.
    """

    def replace(match: re.Match[str]) -> str:
        value = match.group("value")
        if value.lower() in _KEEP:
            return match.group(0)
        try:
            rgb = to_hex(value)
        except ValueError:
            return match.group(0)
        return match.group("prefix") + css_cmyk(palette.cmyk(rgb))

    text = _SVG_COLOUR.sub(replace, svg.decode("utf-8"))
    root = re.search(r"<svg\b[^>]*>", text)
    if root and not re.search(r"\sfill\s*=", root.group(0)):
        text = text[: root.start()] + '<svg fill="device-cmyk(0 0 0 1)"' + text[root.start() + 4 :]
    return text.encode("utf-8")


def cmyk_jpeg(raster: bytes, palette: CmykPalette) -> bytes:
    """A raster picture (PNG) as a CMYK JPEG through the output profile, transparent areas on
    white paper."""
    with Image.open(io.BytesIO(raster)) as opened:
        rgba = opened.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    cmyk = ImageCms.applyTransform(flat, _transform(str(palette.icc_profile)))
    assert cmyk is not None
    buffer = io.BytesIO()
    cmyk.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()
