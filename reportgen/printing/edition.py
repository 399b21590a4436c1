"""The print edition of a report or a fact sheet: the same HTML as the accessible PDF, with
CMYK charts and a vector locator map, laid out with the print stylesheet as PDF/X-4."""

from __future__ import annotations

import base64
from pathlib import Path

from reportgen.compose.model import ChartSpec, Document, MapSpec, Picture
from reportgen.printing.colors import CmykPalette, cmyk_jpeg, cmyk_svg
from reportgen.printing.pdf import write_print_pdf
from reportgen.printing.setup import PrintSetup
from reportgen.render.charts import ChartImages
from reportgen.render.html import render_html, svg_data_uri


class PrintImages:
    """The pictures of the screen edition, recoloured in CMYK (each is drawn only once); the
    locator map as CMYK vector graphics, which needs neither a raster nor 300 ppi."""

    def __init__(self, screen: ChartImages, palette: CmykPalette) -> None:
        self._screen, self._palette = screen, palette

    def chart_uri(self, spec: ChartSpec) -> str:
        return svg_data_uri(cmyk_svg(self._screen.svg(spec), self._palette))

    def map_uri(self, spec: MapSpec) -> str:
        return svg_data_uri(cmyk_svg(self._screen.map_svg(spec), self._palette))

    def picture_uri(self, picture: Picture) -> str:
        """The logo or cover image in CMYK: an SVG recoloured like the charts, a raster
        converted through the output profile (on white where it is transparent)."""
        if picture.media_type == "image/svg+xml":
            return svg_data_uri(cmyk_svg(picture.data, self._palette))
        return "data:image/jpeg;base64," + base64.b64encode(
            cmyk_jpeg(picture.data, self._palette)
        ).decode("ascii")


def render_print_document(
    document: Document, stylesheet: Path, images: ChartImages, setup: PrintSetup
) -> bytes:
    """A PDF/X-4 of the report (as a book) or of one fact sheet (a part of the combined file,
    which gets its page padding and crop marks when the sheets are merged); ``stylesheet`` is
    the screen look the print stylesheet of ``setup`` is laid over."""
    html = render_html(document, PrintImages(images, setup.palette))
    return write_print_pdf(html, stylesheet, setup, document.meta.date)
