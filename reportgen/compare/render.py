"""Comparison of two data editions → German summary lines, Markdown and HTML for editors."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from reportgen.compare.editions import (
    NOTABLE_POINTS,
    NOTABLE_RELATIVE,
    Comparison,
    IndicatorDiff,
)
from reportgen.errors import count


def summary_lines(comparison: Comparison) -> list[str]:
    """A few German sentences for the console and the top of the report."""
    c = comparison

    def indicators(attribute: str) -> str:
        number = sum(1 for d in c.changed if getattr(d, attribute))
        return count(number, "Indikator", "Indikatoren")

    values = count(sum(d.revised for d in c.changed), "Wert", "Werte")
    lines = [
        f"{c.compared} Indikatoren in beiden Datenständen, {len(c.added)} neu, "
        f"{len(c.removed)} entfallen.",
        f"Neue Zeiträume bei {indicators('new_periods')}, "
        f"entfallene bei {indicators('dropped_periods')}.",
        f"{values} in {indicators('revised')} revidiert.",
        f"Auffällige Veränderung des letzten Werts bei {indicators('notable')}.",
    ]
    if c.texts_checked:
        lines.append(f"Zuerst zu überarbeiten: {count(len(c.to_revise), 'Text', 'Texte')}.")
    return [*lines, *c.notes]


def render_markdown(comparison: Comparison) -> str:
    c, changed = comparison, comparison.changed
    periods: dict[str, list[str]] = {}
    for diff in (d for d in changed if d.new_periods or d.dropped_periods):
        periods.setdefault(_periods_text(diff), []).append(diff.number)
    sections = {
        "Überblick": [f"- {line}" for line in summary_lines(c)],
        "Zuerst zu überarbeiten": [
            f"- {_where(c, t.path, t.lines)} – {'; '.join(t.reasons)}" for t in c.to_revise
        ],
        "Auffällige Veränderungen des letzten Werts": [
            f"- **{_name(d)}** – {d.move.text}, {d.move.change}"
            for d in changed
            if d.move and d.move.notable
        ],
        "Revidierte Werte": [line for d in changed if d.revised for line in _revised(c, d)],
        "Neue und entfallene Zeiträume": [f"- {k}: {', '.join(v)}" for k, v in periods.items()],
        "Neue Indikatoren": [f"- **{_name(d)}**{_texts(c, d)}" for d in c.added],
        "Entfallene Indikatoren": [f"- **{_name(d)}**{_texts(c, d)}" for d in c.removed],
        "Geänderte Gliederung (Werte nicht verglichen)": [
            f"- **{_name(d)}**: {d.breakdown}" for d in changed if d.breakdown
        ],
    }
    out = ["# Vergleich der Datenstände", "", f"Bisher: `{c.old}`  ", f"Neu: `{c.new}`", ""]
    for title, lines in sections.items():
        if lines:
            out += [f"## {title}", "", *_MOVE_NOTE.get(title, ()), *lines]
            out += [""] if out[-1] else []
    return "\n".join(out)


_MOVE_NOTE = {
    "Auffällige Veränderungen des letzten Werts": (
        "Letzter Wert der Reihe, die der Bericht zuerst nennt, bisher und neu; aufgeführt ab "
        f"{NOTABLE_RELATIVE:g} % Veränderung oder, bei Anteilen, {NOTABLE_POINTS:g} Prozentpunkt.",
        "",
    )
}


def _revised(c: Comparison, diff: IndicatorDiff) -> list[str]:
    rest = diff.revised - len(diff.examples)
    return [
        f"### {_name(diff)}",
        "",
        f"{count(diff.revised, 'Wert', 'Werte')} revidiert ({_span(diff.revised_periods)})"
        f"{_texts(c, diff)}",
        "",
        *(f"- {r.label}: {r.old} → {r.new}" for r in diff.examples),
        *([f"- … und {count(rest, 'weiterer Wert', 'weitere Werte')}"] if rest > 0 else []),
        "",
    ]


def _periods_text(diff: IndicatorDiff) -> str:
    parts = (("neu", diff.new_periods), ("entfallen", diff.dropped_periods))
    return "; ".join(f"**{word} {_span(periods)}**" for word, periods in parts if periods)


def _texts(c: Comparison, diff: IndicatorDiff) -> str:
    if not c.texts_checked:
        return ""
    if not diff.texts:
        return " – kein Text erwähnt ihn"
    return " – Texte: " + "; ".join(_where(c, m.path, m.lines) for m in diff.texts)


def _where(c: Comparison, path: Path, lines: tuple[int, ...]) -> str:
    shown = path.relative_to(c.texts.parent) if c.texts and path.is_relative_to(c.texts) else path
    numbers = ", ".join(str(n) for n in lines[:6]) + (" …" if len(lines) > 6 else "")
    return f"`{shown}`" + (f" (Zeile{'n' if len(lines) > 1 else ''} {numbers})" if lines else "")


def _name(diff: IndicatorDiff) -> str:
    return f"{diff.number} {diff.title}"


def _span(periods: tuple[str, ...]) -> str:
    return ", ".join(periods) if len(periods) <= 4 else f"{periods[0]} bis {periods[-1]}"


def render_html(comparison: Comparison) -> str:
    """The Markdown report as a small HTML page for reading in a browser (content escaped)."""
    body = MarkdownIt("commonmark", {"html": False}).render(render_markdown(comparison))
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Vergleich der Datenstände</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
