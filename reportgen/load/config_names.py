"""Overrides in ``reportgen.yml`` for names the published metadata gets wrong.

``quellennamen`` (data sources), ``themen_titel`` (topics, ``1-1`` or ``1.1``) and
``handlungsfeld_titel`` (``1``): each maps what the data says, or the id, to the printed name.
``reportgen.load.naming`` applies them once, to the loaded dataset.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator


def _text_keys(value: Any) -> Any:
    """``1: …`` in YAML is a number; ids and names are text."""
    if isinstance(value, dict):
        return {str(key): item for key, item in value.items()}
    return value


NameOverrides = Annotated[dict[str, str], BeforeValidator(_text_keys)]
