"""Deeper validation: did-you-mean at every level, unreachable parts, --strict."""

import re
from pathlib import Path

import pytest

from game.model.expr_interval import IntervalEvaluator, can_be_true
from game.scenario.loader import builtin_names, load
from game.scenario.problems import ScenarioError

from .conftest import run_cli

HERE = Path(__file__).parent
LOC = re.compile(r"^[^:]+:\d+:\d+: ")

TYPOS = """\
format: 1
id: t
title: T
summary: s
briefing: b
turns: 10
metrics:
  morale: {strat: 3}
  custom: {titel: x}
phases:
  - {id: a, title: A, wieghts: {leadership: 1}}
  - {id: b, title: B, starts_at_turn: 5, weights: {leedership: 1}}
actions:
  - id: x
    title: X
    category: leadership
    cost: {bugdet: 1}
    delayed: [{metric: morale, amount: 1, aftr: 2}]
events:
  - id: e
    title: E
    text: t
    choices: [{id: c, label: C, folowup: e}]
crises: [{id: k, title: K, start: "true", end: "true", per_turns: {}}]
endings: [{id: w, title: W, kind: win, wen: "true"}]
score: {weights: {morale: 1}, win_bonous: 1}
noise: {effect: 0.1}
effectiveness: {leadershp: "1"}
scenary: 1
"""


def test_did_you_mean_at_every_level(tmp_path):
    f = tmp_path / "typos.yaml"
    f.write_text(TYPOS)
    with pytest.raises(ScenarioError) as exc:
        load(str(f))
    messages = [str(p) for p in exc.value.problems]
    expected = {"strat": "start", "titel": "title", "wieghts": "weights", "leedership": "leadership",
                "bugdet": "budget", "aftr": "after", "folowup": "followup", "per_turns": "per_turn",
                "wen": "when", "win_bonous": "win_bonus", "effect": "effects", "leadershp": "leadership",
                "scenary": "summary"}
    for typo, fix in expected.items():
        line = next((m for m in messages if f"unknown key '{typo}'" in m), None)
        assert line is not None, f"no message for {typo}"
        assert f"did you mean '{fix}'" in line, line
        assert LOC.match(line), line


def test_unreachable_parts_are_warnings_with_positions():
    loaded = load(str(HERE / "unreachable.yaml"))
    text = "\n".join(str(w) for w in loaded.warnings)
    assert all(w.severity == "warning" and w.line > 0 and w.column > 0 for w in loaded.warnings)
    for needle in ["phase 'b' can never be reached", "phase 'c' can never be reached",
                   "action 'x' costs 1000", "action 'y' is only offered in phases that are never reached",
                   "action 'z' is never offered", "event 'e' can never happen: its probability is 0",
                   "event 'f' can never happen: it is only a follow-up", "event 'g' can never happen",
                   "crisis 'k' can never start", "crisis 'k2' can never end", "ending 'w' can never happen",
                   "ending 'w2' can never happen"]:
        assert needle in text, needle
    assert ":9:36: warning: phase 'b'" in text  # the column of the starts_when value


def test_followup_only_event_is_fine(tmp_path):
    src = (HERE / "unreachable.yaml").read_text().replace(
        "    probability: 0\n    choices: [{id: c, label: C, followup: f}]",
        "    probability: 0.2\n    choices: [{id: c, label: C, followup: f}]")
    f = tmp_path / "chain.yaml"
    f.write_text(src)
    text = "\n".join(str(w) for w in load(str(f)).warnings)
    assert "event 'e'" not in text and "event 'f'" not in text


def test_strict_turns_warnings_into_errors():
    path = str(HERE / "unreachable.yaml")
    code, out, err = run_cli("validate", path)
    assert code == 0 and "warning:" in err
    code, out, err = run_cli("validate", "--strict", path)
    assert code == 1 and "count as errors with --strict" in err and "Traceback" not in err


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_scenarios_have_no_warnings(name):
    assert [str(w) for w in load(name).warnings] == []


@pytest.mark.parametrize("text,possible", [
    ("stress > 100", False), ("stress >= 100", True), ("stress > 120 or turn > 30", False),
    ("(stress - 50) ^ 2 < 0", False), ("abs(stress - 50) > 50", False), ("abs(stress - 50) >= 50", True),
    ('phase == "b"', False), ('phase != "b"', True), ("not (stress <= 100)", False),
    ("max(stress, 20) < 10", False), ("stress / 0 > 5", True), ("if(turn > 40, stress, 0) > 1", False),
    ("clip(stress, 10, 20) > 25", False), ("stress % 7 >= 7", True), ("floor(stress / 10) > 10", False), ("floor(stress / 10) >= 10", True),
    ("sqrt(stress) > 10", False), ("morale * stress > 10000", False), ("-stress > 0", False),
])
def test_interval_evaluator(text, possible):
    ev = IntervalEvaluator({"stress": (0, 100), "morale": (0, 100), "turn": (0, 30)}, {"a": True, "b": False})
    assert can_be_true(ev.bounds(text)) is possible
