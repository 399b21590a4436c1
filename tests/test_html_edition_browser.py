"""The HTML edition in a real browser: headless Chromium with axe-core finds no violation of
WCAG 2.1 A/AA on the index and on every chapter page of the example report; at 400 % zoom
(320 CSS pixels wide) no page scrolls sideways; the skip link shows when it has the focus; the
pages ask for nothing but their own files.

Skipped, with the reason, where Chromium or axe-core is missing (``make test`` installs both
where it may: ``make test-tools``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.chromium import AXE, Browser, Page, chromium, chromium_executable

CHROMIUM = chromium_executable()
pytestmark = [
    pytest.mark.xdist_group("web"),
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium ist nicht installiert (apt-get install chromium; make test-tools).",
    ),
    pytest.mark.skipif(
        not AXE.is_file(),
        reason="axe-core fehlt (npm ci in tests/browser; braucht Node.js; make test-tools).",
    ),
]
NARROW = (320, 256)
"""1280 × 1024 CSS pixels at 400 % zoom."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with chromium(CHROMIUM) as running:
        yield running


@pytest.fixture(scope="module")
def page(browser: Browser) -> Page:
    return browser.new_page()


def page_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.html"))


def test_axe_finds_no_violation_on_any_page(example_web: Path, page: Page) -> None:
    found = {}
    names = page_names(example_web)
    assert len(names) == 11
    for name in names:
        page.open((example_web / name).as_uri())
        if violations := page.axe():
            found[name] = violations
    assert not found


def test_axe_finds_what_it_should(example_web: Path, page: Page) -> None:
    """The check itself works: a picture without alt text and grey on white are found."""
    page.open((example_web / "index.html").as_uri())
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('afterbegin', "
        '\'<img src="bilder/x.png"><p style="color: #aaa">grau</p>\'); true'
    )
    assert {v["id"] for v in page.axe()} == {"image-alt", "color-contrast"}


def test_no_page_scrolls_sideways_at_400_percent_zoom(example_web: Path, browser: Browser) -> None:
    narrow = browser.new_page(*NARROW)
    wide = []
    for name in page_names(example_web):
        narrow.open((example_web / name).as_uri())
        width = narrow.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " document.body.scrollWidth]"
        )
        if max(width[0], width[2]) > width[1]:
            wide.append((name, width))
    assert narrow.evaluate("window.innerWidth") == NARROW[0]
    assert not wide
    # a wide table scrolls in its own container instead
    narrow.open((example_web / "anhang.html").as_uri())
    assert narrow.evaluate(
        "[...document.querySelectorAll('.table-scroll')].some(e => e.scrollWidth > e.clientWidth)"
    )


def test_the_skip_link_comes_first_and_shows(example_web: Path, page: Page) -> None:
    page.open((example_web / "hf-2.html").as_uri())
    hidden = page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom")
    assert hidden <= 0
    page.press_tab()
    focused = page.evaluate(
        "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
        " return [e.className, r.top >= 0 && r.bottom > 0, getComputedStyle(e).outlineStyle]; })()"
    )
    assert focused == ["skip-link", True, "solid"]


def test_the_pages_use_their_own_files_and_fonts(example_web: Path, browser: Browser) -> None:
    reader = browser.new_page()
    for name in page_names(example_web):
        reader.open((example_web / name).as_uri())
        assert reader.evaluate("document.fonts.check('16px \"Source Sans Pro\"')"), name
        assert reader.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').length >= 2"
        ), name
    outside = [url for url in reader.requests if not url.startswith(example_web.as_uri())]
    assert not outside


def test_a_draft_report_on_one_page_has_no_violation(
    mini_project: Path, tmp_path: Path, page: Page
) -> None:
    """Draft marks and the one-page edition pass too (the mini project has unreleased texts)."""
    from reportgen.build import BuildRequest, build_report

    config = mini_project / "reportgen.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  dateiname: testbericht\n", "  dateiname: testbericht\n  html: {eine_seite: true}\n"
        ),
        encoding="utf-8",
    )
    (index,) = build_report(BuildRequest(mini_project, tmp_path / "out", ("html",))).written
    page.open(index.as_uri())
    assert page.evaluate("document.querySelectorAll('.draft-mark, .status-mark').length") > 1
    assert page.axe() == []
