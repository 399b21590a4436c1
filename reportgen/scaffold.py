"""``reportgen init``: a new project for an Open SDG data folder – configuration and draft texts.

Every file is written only if it does not exist yet, so running ``init`` again never touches
an editor's work. Hints for the editors are YAML comments inside the front matter: they never
reach the report (Markdown is rendered with HTML disabled, so an ``<!-- -->`` comment in the
body would be printed as text).
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from reportgen.build import write_atomically
from reportgen.errors import ConfigError, InvalidInput, Location, Problem
from reportgen.load.config import CONFIG_NAME
from reportgen.load.defects import Rule
from reportgen.load.opensdg import YEAR, Dataset, Indicator, load_dataset

_FALLBACK_YEAR = 2025  # only when no observation of the data names a year
_WIDTH = 96


@dataclass(frozen=True)
class ScaffoldResult:
    created: list[Path]
    skipped: list[Path]
    """Files that already existed and were left untouched."""


def init_project(project_dir: Path, data_dir: Path) -> ScaffoldResult:
    """Create ``reportgen.yml`` and one draft text per Handlungsfeld and indicator.

    Raises ``InvalidInput`` (with the German problems) before writing anything when the data
    folder cannot be read.
    """
    if project_dir.exists() and not project_dir.is_dir():
        raise ConfigError(
            "Der Projektordner ist eine Datei.",
            Location(project_dir),
            "Geben Sie einen neuen oder einen vorhandenen Ordner an.",
        )
    dataset = _load_data(data_dir)
    files = {
        project_dir / CONFIG_NAME: config_text(dataset, _data_reference(project_dir, data_dir))
    }
    files.update(
        (project_dir / "texte" / relative, text) for relative, text in draft_texts(dataset)
    )
    created: list[Path] = []
    skipped: list[Path] = []
    for path, text in files.items():
        if path.exists():
            skipped.append(path)
            continue
        write_atomically(path, text.encode("utf-8"))
        created.append(path)
    return ScaffoldResult(created, skipped)


def _load_data(data_dir: Path) -> Dataset:
    dataset = load_dataset(data_dir)
    problems = list(dataset.problems)
    if not any(p.is_error for p in problems) and not dataset.indicators:
        problems.append(
            Problem(
                "Der Datenordner enthält keine Indikatoren.",
                Location(dataset.root),
                "Erwartet: data/indicator_G-T-I.csv und meta/G-T-I.md.",
            )
        )
    if any(p.is_error and not p.rule for p in problems):
        # unreadable data; defects a project may accept are offered in reportgen.yml instead
        raise InvalidInput(problems)
    return dataset


def _data_reference(project_dir: Path, data_dir: Path) -> str:
    """The data folder relative to the project when both share a folder, else absolute."""
    project, data = project_dir.resolve(), data_dir.resolve()
    try:
        if Path(os.path.commonpath([project, data])) != Path(data.anchor):
            return Path(os.path.relpath(data, project)).as_posix()
    except ValueError:  # different drives
        pass
    return data.as_posix()


# --- reportgen.yml ----------------------------------------------------------------------------


def config_text(dataset: Dataset, data_reference: str) -> str:
    """A commented German ``reportgen.yml`` that validates as is; placeholders say „anpassen“."""
    year = _latest_year(dataset.indicators.values())
    parts = [
        _CONFIG_HEAD.format(data=_scalar(data_reference), year=year),
        _selection_example(dataset),
        _CONFIG_OUTPUT.format(year=year),
        _titles_example(dataset),
        _defects_example(dataset),
        _CONFIG_TAIL,
    ]
    return "\n".join(parts)


def _defects_example(dataset: Dataset) -> str:
    """The data's defects a project may accept, as commented entries to review one by one."""
    found = [p for p in dataset.problems if p.rule and p.subject and not p.is_accepted]
    if not found:
        return ""
    lines = [
        "# Bekannte Datenfehler: „reportgen check“ meldet in diesen Daten Fehler, die das",
        "# Gedruckte verändern würden, und „reportgen build“ bricht dann ab. Sind die Daten so",
        "# veröffentlicht und soll der Bericht trotzdem erscheinen, einen Eintrag einkommentieren",
        "# und begründen (was dann geschieht, steht im README, „Bekannte Datenfehler“).",
        "# bekannte_datenfehler:",
    ]
    seen: set[tuple[str, str]] = set()
    for problem in found:
        assert problem.rule and problem.subject
        if (problem.rule, problem.subject) in seen:
            continue
        seen.add((problem.rule, problem.subject))
        key = "datei" if problem.rule == Rule.UNKNOWN_FILE else "indikator"
        lines += [
            f"#   - {key}: {problem.subject}",
            f"#     regel: {problem.rule}",
            "#     grund: <warum trotzdem veröffentlicht werden darf>",
            f"#     # {_one_line(problem.message)[:90]}",
        ]
    return "\n".join(lines) + "\n"


