"""One visual language: a series keeps its look (colour, marker, line style) in every chart of
a publication. The Land (or a total) is the emphasised reference; the group a report is about
and its reference group always take the same pair of looks; the statistical regions each
their own; everything else takes the next free look of its chart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportgen.compose.selection import TOTAL, Series, norm
from reportgen.load.regions import Level

LAND_LOOK = 0
GROUP_LOOK = 1
"""The group the report is about: "mit Migrationshintergrund", "Ausländer…", "Frauen"."""
REFERENCE_LOOK = 2
"""Its reference: "ohne Migrationshintergrund", "Deutsche", "Männer"."""
FIRST_REGION_LOOK = 3
REGION_LOOKS = 4

_FEMALE = re.compile(r"^(frauen|weiblich|weibl\.)$")
_MALE = re.compile(r"^(männer|männlich|männl\.)$")
_GROUP = re.compile(r"^(mit\b.*(migration|zuwanderung)|ausländer|ausländisch)")
_REFERENCE = re.compile(r"^(ohne\b.*(migration|zuwanderung)|deutsche\b)")


def look_of(series: Series) -> tuple[int | None, bool]:
    """The look a series takes wherever it appears, and whether it is emphasised."""
    label = norm(series.label)
    if series.level == Level.LAND or (not series.level and TOTAL.match(label)):
        return LAND_LOOK, True
    if series.level == Level.REGION and series.region[-1:].isdigit():
        return FIRST_REGION_LOOK + int(series.region[-2:]) % REGION_LOOKS, False
    if _FEMALE.match(label) or (_GROUP.match(label) and not _REFERENCE.match(label)):
        return GROUP_LOOK, False
    if _MALE.match(label) or _REFERENCE.match(label):
        return REFERENCE_LOOK, False
    return None, False


def looks_of(series: Sequence[Series]) -> list[tuple[int | None, bool]]:
    """The looks of a chart's series: bound looks, unless two series of the chart claim the
    same one (the later one then takes a free look)."""
    taken: set[int] = set()
    result: list[tuple[int | None, bool]] = []
    for each in series:
        look, emphasis = look_of(each)
        if look is not None and look in taken:
            look, emphasis = None, False
        if look is not None:
            taken.add(look)
        result.append((look, emphasis))
    return result
