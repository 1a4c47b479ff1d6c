"""docs/authoring.md: complete, current, and its worked example really plays."""

import re

import pytest

from game.model.batch import play_batch
from game.model.bots import policy
from game.model.expr import FUNCTIONS
from game.model.rules import compile_rules
from game.scenario import schema
from game.scenario.defaults import CORE_METRICS
from game.scenario.loader import load
from game.scenario.reference import GUIDE, MODELS, updated_guide

TEXT = GUIDE.read_text(encoding="utf-8")


def _all_models():
    return [m for m in vars(schema).values()
            if isinstance(m, type) and issubclass(m, schema.BaseModel) and m.__module__ == schema.__name__
            and m is not schema.Strict]


def test_reference_block_is_up_to_date():
    assert updated_guide(TEXT) == TEXT, "run: python -m game.scenario.reference --write"


@pytest.mark.parametrize("model", _all_models(), ids=lambda m: m.__name__)
def test_every_schema_field_is_in_the_guide(model):
    assert model in [m for m, _, _ in MODELS], f"{model.__name__} has no section in the reference"
    section = TEXT.split(f'<a id="{model.__name__.lower()}"></a>', 1)[1].split("### ", 1)[0]
    for name in model.model_fields:
        assert f"| `{name}` |" in section, f"{model.__name__}.{name} is missing from docs/authoring.md"


def test_functions_and_builtin_metrics_are_documented():
    for name in FUNCTIONS:
        assert f"| `{name}(" in TEXT, name
    for name, spec in CORE_METRICS.items():
        assert f"| `{name}` |" in TEXT
        if spec.get("drift"):
            assert spec["drift"] in TEXT


def test_worked_example_validates_strictly_and_plays(tmp_path):
    part = TEXT.split("## A worked example", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", part, re.S)
    assert len(blocks) == 6
    f = tmp_path / "night_shift.yaml"
    f.write_text("".join(blocks))
    loaded = load(str(f))
    assert loaded.warnings == []
    s = loaded.scenario
    assert len(s.phases) == 2 and s.crises
    for cat in ("leadership", "management", "development"):
        assert sum(a.category == cat for a in s.actions) == 3
    result = play_batch(compile_rules(s), policy("adaptive"), 1, 100)
    assert (result.ended_at > 0).all()
