"""Benchmark: how fast the command line answers, as a user starts it (a new process each time).

Runs ``reportgen --help``, ``reportgen check --help`` and ``reportgen build --help`` as
subprocesses and prints median and maximum wall time of each (goal: below 0.5 s), then
``reportgen check`` on the example project (goal: below 3 s), with the machine's load.
Every call runs from compiled bytecode, as an installed reportgen does (see ``ENVIRONMENT``).
Run: .venv/bin/python bench/cli_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPORTGEN = Path(sys.executable).with_name("reportgen")
CALLS = (["--help"], ["check", "--help"], ["build", "--help"])
GOAL_SECONDS = 0.5
CHECK = ["check"]
"""The example project: every data file and text read and checked."""
CHECK_GOAL_SECONDS = 3.0


BYTECODE = Path(tempfile.mkdtemp(prefix="reportgen-bench-pyc-"))
ENVIRONMENT = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(BYTECODE),
}
"""As an installed reportgen starts: from compiled bytecode, which the first (unmeasured) call
writes, here into a temporary folder. With PYTHONDONTWRITEBYTECODE set (as in some sandboxes)
every start would compile reportgen's modules anew."""


def wall_times(args: list[str], runs: int) -> list[float]:
    """Seconds per run, from start to exit of a fresh process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(REPORTGEN), *args], capture_output=True, check=True, env=ENVIRONMENT)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    one, five, _ = os.getloadavg()
    print(f"Last {one:.1f} (5 min: {five:.1f}) auf {os.cpu_count()} Kernen")
    wall_times(["--help"], 1)  # warm the file cache, as on any machine after the first call
    wall_times(CHECK, 1)  # and write the bytecode of everything check imports
    print(f"{'Aufruf':<28} {'Median':>8} {'Maximum':>8}  ({runs} Läufe)")
    slow = False
    for args in CALLS:
        times = wall_times(args, runs)
        median, worst = statistics.median(times), max(times)
        slow = slow or median >= GOAL_SECONDS
        print(f"{'reportgen ' + ' '.join(args):<28} {median:>7.2f}s {worst:>7.2f}s")
    print(f"Ziel: Median unter {GOAL_SECONDS} s – {'verfehlt' if slow else 'erreicht'}.")
    times = wall_times(CHECK, max(3, runs // 2))
    median, worst = statistics.median(times), max(times)
    slow_check = median >= CHECK_GOAL_SECONDS
    print(
        f"{'reportgen check (Beispiel)':<28} {median:>7.2f}s {worst:>7.2f}s  "
        f"({len(times)} Läufe; Ziel: Median unter {CHECK_GOAL_SECONDS:.0f} s – "
        f"{'verfehlt' if slow_check else 'erreicht'})"
    )
    shutil.rmtree(BYTECODE, ignore_errors=True)
    sys.exit(1 if slow else 0)  # as before: only the start of the command line fails make


if __name__ == "__main__":
    main()
