"""Report configuration (``reportgen.yml``): validated, frozen, every path resolved here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from reportgen.errors import (
    ConfigError,
    InputFileError,
    InvalidInput,
    Location,
    Problem,
    working_on,
)
from reportgen.load.config_entries import (
    FactsheetConfig,
    Frozen,
    IndicatorId,
    KnownDefect,
    TargetValue,
)
from reportgen.load.config_messages import config_problems
from reportgen.load.config_names import NameOverrides
from reportgen.load.config_presentation import (
    OutlineEntry,
    Presentation,
    SeriesBreakEntry,
)
from reportgen.load.config_publication import FrontMatterConfig
from reportgen.load.signs import SIGNS
from reportgen.load.textfile import FileKind
from reportgen.load.yamlfile import KeyPositions, read_yaml_mapping
from reportgen.resources import DEFAULT_STYLES

CONFIG_NAME = "reportgen.yml"


def _in_project(path: Path, info: ValidationInfo) -> Path:
    """A relative path names a file of the project folder (passed as validation context)."""
    project_dir = (info.context or {}).get("project_dir")
    return path if project_dir is None or path.is_absolute() else project_dir / path


ProjectPath = Annotated[Path, AfterValidator(_in_project)]
"""A path in reportgen.yml, resolved against the project folder while it is validated."""


class ChapterSelection(Frozen):
    """One chapter of the report: a Handlungsfeld and optionally its indicators in order."""

    goal: str = Field(alias="handlungsfeld")
    indicators: tuple[IndicatorId, ...] | None = Field(default=None, alias="indikatoren")

    @field_validator("goal", mode="before")
    @classmethod
    def _goal_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class Attribution(Frozen):
    """Who produced the data and under which terms it may be reused."""

    producer: str = Field(alias="herausgeber")
    work: str = Field(alias="werk")
    terms: str = Field(default="", alias="nutzungsbedingungen")


class WebEdition(Frozen):
    """The HTML edition (``-f html``): a folder of web pages."""

    one_page: bool = Field(default=False, alias="eine_seite")
    """Everything on one page instead of one page per chapter."""


class Output(Frozen):
    """File names and formats of the outputs."""

    basename: str = Field(default="bericht", alias="dateiname", pattern=r"^[A-Za-z0-9._-]+$")
    formats: tuple[str, ...] = Field(default=("pdf", "docx"), alias="formate")
    web: WebEdition = Field(default_factory=WebEdition, alias="html")
    word_locked: bool = Field(default=True, alias="word_gesperrt")
    """Everything generated in the DOCX locked against editing (the round trip takes only the
    editorial texts back); false: a DOCX to finish in Word, edits there stay unlocked."""


class StyleFiles(Frozen):
    """Designer-owned files; each may be replaced by an office's own."""

    stylesheet: ProjectPath = Field(default=DEFAULT_STYLES / "report.css", alias="css")
    factsheet_stylesheet: ProjectPath = Field(
        default=DEFAULT_STYLES / "steckbrief.css", alias="css_steckbrief"
    )
    web_stylesheet: ProjectPath = Field(default=DEFAULT_STYLES / "web.css", alias="css_html")
    """The HTML edition's stylesheet (copied into its folder as ``web.css``)."""
    chart_style: ProjectPath = Field(default=DEFAULT_STYLES / "report.mplstyle", alias="diagramme")
    word_template: ProjectPath = Field(
        default=DEFAULT_STYLES / "reference.docx", alias="word_vorlage"
    )
    fonts: ProjectPath = Field(default=DEFAULT_STYLES / "fonts", alias="schriften")
    labels: ProjectPath | None = Field(default=None, alias="beschriftungen")
    """An office's own fixed words, laid over ``templates/labels.yml`` (see there)."""


