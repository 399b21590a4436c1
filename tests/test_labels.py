"""The fixed words of the publication: bundled in templates/labels.yml, renamed by an office in
a file of its own; a broken file is refused with a German message at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import InvalidInput, ReportError
from reportgen.load.labels import load_labels


def refused(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "woerter.yml").write_text(text, encoding="utf-8")
    own = Path("woerter.yml")  # messages name the file as the project names it
    with pytest.raises(ReportError) as caught:
        load_labels(own)
    error = caught.value
    return [str(p) for p in error.problems] if isinstance(error, InvalidInput) else [str(error)]


def test_an_office_renames_some_words_and_keeps_the_rest(tmp_path: Path) -> None:
    own = tmp_path / "woerter.yml"
    own.write_text("indikator:\n  lesehilfe: Zum Lesen\n", encoding="utf-8")
    labels = load_labels(own)
    assert labels.indicator.interpretation == "Zum Lesen"
    assert labels.appendix.signs == "Zeichenerklärung"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "indikator:\n  lesehilfen: X\n",
            "woerter.yml, Zeile 2, Spalte 3: Das Feld „indikator.lesehilfen“ ist unbekannt. "
            "Meinten Sie lesehilfe?",
        ),
        (
            "indikator:\n  lesehilfe: Hilfe {jahr}\n",
            "woerter.yml, Zeile 2, Spalte 3: Die Beschriftung „indikator.lesehilfe“ nennt den "
            "unbekannten Platzhalter {jahr}. Möglich: keine.",
        ),
        (
            "indikator:\n  quelle: 'Quelle: {herausgeber'\n",
            "woerter.yml, Zeile 2, Spalte 3: In der Beschriftung „indikator.quelle“ fehlt zu "
            "einer geschweiften Klammer das Gegenstück. Platzhalter stehen in {…}; eine einzelne "
            "Klammer als Zeichen wird verdoppelt: {{ oder }}.",
        ),
        (
            "indikator:\n  lesehilfe: [a, b]\n",
            "woerter.yml, Zeile 2, Spalte 3: Das Feld „indikator.lesehilfe“ muss ein Text sein.",
        ),
        (
            "- a\n- b\n",
            "woerter.yml, Zeile 1, Spalte 1: Die Beschriftungen müssen aus Zeilen "
            "„schlüssel: wert“ bestehen.",
        ),
    ],
)
def test_a_broken_labels_file_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert refused(tmp_path, text) == [message]


def test_broken_yaml_names_line_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (message,) = refused(tmp_path, "indikator:\n  lesehilfe: 'offen\n")
    assert message.startswith("woerter.yml, Zeile 2, Spalte 14: Die Beschriftungen sind kein")
