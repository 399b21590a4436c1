"""Resource limits: hostile inputs are refused fast and small; a large honest table still loads.

Runs ``reportgen check`` in a fresh process per case on a copy of ``tests/fixtures/beispiel``
and prints the time of the check and its memory: the growth of the resident set during the
check, and the whole process's peak (Python, pandas and reportgen included):

- a YAML "billion laughs" bomb in a metadata file (must be refused within 1 s, < 200 MB),
- YAML nested 100 000 levels deep (refused),
- a 300 MB CSV (sparse file; refused before reading),
- a CSV of one million rows (accepted; how long and how much memory it costs).

    .venv/bin/python bench/limits.py
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "beispiel"
META = "daten/meta/5-3-3.md"
TABLE = "daten/data/indicator_1-1-1.csv"


def _bomb(project: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    _prepend_to_front_matter(project, "\n".join(lines) + "\nother_info: *a9\n")


def _deep(project: Path) -> None:
    _prepend_to_front_matter(project, "other_info: " + "[" * 100_000 + "]" * 100_000 + "\n")


def _prepend_to_front_matter(project: Path, text: str) -> None:
    path = project / META
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\n" + text, 1))


def _huge_file(project: Path) -> None:
    with (project / TABLE).open("r+b") as stream:
        stream.truncate(300_000_000)


def _million_rows(project: Path) -> None:
    rows = ["Year,Gebietseinheit,Geschlecht,GeoCode,Value"]
    for number in range(1_000_000):
        year = 1900 + number // 5_000
        rows.append(f"{year},Kreis {number % 5_000},m,K03{number % 5_000:05d},{number}")
    (project / TABLE).write_text("\n".join(rows) + "\n", encoding="utf-8")


CASES = {
    "YAML-Alias-Bombe": (_bomb, 1),
    "YAML 100.000 Ebenen tief": (_deep, 1),
    "CSV mit 300 MB": (_huge_file, 1),
    "CSV mit 1 Mio. Zeilen": (_million_rows, 0),
}


def run_one(name: str, project: Path) -> None:
    """In a fresh process: check the project, print time and memory as JSON."""
    from typer.testing import CliRunner

    import reportgen.load.project  # noqa: F401  (imported before the clock starts)
    from reportgen.cli import app

    baseline = _resident_mb()
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["check", str(project)])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    message = next((line for line in result.output.splitlines() if "Fehler:" in line), "")
    print(json.dumps([name, result.exit_code, seconds, peak - baseline, peak, message[:150]]))


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    print(f"{'Fall':26} {'Code':>4} {'Zeit':>8} {'Zuwachs':>9} {'Prozess':>9}  Meldung")
    for name, (make, expected) in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder) / "projekt"
            shutil.copytree(BASE, project)
            make(project)
            output = subprocess.run(
                [sys.executable, __file__, "--one", name, str(project)],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        case, code, seconds, grown, rss, message = json.loads(output.splitlines()[-1])
        flag = "" if code == expected else f"  (erwartet: Code {expected})"
        print(
            f"{case:26} {code:>4} {seconds:>6.2f} s {grown:>6.0f} MB {rss:>6.0f} MB  "
            f"{message.split('projekt/', 1)[-1][:90]}{flag}"
        )
    print(
        "Zeit: der Prüflauf im Prozess (Bibliotheken schon geladen); Zuwachs: größter residenter "
        "Speicher minus Stand vor dem Prüfen; Prozess: größter residenter Speicher insgesamt."
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(sys.argv[2], Path(sys.argv[3]))
    else:
        main()
