"""The command line: German help and usage errors, exit codes, and never a traceback."""

from __future__ import annotations

import errno
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated, Literal

import pytest
import typer
from typer.core import TyperOption
from typer.main import get_command
from typer.testing import CliRunner, Result

import reportgen
import reportgen.check
from reportgen.cli import app
from reportgen.cli.ending import INTERRUPTED
from reportgen.cli.factsheets import show_failed_sheets
from reportgen.cli.german import GermanCommand, GermanGroup
from reportgen.cli.german_errors import german_usage_error
from reportgen.cli.options import FORMAT_NAMES, PROFILE_NAMES
from reportgen.cli.vendored_click import Context
from reportgen.cli.vendored_click import exceptions as click_exceptions
from reportgen.errors import working_on

runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # one line per row, so phrases are not split by the panel border
COMMANDS = ("build", "check", "list", "steckbriefe", "init", "vergleich")
REPORTGEN = Path(sys.executable).with_name("reportgen")

# Words of Click's and Typer's English frame that must never reach a user.
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "<path>",
    "<bool>",
    "<int>",
    "<float>",
    "list[str]",
    "int range",
    "float range",
    "x>=",
    "<=x",
    "Missing",
    "Invalid",
    "No such",
    "Did you mean",
    "Try '",
    "default:",
    "required",
    "Error",
    "Got unexpected",
    "requires an argument",
    "does not take a value",
    "Input should",
    "Traceback (most recent call last)",
)


def flat(result: Result) -> str:
    """The output as one line, without the panels' borders."""
    return " ".join(result.output.replace("│", " ").split())


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


