"""Small purpose-built scenarios for precise model tests.

`quiet()` gives a scenario with no drift, no noise, no saturation and
effectiveness 1 for every kind of action, so every change in a metric comes
from exactly what a test put there.
"""

from __future__ import annotations

import copy

import numpy as np
import yaml

from game.model.rules import Rules, compile_rules
from game.model.state import State, new_state
from game.model.step import step
from game.scenario.defaults import CORE_METRICS
from game.scenario.loader import LoadedScenario, load_text_bytes


def quiet(**overrides) -> dict:
    """A minimal valid scenario as a dict; keyword arguments replace top-level keys."""
    base = {
        "format": 1,
        "id": "tiny",
        "title": "Tiny",
        "summary": "A tiny test scenario.",
        "briefing": "Only for tests.",
        "turns": 8,
        "action_points": 3,
        "metrics": {name: {"drift": "0", "noise": 0, "saturates": False} for name in CORE_METRICS},
        "effectiveness": {"leadership": "1", "management": "1", "development": "1"},
        "phases": [{"id": "startup", "title": "Startup"}],
        "actions": [
            {"id": "cheer", "title": "Cheer", "category": "leadership", "effects": {"morale": 10},
             "diminishing": 1},
            {"id": "plan", "title": "Plan", "category": "management", "effects": {"efficiency": 10},
             "diminishing": 1},
        ],
        "endings": [{"id": "done", "title": "Done", "kind": "neutral", "at_end": True}],
        "score": {"weights": {"morale": 1}},
        "noise": {"effects": 0},
    }
    base.update(copy.deepcopy(overrides))
    return base


def loaded(data: dict, name: str = "tiny.yaml") -> LoadedScenario:
    return load_text_bytes(yaml.safe_dump(data, sort_keys=False).encode("utf-8"), name)


def rules_of(data: dict) -> Rules:
    return compile_rules(loaded(data).scenario)


def act(rules: Rules, *ids: str, runs: int = 1) -> np.ndarray:
    """(runs, A) decision taking the named actions in every run."""
    out = np.zeros((runs, len(rules.actions)), dtype=bool)
    for a in ids:
        out[:, rules.actions.index(a)] = True
    return out


def no_choice(runs: int = 1) -> np.ndarray:
    return np.zeros(runs, dtype=np.int64)


def play(rules: Rules, turns: list[tuple[str, ...]], seed: int = 1) -> tuple[State, list[np.ndarray]]:
    """Play one run through a list of per-turn action tuples; returns the state and x after each turn."""
    state = new_state(rules, seed, 1)
    path = [state.x[0].copy()]
    for ids in turns:
        step(rules, state, act(rules, *ids), no_choice())
        path.append(state.x[0].copy())
    return state, path


def m(rules: Rules, state_or_x, name: str) -> float:
    x = state_or_x.x[0] if isinstance(state_or_x, State) else state_or_x
    return float(x[rules.index[name]])


class FakeClock:
    """A clock the test moves by hand, so watchers and timers never make a test sleep."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
