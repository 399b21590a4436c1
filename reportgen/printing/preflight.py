"""Preflight of a print PDF, read with pikepdf: what a print shop checks first (PDF/X version,
output intent, trim and bleed, fonts, colour spaces, image resolution, annotations, total
area coverage, black text). It does not replace the print shop's own preflight."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from PIL import ImageCms

from reportgen.compose.formatting import format_number
from reportgen.printing.inks import Inks, TextInk, measure_inks
from reportgen.printing.inventory import Inventory, take_inventory

MM = 25.4 / 72
MIN_PPI = 300
A4 = (210.0, 297.0)
GENERIC_PROFILE = (
    "Generisches CMYK-Profil: vor der Druckfreigabe das Profil der Druckerei eintragen "
    "(druck: icc_profil in reportgen.yml oder --icc-profil)."
)


@dataclass
class Preflight:
    """Findings of one print PDF; ``defects`` make the build fail."""

    pdfx_version: str = ""
    pdf_version: str = ""
    output_intent: str = ""
    pages: int = 0
    trim_mm: tuple[float, float] = (0.0, 0.0)
    bleed_mm: float = 0.0
    crop_marks: bool = False
    trapped: str = ""
    inventory: Inventory = field(default_factory=Inventory)
    inks: Inks = field(default_factory=Inks)
    coverage_limit: int = 300
    defects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Findings the print shop must hear about; they do not stop the build."""
    notes: list[str] = field(default_factory=list)
    """Facts for the print shop (binding, spine), one line each."""

    def lines(self, name: str) -> list[str]:
        inv = self.inventory
        fonts = sorted(inv.fonts)
        missing = sorted(name for name, embedded in inv.fonts.items() if not embedded)
        font_text = (
            f"{len(fonts)}, alle eingebettet ({', '.join(_short(f) for f in fonts)})"
            if fonts and not missing
            else f"{len(fonts)}, nicht eingebettet: {', '.join(missing)}"
            if fonts
            else "keine"
        )
        width, height = self.trim_mm
        size = f"{_mm(width)} × {_mm(height)} mm" + (" (A4)" if _is_a4(self.trim_mm) else "")
        images = (
            f"{inv.images}, kleinste Auflösung {inv.lowest_ppi:.0f} ppi im Druck"
            if inv.images and inv.lowest_ppi is not None
            else "keine Rasterbilder"
        )
        verdict = (f"{len(self.defects)} Fehler" if self.defects else "keine Fehler") + (
            f", {len(self.warnings)} Warnung(en)" if self.warnings else ""
        )
        verdict += "".join(f"\n  – {d}" for d in self.defects)
        verdict += "".join(f"\n  ! Warnung: {w}" for w in self.warnings)
        if not self.defects and not self.warnings:
            verdict = "keine Fehler gefunden"
        coverage = (
            f"{_mm(self.inks.coverage)} % ({self.inks.coverage_at}), Grenze {self.coverage_limit} %"
            if self.inks.coverage
            else "keine CMYK-Farben"
        )
        return [
            f"Preflight Druck-PDF: {name}",
            f"  PDF/X-Version:      {self.pdfx_version or 'fehlt'} (PDF {self.pdf_version})",
            f"  Ausgabebedingung:   {self.output_intent or 'fehlt'}",
            f"  Seiten:             {self.pages}"
            + (" (Vielfaches von vier)" if self.pages and self.pages % 4 == 0 else ""),
            f"  Endformat:          {size}, Beschnitt {_mm(self.bleed_mm)} mm an jeder Seite",
            f"  Schnittmarken:      {'ja, Passerfarbe' if self.crop_marks else 'nein'}",
            f"  Schriften:          {font_text}",
            f"  Farbräume:          {', '.join(sorted(inv.colour_spaces)) or 'keine'}",
            f"  Farbauftrag max.:   {coverage}",
            f"  Text:               {_text_line(self.inks)}",
            f"  Rasterbilder:       {images}",
            f"  Anmerkungen/Links:  {inv.annotations or 'keine'}",
            f"  Überfüllung:        /Trapped {self.trapped or 'fehlt'}",
            *(f"  {note}" for note in self.notes),
            f"  Ergebnis:           {verdict}",
            "  Dieser Preflight ersetzt nicht die Prüfung der Druckerei.",
        ]


