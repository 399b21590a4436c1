"""Figures in editorial text come from the data: ``{{ wert("1-2-2", "Lüneburg", 2024) }}``.

Editors write placeholders in Jinja syntax, but nothing is executed as a template: the text is
parsed with Jinja's sandboxed parser and only calls of the documented functions with literal
arguments are evaluated, by this module. Attribute access, filters, statements, variables and
anything else are refused with a message naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.compose.formatting import (
    format_change,
    format_number,
    format_quantity,
    format_relative_change,
    is_percent,
    round_half_up,
)
from reportgen.compose.indicators import (
    Selection,
    Series,
    default_selection,
    period_for,
    region_selection,
)
from reportgen.compose.model import Block
from reportgen.compose.richtext import markdown_to_blocks
from reportgen.errors import ContentError, Location, did_you_mean
from reportgen.load.config import TargetValue
from reportgen.load.opensdg import Dataset, Indicator
from reportgen.load.textblocks import TextBlock

_ENVIRONMENT = ImmutableSandboxedEnvironment(autoescape=False)
_ENVIRONMENT.filters.clear()
_ENVIRONMENT.tests.clear()
_ENVIRONMENT.globals.clear()


class PlaceholderError(Exception):
    """A placeholder that cannot be filled; ``line`` counts from the start of the body."""

    def __init__(self, message: str, line: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


@dataclass
class Facts:
    """What placeholder functions may read: the data and the configured targets."""

    dataset: Dataset
    targets: tuple[TargetValue, ...] = ()
    _selections: dict[str, Selection] = field(default_factory=dict)

    def indicator(self, indicator_id: object) -> Indicator:
        key = str(indicator_id).replace(".", "-")
        indicator = self.dataset.indicators.get(key)
        if indicator is None:
            raise _Problem(
                f"Indikator „{indicator_id}“ gibt es nicht.",
                did_you_mean(key, self.dataset.indicators),
            )
        return indicator

    def default(self, indicator: Indicator) -> Selection:
        if indicator.id not in self._selections:
            self._selections[indicator.id] = default_selection(indicator)
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
            raise _Problem(
                f"Indikator {indicator.meta.number} hat keine Werte für „{wanted}“.", None
            )
        choices = [s.label for s in selection.series] + list(self.dataset.region_names.values())
        raise _Problem(
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


class _Problem(Exception):
    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _period(selection: Selection, series: Series, year: object | None) -> tuple[str, float]:
    """The value of a series in a year (label like "2024" or "WS 2023/24"); default: latest."""
    if year is None:
        latest = series.latest(selection.periods)
        if latest is None:
            raise _Problem(f"„{series.label}“ hat keinen veröffentlichten Wert.", None)
        return latest
    wanted = str(year).strip()
    period = period_for(selection, wanted)
    if period is None:
        raise _Problem(
            f"Für {wanted} gibt es keinen Wert von „{series.label}“.",
            did_you_mean(wanted, selection.periods)
            or f"Vorhanden: {', '.join(selection.periods[-5:])}.",
        )
    point = series.points.get(period)
    if point is None or point.value is None:
        sign = f" (Zeichen „{point.sign}“)" if point and point.sign else ""
        raise _Problem(
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
    first = series.earliest(selection.periods)
    if von is None and first is None:
        raise _Problem(f"„{series.label}“ hat keinen veröffentlichten Wert.", None)
    start = _period(selection, series, von) if von is not None else first
    assert start is not None
    end = _period(selection, series, bis)
    d = selection.decimals  # differences of the printed values agree with the tables
    difference = round_half_up(end[1], d) - round_half_up(start[1], d)
    if is_percent(selection.unit) or not start[1]:
        return format_change(difference, d, selection.unit)
    relative = format_relative_change(difference / round_half_up(start[1], d) * 100)
    return f"{format_change(difference, selection.decimals, selection.unit)} ({relative})"


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
    d = selection_a.decimals
    return _distance(abs(round_half_up(value_a, d) - round_half_up(value_b, d)), selection_a)


def _distance(value: float, selection: Selection) -> str:
    if is_percent(selection.unit):
        return f"{format_number(value, selection.decimals)} Prozentpunkte"
    return format_quantity(value, selection.decimals, selection.unit)


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
        raise _Problem(
            f"Für Indikator {indicator.meta.number} ist kein Ziel- oder Schwellenwert festgelegt.",
            "Tragen Sie ihn in reportgen.yml unter „zielwerte“ ein.",
        )
    selection, series = facts.series(indicator, reihe if reihe is not None else target.series)
    _, value = _period(selection, series, None)
    return target_status(value, target, selection)


def target_status(value: float, target: TargetValue, selection: Selection) -> str:
    """The distance to a target in words: "1,2 Prozentpunkte über dem Zielwert (5,0 %)"."""
    name = "Zielwert" if target.kind == "ziel" else "Schwellenwert"
    level = format_quantity(target.value, selection.decimals, selection.unit)
    difference = round(value - target.value, selection.decimals)
    if difference == 0:
        return f"genau auf dem {name} ({level})"
    side = "über" if difference > 0 else "unter"
    return f"{_distance(abs(difference), selection)} {side} dem {name} ({level})"


FUNCTIONS: Mapping[str, Callable[..., str]] = {
    "wert": _wert,
    "jahr": _jahr,
    "veraenderung": _veraenderung,
    "abstand": _abstand,
    "abstand_ziel": _abstand_ziel,
}


# --- parsing and filling --------------------------------------------------------------------


def fill_placeholders(body: str, facts: Facts) -> str:
    """The body with every placeholder replaced by its formatted value.

    Raises the first ``PlaceholderError``; ``placeholder_errors`` lists all of them.
    """
    found, errors = _outputs(body)
    if errors:
        raise errors[0]
    parts: list[str] = []
    for node in found:
        if isinstance(node, nodes.TemplateData):
            parts.append(node.data)
        elif isinstance(node, nodes.Const):
            parts.append(str(node.value))
        else:
            parts.append(_call(node, facts))
    return "".join(parts)


def placeholder_errors(body: str, facts: Facts) -> list[PlaceholderError]:
    """Every placeholder of a body that cannot be filled (not only the first)."""
    found, errors = _outputs(body)
    for node in found:
        if isinstance(node, nodes.Call):
            try:
                _call(node, facts)
            except PlaceholderError as exc:
                errors.append(exc)
    return sorted(errors, key=lambda error: error.line)


def placeholder_spans(body: str) -> list[tuple[int, int]]:
    """Character ranges of ``{{ … }}`` in a body (for the hand-typed number check)."""
    spans, start = [], body.find("{{")
    while start != -1:
        end = body.find("}}", start)
        if end == -1:
            break
        spans.append((start, end + 2))
        start = body.find("{{", end)
    return spans


def _outputs(body: str) -> tuple[list[nodes.Node], list[PlaceholderError]]:
    """The literal text and placeholder nodes of a body, and every node that is not allowed.

    A syntax error ends parsing: the rest of the body cannot be read, only that one is named.
    """
    try:
        template = _ENVIRONMENT.parse(body)
    except TemplateSyntaxError as exc:
        error = PlaceholderError(
            f"Platzhalter fehlerhaft: {_syntax_message(exc.message or '')}",
            exc.lineno,
            'Schreiben Sie z. B. {{ wert("1-2-2", "Niedersachsen", 2024) }}.',
        )
        return [], [error]
    result: list[nodes.Node] = []
    errors: list[PlaceholderError] = []
    for statement in template.body:
        if not isinstance(statement, nodes.Output):
            errors.append(
                PlaceholderError(
                    "Im Text sind nur Platzhalter {{ … }} erlaubt, keine Anweisungen {% … %}.",
                    statement.lineno,
                )
            )
            continue
        for node in statement.nodes:
            try:
                _check(node)
            except PlaceholderError as exc:
                errors.append(exc)
                continue
            result.append(node)
    return result, errors


_SYNTAX_MESSAGES = (
    (r"(?<!un)expected '\)'", "die Klammer „)“ fehlt"),
    (r"(?<!un)expected '\]'", "die Klammer „]“ fehlt"),
    (r"Expected an expression", "im Platzhalter fehlt der Aufruf, z. B. wert(…)"),
    (r"unexpected end of template", "der Platzhalter wird nicht mit „}}“ geschlossen"),
    (r"unexpected char '(.)'", r"das Zeichen „\g<1>“ ist in Platzhaltern nicht erlaubt"),
    (r"unexpected '}'", "eine „}“ zu viel, oder „}}“ fehlt"),
    (r"unexpected '\)'", "eine Klammer „)“ zu viel"),
    (r"expected token ','", "zwischen zwei Angaben fehlt ein Komma"),
)


def _syntax_message(message: str) -> str:
    """Jinja's English parser message in German words (never passed on in English)."""
    for pattern, german in _SYNTAX_MESSAGES:
        if match := re.search(pattern, message):
            return match.expand(german)
    return "der Platzhalter ist unvollständig oder hat ein Zeichen zu viel"


