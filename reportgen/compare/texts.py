"""Which editorial texts name an indicator of the comparison, and which to revise first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import count
from reportgen.load.textblocks import TextBlock, TextKind, load_texts

if TYPE_CHECKING:
    from reportgen.compare.editions import IndicatorDiff


@dataclass(frozen=True)
class Mention:
    path: Path
    lines: tuple[int, ...]  # empty for an indicator's own text that does not name it


@dataclass(frozen=True)
class TextTask:
    """A text to revise first, with the reasons why."""

    path: Path
    lines: tuple[int, ...]
    reasons: tuple[str, ...]


def text_blocks(folder: Path | None) -> tuple[tuple[TextBlock, ...], list[str]]:
    """The project's text blocks, and notes when there are none to check."""
    if folder is None:
        return (), ["Kein Projekt angegeben: die Texte wurden nicht geprüft."]
    if not folder.is_dir():
        return (), [f"Der Textordner {folder} fehlt: die Texte wurden nicht geprüft."]
    library, problems = load_texts(folder)
    broken = sum(1 for p in problems if p.is_error)
    notes = [f"{broken} Textbaustein(e) nicht lesbar und nicht geprüft (reportgen check)."]
    return library.all(), notes if broken else []


def mentions(indicator_id: str, number: str, blocks: Sequence[TextBlock]) -> tuple[Mention, ...]:
    """The indicator's own text first, then every text naming its number or its quoted id."""
    pattern = re.compile(
        rf"[\"']{re.escape(indicator_id)}[\"']|(?<![\d.]){re.escape(number)}(?!\.?\d)"
    )
    own: list[Mention] = []
    others: list[Mention] = []
    for block in blocks:
        lines = enumerate(block.body.split("\n"), start=block.body_line)
        mention = Mention(block.path, tuple(n for n, line in lines if pattern.search(line)))
        if block.kind == TextKind.INDICATOR and block.key == indicator_id:
            own.append(mention)
        elif mention.lines:
            others.append(mention)
    return (*own, *others)


def tasks(
    removed: Iterable[IndicatorDiff], changed: Iterable[IndicatorDiff]
) -> tuple[TextTask, ...]:
    """Texts naming an indicator that was removed, revised, re-broken-down or moved notably."""
    found: dict[Path, tuple[set[int], list[str]]] = {}
    reasons = [(d, "entfällt") for d in removed]
    for diff, reason in reasons + [(d, _reason(d)) for d in changed]:
        for mention in diff.texts if reason else ():
            lines, texts = found.setdefault(mention.path, (set(), []))
            lines.update(mention.lines)
            texts.append(f"{diff.number}: {reason}")
    return tuple(TextTask(p, tuple(sorted(ls)), tuple(t)) for p, (ls, t) in sorted(found.items()))


def _reason(diff: IndicatorDiff) -> str:
    parts = [
        f"letzter Wert {diff.move.change}" if diff.move and diff.move.notable else "",
        count(diff.revised, "Wert revidiert", "Werte revidiert") if diff.revised else "",
        "Gliederung geändert" if diff.breakdown else "",
    ]
    return ", ".join(p for p in parts if p)
