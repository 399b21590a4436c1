"""The live preview: start, change a text, see the change served within 2 s, see a mistake
shown in the page above the last good state, stop — with the real server and file watcher."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.preview import PreviewBuilder, Scope, scope_of, web_edition
from reportgen.preview_server import EVENTS, make_server, watched_folders, watching
from tests.conftest import make_project

DEADLINE = 2.0
"""From saving a text block to the updated page (issue 13)."""


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, PreviewBuilder]]:
    project = make_project(tmp_path)
    builder = PreviewBuilder(project, tmp_path / "site" / "html", web_edition)
    assert builder.build().error == ""
    server = make_server(builder, 0)
    address = f"http://127.0.0.1:{server.server_address[1]}/vorwort.html"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    with watching(builder, watched_folders(project, project / "daten"), [project / "out"]):
        time.sleep(0.3)  # the watcher is listening
        yield project, address, builder
    server.shutdown()
    server.server_close()
    thread.join(timeout=2)


def _page(address: str) -> str:
    with urllib.request.urlopen(address, timeout=2) as response:
        return str(response.read().decode("utf-8"))


def _served_within(address: str, wanted: str, seconds: float) -> float | None:
    """Seconds until the page contains ``wanted``, None if it did not in time."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if wanted in _page(address):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def test_a_saved_text_is_served_within_two_seconds(
    preview: tuple[Path, str, PreviewBuilder],
) -> None:
    project, address, _ = preview
    assert "Vorwort des" in _page(address)
    foreword = project / "texte" / "vorwort.md"
    foreword.write_text(
        foreword.read_text(encoding="utf-8").replace("Vorwort des", "neue Vorwort des"),
        encoding="utf-8",
    )
    assert _served_within(address, "neue Vorwort des", DEADLINE) is not None


def test_a_mistake_is_shown_in_the_page_above_the_last_good_state(
    preview: tuple[Path, str, PreviewBuilder],
) -> None:
    project, address, builder = preview
    version = builder.status.version
    foreword = project / "texte" / "vorwort.md"
    foreword.write_text(
        '---\nstatus: freigegeben\n---\nZahl: {{ wert("9-9-9") }}\n', encoding="utf-8"
    )
    status = builder.wait(version, DEADLINE)
    assert "vorwort.md, Zeile 4" in status.error and "9-9-9" in status.error
    page = _page(address)
    assert "Vorwort des" in page  # the last good state stays
    assert json.dumps("vorwort.md, Zeile 4")[1:-1] in page  # the message, laid over it
    foreword.write_text("---\nstatus: freigegeben\n---\nWieder gut.\n", encoding="utf-8")
    assert _served_within(address, "Wieder gut.", DEADLINE) is not None
    assert builder.status.error == ""


def test_the_page_hears_of_every_build(preview: tuple[Path, str, PreviewBuilder]) -> None:
    project, address, _ = preview
    events_address = address.removesuffix("vorwort.html").rstrip("/") + EVENTS
    with urllib.request.urlopen(events_address, timeout=3) as events:
        first = json.loads(events.readline().decode().removeprefix("data: "))
        events.readline()
        (project / "texte" / "vorwort.md").write_text("---\nstatus: entwurf\n---\nNeu.\n")
        second = json.loads(events.readline().decode().removeprefix("data: "))
    assert second["version"] > first["version"] and second["error"] == ""


def test_what_a_change_makes_stale(tmp_path: Path) -> None:
    project_dir = make_project(tmp_path)
    builder = PreviewBuilder(project_dir, tmp_path / "site", web_edition)
    assert scope_of([project_dir / "texte" / "vorwort.md"], None) == Scope.PROJECT
    builder.build()
    loaded = builder._loaded
    assert scope_of([project_dir / "texte" / "vorwort.md"], loaded) == Scope.TEXTS
    assert scope_of([project_dir / "reportgen.yml"], loaded) == Scope.PROJECT
    assert scope_of([project_dir / "daten" / "data" / "indicator_1-1-1.csv"], loaded) == (
        Scope.PROJECT
    )
    assert scope_of([project_dir / "texte" / ".vorwort.md.swp"], loaded) == Scope.NOTHING
