"""The key-figure table of a fact sheet: the district beside its Land, dated, with a footnote
to each source and to each declared series break a change spans."""

from __future__ import annotations

from reportgen.compose.districts import District
from reportgen.compose.factsheet_plan import FactsheetPlan
from reportgen.compose.figures import indicator_title
from reportgen.compose.formatting import (
    format_cell,
    format_relative_change,
    relative_change,
    sign_legend,
    unit_caption,
)
from reportgen.compose.indicator import source_line
from reportgen.compose.indicators import Selection, Series, period_for, period_year
from reportgen.compose.model import (
    Table,
    TableKind,
    TableRow,
)
from reportgen.compose.regional import for_regions
from reportgen.compose.selection import Break
from reportgen.load.config import ReportConfig
from reportgen.load.config_entries import FactsheetItem
from reportgen.load.labels import FactsheetLabels
from reportgen.load.opensdg import Indicator
from reportgen.load.project import Project
from reportgen.load.regions import Level
from reportgen.load.signs import signs_in


def key_figures_table(
    project: Project,
    district: District,
    land: str,
    land_name: str,
    plan: FactsheetPlan,
    sources: dict[str, int],
    used_signs: set[str],
) -> tuple[Table, str]:
    """The table of key figures and the latest period it shows (the sheet's "Daten bis")."""
    words = project.labels.factsheet
    rows = []
    dated: list[tuple[float, str]] = []
    for planned in plan.rows:
        selection = for_regions(
            planned.selection, [(district.key, district.display), (land, land_name)]
        )
        row, period = _key_figure(
            planned.item, planned.indicator, selection, used_signs, words, project.config
        )
        marks = [footnote(sources, source_text(project, planned.indicator))]
        for crossed in _breaks_crossed(planned.item, selection, period):
            marks.append(footnote(sources, _break_text(crossed, words)))
        as_of = _as_of(period, selection, planned.indicator) if period else words.no_data
        rows.append(TableRow(row.header, (*row.cells, as_of, ", ".join(map(str, marks)))))
        # a configured period without data says nothing about how recent the data are
        if period in selection.period_keys and period_year(selection, period) is not None:
            dated.append((selection.period_keys[period], period))
    # the latest in time, not by label text ("WS 2023/24" > "2025" as text)
    data_year = max(dated)[1] if dated else str(project.config.reporting_year)
    missing = any(cell == words.no_data for row in rows for cell in row.cells)
    notes = [words.no_data_note] if missing else []
    if used_signs - {words.no_data}:  # a true zero "–" explained where it stands
        notes.append(sign_legend(used_signs - {words.no_data}) + ".")
    table = Table(
        label=project.labels.indicator.table,
        number=1,
        caption=words.key_figures_caption.format(gebiet=district.display, land=land_name),
        corner=project.labels.indicator.characteristic,
        columns=(district.display, land_name, words.as_of, words.footnote),
        rows=tuple(rows),
        notes=tuple(notes),
        source=words.see_footnotes.format(quelle=source_line(project.labels, project.config, None)),
        kind=TableKind.KEY_FIGURES,
    )
    return table, data_year


def _label(item: FactsheetItem, indicator: Indicator, unit: str, config: ReportConfig) -> str:
    label = item.label or indicator_title(config, indicator)
    if item.change_since is not None:
        return label if "%" in label else f"{label} (in %)"
    caption = unit_caption(unit)
    if caption != "Anzahl" and caption not in label:
        label += f" ({caption})"
    return label


def _key_figure(
    item: FactsheetItem,
    indicator: Indicator,
    selection: Selection,
    used_signs: set[str],
    words: FactsheetLabels,
    config: ReportConfig,
) -> tuple[TableRow, str]:
    """A row: district value, Land value; the period is the district's latest (or chosen)."""
    by_level = {series.level: series for series in selection.series}
    district, land = by_level.get(Level.DISTRICT), by_level.get(Level.LAND)
    # the Land's value stands also where the district has none
    period = _row_period(item, selection, district) or _row_period(item, selection, land)
    label = _label(item, indicator, selection.unit, config)
    balance = _is_balance(label, selection)
    cells = []
    for series in (district, land):
        point = series.points.get(period) if series is not None and period else None
        if series is None or point is None:
            cells.append(words.no_data)
        elif item.change_since is not None:
            base = period_for(selection, item.change_since) or str(item.change_since)
            cells.append(_relative(series, base, period) or words.no_data)
        else:
            text = format_cell(point.value, selection.decimals, point.sign)
            if balance and point.value is not None and point.value > 0 and text[0].isdigit():
                text = "+" + text  # a balance shows its direction either way
            used_signs.update(signs_in(text))
            cells.append(text)
    if item.change_since is not None and period:
        label = label.replace("(in %)", f"{item.change_since}–{period} (in %)")
    return TableRow(label, tuple(cells)), period or ""


def _is_balance(label: str, selection: Selection) -> bool:
    """A balance (Saldo) of inflows and outflows: its sign is its message."""
    held = " ".join(value for _, value in selection.fixed)
    return "saldo" in f"{label} {held}".casefold()


def _breaks_crossed(item: FactsheetItem, selection: Selection, period: str) -> list[Break]:
    """The declared breaks a change row spans (from ``veraenderung_seit`` to its period)."""
    if item.change_since is None or not period or period not in selection.period_keys:
        return []
    end = selection.period_keys[period]
    return [b for b in selection.breaks if item.change_since < b.first_year <= end]


def _break_text(crossed: Break, words: FactsheetLabels) -> str:
    return words.series_break.format(
        jahr=crossed.first_year, bezeichnung=crossed.label, erlaeuterung=crossed.note
    ).replace("  ", " ")


def _as_of(period: str, selection: Selection, indicator: Indicator) -> str:
    """The period as the sheet dates it: "31.12.2024" where the metadata name the day of a
    yearly figure, else the period's own label."""
    day = indicator.meta.reference_day
    if day and period.isdigit() and period_year(selection, period) == int(period):
        return f"{day}{period}"
    return period


def _row_period(item: FactsheetItem, selection: Selection, district: Series | None) -> str:
    """The configured period, else the district's latest with a value, else its latest at
    all (a suppressed value still names its period); "" for a district without data."""
    if item.period:
        return period_for(selection, item.period) or item.period
    if district is None:
        return ""
    latest = district.latest(selection.periods)
    if latest is not None:
        return latest[0]
    return next((p for p in reversed(selection.periods) if p in district.points), "")


def _relative(series: Series, base: str, period: str) -> str | None:
    """The change in per cent, from the exact values: the row prints neither value, so
    there is no printed figure for it to agree with (``printed_change`` is for those)."""
    first, last = series.points.get(base), series.points.get(period)
    if not first or not last or first.value is None or last.value is None:
        return None
    change = relative_change(first.value, last.value)
    if change is None:
        return None
    return format_relative_change(change).removesuffix(" %")  # the row says "(in %)"


def footnote(sources: dict[str, int], text: str) -> int:
    """The number of a source's footnote; the next number for a source not named yet."""
    return sources.setdefault(text, len(sources) + 1)


def source_text(project: Project, indicator: Indicator) -> str:
    """A footnote names the statistic and its Datenstand; the producer stands once below."""
    parts = [indicator.meta.data_source or project.config.attribution.work, indicator.meta.vintage]
    return ", ".join(part for part in parts if part) + "."
