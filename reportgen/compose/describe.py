"""Sentences generated from data: the key statement and the draft of a Lese- und
Interpretationshilfe (pure, German). Every comparison stays within the span a selection allows
(``comparable``): never across a declared break, never from a missing, zero or unavailable
period, never between counts of different populations."""

from __future__ import annotations

import re

from reportgen.compose.figures import alt_text
from reportgen.compose.formatting import printed_change, with_relative
from reportgen.compose.indicators import Selection, Series
from reportgen.compose.selection import Point
from reportgen.compose.units import POINTS, Case, UnitKind, is_rate, spoken, unit_kind
from reportgen.compose.wording import (
    at,
    break_note,
    capitalised,
    comparable_periods,
    in_area,
    is_total,
    place,
    quoted,
    selection_phrase,
    series_label,
    shown,
    value,
    when,
)
from reportgen.load.htmltext import html_to_text
from reportgen.load.regions import Level

__all__ = ["alt_text", "draft_interpretation", "key_statement", "short_definition"]

MAX_LISTED = 4
"""A key statement of categories lists this many values, else gives the range."""


def key_statement(selection: Selection, subject: str | None = None) -> str:
    """One sentence about the focus series: "Der Ausländeranteil stieg von 5,8 % (2005) auf
    13,7 % (2024)." ``subject`` (with its article) begins it; without one the sentence names
    the area or the category and speaks of "der Wert", which never needs inflecting."""
    if not selection.series:
        return "Für die Standardauswahl liegen keine Werte vor."
    main = selection.main
    lead, thing = _opening(selection, main, subject)
    if not selection.temporal:
        return _categories(selection, main, lead, thing)
    periods = comparable_periods(selection, selection.periods)
    points = shown(main, periods)
    if not points:
        return (
            f"Für {quoted(series_label(selection, main))} liegen keine veröffentlichten Werte vor."
        )
    text = _movement(selection, points, lead, thing)
    cut = selection.break_before(selection.periods)
    earlier = [p for p in selection.periods if p not in periods and p in main.points]
    if cut and shown(main, tuple(earlier)):
        text += " " + break_note(cut)
    return text


def _opening(selection: Selection, main: Series, subject: str | None) -> tuple[str, str]:
    """What precedes the verb and what follows it: ("Der Ausländeranteil", ""), ("In
    Niedersachsen", "der Wert"), ("Für „mit Migrationshintergrund“", "der Wert")."""
    if subject and subject.strip():
        return capitalised(subject.strip()), ""
    area, category = place(selection, main)
    held = tuple((dim, val) for dim, val in selection.fixed if area is None or val.strip() != area)
    extra = selection_phrase(held, title=main.label)
    if area is not None:
        what = category or extra
        thing = f"der Wert für {quoted(what)}" if what else "der Wert"
        if category and extra:
            thing += f" ({extra})"
        return in_area(area), thing
    if category:
        return f"Für {quoted(category)}" + (f" ({extra})" if extra else ""), "der Wert"
    if extra:
        return f"Für {quoted(extra)}", "der Wert insgesamt"
    return "Insgesamt", "der Wert"


def _movement(selection: Selection, points: list[tuple[str, Point]], lead: str, thing: str) -> str:
    """Stieg, sank, blieb unverändert, or betrug (a single period)."""
    obj = f" {thing}" if thing else ""
    last_period, last = points[-1]
    starts = [(p, pt) for p, pt in points[:-1] if pt.value != 0]
    if not starts:
        return f"{lead} betrug{obj} {at(selection, last_period, last)}."
    first_period, first = starts[0]
    assert first.value is not None and last.value is not None
    difference, _ = printed_change(first.value, last.value, selection.decimals)
    if difference:
        verb = "stieg" if difference > 0 else "sank"
        return (
            f"{lead} {verb}{obj} von {at(selection, first_period, first, Case.DATIVE)} "
            f"auf {at(selection, last_period, last)}."
        )
    level = value(selection, last, Case.DATIVE)
    span = points[points.index((first_period, first)) :]
    steady = all(
        pt.value is not None and not printed_change(first.value, pt.value, selection.decimals)[0]
        for _, pt in span
    )
    if steady:
        return f"{lead} blieb{obj} von {first_period} bis {last_period} unverändert bei {level}."
    return f"{lead} lag{obj} {when(last_period)} wie schon {when(first_period)} bei {level}."


