"""What ``reportgen uebernehmen`` tells: the summary on the console (revised, unchanged,
conflicts, figures typed by hand, what was not taken over) and, on request, a readable diff of
what it took over as Markdown or HTML."""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterator

from reportgen.errors import count
from reportgen.roundtrip.takeover import Takeover
from reportgen.roundtrip.wordfile import Pending


def refusal_lines(result: Takeover) -> Iterator[str]:
    """Why nothing was written: each place, in German."""
    for shown, pending in result.refused:
        yield f"{shown}: {count(len(pending), 'offene Stelle', 'offene Stellen')} im Text"
        yield from (f"  – {_pending(item)}" for item in pending)
    if result.refused:
        yield (
            "Nehmen Sie die Änderungen in Word an oder lehnen Sie sie ab und erledigen oder "
            "löschen Sie die Kommentare (Überprüfen → Annehmen, Kommentar → Erledigt); oder "
            "übernehmen Sie mit --angenommen den Stand, als wären alle Änderungen angenommen."
        )
    for conflict in result.conflicts:
        yield (
            f"Konflikt: {conflict.shown} {conflict.reason}. Beide Fassungen: die Datei "
            f"{conflict.path} und der Text im Word-Dokument {result.word}."
        )
    if result.conflicts:
        yield (
            "Es wurde nichts überschrieben. Führen Sie die Fassungen von Hand zusammen (mit "
            "--diff DATEI steht die Word-Fassung als Markdown daneben) und erzeugen Sie das DOCX "
            "neu, oder übernehmen Sie ein DOCX, das nach der Änderung erzeugt wurde."
        )


def summary_lines(result: Takeover, written: bool) -> Iterator[str]:
    changed = len(result.changes)
    verb = "übernommen" if written else "zu übernehmen (nichts geschrieben)"
    yield f"{count(changed, 'Text', 'Texte')} geändert und {verb}:"
    for change in result.changes:
        yield f"  {change.shown}{' (neu angelegt)' if change.old is None else ''}"
    yield f"{count(len(result.unchanged), 'Text', 'Texte')} unverändert (nicht angefasst)."
    yield f"{count(len(result.conflicts), 'Konflikt', 'Konflikte')}."
    typed = [(c.shown, t) for c in result.changes for t in c.typed]
    hand = [(c.shown, n) for c in result.changes for n in c.hand_typed]
    yield f"{count(len(typed) + len(hand), 'getippte Zahl', 'getippte Zahlen')}" + (
        " – prüfen Sie sie mit „reportgen check“:" if typed or hand else "."
    )
    for shown, figure in typed:
        if figure.typed:
            yield (
                f"  {shown}: „{figure.typed}“ statt des Platzhalters {figure.placeholder} "
                f"(beim Erstellen {figure.built}); bleibt als getippte Zahl stehen"
            )
        else:
            yield (
                f"  {shown}: der Platzhalter {figure.placeholder} (beim Erstellen "
                f"{figure.built}) ist nicht mehr im Text – gelöscht oder überschrieben"
            )
    yield from (f"  {shown}: „{number}“ von Hand getippt" for shown, number in hand)
    yield from _not_taken_over(result)
    for change in result.changes:
        for item in change.accepted:
            yield f"Als angenommen übernommen in {change.shown}: {_pending(item)}"


def _not_taken_over(result: Takeover) -> Iterator[str]:
    lines = [
        f"{edit.place}: {edit.what}" + (f" – „{edit.excerpt}“" if edit.excerpt else "")
        for edit in result.outside
    ]
    for change in result.changes:
        lines += [f"{change.shown}, Absatz {n}: {what}" for n, what in change.left_out]
        if change.lost_notes:
            notes = count(change.lost_notes, "Notiz", "Notizen")
            lines.append(f"{change.shown}: {notes} <!-- … --> in geänderten Absätzen entfallen")
    lines += [f"{shown}: Text im Word-Dokument nicht gefunden" for shown in result.missing]
    if not lines:
        return
    yield f"Nicht übernommen ({len(lines)}) – das DOCX entsteht beim nächsten Erstellen neu:"
    yield from (f"  {line}" for line in lines)
    if result.by_bookmarks:
        yield (
            "Hinweis: Die Felder der Texte fehlen im DOCX (mit LibreOffice gespeichert); die "
            "Texte wurden an ihren Textmarken erkannt."
        )


def _pending(item: Pending) -> str:
    who = ", ".join(filter(None, (item.author, item.date)))
    return f"{item.kind}{f' ({who})' if who else ''}: „{_short(item.excerpt)}“"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_markdown(result: Takeover) -> str:
    """The diff as Markdown: each revised text's file before and after, each conflict's file
    beside the Word version."""
    out = [f"# Übernahme aus {result.word.name}", ""]
    for before, after, title, names in _pairs(result):
        diff = difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), *names
        )
        out += [f"## {title}", "", "```diff", "".join(diff).rstrip("\n"), "```", ""]
    return "\n".join(out)


def diff_html(result: Takeover) -> str:
    """The diff as a web page: each text side by side, changes marked."""
    differ = difflib.HtmlDiff(wrapcolumn=80)
    sections = [
        f"<h2>{html.escape(title)}</h2>\n"
        + differ.make_table(before.splitlines(), after.splitlines(), *names, context=True)
        for before, after, title, names in _pairs(result)
    ]
    title = html.escape(f"Übernahme aus {result.word.name}")
    style = (
        "table.diff{font-family:monospace;border-collapse:collapse}"
        ".diff_add{background:#d7f5dc}.diff_chg{background:#fff3c4}.diff_sub{background:#fbd9d9}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{style}</style></head><body><h1>{title}</h1>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def _pairs(result: Takeover) -> Iterator[tuple[str, str, str, tuple[str, str]]]:
    for change in result.changes:
        names = (f"{change.shown} (vorher)", f"{change.shown} (übernommen)")
        yield change.old or "", change.new, change.shown, names
    for conflict in result.conflicts:
        current = conflict.path.read_text(encoding="utf-8") if conflict.path.exists() else ""
        names = (f"{conflict.shown} (Datei jetzt)", f"{conflict.shown} (Word-Fassung)")
        yield current, conflict.word + "\n", f"Konflikt: {conflict.shown}", names