def _text_line(inks: Inks) -> str:
    """``17.753 × 100 % K (alle überdruckend), 9.289 × Grau (unter 100 % K)``."""
    if not inks.text:
        return "keiner"
    parts = []
    for kind, number in inks.text.most_common():
        part = f"{format_number(number, 0)} × {kind}"
        if kind == TextInk.PURE_K:
            overprinted = inks.black_text_overprinted
            part += (
                " (alle überdruckend)"
                if overprinted == number
                else f" ({format_number(overprinted, 0)} überdruckend)"
            )
        parts.append(part)
    return ", ".join(parts) + " (Textstellen)"


def _mm(value: float) -> str:
    return format_number(value, 1)


def _short(font: str) -> str:
    return font.split("+", 1)[-1]


def _is_a4(size: tuple[float, float]) -> bool:
    return abs(size[0] - A4[0]) < 0.5 and abs(size[1] - A4[1]) < 0.5


def preflight(
    data: bytes, min_bleed_mm: float = 3.0, coverage_limit: int = 300, generic_profile: bool = False
) -> Preflight:
    """Check a print PDF; every finding that a PDF/X-4 print shop would reject is a defect,
    what it should hear about (a generic profile, too much ink, rich black text) a warning."""
    result = Preflight(coverage_limit=coverage_limit)
    if generic_profile:
        result.warnings.append(GENERIC_PROFILE)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        result.pdf_version = pdf.pdf_version
        result.pages = len(pdf.pages)
        with pdf.open_metadata() as xmp:
            result.pdfx_version = str(xmp.get("pdfxid:GTS_PDFXVersion", ""))
        _check_document(pdf, result)
        _check_boxes(pdf, result, min_bleed_mm)
        result.inventory = take_inventory(pdf)
        result.inks = measure_inks(pdf)
    _judge_inventory(result)
    _judge_inks(result)
    return result


def _judge_inks(result: Preflight) -> None:
    inks = result.inks
    if inks.coverage > result.coverage_limit + 0.05:
        result.warnings.append(
            f"Farbauftrag bis {_mm(inks.coverage)} % ({inks.coverage_at}), mehr als die Grenze "
            f"von {result.coverage_limit} % (druck: farbauftrag_max); Farbaufbau ändern."
        )
    if rich := inks.text[TextInk.RICH_BLACK]:
        result.warnings.append(
            f"{rich} Textstellen in Schwarz aus mehreren Farben: Text gehört in 100 % K."
        )
    if (black := inks.text[TextInk.PURE_K]) > inks.black_text_overprinted:
        result.warnings.append(
            f"{black - inks.black_text_overprinted} von {black} Textstellen in 100 % K "
            "überdrucken nicht (Blitzer bei Passerdifferenzen möglich)."
        )


def _check_document(pdf: pikepdf.Pdf, result: Preflight) -> None:
    if result.pdfx_version != "PDF/X-4":
        result.defects.append("Keine PDF/X-4-Kennung (pdfxid:GTS_PDFXVersion) in den Metadaten.")
    if pdf.is_encrypted:
        result.defects.append("Die Datei ist verschlüsselt.")
    intents = [
        intent
        for intent in pdf.Root.get("/OutputIntents", pikepdf.Array())
        if intent.get("/S") == pikepdf.Name.GTS_PDFX
    ]
    profile = intents[0].get("/DestOutputProfile") if intents else None
    if not isinstance(profile, pikepdf.Stream):
        result.defects.append("Keine Ausgabebedingung (GTS_PDFX-OutputIntent mit ICC-Profil).")
    elif int(profile.get("/N", 0)) != 4:
        result.defects.append("Das Profil der Ausgabebedingung ist kein CMYK-Profil (N ≠ 4).")
    else:
        result.output_intent = _describe_profile(profile) + " (ICC-Profil eingebettet, CMYK)"
    trapped = pdf.docinfo.get("/Trapped")
    result.trapped = str(trapped).lstrip("/") if trapped is not None else ""
    if result.trapped not in ("True", "False"):
        result.defects.append("/Trapped fehlt im Dokumentinfo (True oder False).")
    if "/ID" not in pdf.trailer:
        result.defects.append("Die Datei hat keine Dokument-ID (/ID).")
    if "/AcroForm" in pdf.Root:
        result.defects.append("Die Datei enthält Formularfelder (/AcroForm).")


