"""Jinja2 for the report pages the game writes to files (the workshop debrief and its slides, the
balance report): templates travel inside their package, every value is escaped for HTML (autoescape), a
name missing from a page is an error rather than an empty gap, and numbers are formatted by a few
filters so that no page formats them its own way.

The web server's participant pages have their own environment (game/web/app.py) with the same
autoescaping; these pages are files a facilitator opens or prints, so they load nothing from anywhere.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from .views.words import plural


def number(v: float, digits: int) -> str:
    """'3.2'; a value that rounds to zero is '0' (never '-0', which reads like a loss)."""
    return f"{0.0 if round(v, digits) == 0 else v:.{digits}f}"


def signed_number(v: float, digits: int = 1, unit: str = "") -> str:
    """'+3.2', '-1', '+4.5k' (money's unit, as every screen writes it); a value that rounds to zero is written
    '0' or '0.0', without a sign (and without the unit)."""
    return number(v, digits) if round(v, digits) == 0 else f"{v:+.{digits}f}{unit}"


def environment(package: str) -> Environment:
    """The templates in `package`/templates, autoescaped."""
    env = Environment(loader=PackageLoader(package, "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["signed"] = signed_number
    env.filters["f0"] = lambda v: number(v, 0)
    env.filters["f1"] = lambda v: number(v, 1)
    env.filters["pct"] = lambda v, digits=0: f"{v:.{digits}%}"
    env.filters["plural"] = plural
    return env
