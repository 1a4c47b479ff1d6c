import json

import jsonschema
import pytest
import yaml

from game.scenario.loader import BUILTIN_DIR, builtin_names
from game.scenario.schema_export import schema_text

from .conftest import ROOT, run_cli

EXPORTED = ROOT / "docs" / "scenario.schema.json"


def test_exported_schema_is_up_to_date():
    assert EXPORTED.read_text(encoding="utf-8") == schema_text(), \
        "docs/scenario.schema.json is stale; run: leadsim schema -o docs/scenario.schema.json"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(EXPORTED.read_text()))


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_scenarios_match_exported_schema(name):
    path = BUILTIN_DIR / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/scenario.schema.json"), \
        f"{name}.yaml lacks the yaml-language-server schema comment on its first line"
    validator = jsonschema.Draft202012Validator(json.loads(EXPORTED.read_text()))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_schema_rejects_unknown_key_and_bad_category():
    validator = jsonschema.Draft202012Validator(json.loads(EXPORTED.read_text()))
    data = yaml.safe_load((BUILTIN_DIR / "startup.yaml").read_text())
    data["actions"][0]["categroy"] = "leadership"
    data["actions"][1]["category"] = "charisma"
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "categroy" in messages and "charisma" in messages


def test_partial_builtin_metric_is_allowed_and_shows_real_defaults():
    schema = json.loads(schema_text())
    budget = schema["properties"]["metrics"]["properties"]["budget"]
    assert budget["properties"]["min"]["default"] == -100
    assert "required" not in budget
    validator = jsonschema.Draft202012Validator(schema)
    data = yaml.safe_load((BUILTIN_DIR / "startup.yaml").read_text())
    data["metrics"] = {"stress": {"start": 40}, "customers": {"title": "Customers"}}
    assert list(validator.iter_errors(data)) == []


def test_schema_command_prints_schema(tmp_path):
    code, out, err = run_cli("schema")
    assert code == 0 and json.loads(out)["title"] == "Leadsim scenario"
    code, out, err = run_cli("schema", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 2 and "cannot write" in err and "Traceback" not in err
