"""build_factsheets(): every district's Steckbrief in a process pool, one failure never stops
the others, then one combined PDF for printing. Writes only below the output folder."""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from reportgen.build import check_print_pdf, preflight_path, write_atomically
from reportgen.compose.factsheet import (
    District,
    FactsheetPlan,
    compose_factsheet,
    districts,
    plan_factsheets,
)
from reportgen.compose.model import Factsheet
from reportgen.errors import ConfigError, ContentError, InvalidInput, ReportError, did_you_mean
from reportgen.load.config import StyleFiles
from reportgen.load.geodata import DistrictMap, load_district_map
from reportgen.load.project import Project, load_project
from reportgen.printing.edition import render_print_factsheet
from reportgen.printing.pdf import combine_print_pdfs
from reportgen.printing.preflight import Preflight
from reportgen.printing.setup import PrintOverrides, PrintSetup, resolve_print_setup
from reportgen.render.charts import ChartImages
from reportgen.render.html import render_factsheet_html
from reportgen.render.pdf import PROFILES, write_pdf

SUBFOLDER = "steckbriefe"


def _render_pdf(sheet: Factsheet, styles: StyleFiles, images: ChartImages) -> bytes:
    html = render_factsheet_html(sheet, images)
    return write_pdf(
        html, styles.factsheet_stylesheet, PROFILES["barrierefrei"], sheet.publication_date
    )


def _render_docx(sheet: Factsheet, styles: StyleFiles, images: ChartImages) -> bytes:
    from reportgen.render.docx.factsheet import render_factsheet_docx

    return render_factsheet_docx(sheet, styles, images)


FACTSHEET_FORMATS: dict[str, tuple[str, Callable[[Factsheet, StyleFiles, ChartImages], bytes]]] = {
    "pdf": (".pdf", _render_pdf),
    "docx": (".docx", _render_docx),
}


@dataclass(frozen=True)
class SheetResult:
    district: District
    written: tuple[Path, ...]
    error: str | None
    seconds: float
    print_pdf: bytes | None = None
    """The sheet's print edition, a part of the combined print PDF (never written alone)."""


@dataclass
class BatchResult:
    sheets: list[SheetResult] = field(default_factory=list)
    accepted: int = 0
    """Known defects of the published data the project accepted (``bekannte_datenfehler``)."""
    combined: Path | None = None
    combined_print: Path | None = None
    preflight: Preflight | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[SheetResult]:
        return [sheet for sheet in self.sheets if sheet.error]


@dataclass
class _Worker:
    project: Project
    district_map: DistrictMap | None
    plan: FactsheetPlan
    formats: tuple[str, ...]
    out_dir: Path
    images: ChartImages
    printing: PrintSetup | None = None


_STATE: _Worker | None = None


def _prepare(
    project: Project, formats: tuple[str, ...], out_dir: Path, printing: PrintSetup | None
) -> _Worker:
    keys = {district.key for district in districts(project.dataset)}
    district_map = load_district_map(
        project.config.data_path, keys, project.config.factsheets.map_file, []
    )
    image_formats = tuple(f for f, wanted in (("svg", "pdf"), ("png", "docx")) if wanted in formats)
    if printing and "svg" not in image_formats:
        image_formats = ("svg", *image_formats)
    images = ChartImages(
        project.config.styles.chart_style,
        project.config.styles.fonts,
        formats=image_formats,
        dpi=200,
        small=True,
    )
    plan = plan_factsheets(project)
    return _Worker(project, district_map, plan, formats, out_dir, images, printing)


def _init_worker(
    project_dir: Path, formats: tuple[str, ...], out_dir: Path, printing: PrintSetup | None
) -> None:
    """Per worker: the data are loaded once (inherited when the pool forks)."""
    global _STATE
    if _STATE is None:
        _STATE = _prepare(load_project(project_dir), formats, out_dir, printing)


def _make_sheet(district: District, text_errors: dict[str, str]) -> SheetResult:
    assert _STATE is not None
    state = _STATE
    started = time.perf_counter()
    written: list[Path] = []
    print_pdf = None
    try:
        if district.code in text_errors:
            raise ContentError(text_errors[district.code])
        sheet = compose_factsheet(state.project, district, state.district_map, state.plan)
        styles = state.project.config.styles
        rendered = [
            (suffix, render(sheet, styles, state.images))
            for suffix, render in (FACTSHEET_FORMATS[f] for f in state.formats)
        ]
        if state.printing:
            print_pdf = render_print_factsheet(sheet, styles, state.images, state.printing)
        for suffix, data in rendered:
            target = state.out_dir / f"{district.file_stem}{suffix}"
            write_atomically(target, data)
            written.append(target)
        error = None
    except ReportError as exc:
        error = str(exc.problem)
    except Exception as exc:
        error = f"Interner Fehler: {exc!r}\n{traceback.format_exc()}"
    finally:
        state.images.clear()
    seconds = time.perf_counter() - started
    return SheetResult(district, tuple(written), error, seconds, print_pdf if not error else None)


def select_districts(
    all_districts: Sequence[District], wanted: Sequence[str] | None
) -> list[District]:
    """Districts by code (``K03355``, ``03355``) or name; unknown ones raise with close matches."""
    if not wanted:
        return list(all_districts)
    index: dict[str, District] = {}
    for district in all_districts:
        for alias in (
            district.code,
            district.key,
            district.name,
            district.display,
            f"RH{district.key}",
            f"MZ{district.key}",
        ):
            index[alias.casefold()] = district
    for district in all_districts:  # "Emden" for "Emden, Stadt", unless a Landkreis has it
        index.setdefault(district.name.split(",")[0].casefold(), district)
    chosen = []
    for entry in wanted:
        found = index.get(entry.strip().casefold())
        if found is None:
            hint = did_you_mean(
                entry, [d.code for d in all_districts] + [d.name for d in all_districts]
            )
            raise ConfigError(
                f"Unbekannter Kreis „{entry}“.",
                hint=hint or "„reportgen list“ zeigt die Gebiete der Daten.",
            )
        if found not in chosen:
            chosen.append(found)
    return chosen


