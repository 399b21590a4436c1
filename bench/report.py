"""Benchmark: the example report, stage by stage, and the whole build of PDF and DOCX.

Prints the time of loading and checking, composing and drawing every chart once (SVG and PNG,
one process), then the wall time of ``build_report`` for PDF + DOCX into a clean output folder
(median of ``--runs``): with an empty chart cache (every chart drawn) and with the cache the
previous build left (a rebuild after a text edit draws no chart). The goal is below 12 s.
Prints the machine's load with the figures: on a busy machine every figure grows.

Run: .venv/bin/python bench/report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pypdf

from reportgen.build import BuildRequest, build_report
from reportgen.check import prepare_project
from reportgen.compose.model import Table, walk
from reportgen.compose.report import compose_report
from reportgen.render.chartcache import ENV
from reportgen.render.chartpool import picture_specs
from reportgen.render.charts import ChartImages
from reportgen.resources import EXAMPLE_PROJECT

GOAL_SECONDS = 12.0


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"Last {one:.1f} (5 min: {five:.1f}) auf {os.cpu_count()} Kernen"


def build(cache: Path) -> tuple[float, Path]:
    """One build of PDF + DOCX into a new folder; its wall time and the PDF."""
    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    os.environ[ENV] = str(cache)
    try:
        begin = time.perf_counter()
        result = build_report(BuildRequest(EXAMPLE_PROJECT, out, ("pdf", "docx")))
        seconds = time.perf_counter() - begin
        pdf = next(path for path in result.written if path.suffix == ".pdf")
        kept = Path(tempfile.mkdtemp(prefix="reportgen-bench-pdf-")) / pdf.name
        shutil.move(pdf, kept)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return seconds, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(f"Vorher: {load()}")
    start = time.perf_counter()
    project = prepare_project(EXAMPLE_PROJECT)
    loaded = time.perf_counter()
    document = compose_report(project).document
    composed = time.perf_counter()
    styles = project.config.styles
    images = ChartImages(styles.chart_style, styles.fonts)  # no disk cache: every chart drawn
    specs = picture_specs(document)
    for spec in specs:
        images.draw(spec)
    drawn = time.perf_counter()
    tables = sum(1 for node in walk(document.body) if isinstance(node, Table))

    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-cache-"))
    cold, warm = [], []
    pages = 0
    try:
        for run in range(runs):
            cache = folder / f"lauf-{run}"
            seconds, pdf = build(cache)  # empty cache
            cold.append(seconds)
            seconds, pdf = build(cache)  # the cache of the build before
            warm.append(seconds)
            pages = len(pypdf.PdfReader(pdf).pages)
            shutil.rmtree(pdf.parent, ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(ENV, None)

    def figures(times: list[float]) -> str:
        median = statistics.median(times)
        mark = "erreicht" if median < GOAL_SECONDS else "verfehlt"
        listed = ", ".join(f"{t:.1f}" for t in times)
        return f"{median:5.1f} s (Median von {listed} s; Ziel unter {GOAL_SECONDS:.0f} s: {mark})"

    print(f"Laden und prüfen:                     {loaded - start:5.1f} s")
    print(f"Zusammenstellen:                      {composed - loaded:5.1f} s")
    print(
        f"Diagramme zeichnen (SVG + PNG, 1 Kern): {drawn - composed:5.1f} s "
        f"({len(specs)} Diagramme und Karten)"
    )
    print(f"Bericht PDF + DOCX, leerer Diagramm-Cache:  {figures(cold)}")
    print(f"Bericht PDF + DOCX, Diagramme im Cache:     {figures(warm)}")
    print(f"Umfang: {pages} Seiten, {len(specs)} Abbildungen, {tables} Tabellen")
    print(f"Nachher: {load()}")


if __name__ == "__main__":
    main()