def _check(node: nodes.Node) -> None:
    """Only literal text, literals and calls of a documented function with literal arguments."""
    if isinstance(node, nodes.TemplateData | nodes.Const):
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        if name not in FUNCTIONS:
            raise PlaceholderError(
                f"Unbekannte Funktion „{name}“.",
                node.lineno,
                did_you_mean(name, FUNCTIONS) or f"Erlaubt: {', '.join(FUNCTIONS)}.",
            )
        arguments = [*node.args, *(keyword.value for keyword in node.kwargs)]
        if (
            node.dyn_args
            or node.dyn_kwargs
            or not all(isinstance(a, nodes.Const) for a in arguments)
        ):
            raise PlaceholderError(
                f"Die Angaben in „{name}(…)“ müssen feste Werte sein "
                "(Text in Anführungszeichen oder Zahlen).",
                node.lineno,
            )
        return
    raise PlaceholderError(
        "Im Platzhalter ist nur der Aufruf einer dokumentierten Funktion "
        "erlaubt (kein Zugriff auf Attribute, Variablen oder Filter).",
        node.lineno,
        f"Erlaubt: {', '.join(FUNCTIONS)}.",
    )


def _call(node: nodes.Node, facts: Facts) -> str:
    assert isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
    function = FUNCTIONS[node.node.name]
    args: list[Any] = [a.value for a in node.args if isinstance(a, nodes.Const)]
    kwargs: dict[str, Any] = {
        k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)
    }
    try:
        return function(facts, *args, **kwargs)
    except _Problem as problem:
        raise PlaceholderError(problem.message, node.lineno, problem.hint) from None
    except (TypeError, ValueError, LookupError, ArithmeticError) as exc:
        # literal arguments of the wrong kind (a list for a year, a number out of range …)
        raise PlaceholderError(
            f"„{node.node.name}“ mit falschen Angaben aufgerufen.",
            node.lineno,
            _usage(node.node.name),
        ) from exc


_USAGE = {
    "wert": 'wert("1-2-2", "Lüneburg", 2024) – Gebiet/Reihe und Jahr sind freiwillig',
    "jahr": 'jahr("1-2-2") – jüngstes Jahr',
    "veraenderung": 'veraenderung("1-1-1", "Niedersachsen", 2015, 2024)',
    "abstand": 'abstand("5-3-1", "mit Migrationshintergrund", "ohne Migrationshintergrund")',
    "abstand_ziel": 'abstand_ziel("5-3-3")',
}


def _usage(name: str) -> str:
    return f"So geht es: {_USAGE[name]}."


def text_blocks(text: TextBlock, facts: Facts) -> tuple[Block, ...]:
    """A text block's Markdown with its placeholders filled, as model blocks."""
    try:
        return markdown_to_blocks(fill_placeholders(text.body, facts))
    except PlaceholderError as exc:
        raise ContentError(exc.message, placeholder_location(text, exc), exc.hint) from None


def placeholder_location(text: TextBlock, error: PlaceholderError) -> Location:
    return Location(text.path, text.body_line + error.line - 1)
