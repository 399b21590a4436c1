"""The configured presentation of an indicator (``darstellung``, ``zeitreihenbrueche``) turned
into selections: the one place that reads those parts of ``reportgen.yml``."""

from __future__ import annotations

from reportgen.compose.indicators import default_selection, norm
from reportgen.compose.selection import Break, Selection
from reportgen.load.config import ReportConfig
from reportgen.load.config_presentation import Presentation
from reportgen.load.metadata import IndicatorMeta
from reportgen.load.opensdg import Indicator

NO_PRESENTATION = Presentation()


def presentation_of(config: ReportConfig, indicator_id: str) -> Presentation:
    return config.presentation.get(indicator_id, NO_PRESENTATION)


def breaks_for(config: ReportConfig, meta: IndicatorMeta) -> tuple[Break, ...]:
    """The declared breaks of an indicator: those naming it and those of its data source."""
    source = norm(meta.data_source)
    return tuple(
        Break(entry.first_year, entry.label, entry.note)
        for entry in config.series_breaks
        if meta.id in entry.indicators or (entry.source and norm(entry.source) in source)
    )


def configured_selection(config: ReportConfig, indicator: Indicator) -> Selection:
    """The time series an indicator's page shows, as configured (else from its metadata)."""
    shown = presentation_of(config, indicator.id)
    return default_selection(
        indicator,
        chosen=shown.selection,
        unit=shown.unit,
        breaks=breaks_for(config, indicator.meta),
        unavailable=shown.unavailable,
        focus=shown.focus,
    )
