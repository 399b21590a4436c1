"""``reportgen uebernehmen``: the example report built as DOCX once, edited the way Word stores
edits, and the edits taken back into the Markdown text blocks; a rebuild shows them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from reportgen.render.docx.locked import is_generated
from reportgen.resources import EXAMPLE_PROJECT
from tests import roundtrip_edits as edit
from tests.docxhelpers import all_paragraphs
from tests.roundtrip_edits import INDICATOR, edit_indicator_text
from tests.roundtrip_project import (
    build_docx,
    fingerprints,
    output,
    project_copy,
    take_over,
)

pytestmark = pytest.mark.xdist_group("roundtrip")

SAVED = dt.date(2026, 1, 15)


@pytest.fixture
def built(roundtrip_example: tuple[Path, Path]) -> tuple[Path, Path]:
    """The example project and its report as DOCX, built once per session."""
    return roundtrip_example


@pytest.fixture
def project(built: tuple[Path, Path], tmp_path: Path) -> Path:
    """A fresh copy of the built project for one test (texts written here)."""
    return project_copy(built[0], tmp_path / "projekt")


def edited(built: tuple[Path, Path], tmp_path: Path) -> Path:
    """The built DOCX with the edits of an editor in Word (see ``edit_indicator_text``)."""
    document = edit.open_docx(built[1])
    edit_indicator_text(document)
    edit.edit_table_cell(document, "8.010.686", "8.010.999")
    edit.saved_by(document, "Anna Beispiel", SAVED)
    path = tmp_path / "bearbeitet.docx"
    document.save(str(path))
    return path


def test_an_unedited_docx_changes_nothing(built: tuple[Path, Path], project: Path) -> None:
    before = fingerprints(project / "texte")
    result = take_over(built[1], project)
    assert result.exit_code == 0, result.output
    assert "0 Texte geändert" in output(result)
    assert "61 Texte unverändert" in output(result)
    assert "Nicht übernommen" not in output(result)
    assert fingerprints(project / "texte") == before


def test_edits_come_back_as_markdown(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    before = fingerprints(project / "texte")
    result = take_over(edited(built, tmp_path), project)
    assert result.exit_code == 0, result.output
    text = (project / INDICATOR).read_text(encoding="utf-8")
    head, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert head == "status: entwurf\nautor: Anna Beispiel\ndatum: 2026-01-15\n"
    paragraphs = body.strip("\n").split("\n\n")
    assert paragraphs[0].startswith("Der Ausländeranteil zeigt, wie viele von 100 Einwohnerinnen")
    assert "Er verbindet zwei Quellen" not in paragraphs[0]
    assert paragraphs[0].endswith("kreisfreien Städten.")
    # the figures left alone go back as placeholders, the retyped one stays as typed
    assert '{{ jahr("1-2-2") }} bei 14,0 %, eine Veränderung um ' in paragraphs[1]
    assert '{{ veraenderung("1-2-2", "Niedersachsen", 2010) }} gegenüber 2010.' in paragraphs[1]
    assert paragraphs[2] == r"**Neu:** *kursiv* und \*Sternchen\* bleiben Text."
    assert paragraphs[3] == "- erster Punkt\n- zweiter Punkt"
    assert paragraphs[4:6] == ["## Neue Zwischenüberschrift", "1. eins\n2. zwei"]
    # the untouched paragraph keeps its Markdown byte for byte
    original = (EXAMPLE_PROJECT / INDICATOR).read_text(encoding="utf-8")
    assert paragraphs[6] == original.rstrip("\n").split("\n\n")[-1]
    assert body.startswith("\n") and body.endswith("Mikrozensus (Indikator 1.3.1).\n")
    after = fingerprints(project / "texte")
    assert {name for name in after if after[name] != before[name]} == {"indikatoren/1-2-2.md"}
    said = output(result)
    assert "1 Text geändert und übernommen: texte/indikatoren/1-2-2.md" in said
    assert "60 Texte unverändert" in said
    assert "0 Konflikte" in said
    assert (
        "texte/indikatoren/1-2-2.md: „14,0 %“ statt des Platzhalters "
        '{{ wert("1-2-2", "Niedersachsen") }} (beim Erstellen 13,7 %)' in said
    )
    assert "Nicht übernommen (1)" in said
    assert "Tabelle unter „Bevölkerung in Niedersachsen“: geändert" in said


def test_a_rebuild_shows_the_edited_texts(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    assert take_over(edited(built, tmp_path), project).exit_code == 0
    rebuilt = edit.open_docx(build_docx(project, tmp_path / "neu"))
    content = edit.text_control(rebuilt, INDICATOR)
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in edit.paragraphs(content)]
    assert texts[0].startswith("Der Ausländeranteil zeigt, wie viele")
    assert "bei 14,0 %, eine Veränderung um +7,9 Prozentpunkte" in texts[1]
    new = ["Neu: kursiv und *Sternchen* bleiben Text.", "erster Punkt", "zweiter Punkt"]
    assert texts[2:5] == new
    assert texts[5:8] == ["Neue Zwischenüberschrift", "eins", "zwei"]
    bold = [r for r in content.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
    assert ["".join(t.text for t in r.iter(qn("w:t"))) for r in bold] == ["Neu:"]
    # a draft again: the mark above the text, the figures from the data still marked
    assert edit.figure(content, 'jahr("1-2-2")') is not None
    # and taking the rebuilt DOCX over changes nothing
    before = fingerprints(project / "texte")
    assert "0 Texte geändert" in output(take_over(tmp_path / "neu" / built[1].name, project))
    assert fingerprints(project / "texte") == before


def test_only_shown_with_nur_anzeigen_and_diff_files(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    before = fingerprints(project / "texte")
    word = edited(built, tmp_path)
    result = take_over(word, project, "--nur-anzeigen", "--diff", str(tmp_path / "d.md"))
    assert result.exit_code == 0, result.output
    assert "1 Text geändert und zu übernehmen (nichts geschrieben)" in output(result)
    assert fingerprints(project / "texte") == before
    diff = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "## texte/indikatoren/1-2-2.md" in diff
    assert "-Der Ausländeranteil gibt an" in diff and "+Der Ausländeranteil zeigt" in diff
    take_over(word, project, "--diff", str(tmp_path / "d.html"), "--status", "freigegeben")
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="de"' in page and "zeigt" in page
    assert "status: freigegeben" in (project / INDICATOR).read_text(encoding="utf-8")


def test_a_comment_outside_the_texts_is_listed(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    document = edit.open_docx(built[1])
    # where Word lets editors comment on a locked table: on its indicator's heading
    heading = next(
        p
        for p in all_paragraphs(document)
        if p.style is not None and p.style.name == "Heading 3" and p.text.startswith("Anteil der A")
    )
    edit.comment(document, heading._p, "Stimmt das?", "Prüfer")
    path = tmp_path / "kommentar.docx"
    document.save(str(path))
    result = take_over(path, project)
    assert result.exit_code == 0, result.output
    assert "Kommentar – „Prüfer: Stimmt das?“" in output(result)


def test_a_removed_table_and_an_edited_caption_are_named_as_a_reader_sees_them(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    """What an editor did after lifting the locks: a figure caption edited (named with its
    number), a table with its source line and note removed (named after what stood before)."""
    document = edit.open_docx(built[1])
    body = document.element.body
    caption = next(
        t for t in body.iter(qn("w:t")) if (t.text or "").startswith(": Bevölkerung in Nieder")
    )
    caption.text = ": Einwohnerzahl"
    table = next(body.iter(qn("w:tbl")))
    locked = table.getparent().getparent()  # the generated content's control, source line too
    assert is_generated(locked)
    locked.getparent().remove(locked)
    path = tmp_path / "gesperrt-bearbeitet.docx"
    document.save(str(path))
    result = take_over(path, project, "--nur-anzeigen")
    assert result.exit_code == 0, result.output
    said = output(result)
    place = "unter „Bevölkerung in Niedersachsen“"
    assert f"Absatz {place}: geändert – „Abbildung 1: Einwohnerzahl“" in said
    # the table, its source line and its note, after the table's caption
    assert f"U{place[1:]}: 3 erzeugte Teile entfernt nach „Tabelle 1: Bevölkerung in" in said


def test_a_factsheet_docx_comes_back(built: tuple[Path, Path], tmp_path: Path) -> None:
    from reportgen.batch import FactsheetRequest, build_factsheets

    project = project_copy(built[0], tmp_path / "projekt")
    request = FactsheetRequest(project, tmp_path / "out", ("K03355",), ("docx",), jobs=1)
    result = build_factsheets(request)
    (sheet,) = [path for found in result.sheets for path in found.written if path.suffix == ".docx"]
    document = edit.open_docx(sheet)
    # the key figures and the notes are locked, the district's own text is not
    tables = list(document.element.body.iter(qn("w:tbl")))
    assert tables and all(_locked(table) for table in tables)
    content = edit.text_control(document, "texte/steckbriefe/K03355.md")
    assert not _locked(content[0])
    edit.replace_text(edit.paragraphs(content)[0], "Beispieltext:", "Text des Landkreises:")
    document.save(str(sheet))
    assert take_over(sheet, project).exit_code == 0
    text = (project / "texte/steckbriefe/K03355.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitel: Integration im Landkreis Lüneburg\nstatus: entwurf\n")
    assert "*Text des Landkreises:* So kann ein Kreis" in text
    # the paragraphs left alone keep their placeholders and line breaks
    assert 'Im Landkreis lebten Ende {{ jahr("1-2-1", "Lüneburg") }} {{ wert(' in text
    assert "- **Sprachkurse**: Integrations- und Berufssprachkurse" in text


def test_a_copied_text_control_is_no_second_text(
    built: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    document = edit.open_docx(built[1])
    body = document.element.body
    control = edit.text_control(document, INDICATOR).getparent()
    from copy import deepcopy

    body[-1].addprevious(deepcopy(control))  # pasted at the end of the document
    path = tmp_path / "kopie.docx"
    document.save(str(path))
    result = take_over(path, project)
    assert result.exit_code == 0, result.output
    assert "0 Texte geändert" in output(result)
    shutil.rmtree(tmp_path / "projekt")


def _locked(element: object) -> bool:
    """Whether the element stands in a locked content control of generated content."""
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None and not (parent.tag == qn("w:sdt") and is_generated(parent)):
        parent = parent.getparent()
    return parent is not None
