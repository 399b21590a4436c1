"""build_factsheets(): every district's Steckbrief in a process pool, one failure never stops
the others, then one combined PDF for printing (a run for some districts names its own, so the
combination of all districts stays as it is). Writes only below the output folder."""

from __future__ import annotations

import gc
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.check import prepare_project
from reportgen.compose.districts import District, districts
from reportgen.compose.factsheet import compose_factsheet
from reportgen.compose.factsheet_plan import FactsheetPlan, plan_factsheets
from reportgen.district_choice import DistrictChoice
from reportgen.errors import ConfigError, ContentError, InvalidInput, ReportError
from reportgen.load.geodata import DistrictMap, load_district_map
from reportgen.load.project import Project, district_keys
from reportgen.outputs import (
    OutputVariant,
    RenderSettings,
    chart_images,
    check_print_pdf,
    pool_context,
    preflight_path,
    resolve_variants,
    write_atomically,
    write_preflight,
)
from reportgen.printing.pdf import combine_print_pdfs
from reportgen.printing.preflight import Preflight
from reportgen.printing.setup import PrintOverrides, PrintSetup, resolve_print_setup
from reportgen.render.pdf import PROFILES, ProfileName, combine_pdfs

SUBFOLDER = "steckbriefe"
SHEET_VARIANTS = ("pdf", "docx")
"""What each district gets as a file of its own; the print edition exists only combined."""
SELECTION = "auswahl"
"""Added to the name of the combined PDFs of a run for some districts (``--region``)."""


@dataclass(frozen=True)
class FactsheetRequest:
    """What ``reportgen steckbriefe`` is asked to do."""

    project_dir: Path
    out_dir: Path = Path("out")
    regions: tuple[str, ...] = ()
    """Districts by code, name or file stem (see ``select_districts``); empty: every district
    of the data."""
    formats: tuple[str, ...] = ()
    """Of ``SHEET_VARIANTS``; empty: both."""
    profiles: tuple[str, ...] = ()
    """``druck``: also the combined print PDF (PDF/X-4)."""
    jobs: int | None = None
    printing: PrintOverrides = field(default_factory=PrintOverrides)


@dataclass(frozen=True)
class SheetResult:
    district: District
    written: tuple[Path, ...]
    error: str | None
    seconds: float
    print_pdf: bytes | None = None
    """The sheet's print edition, a part of the combined print PDF (never written alone)."""
    trace: str | None = None
    """The traceback of an internal error (a bug, not a problem of the input)."""


@dataclass
class BatchResult:
    folder: Path
    """Where the fact sheets and the combined PDFs are written."""
    sheets: list[SheetResult] = field(default_factory=list)
    accepted: int = 0
    """Known defects of the published data the project accepted (``bekannte_datenfehler``)."""
    combined: Path | None = None
    combined_print: Path | None = None
    partial: bool = False
    """Some districts only (``--region``): the combined PDFs are named ``…-auswahl``, and for a
    single district there is no combined office PDF (the sheet is that PDF)."""
    kept: tuple[Path, ...] = ()
    """The combined PDFs of all districts from an earlier full run, left as they are."""
    removed: tuple[Path, ...] = ()
    """Combined PDFs of an earlier selection this run did not write again (stale: removed)."""
    preflights: dict[Path, Preflight] = field(default_factory=dict)
    """The preflight of the combined print PDF, by its path."""
    seconds: float = 0.0

    @property
    def failed(self) -> list[SheetResult]:
        return [sheet for sheet in self.sheets if sheet.error]


@dataclass
class _Worker:
    project: Project
    district_map: DistrictMap | None
    plan: FactsheetPlan
    variants: tuple[OutputVariant, ...]
    """Written per district, except the print edition (kept for the combined print PDF)."""
    out_dir: Path
    settings: RenderSettings


_STATE: _Worker | None = None


