"""The raw cells of an indicator CSV: header, rows and their lines, read without guessing.

pandas' C parser reads a well-formed file; a file it would misread (a quote that swallows the
next line, rows with more or fewer fields than the header) goes to the careful reader, which
names the place. The header's required and repeated columns are checked here too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportgen.errors import did_you_mean
from reportgen.load.defects import Rule
from reportgen.load.findings import Findings

_SENTINEL = "\x1f"


@dataclass(frozen=True)
class Cells:
    """The raw table: header names, data rows (one column per header position) and their
    physical line numbers (header = line 1)."""

    header: list[str]
    rows: pd.DataFrame
    lines: pd.Series
    widths: pd.Series | None = None
    """Fields per row, where rows may be ragged (careful reader only)."""
    extra: tuple[tuple[int, list[str]], ...] = ()
    """(line, fields beyond the header) of rows longer than the header."""


def _physical_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_fast(text: str) -> Cells | None:
    """pandas' C parser; None when the file needs the careful reader.

    Every non-blank line gets a marker field appended, so that a row with fewer fields than
    the header (which pandas would pad silently) shows itself by where its marker lands.
    Quoted line breaks (the line count drifts) and rows with more fields than the header
    (pandas refuses) go to the careful reader, which names the place.
    """
    lines = _physical_lines(text)
    if not lines or _SENTINEL in text:
        return None
    nonblank = [bool(line.strip()) for line in lines]
    marked = "\n".join(
        f"{line},{_SENTINEL}" if filled else line
        for line, filled in zip(lines, nonblank, strict=True)
    )
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
    if (frame.iloc[:, width] != _SENTINEL).to_numpy()[np.array(nonblank)].any():
        return None  # a row shorter than the header: the careful reader names it
    header = [str(name).strip() for name in frame.iloc[0, :width]]
    body = frame.iloc[1:, :width].apply(_strip)
    numbers = pd.Series(range(2, len(frame) + 1), index=body.index, dtype="int64")
    filled = (body != "").any(axis=1)
    return Cells(
        header, body[filled].reset_index(drop=True), numbers[filled].reset_index(drop=True)
    )


def _strip(column: pd.Series) -> pd.Series:
    """Strip white space, looking at each distinct value once."""
    values = column.unique()
    stripped = {value: value.strip() for value in values if value != value.strip()}
    return column.replace(stripped) if stripped else column


def read_careful(text: str, findings: Findings) -> Cells | None:
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
        return Cells([], pd.DataFrame(), pd.Series([], dtype="int64"))
    width = len(header)
    padded = [cells[:width] + [""] * (width - len(cells)) for _, cells in rows]
    return Cells(
        header,
        pd.DataFrame(padded, columns=range(width), dtype=object),
        pd.Series([number for number, _ in rows], dtype="int64"),
        pd.Series([len(cells) for _, cells in rows], dtype="int64"),
        tuple((number, cells[width:]) for number, cells in rows if len(cells) > width),
    )


def _quote_left_open(lines: list[str]) -> tuple[bool, int | None]:
    """Whether a quoted field is still open at the end of ``lines`` (read as one text), and the
    1-based column in the first line where the last quoted field of that line opened.

    Steps from quote to comma (``_SPECIAL``): any other character only ends a field's start
    outside quotes, which a run of them does as well as one."""
    if not any('"' in line for line in lines):
        return False, None
    inside = after_quote = False
    at_field_start = True
    opened: int | None = None
    for number, line in enumerate(lines):
        if number:
            at_field_start = at_field_start or not inside
        position = 0
        for match in _SPECIAL.finditer(line):
            index = match.start()
            if index > position and not inside:
                at_field_start = after_quote = False
            position = index + 1
            if inside:
                if line[index] == '"':
                    inside, after_quote = False, True
            elif after_quote and line[index] == '"':
                inside, after_quote = True, False  # a doubled quote inside a quoted field
            elif line[index] == ",":
                at_field_start, after_quote = True, False
            else:
                if at_field_start:
                    inside = True
                    if number == 0:
                        opened = index + 1
                at_field_start = after_quote = False
        if position < len(line) and not inside:
            at_field_start = after_quote = False
    return inside, opened


_SPECIAL = re.compile(r'[",]')


def _quote_problem(
    lines: list[str], start: int, end: int, findings: Findings, closed: bool
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


def check_widths(cells: Cells, findings: Findings) -> None:
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


def required_columns(names: list[str], findings: Findings) -> bool:
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


def unique_columns(names: list[str], header: list[str], findings: Findings) -> bool:
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
