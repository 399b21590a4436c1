"""Property: whatever happens to a valid project's files, reportgen answers in German.

Hypothesis mutates the example-derived project (``tests/fixtures/beispiel``) at random —
truncation, flipped bytes, duplicated and dropped lines, swapped columns, other encodings — in
a CSV table, in Markdown front matter, in translation YAML and in ``reportgen.yml``. For every
mutation ``check`` and ``build`` must end with exit code 0, or with 1 and a German message that
names a file; never with a traceback or an internal error; a refused build leaves the output
folder empty; the input folder is never changed.

Set ``HYPOTHESIS_PROFILE=gruendlich`` for a longer exploration than the suite's default.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reportgen.cli import app
from tests.conftest import FIXTURES

BASE = FIXTURES / "beispiel"
TARGETS = (
    "daten/data/indicator_1-1-1.csv",
    "daten/data/indicator_4-3-1.csv",
    "daten/meta/1-2-2.md",
    "daten/meta/5-3-3.md",
    "daten/translations/de/global_indicators.yml",
    "reportgen.yml",
    "texte/vorwort.md",
)
runner = CliRunner()

EXAMPLES = 600 if os.environ.get("HYPOTHESIS_PROFILE") == "gruendlich" else 60
"""Examples per run; the suite's runs are derandomised so that CI is repeatable."""
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES < 100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- mutations -------------------------------------------------------------------------------

Mutation = Callable[[bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Mutation]:
    kind = draw(
        st.sampled_from(
            ["truncate", "flip", "duplicate", "drop", "swap", "encoding", "insert", "swap_lines"]
        )
    )
    position = draw(st.floats(min_value=0.0, max_value=1.0))
    second = draw(st.floats(min_value=0.0, max_value=1.0))
    byte = draw(st.integers(min_value=0, max_value=255))
    encoding = draw(st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-8-sig"]))
    junk = draw(st.binary(min_size=1, max_size=12))

    def at(data: bytes | list[bytes], fraction: float) -> int:
        return min(int(fraction * len(data)), max(len(data) - 1, 0))

    def mutate(data: bytes) -> bytes:
        if not data:
            return junk
        lines = _lines(data)
        if kind == "truncate":
            return data[: at(data, position)]
        if kind == "flip":
            index = at(data, position)
            return data[:index] + bytes([byte]) + data[index + 1 :]
        if kind == "insert":
            index = at(data, position)
            return data[:index] + junk + data[index:]
        if kind == "duplicate":
            index = at(lines, position)
            return b"\n".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
        if kind == "drop":
            index = at(lines, position)
            return b"\n".join(lines[:index] + lines[index + 1 :])
        if kind == "swap_lines":
            first, other = at(lines, position), at(lines, second)
            lines[first], lines[other] = lines[other], lines[first]
            return b"\n".join(lines)
        if kind == "swap":
            return _swap_columns(lines, position, second)
        text = data.decode("utf-8", errors="replace")
        return text.encode(encoding, errors="replace")

    return f"{kind}@{position:.3f}/{second:.3f}", mutate


def _swap_columns(lines: list[bytes], first: float, second: float) -> bytes:
    """Swap two comma-separated fields in every line (a CSV with its columns mixed up)."""
    swapped = []
    for line in lines:
        fields = line.split(b",")
        a = min(int(first * len(fields)), len(fields) - 1)
        b = min(int(second * len(fields)), len(fields) - 1)
        fields[a], fields[b] = fields[b], fields[a]
        swapped.append(b",".join(fields))
    return b"\n".join(swapped)


# --- the property ----------------------------------------------------------------------------


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _assert_german_answer(output: str, exit_code: int, exception: BaseException | None) -> None:
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert exit_code in (0, 1), output
    assert "Traceback" not in output
    assert "Interner Fehler" not in output, output
    if exit_code == 1:
        flat = " ".join(output.split())
        assert "Fehler" in flat, output
        assert any(name in flat for name in _NAMES), output


_NAMES = ("reportgen.yml", ".csv", ".md", ".yml", "daten", "texte")


def _run(project: Path, *arguments: str) -> tuple[str, int, BaseException | None]:
    result = runner.invoke(app, [*arguments, str(project)])
    return result.output, result.exit_code, result.exception


@SETTINGS
@given(target=st.sampled_from(TARGETS), mutation=mutations())
def test_check_answers_every_mutation_in_german(
    target: str, mutation: tuple[str, Mutation]
) -> None:
    _, mutate = mutation
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "projekt"
        shutil.copytree(BASE, project)
        path = project / target
        path.write_bytes(mutate(path.read_bytes()))
        before = _fingerprint(project)
        _assert_german_answer(*_run(project, "check"))
        assert _fingerprint(project) == before


@settings(SETTINGS, max_examples=max(EXAMPLES // 5, 12))
@given(target=st.sampled_from(TARGETS), mutation=mutations())
def test_build_refuses_before_writing_or_builds(
    target: str, mutation: tuple[str, Mutation]
) -> None:
    _, mutate = mutation
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "projekt"
        out = Path(folder) / "out"
        shutil.copytree(BASE, project)
        path = project / target
        path.write_bytes(mutate(path.read_bytes()))
        before = _fingerprint(project)
        result = runner.invoke(app, ["build", str(project), "-f", "docx", "-o", str(out)])
        _assert_german_answer(result.output, result.exit_code, result.exception)
        if result.exit_code == 1:
            assert not out.exists() or not any(out.iterdir())
        else:
            assert (out / "beispiel.docx").is_file()
        assert _fingerprint(project) == before