def _categories(selection: Selection, main: Series, lead: str, thing: str) -> str:
    """Periods that are categories ("2024 / 2005"): the values, or their range."""
    periods = tuple(p for p in selection.periods if p not in selection.unavailable)
    points = shown(main, periods)
    if not points:
        return (
            f"Für {quoted(series_label(selection, main))} liegen keine veröffentlichten Werte vor."
        )
    obj = f" {thing}" if thing else ""
    # "0,1 % (2024 / 2005)"; a label with brackets of its own in quotes, not brackets in brackets
    items = [at(selection, quoted(p) if "(" in p else p, pt) for p, pt in points]
    if len(points) <= MAX_LISTED:
        listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]
        return f"{lead} beträgt{obj} {listed}."
    ranked = sorted(range(len(points)), key=lambda i: points[i][1].value or 0.0)
    low, high = items[ranked[0]], items[ranked[-1]]
    return f"{lead} liegt{obj} zwischen {low} und {high}."


_WORDS = {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht"}
_WORDS |= {9: "neun", 10: "zehn", 11: "elf", 12: "zwölf"}
_REFERENCE = re.compile(r"^\s*(deutsche\b|ohne\b.*(migration|zuwanderung))", re.I)
MAX_DEFINITION = 220
"""A definition sentence longer than this is left to the methodological notes."""
_ABBREVIATIONS = frozenset(
    "bzw vgl ggf inkl usw etc ca nr abs evtl sog bspw zzgl max min mind rd ff".split()  # noqa: SIM905
)


def draft_interpretation(
    selection: Selection, table_periods: tuple[str, ...], definition: str = ""
) -> tuple[str, ...]:
    """Short factual sentences from the data for an indicator without an editorial text (the
    caller marks them as a draft): what the indicator measures (the first sentence of
    ``definition``, the metadata's description, when short and plain), the focus series'
    latest value and its change since the first comparable period the table shows, and a
    comparison with the total or reference group, for shares and rates only (in percentage
    points), with the earlier distance. Every number is one the table shows; nothing is
    judged."""
    sentences = [measured] if (measured := short_definition(definition)) else []
    if not selection.series or not table_periods:
        return (*sentences, "Für die Standardauswahl dieses Indikators liegen keine Werte vor.")
    main = selection.main
    label = series_label(selection, main)
    area, category = place(selection, main)
    of = f"für {quoted(category or label)}" if category or not area else f"für {area}"
    table = tuple(p for p in table_periods if p in selection.periods)
    periods = comparable_periods(selection, table) if selection.temporal else table
    points = shown(main, tuple(p for p in periods if p not in selection.unavailable))
    if not points:
        return (*sentences, f"Für {quoted(label)} sind in der Tabelle keine Werte veröffentlicht.")
    period, last = points[-1]
    if not selection.temporal:
        sentences.append(
            f"Für {quoted(period)} weist die Tabelle {of} {value(selection, last)} aus."
        )
        return (*sentences, *_comparison(selection, main, period, (period,), "dort"))
    sentences.append(f"Der jüngste Wert {of} beträgt {at(selection, period, last)}.")
    starts = [(p, pt) for p, pt in points[:-1] if pt.value != 0]
    if starts:
        sentences.append(_since(selection, starts[0], points[-1]))
    cut = selection.break_before(table)
    if cut and shown(main, tuple(p for p in table if p not in periods)):
        sentences.append(break_note(cut))
    sentences.extend(_comparison(selection, main, period, periods, when(period)))
    return tuple(sentences)


def short_definition(description: str) -> str:
    """The first sentence of a metadata description, if it is short and plain text."""
    text = html_to_text(description.replace("\xad", ""))
    if not text or re.search(r"https?://|www\.|\]\(|[<>|]", text):
        return ""
    for end in re.finditer(r"[.!?](?=\s+[A-ZÄÖÜ„]|$)", text):
        word = re.search(r"(\S*)$", text[: end.start()])
        before = word.group(1) if word else ""
        if len(before) == 1 or before.isdigit() or "." in before:
            continue  # "z. B.", "im 8. Schuljahrgang", "u.a."
        if before.casefold() in _ABBREVIATIONS:
            continue
        first = text[: end.end()]
        return first if len(first) <= MAX_DEFINITION else ""
    return ""


def _amount(selection: Selection, difference: float) -> str:
    """A distance as a sentence writes it: shares in percentage points."""
    unit = POINTS if unit_kind(selection.unit) == UnitKind.PERCENT else selection.unit
    return spoken(abs(difference), selection.decimals, unit)


def _since(selection: Selection, first: tuple[str, Point], last: tuple[str, Point]) -> str:
    (p1, old), (_, new) = first, last
    assert old.value is not None and new.value is not None
    difference, relative = printed_change(old.value, new.value, selection.decimals)
    if difference == 0:
        return f"Gegenüber {p1} ({value(selection, old)}) ist der Wert unverändert."
    direction = "ein Anstieg" if difference > 0 else "ein Rückgang"
    amount = _amount(selection, difference)
    if not is_rate(selection.unit):
        amount = with_relative(amount, relative, selection.unit)
    return f"Gegenüber {p1} ({value(selection, old)}) ist das {direction} um {amount}."


def _comparison(
    selection: Selection, main: Series, period: str, periods: tuple[str, ...], at_time: str
) -> list[str]:
    """The regions' range or the distance to the total or reference group: shares, rates
    and averages only (counts of populations of different size do not compare)."""
    if not is_rate(selection.unit):
        return []
    regional = [s for s in selection.series if s.level == Level.REGION] if selection.by_area else []
    values = [v for s in regional for _, pt in shown(s, (period,)) if (v := pt.value) is not None]
    if len(values) >= 2 and len(selection.varying) == 1:
        count = _WORDS.get(len(values), str(len(values)))
        low, high = (
            spoken(v, selection.decimals, selection.unit, Case.DATIVE)
            for v in (min(values), max(values))
        )
        regions = f"Die Werte der {count} dargestellten Regionen"
        return [f"{regions} liegen {at_time} zwischen {low} und {high}."]
    partner = None if regional else _partner(selection, main)
    if partner is None:
        return []
    return _distance(selection, main, partner, period, periods, at_time)


def _parts_of_one_whole(selection: Selection, main: Series, partner: Series, period: str) -> bool:
    """Two shares that add up to 100 % (Deutsche and Ausländer among all pupils) are one
    figure told twice: their distance says nothing the value does not."""
    if unit_kind(selection.unit) != UnitKind.PERCENT:
        return False
    mine, theirs = main.points.get(period), partner.points.get(period)
    if not mine or not theirs or mine.value is None or theirs.value is None:
        return False
    return abs(mine.value + theirs.value - 100.0) <= 0.5


def _partner(selection: Selection, main: Series) -> Series | None:
    """The series the focus compares with: the one that differs from it in one breakdown
    only, by being the total, else the reference group, else the only such series."""
    parts = main.label.split(" – ")
    candidates = []
    for series in selection.series:
        other = series.label.split(" – ")
        if series is main or len(other) != len(parts):
            continue
        differing = [b for a, b in zip(parts, other, strict=True) if a != b]
        if len(differing) == 1:
            candidates.append((differing[0], series))
    for test in (is_total, _REFERENCE.match):
        found = [series for part, series in candidates if test(part)]
        if found:
            return found[0]
    return candidates[0][1] if len(candidates) == 1 else None


def _distance(
    selection: Selection,
    main: Series,
    partner: Series,
    period: str,
    periods: tuple[str, ...],
    at_time: str,
) -> list[str]:
    """Where the focus stands against its partner, and the distance in the first comparable
    period the table shows (a narrowing is visible as well as a widening)."""
    gaps = {}
    for p in periods:
        mine, theirs = main.points.get(p), partner.points.get(p)
        if mine and theirs and mine.value is not None and theirs.value is not None:
            gaps[p] = printed_change(theirs.value, mine.value, selection.decimals)[0]
    if period not in gaps:
        return []
    a, b = quoted(series_label(selection, main)), quoted(series_label(selection, partner))
    gap, start = gaps[period], capitalised(at_time)
    if _parts_of_one_whole(selection, main, partner, period):
        return []
    if gap == 0:
        return [f"{start} liegen die Werte für {a} und {b} gleichauf."]
    side = "über" if gap > 0 else "unter"
    text = [f"{start} liegt der Wert für {a} um {_amount(selection, gap)} {side} dem für {b}."]
    first = next(iter(gaps))
    if selection.temporal and first != period and gaps[first] != gap:
        was = _amount(selection, gaps[first])
        if gaps[first] and (gaps[first] > 0) != (gap > 0):
            side = "unter" if gap > 0 else "über"
            text.append(f"{capitalised(when(first))} hatte er um {was} {side} dem für {b} gelegen.")
        else:
            text.append(f"{capitalised(when(first))} hatte der Abstand {was} betragen.")
    return text
