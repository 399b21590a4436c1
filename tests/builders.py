"""One-line builders for tiny Open SDG data folders in tests."""

from __future__ import annotations

import shutil
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


def project_with_data(
    tmp_path: Path, indicators: dict[str, tuple[str, str]], config: str = ""
) -> Path:
    """The mini project's configuration and texts over a data folder of ``indicators``
    (id → CSV, metadata front matter)."""
    target = tmp_path / "projekt"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", target)
    shutil.rmtree(target / "daten" / "data")
    shutil.rmtree(target / "daten" / "meta")
    for text in (target / "texte" / "indikatoren").glob("*.md"):
        text.unlink()
    (target / "texte" / "zusammenfassung.md").unlink()  # it names the mini project's data
    for indicator_id, (csv, meta) in indicators.items():
        write_indicator(target / "daten", indicator_id, csv, meta)
    path = target / "reportgen.yml"
    kept = path.read_text(encoding="utf-8").split("bekannte_datenfehler:")[0]
    path.write_text(kept + config, encoding="utf-8")
    return target
