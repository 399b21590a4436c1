"""One-line builders for tiny Open SDG data folders in tests."""

from __future__ import annotations

from pathlib import Path

from reportgen.load.opensdg import Dataset, Indicator, load_dataset


def write_indicator(root: Path, indicator_id: str, csv: str | bytes, meta: str = "") -> Path:
    """Write ``data/indicator_<id>.csv`` and ``meta/<id>.md`` (front matter ``meta``)."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "meta").mkdir(parents=True, exist_ok=True)
    path = root / "data" / f"indicator_{indicator_id}.csv"
    if isinstance(csv, bytes):
        path.write_bytes(csv)
    else:
        path.write_text(csv, encoding="utf-8")
    (root / "meta" / f"{indicator_id}.md").write_text(f"---\n{meta}\n---\n", encoding="utf-8")
    return path


def make_indicator(
    tmp_path: Path, values: dict[int | str, float], meta: str = "", indicator_id: str = "3-1-1"
) -> Indicator:
    """An indicator with one headline series: ``make_indicator(tmp, {2015: 10.0, 2020: 8.0})``."""
    rows = "\n".join(f"{year},{value}" for year, value in values.items())
    write_indicator(tmp_path, indicator_id, f"Year,Value\n{rows}\n", meta)
    return load(tmp_path).indicators[indicator_id]


def load(root: Path) -> Dataset:
    return load_dataset(root)
