"""Benchmark: all Steckbriefe of the example project in PDF and DOCX, from a clean output folder.

Prints total wall time, time per fact sheet and format, and peak memory (main process plus all
workers, sampled from /proc every 0.1 s). Run: .venv/bin/python bench/steckbriefe.py [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

from reportgen.batch import FactsheetRequest, build_factsheets
from reportgen.resources import EXAMPLE_PROJECT


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--project", type=Path, default=EXAMPLE_PROJECT)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    formats = ["pdf", "docx"]
    monitor = PeakMemory()
    monitor.start()
    started = time.perf_counter()
    try:
        result = build_factsheets(
            FactsheetRequest(args.project, out, formats=tuple(formats), jobs=args.jobs)
        )
    finally:
        wall = time.perf_counter() - started
        monitor.running = False
        monitor.join()
        shutil.rmtree(out, ignore_errors=True)
    count = len(result.sheets)
    worker_seconds = sum(sheet.seconds for sheet in result.sheets)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"Steckbriefe:                {count} ({len(result.failed)} fehlgeschlagen)")
    print(f"Formate:                    {', '.join(formats)} + Sammel-PDF")
    print(f"Prozesse:                   {args.jobs or os.cpu_count()}")
    print(f"Gesamtzeit (Wanduhr):       {wall:.1f} s")
    print(
        f"je Steckbrief und Format:   {wall / (count * len(formats)):.2f} s (Wanduhr), "
        f"{worker_seconds / (count * len(formats)):.2f} s (Rechenzeit im Prozess)"
    )
    print(
        f"Spitzenspeicher gesamt:     {monitor.peak / 2**20:.0f} MiB "
        f"(größter Einzelprozess: {children:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
