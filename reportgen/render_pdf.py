"""HTML → PDF through WeasyPrint. PDF profiles are data; every WeasyPrint ERROR fails the build."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reportgen.errors import RenderError


@dataclass(frozen=True)
class PdfProfile:
    name: str
    variant: str
    suffix: str
    description: str


PROFILES: dict[str, PdfProfile] = {
    "barrierefrei": PdfProfile(
        "barrierefrei", "pdf/ua-1", "", "barrierefreies PDF (PDF/UA-1) für Web und Bildschirm"
    ),
}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _fixed_timestamps(day: dt.date) -> Iterator[None]:
    """fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _weasyprint_errors() -> Iterator[_Collector]:
    """WeasyPrint only logs a missing language or alt text and still writes the file."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def write_pdf(html: str, stylesheet: Path, profile: PdfProfile, day: dt.date) -> bytes:
    """Lay out and write one PDF; raises RenderError if WeasyPrint reports an error.

    ``day`` (the publication date) stamps every date inside the file, so the same inputs
    give the same bytes.
    """
    fonts = FontConfiguration()
    css = CSS(filename=str(stylesheet), font_config=fonts)
    with _weasyprint_errors() as collector, _fixed_timestamps(day):
        document = HTML(string=html, base_url=str(stylesheet.parent))
        pdf = document.write_pdf(
            stylesheets=[css],
            font_config=fonts,
            pdf_variant=profile.variant,
            pdf_identifier=b"reportgen",
            uncompressed_pdf=False,
        )
    if collector.messages:
        raise RenderError(
            f"WeasyPrint meldet Fehler beim Erzeugen des PDF ({profile.variant}): "
            + "; ".join(dict.fromkeys(collector.messages))
        )
    assert isinstance(pdf, bytes)
    return pdf