class PrintConfig(Frozen):
    """The print edition (PDF/X-4): the print shop's ICC profile, bleed, marks and book layout.

    The command line overrides every field; without ``icc_profil`` reportgen looks for a
    generic CMYK profile of the system (see ``reportgen.printing.setup``).
    """

    icc_profile: ProjectPath | None = Field(default=None, alias="icc_profil")
    bleed_mm: float = Field(default=3.0, alias="beschnitt_mm", ge=1.0, le=10.0, allow_inf_nan=False)
    crop_marks: bool = Field(default=False, alias="schnittmarken")
    pad_to_four: bool = Field(default=False, alias="vielfaches_von_vier")
    chapters_right: bool = Field(default=True, alias="kapitel_rechts")
    stylesheet: ProjectPath = Field(default=DEFAULT_STYLES / "druck.css", alias="css")
    cover: bool = Field(default=False, alias="umschlag")
    """A separate cover file (U1–U4 with spine) for perfect binding (Klebebindung)."""
    paper_mm: float = Field(
        default=0.1, alias="papierstaerke_mm", gt=0.02, le=1.0, allow_inf_nan=False
    )
    """Thickness of one sheet (two pages): grammage × paper volume / 1000, e.g. 100 g/m² × 1.0."""
    spine_mm: float | None = Field(
        default=None, alias="rueckenbreite_mm", gt=0, le=100, allow_inf_nan=False
    )
    """The print shop's spine width; without it the spine is computed from pages and paper."""
    spine_upwards: bool = Field(default=True, alias="rueckentitel_von_unten")
    """The spine title reads bottom to top (usual in German-speaking countries); false: top
    to bottom (ISO 6357, English-speaking countries)."""
    saddle_max_pages: int = Field(default=64, alias="rueckstich_max_seiten", ge=8, le=200)
    coverage_limit: int = Field(default=300, alias="farbauftrag_max", ge=200, le=400)
    """Highest total area coverage (C+M+Y+K in %) the paper takes; 300 for coated stock."""
    factsheet_stylesheet: ProjectPath = Field(
        default=DEFAULT_STYLES / "steckbrief-druck.css", alias="css_steckbrief"
    )

    def overridden(
        self, overrides: Mapping[str, Any], origins: Mapping[str, str] | None = None
    ) -> PrintConfig:
        """This configuration with fields replaced (by field name), validated as reportgen.yml
        is, so a value out of range gets the same German message; ``origins`` says where a
        field's value was set (e.g. which command-line option), as the hint."""
        aliases = {name: field.alias or name for name, field in PrintConfig.model_fields.items()}
        merged = self.model_dump(by_alias=True)
        merged.update({aliases[name]: value for name, value in overrides.items()})
        try:
            return PrintConfig.model_validate(merged)
        except ValidationError as exc:
            # the project's own values passed when reportgen.yml was read: an override failed
            where = {aliases[name]: origin for name, origin in (origins or {}).items()}
            raise InvalidInput(
                _override_problem(error, where.get(str(error["loc"][0]))) for error in exc.errors()
            ) from exc


def _override_problem(error: Any, origin: str | None) -> Problem:
    """The message reportgen.yml would get for the value under druck:, without its location."""
    section = ReportConfig.model_fields["printing"].alias or "printing"
    at = {**error, "loc": (section, *error["loc"])}
    (problem,) = config_problems([at], ReportConfig, KeyPositions(Path(CONFIG_NAME), {}))
    hint = " ".join(part for part in (origin, problem.hint) if part) or None
    return replace(problem, location=None, hint=hint)


