"""The chart of a selection, as report and fact sheets draw it: which looks its series take,
where its time axis has gaps and breaks."""

from __future__ import annotations

import math
from collections import Counter
from itertools import pairwise

from reportgen.compose.formatting import unit_caption
from reportgen.compose.looks import looks_of
from reportgen.compose.model import (
    ChartKind,
    ChartSeries,
    ChartSpec,
    ReferenceLine,
    SeriesBreak,
)
from reportgen.compose.selection import Selection, Series
from reportgen.compose.wording import series_label
from reportgen.load.signs import APPENDED, BRACKETED

UNCERTAIN = frozenset({BRACKETED, *APPENDED})
"""Signs of a value that is shown, but not as sure as the others."""


def chart_spec(
    selection: Selection,
    kind: ChartKind,
    categories: tuple[str, ...],
    references: tuple[ReferenceLine, ...] = (),
    small: bool = False,
) -> ChartSpec:
    """The chart of a selection's series over ``categories``; a line keeps the distances
    between its periods, breaks where a period is missing and marks declared breaks."""
    line = kind == ChartKind.LINE
    if kind == ChartKind.BAR and selection.temporal:
        categories = with_missing_years(selection, categories)
    positions = tuple(selection.period_keys[p] for p in categories) if line else ()
    return ChartSpec(
        kind=kind,
        categories=categories,
        series=chart_series(
            selection.series, categories, [series_label(selection, s) for s in selection.series]
        ),
        axis_label=unit_caption(selection.unit),
        decimals=selection.decimals,
        positions=positions,
        references=references,
        small=small,
        breaks=series_breaks(selection, categories) if line else (),
        gaps=missing_positions(positions) if line and selection.temporal else (),
    )


def chart_series(
    series: tuple[Series, ...], categories: tuple[str, ...], labels: list[str] | None = None
) -> tuple[ChartSeries, ...]:
    """Series with their bound looks, one value per category (None where none may be shown),
    labelled ``labels`` (else as they are)."""
    result = []
    names = labels or [each.label for each in series]
    for each, name, (look, emphasis) in zip(series, names, looks_of(series), strict=True):
        points = [each.points.get(category) for category in categories]
        uncertain = tuple(bool(p and p.value is not None and p.sign in UNCERTAIN) for p in points)
        result.append(
            ChartSeries(
                name,
                tuple(p.value if p else None for p in points),
                look=look,
                emphasis=emphasis,
                uncertain=uncertain if any(uncertain) else (),
            )
        )
    return tuple(result)


def with_missing_years(selection: Selection, categories: tuple[str, ...]) -> tuple[str, ...]:
    """Columns over time keep a place for a year without data (2019, 2020, 2021 with an
    empty 2020), so that no year silently disappears from the axis."""
    keys = [selection.period_keys[c] for c in categories]
    gaps = [g for g in missing_positions(tuple(keys)) if g.is_integer()]
    if not gaps:
        return categories
    labelled = [(k, c) for k, c in zip(keys, categories, strict=True)]
    labelled += [(g, str(int(g))) for g in gaps]
    return tuple(label for _, label in sorted(labelled))


def series_breaks(selection: Selection, categories: tuple[str, ...]) -> tuple[SeriesBreak, ...]:
    """A rule between the last period before each declared break and the first after it."""
    keys = [selection.period_keys[c] for c in categories]
    marks = []
    for each in selection.breaks:
        before = [k for k in keys if k < each.first_year]
        after = [k for k in keys if k >= each.first_year]
        if before and after:
            marks.append(SeriesBreak((max(before) + min(after)) / 2, each.label))
    return tuple(marks)


def missing_positions(positions: tuple[float, ...]) -> tuple[float, ...]:
    """Where a regular time axis lacks a period (2020 between 2019 and 2021): the usual step
    is the most common distance between neighbours; a longer distance holds missing ones."""
    if len(positions) < 3:
        return ()
    steps = [round(b - a, 6) for a, b in pairwise(positions)]
    step = Counter(steps).most_common(1)[0][0]
    if step <= 0:
        return ()
    gaps: list[float] = []
    for a, b in pairwise(positions):
        missing = round((b - a) / step) - 1
        if missing >= 1 and math.isclose(a + (missing + 1) * step, b, abs_tol=step / 4):
            gaps.extend(a + step * k for k in range(1, missing + 1))
    return tuple(gaps)
