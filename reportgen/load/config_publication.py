"""``titelei`` in ``reportgen.yml``: what the cover and the imprint show besides the title —
logo, cover image, contact, licence, ISSN or order number, picture credits.

Pictures are read here, once, and checked to be what their name says (SVG or PNG), so that
composition stays pure and every output embeds the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PrivateAttr, ValidationInfo, model_validator

from reportgen.load.config_entries import Frozen

MAX_PICTURE_BYTES = 20 * 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG, PNG = "image/svg+xml", "image/png"


def _in_project(path: Path, info: ValidationInfo) -> Path:
    project_dir = (info.context or {}).get("project_dir")
    return path if project_dir is None or path.is_absolute() else project_dir / path


PicturePath = Annotated[Path, AfterValidator(_in_project)]


def _media_type(path: Path) -> str:
    """The picture's type from its name and its first bytes; a German ValueError otherwise."""
    if not path.is_file():
        raise ValueError(f"die Datei „{path.name}“ gibt es nicht ({path})")
    if path.stat().st_size > MAX_PICTURE_BYTES:
        raise ValueError(f"„{path.name}“ ist größer als 20 MB")
    head = path.read_bytes()[:4096]
    suffix = path.suffix.lower()
    if suffix == ".png" and head.startswith(_PNG_SIGNATURE):
        return PNG
    if suffix == ".svg" and b"<svg" in head:
        return SVG
    raise ValueError(
        f"„{path.name}“ ist kein Bild im Format SVG oder PNG (Dateiendung .svg oder .png, "
        "Inhalt passend zur Endung)"
    )


class PictureFile(Frozen):
    """A picture of the project folder: ``logo: bilder/logo.svg`` or with its details."""

    path: PicturePath = Field(alias="datei")
    word_path: PicturePath | None = Field(default=None, alias="datei_word")
    """A PNG for Word, which cannot show SVG; without it an SVG picture is missing there."""
    alt_text: str = Field(default="", alias="alternativtext")
    """Empty for a cover image: it is decorative (an artifact, skipped by screen readers)."""
    _data: bytes = PrivateAttr(default=b"")
    _media_type: str = PrivateAttr(default="")
    _png: bytes | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _path_alone(cls, value: Any) -> Any:
        return {"datei": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _read(self) -> PictureFile:
        self._media_type = _media_type(self.path)
        self._data = self.path.read_bytes()
        if self.word_path is not None:
            if _media_type(self.word_path) != PNG:
                raise ValueError(f"„datei_word“ muss ein PNG sein, nicht „{self.word_path.name}“")
            self._png = self.word_path.read_bytes()
        elif self._media_type == PNG:
            self._png = self._data
        return self

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def media_type(self) -> str:
        return self._media_type

    @property
    def png(self) -> bytes | None:
        """The picture for Word: the PNG itself, or ``datei_word`` beside an SVG."""
        return self._png


class Contact(Frozen):
    """„Auskünfte“: who answers questions about the report."""

    name: str = Field(default="", alias="name")
    phone: str = Field(default="", alias="telefon")
    email: str = Field(default="", alias="e_mail")


class Licence(Frozen):
    """Under which licence texts and data of the report may be reused."""

    name: str = Field(alias="bezeichnung", min_length=1)
    url: str = Field(default="", alias="url")


class FrontMatterConfig(Frozen):
    """``titelei``: cover and imprint details; every field is optional."""

    logo: PictureFile | None = Field(default=None, alias="logo")
    cover_image: PictureFile | None = Field(default=None, alias="titelbild")
    contact: Contact | None = Field(default=None, alias="auskuenfte")
    licence: Licence | None = Field(default=None, alias="lizenz")
    issn: str = Field(default="", alias="issn", pattern=r"^(\d{4}-\d{3}[\dX])?$")
    order_number: str = Field(default="", alias="bestellnummer")
    picture_credits: str = Field(default="", alias="bildnachweis")
