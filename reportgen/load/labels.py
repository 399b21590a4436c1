"""The fixed words of the publication (``templates/labels.yml``), optionally renamed by an office.

An office's own file names only what it changes; everything else comes from the bundled file.
Placeholders such as ``{jahr}`` are checked: a label may drop one, never invent one.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from reportgen.errors import InvalidInput, Problem
from reportgen.load.config_entries import Frozen
from reportgen.load.config_messages import config_problems
from reportgen.load.textfile import FileKind
from reportgen.load.yamlfile import KeyPositions, merged, read_yaml_mapping
from reportgen.resources import DEFAULT_TEMPLATES

DEFAULT_LABELS = DEFAULT_TEMPLATES / "labels.yml"


class ReportLabels(Frozen):
    reporting_year: str = Field(alias="berichtsjahr")
    imprint: str = Field(alias="impressum")
    publisher: str = Field(alias="herausgeber")
    as_of: str = Field(alias="stand")
    contents: str = Field(alias="inhalt")
    contents_update: str = Field(alias="inhalt_aktualisieren")
    foreword: str = Field(alias="vorwort")
    keywords: tuple[str, ...] = Field(alias="schlagworte")
    logo_alt: str = Field(alias="logo_alternativtext")
    contact: str = Field(alias="auskuenfte")
    phone: str = Field(alias="telefon")
    email: str = Field(alias="e_mail")
    licence: str = Field(alias="lizenz")
    issn: str = Field(alias="issn")
    order_number: str = Field(alias="bestellnummer")
    picture_credits: str = Field(alias="bildnachweis")


class IndicatorLabels(Frozen):
    source: str = Field(alias="quelle")
    source_with_statistic: str = Field(
        default="Quelle: {statistik}; {herausgeber}, {werk}", alias="quelle_statistik"
    )
    figure: str = Field(alias="abbildung")
    table: str = Field(alias="tabelle")
    interpretation: str = Field(alias="lesehilfe")
    methods: str = Field(alias="methodik")
    definition: str = Field(alias="definition")
    computation: str = Field(alias="berechnung")
    footnotes: str = Field(alias="fussnoten")
    data_source: str = Field(alias="datenquelle")
    further: str = Field(alias="weitere_informationen")
    data_basis: str = Field(alias="datenbasis")
    characteristic: str = Field(alias="merkmal")
    more_series: str = Field(alias="weitere_reihen")
    signs: str = Field(alias="zeichen")
    breaks: str = Field(alias="zeitreihenbrueche")
    break_note: str = Field(alias="bruch")
    break_footnote: str = Field(alias="bruch_fussnote")
    missing_periods: str = Field(alias="ohne_ergebnisse")
    uncertain_drawn: str = Field(alias="unsicher_im_diagramm")
    above_hundred: str = Field(alias="ueber_hundert")
    above_hundred_sources: str = Field(alias="ueber_hundert_quellen")
    rest: str = Field(alias="uebrige")
    rest_note: str = Field(alias="uebrige_hinweis")
    top_note: str = Field(alias="groesste_hinweis")


class StatusLabels(Frozen):
    draft: str = Field(alias="entwurf")
    generated: str = Field(alias="generiert")
    missing: str = Field(alias="fehlt")
    cover_mark: str = Field(alias="entwurf_titelseite")
    header_mark: str = Field(alias="entwurf_kopfzeile")


class AppendixLabels(Frozen):
    appendix: str = Field(alias="anhang")
    signs: str = Field(alias="zeichenerklaerung")
    signs_caption: str = Field(alias="zeichen_beschriftung")
    sign: str = Field(alias="zeichen")
    meaning: str = Field(alias="bedeutung")
    sources: str = Field(alias="datenquellen")
    sources_intro: str = Field(alias="datenquellen_einleitung")
    one_indicator: str = Field(alias="ein_indikator")
    many_indicators: str = Field(alias="mehrere_indikatoren")
    no_source: str = Field(alias="ohne_angabe")
    rounding: str = Field(alias="rundung")
    abbreviations: str = Field(alias="abkuerzungen")
    glossary: str = Field(alias="glossar")
    figures: str = Field(alias="abbildungen")
    tables: str = Field(alias="tabellen")


class DistrictTableLabels(Frozen):
    heading: str = Field(alias="ueberschrift")
    intro: str = Field(alias="einleitung")
    regions: str = Field(alias="regionen")
    explanation: str = Field(alias="erlaeuterung")
    chapter: str = Field(alias="handlungsfeld")
    caption: str = Field(alias="beschriftung")
    part: str = Field(alias="teil")
    corner: str = Field(alias="ecke")
    column: str = Field(alias="spalte")
    column_note: str = Field(alias="spalte_erlaeuterung")
    column_selection: str = Field(alias="spalte_auswahl")


class MapLabels(Frozen):
    caption: str = Field(alias="beschriftung")
    below: str = Field(alias="unter")
    between: str = Field(alias="bereich")
    above: str = Field(alias="ab")
    missing: str = Field(alias="keine_angabe")
    alt_text: str = Field(alias="alternativtext")
    one_district: str = Field(alias="ein_kreis")
    districts: str = Field(alias="kreise")
    highest: str = Field(alias="hoechste")
    lowest: str = Field(alias="niedrigste")
    equal: str = Field(alias="gleich")
    land: str = Field(alias="land")
    credit: str = Field(alias="kartengrundlage")
    only: str = Field(alias="einziger")
    table: str = Field(alias="tabelle")


class FactsheetLabels(Frozen):
    title: str = Field(alias="titel")
    subtitle: str = Field(alias="untertitel")
    key_figures: str = Field(alias="kennzahlen")
    key_figures_caption: str = Field(alias="kennzahlen_beschriftung")
    as_of: str = Field(alias="stand")
    footnote: str = Field(alias="fussnote")
    no_data: str = Field(alias="keine_angabe")
    no_data_note: str = Field(alias="keine_angabe_erklaerung")
    see_footnotes: str = Field(alias="einzelnachweise")
    development: str = Field(alias="entwicklung")
    source_footnote: str = Field(alias="quelle_fussnote")
    own_text: str = Field(alias="eigener_text")
    notes: str = Field(alias="anmerkungen")
    signs: str = Field(alias="zeichenerklaerung")
    location: str = Field(alias="lage")
    location_alt: str = Field(alias="lage_alternativtext")
    map_basis: str = Field(alias="kartengrundlage")
    series_break: str = Field(alias="bruch")
    same_name: str = Field(alias="namensgleich")
    page: str = Field(alias="seite")
    of: str = Field(alias="von")


class OutlineLabels(Frozen):
    """The parts an outline (``gliederung``) places: summary, methods once, references."""

    summary: str = Field(alias="zusammenfassung")
    summary_draft: str = Field(alias="zusammenfassung_entwurf")
    methods: str = Field(alias="methoden")
    methods_intro: str = Field(alias="methoden_einleitung")
    methods_reference: str = Field(alias="methoden_verweis")
    page: str = Field(alias="seite")
    """The word before a page number in a cross-reference: "S."."""


class WebLabels(Frozen):
    """The navigation of the HTML edition's pages."""

    skip: str = Field(alias="zum_inhalt")
    contents: str = Field(alias="inhaltsverzeichnis")
    previous: str = Field(alias="zurueck")
    next: str = Field(alias="weiter")
    pages: str = Field(alias="seitennavigation")
    page_title: str = Field(alias="seitentitel")


