"""Stage 2, checking: after loading and before composing, the inputs are checked against each
other, the placeholders of every text are filled (once, for all outputs), figures typed by hand
are compared with the data, and the known defects the project accepted are applied."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportgen.check.outline import outline_problems
from reportgen.check.presentation import presentation_problems
from reportgen.check.references import reference_problems, stale_acceptances
from reportgen.check.texts import fill_texts, typed_number_problems
from reportgen.check.unfinished import unfinished_problems
from reportgen.load.defects import accept_defects
from reportgen.load.project import Project, load_project


def check_project(project: Project) -> Project:
    """The project with every problem found and its texts filled."""
    filled, placeholder_problems = fill_texts(project)
    problems = [
        *project.problems,
        *reference_problems(project),
        *presentation_problems(project),
        *outline_problems(project),
        *placeholder_problems,
        *typed_number_problems(project),
        *unfinished_problems(project),
    ]
    problems, stale = accept_defects(problems, project.config.known_defects)
    problems.extend(stale_acceptances(project.config, stale))
    return replace(project, problems=tuple(problems), filled=filled)


def prepare_project(project_dir: Path) -> Project:
    """Load and check a project: what ``check``, ``list``, ``build`` and ``steckbriefe`` use."""
    return check_project(load_project(project_dir))
