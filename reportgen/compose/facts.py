"""What placeholders in editorial text may read and compute: the documented functions
(``wert``, ``jahr``, ``veraenderung``, ``abstand``, ``abstand_ziel``) over the data and targets."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reportgen.compose.formatting import (
    distance_between,
    format_change,
    format_distance,
    format_quantity,
    printed_change,
    with_relative,
)
from reportgen.compose.indicators import (
    Selection,
    Series,
    default_selection,
    period_for,
)
from reportgen.compose.presentation import configured_selection
from reportgen.compose.regional import region_selection
from reportgen.errors import did_you_mean
from reportgen.load.config import ReportConfig
from reportgen.load.config_entries import TargetKind, TargetValue
from reportgen.load.opensdg import Dataset, Indicator


@dataclass
class Facts:
    """What placeholder functions may read: the data and the configured targets."""

    dataset: Dataset
    targets: tuple[TargetValue, ...] = ()
    config: ReportConfig | None = None
    """The configured presentations: placeholders read what the pages show."""
    _selections: dict[str, Selection] = field(default_factory=dict)
    _notes: list[FactError] = field(default_factory=list)

    def note(self, message: str, hint: str | None = None) -> None:
        """A warning about a value that was filled all the same."""
        self._notes.append(FactError(message, hint))

    def take_notes(self) -> list[FactError]:
        notes, self._notes = self._notes, []
        return notes

    def indicator(self, indicator_id: object) -> Indicator:
        key = str(indicator_id).replace(".", "-")
        indicator = self.dataset.indicators.get(key)
        if indicator is None:
            raise FactError(
                f"Indikator „{indicator_id}“ gibt es nicht.",
                did_you_mean(key, self.dataset.indicators),
            )
        return indicator

    def default(self, indicator: Indicator) -> Selection:
        if indicator.id not in self._selections:
            self._selections[indicator.id] = (
                configured_selection(self.config, indicator)
                if self.config
                else default_selection(indicator)
            )
        return self._selections[indicator.id]

    def series(self, indicator: Indicator, name: object | None) -> tuple[Selection, Series]:
        """A series by region (name or code) or by a label of the default selection."""
        selection = self.default(indicator)
        if name is None:
            return selection, selection.main
        wanted = str(name).strip()
        for series in selection.series:
            if series.label.casefold() == wanted.casefold():
                return selection, series
        region = self._region(wanted)
        if region is not None:
            regional = region_selection(indicator, [region])
            if regional.series:
                return regional, regional.series[0]
            raise FactError(
                f"Indikator {indicator.meta.number} hat keine Werte für „{wanted}“.", None
            )
        choices = [s.label for s in selection.series] + list(self.dataset.region_names.values())
        raise FactError(
            f"„{wanted}“ ist weder ein Gebiet noch eine Reihe von Indikator "
            f"{indicator.meta.number}.",
            did_you_mean(wanted, choices),
        )

    def _region(self, wanted: str) -> tuple[str, str] | None:
        code = wanted.upper().removeprefix("RH").removeprefix("MZ").removeprefix("K")
        names = self.dataset.region_names
        if code in names:
            return code, names[code]
        for key, name in names.items():
            if wanted.casefold() in (name.casefold(), name.split(",")[0].casefold()):
                return key, name
        return None


class FactError(Exception):
    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _period(selection: Selection, series: Series, year: object | None) -> tuple[str, float]:
    """The value of a series in a year (label like "2024" or "WS 2023/24"); default: latest."""
    if year is None:
        latest = series.latest(selection.periods)
        if latest is None:
            raise FactError(f"„{series.label}“ hat keinen veröffentlichten Wert.", None)
        return latest
    wanted = str(year).strip()
    period = period_for(selection, wanted)
    if period is None:
        raise FactError(
            f"Für {wanted} gibt es keinen Wert von „{series.label}“.",
            did_you_mean(wanted, selection.periods)
            or f"Vorhanden: {', '.join(selection.periods[-5:])}.",
        )
    point = series.points.get(period)
    if point is None or point.value is None:
        sign = f" (Zeichen „{point.sign}“)" if point and point.sign else ""
        raise FactError(
            f"Der Wert von „{series.label}“ für {period} ist nicht veröffentlicht{sign}.",
            "Wählen Sie ein anderes Jahr oder eine andere Reihe.",
        )
    return period, point.value


# --- the functions editors may use ---------------------------------------------------------


def _wert(facts: Facts, indikator: object, reihe: object = None, jahr: object = None) -> str:
    indicator = facts.indicator(indikator)
    selection, series = facts.series(indicator, reihe)
    _, value = _period(selection, series, jahr)
    return format_quantity(value, selection.decimals, selection.unit)


def _jahr(facts: Facts, indikator: object, reihe: object = None) -> str:
    indicator = facts.indicator(indikator)
    selection, series = facts.series(indicator, reihe)
    return _period(selection, series, None)[0]


def _veraenderung(
    facts: Facts, indikator: object, reihe: object = None, von: object = None, bis: object = None
) -> str:
    indicator = facts.indicator(indikator)
    selection, series = facts.series(indicator, reihe)
    end = _period(selection, series, bis)
    up_to = selection.periods[: selection.periods.index(end[0]) + 1]
    first = series.earliest(selection.comparable(up_to))
    if von is None and first is None:
        raise FactError(f"„{series.label}“ hat keinen veröffentlichten Wert.", None)
    start = _period(selection, series, von) if von is not None else first
    assert start is not None
    crossed = [
        b
        for b in selection.breaks
        if selection.period_keys[start[0]] < b.first_year <= selection.period_keys[end[0]]
    ]
    if crossed:
        facts.note(
            f"Die Veränderung von {start[0]} bis {end[0]} überspannt einen Zeitreihenbruch "
            f"({', '.join(b.label for b in crossed)}); die Werte sind nicht vergleichbar.",
            f"Vergleichen Sie erst ab {max(b.first_year for b in crossed)} "
            "oder weisen Sie im Text auf den Bruch hin.",
        )
    difference, relative = printed_change(start[1], end[1], selection.decimals)
    absolute = format_change(difference, selection.decimals, selection.unit)
    return with_relative(absolute, relative, selection.unit)


def _abstand(
    facts: Facts,
    indikator: object,
    reihe_a: object = None,
    reihe_b: object = None,
    jahr: object = None,
) -> str:
    indicator = facts.indicator(indikator)
    selection_a, a = facts.series(indicator, reihe_a)
    selection_b, b = facts.series(indicator, reihe_b)
    period, value_a = _period(selection_a, a, jahr)
    _, value_b = _period(selection_b, b, period)
    return distance_between(value_a, value_b, selection_a.decimals, selection_a.unit)


def _abstand_ziel(facts: Facts, indikator: object, reihe: object = None) -> str:
    indicator = facts.indicator(indikator)
    target = next(
        (
            t
            for t in facts.targets
            if t.indicator == indicator.id
            and (reihe is None or t.series is None or str(reihe) == t.series)
        ),
        None,
    )
    if target is None:
        raise FactError(
            f"Für Indikator {indicator.meta.number} ist kein Ziel- oder Schwellenwert festgelegt.",
            "Tragen Sie ihn in reportgen.yml unter „zielwerte“ ein.",
        )
    selection, series = facts.series(indicator, reihe if reihe is not None else target.series)
    _, value = _period(selection, series, None)
    return target_status(value, target, selection)


def target_status(value: float, target: TargetValue, selection: Selection) -> str:
    """The distance to a target in words: "1,2 Prozentpunkte über dem Zielwert (5,0 %)"."""
    name = "Zielwert" if target.kind == TargetKind.GOAL else "Schwellenwert"
    level = format_quantity(target.value, selection.decimals, selection.unit)
    # the value as the table prints it against the target as printed in brackets
    difference, _ = printed_change(target.value, value, selection.decimals)
    if difference == 0:
        return f"genau auf dem {name} ({level})"
    side = "über" if difference > 0 else "unter"
    distance = format_distance(abs(difference), selection.decimals, selection.unit)
    return f"{distance} {side} dem {name} ({level})"


FUNCTIONS: Mapping[str, Callable[..., str]] = {
    "wert": _wert,
    "jahr": _jahr,
    "veraenderung": _veraenderung,
    "abstand": _abstand,
    "abstand_ziel": _abstand_ziel,
}


_USAGE = {
    "wert": 'wert("1-2-2", "Lüneburg", 2024) – Gebiet/Reihe und Jahr sind freiwillig',
    "jahr": 'jahr("1-2-2") – jüngstes Jahr',
    "veraenderung": 'veraenderung("1-1-1", "Niedersachsen", 2015, 2024)',
    "abstand": 'abstand("5-3-1", "mit Migrationshintergrund", "ohne Migrationshintergrund")',
    "abstand_ziel": 'abstand_ziel("5-3-3")',
}


def usage(name: str) -> str:
    return f"So geht es: {_USAGE[name]}."
