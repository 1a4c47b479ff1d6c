"""Cross-reference and expression checks on a file that failed schema validation.

Authors fix a file faster when they see every problem at once, so when the
schema rejects some values we still run the reference and expression checks
over whatever parts are readable. The raw data is seen through `Raw`, which
offers attribute access with the schema's defaults, and each part of the check
is skipped where the data has the wrong shape (the schema error covers it).
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from .problems import Problem
from .schema import Scenario
from .schema_help import _inner


class Raw:
    """Attribute access over raw YAML data, with the defaults of a schema model."""

    def __init__(self, data, model: type[BaseModel]):
        if not isinstance(data, dict):
            raise TypeError("not a mapping")
        self._data, self._model = data, model

    def __getattr__(self, name: str):
        info = self._model.model_fields.get(name)
        if info is None:
            raise AttributeError(name)
        value = self._data[name] if name in self._data else info.get_default(call_default_factory=True)
        return wrap(value, info.annotation)


def wrap(value, annotation):
    inner = _inner(annotation)
    if isinstance(value, BaseModel) or value is None:
        return value
    if typing.get_origin(annotation) is dict or typing.get_origin(inner) is dict:
        args = typing.get_args(inner if typing.get_origin(inner) is dict else annotation)
        item = _inner(args[1]) if len(args) == 2 else None
        if isinstance(value, dict) and isinstance(item, type) and issubclass(item, BaseModel):
            return {k: wrap(v, item) for k, v in value.items()}
        return value
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        if isinstance(value, list):
            return [wrap(v, inner) for v in value]
        return Raw(value, inner)
    return value


def partial_problems(data: dict, filename: str, positions: dict, reported: list[Problem]) -> list[Problem]:
    """Problems the schema did not report, found in the readable parts of the file."""
    from .checks import _Checker

    try:
        view = Raw(data, Scenario)
        checker = _Checker(view, filename, positions)  # type: ignore[arg-type]
    except (TypeError, AttributeError, KeyError, ValueError):
        return []
    taken = {(p.line, p.column) for p in reported}
    found: list[Problem] = []
    for section in checker.sections():
        try:
            section()
        except (TypeError, AttributeError, KeyError, ValueError, IndexError):
            continue  # that part has the wrong shape; the schema error already says so
    for p in checker.problems:
        if (p.line, p.column) not in taken:
            found.append(p)
            taken.add((p.line, p.column))
    return found
