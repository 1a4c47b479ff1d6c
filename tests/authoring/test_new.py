import numpy as np
import pytest

from game.model.batch import play_batch
from game.model.bots import policy
from game.model.rules import compile_rules
from game.scenario.loader import builtin_names, load

from .conftest import run_cli


def test_new_writes_a_starter_that_validates_strictly_and_plays(tmp_path):
    code, out, err = run_cli("new", "my_team", cwd=tmp_path)
    assert code == 0, err
    path = tmp_path / "my_team.yaml"
    text = path.read_text()
    assert text.count("#") > 20  # commented
    loaded = load(str(path))
    assert loaded.warnings == [] and loaded.scenario.id == "my_team"
    s = loaded.scenario
    for cat in ("leadership", "management", "development"):
        assert sum(a.category == cat for a in s.actions) >= 3
    assert len(s.phases) == 2 and s.crises and any(c.followup for e in s.events for c in e.choices)
    result = play_batch(compile_rules(s), policy("adaptive"), 1, 50)
    assert (result.ended_at > 0).all()


def test_new_refuses_to_overwrite(tmp_path):
    (tmp_path / "mine.yaml").write_text("keep me")
    code, out, err = run_cli("new", "mine", cwd=tmp_path)
    assert code == 1 and "already exists" in err and "Traceback" not in err
    assert (tmp_path / "mine.yaml").read_text() == "keep me"


@pytest.mark.parametrize("name", builtin_names())
def test_new_from_builtin(tmp_path, name):
    code, out, err = run_cli("new", "Copy Of It.yaml", "--from", name, cwd=tmp_path)
    assert code == 0, err
    loaded = load(str(tmp_path / "Copy Of It.yaml"))
    assert loaded.scenario.id == "copy_of_it" and loaded.warnings == []


@pytest.mark.parametrize("argv,needle", [
    (("new", "x", "--from", "nope"), "no built-in scenario called 'nope'"),
    (("new", "../escape"), "not a plain file name"),
    (("new", ""), "not a plain file name"),
])
def test_new_bad_input(tmp_path, argv, needle):
    code, out, err = run_cli(*argv, cwd=tmp_path)
    assert code != 0 and needle in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_starter_teaches_the_lesson(tmp_path):
    from game.analysis.balance import analyze

    run_cli("new", "lesson", cwd=tmp_path)
    rules = compile_rules(load(str(tmp_path / "lesson.yaml")).scenario)
    fig = analyze(rules, 400, 2, ["random", "leadership", "management", "balanced", "adaptive"],
                  one_action_runs=200)
    assert fig["findings"]["teaches"], fig["findings"]
    assert fig["findings"]["warnings"] == []
