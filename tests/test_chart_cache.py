"""The chart cache on disk: a picture drawn once is read back, byte for byte; anything that
shapes a picture changes its name; a cache that cannot be used never stops a build."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.compose.model import ChartKind, ChartSeries, ChartSpec, MapShape, MapSpec
from reportgen.render import chartcache, charts
from reportgen.render.chartcache import ChartCache, default_folder, open_cache
from reportgen.resources import DEFAULT_STYLES

STYLE = DEFAULT_STYLES / "report.mplstyle"
FONTS = DEFAULT_STYLES / "fonts"


def chart(values: tuple[float | None, ...] = (1.0, 2.5, 3.0)) -> ChartSpec:
    return ChartSpec(
        kind=ChartKind.LINE,
        categories=tuple(str(2020 + i) for i in range(len(values))),
        series=(ChartSeries("Insgesamt", values, look=0, emphasis=True),),
        axis_label="in %",
        decimals=1,
        positions=tuple(float(2020 + i) for i in range(len(values))),
    )


def locator() -> MapSpec:
    square = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0))
    moved = tuple((x + 1.0, y) for x, y in square)
    return MapSpec((MapShape("03101", (square,), True), MapShape("03102", (moved,), False)))


def store(folder: Path, style: Path = STYLE, fonts: Path = FONTS) -> charts.ChartImages:
    return charts.ChartImages(style, fonts, ("svg", "png"), dpi=50, disk=ChartCache(folder))


def never_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("drawn although the cache has the picture")

    monkeypatch.setattr(charts, "draw", fail)
    monkeypatch.setattr(charts, "draw_map", fail)


def test_a_second_store_reads_every_picture_back_without_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store(tmp_path)
    drawn = {
        (fmt, spec): first._get(spec, fmt)
        for spec in (chart(), locator())
        for fmt in ("svg", "png")
    }
    never_draw(monkeypatch)
    second = store(tmp_path)
    assert second.load(chart()) and second.load(locator())
    assert {(fmt, spec): second._get(spec, fmt) for fmt, spec in drawn} == drawn
    assert second.disk is not None and second.disk.hits >= 4


def test_cached_pictures_are_the_bytes_drawing_gives(tmp_path: Path) -> None:
    cached = store(tmp_path)
    cached.draw(chart())
    fresh = charts.ChartImages(STYLE, FONTS, ("svg", "png"), dpi=50)
    assert store(tmp_path).svg(chart()) == fresh.svg(chart())
    assert store(tmp_path).png(chart()) == fresh.png(chart())


def test_only_the_formats_asked_for_are_drawn_and_the_rest_later(tmp_path: Path) -> None:
    images = store(tmp_path)
    images.draw(chart(), ("svg",))
    assert images.load(chart(), ("svg",))
    assert not store(tmp_path).load(chart())  # the PNG is not drawn yet
    assert images.png(chart()).startswith(b"\x89PNG")
    assert store(tmp_path).load(chart())


def test_content_style_and_resolution_name_the_picture(tmp_path: Path) -> None:
    images = store(tmp_path)
    names = {
        images._name(chart(), "svg"),
        images._name(chart((1.0, 2.5, 3.5)), "svg"),
        images._name(replace(chart(), axis_label="Anzahl"), "svg"),
        images._name(chart(), "png"),
        charts.ChartImages(STYLE, FONTS, dpi=60, disk=ChartCache(tmp_path))._name(chart(), "png"),
    }
    assert len(names) == 5
    own = tmp_path / "stil"
    shutil.copytree(DEFAULT_STYLES, own, ignore=shutil.ignore_patterns("fonts"))
    (own / "report.mplstyle").write_text(
        STYLE.read_text(encoding="utf-8") + "\ngrid.color: 000000\n", encoding="utf-8"
    )
    assert store(tmp_path, own / "report.mplstyle")._name(chart(), "svg") not in names


def test_every_detail_of_a_locator_map_names_it(tmp_path: Path) -> None:
    images = store(tmp_path)
    base = locator()
    first, second = base.shapes
    nudged = MapShape(first.key, (((0.0, 0.0), (1.0, 0.0), (1.0, 1.5), (0.0, 0.0)),), True)
    variants = [
        base,
        replace(base, marker="Emden"),
        replace(
            base, shapes=(replace(first, highlighted=False), replace(second, highlighted=True))
        ),
        replace(base, shapes=(nudged, second)),
        replace(base, shapes=(first,)),
    ]
    assert len({images._name(spec, "png") for spec in variants}) == len(variants)
    assert images._name(locator(), "png") == images._name(base, "png")  # equal: same name


def test_a_changed_companion_style_or_font_changes_the_name(tmp_path: Path) -> None:
    own = tmp_path / "stil"
    shutil.copytree(DEFAULT_STYLES, own)
    before = store(tmp_path, own / "report.mplstyle", own / "fonts")._name(locator(), "png")
    with (own / "karte.mplstyle").open("a", encoding="utf-8") as stream:
        stream.write("\nfigure.figsize: 2.0, 2.0\n")
    after = store(tmp_path, own / "report.mplstyle", own / "fonts")._name(locator(), "png")
    font = next((own / "fonts").glob("*.ttf"))
    font.write_bytes(font.read_bytes() + b"\0")
    changed_font = store(tmp_path, own / "report.mplstyle", own / "fonts")._name(locator(), "png")
    assert len({before, after, changed_font}) == 3


def test_a_changed_picture_in_the_cache_is_never_mixed_up(tmp_path: Path) -> None:
    """Entries are found by name only: a different chart never meets another's picture."""
    store(tmp_path).draw(chart())
    other = store(tmp_path)
    assert not other.load(chart((9.0, 9.0, 9.0)))


