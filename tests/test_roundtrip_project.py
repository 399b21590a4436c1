"""The round trip on a small project made here from scratch (not the example): its own data,
texts with a sub-heading, a numbered list, links, a note for the editors and placeholders, and
an indicator without a text, whose generated draft becomes a new text block once revised."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests import roundtrip_edits as edit
from tests.roundtrip_project import (
    build_docx,
    fingerprints,
    output,
    project_copy,
    small_project,
    take_over,
)

pytestmark = pytest.mark.xdist_group("roundtrip")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("musterkreis")
    project = small_project(root / "projekt")
    return project, build_docx(project, root / "out")


REVISED = """\
---
titel: Vorwort
status: entwurf
autor: Stabsstelle
datum: 2026-02-01
---

<!-- Notiz: vor dem Druck mit dem Landrat abstimmen -->

Im Musterkreis besuchten {{ jahr("3-1-1") }} insgesamt {{ wert("3-1-1") }} der Kinder eine \
Kita oder Tagespflege. Mehr dazu unter [Indikator 3.1.1](#3.1.1) und beim \
[Statistikamt](https://statistik.example/kita).

## Was dieser Bericht zeigt

1. die Betreuungsquote,
2. die Zahl der Plätze.

Wir danken allen, die mitgewirkt haben.

*Gez. die Landrätin*
"""
"""The foreword after the round trip: the changed paragraph converted (on one line), its
link as written, the note, sub-heading and list kept as written, the new line appended."""


def test_a_small_project_of_its_own(built: tuple[Path, Path], tmp_path: Path) -> None:
    project = project_copy(built[0], tmp_path / "projekt")
    document = edit.open_docx(built[1])
    foreword = edit.paragraphs(edit.text_control(document, "texte/vorwort.md"))
    edit.replace_text(foreword[0], "eine Kita", "eine Kita oder Tagespflege")
    edit.new_paragraph(foreword[-1], [edit.run("Gez. die Landrätin", italic=True)])
    draft = edit.text_control(document, "texte/indikatoren/3-1-2.md")
    edit.new_paragraph(edit.paragraphs(draft)[-1], [edit.run("Neue Kitas öffnen 2027.")])
    path = tmp_path / "bearbeitet.docx"
    document.save(str(path))
    result = take_over(path, project)
    assert result.exit_code == 0, result.output
    assert (project / "texte/vorwort.md").read_text(encoding="utf-8") == REVISED
    created = (project / "texte/indikatoren/3-1-2.md").read_text(encoding="utf-8")
    assert created.startswith("---\nstatus: entwurf\n---\n\n")
    assert created.endswith("\n\nNeue Kitas öffnen 2027.\n")
    said = output(result)
    assert "texte/indikatoren/3-1-2.md (neu angelegt)" in said
    assert "„1.310“ von Hand getippt" in said  # the draft's figures are typed now
    # the rebuilt report shows both, the new text block no longer a generated draft
    rebuilt = edit.open_docx(build_docx(project, tmp_path / "neu"))
    words = "".join(t.text or "" for t in rebuilt.element.body.iter(qn("w:t")))
    assert "eine Kita oder Tagespflege" in words and "Neue Kitas öffnen 2027." in words
    assert "Gez. die Landrätin" in words


def test_the_docx_of_one_project_is_refused_by_another(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    from reportgen.resources import EXAMPLE_PROJECT

    example = project_copy(EXAMPLE_PROJECT, tmp_path / "beispiel")
    before = fingerprints(example / "texte")
    result = take_over(built[1], example)
    assert result.exit_code == 1
    assert "gehört zu einem anderen Projekt: „Teilhabebericht Musterkreis“" in output(result)
    assert fingerprints(example / "texte") == before
