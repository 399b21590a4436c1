"""One Open SDG indicator table (``data/indicator_G-T-I.csv``) → a tidy pandas frame.

The frame keeps the CSV's breakdown columns and adds internal columns (constants below):
period label and sort key, value, unit, series, area code, region key and level, sign of the
Zeichenerklärung, flag text and the CSV line each observation came from.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.errors import Location, Problem, did_you_mean
from reportgen.periods import parse_period
from reportgen.regions import geo_level, region_key
from reportgen.signs import resolve_flag, sign_in_value_cell
from reportgen.yamlfile import read_text

SPECIAL_COLUMNS = ("Year", "Value", "Units", "Series", "GeoCode")
_ATTRIBUTE_COLUMN = re.compile(r"^(COMMENT_OBS|OBS_[A-Z_]+|COMMENT_[A-Z_]+)$", re.I)
_EXCEL_ERRORS = {
    "#NV",
    "#N/A",
    "#NA",
    "#WERT!",
    "#VALUE!",
    "#DIV/0!",
    "#BEZUG!",
    "#REF!",
    "#NAME?",
    "#ZAHL!",
    "#NUM!",
    "#NULL!",
    "#LEER!",
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

# Internal column names of an indicator frame; dimension columns keep their CSV names.
PERIOD, KEY, YEAR, VALUE, UNIT, SERIES = "_period", "_key", "_year", "_value", "_unit", "_series"
GEO, REGION, LEVEL, SIGN, FLAG, LINE = "_geo", "_region", "_level", "_sign", "_flag", "_line"


def load_table(
    path: Path, flag_overrides: Mapping[str, str], problems: list[Problem]
) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """Read one indicator table into a tidy frame with internal columns (see module constants)."""
    text = read_text(path)
    table = _read_fast(text) or _read_slow(text, path, problems)
    if table is None:
        return None
    header, raw_rows, lines = table
    if not header:
        problems.append(Problem("Die Datendatei ist leer.", Location(path, 1)))
        return None
    names = [name for name in header if name]
    for required in ("Year", "Value"):
        if required not in names:
            hint = did_you_mean(required, names)
            problems.append(
                Problem(
                    f"Die Spalte „{required}“ fehlt.",
                    Location(path, 1),
                    hint or f"Vorhanden: {', '.join(names)}.",
                )
            )
            return None
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(
            Problem(f"Die Spalte „{duplicates[0]}“ kommt doppelt vor.", Location(path, 1))
        )
        return None
    raw = raw_rows.iloc[:, [i for i, name in enumerate(header) if name]]
    raw.columns = names
    attributes = [n for n in names if _ATTRIBUTE_COLUMN.match(n)]
    dimensions = tuple(n for n in names if n not in SPECIAL_COLUMNS and n not in attributes)

    values, signs, errors = _parse_values(raw["Value"])
    if errors.any():
        column = header.index("Value") + 1
        for index in errors[errors].index[:20]:
            problems.append(
                Problem(
                    _value_error(str(raw.at[index, "Value"])),
                    Location(path, int(lines[index]), column),
                    "Zahlen mit Dezimalpunkt schreiben, z. B. 12.5.",
                )
            )
        return None
    flags = (
        raw[attributes].agg(" ".join, axis=1).str.strip()
        if attributes
        else raw["Value"].map(lambda _: "")
    )
    signs = _apply_flags(flags, signs, flag_overrides, path, lines, problems)
    geocodes = raw["GeoCode"] if "GeoCode" in raw else pd.Series([""] * len(raw))
    geocodes = geocodes.where(~geocodes.str.upper().isin(_EXCEL_ERRORS), "")
    frame = raw[list(dimensions)].copy()
    frame[PERIOD] = raw["Year"]
    frame[VALUE] = values
    frame[UNIT] = raw.get("Units", "")
    frame[SERIES] = raw.get("Series", "")
    frame[GEO] = geocodes
    frame[SIGN] = signs
    frame[FLAG] = flags
    frame[LINE] = lines
    frame = _drop_duplicates(frame, dimensions, path, problems)
    labels = list(dict.fromkeys(frame[PERIOD]))
    periods = {label: parse_period(label, position) for position, label in enumerate(labels)}
    frame[KEY] = frame[PERIOD].map({k: p.sort_key for k, p in periods.items()}).astype(float)
    frame[YEAR] = frame[PERIOD].map({k: p.year for k, p in periods.items()})
    frame[PERIOD] = frame[PERIOD].map({k: p.label for k, p in periods.items()})
    codes = {code: (region_key(code), geo_level(code)) for code in frame[GEO].unique()}
    frame[REGION] = frame[GEO].map({code: key for code, (key, _) in codes.items()})
    frame[LEVEL] = frame[GEO].map({code: level for code, (_, level) in codes.items()})
    return frame.reset_index(drop=True), dimensions


def _read_fast(text: str) -> tuple[list[str], pd.DataFrame, pd.Series] | None:
    """pandas' C parser; None when the file needs the careful reader (ragged or multi-line)."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            header=None,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    if len(frame) != len(physical):  # a quoted line break: line numbers would drift
        return None
    frame = frame.fillna("").astype(object)
    header = [str(name).strip() for name in frame.iloc[0]]
    body = frame.iloc[1:].apply(_strip)
    lines = pd.Series(range(2, len(frame) + 1), index=body.index, dtype="int64")
    filled = (body != "").any(axis=1)
    return header, body[filled].reset_index(drop=True), lines[filled].reset_index(drop=True)


