"""The annex: glossary and abbreviations from the project's files, the rounding note, the
normalised list of sources, and the lists of figures and tables with their anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.glossary import collation_key, term_anchor, with_term_links
from reportgen.compose.model import (
    BulletList,
    CaptionList,
    Emphasis,
    Figure,
    Heading,
    Link,
    Node,
    Paragraph,
    Part,
    Role,
    Strong,
    Table,
    Text,
    plain_text,
    walk,
)
from reportgen.compose.report import Report, compose_report
from reportgen.errors import Location, Problem
from reportgen.load.glossary import Term, load_terms
from reportgen.load.project import load_project
from tests.builders import parts
from tests.conftest import make_project

GLOSSARY = """# Glossar

<!-- eine Notiz
über zwei Zeilen -->

## Zensus
Zählung der Bevölkerung.

## Ausländerin/Ausländer
Person ohne deutsche Staatsangehörigkeit,
siehe [AZR](https://www.bva.bund.de).

## Einbürgerung
Erwerb der deutschen Staatsangehörigkeit.
"""
ABBREVIATIONS = "WZ 2008: Klassifikation der Wirtschaftszweige\nAZR: Ausländerzentralregister\n"
CONFIG = """
glossar: texte/glossar.md
abkuerzungen: texte/abkuerzungen.yml
"""


def with_glossary(project: Path) -> Path:
    (project / "texte" / "glossar.md").write_text(GLOSSARY, encoding="utf-8")
    (project / "texte" / "abkuerzungen.yml").write_text(ABBREVIATIONS, encoding="utf-8")
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + CONFIG, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    project = with_glossary(make_project(tmp_path_factory.mktemp("anhang")))
    return compose_report(prepare_project(project))


def annex(report: Report) -> Part:
    return parts(report.document, Role.APPENDIX)[0]


def terms_of(path: Path, text: str) -> tuple[list[str], list[Problem]]:
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return [t.term for t in load_terms(path, "glossar", problems)], problems


# --- loading -------------------------------------------------------------------------------


def test_a_markdown_glossary_gives_its_terms_with_their_lines(tmp_path: Path) -> None:
    problems: list[Problem] = []
    path = tmp_path / "glossar.md"
    path.write_text(GLOSSARY, encoding="utf-8")
    terms = load_terms(path, "glossar", problems)
    assert problems == []
    assert [(t.term, t.location.line) for t in terms] == [
        ("Zensus", 6),
        ("Ausländerin/Ausländer", 9),
        ("Einbürgerung", 13),
    ]
    assert "[AZR](https://www.bva.bund.de)" in terms[1].text


def test_text_before_the_first_term_is_refused_at_its_line(tmp_path: Path) -> None:
    terms, problems = terms_of(tmp_path / "glossar.md", "# Glossar\n\nEinleitung\n## Zensus\nx\n")
    assert terms == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'glossar.md'}, Zeile 3: Text vor dem ersten Begriff. Jeder Eintrag beginnt "
        "mit einer Zeile „## Begriff“; darunter steht die Erklärung."
    ]


def test_a_term_without_explanation_and_a_twice_named_term_are_errors(tmp_path: Path) -> None:
    text = "## Duldung\n\n## Zensus\nZählung.\n## zensus\nNoch einmal.\n"
    terms, problems = terms_of(tmp_path / "glossar.md", text)
    assert terms == ["Zensus"]
    assert [(p.message, p.location and p.location.line) for p in problems] == [
        ("Der Begriff „Duldung“ hat keine Erklärung.", 1),
        ("Der Begriff „zensus“ steht zweimal in der Datei (zuerst in Zeile 3).", 5),
    ]
    assert all(p.is_error for p in problems)


def test_a_yaml_file_of_abbreviations_needs_text_after_each_key(tmp_path: Path) -> None:
    terms, problems = terms_of(tmp_path / "abk.yml", "AZR: Ausländerzentralregister\nEU:\n")
    assert terms == ["AZR"]
    assert [(p.message, p.location and p.location.line) for p in problems] == [
        ("Zu „EU“ steht keine Erklärung als Text.", 2)
    ]


def test_broken_yaml_and_a_missing_file_are_reported_not_raised(tmp_path: Path) -> None:
    _, problems = terms_of(tmp_path / "abk.yml", "AZR: [Ausländer\n")
    assert problems and problems[0].message.startswith("Die Datei ist kein gültiges YAML")
    problems = []
    assert load_terms(tmp_path / "fehlt.md", "glossar", problems) == ()
    assert problems[0].message == "Die Datei zu „glossar“ fehlt."


def test_the_project_loads_both_files_from_the_configuration(tmp_path: Path) -> None:
    project = load_project(with_glossary(make_project(tmp_path)))
    assert [t.term for t in project.glossary.abbreviations] == ["WZ 2008", "AZR"]
    assert len(project.glossary.terms) == 3


# --- order and anchors ---------------------------------------------------------------------


def test_german_dictionary_order_and_predictable_anchors() -> None:
    words = ["Zensus", "Ärztin", "Abschiebung", "Einbürgerung", "ausländisch", "Asyl"]
    assert sorted(words, key=collation_key) == [
        "Abschiebung",
        "Ärztin",  # Ä sorts as A, not after Z
        "Asyl",
        "ausländisch",
        "Einbürgerung",
        "Zensus",
    ]
    assert term_anchor("Ausländerin/Ausländer") == "glossar-auslaenderin-auslaender"
    assert term_anchor("Migrationshintergrund im engeren Sinne") == (
        "glossar-migrationshintergrund-im-engeren-sinne"
    )


def test_the_annex_in_order(report: Report) -> None:
    headings = [
        (n.level, n.text, n.anchor) for n in walk((annex(report),)) if isinstance(n, Heading)
    ]
    assert headings[:8] == [
        (1, "Anhang", "anhang"),
        (2, "Zeichenerklärung", "zeichenerklaerung"),
        (2, "Abkürzungen", "abkuerzungen"),
        (2, "Glossar", "glossar"),
        (2, "Datenquellen", "datenquellen"),
        (2, "Abbildungsverzeichnis", "abbildungsverzeichnis"),
        (2, "Tabellenverzeichnis", "tabellenverzeichnis"),
        (2, "Kreistabellen", "kreistabellen"),
    ]
    texts = [plain_text(n.inlines) for n in annex(report).children if isinstance(n, Paragraph)]
    assert "Abweichungen in den Summen durch Runden." in texts


def test_glossary_entries_are_sorted_and_anchored(report: Report) -> None:
    entries = [n for n in walk((annex(report),)) if isinstance(n, Part) and n.role == Role.NOTE]
    assert [e.anchor for e in entries] == [
        "glossar-auslaenderin-auslaender",
        "glossar-einbuergerung",
        "glossar-zensus",
    ]
    links = [n for n in walk(entries[0].children) if isinstance(n, Paragraph)]
    assert "AZR" in plain_text(links[1].inlines)


def test_abbreviations_are_sorted(report: Report) -> None:
    lists = [n for n in annex(report).children if isinstance(n, BulletList)]
    assert [plain_text(item) for item in lists[0].items] == [
        "AZR – Ausländerzentralregister",
        "WZ 2008 – Klassifikation der Wirtschaftszweige",
    ]


def test_the_lists_name_every_numbered_figure_and_table_by_its_anchor(report: Report) -> None:
    nodes = list(walk(report.document.body))
    figures = [n for n in nodes if isinstance(n, Figure)]
    tables = [n for n in nodes if isinstance(n, Table) and n.number]
    lists = [n for n in nodes if isinstance(n, CaptionList)]
    assert [lst.label for lst in lists] == ["Abbildung", "Tabelle"]
    expected = [
        [(f"{n.label} {n.number}", n.caption, f"{prefix}-{n.number}") for n in found]
        for prefix, found in (("abb", figures), ("tab", tables))
    ]
    assert [[(e.label, e.text, e.anchor) for e in lst.entries] for lst in lists] == expected
    assert all(n.anchor for n in (*figures, *tables))
    anchors = [n.anchor for n in (*figures, *tables)]
    assert len(anchors) == len(set(anchors))


# --- first use links to the glossary --------------------------------------------------------


def _links(nodes: tuple[Node, ...]) -> list[tuple[str, str]]:
    """(text, url) of every link to a glossary entry, in reading order."""
    found: list[tuple[str, str]] = []
    for node in walk(nodes):
        inlines = node.inlines if isinstance(node, Paragraph) else ()
        if isinstance(node, BulletList):
            inlines = tuple(inline for item in node.items for inline in item)
        stack = list(reversed(inlines))
        while stack:
            inline = stack.pop()
            if isinstance(inline, Link) and inline.url.startswith("#glossar-"):
                found.append((plain_text(inline.children), inline.url))
            elif isinstance(inline, Strong | Emphasis):
                stack.extend(reversed(inline.children))
    return found


TERMS = tuple(
    Term(term, "Erklärung.", Location(Path("glossar.md")))
    for term in (
        "Ausländerin/Ausländer",
        "Migrationshintergrund",
        "Migrationshintergrund im engeren Sinne",
        "Zensus",
    )
)


def test_the_first_use_of_each_term_links_to_its_entry() -> None:
    text = (
        "Ausländerinnen und Ausländer mit Migrationshintergrund im engeren Sinne, der "
        "Mikrozensus, die Ausländerbehörde, des Migrationshintergrundes; der Zensus."
    )
    body = (
        Part(Role.FOREWORD, (Paragraph((Text(text),)), Paragraph((Text("Zensus"),)))),
        Part(Role.APPENDIX, (Paragraph((Text("Migrationshintergrund"),)),)),
    )
    linked = with_term_links(body, TERMS)
    assert _links(linked) == [
        ("Ausländerinnen", "#glossar-auslaenderin-auslaender"),
        (
            "Migrationshintergrund im engeren Sinne",
            "#glossar-migrationshintergrund-im-engeren-sinne",
        ),
        ("Migrationshintergrundes", "#glossar-migrationshintergrund"),
        ("Zensus", "#glossar-zensus"),
    ]
    assert plain_text(linked[0].children[0].inlines) == text  # not a character lost or added


def test_terms_in_headings_links_and_emphasis_and_those_the_editor_linked() -> None:
    body = (
        Part(
            Role.CHAPTER,
            (
                Heading(1, "Zensus"),
                Paragraph((Link((Text("Ausländer"),), "https://example.org"),)),
                Paragraph((Strong((Text("Ausländer"),)), Text(" und der Zensus"))),
                Paragraph((Link((Text("Volkszählung"),), "#glossar-zensus"),)),
            ),
        ),
    )
    assert _links(with_term_links(body, TERMS)) == [
        ("Ausländer", "#glossar-auslaenderin-auslaender"),
        ("Volkszählung", "#glossar-zensus"),  # the editor's own link; the term stays text
    ]


def test_term_links_can_be_switched_off(tmp_path: Path) -> None:
    project = with_glossary(make_project(tmp_path))
    (project / "texte" / "vorwort.md").write_text(
        "---\nstatus: freigegeben\n---\nSeit dem Zensus zählen mehr Einbürgerungen.\n",
        encoding="utf-8",
    )
    linked = _links(compose_report(prepare_project(project)).document.body)
    assert linked == [("Zensus", "#glossar-zensus"), ("Einbürgerungen", "#glossar-einbuergerung")]
    config = project / "reportgen.yml"
    config.write_text(config.read_text(encoding="utf-8") + "glossar_verlinken: false\n")
    assert not _links(compose_report(prepare_project(project)).document.body)
