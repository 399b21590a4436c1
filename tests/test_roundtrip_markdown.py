"""Paragraphs read back from Word → Markdown (``roundtrip.markdown``): whatever the editors typed,
the Markdown shows the same characters, bold and italic (or says where it cannot); figures
from the data go back as placeholders; links as the text block wrote them; lists numbered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.render.docx.manifest import FigureRecord
from reportgen.render.docx.readback import Content, Kind, Span
from reportgen.roundtrip.markdown import (
    UNSAYABLE,
    Converter,
    _plain_spaces,
    _read,
    assembled,
    escape,
)

FIGURES = {
    1: FigureRecord(1, 1, 0, '{{ wert("1-2-2") }}', "13,7 %", before="lag er 2024 bei "),
    2: FigureRecord(2, 1, 0, '{{ jahr("1-2-2") }}', "2024", before="lag er "),
}
CONVERTER = Converter(
    FIGURES,
    {"ind_1_3_1": "ind-1-3-1", "hf_2": "hf-2", "glossar_duldung": "glossar-duldung"},
    {"ind-1-3-1": "#1.3.1"},
)


def paragraph(*spans: Span, kind: str = Kind.TEXT) -> Content:
    return Content(kind, 0, spans)


def test_figures_left_alone_go_back_as_placeholders_changed_ones_are_named() -> None:
    content = paragraph(
        Span("Der Anteil lag er "),
        Span("2024", figure=2),
        Span(" bei "),
        Span("14,1 %", figure=1),
        Span("."),
    )
    converted = CONVERTER.paragraph(content)
    assert converted.markdown == 'Der Anteil lag er {{ jahr("1-2-2") }} bei 14,1 %.'
    assert [(t.placeholder, t.built, t.typed) for t in converted.typed] == [
        ('{{ wert("1-2-2") }}', "13,7 %", "14,1 %")
    ]


def test_figures_whose_marks_are_gone_are_found_by_the_words_before_them() -> None:
    # LibreOffice keeps the text, not the content controls: "2024" stands twice, the one
    # after "lag er " is the figure
    content = paragraph(Span("Seit 2024 lag er 2024 bei 13,7 %."))
    converted = CONVERTER.paragraph(content, [FIGURES[1], FIGURES[2]])
    assert converted.markdown == 'Seit 2024 lag er {{ jahr("1-2-2") }} bei {{ wert("1-2-2") }}.'


def test_links_to_places_in_the_report_are_written_as_the_text_block_wrote_them() -> None:
    content = paragraph(
        Span("Siehe "),
        Span("Indikator 1.3.1", link="#ind_1_3_1"),
        Span(", "),
        Span("Kapitel 2", link="#hf_2"),
        Span(", die "),
        Span("Duldung", link="#glossar_duldung"),
        Span(" und "),
        Span("das Amt", link="https://amt.example/a b"),
        Span("."),
    )
    assert CONVERTER.paragraph(content).markdown == (
        "Siehe [Indikator 1.3.1](#1.3.1), [Kapitel 2](#hf-2), die Duldung und "
        "[das Amt](<https://amt.example/a b>)."
    )


def test_what_markdown_would_read_as_markup_is_escaped() -> None:
    assert escape(r"a*b_c [d] <e> `f` \ &amp;") == r"a\*b\_c \[d\] \<e\> \`f\` \\ \&amp;"
    for text in ("1. Januar", "# kein Titel", "- kein Punkt", "> kein Zitat", "+ 3"):
        converted = CONVERTER.paragraph(paragraph(Span(text)))
        assert _read(converted.markdown) == [(c, False, False) for c in text], text


def test_footnotes_pictures_and_unsayable_emphasis_are_named() -> None:
    content = Content(Kind.TEXT, 0, (Span("Text"),), ("footnote", "picture"))
    assert CONVERTER.paragraph(content).left_out == ["footnote", "picture"]
    # bold around a full stop inside a word: Markdown has no way to say it
    inside = paragraph(Span("a"), Span(".", bold=True), Span("b"))
    converted = CONVERTER.paragraph(inside)
    assert converted.markdown == "a.b" and UNSAYABLE in converted.left_out


def test_lists_and_headings_are_assembled() -> None:
    lines = [
        (Kind.TEXT, 0, "Absatz"),
        (Kind.BULLET, 0, "eins"),
        (Kind.BULLET, 1, "eins a"),
        (Kind.NUMBER, 0, "erstens"),
        (Kind.NUMBER, 0, "zweitens"),
        (Kind.HEADING, 4, "Titel"),
        ("raw", 0, "wie\ngeschrieben"),
    ]
    assert assembled(lines, "###") == (
        "Absatz\n\n- eins\n  - eins a\n\n1. erstens\n2. zweitens\n\n### Titel\n\nwie\ngeschrieben"
    )


_ALPHABET = st.sampled_from([*"abcXYZ äöß 0123.,;:!?-+#*_[]()<>`\\&{}%/\"'\t", "\u00a0"])
_SPANS = st.lists(
    st.builds(
        Span,
        text=st.text(_ALPHABET, min_size=1, max_size=8),
        bold=st.booleans(),
        italic=st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_any_text_keeps_its_characters_and_its_emphasis_or_says_so(spans: list[Span]) -> None:
    content = paragraph(*spans)
    converted = CONVERTER.paragraph(content)
    text = content.text.replace("\t", " ").strip()
    shown = _read(converted.markdown)
    assert "".join(char for char, _, _ in shown) == text.strip(" ") or not text
    if UNSAYABLE not in converted.left_out:
        expected = _plain_spaces(
            [(char, span.bold, span.italic) for span in spans for char in span.text]
        )
        start = len(content.text) - len(content.text.lstrip())
        assert _plain_spaces(shown) == expected[start : start + len(shown)]


@pytest.mark.parametrize(
    ("spans", "markdown"),
    [
        ((Span("fett", bold=True), Span(" und normal")), "**fett** und normal"),
        ((Span("a "), Span("b", bold=True), Span("c", bold=True, italic=True)), "a **b*c***"),
        ((Span("kursiv ", italic=True), Span("dann")), "*kursiv* dann"),
        ((Span("Zeile"), Span("\n"), Span("zwei")), "Zeile\\\nzwei"),
    ],
)
def test_emphasis_and_line_breaks(spans: tuple[Span, ...], markdown: str) -> None:
    assert CONVERTER.paragraph(paragraph(*spans)).markdown == markdown