class RoundTripLabels(Frozen):
    """What Word shows on the content controls of the texts editors may revise."""

    text: str = Field(alias="text")
    figure: str = Field(alias="zahl")
    generated: str = Field(alias="erzeugt")


class Labels(Frozen):
    """Every fixed word of report and fact sheet; composition fills the placeholders."""

    report: ReportLabels = Field(alias="bericht")
    indicator: IndicatorLabels = Field(alias="indikator")
    status: StatusLabels = Field(alias="status")
    appendix: AppendixLabels = Field(alias="anhang")
    district_tables: DistrictTableLabels = Field(alias="kreistabellen")
    district_map: MapLabels = Field(alias="karte")
    factsheet: FactsheetLabels = Field(alias="steckbrief")
    outline: OutlineLabels = Field(alias="gliederung")
    web: WebLabels = Field(alias="web")
    roundtrip: RoundTripLabels = Field(alias="rundreise")


def load_labels(own: Path | None = None) -> Labels:
    """The bundled labels with an office's file laid over them; German errors at the line."""
    bundled, positions = _read(DEFAULT_LABELS)
    data = bundled
    if own is not None:
        office, positions = _read(own)
        data = merged(bundled, office)
    try:
        labels = Labels.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(config_problems(exc.errors(), Labels, positions)) from exc
    problems = _placeholder_problems(data, bundled, positions)
    if problems:
        raise InvalidInput(problems)
    return labels


def _read(path: Path) -> tuple[dict[str, Any], KeyPositions]:
    return read_yaml_mapping(
        path,
        FileKind.CONFIG,
        "Die Beschriftungen sind kein gültiges YAML",
        "Die Beschriftungen müssen aus Zeilen „schlüssel: wert“ bestehen.",
        empty=False,
    )


def _placeholder_problems(
    data: dict[str, Any], bundled: dict[str, Any], positions: KeyPositions
) -> list[Problem]:
    """A label may leave out a placeholder of the bundled one, but not add an unknown one."""
    problems = []
    for section, entries in data.items():
        for key, value in (entries or {}).items() if isinstance(entries, dict) else ():
            if not isinstance(value, str):
                continue
            allowed = _fields(str(bundled.get(section, {}).get(key, "")))
            unknown = _fields(value) - allowed
            if _UNBALANCED in unknown:
                problems.append(
                    Problem(
                        f"In der Beschriftung „{section}.{key}“ fehlt zu einer geschweiften "
                        "Klammer das Gegenstück.",
                        positions.location((section, key)),
                        "Platzhalter stehen in {…}; eine einzelne Klammer als Zeichen wird "
                        "verdoppelt: {{ oder }}.",
                    )
                )
            elif unknown:
                problems.append(
                    Problem(
                        f"Die Beschriftung „{section}.{key}“ nennt den unbekannten Platzhalter "
                        f"{{{sorted(unknown)[0]}}}.",
                        positions.location((section, key)),
                        f"Möglich: {', '.join('{' + f + '}' for f in sorted(allowed)) or 'keine'}.",
                    )
                )
    return problems


_UNBALANCED = "{"


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # an unbalanced brace
        return {_UNBALANCED}
