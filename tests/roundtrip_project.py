"""Projects and DOCX files for the round-trip tests: the example project copied (its data linked,
not copied), the report built as DOCX, ``reportgen uebernehmen`` run in-process."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from typer.testing import CliRunner, Result

from reportgen.cli import app
from tests.builders import write_indicator

WIDE = {"COLUMNS": "250"}
runner = CliRunner()


def project_copy(source: Path, target: Path) -> Path:
    """The project with its own copy of configuration and texts; the data folder is linked."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("daten"))
    os.symlink((source / "daten").resolve(), target / "daten")
    return target


def build_docx(project: Path, out: Path) -> Path:
    from reportgen.build import BuildRequest, build_report

    result = build_report(BuildRequest(project, out, ("docx",)))
    (path,) = result.written
    return path


def take_over(docx: Path, project: Path, *options: str) -> Result:
    return runner.invoke(app, ["uebernehmen", str(docx), str(project), *options], env=WIDE)


def output(result: Result) -> str:
    """The command's lines, white space made single (rich may break long lines)."""
    return " ".join(result.output.split())


def fingerprints(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``: the bytes of texts left alone stay the same."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


CONFIG = """\
titel: Teilhabebericht Musterkreis
untertitel: Rundreise-Prüfung
berichtsjahr: 2026
veroeffentlichungsdatum: 2026-03-01
herausgeber: Musterkreis, Stabsstelle Teilhabe
impressum: |
  Am Markt 1, 99999 Musterstadt
kartengrundlage: keine Karte
quelle:
  herausgeber: Kreisstatistik
  werk: Teilhabemonitoring
  nutzungsbedingungen: Nutzung mit Quellenangabe gestattet.
ausgabe:
  dateiname: teilhabe
"""
FOREWORD = """\
---
titel: Vorwort
status: freigegeben
autor: Stabsstelle
datum: 2026-02-01
---

<!-- Notiz: vor dem Druck mit dem Landrat abstimmen -->

Im Musterkreis besuchten {{ jahr("3-1-1") }} insgesamt {{ wert("3-1-1") }} der Kinder eine
Kita. Mehr dazu unter [Indikator 3.1.1](#3.1.1) und beim
[Statistikamt](https://statistik.example/kita).

## Was dieser Bericht zeigt

1. die Betreuungsquote,
2. die Zahl der Plätze.

Wir danken allen, die mitgewirkt haben.
"""
TEXT = """\
---
status: entwurf
---
Die Quote stieg auf {{ wert("3-1-1") }}. *Vorsicht* bei kleinen Zahlen.
"""


def small_project(project: Path) -> Path:
    """A project of its own (not the example): two indicators, a foreword with a note, links,
    a sub-heading and a numbered list, a text with placeholders, one indicator without text."""
    (project / "texte" / "indikatoren").mkdir(parents=True)
    (project / "reportgen.yml").write_text(CONFIG, encoding="utf-8")
    (project / "texte" / "vorwort.md").write_text(FOREWORD, encoding="utf-8")
    (project / "texte" / "indikatoren" / "3-1-1.md").write_text(TEXT, encoding="utf-8")
    quota = "Year,Value\n2022,40.5\n2023,41.25\n2024,43\n"
    places = "Year,Value\n2022,1200\n2023,1250\n2024,1310\n"
    meta = "indicator_name: Betreuungsquote\ncomputation_units: Prozent"
    write_indicator(project / "daten", "3-1-1", quota, meta)
    write_indicator(project / "daten", "3-1-2", places, "indicator_name: Kita-Plätze")
    return project
