"""The areas of all indicators checked together: codes and names that contradict each other.

A table names its areas by code (``GeoCode``) and often by name too (``Gebietseinheit``);
across all tables each code should stand for one area and each name for one code. One rule
decides everywhere: names compare as a reader compares them, and the pairing of code and name
with the most rows across all tables wins. It says which rows are ambiguous, which name a region
gets and which code a row without one gets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from reportgen.errors import Location, Problem
from reportgen.load.dataset import Indicator
from reportgen.load.defects import Rule
from reportgen.load.observations import GEO, LEVEL, LINE, REGION
from reportgen.load.regions import geo_level

AREA_NAME_COLUMNS = ("Gebietseinheit",)
"""Breakdown columns that carry the name of the area a row's GeoCode stands for."""

Pairs = Counter[tuple[str, str]]
"""(region key, area name as written) → number of rows, of one table."""


def _name_column(frame: pd.DataFrame) -> str | None:
    return next((c for c in AREA_NAME_COLUMNS if c in frame.columns), None)


def _name_key(name: str) -> str:
    """Names compare as a reader compares them: "Emden  Stadt" is "Emden, Stadt"."""
    return " ".join(sorted(re.findall(r"\w+", name.casefold())))


def _area_pairs(indicator: Indicator) -> Pairs:
    column = _name_column(indicator.frame)
    if column is None:
        return Counter()
    frame = indicator.frame
    rows = frame.loc[(frame[REGION] != "") & (frame[column] != ""), [REGION, column]]
    counts = rows.value_counts()  # most rows first
    return Counter(
        {
            (str(key), str(name)): int(count)
            for key, name, count in zip(
                counts.index.get_level_values(0),
                counts.index.get_level_values(1),
                counts.to_numpy(),
                strict=True,
            )
        }
    )


def _most_common(counts: Counter[str]) -> str:
    return max(sorted(counts), key=lambda item: counts[item])


@dataclass(frozen=True)
class AreaNames:
    """The rule applied to all tables: the usual name of each region key and the usual key of
    each name (compared by :func:`_name_key`)."""

    names: dict[str, str]
    """Region key → its usual name, in the spelling most rows use."""
    codes: dict[str, str]
    """Name (compared as a reader compares it) → the region key it usually stands for."""

    @classmethod
    def of(cls, tables: Iterable[Pairs]) -> AreaNames:
        spellings: dict[str, Counter[str]] = {}
        code_names: dict[str, Counter[str]] = {}
        name_codes: dict[str, Counter[str]] = {}
        for pairs in tables:
            for (key, name), rows in pairs.items():
                spellings.setdefault(key, Counter())[name] += rows
                code_names.setdefault(key, Counter())[_name_key(name)] += rows
                name_codes.setdefault(_name_key(name), Counter())[key] += rows
        names = {}
        for key, written in spellings.items():
            usual = _most_common(code_names[key])
            names[key] = _most_common(
                Counter({n: rows for n, rows in written.items() if _name_key(n) == usual})
            )
        return cls(names, {name: _most_common(keys) for name, keys in name_codes.items()})

    def infer_missing_geocodes(self, frame: pd.DataFrame) -> None:
        """Rows without GeoCode get the region whose name they carry elsewhere in the data."""
        column = _name_column(frame)
        if column is None:
            return
        missing = frame[REGION] == ""
        if missing.any():
            inferred = frame.loc[missing, column].map(
                lambda n: self.codes.get(_name_key(str(n)), "")
            )
            frame.loc[missing, REGION] = inferred
            frame.loc[missing, LEVEL] = inferred.map(geo_level)


def check_area_codes(indicators: Iterable[Indicator]) -> tuple[list[Problem], AreaNames]:
    """A row whose code stands for another area elsewhere, and whose name belongs to another
    code elsewhere, is ambiguous: one of them is wrong. Its rows get the code of their name
    (what happens when the project accepts the defect); without acceptance it is an error.

    Returns the problems and the names of the areas after that correction.
    """
    indicators = list(indicators)
    pairs = {indicator.id: _area_pairs(indicator) for indicator in indicators}
    usual = AreaNames.of(pairs.values())
    problems = []
    for indicator in indicators:
        column = _name_column(indicator.frame)
        for (key, name), rows in list(pairs[indicator.id].items()):
            name_key = _name_key(name)
            if _name_key(usual.names[key]) == name_key or usual.codes[name_key] == key:
                continue
            other = usual.codes[name_key]
            assert column is not None
            mask = (indicator.frame[REGION] == key) & (indicator.frame[column] == name)
            first = indicator.frame.loc[mask].sort_values(LINE).iloc[0]
            rows_text = "1 Zeile trägt" if rows == 1 else f"{rows} Zeilen tragen"
            problems.append(
                Problem(
                    f"{rows_text} den Gebietscode „{first[GEO]}“ mit dem Namen „{name}“; in "
                    f"den übrigen Daten gehört der Code zu einem anderen Gebiet und der Name "
                    f"zum Gebietsschlüssel {other}.",
                    Location(indicator.csv_path, int(first[LINE])),
                    "Berichtigen Sie Code oder Namen. Als bekannter Datenfehler aufgenommen, "
                    f"erhalten die Zeilen den Gebietsschlüssel {other} ihres Namens.",
                    rule=Rule.AREA_CODE,
                    subject=indicator.id,
                )
            )
            indicator.frame.loc[mask, REGION] = other
            indicator.frame.loc[mask, LEVEL] = geo_level(other)
            pairs[indicator.id][other, name] += pairs[indicator.id].pop((key, name))
    # the corrected rows count for the code of their name
    return problems, (AreaNames.of(pairs.values()) if problems else usual)
