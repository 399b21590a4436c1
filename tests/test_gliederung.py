"""The report's outline an editor controls: free chapters, the summary (written or drafted
from the key statements), methods stated once, cross-references to places in the report."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.build import BuildRequest, build_report
from reportgen.check import prepare_project
from reportgen.compose.model import (
    BulletList,
    Figure,
    Heading,
    Link,
    Paragraph,
    Part,
    Role,
    walk,
)
from reportgen.compose.model.document import TextStatus
from reportgen.compose.report import compose_report
from reportgen.errors import Severity
from reportgen.render.html import inlines_html
from tests.builders import project_with_data
from tests.conftest import make_project

METHOD = (
    "Das Register erfasst alle Personen, die sich nicht nur vorübergehend im Land aufhalten; "
    "Staatenlose und Personen mit ungeklärter Staatsangehörigkeit zählen mit. Die Angaben "
    "beruhen auf den Meldungen der Ausländerbehörden zum Stichtag 31.12."
)


def _text(folder: Path, relative: str, body: str, head: str = "status: freigegeben") -> Path:
    path = folder / "texte" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}\n---\n{body}\n", encoding="utf-8")
    return path


def _configured(folder: Path, extra: str) -> None:
    config = folder / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _parts(folder: Path) -> list[Part]:
    document = compose_report(prepare_project(folder)).document
    return [node for node in document.body if isinstance(node, Part)]


def _title(part: Part) -> str:
    return next((n.text for n in part.children if isinstance(n, Heading)), "")


def test_default_outline_drafts_a_summary_from_the_key_statements(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    (folder / "texte" / "zusammenfassung.md").unlink()
    _text(folder, "kapitel/einleitung.md", "Worum es geht.", "titel: Einleitung\nstatus: entwurf")
    _text(folder, "kapitel/schwerpunkt.md", "Ein Schwerpunkt.", "titel: Schwerpunkt Wohnen")
    parts = _parts(folder)
    roles = [(p.role, _title(p)) for p in parts]
    assert roles[3:6] == [
        (Role.FOREWORD, "Vorwort"),
        (Role.SUMMARY, "Das Wichtigste in Kürze"),
        (Role.CHAPTER, "Einleitung"),
    ]
    assert roles[-2:] == [(Role.CHAPTER, "Schwerpunkt Wohnen"), (Role.APPENDIX, "Anhang")]
    summary = parts[4]
    assert summary.status == TextStatus.GENERATED  # marked as a draft until an editor writes it
    bullets = [n for n in walk(summary.children) if isinstance(n, BulletList)]
    statements = [str(item) for b in bullets for item in b.items]
    assert any(
        "In Niedersachsen stieg der Wert von 100 (2020) auf 121 (2022)." in s for s in statements
    )
    assert parts[5].status == TextStatus.DRAFT


def test_configured_outline_orders_chapters_and_numbers_figures_in_that_order(
    tmp_path: Path,
) -> None:
    folder = make_project(tmp_path)
    _text(folder, "kapitel/schwerpunkt.md", "Ein Schwerpunkt.", "titel: Schwerpunkt")
    _configured(
        folder,
        "gliederung:\n  - {handlungsfeld: 2}\n  - {kapitel: schwerpunkt}\n"
        "  - handlungsfelder\n  - anhang\n",
    )
    parts = _parts(folder)
    titles = [_title(p) for p in parts if p.role in (Role.CHAPTER, Role.APPENDIX)]
    assert titles == ["Bildung", "Schwerpunkt", "Bevölkerung", "Anhang"]
    first_figure = next(n for n in walk(tuple(parts)) if isinstance(n, Figure))
    assert first_figure.number == 1 and "Indikator 2.1.1" in first_figure.caption


def test_outline_and_references_are_checked(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    _text(folder, "kapitel/schwerpunkt.md", "Siehe [Indikator 9.9.9](#9-9-9).", "titel: S")
    _text(folder, "kapitel/uebrig.md", "Nicht eingeplant.", "titel: Übrig")
    _configured(folder, "gliederung:\n  - {kapitel: schwerpunk}\n  - {kapitel: schwerpunkt}\n")
    problems = prepare_project(folder).problems
    messages = {(p.severity, p.message, p.hint) for p in problems}
    assert any(
        m.startswith("Das Kapitel „schwerpunk“ gibt es nicht") and h == "Meinten Sie schwerpunkt?"
        for s, m, h in messages
    )
    dead = next(p for p in problems if "„#9-9-9“ führt zu keiner Stelle" in p.message)
    assert dead.severity == Severity.ERROR and dead.location is not None
    assert dead.location.line == 4
    assert any(
        s == Severity.WARNING and "„uebrig“ steht nicht in der Gliederung" in m
        for s, m, _ in messages
    )


def test_a_cross_reference_links_to_the_indicator_with_its_page(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    _text(
        folder, "kapitel/einleitung.md", "Mehr in [Indikator 1.2.1](#1.2.1).", "titel: Einleitung"
    )
    parts = _parts(folder)
    links = [
        n
        for p in parts
        for node in walk(p.children)
        if isinstance(node, Paragraph)
        for n in node.inlines
        if isinstance(n, Link)
    ]
    (link,) = [link for link in links if link.url.startswith("#ind")]
    assert (link.url, link.page_word) == ("#ind-1-2-1", "S.")
    html = str(inlines_html((link,)))
    assert 'class="xref"' in html and 'href="#ind-1-2-1"' in html


@pytest.fixture
def shared(tmp_path: Path) -> list[Part]:
    csv = "Year,Value\n2022,1\n2023,2\n"
    meta = (
        "indicator_name: Wert {n}\ndata_source: Ausländerzentralregister\n"
        f"computation_calculations: '{METHOD}'\n"
    )
    indicators = {f"1-1-{n}": (csv, meta.format(n=n)) for n in (1, 2, 3)}
    indicators["2-1-1"] = (csv, "indicator_name: Anderes\ncomputation_calculations: Eigen.")
    folder = project_with_data(tmp_path, indicators)
    return _parts(folder)


def test_a_method_text_of_several_indicators_is_printed_once(shared: list[Part]) -> None:
    preliminary = next(p for p in shared if p.role == Role.PRELIMINARY)
    texts = [str(n) for n in walk(preliminary.children) if isinstance(n, Paragraph)]
    assert sum(METHOD[:40] in t for t in texts) == 1
    headings = [n for n in walk(preliminary.children) if isinstance(n, Heading)]
    assert [(h.level, h.text) for h in headings] == [
        (1, "Methodische Vorbemerkungen"),
        (2, "Ausländerzentralregister"),
    ]
    chapters = [p for p in shared if p.role == Role.CHAPTER]
    everywhere = [str(n) for c in chapters for n in walk(c.children) if isinstance(n, Paragraph)]
    assert not any(METHOD[:40] in t for t in everywhere)
    references = [
        n
        for c in chapters
        for node in walk(c.children)
        if isinstance(node, Paragraph)
        for n in node.inlines
        if isinstance(n, Link) and n.url == f"#{headings[1].anchor}"
    ]
    assert len(references) == 3  # one per indicator that shares it


def test_a_cross_reference_in_word_links_the_bookmark_and_shows_its_page(tmp_path: Path) -> None:
    folder = make_project(tmp_path)
    _text(
        folder, "kapitel/einleitung.md", "Mehr in [Indikator 1.2.1](#1.2.1).", "titel: Einleitung"
    )
    result = build_report(BuildRequest(folder, tmp_path / "out", ("docx",)))
    (path,) = result.written
    body = docx.Document(str(path)).element.body
    names = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert "ind_1_2_1" in links and "ind_1_2_1" in names
    codes = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(code.strip() == "PAGEREF ind_1_2_1 \\h" for code in codes)
