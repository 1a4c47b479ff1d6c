"""Property-based tests: random valid scenarios, random decisions.

For every generated scenario and decision sequence:
- every metric stays finite and within its declared bounds, every turn;
- the game ends within its turn limit;
- replaying the decision log (directly and through a save) gives the same State.digest();
- a batch of R games equals, run for run, the same games played one at a time
  (new_state(..., first_run=i)) with the same decisions.
"""

from __future__ import annotations

import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.model.rules import compile_rules
from game.model.state import new_state
from game.model.step import step
from game.scenario.problems import ScenarioError
from game.session import Decision, Session

from .strategies import decision_seqs, load_dict, pick, scenario_dicts

SETTINGS = dict(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _load(data):
    try:
        return load_dict(data)
    except ScenarioError as exc:  # the generator only makes valid scenarios: a refusal is a finding
        raise AssertionError(f"a valid generated scenario was refused:\n{exc}") from None


def _session_decision(session: Session, mask: int, answer: int) -> Decision:
    acts, choice = pick(session.rules, session.state, 0, mask, answer)
    ids = tuple(a for a, on in zip(session.rules.actions, acts) if on)
    ev = session.event
    return Decision(ids, ev.choices[choice].id if ev is not None else None)


@settings(max_examples=60, **SETTINGS)
@given(scenario_dicts(), decision_seqs, st.integers(0, 2**31))
def test_bounds_turn_limit_and_replay(data, decisions, seed):
    loaded = _load(data)
    s = Session(loaded, seed)
    lo, hi = s.rules.lo, s.rules.hi
    for mask, answer in decisions:
        if s.done:
            break
        s.decide(_session_decision(s, mask, answer))
        x = s.state.x[0]
        assert np.all(np.isfinite(x)), dict(zip(s.rules.metrics, x))
        assert np.all(x >= lo) and np.all(x <= hi), dict(zip(s.rules.metrics, x))
        assert np.all(np.isfinite(s.state.pending)) and np.isfinite(s.score())
    # 25 decisions >= 20 turns: every game is over, never later than its turn limit
    assert s.done and s.turn <= s.scenario.turns
    assert s.state.ended_at[0] == s.turn
    # replay the log, as a resumed game or a verified result does
    again = Session(loaded, seed)
    for d in s.log:
        again.decide(Decision.from_json(json.loads(json.dumps(d.to_json()))))
    assert again.state.digest() == s.state.digest()
    # and through a save file's JSON
    restored = saves.from_dict(json.loads(json.dumps(saves.to_dict(s))))
    assert restored.state.digest() == s.state.digest() and restored.score() == s.score()


@settings(max_examples=40, **SETTINGS)
@given(scenario_dicts(), st.lists(decision_seqs, min_size=2, max_size=4), st.integers(0, 2**31),
       st.integers(0, 1000))
def test_batch_equals_single_runs(data, per_run, seed, first):
    rules = compile_rules(_load(data).scenario)
    R = len(per_run)
    batch = new_state(rules, seed, R, first_run=first)
    singles = [new_state(rules, seed, 1, first_run=first + i) for i in range(R)]
    for t in range(rules.turns + 1):
        if batch.done.all():
            break
        acts = np.zeros((R, len(rules.actions)), dtype=bool)
        choice = np.zeros(R, dtype=np.int64)
        for i in range(R):
            mask, answer = per_run[i][t]
            acts[i], choice[i] = pick(rules, batch, i, mask, answer)
            a1, c1 = pick(rules, singles[i], 0, mask, answer)
            assert np.array_equal(a1, acts[i]) and c1 == choice[i]
            step(rules, singles[i], a1[None, :], np.array([c1]))
        step(rules, batch, acts, choice)
        for i in range(R):
            assert batch.take([i]).digest() == singles[i].digest(), (t, i)
    assert batch.done.all() and batch.turn <= rules.turns


@settings(max_examples=40, **SETTINGS)
@given(scenario_dicts())
def test_generated_scenarios_load_and_survive_a_yaml_round_trip(data):
    a = _load(data)
    b = _load(json.loads(json.dumps(data)))
    assert a.scenario == b.scenario and a.sha256 == b.sha256
