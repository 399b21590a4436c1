"""Value cells and observation flags → numbers and the signs of the Zeichenerklärung.

Empty cells and Excel errors are unknown ("."); anything else that is no finite, plausible
number is an error with line and column. Flags (``COMMENT_OBS`` …) become signs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from reportgen.errors import Location, Problem, Severity
from reportgen.load.defects import Rule
from reportgen.load.findings import Findings
from reportgen.load.signs import NOTHING, SUPPRESSING, UNKNOWN, resolve_flag, sign_in_value_cell

EXCEL_ERRORS = {
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
"""Excel's error values, German and English: the cell holds no value."""
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
PLAUSIBLE_MAGNITUDE = 1e15
"""No statistic of a report reaches a thousand trillion (Germany's GDP in euros is ~4e12);
a value beyond it is a slip such as a missing decimal point or an exponent."""


def parse_values(
    cells: pd.Series, lines: pd.Series, column: int, findings: Findings
) -> tuple[pd.Series, pd.Series]:
    """Value cells → (numbers, signs); empty cells and Excel errors are unknown ("."),
    anything else that is no finite, plausible number is an error (the cell stays unknown).

    Plain numbers go through pandas' fast parser; only the rest is looked at one by one.
    """
    numbers = pd.to_numeric(cells, errors="coerce").astype(float).to_numpy(copy=True)
    signs = np.full(len(cells), "", dtype=object)
    raw_cells = cells.to_numpy()
    for position in map(int, np.flatnonzero(~np.isfinite(numbers))):
        text = str(raw_cells[position]).replace("\xa0", "")
        if _NUMBER.match(text):
            numbers[position] = float(text)
            if not np.isfinite(numbers[position]):
                numbers[position] = np.nan
                _value_problem(text, position, lines, column, findings, "zu groß für eine Zahl")
        elif text == "" or text.upper() in EXCEL_ERRORS:
            numbers[position] = np.nan
            signs[position] = UNKNOWN
        elif (sign := sign_in_value_cell(text)) is not None:
            signs[position] = sign
            numbers[position] = 0.0 if sign == NOTHING else np.nan
        else:
            numbers[position] = np.nan
            _value_problem(text, position, lines, column, findings)
    findings.summarise("value", "Werte, die keine Zahlen sind")
    with np.errstate(invalid="ignore"):
        implausible = np.flatnonzero(np.abs(numbers) >= PLAUSIBLE_MAGNITUDE)
    for position in map(int, implausible):
        findings.add(
            "magnitude",
            f"Der Wert „{raw_cells[position]}“ ist unplausibel groß (eine Billiarde oder mehr).",
            int(lines.iloc[position]),
            column,
            "Prüfen Sie Dezimalpunkt und Exponent.",
            rule=Rule.IMPLAUSIBLE_VALUE,
        )
    findings.summarise("magnitude", "unplausibel große Werte")
    index = cells.index
    return pd.Series(numbers, index=index), pd.Series(signs, index=index)


def _value_problem(
    text: str,
    position: int,
    lines: pd.Series,
    column: int,
    findings: Findings,
    why: str = "",
) -> None:
    if why:
        message = f"Der Wert „{text}“ ist {why}."
    elif re.fullmatch(r"[+-]?[\d.]*\d,\d+", text.strip()):
        message = f"Der Wert „{text}“ hat ein Dezimalkomma."
    elif text.strip().lower() in ("inf", "-inf", "+inf", "infinity", "nan"):
        message = f"Der Wert „{text}“ ist keine endliche Zahl."
    else:
        message = f"Der Wert „{text}“ ist keine Zahl."
    findings.add(
        "value",
        message,
        int(lines.iloc[position]),
        column,
        "Prüfen Sie Dezimalpunkt und Exponent."
        if why
        else "Zahlen mit Dezimalpunkt schreiben, z. B. 12.5; fehlende Werte leer lassen oder "
        "mit einem Zeichen der Zeichenerklärung (. – x /).",
    )


def apply_flags(
    flags: pd.Series,
    signs: pd.Series,
    overrides: Mapping[str, str],
    lines: pd.Series,
    findings: Findings,
) -> pd.Series:
    """Observation flags (COMMENT_OBS …) become signs; unknown flags are reported once each."""
    signs = signs.copy()
    for flag in flags[flags != ""].unique():
        mask = flags == flag
        flag_sign = resolve_flag(flag, overrides)
        if flag_sign is None:
            findings.problems.append(
                Problem(
                    f"Unbekanntes Kennzeichen „{flag}“: der Wert wird gezeigt.",
                    Location(findings.path, int(lines[mask].iloc[0])),
                    "Ordnen Sie es in reportgen.yml unter „kennzeichen“ einem Zeichen zu.",
                    Severity.WARNING,
                )
            )
            continue
        signs[mask] = signs[mask].map(lambda own, s=flag_sign: _combine(own, s))
    return signs


def _combine(value_sign: str, flag_sign: str) -> str:
    """The sign of a cell with a flag: a flag that suppresses the value always wins (all four
    suppressing signs, "…" too: a figure that comes later is not printed, not even as "–");
    any other flag replaces no sign or the unknown sign of an empty cell, but never uncovers
    a value the cell itself suppresses."""
    if flag_sign in SUPPRESSING or value_sign in ("", UNKNOWN):
        return flag_sign
    return value_sign