def _strip(column: pd.Series) -> pd.Series:
    """Strip white space, looking at each distinct value once."""
    values = column.unique()
    stripped = {value: value.strip() for value in values if value != value.strip()}
    return column.replace(stripped) if stripped else column


def _read_slow(
    text: str, path: Path, problems: list[Problem]
) -> tuple[list[str], pd.DataFrame, pd.Series] | None:
    """The csv module, line by line: ragged rows and quoted line breaks."""
    reader = csv.reader(text.split("\n"))
    try:
        header = [name.strip() for name in next(reader, [])]
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        problems.append(
            Problem(f"Die CSV-Datei ist fehlerhaft ({exc}).", Location(path, reader.line_num))
        )
        return None
    width = len(header)
    overlong = next((line for line, row in rows if len(row) > width and any(row[width:])), None)
    if overlong is not None:
        problems.append(
            Problem(
                "Die Zeile hat mehr Werte als die Kopfzeile Spalten.",
                Location(path, overlong),
                "Überzählige Werte werden ignoriert.",
                "Warnung",
            )
        )
    padded = [[(row[i].strip() if i < len(row) else "") for i in range(width)] for _, row in rows]
    frame = pd.DataFrame(padded, columns=range(width), dtype=object)
    return header, frame, pd.Series([line for line, _ in rows], dtype="int64")


def _parse_values(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Value cells → (numbers, signs, error mask); empty cells and Excel errors are unknown.

    Plain numbers go through pandas' fast parser; only the rest is looked at one by one.
    """
    numbers = pd.to_numeric(cells, errors="coerce").astype(float).to_numpy(copy=True)
    numbers[~np.isfinite(numbers)] = np.nan  # "inf" is no statistic
    signs = np.full(len(cells), "", dtype=object)
    errors = np.zeros(len(cells), dtype=bool)
    raw_cells = cells.to_numpy()
    for position in np.flatnonzero(np.isnan(numbers)):
        text = str(raw_cells[position]).replace("\xa0", "")
        if _NUMBER.match(text):
            numbers[position] = float(text)
        elif text == "" or text.upper() in _EXCEL_ERRORS:
            signs[position] = "."
        elif (sign := sign_in_value_cell(text)) is not None:
            signs[position] = sign
            numbers[position] = 0.0 if sign == "–" else np.nan
        else:
            errors[position] = True
    index = cells.index
    return (
        pd.Series(numbers, index=index),
        pd.Series(signs, index=index),
        pd.Series(errors, index=index),
    )


def _value_error(raw: str) -> str:
    if re.fullmatch(r"[+-]?[\d.]*\d,\d+", raw.strip()):
        return f"Der Wert „{raw}“ hat ein Dezimalkomma."
    return f"Der Wert „{raw}“ ist keine Zahl."


def _apply_flags(
    flags: pd.Series,
    signs: pd.Series,
    overrides: Mapping[str, str],
    path: Path,
    lines: pd.Series,
    problems: list[Problem],
) -> pd.Series:
    """Observation flags (COMMENT_OBS …) become signs; unknown flags are reported once each."""
    signs = signs.copy()
    for flag in flags[flags != ""].unique():
        mask = flags == flag
        flag_sign = resolve_flag(flag, overrides)
        if flag_sign is None:
            problems.append(
                Problem(
                    f"Unbekanntes Kennzeichen „{flag}“: der Wert wird gezeigt.",
                    Location(path, int(lines[mask].iloc[0])),
                    "Ordnen Sie es in reportgen.yml unter „kennzeichen“ einem Zeichen zu.",
                    "Warnung",
                )
            )
            continue
        signs[mask] = signs[mask].map(lambda own, s=flag_sign: _combine(own, s))
    return signs


def _combine(value_sign: str, flag_sign: str) -> str:
    """A flag overrides the plain sign of a cell, except a suppression stays a suppression."""
    return flag_sign if value_sign in ("", ".") or flag_sign in (".", "/", "x") else value_sign


def _drop_duplicates(
    frame: pd.DataFrame, dimensions: tuple[str, ...], path: Path, problems: list[Problem]
) -> pd.DataFrame:
    keys = [*dimensions, PERIOD, UNIT, SERIES, GEO]
    identical = frame.duplicated(subset=[*keys, VALUE, SIGN, FLAG], keep="first")
    frame = frame[~identical]
    conflicting = frame.duplicated(subset=keys, keep="first")
    if conflicting.any():
        first = frame[conflicting].iloc[0]
        problems.append(
            Problem(
                f"{int(conflicting.sum())} Zeile(n) wiederholen eine Merkmalskombination "
                "mit anderem Wert; es gilt jeweils die erste.",
                Location(path, int(first[LINE])),
                severity="Warnung",
            )
        )
        frame = frame[~conflicting]
    return frame
