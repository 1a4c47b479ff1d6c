"""The field reference of docs/authoring.md, generated from the schema.

    python -m game.scenario.reference            # print the tables
    python -m game.scenario.reference --write    # update docs/authoring.md between the markers

The descriptions in schema.py are the single source; a test fails when the
guide is out of date or a field is missing.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from . import schema
from .defaults import CORE_METRICS

GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "authoring.md"
BEGIN, END = "<!-- BEGIN FIELD REFERENCE (generated) -->", "<!-- END FIELD REFERENCE -->"

# (model, heading, where it is written)
MODELS: list[tuple[type[BaseModel], str, str]] = [
    (schema.Scenario, "Scenario (top level)", "the file itself"),
    (schema.Metric, "Metric", "`metrics: {NAME: ...}`"),
    (schema.Effectiveness, "Effectiveness", "`effectiveness:`"),
    (schema.Phase, "Phase", "each item of `phases:`"),
    (schema.Weights, "Weights", "`phases[].weights:`"),
    (schema.Action, "Action", "each item of `actions:`"),
    (schema.Cost, "Cost", "`actions[].cost:`"),
    (schema.Delayed, "Delayed", "each item of `actions[].delayed:` and `choices[].delayed:`"),
    (schema.Event, "Event", "each item of `events:`"),
    (schema.Choice, "Choice", "each item of `events[].choices:`"),
    (schema.Crisis, "Crisis", "each item of `crises:`"),
    (schema.Ending, "Ending", "each item of `endings:`"),
    (schema.Score, "Score", "`score:`"),
    (schema.Noise, "Noise", "`noise:`"),
]


def _type(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is typing.Union or str(origin) == "types.UnionType":
        return _type(args[0]) + " or empty"
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return f"mapping name → {_type(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {str: "text", float: "number", int: "whole number", bool: "true/false"}.get(annotation, str(annotation))


def _limits(info) -> str:
    parts = []
    for m in info.metadata:
        for attr, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"), ("min_length", "items ≥"),
                          ("max_length", "items ≤"), ("pattern", "pattern")):
            v = getattr(m, attr, None)
            if v is not None:
                parts.append(f"{sym} `{v}`" if attr == "pattern" else f"{sym} {v:g}")
    return ", ".join(parts)


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.default_factory()
        if isinstance(value, BaseModel):
            return "(all defaults)"
        return f"`{value!r}`".replace("{}", "{}").replace("[]", "[]")
    value = info.default
    if value is None:
        return "empty"
    if value is PydanticUndefined:
        return ""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def tables() -> str:
    out = []
    for model, heading, where in MODELS:
        anchor = model.__name__.lower()
        out.append(f"### {heading} <a id=\"{anchor}\"></a>\n")
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        out.append(f"Written as {where}. {doc}\n")
        out.append("| field | type | default | allowed values | meaning |")
        out.append("|---|---|---|---|---|")
        for name, info in model.model_fields.items():
            out.append(f"| `{name}` | {_type(info.annotation)} | {_default(info)} | {_cell(_limits(info))} | "
                       f"{_cell(info.description or '')} |")
        out.append("")
    out.append("### Built-in metrics <a id=\"built-in-metrics\"></a>\n")
    out.append("Every scenario starts with these; a `metrics:` entry of the same name changes only the "
               "fields it gives. Fields not listed take the [Metric](#metric) defaults.\n")
    out.append("| metric | title | start | min | max | shown | better | noise | drift per turn |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for name, m in CORE_METRICS.items():
        out.append(f"| `{name}` | {m['title']} | {m.get('start', 50)} | {m.get('min', 0)} | {m.get('max', 100)} | "
                   f"{'yes' if m.get('visible', True) else 'hidden'} | {m.get('good', 'higher')} | "
                   f"{m.get('noise', 0)} | {_cell('`' + m['drift'] + '`') if m.get('drift') else 'none'} |")
    out.append("")
    return "\n".join(out)


def updated_guide(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + tables() + "\n" + text[end:]


def main(argv: list[str]) -> int:
    if "--write" in argv:
        GUIDE.write_text(updated_guide(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {GUIDE}")
    else:
        print(tables())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