def _prepare(
    project: Project, variants: tuple[OutputVariant, ...], out_dir: Path, setup: PrintSetup | None
) -> _Worker:
    district_map = project.district_map or load_district_map(
        project.config.data_path,
        district_keys(project.dataset),
        project.config.factsheets.map_file,
        [],
    )
    styles = project.config.styles
    images = chart_images(styles, variants)
    settings = RenderSettings(styles, images, styles.factsheet_stylesheet, setup)
    return _Worker(project, district_map, plan_factsheets(project), variants, out_dir, settings)


def _init_worker(
    project_dir: Path, variants: tuple[OutputVariant, ...], out_dir: Path, setup: PrintSetup | None
) -> None:
    """Per worker: the data are loaded once (inherited when the pool forks)."""
    global _STATE
    if _STATE is None:
        _STATE = _prepare(prepare_project(project_dir), variants, out_dir, setup)


def _make_sheet(district: District, text_errors: dict[str, str]) -> SheetResult:
    assert _STATE is not None
    state = _STATE
    started = time.perf_counter()
    written: list[Path] = []
    print_pdf: bytes | None = None
    error: str | None = None
    trace: str | None = None
    try:
        if district.code in text_errors:
            raise ContentError(text_errors[district.code])
        sheet = compose_factsheet(state.project, district, state.district_map, state.plan)
        rendered = [(v, v.render(sheet, state.settings)) for v in state.variants]
        for variant, data in rendered:
            if not variant.for_print:
                target = state.out_dir / f"{district.file_stem}{variant.suffix}"
                write_atomically(target, data)
                written.append(target)
        print_pdf = next((data for variant, data in rendered if variant.for_print), None)
    except ReportError as exc:
        error = str(exc.problem)
    except Exception as exc:
        error, trace = f"Interner Fehler: {exc!r}", traceback.format_exc()
    finally:
        state.settings.images.clear()
    seconds = time.perf_counter() - started
    return SheetResult(district, tuple(written), error, seconds, print_pdf, trace)


def select_districts(
    all_districts: Sequence[District], wanted: Sequence[str] | None
) -> list[District]:
    """The districts named, in the order given, each once; none named: all of them.

    An entry may be the code (``K03355``), the key (``03355``, ``RH03355``, ``MZ03355``), the
    data's name ("Lüneburg", "Emden, Stadt", "Emden"), the display name ("Landkreis
    Lüneburg"), an ASCII spelling ("Lueneburg", "Luneburg"), the file stem of the sheet
    (``K03355_Lueneburg``) or a word of the name unique to one district ("Wümme"), in any case.
    A name several districts share ("Osnabrück") and an unknown entry raise ``ConfigError``
    naming the candidates or close matches."""
    if not wanted:
        return list(all_districts)
    choice = DistrictChoice(all_districts)
    chosen: list[District] = []
    for entry in wanted:
        found = choice.find(entry)
        if found not in chosen:
            chosen.append(found)
    return chosen


