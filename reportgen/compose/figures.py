"""What report and fact sheets say alike about an indicator: its title and the caption with its
unit."""

from __future__ import annotations

from reportgen.compose.formatting import unit_caption
from reportgen.compose.indicators import Selection
from reportgen.load.config import ReportConfig
from reportgen.load.opensdg import Indicator


def indicator_title(config: ReportConfig, indicator: Indicator) -> str:
    """The indicator's title as configured (``indikatortitel``), else from its metadata."""
    return config.indicator_titles.get(indicator.id, indicator.meta.title)


def with_unit(title: str, selection: Selection) -> str:
    """A caption: the title and the unit of the values, "Ausländeranteil (in %)"."""
    return f"{title} ({unit_caption(selection.unit)})"