def _latest_year(indicators: Iterable[Indicator]) -> int:
    """The latest year with data: a reproducible proposal for the Berichtsjahr, not the clock."""
    years = [int(y) for i in indicators for y in i.frame[YEAR].dropna().unique()]
    return min(max(years), 2100) if years and max(years) >= 1990 else _FALLBACK_YEAR


_CONFIG_HEAD = """\
# Berichtskonfiguration, angelegt mit „reportgen init“.
# Alle Pfade sind relativ zu diesem Ordner. Werte mit „# anpassen“ sind Platzhalter: bitte vor
# der Veröffentlichung ersetzen. „reportgen check“ prüft die Datei, „reportgen build“ erzeugt
# den Bericht. Ein vollständig ausgefülltes Beispiel: data/niedersachsen/reportgen.yml.

titel: Integrationsbericht <Land> <Jahr>          # anpassen
untertitel: ""                                    # optional, z. B. Migration und Teilhabe in …

# Berichtsjahr und Datum sind Vorschläge: reportgen liest nie die Uhr, damit gleiche Eingaben
# gleiche Dateien ergeben. Vorgeschlagen ist das jüngste Jahr, zu dem die Daten Werte haben.
berichtsjahr: {year}                                # anpassen
veroeffentlichungsdatum: {year}-12-31               # anpassen (JJJJ-MM-TT; steht im Impressum)
herausgeber: <Herausgeber des Berichts>           # anpassen, z. B. das zuständige Ministerium
impressum: |                                      # anpassen (Markdown)
  <Anschrift>

  **Redaktion:** <Name oder Referat>

# Die Quelle steht unter jeder Tabelle, jedem Diagramm und jedem Indikator
# („Quelle: Herausgeber, Werk, Datenstand …“), die Nutzungsbedingungen im Impressum.
quelle:
  herausgeber: <Statistisches Amt, das die Daten bereitstellt>    # anpassen
  werk: <Name des Monitorings>                                    # anpassen
  nutzungsbedingungen: >-                                         # anpassen
    <Nutzungsbedingungen der Daten, z. B. Vervielfältigung und Verbreitung mit Quellenangabe
    gestattet.>

daten: {data}
texte: texte        # redaktionelle Textbausteine: vorwort.md, handlungsfelder/, indikatoren/
"""

_CONFIG_OUTPUT = """\
tabellenjahre: 5    # so viele jüngste Berichtszeiträume zeigt jede Tabelle

ausgabe:
  dateiname: integrationsbericht-{year}   # anpassen (nur Buchstaben, Ziffern, . _ -)
  formate: [pdf, docx]
"""

_CONFIG_TAIL = """\
# Kennzeichen aus COMMENT_OBS, die reportgen nicht selbst erkennt („reportgen check“ nennt
# sie), einem Zeichen der Zeichenerklärung zuordnen (– 0 . … x / () p r s), z. B.:
# kennzeichen:
#   Schätzwert der Redaktion: s

# Steckbriefe (reportgen steckbriefe): ohne Eintrag wählt reportgen Indikatoren mit
# Kreisdaten aus; Kennzahlen und Diagramme festlegen wie im Beispielprojekt unter „steckbrief:“.
"""


