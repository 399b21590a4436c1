"""One Open SDG indicator table (``data/indicator_G-T-I.csv``) → a tidy pandas frame.

The frame keeps the CSV's breakdown columns and adds internal columns (constants below):
period label and sort key, value, unit, series, area code, region key and level, sign of the
Zeichenerklärung, flag text and the CSV line each observation came from.

Nothing the reader is unsure about passes silently: a row the CSV parser would misread (a quote
that swallows the next line, more or fewer fields than the header), a value that is not a
finite, plausible number and two rows that say different things about the same observation are
errors with file, line and column. Every problem of a file is collected, not only the first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.errors import Location, Problem, Severity, did_you_mean
from reportgen.load.defects import Rule
from reportgen.load.periods import parse_period
from reportgen.load.regions import geo_level, region_key
from reportgen.load.signs import resolve_flag, sign_in_value_cell

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
PLAUSIBLE_MAGNITUDE = 1e15
"""No statistic of a report reaches a thousand trillion (Germany's GDP in euros is ~4e12);
a value beyond it is a slip such as a missing decimal point or an exponent."""
LISTED_PER_KIND = 10
"""How many lines of one kind of problem a file lists one by one before summing up the rest."""
_SENTINEL = "\x1f"

# Internal column names of an indicator frame; dimension columns keep their CSV names.
PERIOD, KEY, YEAR, VALUE, UNIT, SERIES = "_period", "_key", "_year", "_value", "_unit", "_series"
GEO, REGION, LEVEL, SIGN, FLAG, LINE = "_geo", "_region", "_level", "_sign", "_flag", "_line"


@dataclass(frozen=True)
class _Cells:
    """The raw table: header names, data rows (one column per header position) and their
    physical line numbers (header = line 1)."""

    header: list[str]
    rows: pd.DataFrame
    lines: pd.Series
    widths: pd.Series | None = None
    """Fields per row, where rows may be ragged (careful reader only)."""
    extra: tuple[tuple[int, list[str]], ...] = ()
    """(line, fields beyond the header) of rows longer than the header."""


class _Findings:
    """Problems of one file, several lines of a kind summed up after the first few."""

    def __init__(self, path: Path, subject: str, problems: list[Problem]) -> None:
        self.path, self.subject, self.problems = path, subject, problems
        self._counts: dict[str, int] = {}

    def add(
        self,
        kind: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        severity: str = Severity.ERROR,
        rule: Rule | None = None,
    ) -> None:
        seen = self._counts.get(kind, 0)
        self._counts[kind] = seen + 1
        if seen < LISTED_PER_KIND:
            self.problems.append(
                Problem(
                    message,
                    Location(self.path, line, column),
                    hint,
                    severity,
                    rule,
                    self.subject if rule else None,
                )
            )

    def summarise(self, kind: str, what: str, severity: str = Severity.ERROR) -> None:
        rest = self._counts.get(kind, 0) - LISTED_PER_KIND
        if rest > 0:
            self.problems.append(
                Problem(
                    f"… und {rest} weitere Zeilen: {what}.", Location(self.path), severity=severity
                )
            )


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
    findings = _Findings(path, subject, problems)
    cells = _read_fast(text) or _read_careful(text, findings)
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
    if not _required_columns(names, findings) or not _unique_columns(names, header, findings):
        return None
    _check_widths(cells, findings)
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

    values, signs = _parse_values(raw["Value"], lines, header.index("Value") + 1, findings)
    _check_periods(raw["Year"], lines, header.index("Year") + 1, findings)
    flags = (
        raw[attributes].agg(" ".join, axis=1).str.strip()
        if attributes
        else raw["Value"].map(lambda _: "")
    )
    signs = _apply_flags(flags, signs, flag_overrides, lines, findings)
    geocodes = raw["GeoCode"] if "GeoCode" in raw else pd.Series([""] * len(raw), index=raw.index)
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


# --- reading the cells -----------------------------------------------------------------------


def _physical_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _read_fast(text: str) -> _Cells | None:
    """pandas' C parser; None when the file needs the careful reader.

    Every non-blank line gets a marker field appended, so that a row with fewer fields than
    the header (which pandas would pad silently) shows itself by where its marker lands.
    Quoted line breaks (the line count drifts) and rows with more fields than the header
    (pandas refuses) go to the careful reader, which names the place.
    """
    lines = _physical_lines(text)
    if not lines or _SENTINEL in text:
        return None
    marked = "\n".join(f"{line},{_SENTINEL}" if line.strip() else line for line in lines)
    try:
        frame = pd.read_csv(
            io.StringIO(marked),
            dtype=str,
            keep_default_na=False,
            header=None,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    if len(frame) != len(lines) or frame.shape[1] < 2:
        return None
    frame = frame.fillna("").astype(object)
    width = frame.shape[1] - 1
    if (
        (frame.iloc[:, width] != _SENTINEL)
        .to_numpy()[np.array([bool(line.strip()) for line in lines])]
        .any()
    ):
        return None  # a row shorter than the header: the careful reader names it
    header = [str(name).strip() for name in frame.iloc[0, :width]]
    body = frame.iloc[1:, :width].apply(_strip)
    numbers = pd.Series(range(2, len(frame) + 1), index=body.index, dtype="int64")
    filled = (body != "").any(axis=1)
    return _Cells(
        header, body[filled].reset_index(drop=True), numbers[filled].reset_index(drop=True)
    )


def _strip(column: pd.Series) -> pd.Series:
    """Strip white space, looking at each distinct value once."""
    values = column.unique()
    stripped = {value: value.strip() for value in values if value != value.strip()}
    return column.replace(stripped) if stripped else column


def _read_careful(text: str, findings: _Findings) -> _Cells | None:
    """The csv module, row by row: finds quotes that swallow line breaks and ragged rows."""
    lines = _physical_lines(text)
    reader = csv.reader(lines)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    previous_end = 0
    try:
        for row in reader:
            start, end = previous_end + 1, reader.line_num
            previous_end = end
            if _quote_left_open(lines[start - 1 : end])[0]:
                _quote_problem(lines, start, end, findings, closed=False)
                continue
            if end > start:
                _quote_problem(lines, start, end, findings, closed=True)
                continue
            if header is None:
                header = [name.strip() for name in row]
            elif any(cell.strip() for cell in row):
                rows.append((start, [cell.strip() for cell in row]))
    except csv.Error as exc:
        findings.add(
            "csv",
            f"Die CSV-Datei ist nicht lesbar ({exc}).",
            reader.line_num,
            hint="Speichern Sie die Tabelle erneut als CSV (UTF-8, Komma als Trennzeichen).",
        )
        return None
    findings.summarise("quote", "Anführungszeichen, die nicht in ihrer Zeile geschlossen werden")
    if header is None:
        return _Cells([], pd.DataFrame(), pd.Series([], dtype="int64"))
    width = len(header)
    padded = [cells[:width] + [""] * (width - len(cells)) for _, cells in rows]
    return _Cells(
        header,
        pd.DataFrame(padded, columns=range(width), dtype=object),
        pd.Series([number for number, _ in rows], dtype="int64"),
        pd.Series([len(cells) for _, cells in rows], dtype="int64"),
        tuple((number, cells[width:]) for number, cells in rows if len(cells) > width),
    )


def _quote_left_open(lines: list[str]) -> tuple[bool, int | None]:
    """Whether a quoted field is still open at the end of ``lines`` (read as one text), and the
    1-based column in the first line where the last quoted field of that line opened."""
    inside = after_quote = False
    at_field_start = True
    opened: int | None = None
    for number, line in enumerate(lines):
        if number:
            at_field_start = at_field_start or not inside
        for index, char in enumerate(line):
            if inside:
                if char == '"':
                    inside, after_quote = False, True
            elif after_quote and char == '"':
                inside, after_quote = True, False  # a doubled quote inside a quoted field
            elif char == ",":
                at_field_start, after_quote = True, False
            else:
                if char == '"' and at_field_start:
                    inside = True
                    if number == 0:
                        opened = index + 1
                at_field_start = after_quote = False
    return inside, opened


def _quote_problem(
    lines: list[str], start: int, end: int, findings: _Findings, closed: bool
) -> None:
    """A quoted field that runs over its line: to a later line, or to the end of the file."""
    _, column = _quote_left_open(lines[start - 1 : start])
    joined = "und" if end == start + 1 else "bis"
    what = (
        f"wird erst in Zeile {end} geschlossen: die Zeilen {start} {joined} {end} würden zu "
        "einer einzigen Zeile."
        if closed
        else "wird nie geschlossen: der Rest der Datei würde zu einem einzigen Wert."
    )
    at = f", Spalte {column}," if column else ""
    findings.add(
        "quote",
        f"Das Anführungszeichen in Zeile {start}{at} {what}",
        start,
        column,
        hint=_QUOTE_HINT.format(line=start),
    )


_QUOTE_HINT = (
    "Schließen Sie das Anführungszeichen aus Zeile {line} (Werte mit Komma stehen in "
    '"…", ein Anführungszeichen im Wert wird verdoppelt: "").'
)


def _check_widths(cells: _Cells, findings: _Findings) -> None:
    """Rows with fewer fields than the named header columns, or more non-empty ones."""
    widths = cells.widths
    if widths is None:
        return
    named = max((i + 1 for i, name in enumerate(cells.header) if name), default=0)
    for position in np.flatnonzero(widths.to_numpy() < named):
        line = int(cells.lines.iloc[position])
        findings.add(
            "short",
            f"Die Zeile hat nur {int(widths.iloc[position])} Werte, die Kopfzeile aber "
            f"{named} Spalten: die Werte stünden in falschen Spalten.",
            line,
            hint="Ergänzen Sie die fehlenden Felder (auch leere mit Komma) oder prüfen Sie "
            "Kommas in Werten ohne Anführungszeichen.",
        )
    findings.summarise("short", "zu wenige Werte")
    width = len(cells.header)
    for line, extra in cells.extra:
        filled = [i for i, cell in enumerate(extra) if cell]
        if not filled:
            continue  # trailing empty fields change nothing
        findings.add(
            "long",
            f"Die Zeile hat mehr Werte als die Kopfzeile Spalten: „{extra[filled[0]]}“ in "
            f"Spalte {width + filled[0] + 1} gehört zu keiner Spalte.",
            line,
            width + filled[0] + 1,
            hint="Prüfen Sie Kommas in Werten ohne Anführungszeichen (z. B. "
            '"Braunschweig, Stadt").',
            rule=Rule.EXTRA_FIELDS,
        )
    findings.summarise("long", "mehr Werte als Spalten")


def _required_columns(names: list[str], findings: _Findings) -> bool:
    for required in ("Year", "Value"):
        if required not in names:
            findings.add(
                "columns",
                f"Die Spalte „{required}“ fehlt.",
                1,
                hint=did_you_mean(required, names) or f"Vorhanden: {', '.join(names)}.",
            )
            return False
    return True


def _unique_columns(names: list[str], header: list[str], findings: _Findings) -> bool:
    duplicates = sorted({name for name in names if names.count(name) > 1})
    for name in duplicates:
        columns = [i + 1 for i, cell in enumerate(header) if cell == name]
        findings.add(
            "columns",
            f"Die Spalte „{name}“ kommt doppelt vor (Spalten {' und '.join(map(str, columns))}).",
            1,
            columns[1],
        )
    return not duplicates


# --- values, periods, flags ------------------------------------------------------------------


def _parse_values(
    cells: pd.Series, lines: pd.Series, column: int, findings: _Findings
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
        elif text == "" or text.upper() in _EXCEL_ERRORS:
            numbers[position] = np.nan
            signs[position] = "."
        elif (sign := sign_in_value_cell(text)) is not None:
            signs[position] = sign
            numbers[position] = 0.0 if sign == "–" else np.nan
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
    findings: _Findings,
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


def _check_periods(periods: pd.Series, lines: pd.Series, column: int, findings: _Findings) -> None:
    for position in np.flatnonzero((periods == "").to_numpy()):
        findings.add(
            "period",
            "Die Zeile hat keinen Zeitraum (Spalte „Year“ ist leer).",
            int(lines.iloc[position]),
            column,
            "Tragen Sie das Jahr oder den Zeitraum ein, z. B. 2024 oder WS 2023/24.",
        )
    findings.summarise("period", "ohne Zeitraum")


def _apply_flags(
    flags: pd.Series,
    signs: pd.Series,
    overrides: Mapping[str, str],
    lines: pd.Series,
    findings: _Findings,
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
    """A flag overrides the plain sign of a cell, except a suppression stays a suppression."""
    return flag_sign if value_sign in ("", ".") or flag_sign in (".", "/", "x") else value_sign


# --- duplicates ------------------------------------------------------------------------------


def _discard(frame: pd.DataFrame, lines: Collection[int], findings: _Findings) -> pd.DataFrame:
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
    frame: pd.DataFrame, dimensions: tuple[str, ...], findings: _Findings
) -> pd.DataFrame:
    """Identical repeated rows are dropped with a warning; rows that repeat an observation
    (period × every breakdown × area) with another value are an error: nobody can tell which
    value holds, so the observation becomes unknown (".") until the data or the project's
    ``bekannte_datenfehler`` (which line is wrong) say it.
    """
    keys = [*dimensions, PERIOD, UNIT, SERIES, GEO]
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
    kept.loc[unknown, SIGN] = "."
    return kept


def _shown(row: pd.Series) -> str:
    value = row[VALUE]
    if isinstance(value, float) and np.isnan(value):
        return row[SIGN] or "leer"
    return f"{value:g}"
