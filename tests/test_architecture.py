"""The shape of the code: stages import down the pipeline, renderers hold no words of the
publication, modules stay small."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from reportgen.resources import DEFAULT_TEMPLATES, PACKAGE_ROOT

PACKAGE = PACKAGE_ROOT / "reportgen"
# stage → stages it must never import (the pipeline runs load → check → compose → render)
FORBIDDEN = {
    "load": (
        "check",
        "compose",
        "render",
        "printing",
        "compare",
        "outputs",
        "build",
        "batch",
        "cli",
    ),
    "check": ("render", "printing", "outputs", "build", "batch", "cli"),
    "compose": ("check", "render", "printing", "outputs", "build", "batch", "cli"),
    "render": ("load", "check", "printing", "outputs", "build", "batch", "cli"),
}
LONGEST_MODULE = 320


def modules(stage: str = "") -> Iterator[Path]:
    return (p for p in sorted((PACKAGE / stage).rglob("*.py")) if "__pycache__" not in p.parts)


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stages_import_only_down_the_pipeline(stage: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE_ROOT)} imports {name}"
        for path in modules(stage)
        for name in sorted(imported(path))
        if any(
            name == f"reportgen.{other}" or name.startswith(f"reportgen.{other}.")
            for other in FORBIDDEN[stage]
        )
    ]
    assert not wrong


def test_no_module_is_long() -> None:
    long = [
        f"{path.relative_to(PACKAGE_ROOT)}: {count} lines"
        for path in modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    ]
    assert not long


def publication_words() -> set[str]:
    """Every word of the labels file (the fixed words of the publication), four letters up."""
    labels = yaml.safe_load((DEFAULT_TEMPLATES / "labels.yml").read_text(encoding="utf-8"))
    words: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str):
            words.update(w for w in re.findall(r"[^\W\d_]{4,}", value) if w != w.lower())

    collect(labels)
    return words


def string_literals(path: Path) -> Iterator[str]:
    """The strings of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def test_publication_words_are_known() -> None:
    assert {"Abbildung", "Tabelle", "Impressum", "Zeichenerklärung", "Seite"} <= publication_words()


def test_renderers_hold_no_words_of_the_publication() -> None:
    """Names of the Word template's styles ("Quelle", "Abbildung") are no printed words: they
    name the designer's styles, which Word shows only in its style pane."""
    from reportgen.render.docx.template import REQUIRED_STYLES

    words = publication_words() - {w for name in REQUIRED_STYLES for w in name.split()}
    found = [
        f"{path.relative_to(PACKAGE_ROOT)}: {word}"
        for path in modules("render")
        for literal in string_literals(path)
        for word in re.findall(r"[^\W\d_]{4,}", literal)
        if word in words
    ]
    assert not found


def test_html_templates_hold_no_words() -> None:
    for template in DEFAULT_TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{[{%#].*?[}%#]}", " ", text, flags=re.S)  # Jinja expressions
        text = re.sub(r"<[^>]*>", " ", text)  # tags and their attributes
        assert not re.findall(r"[^\W\d_]{2,}", text), template.name
