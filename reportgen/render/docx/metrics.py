"""How wide text in the template's font (Arial) is, to size table columns without Word.

Advance widths in thousandths of an em, as Arial has them (Liberation Sans, which LibreOffice
shows for Arial, has the same metrics). A character not listed counts as a full em, so an
estimate is never too narrow.
"""

from __future__ import annotations

from docx.shared import Length, Pt

_REGULAR = {
    191: "'",
    222: "ijl‚‘’",
    260: "|",
    278: " !,./:;I[\\]ft\u00a0",
    333: "()-`r·„“”²³",
    334: "{}",
    355: '"',
    389: "*",
    400: "°",
    469: "^",
    500: "Jcksvxyzç",
    549: "±÷",
    556: "#$0123456789?L_abdeghnopquäöüéèáà–«»€§",
    576: "µ",
    584: "+<=>~×−",
    611: "FTZß",
    667: "&ABEKPSVXYÄ",
    722: "CDHNRUwÜ",
    778: "GOQÖ",
    833: "Mm",
    889: "%",
    944: "W",
    1000: "—…",
    1015: "@",
}
_BOLD = {
    238: "'",
    278: " ,./I\\ijl‚‘’\u00a0",
    280: "|",
    333: "!()-:;[]`ft·²³",
    389: "*r{}",
    400: "°",
    474: '"',
    500: "z„“”",
    549: "±÷",
    556: "#$0123456789J_aceksvxyäéèáàç–«»€§",
    576: "µ",
    584: "+<=>^~×−",
    611: "?FLTZbdghnopquöüß",
    667: "EPSVXY",
    722: "&ABCDHKNRUÄÜ",
    778: "GOQwÖ",
    833: "M",
    889: "%m",
    944: "W",
    975: "@",
    1000: "—…",
}
_WIDTHS = {
    bold: {character: width for width, characters in table.items() for character in characters}
    for bold, table in ((False, _REGULAR), (True, _BOLD))
}
_UNKNOWN = 1000


def text_width(text: str, size: float, bold: bool = False) -> Length:
    """The width of ``text`` set on one line in Arial at ``size`` points."""
    widths = _WIDTHS[bold]
    thousandths = sum(widths.get(character, _UNKNOWN) for character in text)
    return Length(Pt(thousandths * size / 1000))
