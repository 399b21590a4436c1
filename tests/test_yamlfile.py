"""Reading untrusted files: encodings, size limits, YAML bombs, German messages in place."""

from __future__ import annotations

import pickle
import re
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import ConfigError, InputFileError, Problem
from reportgen.load import yamlmessages
from reportgen.load.config import load_config
from reportgen.load.frontmatter import read_front_matter
from reportgen.load.textfile import SIZE_LIMITS, FileKind, read_text, text_from_bytes
from reportgen.load.yamlfile import (
    KeyPositions,
    YamlProblem,
    parse_yaml,
    yaml_error_location,
    yaml_nodes,
    yaml_problem,
)

ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|could not|token|mapping)\b", re.I)
PARSERS = {"libyaml": yamlmessages._fastest_parser(), "python": yamlmessages._PythonParser}


@contextmanager
def parsed_with(name: str) -> Iterator[None]:
    """Use libyaml's or PyYAML's pure-Python parser; their English messages differ."""
    previous = yamlmessages._PARSER
    yamlmessages._PARSER = PARSERS[name]
    try:
        yield
    finally:
        yamlmessages._PARSER = previous


@pytest.fixture(params=sorted(PARSERS))
def parser(request: pytest.FixtureRequest) -> Iterator[str]:
    with parsed_with(request.param):
        yield request.param


def refusal(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert_german(caught.value)
    return caught.value


def assert_german(problem: YamlProblem) -> None:
    for text in (problem.message, problem.hint or ""):
        assert not ENGLISH.search(text), text


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings --------------------------------------------------------------------------------


def test_windows_1252_csv_names_line_column_byte_and_excel(tmp_path: Path) -> None:
    text = "Year,Gebietseinheit,Value\r\n2020,Land,1\r\nGebietseinheit,Größe\r\n"
    path = write(tmp_path, "indicator_1-1-1.csv", text.encode("cp1252"))
    with pytest.raises(InputFileError) as caught:
        read_text(path, FileKind.DATA)
    problem = caught.value.problem
    assert problem.location is not None
    assert (problem.location.path, problem.location.line, problem.location.column) == (path, 3, 18)
    assert "Byte 0xF6" in problem.message
    assert "vermutlich Windows-1252 (Excel-„CSV“)" in problem.message and "„ö“" in problem.message
    assert problem.hint == (
        "Speichern Sie die Datei als UTF-8 (in Excel: „CSV UTF-8 (durch Trennzeichen getrennt)“)."
    )


def test_column_counts_characters_of_the_line_and_odd_bytes_are_not_called_windows_1252(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "a.yml", b"titel: Stra\xc3\x9fe\nwert: Stra\xc3\x9fe \x81\n")
    with pytest.raises(InputFileError) as caught:
        read_text(path, FileKind.TRANSLATION)
    problem = caught.value.problem
    assert problem.location is not None and (problem.location.line, problem.location.column) == (
        2,
        14,
    )
    assert "Byte 0x81" in problem.message and "Windows-1252" not in problem.message
    assert problem.hint is not None and "Excel" not in problem.hint  # not a table


def test_bom_and_line_endings_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"\xef\xbb\xbf---\r\ntitel: \xc3\x9cbersicht\r\n---\rText\n")
    assert read_text(path, FileKind.TEXT_BLOCK) == "---\ntitel: Übersicht\n---\nText\n"


def test_utf16_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Year,Value\n".encode("utf-16"))
    with pytest.raises(InputFileError, match="UTF-16"):
        read_text(path, FileKind.DATA)


def test_nul_byte_means_not_a_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", b"Year,Value\n2020,\x001\n")
    with pytest.raises(InputFileError) as caught:
        read_text(path, FileKind.DATA)
    problem = caught.value.problem
    assert problem.location is not None and (problem.location.line, problem.location.column) == (
        2,
        6,
    )
    assert "keine Textdatei" in problem.message


def test_missing_file_is_a_german_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="Die Datei fehlt"):
        read_text(tmp_path / "fehlt.yml", FileKind.CONFIG)


