"""The command line (Typer): thin commands whose every error ends in German lines.

``app`` (reportgen.cli.app) is the console entry point ``reportgen.cli:app``. One module per
command group (report, factsheets, project, compare); the German frame of help pages and usage
errors (german*, through vendored_click the only door to Typer's private Click); how errors end
the program (ending). The pipeline's heavy modules (pandas, matplotlib, WeasyPrint) are imported
inside the commands, so help pages and usage errors answer at once.
"""

from reportgen.cli.app import app

__all__ = ["app"]
