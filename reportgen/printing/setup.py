"""The print edition's settings: project configuration plus command line, the ICC profile found
and checked, and the CSS rules that follow from them (output intent, bleed, book layout)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import ImageCms

from reportgen.errors import ConfigError
from reportgen.load.config import PrintConfig
from reportgen.printing.colors import CmykPalette, load_palette

# Generic CMYK profiles from Debian packages, in order of preference. A print shop's own
# profile (PSO Coated v3, ISO Coated v2 …) is set with druck.icc_profil or --icc-profil.
DEFAULT_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),  # Debian: libgs-common
)
PROFILE_PACKAGE = "libgs-common"
_OPTION = "druck.icc_profil in reportgen.yml oder --icc-profil"
_OPTIONS = {
    "icc_profile": "--icc-profil",
    "bleed_mm": "--beschnitt",
    "crop_marks": "--schnittmarken",
    "pad_to_four": "--vielfaches-von-vier",
    "chapters_right": "--kapitel-rechts",
    "cover": "--umschlag",
    "paper_mm": "--papierstaerke",
}
"""The command-line option of each override (``reportgen build --help``)."""


@dataclass(frozen=True)
class PrintOverrides:
    """What the command line sets; ``None`` keeps the project's value."""

    icc_profile: Path | None = None
    bleed_mm: float | None = None
    crop_marks: bool | None = None
    pad_to_four: bool | None = None
    chapters_right: bool | None = None
    cover: bool | None = None
    paper_mm: float | None = None

    def apply(self, config: PrintConfig) -> PrintConfig:
        """The project's settings with these over them, validated as reportgen.yml is
        (``InvalidInput`` with the same German message, naming the option)."""
        changes = {name: value for name, value in vars(self).items() if value is not None}
        if "icc_profile" in changes:
            changes["icc_profile"] = Path(changes["icc_profile"]).resolve()
        origins = {name: f"Gesetzt mit {option}." for name, option in _OPTIONS.items()}
        return config.overridden(changes, origins)


@dataclass(frozen=True)
class Binding:
    """How the book is bound: a cover file with spine (perfect binding) or saddle stitching."""

    cover: bool
    """A separate cover file for perfect binding (Klebebindung)."""
    paper_mm: float
    """Thickness of one sheet (two pages) of the book block."""
    spine_mm: float | None
    """The print shop's spine width, if given (else computed from pages and paper)."""
    spine_upwards: bool
    saddle_max_pages: int
    """More pages than this cannot be saddle-stitched (Rückstichheftung)."""


@dataclass(frozen=True)
class PrintSetup:
    """Everything the print renderer needs, checked: the profile exists and is CMYK."""

    icc_profile: Path
    bleed_mm: float
    crop_marks: bool
    pad_to_four: bool
    chapters_right: bool
    stylesheet: Path
    """The print stylesheet laid over the screen one: the report's or the fact sheets'."""
    palette: CmykPalette
    """Chart colours of that stylesheet, read once here (renderers read no files)."""
    book: bool
    """The report as one book (chapters on right-hand pages, page padding, crop marks); a fact
    sheet is a part of the combined file, which gets padding and marks when merged."""
    binding: Binding
    coverage_limit: int
    """Highest total area coverage in % (C+M+Y+K) the preflight accepts without a warning."""
    generic_profile: bool
    """No profile was configured: the system's generic one stands in (the preflight warns)."""


def resolve_print_setup(config: PrintConfig, factsheet: bool = False) -> PrintSetup:
    """Find and check the ICC profile; a German ConfigError names the option to set.

    The other settings were validated with the configuration (``PrintOverrides.apply``);
    ``factsheet`` chooses the fact sheets' print stylesheet instead of the report's."""
    profile = config.icc_profile or next((p for p in DEFAULT_PROFILES if p.is_file()), None)
    if profile is None:
        raise ConfigError(
            "Kein CMYK-ICC-Profil für das Druck-PDF gefunden.",
            hint=f"Geben Sie das Profil der Druckerei an ({_OPTION}) oder installieren Sie "
            f"das Standardprofil: apt-get install {PROFILE_PACKAGE} "
            f"(liefert {DEFAULT_PROFILES[0]}).",
        )
    if not profile.is_file():
        raise ConfigError(
            f"Das ICC-Profil {profile} gibt es nicht.",
            hint=f"Prüfen Sie den Pfad ({_OPTION}).",
        )
    _check_cmyk_profile(profile)
    stylesheet = config.factsheet_stylesheet if factsheet else config.stylesheet
    return PrintSetup(
        icc_profile=profile,
        bleed_mm=config.bleed_mm,
        crop_marks=config.crop_marks,
        pad_to_four=config.pad_to_four,
        chapters_right=config.chapters_right,
        stylesheet=stylesheet,
        palette=load_palette(stylesheet, profile),
        book=not factsheet,
        binding=Binding(
            cover=config.cover and not factsheet,
            paper_mm=config.paper_mm,
            spine_mm=config.spine_mm,
            spine_upwards=config.spine_upwards,
            saddle_max_pages=config.saddle_max_pages,
        ),
        coverage_limit=config.coverage_limit,
        generic_profile=config.icc_profile is None,
    )


def _check_cmyk_profile(path: Path) -> None:
    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        raise ConfigError(
            f"{path} ist kein lesbares ICC-Profil.", hint=f"Prüfen Sie die Datei ({_OPTION})."
        ) from exc
    if profile.xcolor_space.strip() != "CMYK":
        raise ConfigError(
            f"{path} ist kein CMYK-Profil (Farbraum {profile.xcolor_space.strip()}).",
            hint=f"Für den Druck braucht es das CMYK-Ausgabeprofil der Druckerei ({_OPTION}).",
        )


def print_rules(setup: PrintSetup) -> str:
    """CSS generated from the settings: output intent, bleed and, for the report, where
    chapters start. WeasyPrint writes the output intent only for a declared CMYK profile."""
    profile = _css_url(setup.icc_profile)
    rules = [
        f"@color-profile device-cmyk {{ src: url({profile}); components: c, m, y, k }}",
        f"@page {{ bleed: {setup.bleed_mm:g}mm; marks: none }}",
    ]
    if setup.book and setup.chapters_right:
        rules.append(
            "nav.toc > h1, section.foreword > h1, section.chapter > h1, "
            "section.appendix > h1 { break-before: right }"
        )
    if setup.book and setup.binding.cover:
        # the cover is a file of its own: the book block opens with an inner title page, the
        # cover's words without its bands and picture
        rules.append(
            ".cover::before, .cover::after { content: none }\n"
            ".cover img.cover-image { display: none }"
        )
    return "\n".join(rules) + "\n"


def _css_url(path: Path) -> str:
    return '"' + path.resolve().as_uri().replace('"', "%22") + '"'
