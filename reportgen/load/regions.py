"""Regional levels from official area codes (AGS with an Open SDG prefix such as K, RH, MZ).

Aggregates (Land, statistical regions, parts of a district) sit next to districts in the same
tables; they are told apart by code, never by summing.
"""

from __future__ import annotations

import re
from enum import StrEnum

_CODE = re.compile(r"^(K|RH|MZ|AGS)?(\d+)$", re.I)


class Level(StrEnum):
    LAND = "land"
    REGION = "region"
    DISTRICT = "district"
    PART = "part"
    OTHER = "other"
    UNKNOWN = ""


def region_key(geocode: str) -> str:
    """A code independent of the map layer prefix: ``K03355`` and ``RH03355`` → ``03355``."""
    code = geocode.strip()
    match = _CODE.match(code)
    return match.group(2) if match else code


def geo_level(code: str) -> str:
    """The level of a GeoCode or region key; codes that are not AGS count as OTHER."""
    if not code:
        return Level.UNKNOWN
    match = _CODE.match(code.strip())
    if not match:
        return Level.OTHER
    digits = match.group(2)
    if len(digits) == 2 or (len(digits) == 3 and digits.endswith("0")):
        return Level.LAND
    if len(digits) == 3:
        return Level.REGION
    if len(digits) == 5:
        return Level.DISTRICT
    if len(digits) in (8, 9, 12):
        # 9/12 digits: municipality or part of a district; 8 digits: merged district codes
        return Level.PART if len(digits) != 8 else Level.OTHER
    return Level.OTHER