def test_an_unwritable_cache_folder_only_costs_the_drawing(tmp_path: Path) -> None:
    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner", encoding="utf-8")
    images = charts.ChartImages(STYLE, FONTS, ("svg",), disk=ChartCache(blocked / "cache"))
    assert images.svg(chart()).startswith(b"<?xml")
    assert images.disk is not None and images.disk.misses == 1


def test_a_broken_entry_name_is_a_miss_not_an_error(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    cache.put("a.svg", b"<svg/>")
    assert cache.get("a.svg") == b"<svg/>"
    assert cache.get("b.svg") is None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".a.svg")]  # no leftovers


def test_pruning_deletes_the_entries_used_longest_ago(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, limit=3000)
    for number in range(5):
        cache.put(f"{number}.png", bytes(1000))
        os.utime(tmp_path / f"{number}.png", (1_000_000 + number, 1_000_000 + number))
    cache.get("0.png")  # used now: kept
    assert cache.prune(force=True) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "0.png",
        "4.png",
    ]
    assert cache.prune() == 0  # looked at within the hour


@pytest.mark.parametrize("setting", ["aus", "off", "0", ""])
def test_the_environment_switches_the_cache_off(
    setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(chartcache.ENV, setting)
    assert default_folder() is None and open_cache() is None


def test_the_environment_names_the_folder_else_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(chartcache.ENV, str(tmp_path / "bilder"))
    assert default_folder() == tmp_path / "bilder"
    monkeypatch.delenv(chartcache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "reportgen" / "cache"


def test_a_rebuild_from_the_cache_gives_the_same_files_and_draws_nothing(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.build import BuildRequest, build_report

    monkeypatch.setenv(chartcache.ENV, str(tmp_path / "cache"))
    first = build_report(BuildRequest(mini_project, tmp_path / "eins", ("pdf", "docx")))
    assert any((tmp_path / "cache").iterdir())
    never_draw(monkeypatch)  # here and in the processes forked to draw
    second = build_report(BuildRequest(mini_project, tmp_path / "zwei", ("pdf", "docx")))
    assert [p.name for p in first.written] == [p.name for p in second.written]
    for one, two in zip(first.written, second.written, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
