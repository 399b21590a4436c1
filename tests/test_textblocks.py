"""Text blocks: their kind and status are enums that still read and compare as German words."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Severity
from reportgen.load.textblocks import STATUSES, BlockStatus, TextKind, load_texts


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_kinds_and_statuses_are_enums_equal_to_the_words_editors_write(tmp_path: Path) -> None:
    write(tmp_path, "vorwort.md", "Vorwort ohne Kopf.\n")
    write(tmp_path, "indikatoren/1-2-1.md", "---\nstatus: Freigegeben \n---\nText.\n")
    write(tmp_path, "steckbriefe/K03355.md", "---\nstatus: entwurf\n---\nText.\n")
    library, problems = load_texts(tmp_path)
    assert problems == []
    assert library.foreword is not None
    assert (library.foreword.kind, library.foreword.status) == (
        TextKind.FOREWORD,
        BlockStatus.DRAFT,  # without a status a text is a draft
    )
    indicator = library.indicators["1-2-1"]
    assert indicator.kind is TextKind.INDICATOR and indicator.status is BlockStatus.RELEASED
    assert (indicator.kind, indicator.status) == ("indikator", "freigegeben")
    assert library.factsheets["K03355"].kind == "steckbrief"
    assert STATUSES == ("entwurf", "freigegeben")


def test_an_unknown_status_names_the_allowed_ones(tmp_path: Path) -> None:
    write(tmp_path, "indikatoren/1-2-1.md", "---\nstatus: fertig\n---\nText.\n")
    library, problems = load_texts(tmp_path)
    assert library.indicators == {}
    assert [(p.message, p.hint, p.severity) for p in problems] == [
        ("Unbekannter Status „fertig“.", "Erlaubt: entwurf, freigegeben.", Severity.ERROR)
    ]


def test_an_unknown_head_field_and_a_missing_folder_are_warnings(tmp_path: Path) -> None:
    write(tmp_path, "texte/vorwort.md", "---\nautorin: A\n---\nText.\n")
    _, problems = load_texts(tmp_path / "texte")
    _, missing = load_texts(tmp_path / "fehlt")
    assert [p.severity for p in [*problems, *missing]] == [Severity.WARNING, Severity.WARNING]


def test_head_problems_point_at_the_key_even_quoted_or_after_a_comment(tmp_path: Path) -> None:
    write(tmp_path, "indikatoren/1-2-1.md", '---\n# Kopf\ntitel: A\n"datum": morgen\n---\nText.\n')
    _, problems = load_texts(tmp_path)
    assert [(p.message, p.location and (p.location.line, p.location.column)) for p in problems] == [
        ("Das Datum „morgen“ ist ungültig.", (4, 1))
    ]
