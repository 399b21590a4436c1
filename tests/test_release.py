"""Drafts and release: the release summary and the --final build."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from reportgen.cli import app
from tests.conftest import make_project

runner = CliRunner()


def test_default_build_prints_the_release_state(mini_project: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(mini_project), "-f", "docx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (
        "Freigabestand der Texte: 4 freigegeben, 1 im Entwurf, 1 automatisch erstellt, 1 fehlen."
    ) in " ".join(result.output.split())


def test_final_refuses_drafts_and_lists_them(mini_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(mini_project), "--final", "-o", str(out)])
    flat = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "Endfassung nicht möglich: 3 Text(e) sind nicht freigegeben" in flat
    assert "Lese- und Interpretationshilfe 1.2.1: Entwurf" in flat
    assert "Lese- und Interpretationshilfe 2.1.1: automatisch erstellt" in flat
    assert "Einleitung Handlungsfeld 2: fehlt" in flat
    assert "Traceback" not in flat
    assert not out.exists()


def test_final_builds_when_everything_is_released(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    texts = project / "texte"
    (texts / "indikatoren" / "1-2-1.md").write_text(
        "---\nstatus: freigegeben\n---\nText.\n", encoding="utf-8"
    )
    (texts / "indikatoren" / "2-1-1.md").write_text(
        "---\nstatus: freigegeben\n---\nText.\n", encoding="utf-8"
    )
    (texts / "handlungsfelder" / "2.md").write_text(
        "---\nstatus: freigegeben\n---\nEinleitung.\n", encoding="utf-8"
    )
    config = project / "reportgen.yml"  # a fallback title "Indikator 2.1.1" refuses --final
    config.write_text(
        config.read_text(encoding="utf-8") + "indikatortitel:\n  2-1-1: Studierende\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["build", str(project), "--final", "-f", "docx", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "0 im Entwurf, 0 automatisch erstellt, 0 fehlen" in " ".join(result.output.split())