def sparse(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sparse(tmp_path, "indicator_1-1-1.csv", 312 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(InputFileError) as caught:
        read_text(path, FileKind.DATA)
    assert caught.value.problem.message == (
        "Die Datei ist 312 MB groß; für eine Datendatei sind höchstens 256 MB zulässig."
    )


def test_every_kind_has_a_limit_and_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    assert set(SIZE_LIMITS) == set(FileKind)
    limit = SIZE_LIMITS[FileKind.CONFIG].max_bytes
    with pytest.raises(InputFileError, match="Nullbyte"):  # read, then found to be zeros
        read_text(sparse(tmp_path, "at.yml", limit), FileKind.CONFIG)
    with pytest.raises(InputFileError, match="für die Berichtskonfiguration sind höchstens 1 MB"):
        read_text(sparse(tmp_path, "over.yml", limit + 1), FileKind.CONFIG)


# --- YAML that would explode ------------------------------------------------------------------


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def merge_bomb() -> str:
    lines = ["m0: &m0 {x: 1}"]
    for level in range(1, 30):
        lines.append(f"m{level}: &m{level} {{<<: [*m{level - 1}, *m{level - 1}]}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("bomb", [billion_laughs, merge_bomb])
@pytest.mark.parametrize("read", [parse_yaml, yaml_nodes])
def test_alias_bombs_are_refused_fast_and_small(
    bomb: Callable[[], str], read: Callable[[str], Any], parser: str
) -> None:
    text = bomb()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(YamlProblem) as caught:
            read(text)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 200 * 1024 * 1024
    assert "Verweise" in caught.value.message and "100.000" in caught.value.message
    assert_german(caught.value)


@pytest.mark.parametrize("text", ["a: &a [1, *a]\n", "a: &a\n  b: *a\n", "? &k [*k]\n: 1\n"])
def test_recursive_alias_is_refused(text: str, parser: str) -> None:
    problem = refusal(text)
    assert "in seinem eigenen Anker" in problem.message


def test_modest_anchors_aliases_and_merges_stay_allowed(parser: str) -> None:
    text = (
        "vorgaben: &vorgaben {einheit: Prozent, stellen: 1}\n"
        "reihen:\n"
        "  - {<<: *vorgaben, name: A}\n"
        "  - {<<: *vorgaben, name: B, stellen: 0}\n"
        "kopie: *vorgaben\n"
    )
    data = parse_yaml(text)
    assert data == yaml.safe_load(text)
    assert data["reihen"][1] == {"einheit": "Prozent", "stellen": 0, "name": "B"}


# --- duplicate keys ---------------------------------------------------------------------------


def test_duplicate_key_names_both_lines(parser: str) -> None:
    text = "titel: A\nuntertitel: B\nx: 1\nquelle:\n  werk: C\n\n# Kommentar\n\nx: 2\n"
    problem = refusal(text)
    assert problem.message == "Der Schlüssel „x“ steht doppelt (Zeilen 3 und 9)."
    assert (problem.line, problem.column) == (9, 1)


@pytest.mark.parametrize("text", ["on: 1\nyes: 2\n", "1: a\n1.0: b\n", "~: a\nnull: b\n"])
def test_keys_that_become_the_same_python_key_are_duplicates(text: str) -> None:
    assert "steht doppelt" in refusal(text).message


def test_merge_keys_may_be_overridden() -> None:
    assert parse_yaml("a: &a {x: 1}\nb: {<<: *a, x: 2}\n")["b"] == {"x": 2}


# --- messages at the right line ---------------------------------------------------------------


def test_unclosed_quote_is_reported_where_it_opens(parser: str) -> None:
    filler = "".join(f"feld{number}: wert {number}\n" for number in range(20))
    text = f'titel: A\nuntertitel: B\njahr: 2025\nabschnitt: "Ausgabe 2025\n{filler}quelle: "Amt"\n'
    with pytest.raises(yaml.MarkedYAMLError) as raw:
        yaml.safe_load(text)
    assert raw.value.problem_mark is not None
    assert raw.value.problem_mark.line + 1 >= 24  # PyYAML fails 20 lines later
    problem = refusal(text)
    assert (problem.line, problem.column) == (4, 12)
    assert problem.message == "Das Anführungszeichen in Zeile 4, Spalte 12 wird nicht geschlossen."
    assert problem.hint == "Schließen Sie das Anführungszeichen aus Zeile 4."


BROKEN: dict[str, tuple[str, int, int, str]] = {
    # name: (text, line, column, fragment of message or hint)
    "quote to the end": ('a: 1\nb: "offen\nc: 2\n', 2, 4, "Anführungszeichen in Zeile 2"),
    "tab indentation": ("a:\n  b: 1\n\tc: 2\n", 3, 1, "Tabulatorzeichen"),
    "colon in value": ("titel: Bericht: 2025\n", 1, 15, "Setzen Sie den Wert in Anführungszeichen"),
    "continued line": ("a: 1\n  b: 2\n", 2, 4, "Fortsetzung des Werts aus Zeile 1"),
    "missing colon": ("a: 1\nb\nc: 2\n", 2, 1, "Nach „b“ fehlt der Doppelpunkt"),
    "indentation": ("a:\n  b: 1\n c: 2\n", 3, 2, "Einrückung von Zeile 3"),
    "list indentation": ("a:\n  - feld: x\n   wert: y\n", 3, 4, "Einrückung von Zeile 3"),
    "text after quote": ('a: "x" y\n', 1, 8, "Nach dem Wert steht"),
    "unclosed bracket": ("a: [1, 2\nb: 3\n", 1, 4, "eckige Klammer „[“ in Zeile 1, Spalte 4"),
    "unclosed brace": ("a: {x: 1\n", 1, 4, "geschweifte Klammer"),
    "undefined alias": ("a: *wichtig\n", 1, 4, "„*wichtig“ bezieht sich auf keinen Anker"),
    "emphasis": ("a: *wichtig* Hinweis\n", 1, 4, "Anker oder Verweis"),
    "duplicate anchor": ("a: &x 1\nb: &x 2\n", 2, 4, "Anker „&x“ steht doppelt (Zeilen 1 und 2)"),
    "second document": ("a: 1\n---\nb: 2\n", 2, 1, "zweites YAML-Dokument"),
    "dash in value": ("a: - b\n", 1, 4, "Listeneintrag"),
    "reserved character": ("a: @x\n", 1, 4, "„@“"),
    "escape": ('a: "C:\\Daten"\n', 1, 7, "„\\D“"),
    "unknown tag": ("a: !wichtig x\n", 1, 4, "„!wichtig“"),
    "impossible date": ("datum: 2025-02-30\n", 1, 8, "Das Datum „2025-02-30“ gibt es nicht"),
    "control character": ("a: x\x07\n", 1, 5, "U+0007"),
    "block scalar": ("a: |x\n  t\n", 1, 5, "„|“"),
    "missing value": ("a: [a, , b]\n", 1, 8, "fehlt ein Wert"),
    "too deep": ("[" * 150 + "]" * 150, 1, 101, "tiefer als 100 Ebenen"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_yaml_is_explained_in_german_at_its_place(name: str, parser: str) -> None:
    text, line, column, fragment = BROKEN[name]
    problem = refusal(text)
    assert (problem.line, problem.column) == (line, column), problem
    assert fragment in f"{problem.message} {problem.hint}"


def test_yaml_problem_is_a_yaml_error_that_survives_pickling() -> None:
    problem = refusal("a: 1\na: 2\n")
    assert isinstance(problem, yaml.YAMLError)
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.message, copy.line, copy.column, copy.hint) == (
        problem.message,
        problem.line,
        problem.column,
        problem.hint,
    )


def test_location_and_problem_shift_lines_of_a_text_starting_further_down() -> None:
    problem = refusal("x: 1\ny: 2\nx: 3\n")
    path = Path("1-1-1.md")
    location = yaml_error_location(problem, path, first_line=2)
    assert (location.line, location.column) == (4, 1)
    found = yaml_problem(problem, path, 2, "Der YAML-Kopf ist fehlerhaft")
    assert (
        found.message
        == "Der YAML-Kopf ist fehlerhaft: Der Schlüssel „x“ steht doppelt (Zeilen 2 und 4)."
    )
    assert found.location == location


def test_key_positions_find_keys() -> None:
    nodes = yaml_nodes("titel: A\nauswahl:\n  - handlungsfeld: 3\n    indikatoren: [1-1-1]\n")
    positions = KeyPositions.of(nodes, Path("reportgen.yml"))
    location = positions.location(("auswahl", 0, "indikatoren", 0))
    assert (location.line, location.column) == (4, 19)


# --- callers ----------------------------------------------------------------------------------


def test_front_matter_problems_point_at_file_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "1-1-1.md", b'---\ntitel: A\nautor: "offen\nstatus: x\n---\nText\n')
    problems: list[Problem] = []
    assert read_front_matter(path, "des Textbausteins", problems, FileKind.TEXT_BLOCK) is None
    (problem,) = problems
    assert problem.location is not None and (problem.location.line, problem.location.column) == (
        3,
        8,
    )
    assert problem.message == (
        "Der YAML-Kopf des Textbausteins ist fehlerhaft: Das Anführungszeichen in Zeile 3, "
        "Spalte 8 wird nicht geschlossen."
    )
    assert problem.hint == "Schließen Sie das Anführungszeichen aus Zeile 3."


def test_front_matter_reports_an_unreadable_file_instead_of_raising(tmp_path: Path) -> None:
    path = write(tmp_path, "1-1-1.md", "---\ntitel: Größe\n---\n".encode("cp1252"))
    problems: list[Problem] = []
    assert read_front_matter(path, "der Metadaten", problems, FileKind.METADATA) is None
    (problem,) = problems
    assert problem.location is not None and problem.location.line == 2
    assert "Windows-1252" in problem.message


def test_config_errors_carry_the_yaml_message_and_place(tmp_path: Path) -> None:
    write(tmp_path, "reportgen.yml", b"titel: A\nberichtsjahr: 2025\ntitel: B\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    problem = caught.value.problem
    assert problem.message == (
        "Die Konfiguration ist kein gültiges YAML: Der Schlüssel „titel“ steht doppelt "
        "(Zeilen 1 und 3)."
    )
    assert problem.location is not None and problem.location.line == 3


def test_config_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, "reportgen.yml", "titel: Übersicht\n".encode("cp1252"))
    with pytest.raises(ConfigError, match="nicht als UTF-8"):
        load_config(tmp_path)


# --- anything at all --------------------------------------------------------------------------

VALID = (
    "titel: Integrationsmonitoring Niedersachsen\n"
    "berichtsjahr: 2025\n"
    "veroeffentlichungsdatum: 2025-06-30\n"
    "vorgaben: &vorgaben {einheit: Prozent, stellen: 1}\n"
    "auswahl:\n"
    "  - handlungsfeld: 1\n"
    "    indikatoren: [1-1-1, 1-2-1]\n"
    "  - {<<: *vorgaben, handlungsfeld: '2'}\n"
    'quelle: "Landesamt für Statistik: Tabelle 5"\n'
    "impressum: |\n"
    "  Musterstraße 1\n"
    "  12345 Musterstadt\n"
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parsed_or_refused(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlProblem as problem:
        assert problem.line >= 1 and problem.column >= 1
        assert_german(problem)


@pytest.mark.parametrize("name", sorted(PARSERS))
@FUZZ
@given(
    text=st.text(
        alphabet=st.sampled_from(list(":-?[]{},#&*!|>'\"%@` \t\n"))
        | st.characters(exclude_categories=()),
        max_size=120,
    )
)
def test_any_text_is_read_or_refused_in_german(name: str, text: str) -> None:
    with parsed_with(name):
        parsed_or_refused(text)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        byte = draw(st.sampled_from(b"\"'[]{}:,-#&*!|>%@`\t\n \\\x00\xc3\xe4\x85"))
        match draw(st.sampled_from(["replace", "insert", "delete"])):
            case "replace" if position < len(data):
                data[position] = byte
            case "delete" if position < len(data):
                del data[position]
            case _:
                data.insert(position, byte)
    return bytes(data)


@pytest.mark.parametrize("name", sorted(PARSERS))
@FUZZ
@given(data=mutated())
def test_mutated_documents_are_read_or_refused_in_german(name: str, data: bytes) -> None:
    with parsed_with(name):
        parsed_or_refused(data.decode("utf-8", errors="replace"))
        try:
            text = text_from_bytes(data, Path("reportgen.yml"), FileKind.CONFIG)
        except InputFileError:
            return
        parsed_or_refused(text)


@settings(FUZZ, max_examples=60)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=20,
    )
)
def test_valid_documents_read_as_pyyaml_reads_them(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert parse_yaml(text) == yaml.safe_load(text)
