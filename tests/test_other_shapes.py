"""``init`` + ``build`` on a data folder of another Land and other shapes than the example:
age by sex with a missing year, school years as periods, a long list of countries with a
zero period. The pages must still make sense: the breakdowns the titles promise, gaps left
open, the survey gap flagged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.build import BuildRequest, build_report
from reportgen.check import prepare_project
from reportgen.compose.model import ChartKind, Figure, Table, walk
from reportgen.compose.report import compose_report
from reportgen.errors import Severity
from reportgen.scaffold import init_project
from tests.builders import write_indicator
from tests.pdfstructure import by_type, open_pdf

AGES = ("0 – 18", "18 – 30", "30 – 50", "50 – 65", "65 und älter", "Insgesamt")
AREAS = (("Hessen", "K06"), ("Darmstadt, Stadt", "K06411"), ("Kreis Bergstraße", "K06431"))
COUNTRIES = tuple(f"Staat {chr(65 + i)}" for i in range(25))


def _population() -> str:
    lines = ["Year,Gebietseinheit,GeoCode,Altersgruppe,Geschlecht,Value"]
    for year in (*range(2012, 2016), *range(2017, 2025)):  # 2016 missing
        for area, code in AREAS:
            scale = 10 if code == "K06" else 1
            for index, age in enumerate(AGES):
                for sex, factor in (("weiblich", 1.02), ("männlich", 1.0), ("Insgesamt", 2.02)):
                    value = scale * (1000 + 50 * index + year - 2012) * factor
                    lines.append(f'{year},"{area}",{code},{age},{sex},{value:.0f}')
    return "\n".join(lines) + "\n"


def _students() -> str:
    lines = ["Year,Migrationsstatus,Abschluss,Units,Value"]
    for start in range(2018, 2024):
        period = f"WS {start}/{str(start + 1)[-2:]}"
        for status, shares in (
            ("mit Migrationshintergrund", (30, 45, 25)),
            ("ohne Migrationshintergrund", (20, 45, 35)),
        ):
            for name, share in zip(("niedrig", "mittel", "hoch"), shares, strict=True):
                lines.append(f"{period},{status},{name},%,{share}")
    return "\n".join(lines) + "\n"


def _arrivals() -> str:
    lines = ["Year,Herkunftsland,Value"]
    for year in range(2018, 2025):
        total = 0
        for index, country in enumerate(COUNTRIES):
            value = 0 if year == 2020 else 500 - 15 * index + year - 2018
            total += value
            lines.append(f"{year},{country},{value}")
        lines.append(f"{year},Insgesamt,{total}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hessen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hessen")
    data = root / "daten"
    write_indicator(
        data,
        "1-1-1",
        _population(),
        "indicator_name: Bevölkerung nach Altersgruppen und Geschlecht\n"
        "indicator_number: 1.1.1\ndata_source: Bevölkerungsfortschreibung\n"
        "data_start_values:\n  - {field: Gebietseinheit, value: Hessen}\n",
    )
    write_indicator(
        data,
        "2-1-1",
        _students(),
        "indicator_name: Höchster Abschluss nach Migrationsstatus (in Prozent)\n"
        "indicator_number: 2.1.1\ngraph_type: bar\n",
    )
    write_indicator(
        data,
        "3-1-1",
        _arrivals(),
        "indicator_name: Zuzüge nach Herkunftsland\nindicator_number: 3.1.1\n",
    )
    project = root / "projekt"
    init_project(project, data)
    # as an editor does after init: every <placeholder> filled in
    config = project / "reportgen.yml"
    filled = re.sub(r"<([^<>]+)>", r"\1", config.read_text(encoding="utf-8"))
    config.write_text(filled.replace("Land", "Hessen"), encoding="utf-8")
    return project


def test_pages_show_the_promised_breakdowns(hessen: Path) -> None:
    loaded = prepare_project(hessen)
    nodes = list(walk(compose_report(loaded).document.body))
    figures = [n for n in nodes if isinstance(n, Figure)]
    kinds = [f.chart.kind for f in figures]
    assert ChartKind.PYRAMID in kinds  # age by sex, as the title promises
    assert ChartKind.STACKED in kinds  # shares of one status that add up to 100
    line = next(f for f in figures if f.chart.kind == ChartKind.LINE and 2016.0 in f.chart.gaps)
    assert line.chart.series[0].emphasis  # the Land
    top = next(
        n for n in nodes if isinstance(n, Table) and any(r.header == "Übrige" for r in n.rows)
    )
    assert len(top.rows) == 13
    zero = [p for p in loaded.problems if "Im Zeitraum 2020 sind alle Werte" in p.message]
    assert zero and zero[0].severity == Severity.WARNING


def test_the_report_builds_and_carries_every_chart(hessen: Path, tmp_path: Path) -> None:
    result = build_report(BuildRequest(hessen, tmp_path, ("pdf",)))
    (pdf,) = result.written
    with open_pdf(pdf) as document:
        figures = by_type(document, "/Figure")
        assert len(figures) >= 6
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
