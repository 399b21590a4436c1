"""Checks of what the pages are configured to show (``darstellung``, ``zeitreihenbrueche``) and
of periods the data publishes as zeros throughout (a survey gap, not a true zero)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reportgen.compose.indicators import column_for, norm
from reportgen.compose.presentation import configured_selection
from reportgen.errors import Location, Problem, Severity, did_you_mean
from reportgen.load.config import ReportConfig
from reportgen.load.config_presentation import Presentation
from reportgen.load.opensdg import LINE, PERIOD, VALUE, Dataset, Indicator
from reportgen.load.project import Project


def presentation_problems(project: Project) -> list[Problem]:
    config, dataset = project.config, project.dataset
    problems: list[Problem] = []
    for indicator_id, shown in config.presentation.items():
        indicator = dataset.indicators.get(indicator_id)
        if indicator is None:
            problems.append(
                Problem(
                    f"„darstellung“ nennt den Indikator {indicator_id}, den es in den Daten "
                    "nicht gibt.",
                    config.location("darstellung", indicator_id),
                    did_you_mean(indicator_id, dataset.indicators),
                )
            )
            continue
        problems.extend(_presentation(config, indicator, shown))
    problems.extend(_breaks(config, dataset))
    problems.extend(_zero_periods(config, dataset))
    problems.extend(_map_credit(config))
    return problems


def _map_credit(config: ReportConfig) -> Iterator[Problem]:
    """Maps need the credit and licence of their boundaries; a file name is none."""
    if config.map_credit or not any(config.data_path.glob("*.geojson")):
        return
    yield Problem(
        "Die Karten (Lagekarte der Steckbriefe, Kreiskarten des Berichts) erscheinen ohne "
        "Kartengrundlage: wer die Kreisgrenzen erstellt hat und unter welcher Lizenz, fehlt.",
        config.location(),
        "Tragen Sie in reportgen.yml „kartengrundlage“ ein, z. B. „© GeoBasis-DE / BKG 2024, "
        "Datenlizenz Deutschland – Namensnennung – Version 2.0“ (fragen Sie den Anbieter der "
        "Geodaten).",
        Severity.WARNING,
    )


def _presentation(
    config: ReportConfig, indicator: Indicator, shown: Presentation
) -> Iterator[Problem]:
    base = ("darstellung", indicator.id)
    yield from _choice(config, indicator, shown.selection or {}, (*base, "auswahl"))
    for number, breakdown in enumerate(shown.breakdowns or ()):
        several = isinstance(shown.breakdown, tuple)
        where: tuple[str | int, ...] = (*base, "aufgliederung", *((number,) if several else ()))
        for index, name in enumerate(breakdown.dimensions):
            yield from _dimension(config, indicator, name, (*where, "merkmale", index))
        yield from _choice(config, indicator, breakdown.selection, (*where, "auswahl"))
        first = column_for(breakdown.dimensions[0], indicator)
        if first is not None and breakdown.categories:
            for index, value in enumerate(breakdown.categories):
                yield from _value(config, indicator, first, value, (*where, "kategorien", index))
    if shown.unit:
        yield from _value(config, indicator, "Units", shown.unit, (*base, "einheit"))
    if shown.focus:
        selection = configured_selection(config, indicator)
        labels = [s.label for s in selection.series]
        if norm(shown.focus) not in {norm(label) for label in labels}:
            yield Problem(
                f"Die Fokusreihe „{shown.focus}“ zeigt Indikator {indicator.meta.number} nicht.",
                config.location(*base, "fokus"),
                did_you_mean(shown.focus, labels) or f"Gezeigt werden: {', '.join(labels)}.",
            )
    periods = {str(p) for p in indicator.frame[PERIOD].unique()}
    years = {p[:4] for p in periods}
    for period in shown.unavailable:
        if period not in periods and period not in years:
            yield Problem(
                f"„keine_werte“ nennt den Zeitraum {period}, den Indikator "
                f"{indicator.meta.number} nicht hat.",
                config.location(*base, "keine_werte", period),
                did_you_mean(period, sorted(periods)),
                Severity.WARNING,
            )


def _choice(
    config: ReportConfig,
    indicator: Indicator,
    chosen: dict[str, str] | dict[str, str | list[str]],
    where: tuple[str | int, ...],
) -> Iterator[Problem]:
    for field, values in chosen.items():
        column = column_for(field, indicator)
        if column is None:
            yield from _dimension(config, indicator, field, (*where, field))
            continue
        for value in [values] if isinstance(values, str) else values:
            yield from _value(config, indicator, column, value, (*where, field))


def _dimension(
    config: ReportConfig, indicator: Indicator, name: str, where: tuple[str | int, ...]
) -> Iterator[Problem]:
    if column_for(name, indicator) is None:
        yield Problem(
            f"Indikator {indicator.meta.number} hat kein Merkmal „{name}“.",
            config.location(*where),
            did_you_mean(name, indicator.dimensions)
            or f"Merkmale: {', '.join(indicator.dimensions) or 'keine'}.",
        )


def _value(
    config: ReportConfig,
    indicator: Indicator,
    column: str,
    value: str,
    where: tuple[str | int, ...],
) -> Iterator[Problem]:
    frame_column = "Units" if column == "Units" else column
    if frame_column not in indicator.frame:
        return
    present = [str(v) for v in indicator.frame[frame_column].unique() if str(v)]
    if norm(value) not in {norm(v) for v in present}:
        yield Problem(
            f"„{value}“ gibt es im Merkmal „{column}“ von Indikator {indicator.meta.number} nicht.",
            config.location(*where),
            did_you_mean(value, present) or f"Vorhanden: {', '.join(present[:12])}.",
        )


def _breaks(config: ReportConfig, dataset: Dataset) -> Iterator[Problem]:
    sources = [norm(i.meta.data_source) for i in dataset.indicators.values()]
    for index, entry in enumerate(config.series_breaks):
        for position, indicator_id in enumerate(entry.indicators):
            if indicator_id not in dataset.indicators:
                yield Problem(
                    f"Der Zeitreihenbruch „{entry.label}“ nennt den Indikator {indicator_id}, "
                    "den es in den Daten nicht gibt.",
                    config.location("zeitreihenbrueche", index, "indikatoren", position),
                    did_you_mean(indicator_id, dataset.indicators),
                )
        if entry.source and not any(norm(entry.source) in source for source in sources):
            names = sorted({i.meta.data_source for i in dataset.indicators.values()})
            yield Problem(
                f"Keine Datenquelle der Indikatoren nennt „{entry.source}“; der Zeitreihenbruch "
                f"„{entry.label}“ gilt damit für keinen Indikator.",
                config.location("zeitreihenbrueche", index, "datenquelle"),
                did_you_mean(entry.source, names),
                Severity.WARNING,
            )


def _zero_periods(config: ReportConfig, dataset: Dataset) -> Iterator[Problem]:
    """A period in which every value of an indicator is 0 is almost always a survey gap."""
    for indicator in dataset.indicators.values():
        declared = set(config.presentation.get(indicator.id, Presentation()).unavailable)
        for period, line in _all_zero(indicator):
            if period in declared or period[:4] in declared:
                continue
            yield Problem(
                f"Im Zeitraum {period} sind alle Werte von Indikator {indicator.meta.number} "
                "null; das ist fast immer eine Erhebungslücke, keine echte Null.",
                Location(indicator.csv_path, line),
                f"Liegen keine Ergebnisse vor, tragen Sie in reportgen.yml unter "
                f"„darstellung: {indicator.id}: keine_werte“ den Zeitraum {period} mit einer "
                "Begründung ein; er erscheint dann als „x“ und wird nie verglichen.",
                Severity.WARNING,
            )


def _all_zero(indicator: Indicator) -> Iterable[tuple[str, int | None]]:
    """Periods with at least two values, all 0, and the first line of each (one pass)."""
    frame = indicator.frame[indicator.frame[VALUE].notna()]
    groups = frame.assign(_nonzero=frame[VALUE] != 0).groupby(PERIOD, sort=False)
    counts = groups.size()
    nonzero = groups["_nonzero"].sum()
    first = groups[LINE].min() if LINE in frame else None
    for period in counts.index[(counts >= 2) & (nonzero == 0)]:
        yield str(period), (int(first[period]) if first is not None else None)
