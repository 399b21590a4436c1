"""Benchmark: the example report, stage by stage, and the whole build of PDF and DOCX.

Prints the time of loading and checking, composing, drawing every chart once (SVG and PNG),
and the wall time of ``build_report`` for PDF + DOCX from a clean output folder, with the
number of pages, figures and tables. Run: .venv/bin/python bench/report.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pypdf

from reportgen.build import BuildRequest, build_report
from reportgen.check import prepare_project
from reportgen.compose.model import Figure, Table, figures_of, walk
from reportgen.compose.report import compose_report
from reportgen.render.charts import ChartImages
from reportgen.resources import EXAMPLE_PROJECT


def main() -> None:
    start = time.perf_counter()
    project = prepare_project(EXAMPLE_PROJECT)
    loaded = time.perf_counter()
    document = compose_report(project).document
    composed = time.perf_counter()
    styles = project.config.styles
    images = ChartImages(styles.chart_style, styles.fonts)
    charts = [f.chart for f in figures_of(document) if isinstance(f, Figure)]
    for chart in charts:
        images.draw(chart)
    drawn = time.perf_counter()
    tables = sum(1 for node in walk(document.body) if isinstance(node, Table))

    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    try:
        begin = time.perf_counter()
        result = build_report(BuildRequest(EXAMPLE_PROJECT, out, ("pdf", "docx")))
        built = time.perf_counter() - begin
        pdf = next(path for path in result.written if path.suffix == ".pdf")
        pages = len(pypdf.PdfReader(pdf).pages)
    finally:
        shutil.rmtree(out, ignore_errors=True)

    print(f"Laden und prüfen:               {loaded - start:5.1f} s")
    print(f"Zusammenstellen:                {composed - loaded:5.1f} s")
    print(f"Diagramme zeichnen (SVG + PNG): {drawn - composed:5.1f} s ({len(charts)} Diagramme)")
    print(f"Bericht PDF + DOCX (Wanduhr):   {built:5.1f} s")
    print(f"Umfang:                         {pages} Seiten, {len(charts)} Abbildungen, {tables} Tabellen")


if __name__ == "__main__":
    main()