def build_factsheets(
    request: FactsheetRequest,
    on_start: Callable[[int], None] | None = None,
    on_sheet: Callable[[SheetResult], None] | None = None,
) -> BatchResult:
    """Every chosen district's sheet; a sheet that fails is named, the others are written."""
    started = time.perf_counter()
    unknown = [f for f in request.formats if f not in SHEET_VARIANTS]
    if unknown:
        raise ConfigError(
            f"Unbekanntes Ausgabeformat „{unknown[0]}“.",
            hint=f"Möglich: {', '.join(SHEET_VARIANTS)}.",
        )
    variants = tuple(resolve_variants(request.formats, SHEET_VARIANTS, request.profiles))
    project = prepare_project(request.project_dir)
    config = project.config
    setup = None
    if any(variant.for_print for variant in variants):
        setup = resolve_print_setup(request.printing.apply(config.printing), factsheet=True)
    texts_folder = config.texts_path / SUBFOLDER
    sheet_errors = {
        p for p in project.errors if p.location and p.location.path.parent == texts_folder
    }
    if any(p not in sheet_errors for p in project.errors):
        raise InvalidInput(project.problems)
    text_errors = {p.location.path.stem: p.message for p in sheet_errors if p.location}
    every = districts(project.dataset, config.factsheets.kinds)
    selected = select_districts(every, request.regions)
    target = request.out_dir / SUBFOLDER
    result = BatchResult(target, accepted=len(project.accepted))
    result.partial = len(selected) < len(every)
    if on_start:
        on_start(len(selected))
    _run(project, request, selected, variants, target, setup, text_errors, result, on_sheet)
    order = {district.key: index for index, district in enumerate(selected)}
    result.sheets.sort(key=lambda sheet: order[sheet.district.key])
    title = f"Steckbriefe – {config.title}"
    basename = config.factsheets.basename
    if result.partial:
        full = (target / f"{basename}.pdf", target / f"{basename}{_print_suffix()}.pdf")
        result.kept = tuple(path for path in full if path.is_file())
        basename = f"{basename}-{SELECTION}"
    if len(selected) > 1 or not result.partial:
        _combine(result, basename, title, config.publisher)
    if setup is not None:
        _combine_print(result, basename, title, setup)
    if result.partial:  # an earlier selection's combined PDFs would pass for this one's
        for path in (target / f"{basename}{end}.pdf" for end in ("", _print_suffix())):
            if path.is_file() and path not in (result.combined, result.combined_print):
                result.removed += (path, *[p for p in [preflight_path(path)] if p.is_file()])
        for path in result.removed:
            path.unlink()
    result.seconds = time.perf_counter() - started
    return result


def _run(
    project: Project,
    request: FactsheetRequest,
    selected: list[District],
    variants: tuple[OutputVariant, ...],
    target: Path,
    setup: PrintSetup | None,
    text_errors: dict[str, str],
    result: BatchResult,
    on_sheet: Callable[[SheetResult], None] | None,
) -> None:
    global _STATE
    workers = max(1, min(request.jobs or os.cpu_count() or 1, len(selected)))
    _STATE = _prepare(project, variants, target, setup)
    try:
        if workers == 1:
            for district in selected:
                _collect(result, _make_sheet(district, text_errors), on_sheet)
            return
        gc.freeze()  # forked workers then share the loaded data instead of copying it
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=pool_context(),
            initializer=_init_worker,
            initargs=(request.project_dir, variants, target, setup),
        ) as pool:
            futures = [pool.submit(_make_sheet, d, text_errors) for d in selected]
            for future in as_completed(futures):
                _collect(result, future.result(), on_sheet)
    finally:
        _STATE = None
        gc.unfreeze()


def _collect(
    result: BatchResult, sheet: SheetResult, on_sheet: Callable[[SheetResult], None] | None
) -> None:
    result.sheets.append(sheet)
    if on_sheet:
        on_sheet(sheet)


def _combine(result: BatchResult, basename: str, title: str, author: str) -> None:
    """All PDF fact sheets in one file with a bookmark per district (read back from the files
    just written: the workers' bytes stay in the workers)."""
    parts = [
        (sheet.district.display, path.read_bytes())
        for sheet in result.sheets
        for path in sheet.written
        if path.suffix == ".pdf"
    ]
    if not parts:
        return
    path = result.folder / f"{basename}.pdf"
    write_atomically(path, combine_pdfs(parts, title, author))
    result.combined = path


def _combine_print(result: BatchResult, basename: str, title: str, setup: PrintSetup) -> None:
    """The print edition of all fact sheets in one PDF/X-4, checked by its own preflight."""
    parts = [(s.district.display, s.print_pdf) for s in result.sheets if s.print_pdf]
    if not parts:
        return
    data = combine_print_pdfs(parts, title, setup, even_pages=setup.chapters_right)
    path = result.folder / f"{basename}{_print_suffix()}.pdf"
    result.preflights[path] = check_print_pdf(data, path, setup)
    write_atomically(path, data)
    write_preflight(path, result.preflights[path])
    result.combined_print = path


def _print_suffix() -> str:
    """``-druck``: the print edition's file name beside the office one."""
    return PROFILES[ProfileName.PRINT].suffix
