"""Where the bundled files are: styles, templates, the example project (beside the package)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STYLES = PACKAGE_ROOT / "styles"
DEFAULT_TEMPLATES = PACKAGE_ROOT / "templates"
EXAMPLE_PROJECT = PACKAGE_ROOT / "data" / "niedersachsen"
