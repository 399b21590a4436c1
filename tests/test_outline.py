"""One outline, two renderers: the example report's PDF and DOCX read the same as the model —
the same headings at the same levels, the same captions, the same fixed sentences, in the same
order. A label that one renderer adds on its own makes this fail."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from reportgen.check import prepare_project
from reportgen.compose.report import compose_report
from reportgen.resources import EXAMPLE_PROJECT
from tests.conftest import EXAMPLE_BREAKDOWNS, EXAMPLE_FIGURES, EXAMPLE_PICTURES
from tests.outline import (
    CONTENTS,
    Entry,
    docx_outline,
    joined_fragments,
    key,
    model_outline,
    pdf_outline,
)

pytestmark = pytest.mark.xdist_group("example")


@pytest.fixture(scope="module")
def model() -> list[Entry]:
    return model_outline(compose_report(prepare_project(EXAMPLE_PROJECT)).document)


def differences(expected: list[Entry], actual: list[Entry]) -> str:
    """The first differing lines, readable in a failing test."""
    lines = difflib.unified_diff(
        [f"{kind}: {text}" for kind, text in expected],
        [f"{kind}: {text}" for kind, text in actual],
        lineterm="",
        n=1,
    )
    return "\n".join(list(lines)[:60])


def test_model_outline_has_the_whole_report(model: list[Entry]) -> None:
    kinds = [kind for kind, _ in model]
    # Impressum, Inhalt, Vorwort, summary, introduction, methods, five chapters, Anhang
    assert kinds.count("H1") == 12
    assert kinds.count("figure") == EXAMPLE_FIGURES + EXAMPLE_PICTURES
    # every figure, every table (time series, breakdowns), the signs, 7 Kreistabellen
    assert kinds.count("caption") == EXAMPLE_FIGURES + 53 + EXAMPLE_BREAKDOWNS + 1 + 7
    assert kinds.count(CONTENTS[0]) == 3  # the contents, the lists of figures and tables
    assert ("H4", key("Lese- und Interpretationshilfe")) in model


def test_pdf_reads_as_the_model(example_outputs: dict[str, Path], model: list[Entry]) -> None:
    found = joined_fragments(pdf_outline(example_outputs["pdf"]), model)
    assert differences(model, found) == ""


def test_docx_reads_as_the_model(example_outputs: dict[str, Path], model: list[Entry]) -> None:
    assert differences(model, docx_outline(example_outputs["docx"])) == ""
