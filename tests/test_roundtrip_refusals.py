"""What ``reportgen uebernehmen`` refuses, with a German list of places and nothing written:
pending tracked changes and open comments in a text (unless ``--angenommen``), a conflict with
a Markdown file changed since the build, a DOCX of another project, a file that is no DOCX of
reportgen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml.ns import qn

from tests import roundtrip_edits as edit
from tests.roundtrip_project import fingerprints, output, project_copy, take_over

pytestmark = pytest.mark.xdist_group("roundtrip")

INDICATOR = "texte/indikatoren/1-2-2.md"
GOAL = "texte/handlungsfelder/1.md"
REVIEWED = dt.date(2026, 1, 10)


@pytest.fixture
def built(roundtrip_example: tuple[Path, Path]) -> tuple[Path, Path]:
    return roundtrip_example


@pytest.fixture
def project(built: tuple[Path, Path], tmp_path: Path) -> Path:
    return project_copy(built[0], tmp_path / "projekt")


def saved(document: docx.document.Document, tmp_path: Path, name: str = "b.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def with_pending_changes(built: tuple[Path, Path]) -> docx.document.Document:
    """The Handlungsfeld 1 introduction with an insertion and a deletion not yet accepted,
    and a change in 1.2.2 made and accepted (Word then stores plain text)."""
    document = edit.open_docx(built[1])
    first = edit.paragraphs(edit.text_control(document, GOAL))[0]
    edit.tracked_insert(first, "beschreibt", " kurz und bündig", "Bernd Prüfer", REVIEWED)
    edit.tracked_delete(
        first, "Es bildet die Grundlage für die folgenden Kapitel, denn ", "Bernd Prüfer", REVIEWED
    )
    accepted = edit.paragraphs(edit.text_control(document, INDICATOR))[2]
    edit.replace_text(accepted, "Veränderungen können", "Änderungen können")
    return document


def test_pending_tracked_changes_are_refused(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    before = fingerprints(project / "texte")
    result = take_over(saved(with_pending_changes(built), tmp_path), project)
    assert result.exit_code == 1
    said = output(result)
    assert "texte/handlungsfelder/1.md: 2 offene Stellen im Text" in said
    assert "– Einfügung (Bernd Prüfer, 2026-01-10): „kurz und bündig“" in said
    assert "– Löschung (Bernd Prüfer, 2026-01-10): „Es bildet die Grundlage" in said
    assert "--angenommen" in said and "Abbruch: Es wurde nichts übernommen." in said
    assert "Traceback" not in result.output
    # the accepted change elsewhere is not written either: all or nothing
    assert fingerprints(project / "texte") == before


def test_angenommen_takes_the_accepted_state(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    result = take_over(saved(with_pending_changes(built), tmp_path), project, "--angenommen")
    assert result.exit_code == 0, result.output
    text = (project / GOAL).read_text(encoding="utf-8")
    assert "beschreibt kurz und bündig, wer in Niedersachsen lebt" in text
    assert "Es bildet die Grundlage" not in text
    assert "denn viele Anteile" not in text and "Viele Anteile" not in text
    assert "autor: Bernd Prüfer\ndatum: 2026-01-10\n" in text  # from the revisions
    # the list of the Handlungsfeld stays as it was written
    assert "\n- die Bevölkerung insgesamt und ihre Entwicklung" in text
    said = output(result)
    assert "Als angenommen übernommen in texte/handlungsfelder/1.md: Einfügung (Bernd" in said
    assert "Änderungen können vom Zähler ausgehen" in (project / INDICATOR).read_text(
        encoding="utf-8"
    )


def test_an_open_comment_in_a_text_is_refused_a_resolved_one_not(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    document = edit.open_docx(built[1])
    content = edit.text_control(document, INDICATOR)
    edit.comment(document, edit.paragraphs(content)[0], "Quelle nennen?", "Carla Lektorin")
    edit.replace_text(
        edit.paragraphs(content)[1], "seit 2010 gestiegen", "seit 2010 stetig gestiegen"
    )
    result = take_over(saved(document, tmp_path), project)
    assert result.exit_code == 1
    assert "Kommentar (Carla Lektorin): „Quelle nennen?“" in output(result)
    taken = take_over(saved(document, tmp_path), project, "--angenommen")
    assert taken.exit_code == 0, taken.output
    assert "Als angenommen übernommen in texte/indikatoren/1-2-2.md: Kommentar" in output(taken)
    # resolved in Word ("Erledigt"): commentsExtended marks it done, it is no longer open
    fresh = project_copy(built[0], tmp_path / "frisch")
    resolved(document)
    result = take_over(saved(document, tmp_path, "erledigt.docx"), fresh)
    assert result.exit_code == 0, result.output
    assert "stetig gestiegen" in (fresh / INDICATOR).read_text(encoding="utf-8")


def resolved(document: docx.document.Document) -> None:
    """Mark every comment as done, as Word does: a paragraph id on the comment's paragraph and
    ``w15:done`` for it in the commentsExtended part."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    ids = []
    comments = document.part._comments_part.element
    for number, paragraph in enumerate(comments.iter(qn("w:p"))):
        ids.append(f"{number + 1:08X}")
        paragraph.set(f"{{{w14}}}paraId", ids[-1])
    entries = "".join(f'<w15:commentEx w15:paraId="{i}" w15:done="1"/>' for i in ids)
    xml = f'<w15:commentsEx xmlns:w15="{w15}">{entries}</w15:commentsEx>'
    part = OpcPart(
        PackURI("/word/commentsExtended.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(
        part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
    )


def test_a_text_changed_in_both_is_a_conflict(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    markdown = project / INDICATOR
    markdown.write_text(
        markdown.read_text(encoding="utf-8").replace("gibt an", "misst"), encoding="utf-8"
    )
    document = edit.open_docx(built[1])
    edit.replace_text(
        edit.paragraphs(edit.text_control(document, INDICATOR))[0], "gibt an", "zeigt"
    )
    other = edit.paragraphs(edit.text_control(document, GOAL))[1]
    edit.replace_text(other, "vier Themen", "vier Themenbereiche")
    before = fingerprints(project / "texte")
    diff = tmp_path / "konflikt.md"
    result = take_over(saved(document, tmp_path), project, "--diff", str(diff))
    assert result.exit_code == 1
    said = output(result)
    assert (
        "Konflikt: texte/indikatoren/1-2-2.md wurde seit dem Erstellen des DOCX geändert. "
        f"Beide Fassungen: die Datei {markdown}" in said
    )
    assert "Es wurde nichts überschrieben." in said
    assert fingerprints(project / "texte") == before  # not even the text without conflict
    shown = diff.read_text(encoding="utf-8")
    assert "## Konflikt: texte/indikatoren/1-2-2.md" in shown
    assert "-Der Ausländeranteil misst" in shown and "+Der Ausländeranteil zeigt" in shown


def test_a_text_changed_only_in_markdown_is_no_conflict(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    markdown = project / INDICATOR
    markdown.write_text(markdown.read_text(encoding="utf-8") + "\nNachtrag.\n", encoding="utf-8")
    before = markdown.read_bytes()
    document = edit.open_docx(built[1])
    edit.replace_text(edit.paragraphs(edit.text_control(document, GOAL))[1], "vier", "4")
    result = take_over(saved(document, tmp_path), project)
    assert result.exit_code == 0, result.output
    assert markdown.read_bytes() == before
    assert "Das Kapitel umfasst 4 Themen:" in (project / GOAL).read_text(encoding="utf-8")


def test_a_docx_of_another_project_is_refused(built: tuple[Path, Path], tmp_path: Path) -> None:
    other = project_copy(built[0], tmp_path / "anderes")
    config = other / "reportgen.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "titel: Integrationsbericht Niedersachsen 2025", "titel: Integrationsbericht Hameln"
        ),
        encoding="utf-8",
    )
    before = fingerprints(other / "texte")
    result = take_over(built[1], other)
    assert result.exit_code == 1
    assert (
        "Das Word-Dokument gehört zu einem anderen Projekt: „Integrationsbericht Niedersachsen "
        "2025“, nicht „Integrationsbericht Hameln“" in output(result)
    )
    assert "Traceback" not in result.output
    assert fingerprints(other / "texte") == before


def test_files_that_are_no_docx_of_reportgen(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "notiz.docx"
    text.write_text("kein Word", encoding="utf-8")
    plain = tmp_path / "leer.docx"
    docx.Document().save(str(plain))
    cases = {
        text: "Die Datei lässt sich nicht als Word-Dokument (DOCX) lesen.",
        plain: "Das Word-Dokument enthält keine Angaben von reportgen zu seinen Texten.",
        tmp_path / "fehlt.docx": "Die Word-Datei gibt es nicht.",
    }
    for path, message in cases.items():
        result = take_over(path, project)
        assert result.exit_code == 1, path
        assert message in output(result) and str(path) in output(result)
        assert "Traceback" not in result.output
