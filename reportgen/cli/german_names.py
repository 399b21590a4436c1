"""How the German frame names parameters: display names, value placeholders and ranges."""

from __future__ import annotations

from collections.abc import Iterable

from typer.core import TyperArgument, TyperOption

from reportgen.cli.vendored_click import Parameter


def options(params: Iterable[Parameter]) -> list[TyperOption]:
    return [p for p in params if isinstance(p, TyperOption)]


def option_names(params: Iterable[Parameter]) -> list[str]:
    return [name for p in options(params) for name in (*p.opts, *p.secondary_opts)]


def display_name(param: Parameter) -> str:
    """How messages name a parameter: the long option, or the argument's German metavar."""
    if isinstance(param, TyperArgument):
        return param.metavar or param.name.upper()
    return next((o for o in param.opts if o.startswith("--")), param.opts[0])


def option_metavar(option: TyperOption) -> str:
    """The value placeholder of an option (``<Ordner>``); flags have none."""
    if option.is_flag or option.count:
        return ""
    return option.metavar or "<Wert>"


def describe_range(low: float | None, high: float | None) -> str | None:
    """``1 bis 10``, ``mindestens 1``, ``höchstens 10`` or None."""
    if low is not None and high is not None:
        return f"{_number(low)} bis {_number(high)}"
    if low is not None:
        return f"mindestens {_number(low)}"
    if high is not None:
        return f"höchstens {_number(high)}"
    return None


def range_rule(low: float | None, high: float | None) -> str:
    """``zwischen 1 und 10 liegen``, ``mindestens 1 sein``, ``höchstens 10 sein``."""
    if low is not None and high is not None:
        return f"zwischen {_number(low)} und {_number(high)} liegen"
    return f"{describe_range(low, high) or 'gültig'} sein"


def first_sentence(text: str | None) -> str:
    return " ".join((text or "").split()).split(". ")[0].rstrip(".")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
