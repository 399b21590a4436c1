"""Glossary and abbreviations of a project: terms and their explanations from a file each.

Two formats, chosen by the file's ending. Markdown (``.md``): a line ``## Begriff`` opens each
entry, the paragraphs below explain it (links and emphasis allowed); a ``# Titel`` line at the
top and ``<!-- … -->`` notes are ignored. YAML (``.yml``/``.yaml``): one ``Begriff: Erklärung``
line per entry. Order does not matter: the annex sorts the entries. Problems are collected with
file and line, in German.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problem, ReportError
from reportgen.load.textfile import FileKind, read_text
from reportgen.load.yamlfile import yaml_mapping

_TERM = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^#(?!#)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Term:
    """One entry: the term (or abbreviation) and its explanation as Markdown."""

    term: str
    text: str
    location: Location


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    abbreviations: tuple[Term, ...] = ()


def load_glossary(
    glossary: Path | None, abbreviations: Path | None, problems: list[Problem]
) -> Glossary:
    """Both files, where configured (``glossar``, ``abkuerzungen`` in reportgen.yml)."""
    return Glossary(
        load_terms(glossary, "glossar", problems) if glossary else (),
        load_terms(abbreviations, "abkuerzungen", problems) if abbreviations else (),
    )


def load_terms(path: Path, key: str, problems: list[Problem]) -> tuple[Term, ...]:
    """The entries of one file; ``key`` names its setting in reportgen.yml (for messages)."""
    if not path.is_file():
        problems.append(
            Problem(
                f"Die Datei zu „{key}“ fehlt.",
                Location(path),
                f"Legen Sie die Datei an oder berichtigen Sie „{key}“ in reportgen.yml.",
            )
        )
        return ()
    try:
        text = read_text(path, FileKind.TEXT_BLOCK)
        if path.suffix.lower() in (".yml", ".yaml"):
            terms = _yaml_terms(text, path, problems)
        elif path.suffix.lower() == ".md":
            terms = _markdown_terms(text, path, problems)
        else:
            problems.append(
                Problem(
                    f"Die Datei zu „{key}“ muss auf .md oder .yml enden.",
                    Location(path),
                    "Markdown: je Begriff eine Zeile „## Begriff“ und die Erklärung darunter; "
                    "YAML: je Begriff eine Zeile „Begriff: Erklärung“.",
                )
            )
            return ()
    except ReportError as exc:
        problems.append(exc.problem)
        return ()
    return _unique(terms, problems)


def _markdown_terms(text: str, path: Path, problems: list[Problem]) -> list[Term]:
    # notes are blanked, not removed, so that every line keeps its number
    text = _COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    terms: list[Term] = []
    current: tuple[str, int, list[str]] | None = None

    def close() -> None:
        if current is None:
            return
        term, line, body = current
        explanation = "\n".join(body).strip()
        if not term:
            problems.append(_problem("Eine Überschrift „##“ nennt keinen Begriff.", path, line))
        elif not explanation:
            problems.append(
                _problem(
                    f"Der Begriff „{term}“ hat keine Erklärung.",
                    path,
                    line,
                    "Schreiben Sie die Erklärung in die Zeilen unter „## Begriff“.",
                )
            )
        else:
            terms.append(Term(term, explanation, Location(path, line)))

    for number, line in enumerate(text.splitlines(), start=1):
        heading = _TERM.match(line)
        if heading:
            close()
            current = (heading.group(1), number, [])
        elif current is not None:
            current[2].append(line)
        elif line.strip() and not _TITLE.match(line):
            problems.append(
                _problem(
                    "Text vor dem ersten Begriff.",
                    path,
                    number,
                    "Jeder Eintrag beginnt mit einer Zeile „## Begriff“; darunter steht die "
                    "Erklärung.",
                )
            )
            break
    close()
    return terms


def _yaml_terms(text: str, path: Path, problems: list[Problem]) -> list[Term]:
    data, positions = yaml_mapping(
        text,
        path,
        "Die Datei ist kein gültiges YAML",
        "Die Datei muss aus Zeilen „Begriff: Erklärung“ bestehen.",
    )
    terms = []
    for key, value in data.items():
        where = positions.location((key,))
        if not isinstance(value, str | int | float) or isinstance(value, bool) or value == "":
            problems.append(
                Problem(
                    f"Zu „{key}“ steht keine Erklärung als Text.",
                    where,
                    "Schreiben Sie „Begriff: Erklärung“ in eine Zeile; eine Erklärung mit "
                    "Doppelpunkt steht in Anführungszeichen.",
                )
            )
            continue
        terms.append(Term(str(key).strip(), str(value).strip(), where))
    return terms


def _unique(terms: list[Term], problems: list[Problem]) -> tuple[Term, ...]:
    seen: dict[str, Term] = {}
    for term in terms:
        first = seen.get(term.term.casefold())
        if first is not None:
            problems.append(
                Problem(
                    f"Der Begriff „{term.term}“ steht zweimal in der Datei "
                    f"(zuerst in Zeile {first.location.line}).",
                    term.location,
                    "Fassen Sie die beiden Erklärungen zusammen.",
                )
            )
            continue
        seen[term.term.casefold()] = term
    return tuple(seen.values())


def _problem(message: str, path: Path, line: int, hint: str | None = None) -> Problem:
    return Problem(message, Location(path, line), hint)
