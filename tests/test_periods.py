"""Period labels: every form German statistics offices write, sorted by time everywhere."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.check import prepare_project
from reportgen.compose.describe import key_statement
from reportgen.compose.districts import districts
from reportgen.compose.factsheet import compose_factsheet
from reportgen.compose.factsheet_plan import plan_factsheets
from reportgen.compose.indicators import default_selection
from reportgen.compose.model import Table, walk
from reportgen.load.periods import parse_period
from tests.builders import load, write_indicator
from tests.conftest import make_project


def at(day: date) -> float:
    """A day as years with a fraction: the documented sort key of a period starting that day."""
    length = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return day.year + (day - date(day.year, 1, 1)).days / length


@pytest.mark.parametrize(
    ("label", "start"),
    [
        # years
        ("2024", date(2024, 1, 1)),
        ("2024.0", date(2024, 1, 1)),
        (" 2024 ", date(2024, 1, 1)),
        # months and days
        ("2024-06", date(2024, 6, 1)),
        ("2024-06-30", date(2024, 6, 30)),
        ("30.06.2024", date(2024, 6, 30)),
        ("31.12.2024", date(2024, 12, 31)),
        ("Stichtag 31.12.2024", date(2024, 12, 31)),
        ("30. Juni 2024", date(2024, 6, 30)),
        ("06/2024", date(2024, 6, 1)),
        ("6/2024", date(2024, 6, 1)),
        ("06.2024", date(2024, 6, 1)),
        ("Juni 2025", date(2025, 6, 1)),
        ("Jun. 2025", date(2025, 6, 1)),
        ("Jun 2025", date(2025, 6, 1)),
        ("JUNI\xa02025", date(2025, 6, 1)),
        ("März 2025", date(2025, 3, 1)),
        ("Ma\u0308rz 2025", date(2025, 3, 1)),  # decomposed umlaut
        ("Maerz 2025", date(2025, 3, 1)),
        ("Sept. 2025", date(2025, 9, 1)),
        ("Dez 2025", date(2025, 12, 1)),
        # semesters
        ("WS 2023/24", date(2023, 10, 1)),
        ("WS 2023/2024", date(2023, 10, 1)),
        ("WiSe 2023/24", date(2023, 10, 1)),
        ("Wintersemester 2023/24", date(2023, 10, 1)),
        ("WS 1999/00", date(1999, 10, 1)),
        ("ws2023/24", date(2023, 10, 1)),
        ("SS 2024", date(2024, 4, 1)),
        ("SoSe 2024", date(2024, 4, 1)),
        ("Sommersemester 2024", date(2024, 4, 1)),
        # school years
        ("Schuljahr 2020/21", date(2020, 8, 1)),
        ("Schuljahr 2020/2021", date(2020, 8, 1)),
        ("SJ 2020/21", date(2020, 8, 1)),
        ("2020/21", date(2020, 8, 1)),
        ("2020/2021", date(2020, 8, 1)),
        ("Schuljahr 1999/2000", date(1999, 8, 1)),
        # quarters and half years
        ("2. Quartal 2024", date(2024, 4, 1)),
        ("II. Quartal 2024", date(2024, 4, 1)),
        ("2.Quartal 2024", date(2024, 4, 1)),
        ("Q2 2024", date(2024, 4, 1)),
        ("2024 Q2", date(2024, 4, 1)),
        ("2024-Q2", date(2024, 4, 1)),
        ("2024, 4. Quartal", date(2024, 10, 1)),
        ("2. Vierteljahr 2024", date(2024, 4, 1)),
        ("1. Halbjahr 2024", date(2024, 1, 1)),
        ("H1 2024", date(2024, 1, 1)),
        ("2. Hj. 2024", date(2024, 7, 1)),
        ("2024-H2", date(2024, 7, 1)),
        # pooled periods: where they begin
        ("2019–2022", date(2019, 1, 1)),
        ("2019—2022", date(2019, 1, 1)),
        ("2019-2022", date(2019, 1, 1)),
        ("2019 bis 2022", date(2019, 1, 1)),
    ],
)
def test_labels_start_where_their_period_starts(label: str, start: date) -> None:
    period = parse_period(label, 0)
    assert period.year == start.year
    assert period.sort_key == pytest.approx(at(start), abs=1e-9)
    assert period.label == ("2024" if label == "2024.0" else label.strip())


@pytest.mark.parametrize(
    "label",
    [
        "2024 / 2005",  # a comparison of two years
        "Schuljahr 2021/20",  # the second year must follow the first
        "WS 2023/25",
        "2020/22",
        "13/2024",
        "2024-13",
        "31.06.2024",
        "5. Quartal 2024",
        "3. Halbjahr 2024",
        "2022-2019",
        "0815",
        "Juno 2024",
        "Ø 2019–2022 nach Kreisen",
        "",
    ],
)
def test_other_labels_are_not_points_in_time(label: str) -> None:
    period = parse_period(label, 3)
    assert period.year is None
    assert period.label == label.strip()
    assert period.sort_key > parse_period("2999", 0).sort_key


def test_unreadable_labels_follow_the_readable_ones_in_order_of_appearance() -> None:
    labels = ["vorher", "2024", "2024 / 2005", "2020"]
    ordered = sorted(parse_period(label, position) for position, label in enumerate(labels))
    assert [p.label for p in ordered] == ["2020", "2024", "vorher", "2024 / 2005"]


def test_different_kinds_interleave_in_time() -> None:
    labels = ["Juni 2025", "2. Quartal 2024", "WS 2020/21", "WS 2023/24", "Schuljahr 2020/21"]
    ordered = sorted(parse_period(label, position) for position, label in enumerate(labels))
    assert [p.label for p in ordered] == [
        "Schuljahr 2020/21",
        "WS 2020/21",
        "WS 2023/24",
        "2. Quartal 2024",
        "Juni 2025",
    ]


def test_one_period_written_two_ways_gets_one_key() -> None:
    assert parse_period("WS 2023/24", 0).sort_key == parse_period("WS 2023/2024", 1).sort_key
    assert parse_period("2024", 0).sort_key == parse_period("1. Halbjahr 2024", 1).sort_key


# --- properties ---------------------------------------------------------------------------------

MONTHS = {
    1: ("Januar", "Jan.", "Jan"),
    2: ("Februar", "Feb."),
    3: ("März", "Maerz", "Mär.", "Mrz"),
    4: ("April", "Apr."),
    5: ("Mai",),
    6: ("Juni", "Jun.", "Jun"),
    7: ("Juli", "Jul."),
    8: ("August", "Aug."),
    9: ("September", "Sept.", "Sep"),
    10: ("Oktober", "Okt."),
    11: ("November", "Nov."),
    12: ("Dezember", "Dez."),
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Each kind of period: (year, a number choosing which one) → first day, the forms to write it in.
Written = tuple[date, list[str]]


def a_year(y: int, _: int) -> Written:
    return date(y, 1, 1), [str(y), f"{y}.0"]


def a_month(y: int, n: int) -> Written:
    m = n % 12 + 1
    names = [f"{name} {y}" for name in MONTHS[m]]
    return date(y, m, 1), [f"{y}-{m:02}", f"{m:02}/{y}", f"{m}/{y}", f"{m:02}.{y}", *names]


def a_day(y: int, n: int) -> Written:
    d = date(y, 1, 1) + timedelta(days=n % 365)
    return d, [d.isoformat(), f"{d:%d.%m.%Y}", f"{d.day}. {MONTHS[d.month][0]} {d.year}"]


def a_quarter(y: int, n: int) -> Written:
    q = n % 4 + 1
    labels = [f"{q}. Quartal {y}", f"{ROMAN[q]}. Quartal {y}", f"Q{q} {y}", f"{y} Q{q}"]
    return date(y, q * 3 - 2, 1), [*labels, f"{y}-Q{q}", f"{q}. Vierteljahr {y}"]


def a_half(y: int, n: int) -> Written:
    h = n % 2 + 1
    return date(y, h * 6 - 5, 1), [f"{h}. Halbjahr {y}", f"H{h} {y}", f"{h}. Hj. {y}"]


def a_semester(y: int, n: int) -> Written:
    if n % 2:
        return date(y, 4, 1), [f"SS {y}", f"SoSe {y}", f"Sommersemester {y}"]
    short, long = f"{y}/{(y + 1) % 100:02}", f"{y}/{y + 1}"
    return date(y, 10, 1), [f"WS {short}", f"WS {long}", f"WiSe {short}", f"WiSe {long}"]


def a_school_year(y: int, _: int) -> Written:
    short, long = f"{y}/{(y + 1) % 100:02}", f"{y}/{y + 1}"
    return date(y, 8, 1), [f"Schuljahr {short}", f"Schuljahr {long}", f"SJ {short}", short, long]


def a_year_range(y: int, n: int) -> Written:
    end = y + n % 10 + 1
    return date(y, 1, 1), [f"{y}–{end}", f"{y}-{end}", f"{y} bis {end}"]


KINDS = [a_year, a_month, a_day, a_quarter, a_half, a_semester, a_school_year, a_year_range]
SPELLINGS: list[Callable[[str], str]] = [
    str,
    str.upper,
    str.lower,
    lambda text: text.replace(" ", "\xa0"),
    lambda text: text.replace("-", "–"),
    lambda text: f"  {text} ",
]


def written(draw: st.DrawFn, period: Written) -> tuple[date, str]:
    start, labels = period
    return start, draw(st.sampled_from(SPELLINGS))(draw(st.sampled_from(labels)))


@st.composite
def periods(draw: st.DrawFn, first: int = 1950, last: int = 2100) -> tuple[date, str]:
    """Any kind of period starting between two years, in any of its forms and spellings."""
    kind = draw(st.sampled_from(KINDS))
    return written(draw, kind(draw(st.integers(first, last)), draw(st.integers(0, 1000))))


@st.composite
def mixes(draw: st.DrawFn) -> list[tuple[date, str]]:
    """Periods of two neighbouring years among every month of them, shuffled, so that each
    meets its neighbours in time (Schuljahr and August, WS and 4. Quartal)."""
    first = draw(st.integers(1950, 2099))
    calendar = [written(draw, a_month(y, n)) for y in (first, first + 1) for n in range(12)]
    others = draw(st.lists(periods(first, first + 1), min_size=1, max_size=12))
    mixed = calendar + others
    draw(st.randoms(use_true_random=False)).shuffle(mixed)
    return mixed


@given(mixes())
def test_any_mix_of_forms_sorts_in_time(generated: list[tuple[date, str]]) -> None:
    parsed = [(start, parse_period(label, i)) for i, (start, label) in enumerate(generated)]
    for start, period in parsed:
        assert period.year == start.year, period.label
    by_start = sorted(parsed, key=lambda pair: pair[0])
    for (start_a, a), (start_b, b) in itertools.pairwise(by_start):
        if start_a < start_b:
            assert a.sort_key < b.sort_key, (a.label, b.label)
        else:  # a tie is allowed, and required, only for the same start
            assert a.sort_key == b.sort_key, (a.label, b.label)


@given(periods())
def test_a_parsed_label_reads_the_same_again(generated: tuple[date, str]) -> None:
    period = parse_period(generated[1], 0)
    assert parse_period(period.label, 7) == period


PERIODISH = st.text(alphabet="0123456789 ./-–QqHhSsWJjQuartlbi\xa0", max_size=16)


@given(st.one_of(st.text(), PERIODISH), st.integers(0, 100_000))
def test_any_text_parses_without_error(text: str, position: int) -> None:
    period = parse_period(text, position)
    if period.year is None:
        assert period.sort_key == 1_000_000 + position
        assert period.label == text.strip()
    else:
        assert 1000 <= period.year <= 2999
        assert int(period.sort_key) == period.year


# --- everywhere: selections, key statements, fact sheets ------------------------------------------

MIXED = "WS 2023/24,{}\nJuni 2025,{}\nSchuljahr 2020/21,{}\n2. Quartal 2024,{}\n"
IN_TIME = ("Schuljahr 2020/21", "WS 2023/24", "2. Quartal 2024", "Juni 2025")


def test_selections_and_key_statements_follow_time(tmp_path: Path) -> None:
    write_indicator(tmp_path, "1-1-1", "Year,Value\n" + MIXED.format(3, 4, 1, 2))
    selection = default_selection(load(tmp_path).indicators["1-1-1"])
    assert selection.periods == IN_TIME
    assert selection.main.latest(selection.periods) == ("Juni 2025", 4.0)
    assert key_statement(selection) == (
        "Insgesamt stieg der Wert von 1 (Schuljahr 2020/21) auf 4 (Juni 2025)."
    )


def _rows(area: str, code: str, table: str, values: tuple[int, ...]) -> str:
    return "".join(
        f'{period},"{area}",{code},{value}\n'
        for period, value in zip(table.splitlines(), values, strict=True)
    )


def test_fact_sheets_take_the_latest_period_in_time(tmp_path: Path) -> None:
    project_dir = make_project(tmp_path)
    data = project_dir / "daten" / "data"
    periods = MIXED.replace(",{}", "")
    header = "Year,Gebietseinheit,GeoCode,Value\n"
    (data / "indicator_1-1-1.csv").write_text(
        header
        + _rows("Niedersachsen", "K030", periods, (10, 11, 12, 13))
        + _rows("Braunschweig, Stadt", "K03101", periods, (1, 2, 3, 4)),
        encoding="utf-8",
    )
    # a later year in the label text, an earlier start in time
    (data / "indicator_1-2-1.csv").write_text(
        header
        + _rows("Niedersachsen", "K030", "2024\nWS 2024/2025", (5, 6))
        + _rows("Braunschweig, Stadt", "K03101", "2024\nWS 2024/2025", (7, 8)),
        encoding="utf-8",
    )
    config = project_dir / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "steckbrief:\n  kennzahlen:\n    - indikator: 1-2-1\n    - indikator: 1-1-1\n"
        "  diagramme: []\n",
        encoding="utf-8",
    )
    project = prepare_project(project_dir)
    (district,) = districts(project.dataset)
    sheet = compose_factsheet(project, district, None, plan_factsheets(project))
    (table,) = [node for node in walk(sheet.body) if isinstance(node, Table)]
    stand = [row.cells[2] for row in table.rows]
    assert stand == ["WS 2024/2025", "Juni 2025"]
    assert [row.cells[0] for row in table.rows] == ["8", "2"]
    assert sheet.meta.subject.endswith("Daten bis Juni 2025")