# --- help pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], *([name] for name in COMMANDS)])
def test_every_help_page_is_german(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert result.output.lstrip().startswith("Aufruf: reportgen")
    assert english_in(result.output) == []
    assert "Diese Hilfe anzeigen und beenden." in result.output


@pytest.mark.parametrize(
    ("command", "fragments"),
    [
        ("build", ("[PROJEKTORDNER]", "<Ordner>", "<Format>", "<Datei>", "[1 bis 10]")),
        ("build", ("[Standard: out]", "--verbose, -v")),
        ("steckbriefe", ("<Kreis>", "<Zahl>", "[mindestens 1]", "--verbose, -v")),
        ("vergleich", ("Aufruf: reportgen vergleich [OPTIONEN] ALT NEU", "[erforderlich]")),
        ("init", ("Aufruf: reportgen init [OPTIONEN] PROJEKTORDNER --data <Ordner>",)),
    ],
)
def test_help_names_arguments_and_values_in_german(
    command: str, fragments: tuple[str, ...]
) -> None:
    output = flat(runner.invoke(app, [command, "--help"], env=WIDE))
    for fragment in fragments:
        assert fragment in output


def test_flags_show_no_value_placeholder() -> None:
    lines = runner.invoke(app, ["build", "--help"], env=WIDE).output.splitlines()
    final = next(line for line in lines if "--final" in line)
    assert "<" not in final.split("Endfassung")[0]


def test_the_command_list_gives_each_command_one_complete_sentence() -> None:
    output = runner.invoke(app, ["--help"], env={"COLUMNS": "80"}).output
    rows = [line for line in output.splitlines() if line.startswith("│ ") and "  " in line[2:]]
    commands = {row.split()[1]: row for row in rows if row.split()[1] in COMMANDS}
    assert set(commands) == set(COMMANDS)
    for row in commands.values():
        assert row.rstrip(" │").endswith("."), row  # not cut mid-sentence into a second line


def test_without_arguments_the_help_is_shown() -> None:
    result = runner.invoke(app, [])
    assert "Aufruf: reportgen [OPTIONEN] BEFEHL" in result.output
    assert "Befehle" in result.output


def test_short_help_option() -> None:
    result = runner.invoke(app, ["check", "-h"])
    assert result.exit_code == 0
    assert "Aufruf: reportgen check" in result.output


def test_every_command_has_the_german_frame_and_verbose() -> None:
    group = get_command(app)
    assert isinstance(group, GermanGroup)
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        assert isinstance(command, GermanCommand), name
        options = [p for p in command.params if isinstance(p, TyperOption)]
        assert any(p.opts == ["--verbose", "-v"] for p in options), name
        for option in options:
            if not option.is_flag:
                assert option.metavar and option.metavar.startswith("<"), (name, option.opts)


def test_option_help_lists_the_formats_and_profiles_there_are() -> None:
    from reportgen.outputs import VARIANTS
    from reportgen.render.pdf import PROFILES

    assert tuple(VARIANTS) == FORMAT_NAMES
    assert tuple(PROFILES) == PROFILE_NAMES


# --- usage errors -----------------------------------------------------------------------------

USAGE_ERRORS: list[tuple[list[str], str]] = [
    (["bild"], "Den Befehl „bild“ gibt es nicht. Meinten Sie „build“?"),
    (["xyz"], "Befehle: build, steckbriefe, vorschau, check, init, vergleich, uebernehmen, list."),
    (["--"], "Es fehlt ein Befehl"),
    (["--verbose"], "Optionen stehen hinter dem Befehl, z. B. „reportgen build --verbose“."),
    (["--hlep"], "Meinten Sie „--help“?"),
    (["vergleich"], "Das Argument ALT fehlt: Datenordner der letzten Ausgabe."),
    (["vergleich", "a"], "Das Argument NEU fehlt"),
    (["init", "neu"], "Die Option --data fehlt: Open-SDG-Datenordner."),
    (["build", "--out"], "--out braucht einen Wert: --out <Ordner>."),
    (["init", "neu", "-d"], "-d braucht einen Wert"),
    (["build", "--final=ja"], "--final nimmt keinen Wert an"),
    (["steckbriefe", "--jobs", "0"], "--jobs muss mindestens 1 sein, nicht 0."),
    (["steckbriefe", "-j", "viele"], "--jobs braucht eine ganze Zahl, nicht „viele“."),
    (["build", "--beschnitt", "20"], "--beschnitt muss zwischen 1 und 10 liegen, nicht 20."),
    (["build", "--beschnitt", "2,5"], "Dezimalzahlen mit Punkt schreiben"),
    (["check", "--jobs", "2"], "Die Option „--jobs“ gibt es bei „reportgen check“ nicht"),
    (["build", "--fromat", "pdf"], "Die Option „--fromat“ gibt es nicht. Meinten Sie „--format“?"),
    (["build", "-x"], "Die Option „-x“ gibt es nicht."),
    (["check", "Mein", "Projekt"], "Unerwartetes Argument „Projekt“."),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS)
def test_usage_errors_are_german_with_usage_line_and_hint(args: list[str], message: str) -> None:
    result = runner.invoke(app, args, env=WIDE)
    output = flat(result)
    assert result.exit_code == 2, output
    assert message in output
    assert "Aufruf: reportgen" in output
    assert "Hilfe: 'reportgen" in output and "--help'" in output
    assert english_in(output) == []


def test_the_hint_names_the_command() -> None:
    output = flat(runner.invoke(app, ["vergleich"], env=WIDE))
    assert "Aufruf: reportgen vergleich [OPTIONEN] ALT NEU" in output
    assert "Hilfe: 'reportgen vergleich --help'" in output


# A small program with the parameter kinds reportgen does not use (yet): choices, paths that must
# exist, several values per argument. Their errors must come out German as well.
demo = typer.Typer(name="demo", cls=GermanGroup, add_completion=False)


@demo.command("lauf", cls=GermanCommand)
def _run(
    pair: Annotated[tuple[int, int], typer.Argument(metavar="PAAR")] = (1, 2),
    mode: Annotated[Literal["a", "b"], typer.Option("--modus", metavar="<Modus>")] = "a",
    source: Annotated[Path, typer.Option("--quelle", exists=True, metavar="<Datei>")] = Path(),
    switch: Annotated[bool, typer.Option("--schalter/--kein-schalter")] = False,
) -> None:
    """Nichts tun."""


@demo.command("pause", cls=GermanCommand)
def _pause() -> None:
    """Nichts tun."""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lauf", "--modus", "c"], "„c“ ist für --modus nicht möglich; erlaubt: a, b."),
        (["lauf", "--quelle", "/gibt/es/nicht"], "--quelle: „/gibt/es/nicht“ gibt es nicht."),
        (["lauf", "1"], "Die Zahl der Argumente passt nicht zum Befehl."),
        (["lauf", "1", "x"], "PAAR braucht eine ganze Zahl, nicht „x“."),
        (["lauf", "--schalter=1"], "--schalter nimmt keinen Wert an"),
        (["lauf", "--kein-schalter", "--modus"], "--modus braucht einen Wert: --modus <Modus>."),
        (["luaf"], "Meinten Sie „lauf“?"),
    ],
)
def test_errors_of_other_parameter_kinds_are_german(args: list[str], message: str) -> None:
    result = runner.invoke(demo, args, env=WIDE)
    output = flat(result)
    assert result.exit_code == 2, output
    assert message in output
    assert english_in(output) == []


