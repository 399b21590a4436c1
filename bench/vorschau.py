"""Benchmark: the live preview of the example report, from saving a text block to the page that
shows the change (goal: at most 2 s on 2 cores).

Starts the preview as ``reportgen vorschau`` does (builder, server on 127.0.0.1, file watcher)
on a copy of the example project, then saves the foreword ``--runs`` times with a new word in
it and measures each time until the served page contains the word (watcher, check, compose,
render and the swap of the folder included). Prints the first build, median and maximum.

Run: .venv/bin/python bench/vorschau.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from reportgen.preview import PreviewBuilder, web_edition
from reportgen.preview_server import make_server, watched_folders, watching
from reportgen.resources import EXAMPLE_PROJECT

GOAL_SECONDS = 2.0
PAGE = "vorwort.html"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"Last {one:.1f} (5 min: {five:.1f}) auf {os.cpu_count()} Kernen"


def page(address: str) -> str:
    with urllib.request.urlopen(address, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def until_served(address: str, wanted: str, limit: float = 30.0) -> float:
    started = time.perf_counter()
    while wanted not in page(address):
        if time.perf_counter() - started > limit:
            raise SystemExit(f"Nach {limit:.0f} s noch nicht zu sehen: {wanted}")
        time.sleep(0.02)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"Vorher: {load()}")
    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-vorschau-"))
    project = folder / "projekt"
    shutil.copytree(EXAMPLE_PROJECT, project)
    builder = PreviewBuilder(project, folder / "site" / "html", web_edition)
    started = time.perf_counter()
    status = builder.build()
    first = time.perf_counter() - started
    if status.error:
        raise SystemExit(status.error)
    server = make_server(builder, 0)
    address = f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    foreword = project / "texte" / "vorwort.md"
    times = []
    try:
        with watching(builder, watched_folders(project, builder.data_dir()), []):
            time.sleep(0.5)  # the watcher listens
            for run in range(runs):
                word = f"Messwort{run}"
                text = foreword.read_text(encoding="utf-8").replace("Lektüre", f"{word} Lektüre")
                foreword.write_text(text, encoding="utf-8")
                times.append(until_served(address, word))
                time.sleep(0.3)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median(times)
    print(f"Erster Aufbau der Vorschau (Beispiel): {first:5.1f} s")
    print(
        f"Text gespeichert → Seite zeigt ihn:      {median:5.2f} s Median, {max(times):.2f} s "
        f"höchstens ({runs} Läufe; Ziel: höchstens {GOAL_SECONDS:.0f} s – "
        f"{'erreicht' if max(times) <= GOAL_SECONDS else 'verfehlt'})"
    )
    print(f"Nachher: {load()}")
    sys.exit(0)


if __name__ == "__main__":
    main()
