"""A headless Chromium for the tests, driven over the DevTools protocol through a pipe.

No network, no port, no Python package beyond the standard library: Chromium started with
``--remote-debugging-pipe`` reads protocol messages from file descriptor 3 and writes its own
to 4, each ended by a NUL byte. A shell puts the two pipes there (``exec … 3<&0 4>&1``), so
the child needs no ``preexec_fn``. Pages are opened as ``file://`` URLs; every request a page
makes is recorded, so that a test can check that none goes to another host.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BROWSER_FOLDER = Path(__file__).parent
AXE = BROWSER_FOLDER / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT = 60.0


def chromium_executable() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


class BrowserError(RuntimeError):
    pass


@dataclass
class Browser:
    process: subprocess.Popen[bytes]
    to_browser: int
    from_browser: int
    profile: Path
    _next_id: int = 0
    _buffer: bytes = b""
    _events: list[dict[str, Any]] = field(default_factory=list)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """One command; its result (an error of the browser raises)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The next event ``method`` of the session (one received before counts)."""
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(index)
            self._events.append(self._receive())

    def events(self, method: str, session: str) -> list[dict[str, Any]]:
        """The events ``method`` of the session received so far (taken from the buffer)."""
        found = [
            e for e in self._events if e.get("method") == method and e.get("sessionId") == session
        ]
        self._events = [e for e in self._events if e not in found]
        return found

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(remaining, 0))
            if not ready:
                raise BrowserError(f"Chromium antwortet nicht ({TIMEOUT:.0f} s).")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium hat sich beendet.")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        result: dict[str, Any] = json.loads(message)
        return result

    def new_page(self, width: int = 1280, height: int = 900) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable", session=session)
        page.viewport(width, height)
        return page

    def close(self) -> None:
        with suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for descriptor in (self.to_browser, self.from_browser):
            os.close(descriptor)
        shutil.rmtree(self.profile, ignore_errors=True)


@dataclass
class Page:
    browser: Browser
    session: str
    target: str
    requests: list[str] = field(default_factory=list)
    """Every URL the page has asked for since it was opened."""

    def viewport(self, width: int, height: int) -> None:
        """The page's size in CSS pixels: 320 × 256 is 1280 × 1024 at 400 % zoom."""
        self.browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            self.session,
        )

    def open(self, url: str) -> None:
        """Load ``url`` and wait until it and its fonts are there."""
        self.browser.send("Page.navigate", {"url": url}, self.session)
        self.browser.wait_for("Page.loadEventFired", self.session)
        self.evaluate("document.fonts.ready.then(() => true)")
        self._note_requests()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (a promise is awaited)."""
        result = self.browser.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            self.session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def press_tab(self) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            self.browser.send(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
                self.session,
            )

    def axe(self, tags: list[str] = WCAG_AA) -> list[dict[str, Any]]:
        """The violations axe-core finds on the page, for the given rule tags."""
        if not self.evaluate("typeof window.axe === 'object'"):
            self.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
        options = json.dumps(
            {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
        )
        script = (
            f"axe.run(document, {options}).then(r => r.violations.map(v => ({{"
            "id: v.id, impact: v.impact, help: v.help, "
            "nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))"
        )
        violations: list[dict[str, Any]] = self.evaluate(script)
        return violations

    def _note_requests(self) -> None:
        for event in self.browser.events("Network.requestWillBeSent", self.session):
            self.requests.append(event["params"]["request"]["url"])


@contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    """A headless Chromium with a fresh profile, that reaches no network of its own accord."""
    profile = Path(tempfile.mkdtemp(prefix="reportgen-chromium-"))
    to_browser_read, to_browser = os.pipe()
    from_browser, from_browser_write = os.pipe()
    command = [
        executable,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--mute-audio",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--remote-debugging-pipe",
        "about:blank",
    ]
    process = subprocess.Popen(
        ["sh", "-c", 'exec "$@" 3<&0 4>&1 0</dev/null 1>/dev/null', "sh", *command],
        stdin=to_browser_read,
        stdout=from_browser_write,
        stderr=subprocess.DEVNULL,
    )
    os.close(to_browser_read)
    os.close(from_browser_write)
    browser = Browser(process, to_browser, from_browser, profile)
    try:
        yield browser
    finally:
        browser.close()