def _describe_profile(profile: pikepdf.Stream) -> str:
    try:
        icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes())).profile
        return str(icc.profile_description or icc.model).strip()
    except (OSError, ImageCms.PyCMSError):
        return "unlesbares ICC-Profil"


def _check_boxes(pdf: pikepdf.Pdf, result: Preflight, min_bleed_mm: float) -> None:
    """TrimBox and BleedBox on every page, the bleed on every side, one trim size."""
    faults: dict[str, list[int]] = {}
    bleeds: list[float] = []
    for number, page in enumerate(pdf.pages, start=1):
        trim, bleed = page.obj.get("/TrimBox"), page.obj.get("/BleedBox")
        if trim is None or bleed is None:
            faults.setdefault("TrimBox oder BleedBox fehlt", []).append(number)
            continue
        t, b, media = _box(trim), _box(bleed), _box(page.obj.MediaBox)
        least = min(t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3]) * MM
        bleeds.append(least)
        if least < min_bleed_mm - 0.01:
            faults.setdefault(f"Beschnitt unter {_mm(min_bleed_mm)} mm", []).append(number)
        if not (media[0] <= b[0] and media[1] <= b[1] and b[2] <= media[2] and b[3] <= media[3]):
            faults.setdefault("BleedBox ragt über die MediaBox hinaus", []).append(number)
        result.crop_marks = result.crop_marks or media != b
        size = ((t[2] - t[0]) * MM, (t[3] - t[1]) * MM)
        if number == 1:
            result.trim_mm = size
        elif abs(size[0] - result.trim_mm[0]) > 0.1 or abs(size[1] - result.trim_mm[1]) > 0.1:
            faults.setdefault("anderes Endformat als Seite 1", []).append(number)
    result.bleed_mm = min(bleeds) if bleeds else 0.0
    for fault, pages in faults.items():
        result.defects.append(f"{fault}: {_page_list(pages)}.")


def _page_list(pages: list[int]) -> str:
    """``Seite 3`` or ``Seiten 1–4, 7``: consecutive pages as ranges."""
    ranges: list[list[int]] = []
    for number in pages:
        if ranges and number == ranges[-1][-1] + 1:
            ranges[-1].append(number)
        else:
            ranges.append([number])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in ranges)
    return ("Seiten " if len(pages) > 1 else "Seite ") + text


def _box(array: pikepdf.Object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _judge_inventory(result: Preflight) -> None:
    inv = result.inventory
    missing = sorted(name for name, embedded in inv.fonts.items() if not embedded)
    if missing:
        result.defects.append(f"Nicht eingebettete Schriften: {', '.join(missing)}.")
    rgb = sorted(space for space in inv.colour_spaces if "RGB" in space)
    if rgb:
        where = "; ".join(sorted(inv.rgb_places)[:5])
        result.defects.append(
            f"RGB-Farben unter CMYK-Ausgabebedingung: {', '.join(rgb)} ({where})."
        )
    for problem in sorted(inv.problems):
        result.defects.append(problem)
    if inv.lowest_ppi is not None and inv.lowest_ppi < MIN_PPI - 0.5:
        result.defects.append(
            f"Rasterbild mit {inv.lowest_ppi:.0f} ppi im Druck (mindestens {MIN_PPI} ppi)."
        )
    if inv.annotations:
        result.defects.append(f"{inv.annotations} Anmerkung(en) oder Link(s) auf den Seiten.")
