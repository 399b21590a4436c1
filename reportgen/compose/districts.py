"""The districts of a data folder (Landkreise, kreisfreie Städte, Regionen) and their names.

What a district is comes from the configuration (``steckbrief: gebietsarten``) or, where that
says nothing, from the data's official name: the Gemeindeverzeichnis names a kreisfreie Stadt
"Braunschweig, Stadt" and a Kommunalverband "Region Hannover"; any other name is a Landkreis.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from reportgen.load.config_entries import DistrictKind
from reportgen.load.opensdg import LEVEL, REGION, Dataset
from reportgen.load.regions import Level


@dataclass(frozen=True)
class District:
    key: str
    """Region key without map prefix, e.g. ``03355``."""
    name: str
    kind: str
    """"Landkreis", "kreisfreie Stadt" or "Region"."""
    display: str
    """Name as in a title: "Landkreis Lüneburg", "Stadt Braunschweig"."""

    @property
    def code(self) -> str:
        return f"K{self.key}"

    @property
    def file_stem(self) -> str:
        """``K03355_Lueneburg``: safe on every file system."""
        return f"{self.code}_{safe_name(self.name)}"


def safe_name(name: str) -> str:
    text = name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def districts(
    dataset: Dataset, kinds: Mapping[str, DistrictKind] | None = None
) -> tuple[District, ...]:
    """Every district (Landkreis, kreisfreie Stadt, Region) that has data, in code order;
    ``kinds`` by code (``K03241`` or ``03241``) where the names do not say it."""
    configured = {code.upper().removeprefix("K"): kind for code, kind in (kinds or {}).items()}
    keys = sorted(
        {
            key
            for indicator in dataset.indicators.values()
            for key in indicator.frame.loc[indicator.frame[LEVEL] == Level.DISTRICT, REGION]
        }
    )
    return tuple(
        _district(key, dataset.region_names.get(key, key), configured.get(key)) for key in keys
    )


def _district(key: str, name: str, kind: DistrictKind | None) -> District:
    base = name.removesuffix(", Stadt")
    if kind is None:
        if name.endswith(", Stadt"):
            kind = DistrictKind.CITY
        elif name.startswith("Region "):
            kind = DistrictKind.REGION
        else:
            kind = DistrictKind.DISTRICT
    match kind:
        case DistrictKind.CITY:
            display = f"Stadt {base}"
        case DistrictKind.REGION:
            display = base if base.startswith("Region ") else f"Region {base}"
        case _:
            display = f"{kind.value} {base}"
    return District(key, name, kind.value, display)


def land_key(dataset: Dataset, district_key: str) -> str | None:
    """The Land a district belongs to: the land-level code that shares its state digits."""
    for key in sorted(dataset.region_names):
        if key[:2] == district_key[:2] and len(key) <= 3 and key.endswith("0"):
            return key
    return None
