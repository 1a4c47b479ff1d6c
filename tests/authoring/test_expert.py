"""The expert: a search-based bot, deterministic, cached by content, and hostile-proof about its cache.

Searches here are tiny (a few rounds of a few candidates); the full searches of the built-ins are
shipped in scenarios/expert/ and checked to be up to date.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.analysis import expert
from game.model.batch import play_batch
from game.model.bots import policy
from game.model.rules import LEAD, MGMT, compile_rules
from game.model.state import new_state
from game.model.step import step
from game.scenario.loader import builtin_names, load

from .conftest import run_cli

TINY = expert.Budget(rounds=2, population=6, games=40, final_games=80, finalists=2)


@pytest.fixture
def tutorial():
    return compile_rules(load("tutorial").scenario)


@pytest.fixture(autouse=True)
def _fresh_memory(monkeypatch):
    monkeypatch.setattr(expert, "_memory", {})


def test_search_is_deterministic_for_a_seed_and_differs_for_another(tutorial):
    a = expert.search(tutorial, budget=TINY, seed=3)
    b = expert.search(tutorial, budget=TINY, seed=3)
    c = expert.search(tutorial, budget=TINY, seed=4)
    for f in expert.Params.FIELDS:
        np.testing.assert_array_equal(getattr(a, f), getattr(b, f))
    assert any(not np.array_equal(getattr(a, f), getattr(c, f)) for f in expert.Params.FIELDS)


def test_restricted_strategies_never_use_the_forbidden_kind(tutorial):
    for restrict, kind in (("no-management", MGMT), ("no-leadership", LEAD)):
        params = expert.search(tutorial, restrict, budget=TINY)
        res = expert.evaluate(tutorial, params, 5, 200, restrict)
        assert res.mix[:, :, kind].sum() == 0, restrict
        assert res.mix.sum() > 0


def test_policy_decides_from_any_mid_game_state(tutorial):
    """The review (issue 15) continues real games with the expert from wherever they are."""
    bot = expert.ExpertPolicy(tutorial, expert.search(tutorial, budget=TINY))
    state = new_state(tutorial, 9, 30)
    adaptive = policy("adaptive")
    for _ in range(5):
        step(tutorial, state, *adaptive(tutorial, state))
    branch = state.copy()
    while not branch.done.all():
        actions, choice = bot(tutorial, branch)
        assert actions.shape == (30, len(tutorial.actions)) and choice.shape == (30,)
        step(tutorial, branch, actions, choice)
    assert branch.done.all() and state.turn == 5  # the real game was not touched


def test_the_cache_makes_later_calls_instant_and_ignores_hostile_files(tutorial, monkeypatch):
    monkeypatch.setenv("LEADSIM_EXPERT_BUDGET", "2,6,40,80")
    monkeypatch.setattr(expert, "shipped_dir", lambda: expert.cache_dir() / "none")
    calls = []
    real = expert.search
    monkeypatch.setattr(expert, "search", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = expert.params_for(tutorial, announce=False)
    assert calls == [1]
    files = list(expert.cache_dir().glob("tutorial.*.json"))
    assert len(files) == 1
    expert._memory.clear()
    again = expert.params_for(tutorial)
    assert calls == [1]  # read from the cache, not searched again
    np.testing.assert_array_equal(first.pref, again.pref)
    good = files[0].read_text()
    data = json.loads(good)
    hostile = ["", "{", "\x00\xff", "[]", json.dumps({**data, "key": "other"}),
               json.dumps({**data, "params": {**data["params"], "pref": [[1.0]]}}),
               good.replace(str(data["params"]["pref"][0][0]), "NaN", 1),
               json.dumps({**data, "params": {**data["params"], "answer": "x"}}),
               " " * (expert.MAX_CACHE_BYTES + 1)]
    for i, text in enumerate(hostile):
        files[0].write_text(text, errors="surrogateescape")
        expert._memory.clear()
        again = expert.params_for(tutorial, announce=False)
        assert len(calls) == 2 + i, f"hostile cache file {i} was used"
        np.testing.assert_array_equal(first.pref, again.pref)  # the search is deterministic
        assert json.loads(files[0].read_text())["key"] == data["key"]  # rewritten, whole


def test_the_content_key_ignores_wording_but_not_rules():
    loaded = load("tutorial")
    base = expert.content_key(compile_rules(loaded.scenario), None)
    s = loaded.scenario.model_copy(deep=True)
    s.title = "Another title"
    assert expert.content_key(compile_rules(s), None) == base
    s.turns += 1
    assert expert.content_key(compile_rules(s), None) != base
    assert expert.content_key(compile_rules(loaded.scenario), "no-management") != base


@pytest.mark.parametrize("name", builtin_names())
def test_shipped_searches_match_every_builtin(name):
    """Each built-in ships its full search results; after changing a scenario's rules, refresh them with
    `nice -n 10 python benchmarks/expert.py --ship NAME`."""
    rules = compile_rules(load(name).scenario)
    for restrict in expert.RESTRICTIONS:
        path = expert.shipped_dir() / f"{expert._name(rules, restrict)}.json"
        assert expert.read_params(path, rules, expert.content_key(rules, restrict)) is not None, \
            f"{path.name} is missing or stale: run benchmarks/expert.py --ship {name}"


def test_expert_is_a_policy_everywhere(tmp_path):
    code, out, err = run_cli("simulate", "tutorial", "--policy", "expert", "--runs", "300", "--json")
    assert code == 0, err
    assert json.loads(out)["policy"] == "expert"
    code, out, err = run_cli("simulate", "tutorial", "--policy", "expert-no-management", "--json")
    assert code == 0, err
    assert json.loads(out)["turns"] >= 1
    code, out, err = run_cli("simulate", "tutorial", "--policy", "expertt")
    assert code != 0 and "unknown policy" in err and "expert-no-leadership" in err


def test_expert_beats_the_heuristic_bots_on_the_tutorial(tutorial):
    best = expert.evaluate(tutorial, expert.params_for(tutorial), 31, 1000).score
    for bot in ("adaptive", "balanced+dev", "leadership"):
        other = play_batch(tutorial, policy(bot), 31, 1000).score
        assert best.mean() > other.mean() + 10, bot
