"""The entries of lists in ``reportgen.yml``: target values, the key figures and charts of the
fact sheets, accepted data defects; and what every part of the configuration shares."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from reportgen.load.defects import Rule
from reportgen.load.layout import INDICATOR_ID

IndicatorId = Annotated[str, Field(pattern=INDICATOR_ID.pattern)]


class Frozen(BaseModel):
    """A part of the configuration: immutable, unknown keys refused, German or English names."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class TargetKind(StrEnum):
    """``art`` of a target value in reportgen.yml."""

    GOAL = "ziel"
    """A value to reach: Zielwert."""
    THRESHOLD = "schwelle"
    """A value not to cross: Schwellenwert."""

    @property
    def noun(self) -> str:
        return "Zielwert" if self is TargetKind.GOAL else "Schwellenwert"


class TargetValue(Frozen):
    """A Zielwert or Schwellenwert for an indicator, with the decision it comes from."""

    indicator: IndicatorId = Field(alias="indikator")
    series: str | None = Field(default=None, alias="reihe")
    value: float = Field(alias="wert")
    kind: TargetKind = Field(default=TargetKind.GOAL, alias="art")
    decision: str = Field(default="", alias="beschluss")
    year: int | None = Field(default=None, alias="jahr")

    @property
    def label(self) -> str:
        return f"{self.kind.noun} {self.year}" if self.year else self.kind.noun


class FactsheetItem(Frozen):
    """One key figure or chart of the Steckbriefe: an indicator and which of its values."""

    indicator: IndicatorId = Field(alias="indikator")
    label: str | None = Field(default=None, alias="bezeichnung")
    unit: str | None = Field(default=None, alias="einheit")
    selection: dict[str, str] = Field(default_factory=dict, alias="auswahl")
    period: str | None = Field(default=None, alias="zeitraum")
    change_since: int | None = Field(default=None, alias="veraenderung_seit")


class DistrictKind(StrEnum):
    DISTRICT = "Landkreis"
    CITY = "kreisfreie Stadt"
    REGION = "Region"
    KREIS = "Kreis"
    CITY_DISTRICT = "Stadtkreis"


class FactsheetConfig(Frozen):
    """What the district fact sheets show; without entries reportgen chooses from the data."""

    key_figures: tuple[FactsheetItem, ...] | None = Field(default=None, alias="kennzahlen")
    charts: tuple[FactsheetItem, ...] | None = Field(default=None, alias="diagramme")
    map_file: str | None = Field(default=None, alias="karte")
    basename: str = Field(default="steckbriefe", alias="dateiname", pattern=r"^[A-Za-z0-9._-]+$")
    kinds: dict[str, DistrictKind] = Field(default_factory=dict, alias="gebietsarten")
    """What a district is, by its code (``K03241: Region``), where the data's names do not say
    it (see ``reportgen.compose.districts``)."""


class KnownDefect(Frozen):
    """A defect of the published data the project knows and publishes anyway, with a reason
    (``bekannte_datenfehler``; see ``reportgen.load.defects``)."""

    rule: Rule = Field(alias="regel")
    indicator: IndicatorId | None = Field(default=None, alias="indikator")
    file: str | None = Field(default=None, alias="datei")
    lines: tuple[int, ...] | None = Field(default=None, alias="zeilen")
    reason: str = Field(alias="grund", min_length=10)

    @model_validator(mode="after")
    def _one_subject(self) -> KnownDefect:
        if self.rule == Rule.UNKNOWN_FILE:
            if not self.file:
                raise ValueError("für „unbekannte-datei“ fehlt „datei“ (Pfad im Datenordner)")
        elif not self.indicator:
            raise ValueError(f"für „{self.rule}“ fehlt „indikator“")
        return self

    @property
    def subject(self) -> str:
        return self.file or self.indicator or ""
