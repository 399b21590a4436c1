"""Clean text: Markdown links written into metadata fields become links, names the metadata
spell several ways or wrongly are put right once (sources, topics, Handlungsfelder), and the
stylesheet keeps URLs, headings, contents and captions free of hyphenation."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.check import prepare_project
from reportgen.compose.model import (
    BulletList,
    Figure,
    Heading,
    Link,
    Paragraph,
    Part,
    Role,
    Table,
    Text,
    plain_text,
    walk,
)
from reportgen.compose.report import compose_report
from reportgen.compose.richtext import html_to_blocks
from reportgen.errors import Severity
from reportgen.load.htmltext import html_to_text, markdown_links
from reportgen.load.naming import source_key, source_spellings
from reportgen.resources import DEFAULT_STYLES
from tests.builders import parts
from tests.conftest import make_project

LINKED = "[Text](https://example.org)"


def add_to_config(project: Path, text: str) -> None:
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")


def links_in(part: Part) -> list[Link]:
    found: list[Link] = []
    for node in walk((part,)):
        rows = [node.inlines] if isinstance(node, Paragraph) else []
        rows += list(node.items) if isinstance(node, BulletList) else []
        found += [inline for row in rows for inline in row if isinstance(inline, Link)]
    return found


# --- Markdown in metadata fields -----------------------------------------------------------


def test_markdown_links_become_html_links_and_relative_ones_keep_their_words() -> None:
    assert markdown_links("beim [BAMF](https://www.bamf.de/a?b=1&c=2).") == (
        'beim <a href="https://www.bamf.de/a?b=1&amp;c=2">BAMF</a>.'
    )
    assert markdown_links("Indikator [4.1.4](/4-1-4/)") == "Indikator 4.1.4"
    assert html_to_text(markdown_links(f"an {LINKED} mehr")) == "an Text mehr"


def test_a_markdown_link_in_an_html_snippet_is_a_link_node() -> None:
    (paragraph,) = html_to_blocks(f"Siehe <b>dort</b>: {LINKED}.")
    assert isinstance(paragraph, Paragraph)
    assert Link((Text("Text"),), "https://example.org") in paragraph.inlines
    assert "](" not in plain_text(paragraph.inlines)


def test_links_in_footnote_computation_and_further_information(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    meta = project / "daten" / "meta" / "2-1-1.md"
    text = meta.read_text(encoding="utf-8").replace(
        "---\n",
        f"---\ndata_footnote: 'Fußnote {LINKED}'\ncomputation_calculations: 'Rechnung {LINKED}'\n"
        f"other_info: 'Mehr {LINKED}'\n",
        1,
    )
    meta.write_text(text, encoding="utf-8")
    report = compose_report(prepare_project(project))
    indicator = next(
        p for p in parts(report.document, Role.INDICATOR) if "2.1.1" in plain_text_of(p)
    )
    links = [link for link in links_in(indicator) if link.url == "https://example.org"]
    assert len(links) == 3
    assert "](" not in plain_text_of(indicator)


def plain_text_of(part: Part) -> str:
    texts = []
    for node in walk((part,)):
        if isinstance(node, Paragraph):
            texts.append(plain_text(node.inlines))
        elif isinstance(node, Heading):
            texts.append(f"{node.number} {node.text}")
    return "\n".join(texts)


# --- names put right -----------------------------------------------------------------------


def test_variants_of_one_statistic_are_one_source() -> None:
    variants = [
        "Kinder und Jugendhilfestatistik",
        "Kinder- und Jugendhilfe Statistik",
        "Kinder- und Jugendhilfestatistik",
        "Statistik der Bundesagentur  für Arbeit",
        "Statistik der Bundesagentur für Arbeit",
        "Statistik der Bundesagentur für Arbeit.",
    ]
    assert len({source_key(name) for name in variants}) == 2
    spelled = source_spellings(variants, {})
    assert sorted(spelled.values()) == [
        "Kinder- und Jugendhilfestatistik",
        "Statistik der Bundesagentur für Arbeit",
    ]
    configured = source_spellings(variants, {"kinder und jugendhilfestatistik": "KJH-Statistik"})
    assert "KJH-Statistik" in configured.values()


def test_overrides_reach_headings_source_lines_and_the_annex(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    add_to_config(
        project,
        "handlungsfeld_titel:\n  1: Bevölkerung und Demografie\n"
        "themen_titel:\n  1.1: Die Bevölkerung\n"
        "quellennamen:\n  Bevölkerungsfortschreibung.: Fortschreibung des Bevölkerungsstandes\n",
    )
    report = compose_report(prepare_project(project))
    headings = {(h.number, h.text) for h in walk(report.document.body) if isinstance(h, Heading)}
    assert ("1", "Bevölkerung und Demografie") in headings
    assert ("1.1", "Die Bevölkerung") in headings
    sources = [n.source for n in walk(report.document.body) if isinstance(n, Figure | Table)]
    assert any("Fortschreibung des Bevölkerungsstandes" in line for line in sources)
    annex = parts(report.document, Role.APPENDIX)[0]
    listed = next(n for n in annex.children if isinstance(n, BulletList))
    assert any(
        plain_text(item).startswith("Fortschreibung des Bevölkerungsstandes:")
        for item in listed.items
    )


def test_an_override_that_names_nothing_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    add_to_config(
        project,
        "handlungsfeld_titel:\n  7: Gesundheit\n"
        "themen_titel:\n  1-3: Wohnen\n"
        "quellennamen:\n  Hochschulstatistk: Hochschulstatistik des Landes\n",
    )
    found = prepare_project(project).problems
    warnings = [p for p in found if p.severity == Severity.WARNING and " unter „" in p.message]
    assert [(p.message, p.hint) for p in warnings] == [
        (
            "„7“ unter „handlungsfeld_titel“ gibt es in den Daten nicht; der Titel bleibt "
            "unbenutzt.",
            None,
        ),
        (
            "„1-3“ unter „themen_titel“ gibt es in den Daten nicht; der Titel bleibt unbenutzt.",
            "Meinten Sie 1-2 oder 1-1?",
        ),
        (
            "„Hochschulstatistk“ unter „quellennamen“ ist keine Datenquelle der Metadaten.",
            "Meinten Sie „Hochschulstatistik“?",
        ),
    ]
    assert all(p.location and p.location.line for p in warnings)


# --- the stylesheet ------------------------------------------------------------------------


def test_no_hyphenation_in_urls_headings_contents_and_captions() -> None:
    css = (DEFAULT_STYLES / "report.css").read_text(encoding="utf-8")

    def rule(selector: str) -> str:
        match = re.search(rf"(?m)^{re.escape(selector)} \{{([^}}]*)\}}", css)
        assert match, selector
        return match.group(1)

    assert "hyphens: manual" in rule("a")
    assert "overflow-wrap: anywhere" in rule("a")
    assert "hyphens: manual" in rule("h1, h2, h3, h4, h5, h6")
    assert "hyphens: manual" in rule(".toc")
    assert "hyphens: manual" in rule("figcaption")
    assert "hyphens: manual" in rule("table caption")
    assert "hyphens: manual" in rule("ol.captions")
    for selector in ("p", "li"):
        assert "orphans: 3" in rule(selector) and "widows: 3" in rule(selector)
