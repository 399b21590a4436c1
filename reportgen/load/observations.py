"""One Open SDG indicator table (``data/indicator_G-T-I.csv``) → a tidy pandas frame.

The frame keeps the CSV's breakdown columns and adds internal columns (constants below):
period label and sort key, value, unit, series, area code, region key and level, sign of the
Zeichenerklärung, flag text and the CSV line each observation came from.

Nothing the reader is unsure about passes silently: a row the CSV parser would misread
(``reportgen.load.csvcells``), a value that is not a finite, plausible number
(``reportgen.load.values``) and two rows that say different things about the same observation
(here) are errors with file, line and column. Every problem of a file is collected, not only
the first.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.errors import Location, Problem, Severity
from reportgen.load.csvcells import (
    check_widths,
    read_careful,
    read_fast,
    required_columns,
    unique_columns,
)
from reportgen.load.defects import Rule
from reportgen.load.findings import Findings
from reportgen.load.periods import parse_period
from reportgen.load.regions import geo_level, region_key
from reportgen.load.signs import UNKNOWN
from reportgen.load.values import EXCEL_ERRORS, apply_flags, parse_values

SPECIAL_COLUMNS = ("Year", "Value", "Units", "Series", "GeoCode")
_ATTRIBUTE_COLUMN = re.compile(r"^(COMMENT_OBS|OBS_[A-Z_]+|COMMENT_[A-Z_]+)$", re.I)

# Internal column names of an indicator frame; dimension columns keep their CSV names.
PERIOD, KEY, YEAR, VALUE, UNIT, SERIES = "_period", "_key", "_year", "_value", "_unit", "_series"
GEO, REGION, LEVEL, SIGN, FLAG, LINE = "_geo", "_region", "_level", "_sign", "_flag", "_line"


def load_table(
    path: Path,
    text: str,
    flag_overrides: Mapping[str, str],
    problems: list[Problem],
    subject: str = "",
    discard: Collection[int] = (),
) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """Read one indicator table into a tidy frame with internal columns (see module constants).

    ``text`` is the decoded file; ``subject`` (the indicator id) lets a project accept defects;
    ``discard``: lines the project declared wrong (one of two conflicting rows), not read.
    Returns None when the table cannot be read at all or holds no observation.
    """
    findings = Findings(path, subject, problems)
    cells = read_fast(text) or read_careful(text, findings)
    if cells is None:
        return None
    header = cells.header
    if not any(header):
        findings.add(
            "empty",
            "Die Datendatei ist leer.",
            1,
            hint="Eine Indikatortabelle hat eine Kopfzeile (Year, …, Value) und Werte.",
            rule=Rule.EMPTY_TABLE,
        )
        return None
    names = [name for name in header if name]
    if not required_columns(names, findings) or not unique_columns(names, header, findings):
        return None
    check_widths(cells, findings)
    if cells.rows.empty:
        findings.add(
            "empty",
            "Die Datendatei enthält nur die Kopfzeile, keine Werte.",
            1,
            hint="Ergänzen Sie die Werte oder entfernen Sie den Indikator samt Metadaten.",
            rule=Rule.EMPTY_TABLE,
        )
        return None
    raw = cells.rows.iloc[:, [i for i, name in enumerate(header) if name]]
    raw.columns = names
    lines = cells.lines
    attributes = [n for n in names if _ATTRIBUTE_COLUMN.match(n)]
    dimensions = tuple(n for n in names if n not in SPECIAL_COLUMNS and n not in attributes)

    values, signs = parse_values(raw["Value"], lines, header.index("Value") + 1, findings)
    _check_periods(raw["Year"], lines, header.index("Year") + 1, findings)
    flags = (
        raw[attributes].agg(" ".join, axis=1).str.strip()
        if attributes
        else pd.Series([""] * len(raw), index=raw.index)
    )
    signs = apply_flags(flags, signs, flag_overrides, lines, findings)
    geocodes = raw["GeoCode"] if "GeoCode" in raw else pd.Series([""] * len(raw), index=raw.index)
    geocodes = geocodes.where(~geocodes.str.upper().isin(EXCEL_ERRORS), "")
    frame = raw[list(dimensions)].copy()
    frame[PERIOD] = raw["Year"]
    frame[VALUE] = values
    frame[UNIT] = raw.get("Units", "")
    frame[SERIES] = raw.get("Series", "")
    frame[GEO] = geocodes
    frame[SIGN] = signs
    frame[FLAG] = flags
    frame[LINE] = lines
    frame = _discard(frame, discard, findings)
    frame = _drop_duplicates(frame, dimensions, findings)
    labels = list(dict.fromkeys(frame[PERIOD]))
    periods = {label: parse_period(label, position) for position, label in enumerate(labels)}
    frame[KEY] = frame[PERIOD].map({k: p.sort_key for k, p in periods.items()}).astype(float)
    frame[YEAR] = frame[PERIOD].map({k: p.year for k, p in periods.items()})
    frame[PERIOD] = frame[PERIOD].map({k: p.label for k, p in periods.items()})
    codes = {code: (region_key(code), geo_level(code)) for code in frame[GEO].unique()}
    frame[REGION] = frame[GEO].map({code: key for code, (key, _) in codes.items()})
    frame[LEVEL] = frame[GEO].map({code: level for code, (_, level) in codes.items()})
    return frame.reset_index(drop=True), dimensions


def _check_periods(periods: pd.Series, lines: pd.Series, column: int, findings: Findings) -> None:
    for position in np.flatnonzero((periods == "").to_numpy()):
        findings.add(
            "period",
            "Die Zeile hat keinen Zeitraum (Spalte „Year“ ist leer).",
            int(lines.iloc[position]),
            column,
            "Tragen Sie das Jahr oder den Zeitraum ein, z. B. 2024 oder WS 2023/24.",
        )
    findings.summarise("period", "ohne Zeitraum")


# --- duplicates ------------------------------------------------------------------------------


def _discard(frame: pd.DataFrame, lines: Collection[int], findings: Findings) -> pd.DataFrame:
    """Rows the project declared wrong are left out, and listed (as accepted defects)."""
    if not lines:
        return frame
    wrong = frame[LINE].isin(set(lines))
    for line in frame.loc[wrong, LINE]:
        findings.problems.append(
            Problem(
                "Die Zeile wird nicht gelesen (als falsche von zwei widersprüchlichen Zeilen "
                "angegeben).",
                Location(findings.path, int(line)),
                rule=Rule.CONFLICTING_ROWS,
                subject=findings.subject,
            )
        )
    return frame[~wrong]


def _drop_duplicates(
    frame: pd.DataFrame, dimensions: tuple[str, ...], findings: Findings
) -> pd.DataFrame:
    """Identical repeated rows are dropped with a warning; rows that repeat an observation
    (period × every breakdown × area) with another value are an error: nobody can tell which
    value holds, so the observation becomes unknown (".") until the data or the project's
    ``bekannte_datenfehler`` (which line is wrong) say it.
    """
    keys = [*dimensions, PERIOD, UNIT, SERIES, GEO]
    if not frame.duplicated(subset=keys).any():
        return frame  # no observation twice (nor any row twice): the usual table
    identical = frame.duplicated(subset=[*keys, VALUE, SIGN, FLAG], keep="first")
    if identical.any():
        first_line = int(frame.loc[identical, LINE].iloc[0])
        findings.problems.append(
            Problem(
                (
                    "1 Zeile wiederholt eine andere Zeile genau; sie wird einmal gezählt."
                    if identical.sum() == 1
                    else f"{int(identical.sum())} Zeilen wiederholen andere Zeilen genau; "
                    "sie werden einmal gezählt."
                ),
                Location(findings.path, first_line),
                severity=Severity.WARNING,
                rule=Rule.IDENTICAL_ROWS,
                subject=findings.subject,
            )
        )
        frame = frame[~identical]
    repeated = frame.duplicated(subset=keys, keep=False)
    if not repeated.any():
        return frame
    groups = frame[repeated].groupby(keys, sort=False, dropna=False)[[LINE, VALUE, SIGN]]
    for _, rows in groups:
        first = rows.iloc[0]
        for _, later in rows.iloc[1:].iterrows():
            findings.add(
                "conflict",
                f"Die Zeile wiederholt Zeitraum, Merkmale und Gebiet von Zeile {int(first[LINE])}"
                f" mit anderem Wert ({_shown(later)} statt {_shown(first)}).",
                int(later[LINE]),
                hint="Welche der beiden gilt? Berichtigen Sie die Daten, oder nennen Sie in "
                "reportgen.yml unter „bekannte_datenfehler“ die falsche Zeile (regel: "
                "widerspruechliche-zeilen, zeilen: [...]).",
                rule=Rule.CONFLICTING_ROWS,
            )
    findings.summarise("conflict", "widersprüchliche Wiederholungen")
    kept = frame[~frame.duplicated(subset=keys, keep="first")].copy()
    unknown = kept.index.isin(frame[repeated].drop_duplicates(subset=keys).index)
    kept.loc[unknown, VALUE] = np.nan
    kept.loc[unknown, SIGN] = UNKNOWN
    return kept


def _shown(row: pd.Series) -> str:
    value = row[VALUE]
    if isinstance(value, float) and np.isnan(value):
        return row[SIGN] or "leer"
    return f"{value:g}"