def test_every_usage_error_class_of_click_is_translated() -> None:
    """A new error class in a Typer update must get its German sentence here first."""
    translated = {
        click_exceptions.UsageError,
        click_exceptions.BadParameter,
        click_exceptions.MissingParameter,
        click_exceptions.NoSuchOption,
        click_exceptions.BadOptionUsage,
        click_exceptions.BadArgumentUsage,
        click_exceptions.NoArgsIsHelpError,  # shows the help, no message
    }
    found = {
        value
        for value in vars(click_exceptions).values()
        if isinstance(value, type) and issubclass(value, click_exceptions.UsageError)
    }
    assert found == translated


def test_only_one_module_reaches_into_typers_private_click() -> None:
    """Typer does not export Click's usage errors and base classes; one module imports them
    from typer._click, and pyproject.toml pins Typer to the release they were checked against."""
    package = Path(reportgen.__file__).parent
    private = re.compile(r"^\s*(?:from|import) typer\._", re.MULTILINE)
    importers = [
        path.relative_to(package).as_posix()
        for path in sorted(package.rglob("*.py"))
        if private.search(path.read_text(encoding="utf-8"))
    ]
    assert importers == ["cli/vendored_click.py"]


def test_an_unknown_usage_error_still_comes_out_german() -> None:
    ctx = Context(get_command(demo), info_name="demo")
    error = german_usage_error(click_exceptions.UsageError("Something new went wrong"), ctx)
    assert error.format_message() == "Dieser Aufruf ist nicht möglich."
    assert error.exit_code == 2


# --- unexpected errors ------------------------------------------------------------------------


def _failing_loader(exc: BaseException) -> Callable[[Path], None]:
    def prepare_project(project_dir: Path) -> None:
        with working_on(Path("x.csv")):
            raise exc

    return prepare_project


@pytest.fixture
def failing_check(monkeypatch: pytest.MonkeyPatch) -> Callable[[BaseException], None]:
    def install(exc: BaseException) -> None:
        monkeypatch.setattr(reportgen.check, "prepare_project", _failing_loader(exc))

    return install


def test_an_internal_error_names_the_input_and_asks_for_a_report(
    failing_check: Callable[[BaseException], None],
) -> None:
    failing_check(ZeroDivisionError("division by zero"))
    result = runner.invoke(app, ["check"], env=WIDE)
    output = flat(result)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # ended by the CLI, not escaped
    assert "Interner Fehler beim Verarbeiten von x.csv: ZeroDivisionError: division by zero" in (
        output
    )
    assert "Bitte melden Sie diesen Fehler an die Betreuer von reportgen" in output
    assert "Abschnitt „Fehler melden“" in output
    assert "--verbose" in output
    assert "Traceback (most recent" not in output


def test_verbose_shows_the_traceback(failing_check: Callable[[BaseException], None]) -> None:
    failing_check(ZeroDivisionError("division by zero"))
    result = runner.invoke(app, ["check", "--verbose"])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.output
    assert "raise exc" in result.output
    assert "Interner Fehler beim Verarbeiten von x.csv" in flat(result)


