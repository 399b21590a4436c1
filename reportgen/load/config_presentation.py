"""What each indicator shows (``darstellung``) and where its series break
(``zeitreihenbrueche``): the parts of ``reportgen.yml`` a statistician sets per indicator."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from reportgen.load.config_entries import Frozen, IndicatorId


class ChartChoice(StrEnum):
    """``diagramm``: the chart types a presentation may ask for."""

    LINE = "linie"
    COLUMNS = "saeulen"
    BARS = "balken"
    STACKED = "gestapelt"
    PYRAMID = "pyramide"
    RANKING = "rangfolge"


def _as_text(value: Any) -> Any:
    """Years and numbers written without quotes are labels all the same."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return value


class Breakdown(Frozen):
    """``aufgliederung``: a second chart and table of one period, by one or two breakdowns
    (the categories of the first along the axis, the second as series)."""

    dimensions: tuple[str, ...] = Field(alias="merkmale", min_length=1, max_length=2)
    chart: ChartChoice | None = Field(default=None, alias="diagramm")
    top: int | None = Field(default=None, alias="top", ge=2, le=40)
    """Only the largest categories, the rest summed up as "Übrige"."""
    period: str | None = Field(default=None, alias="zeitraum")
    """The period shown; the latest with values when not given."""
    categories: tuple[str, ...] | None = Field(default=None, alias="kategorien")
    """The categories of the first breakdown to show, in this order (else all, or the
    ``top`` largest)."""
    selection: dict[str, str | list[str]] = Field(default_factory=dict, alias="auswahl")
    """Values of the other breakdowns (else their total, or the time series' choice); for a
    breakdown shown, the values to show (a list, in this order)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """``aufgliederung: Geschlecht`` and ``[Altersgruppe, Geschlecht]`` name the breakdowns."""
        if isinstance(value, str):
            return {"merkmale": [value]}
        if isinstance(value, list):
            return {"merkmale": value}
        return value

    @field_validator("period", "categories", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("selection", mode="before")
    @classmethod
    def _selection_text(cls, value: Any) -> Any:
        return {k: _as_text(v) for k, v in value.items()} if isinstance(value, dict) else value


class Presentation(Frozen):
    """``darstellung.<Indikator>``: what the indicator's page shows. Everything is optional;
    without an entry reportgen chooses from the data and its metadata."""

    selection: dict[str, str | list[str]] | None = Field(default=None, alias="auswahl")
    """Values per breakdown for the time series (instead of ``data_start_values``); a list of
    values makes the breakdown vary (one series per value)."""
    unit: str | None = Field(default=None, alias="einheit")
    chart: ChartChoice | None = Field(default=None, alias="diagramm")
    """The time series' chart: ``linie`` or ``saeulen``."""
    focus: str | None = Field(default=None, alias="fokus")
    """The series the key statement speaks about (else the Land, or the group the indicator
    is about, never a reference group)."""
    subject: str | None = Field(default=None, alias="bezeichnung", min_length=3)
    """The key statement's subject, with its article: "Der Ausländeranteil"."""
    breakdown: Breakdown | tuple[Breakdown, ...] | Literal[False] | None = Field(
        default=None, alias="aufgliederung"
    )
    """The breakdown chart, or a list of them; ``false``: none, also where the title names
    one."""
    map: bool = Field(default=False, alias="karte")
    """A choropleth map of the districts (latest period)."""
    district_table: bool = Field(default=True, alias="kreistabelle")
    """The indicator's column in the district tables of the annex (where it has districts)."""
    unavailable: dict[str, str] = Field(default_factory=dict, alias="keine_werte")
    """Periods without results (e.g. a survey gap published as zeros) → the reason, printed in
    a note; their values are shown as "x" and never compared."""

    @field_validator("selection", mode="before")
    @classmethod
    def _selection_text(cls, value: Any) -> Any:
        return {k: _as_text(v) for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("breakdown", mode="before")
    @classmethod
    def _several(cls, value: Any) -> Any:
        """A list of entries (mappings) is several breakdowns; a list of names is one."""
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return tuple(Breakdown.model_validate(v) for v in value)
        return value

    @property
    def breakdowns(self) -> tuple[Breakdown, ...] | None:
        """The configured breakdowns; None: reportgen chooses; empty: none."""
        if self.breakdown is None:
            return None
        if self.breakdown is False:
            return ()
        return self.breakdown if isinstance(self.breakdown, tuple) else (self.breakdown,)

    @field_validator("unavailable", mode="before")
    @classmethod
    def _period_keys(cls, value: Any) -> Any:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("chart")
    @classmethod
    def _time_chart(cls, value: ChartChoice | None) -> ChartChoice | None:
        if value not in (None, ChartChoice.LINE, ChartChoice.COLUMNS):
            raise ValueError(
                "für die Zeitreihe sind „linie“ und „saeulen“ möglich; andere Diagramme "
                "gehören unter „aufgliederung“"
            )
        return value


class SeriesBreakEntry(Frozen):
    """A break in the time series (``zeitreihenbrueche``): from ``ab`` on, values are not
    comparable with earlier ones, for the named indicators or every indicator of a source."""

    first_year: int = Field(alias="ab", ge=1900, le=2100)
    """The first year of the new segment."""
    label: str = Field(alias="bezeichnung", min_length=2)
    """What changed, as the chart labels it: "Zensus 2022"."""
    note: str = Field(default="", alias="erlaeuterung")
    """A sentence for the methodological notes of each indicator concerned."""
    indicators: tuple[IndicatorId, ...] = Field(default=(), alias="indikatoren")
    source: str | None = Field(default=None, alias="datenquelle", min_length=3)
    """Every indicator whose data source (metadata) names this statistic."""

    @model_validator(mode="after")
    def _subject(self) -> SeriesBreakEntry:
        if not self.indicators and not self.source:
            raise ValueError(
                "„indikatoren“ oder „datenquelle“ fehlt: für welche Reihen gilt der Bruch?"
            )
        return self


class Section(StrEnum):
    """The parts of the report an outline (``gliederung``) can place by name."""

    FOREWORD = "vorwort"
    SUMMARY = "zusammenfassung"
    METHODS = "methoden"
    CHAPTERS = "handlungsfelder"
    """Every Handlungsfeld of ``auswahl`` not placed on its own."""
    ANNEX = "anhang"


class FreeChapter(Frozen):
    """A chapter from ``texte/kapitel/<name>.md`` (Einleitung, Schwerpunkt …)."""

    name: str = Field(alias="kapitel", min_length=1)


class GoalChapter(Frozen):
    """One Handlungsfeld at this place of the outline."""

    goal: str = Field(alias="handlungsfeld")

    @field_validator("goal", mode="before")
    @classmethod
    def _goal_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


OutlineEntry = Section | FreeChapter | GoalChapter