class ReportConfig(Frozen):
    """Everything a report build needs besides the data and the texts."""

    title: str = Field(alias="titel", min_length=1)
    subtitle: str = Field(default="", alias="untertitel")
    reporting_year: int = Field(alias="berichtsjahr", ge=1990, le=2100)
    publication_date: dt.date = Field(alias="veroeffentlichungsdatum")
    publisher: str = Field(alias="herausgeber", min_length=1)
    imprint: str = Field(default="", alias="impressum")
    front_matter: FrontMatterConfig = Field(default_factory=FrontMatterConfig, alias="titelei")
    """Logo, cover image and the imprint's contact, licence, ISSN, picture credits."""
    attribution: Attribution = Field(alias="quelle")
    data_dir: Path = Field(default=Path("daten"), alias="daten")
    texts_dir: Path = Field(default=Path("texte"), alias="texte")
    selection: tuple[ChapterSelection, ...] | None = Field(default=None, alias="auswahl")
    table_periods: int = Field(default=5, alias="tabellenjahre", ge=1, le=12)
    flags: dict[str, str] = Field(default_factory=dict, alias="kennzeichen")
    indicator_titles: dict[str, str] = Field(default_factory=dict, alias="indikatortitel")
    goal_titles: NameOverrides = Field(default_factory=dict, alias="handlungsfeld_titel")
    topic_titles: NameOverrides = Field(default_factory=dict, alias="themen_titel")
    source_names: NameOverrides = Field(default_factory=dict, alias="quellennamen")
    """Printed names instead of the metadata's (``reportgen.load.naming``)."""
    glossary: ProjectPath | None = Field(default=None, alias="glossar")
    abbreviations: ProjectPath | None = Field(default=None, alias="abkuerzungen")
    """Files of terms for the annex (``reportgen.load.glossary``)."""
    map_credit: str | None = Field(default=None, alias="kartengrundlage")
    """Who made the district boundaries and under which licence ("© GeoBasis-DE / BKG 2024,
    Datenlizenz Deutschland – Namensnennung – Version 2.0"), printed with every map."""
    link_terms: bool = Field(default=True, alias="glossar_verlinken")
    """The first use of each glossary term in the text links to its entry."""
    output: Output = Field(default_factory=Output, alias="ausgabe")
    styles: StyleFiles = Field(default_factory=StyleFiles, alias="stile")
    factsheets: FactsheetConfig = Field(default_factory=FactsheetConfig, alias="steckbrief")
    printing: PrintConfig = Field(default_factory=PrintConfig, alias="druck")
    targets: tuple[TargetValue, ...] = Field(default=(), alias="zielwerte")
    known_defects: tuple[KnownDefect, ...] = Field(default=(), alias="bekannte_datenfehler")
    presentation: dict[IndicatorId, Presentation] = Field(default_factory=dict, alias="darstellung")
    series_breaks: tuple[SeriesBreakEntry, ...] = Field(default=(), alias="zeitreihenbrueche")
    outline: tuple[OutlineEntry, ...] | None = Field(default=None, alias="gliederung")
    """The order of the report's parts; without it: foreword, summary, introduction, methods,
    the Handlungsfelder, other free chapters, annex."""
    district_tables: bool = Field(default=True, alias="kreistabellen")
    """District tables (Kreistabellen) in the annex, for the indicators with district data."""
    project_dir: Path = Field(default=Path("."), exclude=True)
    _positions: KeyPositions | None = PrivateAttr(default=None)
    """Where each value stands in reportgen.yml, kept from its one parse."""

    @field_validator("flags")
    @classmethod
    def _known_signs(cls, value: dict[str, str]) -> dict[str, str]:
        for flag, sign in value.items():
            if sign not in SIGNS:
                raise ValueError(
                    f"„{sign}“ (für „{flag}“) ist kein Zeichen der Zeichenerklärung; "
                    f"erlaubt: {' '.join(SIGNS)}"
                )
        return value

    def location(self, *keys: str | int) -> Location:
        """Where a value stands in reportgen.yml (``"auswahl", 0, "handlungsfeld"``)."""
        path = self.project_dir / CONFIG_NAME
        return self._positions.location(keys) if self._positions else Location(path)

    @property
    def data_path(self) -> Path:
        return self.project_dir / self.data_dir

    @property
    def texts_path(self) -> Path:
        return self.project_dir / self.texts_dir


def load_config(project_dir: Path) -> ReportConfig:
    """Read ``reportgen.yml`` from a project folder; paths become absolute."""
    project_dir = project_dir.resolve()
    with working_on(project_dir / CONFIG_NAME):
        return _load_config(project_dir, project_dir / CONFIG_NAME)


def _load_config(project_dir: Path, path: Path) -> ReportConfig:
    if not path.is_file():
        raise ConfigError(
            f"Keine Berichtskonfiguration gefunden ({CONFIG_NAME}).",
            Location(path),
            "Legen Sie die Datei an oder geben Sie den Projektordner an.",
        )
    try:
        data, positions = read_yaml_mapping(
            path,
            FileKind.CONFIG,
            "Die Konfiguration ist kein gültiges YAML",
            "Die Konfiguration muss eine Zuordnung (Schlüssel: Wert) sein.",
            empty=False,
        )
    except InputFileError as exc:
        problem = exc.problem
        raise ConfigError(problem.message, problem.location, problem.hint) from exc
    try:
        # the context resolves the paths of stile: and druck: as they are validated
        config = ReportConfig.model_validate(
            {**data, "project_dir": project_dir}, context={"project_dir": project_dir}
        )
    except ValidationError as exc:
        # every field at once, in German, at its line
        raise InvalidConfig(config_problems(exc.errors(), ReportConfig, positions), data) from exc
    config._positions = positions
    return config


class InvalidConfig(InvalidInput):
    """``reportgen.yml`` is YAML but not a valid configuration; ``data`` is what it says, so
    that data and texts can still be checked with the folders it names."""

    def __init__(self, problems: Iterable[Problem], data: dict[str, Any]):
        super().__init__(problems)
        self.data = data

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems, self.data))
