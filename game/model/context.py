"""How the situation shapes what actions can do: expression environment,
effectiveness by phase, skill and hidden state, legality and expected effects."""

from __future__ import annotations

import numpy as np

from .expr import as_array
from .rules import Rules
from .state import State


def environment(rules: Rules, state: State, x: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Names an expression can use, each an array over runs."""
    x = state.x if x is None else x
    env = {name: x[:, i] for i, name in enumerate(rules.metrics)}
    for k, name in enumerate(rules.crises):
        env[name] = state.crisis[:, k].astype(np.float64)
    R = x.shape[0]
    env["turn"] = np.full(R, float(state.turn))
    env["turns_left"] = np.full(R, float(rules.turns - state.turn))
    env["phase"] = state.phase.astype(np.float64)
    return env


def evaluate(fn, env: dict, runs: int) -> np.ndarray:
    return as_array(fn(env), runs)


def effectiveness(rules: Rules, state: State, env: dict) -> np.ndarray:
    """(R, 3) multiplier per category: phase weight times the scenario's skill/state formula."""
    R = state.runs
    base = np.stack([evaluate(fn, env, R) for fn in rules.effectiveness], axis=1)
    return np.maximum(base, 0.0) * rules.weights[state.phase]


def action_multiplier(rules: Rules, state: State, eff: np.ndarray) -> np.ndarray:
    """(R, A) effectiveness of each action, including fatigue from recent repeats."""
    return eff[:, rules.category] * rules.diminishing[None, :] ** state.recent


def legal_actions(rules: Rules, state: State, env: dict | None = None) -> np.ndarray:
    """(R, A) which actions may be taken this turn (each at most once a turn)."""
    env = environment(rules, state) if env is None else env
    ok = (state.cooldown == 0) & rules.action_phase[:, state.phase].T
    # free actions stay possible when a scenario lets the budget go below zero
    cost = rules.cost_budget[None, :]
    ok &= (state.x[:, rules.budget_index, None] >= cost) | (cost <= 0)
    ok &= (rules.cost_ap <= rules.action_points)[None, :]
    for a, fn in rules.requires:
        ok[:, a] &= evaluate(fn, env, state.runs) != 0
    ok &= ~state.done[:, None]
    return ok


def expected_effects(rules: Rules, state: State, env: dict | None = None) -> np.ndarray:
    """(R, A, M) what each action is expected to change, immediate and delayed, without luck.

    Used by bots to pick actions and by the interface to preview them.
    """
    env = environment(rules, state) if env is None else env
    mult = action_multiplier(rules, state, effectiveness(rules, state, env))
    scaled = rules.effects + rules.delayed.sum(axis=1)
    out = mult[:, :, None] * scaled[None, :, :] + rules.side[None, :, :]
    out[:, :, rules.budget_index] -= rules.cost_budget[None, :]
    return out


def metric_value_weights(rules: Rules) -> np.ndarray:
    """(M,) how much one unit of each metric is worth, for bots and previews.

    Score metrics count by their weight; hidden drivers count a little, so a
    greedy bot is not blind to trust, stress or process.
    """
    span = rules.hi - rules.lo
    w = np.where(rules.score_weights != 0, rules.score_weights, 0.35 * rules.score_weights.max())
    return w * rules.good_sign / span