@pytest.mark.parametrize(
    ("exc", "fragment"),
    [
        (MemoryError(), "Interner Fehler beim Verarbeiten von x.csv: MemoryError"),
        (MemoryError(), "Arbeitsspeicher"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum"),
    ],
)
def test_resource_errors_end_in_german(
    failing_check: Callable[[BaseException], None], exc: BaseException, fragment: str
) -> None:
    failing_check(exc)
    result = runner.invoke(app, ["check"], env=WIDE)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert fragment in flat(result)
    assert "Traceback (most recent" not in result.output


def test_a_file_system_error_says_what_and_where_without_a_bug_report(
    failing_check: Callable[[BaseException], None],
) -> None:
    failing_check(PermissionError(errno.EACCES, "Permission denied", "out/bericht.pdf"))
    output = flat(runner.invoke(app, ["check"], env=WIDE))
    assert "„out/bericht.pdf“: keine Berechtigung." in output
    assert "Interner Fehler" not in output and "Permission denied" not in output


def test_ctrl_c_ends_with_abgebrochen(failing_check: Callable[[BaseException], None]) -> None:
    failing_check(KeyboardInterrupt())
    result = runner.invoke(app, ["check"])
    assert result.exit_code == INTERRUPTED == 130
    assert result.output.strip() == "Abgebrochen."


def _divide_in_worker() -> float:
    with working_on(Path("x.csv")):
        return 1 / 0


def _load_in_worker(project_dir: Path) -> None:
    with ProcessPoolExecutor(1) as pool:
        pool.submit(_divide_in_worker).result()


def test_an_error_in_a_worker_process_names_its_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reportgen.check, "prepare_project", _load_in_worker)
    quiet = runner.invoke(app, ["check"], env=WIDE)
    assert quiet.exit_code == 1
    assert "Interner Fehler beim Verarbeiten von x.csv: ZeroDivisionError" in flat(quiet)
    assert "Traceback (most recent" not in quiet.output
    verbose = runner.invoke(app, ["check", "-v"])
    assert "_divide_in_worker" in verbose.output  # the worker's own traceback


def test_a_failed_fact_sheet_shows_its_traceback_only_with_verbose(
    capsys: pytest.CaptureFixture[str],
) -> None:
    error = "Interner Fehler: KeyError('x')"
    trace = "Traceback (most recent call last):\n  File …\nKeyError"
    show_failed_sheets([("K03101 Braunschweig", error, trace)], verbose=False)
    quiet = " ".join(capsys.readouterr().err.split())
    assert "Fehlgeschlagen: K03101 Braunschweig: Interner Fehler: KeyError('x')" in quiet
    assert "Traceback (most recent" not in quiet and "Bitte melden Sie diesen Fehler" in quiet
    show_failed_sheets([("K03101 Braunschweig", error, trace)], verbose=True)
    assert "Traceback (most recent call last)" in capsys.readouterr().err


# --- as a real program ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REPORTGEN), *args],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bild"], "Meinten Sie „build“?"),
        (["vergleich", "alt"], "Das Argument NEU fehlt"),
        (["steckbriefe", "--jobs", "0"], "--jobs muss mindestens 1 sein"),
        (["build", "--verbos"], "Meinten Sie „--verbose“?"),
    ],
)
def test_the_program_answers_usage_errors_in_german(args: list[str], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert message in " ".join(done.stderr.split())
    assert english_in(done.stderr) == [] and done.stdout == ""


def test_help_loads_none_of_the_heavy_modules() -> None:
    """Fast start: the help must not pull in the pipeline (pandas, matplotlib, WeasyPrint)."""
    heavy = ("pandas", "matplotlib", "weasyprint", "docx", "reportgen.build", "reportgen.batch")
    script = (
        "import sys; sys.argv = ['reportgen', 'build', '--help']\n"
        "from reportgen.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in sys.modules if m.startswith({heavy!r})], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr.strip() == "[]"
    assert "Aufruf: reportgen build" in done.stdout
