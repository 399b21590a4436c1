"""Benchmark: all Steckbriefe of the example project in PDF and DOCX, from a clean output folder.

Prints the total wall time (median of ``--runs``) with an empty chart cache and with the cache
the run before left, the time per fact sheet and format, and peak memory (main process plus all
workers, sampled from /proc every 0.1 s). The goal is below 10 s.
Run: .venv/bin/python bench/steckbriefe.py [--jobs N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from reportgen.batch import BatchResult, FactsheetRequest, build_factsheets
from reportgen.render.chartcache import ENV
from reportgen.resources import EXAMPLE_PROJECT

FORMATS = ("pdf", "docx")
GOAL_SECONDS = 10.0


def _rss_tree(root: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat[1])
        rss = next(
            (line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")), "0"
        )
        sizes[int(entry)] = int(rss) * 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += sizes.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


class PeakMemory(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, _rss_tree(os.getpid()))
            time.sleep(0.1)


def run(args: argparse.Namespace, cache: Path) -> tuple[float, BatchResult, int]:
    """One batch into a clean output folder with the chart cache in ``cache``: wall time,
    result and peak memory."""
    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    os.environ[ENV] = str(cache)
    monitor = PeakMemory()
    monitor.start()
    started = time.perf_counter()
    try:
        result = build_factsheets(
            FactsheetRequest(args.project, out, formats=tuple(FORMATS), jobs=args.jobs)
        )
    finally:
        wall = time.perf_counter() - started
        monitor.running = False
        monitor.join()
        shutil.rmtree(out, ignore_errors=True)
    return wall, result, monitor.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--project", type=Path, default=EXAMPLE_PROJECT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"Vorher: Last {one:.1f} (5 min: {five:.1f}) auf {os.cpu_count()} Kernen")
    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-cache-"))
    cold: list[float] = []
    warm: list[float] = []
    try:
        for number in range(args.runs):
            cache = folder / f"lauf-{number}"
            wall, result, peak = run(args, cache)  # empty cache: every chart drawn
            cold.append(wall)
            wall, result, peak = run(args, cache)  # the charts of the run before
            warm.append(wall)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(ENV, None)
    count = len(result.sheets)
    worker_seconds = sum(sheet.seconds for sheet in result.sheets)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"Steckbriefe:                {count} ({len(result.failed)} fehlgeschlagen)")
    print(f"Formate:                    {', '.join(FORMATS)} + Sammel-PDF")
    print(f"Prozesse:                   {args.jobs or os.cpu_count()}")
    print(f"Gesamtzeit, leerer Diagramm-Cache:   {figures(cold)}")
    print(f"Gesamtzeit, Diagramme im Cache:      {figures(warm)}")
    print(
        f"je Steckbrief und Format:   {statistics.median(warm) / (count * len(FORMATS)):.2f} s "
        f"(Wanduhr), {worker_seconds / (count * len(FORMATS)):.2f} s (Rechenzeit im Prozess)"
    )
    print(
        f"Spitzenspeicher gesamt:     {peak / 2**20:.0f} MiB "
        f"(größter Einzelprozess: {children:.0f} MiB)"
    )
    one, five, _ = os.getloadavg()
    print(f"Nachher: Last {one:.1f} (5 min: {five:.1f})")


def figures(times: list[float]) -> str:
    median = statistics.median(times)
    mark = "erreicht" if median < GOAL_SECONDS else "verfehlt"
    listed = ", ".join(f"{t:.1f}" for t in times)
    return f"{median:5.1f} s (Median von {listed} s; Ziel unter {GOAL_SECONDS:.0f} s: {mark})"


if __name__ == "__main__":
    main()
