"""Shared fixtures: tiny projects copied into tmp_path, failures laid over them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

EXAMPLE_BREAKDOWNS = 22
"""Breakdown charts of the example report (each with its table): those its titles promise."""
EXAMPLE_FIGURES = 53 + EXAMPLE_BREAKDOWNS + 2
"""A time series per indicator, the breakdowns, the maps of 1.2.2 and 3.1.2."""
EXAMPLE_PICTURES = 1
"""Pictures of the example report besides its figures: the logo on the cover."""
FAILURES = FIXTURES / "failures"


def make_project(tmp_path: Path, failure: str | None = None) -> Path:
    """A copy of the mini project, with the files of one failure folder laid over it."""
    target = tmp_path / "projekt"
    shutil.copytree(MINI, target)
    if failure:
        shutil.copytree(FAILURES / failure, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def example_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled example report as accessible PDF and DOCX, built once per test session
    (tests that use it share the xdist group "example", so one worker builds it)."""
    from reportgen.build import BuildRequest, build_report
    from reportgen.resources import EXAMPLE_PROJECT

    folder = tmp_path_factory.mktemp("beispiel")
    result = build_report(BuildRequest(EXAMPLE_PROJECT, folder, ("pdf", "docx")))
    return {path.suffix.lstrip("."): path for path in result.written}


@pytest.fixture(scope="session")
def roundtrip_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the example project and its report as DOCX, built once per test session for
    the Word round trip and its locks (tests that use it share the xdist group "roundtrip").
    Read-only: a test that writes texts or edits the DOCX works on copies."""
    from reportgen.resources import EXAMPLE_PROJECT
    from tests.roundtrip_project import build_docx, project_copy

    root = tmp_path_factory.mktemp("rundreise")
    project = project_copy(EXAMPLE_PROJECT, root / "projekt")
    return project, build_docx(project, root / "out")


@pytest.fixture(scope="session")
def example_web(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example report as HTML edition: its folder, built once per test session
    (tests that use it share the xdist group "web", so one worker builds it)."""
    from reportgen.build import BuildRequest, build_report
    from reportgen.resources import EXAMPLE_PROJECT

    folder = tmp_path_factory.mktemp("web")
    result = build_report(BuildRequest(EXAMPLE_PROJECT, folder, ("html",)))
    (index,) = result.written
    return index.parent
