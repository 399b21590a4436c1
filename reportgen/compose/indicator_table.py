"""The time series table of an indicator: the latest periods, a missing year in its place,
breaks and periods without results marked, targets and signs explained in notes."""

from __future__ import annotations

import math

from reportgen.compose.charts import UNCERTAIN, missing_positions
from reportgen.compose.facts import target_status
from reportgen.compose.figures import caption
from reportgen.compose.formatting import format_cell, format_quantity, is_percent, sign_legend
from reportgen.compose.model import Table, TableRow
from reportgen.compose.presentation import presentation_of
from reportgen.compose.selection import Selection
from reportgen.compose.wording import selection_phrase, series_label
from reportgen.load.config_entries import TargetValue
from reportgen.load.project import Project
from reportgen.load.signs import UNKNOWN, signs_in


def indicator_table(
    meta_id: str,
    title: str,
    selection: Selection,
    number: int,
    project: Project,
    source: str,
    targets: tuple[TargetValue, ...],
) -> Table:
    labels = project.labels.indicator
    shown = table_periods(project, selection)
    columns, absent = _with_missing(selection, shown)
    marks = _break_marks(selection, columns)
    rows = []
    used_signs: set[str] = set()
    for series in selection.series:
        cells = []
        for period in columns:
            point = series.points.get(period)
            text = (
                UNKNOWN
                if point is None
                else format_cell(point.value, selection.decimals, point.sign)
            )
            used_signs.update(signs_in(text))
            cells.append(text)
        rows.append(TableRow(series_label(selection, series), tuple(cells)))
    notes = [_target_note(target, selection) for target in targets]
    if selection.omitted_series:
        notes.append(labels.more_series.format(anzahl=selection.omitted_series))
    notes.extend(
        labels.break_footnote.format(zeichen=mark, zeitraum=period, bezeichnung=label)
        for period, (mark, label) in marks.items()
    )
    if absent:
        notes.append(labels.missing_periods.format(zeitraeume=_enumerated(absent)))
    notes.extend(
        f"{period}: {reason}"
        for period, reason in _unavailable_reasons(project, meta_id, selection, columns).items()
    )
    notes.extend(_above_hundred(project, meta_id, selection, columns))
    if used_signs:
        notes.append(labels.signs.format(zeichen=sign_legend(used_signs)))
    if used_signs & UNCERTAIN:
        notes.append("Im Diagramm erscheinen diese Werte als hohle Punkte oder umrandete Balken.")
    return Table(
        label=labels.table,
        number=number,
        caption=caption(title, selection, shown, selection_phrase(selection.fixed, title)),
        corner=" / ".join(selection.varying) or labels.characteristic,
        columns=tuple(f"{c}{marks[c][0]}" if c in marks else c for c in columns),
        rows=tuple(rows),
        notes=tuple(notes),
        source=source,
    )


_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"


def table_periods(project: Project, selection: Selection) -> tuple[str, ...]:
    """The periods a table shows: the latest ``tabellenjahre``, or the first labels."""
    if selection.temporal:
        return selection.periods[-project.config.table_periods :]
    return selection.periods[:8]


def _with_missing(
    selection: Selection, shown: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The table's periods with the years a regular time axis lacks put in their place (a
    column of "." rather than a jump from 2019 to 2021), and those years."""
    if not selection.temporal or len(shown) < 2:
        return shown, ()
    positions = tuple(selection.period_keys[p] for p in selection.periods)
    gaps = [g for g in missing_positions(positions) if g.is_integer()]
    first, last = selection.period_keys[shown[0]], selection.period_keys[shown[-1]]
    absent = tuple(str(int(g)) for g in gaps if first < g < last)
    if not absent:
        return shown, ()
    ordered = sorted([*shown, *absent], key=lambda p: selection.period_keys.get(p, float(p)))
    return tuple(ordered), absent


def _break_marks(selection: Selection, columns: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """The first column after each declared break → its footnote mark and the break's label."""
    marks: dict[str, tuple[str, str]] = {}
    keys = {c: selection.period_keys.get(c, float(c) if c.isdigit() else 0.0) for c in columns}
    for each in selection.breaks:
        before = [c for c in columns if keys[c] < each.first_year]
        after = [c for c in columns if keys[c] >= each.first_year]
        if before and after:
            marks[after[0]] = (_MARKS[len(marks) % len(_MARKS)], each.label)
    return marks


def _unavailable_reasons(
    project: Project, indicator_id: str, selection: Selection, columns: tuple[str, ...]
) -> dict[str, str]:
    """Why the periods declared without results (``keine_werte``) have none, for the table."""
    reasons = presentation_of(project.config, indicator_id).unavailable
    result = {}
    for period in columns:
        if period in selection.unavailable:
            year = str(math.floor(selection.period_keys[period]))
            result[period] = reasons.get(period) or reasons.get(year, "")
    return result


def _enumerated(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _target_note(target: TargetValue, selection: Selection) -> str:
    """The target and where the latest value stands, in words (never by colour alone)."""
    series = next((s for s in selection.series if s.label == target.series), selection.main)
    level = format_quantity(target.value, selection.decimals, selection.unit)
    decision = f" ({target.decision})" if target.decision else ""
    note = f"{target.label}: {level}{decision}."
    latest = series.latest(selection.periods)
    if latest:
        note += f" {series.label}, {latest[0]}: {target_status(latest[1], target, selection)}."
    return note


def _above_hundred(
    project: Project, meta_id: str, selection: Selection, columns: tuple[str, ...]
) -> list[str]:
    """A quota above 100 % needs a word: usually numerator and denominator come from different
    statistics (children in day care by place of care, children by place of residence)."""
    if not is_percent(selection.unit):
        return []
    high = [
        point.value
        for series in selection.series
        for period in columns
        if (point := series.points.get(period)) and point.value is not None and point.value > 100
    ]
    if not high:
        return []
    words = project.labels.indicator
    source = project.dataset.indicators[meta_id].meta.data_source
    if "," in source:
        return [words.above_hundred_sources.format(quellen=source)]
    return [words.above_hundred]
