"""The pictures of a whole document at once: read from the chart cache where they are, the
others drawn on several cores side by side (matplotlib draws on one core), so that every
renderer finds them at hand."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Literal

from reportgen.compose.model import ChartSpec, Document, Figure, MapSpec, figures_of
from reportgen.render.charts import ChartImages

PICTURES_PER_PROCESS = 8
"""Fewer pictures than this per process do not pay for starting one."""


def pool_context(
    method: Literal["fork", "forkserver"] = "fork", preload: Sequence[str] = ()
) -> BaseContext:
    """How a process pool starts its workers: ``method`` where the system has it, else spawn
    (Windows). fork shares the parent's loaded data; forkserver starts each worker from a
    clean server process that imported ``preload`` once."""
    if method not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(preload))
    return context


def picture_specs(document: Document) -> list[ChartSpec | MapSpec]:
    """Every chart and map of the document, each once."""
    return list(
        dict.fromkeys(
            node.chart if isinstance(node, Figure) else node.map for node in figures_of(document)
        )
    )


def draw_pictures(
    document: Document,
    images: ChartImages,
    formats: tuple[str, ...] = (),
    pool: ProcessPoolExecutor | None = None,
    workers: int | None = None,
) -> None:
    """Every chart and map of the document at hand now, once for all renderers: from the
    chart cache or drawn. Charts in ``formats`` (default: every format of the store); drawn in
    ``pool`` (by ``workers`` of its processes) where given, else in processes of their own."""
    missing = [spec for spec in picture_specs(document) if not images.load(spec, formats)]
    if not missing:
        return
    workers = min(workers or os.cpu_count() or 1, len(missing) // PICTURES_PER_PROCESS)
    if workers < 2 and pool is None:
        for spec in missing:
            images.draw(spec, formats)
        return
    workers = max(workers, 1)
    chunks = [(images.empty(), formats, missing[index::workers]) for index in range(workers)]
    if pool is not None:
        for pictures in pool.map(_draw, chunks):
            images.add(pictures)
        return
    with ProcessPoolExecutor(workers, mp_context=pool_context()) as own:
        for pictures in own.map(_draw, chunks):
            images.add(pictures)


def _draw(
    work: tuple[ChartImages, tuple[str, ...], list[ChartSpec | MapSpec]],
) -> dict[tuple[object, str], bytes]:
    images, formats, specs = work
    for spec in specs:
        images.draw(spec, formats)
    return images.pictures()
