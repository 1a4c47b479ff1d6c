"""'Did you mean ...' suggestions for unknown keys, from the schema itself."""

from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel

from . import schema


def _model_at(loc: tuple) -> type[BaseModel] | None:
    model: object = schema.Scenario
    in_dict = False
    for part in loc:
        if isinstance(part, int):
            continue
        if in_dict:  # the part is a key chosen by the author (a metric name): stay on the value model
            in_dict = False
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _inner(info.annotation)
        if model is dict or typing.get_origin(model) is dict:
            args = typing.get_args(model)
            model = _inner(args[1]) if args else None
            in_dict = True
            continue
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner(annotation):
    """Unwrap Optional[...] and list[...] to the model inside."""
    for _ in range(3):
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Union) or str(origin) == "types.UnionType":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
        else:
            break
    return annotation


def suggest_key(loc: tuple) -> str:
    """'; did you mean X?' plus the allowed keys, for an unknown key at loc."""
    parent = loc[:-1]
    # metrics: {name: {...}} -> the model of one metric
    model = _model_at(parent)
    if model is None:
        return ""
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{hint} (allowed: {', '.join(allowed)})"
