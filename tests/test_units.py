"""Which unit an indicator's values have, and how a value with its unit reads in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.compose.units import (
    Case,
    UnitKind,
    is_rate,
    resolve_unit,
    sign_word,
    spoken,
    title_unit,
    unit_kind,
)
from reportgen.load.metadata import IndicatorMeta, PrecisionRule


def meta(*units: str | None) -> IndicatorMeta:
    return IndicatorMeta(
        id="9-9-9",
        number="9.9.9",
        goal="9",
        target="9-9",
        title="",
        has_title=True,
        title_error=False,
        graph_type="line",
        sort_order="",
        precision=tuple(PrecisionRule(1, unit) for unit in units),
        start_values=(),
        description="",
        computation="",
        footnotes="",
        other_info="",
        body="",
        data_source="",
        sources=(),
        vintage=None,
        path=Path("meta/9-9-9.md"),
    )


@pytest.mark.parametrize(
    ("column", "rules", "title", "expected"),
    [
        ("Anzahl", ("%",), "Anteil der Kinder", "Anzahl"),  # the data says what it is
        (" in 1000 ", (), "", "in 1000"),
        ("", ("%",), "Betreuungsquote von Kindern bis unter 6 Jahren", "%"),
        ("", ("Prozent",), "Ausbildungsbeteiligungsquote im dualen System", "Prozent"),
        ("", (None,), "Ausbildungsbeteiligungsquote im dualen System", "%"),
        ("", ("Anzahl",), "Betreuungsquote", "%"),  # a quota is never a count
        ("", ("%", "Anzahl"), "Anteil der Schüler in Prozent", "%"),
        ("", ("%", "Anzahl"), "Schüler nach Schulform", ""),
        ("", ("Jahre",), "Durchschnittsalter", "Jahre"),
        ("", (), "Straftaten je 100000 Einwohner", "je 100.000 Einwohner"),
        ("", (), "Einbürgerungen je 1.000 Ausländer", "je 1.000 Ausländer"),
        ("", (), "Erwerbslosenanteil nach Zuwanderungsgeschichte", "%"),
        ("", (), "Anzahl und Anteil der Schulabgänger", ""),
        ("", (), "Menschen mit Migrationshintergrund (in 1000)", "in 1000"),
        ("", (), "Abstand in Prozentpunkten", "Prozentpunkte"),
        ("", (), "Bevölkerung in Niedersachsen", ""),
        ("", (), "Ausländer nach Aufenthaltsdauer in Jahren", ""),
        ("-", (), "Bevölkerung", ""),
    ],
)
def test_resolve_unit(
    column: str, rules: tuple[str | None, ...], title: str, expected: str
) -> None:
    assert resolve_unit(column, meta(*rules), title) == expected


def test_title_hints() -> None:
    assert title_unit("Arbeitslosenquote") == "%"
    assert title_unit("Zuzüge über die Bundesgrenze") == ""


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("", UnitKind.COUNT),
        ("Anzahl", UnitKind.COUNT),
        ("in 1000", UnitKind.THOUSANDS),
        ("Anzahl in 1000", UnitKind.THOUSANDS),
        ("1000", UnitKind.THOUSANDS),
        ("in Tausend", UnitKind.THOUSANDS),
        ("%", UnitKind.PERCENT),
        ("Prozent", UnitKind.PERCENT),
        ("Veränderung gegenüber 2005 in Prozent", UnitKind.PERCENT),
        ("Prozentpunkte", UnitKind.POINTS),
        ("Jahre", UnitKind.NOUN),
        ("je 1.000 Einwohner", UnitKind.OTHER),
    ],
)
def test_unit_kinds(unit: str, kind: UnitKind) -> None:
    assert unit_kind(unit) == kind


def test_only_counts_are_no_rates() -> None:
    assert not is_rate("") and not is_rate("in 1000")
    assert is_rate("%") and is_rate("Jahre") and is_rate("je 1.000 Einwohner")


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "case", "sign", "expected"),
    [
        (1234.0, 0, "Anzahl", Case.NOMINATIVE, "", "1.234"),
        (1234.0, 0, "", Case.DATIVE, "", "1.234"),
        (96.4, 1, "Anzahl in 1000", Case.DATIVE, "", "96,4 Tsd."),
        (5.7, 1, "in 1000", Case.NOMINATIVE, "()", "(5,7) Tsd."),
        (12.3, 1, "Prozent", Case.DATIVE, "p", "12,3 %"),
        (35.5, 1, "Jahre", Case.DATIVE, "", "35,5 Jahren"),
        (36.0, 1, "Jahre", Case.NOMINATIVE, "", "36,0 Jahre"),
        (1.0, 0, "Jahre", Case.DATIVE, "", "1 Jahr"),
        (11.0, 1, "Prozentpunkte", Case.DATIVE, "", "11,0 Prozentpunkten"),
        (1.0, 0, "Prozentpunkte", Case.NOMINATIVE, "", "1 Prozentpunkt"),
        (1360.0, 0, "Fälle", Case.DATIVE, "", "1.360 Fällen"),
        (3.2, 1, "je 1000 Einwohner", Case.DATIVE, "", "3,2 je 1.000 Einwohner"),
    ],
)
def test_spoken_quantities(
    value: float, decimals: int, unit: str, case: Case, sign: str, expected: str
) -> None:
    assert spoken(value, decimals, unit, case, sign) == expected


def test_sign_words() -> None:
    assert sign_word("p") == "vorläufig"
    assert sign_word("r") == "berichtigt"
    assert sign_word("s") == "geschätzt"
    assert sign_word("()") == "" and sign_word("") == ""
