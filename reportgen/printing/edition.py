"""The print edition of a report or a fact sheet: the same HTML as the accessible PDF, with
CMYK charts and a vector locator map, laid out with the print stylesheet as PDF/X-4."""

from __future__ import annotations

from reportgen.compose.model import ChartSpec, Factsheet, MapSpec, Report
from reportgen.load.config import StyleFiles
from reportgen.printing.colors import CmykPalette, cmyk_svg
from reportgen.printing.pdf import write_print_pdf
from reportgen.printing.setup import PrintSetup
from reportgen.render.charts import ChartImages, render_svg
from reportgen.render.html import render_factsheet_html, render_html, svg_data_uri


def render_print_report(report: Report, styles: StyleFiles, setup: PrintSetup) -> bytes:
    palette = setup.palette
    html = render_html(
        report,
        lambda spec: cmyk_svg(render_svg(spec, styles.chart_style, styles.fonts), palette),
        styles,
    )
    day = report.imprint.publication_date
    return write_print_pdf(html, styles.stylesheet, setup.stylesheet, setup, day, book=True)


class PrintChartImages(ChartImages):
    """The charts of a fact sheet in CMYK and its locator map as CMYK vector graphics.

    Figures come from the screen edition's cache, so each is drawn once for both PDFs.
    """

    def __init__(self, screen: ChartImages, palette: CmykPalette) -> None:
        super().__init__(screen.style_file, screen.fonts, ("svg",), screen.dpi, screen.small)
        self._screen, self._palette = screen, palette

    def svg(self, spec: ChartSpec) -> bytes:
        return cmyk_svg(self._screen.svg(spec), self._palette)

    def map_uri(self, spec: MapSpec) -> str:
        """A CMYK vector map: a raster would need CMYK at 300 ppi; vector needs neither."""
        return svg_data_uri(cmyk_svg(self._screen.map_svg(spec), self._palette))


def render_print_factsheet(
    sheet: Factsheet, styles: StyleFiles, images: ChartImages, setup: PrintSetup
) -> bytes:
    palette = setup.factsheet_palette
    cmyk_images = PrintChartImages(images, palette)
    html = render_factsheet_html(sheet, cmyk_images)
    return write_print_pdf(
        html,
        styles.factsheet_stylesheet,
        setup.factsheet_stylesheet,
        setup,
        sheet.publication_date,
        book=False,
        whole=False,
    )
