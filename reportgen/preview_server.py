"""The preview's web server and watcher: standard-library HTTP on the loopback interface,
``watchfiles`` for the project's files.

Pages are served from the builder's folder with a small script added before ``</body>``: it
listens for the builder's status (server-sent events) and reloads the page after a good build,
or lays the German message of a failed one over the page, which keeps the last good state.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import DefaultFilter, watch

from reportgen.preview import PreviewBuilder, Status

LOOPBACK = "127.0.0.1"
EVENTS = "/__vorschau/ereignisse"
KEEPALIVE_SECONDS = 15.0

_SCRIPT = """<script>
(function () {
  var version = %(version)d;
  function show(message) {
    var box = document.getElementById("reportgen-vorschau");
    if (!message) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "reportgen-vorschau";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;" +
        "background:#fff4e0;color:#4a2800;border-bottom:3px solid #8a4b00;padding:12px 16px;" +
        "font:15px/1.45 system-ui,sans-serif;white-space:pre-wrap;max-height:60vh;overflow:auto";
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = message;
  }
  var events = new EventSource("%(events)s");
  events.onmessage = function (event) {
    var status = JSON.parse(event.data);
    if (status.version === version) { return; }
    version = status.version;
    if (status.error) { show(status.error); } else { location.reload(); }
  };
  show(%(error)s);
})();
</script>
"""


def live_script(status: Status) -> bytes:
    """The script for a page sent while ``status`` holds."""
    error = json.dumps(_shown(status))
    return (_SCRIPT % {"version": status.version, "events": EVENTS, "error": error}).encode()


def _shown(status: Status) -> str:
    if not status.error:
        return ""
    return "Die Vorschau zeigt den letzten fehlerfreien Stand.\n\n" + status.error


class _Handler(SimpleHTTPRequestHandler):
    builder: PreviewBuilder

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS:
            self._events()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._page(path)
            return
        super().do_GET()

    def _page(self, path: Path) -> None:
        body = path.read_bytes()
        script = live_script(self.builder.status)
        marker = body.rfind(b"</body>")
        body = body[:marker] + script + body[marker:] if marker >= 0 else body + script
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        status = self.builder.status
        try:
            while True:
                self.wfile.write(f"data: {json.dumps(_status_json(status))}\n\n".encode())
                self.wfile.flush()
                status = self.builder.wait(status.version, KEEPALIVE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds, not requests."""


def _status_json(status: Status) -> dict[str, object]:
    return {"version": status.version, "error": _shown(status)}


def make_server(builder: PreviewBuilder, port: int) -> ThreadingHTTPServer:
    """A server for the builder's folder on ``127.0.0.1:port`` (0: a free port)."""
    handler = type("PreviewHandler", (_Handler,), {"builder": builder})
    server = ThreadingHTTPServer((LOOPBACK, port), partial(handler, directory=str(builder.folder)))
    server.daemon_threads = True
    return server


def watched_folders(project_dir: Path, data_dir: Path) -> list[Path]:
    """The project folder, and the data folder where it lies elsewhere."""
    folders = [project_dir.resolve()]
    data = data_dir.resolve()
    if not data.is_relative_to(folders[0]) and data.is_dir():
        folders.append(data)
    return folders


class _ProjectFilter(DefaultFilter):
    """watchfiles' defaults (no .git, caches, swap files) and no output folder of the project."""

    def __init__(self, ignored: list[Path]) -> None:
        super().__init__()
        self.ignored = [path.resolve() for path in ignored]

    def __call__(self, change: object, path: str) -> bool:
        resolved = Path(path).resolve()
        if any(resolved.is_relative_to(folder) for folder in self.ignored):
            return False
        return bool(super().__call__(change, path))  # type: ignore[arg-type]


@contextmanager
def watching(builder: PreviewBuilder, folders: list[Path], ignored: list[Path]) -> Iterator[None]:
    """Rebuild on every batch of changes below ``folders`` until the block ends."""
    stop = threading.Event()

    def loop() -> None:
        for changes in watch(
            *folders,
            watch_filter=_ProjectFilter(ignored),
            stop_event=stop,
            debounce=80,
            step=20,
            rust_timeout=200,
            yield_on_timeout=False,
        ):
            builder.build(Path(path) for _, path in changes)

    thread = threading.Thread(target=loop, name="vorschau-watch", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=2)