def _selection_example(dataset: Dataset) -> str:
    lines = [
        "# Welche Handlungsfelder und Indikatoren in welcher Reihenfolge erscheinen. Ohne",
        "# „auswahl“ erscheinen alle Indikatoren dieser Daten in ihrer Reihenfolge. Zum Auswählen",
        "# die Zeilen einkommentieren (das erste „# “ entfernen), Reihenfolge ändern, Nicht-",
        "# gewünschtes löschen; ein Handlungsfeld ohne „indikatoren“ erscheint vollständig.",
        "# auswahl:",
    ]
    by_goal: dict[str, list[Indicator]] = {}
    for indicator in dataset.indicators.values():
        by_goal.setdefault(indicator.meta.goal, []).append(indicator)
    for goal_id, indicators in by_goal.items():
        lines.append(
            f"#   - handlungsfeld: {goal_id}   # {_one_line(dataset.goals[goal_id].title)}"
        )
        lines.append("#     indikatoren:")
        lines.extend(f"#       - {i.id}   # {_one_line(i.meta.title)}" for i in indicators)
    return "\n".join(lines) + "\n"


def _titles_example(dataset: Dataset) -> str:
    untitled = [i for i in dataset.indicators.values() if not i.meta.has_title]
    if not untitled:
        return (
            "# Eigene Titel für Indikatoren (alle Indikatoren dieser Daten haben einen Titel in\n"
            "# den Metadaten), z. B.:\n# indikatortitel:\n"
            f"#   {next(iter(dataset.indicators))}: Eigener Titel\n"
        )
    lines = [
        "# Diese Indikatoren haben in den Metadaten keinen Titel; im Bericht erscheint sonst",
        "# „Indikator G.T.I“, und „reportgen check“ warnt. Einkommentieren und Titel eintragen:",
        "# indikatortitel:",
        *(f"#   {i.id}: <Titel von Indikator {i.meta.number}>" for i in untitled),
    ]
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain where that reads back unchanged, else quoted."""
    try:
        if value.strip() == value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str) -> str:
    """Text to be embedded in a sentence of ours: one line, without a final full stop."""
    return _one_line(text).rstrip(". ")


# --- text blocks ------------------------------------------------------------------------------

_FRONT_KEYS = """\
status: entwurf     # nach redaktioneller Prüfung: freigegeben
autor: ""           # z. B. Referat 12
datum:              # Stand des Textes als JJJJ-MM-TT, z. B. 2025-12-01
"""
_WHERE = (
    "Diese Zeilen mit # sind Hinweise und erscheinen nicht im Bericht. Den Text unter die "
    "zweite Linie „---“ schreiben (Markdown: Absätze durch Leerzeilen, Listen mit „- “, "
    "**fett**)."
)


def draft_texts(dataset: Dataset) -> list[tuple[Path, str]]:
    """(path below ``texte/``, content) of the foreword and every Handlungsfeld and indicator."""
    texts = [(Path("vorwort.md"), _draft(_foreword_hint(dataset)))]
    for goal_id in dataset.goals:
        texts.append(
            (Path("handlungsfelder", f"{goal_id}.md"), _draft(_goal_hint(dataset, goal_id)))
        )
    for indicator in dataset.indicators.values():
        texts.append(
            (Path("indikatoren", f"{indicator.id}.md"), _draft(_indicator_hint(dataset, indicator)))
        )
    return texts


def _draft(hint: list[str]) -> str:
    return f"---\n{_FRONT_KEYS}#\n{_comments(hint)}---\n\n"


def _comments(paragraphs: list[str]) -> str:
    """Hint paragraphs as wrapped YAML comment lines; "- " items get a hanging indent."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if not paragraph:
            lines.append("#")
            continue
        bullet = paragraph.startswith("- ")
        lines.extend(
            textwrap.wrap(
                _one_line(paragraph),
                _WIDTH,
                initial_indent="# ",
                subsequent_indent="#   " if bullet else "# ",
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines) + "\n"


def _foreword_hint(dataset: Dataset) -> list[str]:
    goals = "; ".join(f"{g.id} {g.title}" for g in dataset.goals.values())
    return [
        "Vorwort des Berichts.",
        _WHERE,
        "",
        "Was hineingehört: Anlass und Ziel des Berichts; welche Handlungsfelder er umfasst "
        f"(in diesen Daten: {goals}); wie ein Indikatorabschnitt aufgebaut ist (Grafik, "
        "Tabelle, Lese- und Interpretationshilfe, methodische Hinweise); dass die Indikatoren "
        "unterschiedliche Konzepte verwenden (z. B. Staatsangehörigkeit, Migrationshintergrund) "
        "und nicht unmittelbar vergleichbar sind; Dank an die Datenlieferanten.",
        "",
        "Achtung: Das Vorwort erscheint im Bericht, sobald unter der Linie Text steht – auch im "
        "Status „entwurf“ ohne Entwurfsvermerk.",
    ]


def _goal_hint(dataset: Dataset, goal_id: str) -> list[str]:
    indicators = [i for i in dataset.indicators.values() if i.meta.goal == goal_id]
    topics: dict[str, list[str]] = {}
    for indicator in indicators:
        topics.setdefault(indicator.meta.target, []).append(indicator.meta.number)
    sources = sorted({_sentence(i.meta.data_source) for i in indicators if i.meta.data_source})
    return [
        f"Einleitung zu Handlungsfeld {goal_id}: {dataset.goals[goal_id].title}",
        _WHERE,
        "",
        "Themen und Indikatoren dieses Handlungsfelds:",
        *(f"- {dataset.targets[t].title} ({', '.join(numbers)})" for t, numbers in topics.items()),
        f"Datenquellen laut Metadaten: {'; '.join(sources) or 'nicht angegeben'}.",
        "",
        "Was hineingehört: worum es in dem Handlungsfeld geht; welche Themen das Kapitel umfasst "
        "und auf welchen Statistiken sie beruhen; welche Konzepte sich unterscheiden; welche "
        "Umstellungen bei langen Zeitreihen zu beachten sind. Die Einleitung bewertet nicht.",
        "",
        "Achtung: Die Einleitung erscheint im Bericht, sobald unter der Linie Text steht – auch "
        "im Status „entwurf“ ohne Entwurfsvermerk.",
    ]


def _indicator_hint(dataset: Dataset, indicator: Indicator) -> list[str]:
    meta = indicator.meta
    title = (
        meta.title if meta.has_title else "(ohne Titel – siehe „indikatortitel“ in reportgen.yml)"
    )
    source = _sentence(meta.data_source) or "in den Metadaten nicht angegeben"
    vintage = f" ({meta.vintage})" if meta.vintage else ""
    return [
        f"Lese- und Interpretationshilfe zu Indikator {meta.number}: {title}",
        f"Thema: {dataset.targets[meta.target].title}. Datenquelle: {source}{vintage}.",
        _WHERE,
        "",
        "Was hineingehört, sachlich und ohne zu bewerten:",
        "- was der Indikator misst: Definition, Bezugsgröße, Stichtag oder Zeitraum;",
        "- wie Diagramm und Tabelle zu lesen sind (z. B. Anteil je 100 Personen oder Anzahl) und "
        "was die Entwicklung zeigt;",
        "- was er nicht aussagt: Grenzen des Konzepts, z. B. Staatsangehörigkeit statt "
        "Migrationshintergrund, Wohnort statt Arbeitsort;",
        "- Brüche in der Zeitreihe, z. B. neue Zensusgrundlage, geänderte Erhebung oder "
        "Abgrenzung.",
        "Definition, Berechnung und Fußnoten aus den Metadaten stehen bereits in den "
        "methodischen Hinweisen des Berichts; erläutern statt wiederholen.",
        "",
        "Solange „status: entwurf“ gilt, markiert der Bericht den Text als „Entwurf – noch nicht "
        "freigegeben“.",
    ]
