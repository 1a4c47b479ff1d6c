"""The JSON Schema of the scenario format, for editors and for `leadsim schema`.

It is generated from the pydantic models in schema.py, with one nuance added
by hand: entries under `metrics:` are merged over the built-in metrics, so an
entry for a built-in metric may give only the fields that differ, and its
defaults are those of the built-in metric, not the generic ones. The schema
lists the built-in metrics by name with their real defaults, so an editor
autocompletes them and shows what an omitted field means.
"""

from __future__ import annotations

import copy
import json

from .defaults import CORE_METRICS
from .schema import Scenario

SCHEMA_ID = "https://leadsim.invalid/scenario.schema.json"


def scenario_json_schema() -> dict:
    schema = Scenario.model_json_schema()
    metric = schema["$defs"]["Metric"]
    generic = copy.deepcopy(metric)
    generic["description"] = (
        "A metric of your own (any name not built in). Every field is optional; "
        "unset fields take the defaults shown.")
    schema["$defs"]["Metric"] = generic
    core = {}
    for name, spec in CORE_METRICS.items():
        entry = copy.deepcopy(metric)
        entry["title"] = f"{spec['title']} (built-in)"
        entry["description"] = (
            f"Built-in metric '{name}': {spec['description']} Write only the fields you want to change; "
            "the others keep the built-in values shown as defaults.")
        for field, value in spec.items():
            if field in entry["properties"]:
                entry["properties"][field] = dict(entry["properties"][field], default=value)
        core[name] = entry
    metrics = schema["properties"]["metrics"]
    metrics["properties"] = core
    metrics["additionalProperties"] = {"$ref": "#/$defs/Metric"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Leadsim scenario"
    return dict(sorted(schema.items(), key=lambda kv: (not kv[0].startswith("$"), kv[0])))


def schema_text() -> str:
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"
