"""The areas of all indicators checked together: codes and names that contradict each other.

A table names its areas by code (``GeoCode``) and often by name too (``Gebietseinheit``);
across all tables each code should stand for one area and each name for one code. The most
common pairing decides which name a region gets and which code a row without one gets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from reportgen.errors import Location, Problem
from reportgen.load.dataset import Indicator
from reportgen.load.defects import Rule
from reportgen.load.observations import GEO, LEVEL, LINE, REGION
from reportgen.load.regions import geo_level

AREA_NAME_COLUMNS = ("Gebietseinheit",)
"""Breakdown columns that carry the name of the area a row's GeoCode stands for."""


def _name_column(frame: pd.DataFrame) -> str | None:
    return next((c for c in AREA_NAME_COLUMNS if c in frame.columns), None)


def _name_key(name: str) -> str:
    """Names compare as a reader compares them: "Emden  Stadt" is "Emden, Stadt"."""
    return " ".join(sorted(re.findall(r"\w+", name.casefold())))


def _area_pairs(indicator: Indicator) -> pd.DataFrame:
    """Distinct (region key, area name) pairs of a table with their number of rows."""
    column = _name_column(indicator.frame)
    if column is None:
        return pd.DataFrame(columns=[REGION, column or "", "rows"])
    rows = indicator.frame.loc[
        (indicator.frame[REGION] != "") & (indicator.frame[column] != ""), [REGION, column]
    ]
    return rows.value_counts().rename("rows").reset_index()


def check_area_codes(indicators: Iterable[Indicator]) -> list[Problem]:
    """A row whose code stands for another area elsewhere, and whose name belongs to another
    code elsewhere, is ambiguous: one of them is wrong. Its rows get the code of their name
    (what happens when the project accepts the defect); without acceptance it is an error.
    """
    indicators = list(indicators)
    pairs = {indicator.id: _area_pairs(indicator) for indicator in indicators}
    code_names: dict[str, Counter[str]] = {}
    name_codes: dict[str, Counter[str]] = {}
    for table in pairs.values():
        for key, name, rows in table.itertuples(index=False):
            code_names.setdefault(key, Counter())[_name_key(name)] += rows
            name_codes.setdefault(_name_key(name), Counter())[key] += rows
    usual_name = {key: _most_common(names) for key, names in code_names.items()}
    usual_code = {name: _most_common(codes) for name, codes in name_codes.items()}
    problems = []
    for indicator in indicators:
        column = _name_column(indicator.frame)
        for key, name, rows in pairs[indicator.id].itertuples(index=False):
            name_key = _name_key(name)
            if usual_name[key] == name_key or usual_code[name_key] == key:
                continue
            other = usual_code[name_key]
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
    return problems


def _most_common(counts: Counter[str]) -> str:
    return max(sorted(counts), key=lambda item: counts[item])


def region_names(indicators: Iterable[Indicator]) -> dict[str, str]:
    """Region key → the name most often used for it across all indicators."""
    counts: dict[str, Counter[str]] = {}
    for indicator in indicators:
        for key, name, _ in _area_pairs(indicator).itertuples(index=False):
            counts.setdefault(key, Counter())[name] += 1
    return {key: max(names, key=lambda n: (names[n], -len(n))) for key, names in counts.items()}


def infer_missing_geocodes(frame: pd.DataFrame, names: Mapping[str, str]) -> None:
    """Rows without GeoCode get the region whose name they carry elsewhere in the data."""
    column = _name_column(frame)
    if column is None:
        return
    by_name = {name: key for key, name in names.items()}
    missing = frame[REGION] == ""
    if missing.any():
        inferred = frame.loc[missing, column].map(lambda n: by_name.get(n, ""))
        frame.loc[missing, REGION] = inferred
        frame.loc[missing, LEVEL] = inferred.map(geo_level)
