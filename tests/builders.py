"""One-line builders for tiny Open SDG data folders in tests."""

from __future__ import annotations

from pathlib import Path

from reportgen.compose.model import (
    BulletList,
    Document,
    Heading,
    Paragraph,
    Part,
    Role,
    plain_text,
    walk,
)
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


def texts(document: Document) -> list[str]:
    """The plain text of every paragraph, heading and list item of a document, in order."""
    found: list[str] = []
    for node in walk(document.body):
        if isinstance(node, Paragraph):
            found.append(plain_text(node.inlines))
        elif isinstance(node, Heading):
            found.append(f"{node.number} {node.text}".strip())
        elif isinstance(node, BulletList):
            found.extend(plain_text(item) for item in node.items)
    return found


def parts(document: Document, role: Role) -> list[Part]:
    """Every part of a role, in reading order."""
    return [node for node in walk(document.body) if isinstance(node, Part) and node.role == role]
