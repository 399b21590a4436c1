"""One rounding for every printed value: half up ("kaufmännisch"), for one value or an array."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reportgen.compose.formatting import (
    format_cell,
    format_number,
    printed_change,
    round_half_up,
    round_half_up_array,
)

DECIMALS = st.integers(min_value=0, max_value=6)
FINITE = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def near_ties(draw: st.DrawFn) -> tuple[float, int]:
    """A decimal half (2.675, −0.125 …) as written in data, or one of the floats beside it."""
    decimals = draw(DECIMALS)
    whole = draw(st.integers(min_value=-(10**12), max_value=10**12))
    value = float(f"{whole}5e-{decimals + 1}")
    step = draw(st.sampled_from((0, 1, -1, 2, -2)))
    for _ in range(abs(step)):
        value = math.nextafter(value, math.copysign(math.inf, step))
    return value, decimals


def same(a: float, b: float) -> bool:
    """Equal, and zero with the same sign (−0.0 stays −0.0, as in the scalar helper)."""
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.125, 2, 0.13),
        (2.675, 2, 2.68),  # stored as 2.67499999999999982…; the data said 2.675
        (1.005, 2, 1.01),
        (0.285, 2, 0.29),
        (2.5, 0, 3.0),
        (3.5, 0, 4.0),
        (-2.5, 0, -3.0),  # away from zero
        (-0.25, 1, -0.3),
        (0.12499999999999999, 2, 0.12),  # the float just below 0.125
        (1234.5, -1, 1230.0),
    ],
)
def test_half_rounds_up_away_from_zero(value: float, decimals: int, expected: float) -> None:
    assert round_half_up(value, decimals) == expected
    assert round_half_up_array(np.array([value]), decimals)[0] == expected


def test_python_round_would_disagree_with_the_tables() -> None:
    """Why ``round()`` is not used: it rounds half to even, on the binary value."""
    assert (round(2.5), round(2.675, 2), round(0.125, 2)) == (2, 2.67, 0.12)
    assert format_number(2.675, 2) == "2,68"


@given(value=FINITE, decimals=DECIMALS)
@example(value=2.675, decimals=2)
@example(value=-0.0, decimals=1)
@example(value=-0.04, decimals=1)
@example(value=1e300, decimals=6)
@example(value=281474976710656.5, decimals=0)  # 2^48 + ½: through the scalar helper
@example(value=5e-324, decimals=6)
def test_array_twin_agrees_with_the_scalar_helper(value: float, decimals: int) -> None:
    assert same(round_half_up_array(np.array([value]), decimals)[0], round_half_up(value, decimals))


@given(near=near_ties())
def test_array_twin_agrees_at_and_beside_every_half(near: tuple[float, int]) -> None:
    value, decimals = near
    assert same(round_half_up_array(np.array([value]), decimals)[0], round_half_up(value, decimals))


@given(values=st.lists(st.tuples(FINITE, DECIMALS), max_size=50))
def test_array_twin_rounds_each_element_with_its_own_decimals(
    values: list[tuple[float, int]],
) -> None:
    numbers = np.array([v for v, _ in values], dtype=float)
    decimals = np.array([d for _, d in values], dtype=int)
    rounded = round_half_up_array(numbers, decimals)
    assert all(same(r, round_half_up(v, d)) for r, (v, d) in zip(rounded, values, strict=True))


def test_a_series_keeps_index_and_name_and_missing_values_stay_missing() -> None:
    series = pd.Series([2.675, float("nan"), -0.125], index=[3, 1, 2], name="Wert")
    rounded = round_half_up_array(series, 2)
    assert isinstance(rounded, pd.Series)
    assert (list(rounded.index), rounded.name) == ([3, 1, 2], "Wert")
    assert rounded[3] == 2.68 and math.isnan(rounded[1]) and rounded[2] == -0.13
    infinite = round_half_up_array(np.array([math.inf, -math.inf]), 1)
    assert list(infinite) == [math.inf, -math.inf]


def test_decimals_must_be_whole_numbers() -> None:
    with pytest.raises(TypeError):
        round_half_up_array(np.array([1.0]), np.array([1.5]))


def test_a_cell_below_half_a_unit_shows_zero_at_exactly_half_the_next_unit() -> None:
    assert format_cell(0.049999999999999996, 1) == "0,0"
    assert format_cell(0.05, 1) == "0,1"
    assert format_cell(-0.04, 1) == "0,0"  # no "−0,0"


@pytest.mark.parametrize(
    ("old", "new", "decimals", "expected"),
    [
        (12.34, 12.25, 1, (0.0, 0.0)),  # both print as 12,3
        (5.1, 12.3, 1, (7.2, 7.2 / 5.1 * 100)),  # 12.3 - 5.1 is 7.199999999999999 in floats
        (-10.0, -5.0, 0, (5.0, 50.0)),  # the per cent of |old|: same sign as the difference
        (0.04, 3.0, 1, (3.0, None)),  # the old value prints as 0,0: no per cent
        (2.675, 2.665, 2, (-0.01, -0.01 / 2.68 * 100)),
    ],
)
def test_changes_are_taken_between_printed_values(
    old: float, new: float, decimals: int, expected: tuple[float, float | None]
) -> None:
    difference, relative = printed_change(old, new, decimals)
    assert difference == pytest.approx(expected[0], abs=1e-12)
    if expected[1] is None:
        assert relative is None
    else:
        assert relative == pytest.approx(expected[1])