def build_factsheets(
    project_dir: Path,
    out_dir: Path,
    regions: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    jobs: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_sheet: Callable[[SheetResult], None] | None = None,
    profiles: Sequence[str] = (),
    printing: PrintOverrides | None = None,
) -> BatchResult:
    """``profiles``: PDF profiles besides the accessible one; ``druck`` adds the combined
    print PDF (PDF/X-4), with ``printing`` (command line) over the project's ``druck:``."""
    started = time.perf_counter()
    chosen_formats = tuple(dict.fromkeys(formats or ("pdf", "docx")))
    unknown = [f for f in chosen_formats if f not in FACTSHEET_FORMATS]
    if unknown:
        raise ConfigError(
            f"Unbekanntes Ausgabeformat „{unknown[0]}“.",
            hint=f"Möglich: {', '.join(FACTSHEET_FORMATS)}.",
        )
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        raise ConfigError(
            f"Unbekanntes PDF-Profil „{unknown[0]}“.", hint=f"Möglich: {', '.join(PROFILES)}."
        )
    project = load_project(project_dir)
    setup = None
    if any(PROFILES[p].variant.startswith("pdf/x") for p in profiles):
        setup = resolve_print_setup((printing or PrintOverrides()).apply(project.config.printing))
    texts_folder = project.config.texts_path / SUBFOLDER
    sheet_errors = {
        p for p in project.errors if p.location and p.location.path.parent == texts_folder
    }
    general = [p for p in project.errors if p not in sheet_errors]
    if general:
        raise InvalidInput(project.problems)
    text_errors = {p.location.path.stem: p.message for p in sheet_errors if p.location}
    selected = select_districts(districts(project.dataset), regions)
    target = out_dir / SUBFOLDER
    workers = max(1, min(jobs or os.cpu_count() or 1, len(selected)))
    result = BatchResult(accepted=len(project.accepted))
    if on_start:
        on_start(len(selected))
    global _STATE
    _STATE = _prepare(project, chosen_formats, target, setup)
    try:
        if workers == 1:
            for district in selected:
                _collect(result, _make_sheet(district, text_errors), on_sheet)
        else:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            gc.freeze()  # forked workers then share the loaded data instead of copying it
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
                initargs=(project_dir, chosen_formats, target, setup),
            ) as pool:
                futures = [pool.submit(_make_sheet, d, text_errors) for d in selected]
                for future in as_completed(futures):
                    _collect(result, future.result(), on_sheet)
    finally:
        _STATE = None
        gc.unfreeze()
    order = {district.key: index for index, district in enumerate(selected)}
    result.sheets.sort(key=lambda sheet: order[sheet.district.key])
    if "pdf" in chosen_formats:
        result.combined = _combine(result, target, project)
    if setup is not None:
        _combine_print(result, target, project, setup)
    result.seconds = time.perf_counter() - started
    return result


def _collect(
    result: BatchResult, sheet: SheetResult, on_sheet: Callable[[SheetResult], None] | None
) -> None:
    result.sheets.append(sheet)
    if on_sheet:
        on_sheet(sheet)


def _combine(result: BatchResult, target: Path, project: Project) -> Path | None:
    """All PDF fact sheets in one file with a bookmark per district, for printing."""
    parts = [
        (sheet, path) for sheet in result.sheets for path in sheet.written if path.suffix == ".pdf"
    ]
    if not parts:
        return None
    config = project.config
    with pikepdf.new() as combined:
        with combined.open_outline() as outline:
            for sheet, path in parts:
                first = len(combined.pages)
                with pikepdf.open(path) as single:
                    combined.pages.extend(single.pages)
                outline.root.append(pikepdf.OutlineItem(sheet.district.display, first))
        for page in combined.pages:  # the single files keep the tags; this one is for print
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
        combined.Root.Lang = pikepdf.String("de")
        combined.Root.PageMode = pikepdf.Name.UseOutlines
        with combined.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = f"Steckbriefe – {config.title}"
            meta["dc:creator"] = [config.publisher]
            meta["xmp:CreatorTool"] = "reportgen"
        buffer = io.BytesIO()
        combined.save(buffer, deterministic_id=True)
    path = target / f"{config.factsheets.basename}.pdf"
    write_atomically(path, buffer.getvalue())
    return path


def _combine_print(result: BatchResult, target: Path, project: Project, setup: PrintSetup) -> None:
    """The print edition of all fact sheets in one PDF/X-4, checked by its own preflight."""
    parts = [(s.district.display, s.print_pdf) for s in result.sheets if s.print_pdf]
    if not parts:
        return
    config = project.config
    data = combine_print_pdfs(
        parts, f"Steckbriefe – {config.title}", setup, even_pages=setup.chapters_right
    )
    path = target / f"{config.factsheets.basename}{PROFILES['druck'].suffix}.pdf"
    result.preflight = check_print_pdf(data, path, setup)
    write_atomically(path, data)
    lines = result.preflight.lines(path.name)
    write_atomically(preflight_path(path), ("\n".join(lines) + "\n").encode("utf-8"))
    result.combined_print = path
