"""Indicator tables kept on disk: a table read once comes back equal, with its problems, at
the file's present path; a change to the text or the settings reads the CSV again; a cache
that is off or damaged never changes what is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from reportgen.diskcache import DiskCache
from reportgen.errors import Problem
from reportgen.load import opensdg
from reportgen.load.observations import load_table
from reportgen.load.tablecache import SUFFIX, TableCache

CSV = (
    "Year,Geschlecht,GeoCode,Value\n"
    "2023,Insgesamt,03,10.5\n"
    "2024,Insgesamt,03,abc\n"  # not a number: an error with line and column
    "2024,Frauen,03,4.0\n"
)


class Counting:
    """load_table, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args):  # type: ignore[no-untyped-def]
        self.calls += 1
        return load_table(*args)


def read(cache: TableCache, path: Path, text: str = CSV, flags: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    problems: list[Problem] = []
    loaded = cache(path, text, flags or {}, problems, "1-1-1", ())
    return loaded, problems


def test_a_table_read_once_comes_back_equal_with_its_problems(tmp_path: Path) -> None:
    loader = Counting()
    cache = TableCache(loader, DiskCache(tmp_path / "cache"))
    first, first_problems = read(cache, tmp_path / "a.csv")
    second, second_problems = read(cache, tmp_path / "a.csv")
    assert loader.calls == 1
    assert first is not None and second is not None
    pd.testing.assert_frame_equal(first[0], second[0])
    assert first[1] == second[1]
    assert first_problems == second_problems
    assert any(p.location and p.location.line == 3 for p in second_problems)


def test_problems_name_the_file_where_it_is_now(tmp_path: Path) -> None:
    loader = Counting()
    cache = TableCache(loader, DiskCache(tmp_path / "cache"))
    read(cache, tmp_path / "alt" / "a.csv")
    _, problems = read(cache, tmp_path / "neu" / "a.csv")
    assert loader.calls == 1
    assert problems and all(
        p.location and p.location.path == tmp_path / "neu" / "a.csv" for p in problems
    )


def test_text_and_settings_name_the_entry(tmp_path: Path) -> None:
    loader = Counting()
    cache = TableCache(loader, DiskCache(tmp_path / "cache"))
    read(cache, tmp_path / "a.csv")
    changed, _ = read(cache, tmp_path / "a.csv", CSV.replace("10.5", "11.5"))
    assert loader.calls == 2
    assert changed is not None and 11.5 in set(changed[0]["_value"])
    read(cache, tmp_path / "a.csv", flags={"p": "vorläufig"})
    assert loader.calls == 3
    assert len(list((tmp_path / "cache").glob(f"*{SUFFIX}"))) == 3


def test_a_damaged_entry_is_read_from_the_csv(tmp_path: Path) -> None:
    loader = Counting()
    cache = TableCache(loader, DiskCache(tmp_path / "cache"))
    expected, _ = read(cache, tmp_path / "a.csv")
    for entry in (tmp_path / "cache").glob(f"*{SUFFIX}"):
        entry.write_bytes(b"kein pickle")
    again, problems = read(cache, tmp_path / "a.csv")
    assert loader.calls == 2
    assert expected is not None and again is not None
    pd.testing.assert_frame_equal(expected[0], again[0])
    assert problems


def test_a_dataset_from_the_cache_equals_one_read_from_the_files(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.load.project import load_project

    monkeypatch.setenv("REPORTGEN_CACHE", "aus")
    plain = load_project(mini_project)
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / "cache"))
    load_project(mini_project)  # fills the cache
    monkeypatch.setattr(opensdg, "load_table", _never)
    cached = load_project(mini_project)
    assert list(cached.dataset.indicators) == list(plain.dataset.indicators)
    for key, indicator in plain.dataset.indicators.items():
        pd.testing.assert_frame_equal(indicator.frame, cached.dataset.indicators[key].frame)
    assert cached.problems == plain.problems
    shutil.rmtree(tmp_path / "cache")


def _never(*_: object) -> None:
    raise AssertionError("read from the CSV although the cache has the table")


def test_map_outlines_come_back_from_the_cache_with_their_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.load import geodata

    square = [[[9.0, 52.0], [9.1, 52.0], [9.1, 52.1], [9.0, 52.1], [9.0, 52.0]]]
    features = [
        {"properties": {"AGS": "03101"}, "geometry": {"type": "Polygon", "coordinates": square}}
    ]
    good = tmp_path / "kreise.geojson"
    good.write_text(
        '{"type": "FeatureCollection", "features": ' + repr(features).replace("'", '"') + "}",
        encoding="utf-8",
    )
    broken = tmp_path / "kaputt.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / "cache"))
    first_problems: list[Problem] = []
    first = geodata.load_district_map(tmp_path, {"03101"}, None, first_problems)
    monkeypatch.setattr(geodata, "_outlines", _never)
    again_problems: list[Problem] = []
    again = geodata.load_district_map(tmp_path, {"03101"}, None, again_problems)
    assert first is not None and again == first
    assert again_problems == first_problems and "kaputt.geojson" in str(again_problems[0])
