"""The Zeichenerklärung in one place: every suppressing sign hides the value everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.compare.editions import diff_indicator
from reportgen.compose.formatting import format_cell
from reportgen.compose.indicators import default_selection
from reportgen.load.opensdg import SIGN, load_dataset
from reportgen.load.signs import (
    APPENDED,
    BRACKETED,
    NOTHING,
    SIGNS,
    SUPPRESSING,
    UNKNOWN,
    legend_sign,
    signs_in,
)
from reportgen.load.values import _combine
from tests.builders import write_indicator

PACKAGE = Path(__file__).parents[1] / "reportgen"


def test_the_named_signs_are_signs_of_the_legend() -> None:
    assert SUPPRESSING.issubset(SIGNS)
    assert {*APPENDED, BRACKETED, NOTHING, UNKNOWN}.issubset(SIGNS)
    assert UNKNOWN in SUPPRESSING and NOTHING not in SUPPRESSING


def test_no_module_spells_the_suppressing_signs_again() -> None:
    """A tuple or set of two or more of ". / x …" in code is a copy of ``SUPPRESSING``."""
    literal = r"[\"'](?:\.|/|x|…)[\"']"
    copy = re.compile(rf"[(\[{{]\s*{literal}(?:\s*,\s*{literal})+")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "signs.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if copy.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("sign", sorted(SUPPRESSING))
def test_every_suppressing_sign_hides_the_value_in_tables_text_and_comparison(
    tmp_path: Path, sign: str
) -> None:
    csv = "Year,COMMENT_OBS,Value\n2020,,4\n2021,Merkmal,99\n"
    write_indicator(tmp_path / "alt", "1-1-1", csv.replace("Merkmal", ""))
    write_indicator(tmp_path / "neu", "1-1-1", csv)
    old = load_dataset(tmp_path / "alt").indicators["1-1-1"]
    new = load_dataset(tmp_path / "neu", {"Merkmal": sign}).indicators["1-1-1"]
    assert new.frame[SIGN].iloc[1] == sign
    point = default_selection(new).main.points["2021"]
    assert (point.value, point.sign) == (None, sign)
    assert format_cell(99.0, 0, sign) == sign
    (revision,) = diff_indicator(old, new).examples
    assert (revision.old, revision.new) == ("99", f"nicht ausgewiesen ({sign})")


@pytest.mark.parametrize(
    ("cell", "flag", "expected"),
    [
        ("", "p", "p"),  # a flag marks a plain number
        (UNKNOWN, "/", "/"),  # … or says why an empty cell is empty
        (UNKNOWN, "…", "…"),
        ("x", "p", "x"),  # a suppressed cell stays suppressed
        ("…", "r", "…"),
        (NOTHING, "p", NOTHING),
        (NOTHING, "…", "…"),  # a suppressing flag always wins, "…" like the others
        (NOTHING, "x", "x"),
        ("x", "…", "…"),
        (BRACKETED, ".", "."),
    ],
)
def test_a_flag_and_the_sign_in_the_value_cell(cell: str, flag: str, expected: str) -> None:
    assert _combine(cell, flag) == expected


def test_a_figure_that_comes_later_hides_a_zero(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,COMMENT_OBS,Value\n2020,Angabe fällt später an,-\n")
    indicator = load_dataset(tmp_path).indicators["1-1-1"]
    assert indicator.frame[SIGN].iloc[0] == "…"
    assert default_selection(indicator).main.points["2020"].value is None


def test_signs_a_cell_shows_for_the_legend() -> None:
    assert signs_in("(12,0)") == {BRACKETED}
    assert signs_in("3,0 p") == {"p"}
    assert signs_in("…") == {"…"}
    assert legend_sign(BRACKETED) == "( )"
