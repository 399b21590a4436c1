"""How the book is bound: the spine width of a perfect-bound cover from the page count and the
paper, whether the spine takes a title, and what the print shop must hear about the binding."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportgen.compose.formatting import format_number
from reportgen.printing.setup import Binding

MIN_SPINE_MM = 3.0
"""Below about 3 mm a perfect-bound spine does not hold; print shops then staple."""
FOLD_MARGIN_MM = 1.5
"""Spine text keeps this far from each fold: the cover may shift by about a millimetre."""
SPINE_FONT_MAX_PT = 11.0
SPINE_FONT_MIN_PT = 6.0
PT_PER_MM = 72 / 25.4
CHARACTER_WIDTH_EM = 0.55
"""Mean advance of a character of the (semibold) sans serif, in em: a safe estimate."""


@dataclass(frozen=True)
class Spine:
    """The spine of a cover: its width and what it carries."""

    width_mm: float
    pages: int
    computed: bool
    """Computed from pages and paper (else the print shop's width was given)."""
    font_pt: float
    """Size of the spine text; 0 when the spine is too narrow for text."""
    texts: tuple[str, ...]
    """Title and, when it fits, publisher; empty when the spine carries nothing."""
    note: str


def spine_width_mm(pages: int, paper_mm: float) -> float:
    """Pages ÷ 2 sheets × thickness of one sheet, to a tenth of a millimetre."""
    return round(math.ceil(pages / 2) * paper_mm, 1)


def plan_spine(pages: int, binding: Binding, title: str, publisher: str, length_mm: float) -> Spine:
    """The spine for ``pages`` pages: its width, the text size the width allows and which of
    title and publisher fit along ``length_mm`` (the spine's length left for text)."""
    computed = binding.spine_mm is None
    width = (
        spine_width_mm(pages, binding.paper_mm) if binding.spine_mm is None else binding.spine_mm
    )
    font = min(SPINE_FONT_MAX_PT, (width - 2 * FOLD_MARGIN_MM) * 0.8 * PT_PER_MM)
    paper = str(binding.paper_mm).replace(".", ",")
    basis = (
        f"{pages} Seiten = {math.ceil(pages / 2)} Blatt × {paper} mm"
        if computed
        else "Angabe der Druckerei (druck: rueckenbreite_mm)"
    )
    texts: tuple[str, ...] = ()
    if font >= SPINE_FONT_MIN_PT:
        fits = [t for t in ((title, publisher), (title,)) if _length_mm(t, font) <= length_mm]
        texts = fits[0] if fits else ()
    if texts:
        shown = "Titel und Herausgeber" if len(texts) == 2 else "Titel"
        note = f"Rücken {_mm(width)} mm ({basis}), Rückentitel: {shown}, {_mm(font)} pt"
    else:
        why = "zu schmal" if font < SPINE_FONT_MIN_PT else "Titel zu lang"
        font = 0.0
        note = f"Rücken {_mm(width)} mm ({basis}), ohne Rückentitel ({why})"
    return Spine(width, pages, computed, round(font, 1), texts, note)


def _length_mm(texts: tuple[str, ...], font_pt: float) -> float:
    characters = sum(len(text) for text in texts) + 6 * (len(texts) - 1)  # gap between them
    return characters * CHARACTER_WIDTH_EM * font_pt / PT_PER_MM


def binding_findings(pages: int, binding: Binding) -> tuple[list[str], list[str]]:
    """Notes and warnings about binding a book of ``pages`` pages as configured."""
    if binding.cover:
        width = binding.spine_mm or spine_width_mm(pages, binding.paper_mm)
        notes = ["Bindung:            Klebebindung, Umschlag als eigene Datei (…-umschlag.pdf)"]
        if width < MIN_SPINE_MM:
            return notes, [
                f"Rücken nur {_mm(width)} mm: für Klebebindung meist zu dünn (mindestens etwa "
                f"{_mm(MIN_SPINE_MM)} mm); mit der Druckerei klären oder Rückstichheftung wählen."
            ]
        return notes, []
    if pages > binding.saddle_max_pages:
        return ["Bindung:            nicht festgelegt (kein Umschlag)"], [
            f"{pages} Seiten lassen sich nicht rückstichheften (Rückstichheftung bis etwa "
            f"{binding.saddle_max_pages} Seiten, druck: rueckstich_max_seiten): Klebebindung "
            "mit eigenem Umschlag wählen (druck: umschlag: true oder --umschlag)."
        ]
    if pages % 4:
        return ["Bindung:            Rückstichheftung"], [
            f"{pages} Seiten: Rückstichheftung braucht ein Vielfaches von vier "
            "(druck: vielfaches_von_vier: true oder --vielfaches-von-vier)."
        ]
    return ["Bindung:            Rückstichheftung möglich"], []


def _mm(value: float, digits: int = 1) -> str:
    return format_number(value, digits)
