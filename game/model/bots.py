"""Vectorized bot policies: each decides for all R runs at once.

A policy name may end in '+dev': the bot then spends one action point every other
turn on the best development action during the first third of the game, to measure
whether investing in the leader's skills pays off.

The `expert` bots are not heuristics: their strategy is found by search on
this model (game/analysis/expert.py) and cached, so they are looked up there
when first asked for. The model itself stays free of files and searches.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from . import randombot
from .context import expected_effects, metric_value_weights, situation
from .rules import DEV, LEAD, MGMT, Rules
from .state import NO_EVENT, State

Decision = tuple[np.ndarray, np.ndarray]  # (R, A) bool actions, (R,) choice index
ANY = -1

DESCRIPTIONS = {
    "random": "picks legal actions and answers at random",
    "leadership": "only leadership actions, the best-looking first",
    "management": "only management actions, the best-looking first",
    "balanced": "alternates leadership and management every action point",
    "adaptive": "leadership-heavy when the phase rewards leadership, management-heavy otherwise",
}
# Found by search (game/analysis/expert.py), each name with its restriction.
EXPERTS = {
    "expert": None,
    "expert-no-management": "no-management",
    "expert-no-leadership": "no-leadership",
    "expert-no-development": "no-development",
}
DESCRIPTIONS.update({
    "expert": "the strongest strategy a search on the model finds for this scenario",
    "expert-no-management": "the strongest strategy found that never uses management",
    "expert-no-leadership": "the strongest strategy found that never uses leadership",
    "expert-no-development": "the strongest strategy found that never develops skills",
})


def _slot_plan(name: str, rules: Rules, state: State) -> list[np.ndarray]:
    """Per action point, which category each run wants ((R,) arrays, ANY = any)."""
    R, n = state.runs, rules.action_points
    if name == "leadership":
        return [np.full(R, LEAD)] * n
    if name == "management":
        return [np.full(R, MGMT)] * n
    if name == "balanced":
        first = np.full(R, LEAD if state.turn % 2 == 0 else MGMT)
        return [first if k % 2 == 0 else (LEAD + MGMT) - first for k in range(n)]
    if name == "adaptive":
        w = rules.weights[state.phase]
        main = np.where(w[:, 0] >= w[:, 1], LEAD, MGMT)
        other = (LEAD + MGMT) - main
        # About two thirds of the action points go to the kind the phase rewards.
        n_other = max(0, round(n / 3)) if n != 2 else state.turn % 2
        return [other if k >= n - n_other else main for k in range(n)]
    raise KeyError(name)


def _greedy(rules: Rules, state: State, plan: list[np.ndarray], develop: bool) -> np.ndarray:
    legal, eff = situation(rules, state)
    value = np.where(legal, expected_effects(rules, state, eff) @ metric_value_weights(rules), -np.inf)
    R, A = legal.shape
    chosen = np.zeros((R, A), dtype=bool)
    ap = np.full(R, rules.action_points)
    money = state.x[:, rules.budget_index].copy()  # actions together must fit the budget too
    if develop and state.turn < rules.turns / 3 and state.turn % 2 == 0:
        # Invest only when it can pay: a course that serves the bot's own style, and money to spare after it.
        value = np.where((rules.category != DEV)[None, :] | _serves(rules, plan)[None, :], value, -np.inf)
        invest = money - _dearest_development(rules) >= RESERVE * rules.start[rules.budget_index]
        plan = [np.where(invest, DEV, plan[0])] + [np.where(invest, plan[k - 1], plan[k]) for k in range(1, len(plan))]
    rows = np.arange(R)
    for want in plan:
        affordable = (rules.cost_budget[None, :] <= money[:, None]) | (rules.cost_budget[None, :] <= 0)
        fits = (rules.cost_ap[None, :] <= ap[:, None]) & affordable & ~chosen
        match = (rules.category[None, :] == want[:, None]) | (want[:, None] == ANY)
        v = np.where(fits & match, value, -np.inf)
        best = np.argmax(v, axis=1)
        take = v[rows, best] > 0
        chosen[rows[take], best[take]] = True
        ap = ap - np.where(take, rules.cost_ap[best], 0)
        money = money - np.where(take, rules.cost_budget[best], 0.0)
    return chosen


RESERVE = 0.4  # a +dev bot keeps this share of the starting budget after paying for a course


def _dearest_development(rules: Rules) -> float:
    costs = rules.cost_budget[rules.category == DEV]
    return float(costs.max()) if costs.size else 0.0


def _serves(rules: Rules, plan: list[np.ndarray]) -> np.ndarray:
    """(A,) development actions worth taking for a bot whose plan uses only one kind: not the other kind's course.

    A course counts as the other kind's when it raises that kind's skill more than this kind's.
    """
    kinds = {int(k) for p in plan for k in np.unique(p)}
    ok = np.ones(len(rules.actions), dtype=bool)
    if len(kinds) != 1 or not {"leadership_skill", "management_skill"} <= set(rules.index):
        return ok
    own, other = ("leadership_skill", "management_skill") if kinds == {LEAD} else \
        ("management_skill", "leadership_skill")
    gain = rules.effects + rules.delayed.sum(axis=1)
    return ok & ~(gain[:, rules.index[other]] > gain[:, rules.index[own]])


def _random(rules: Rules, state: State) -> Decision:
    actions = np.empty((state.runs, len(rules.actions)), dtype=bool, order="F")  # as the kernel lays it out
    choice = np.empty(state.runs, dtype=np.int64)
    randombot.random_bot(rules.tables, state.arrays(), state.turn, actions.reshape(-1, order="F"), choice)
    return actions, choice


def best_choice(rules: Rules, state: State) -> np.ndarray:
    """(R,) the answer whose effects look best, for events waiting on each run."""
    if not rules.events:  # a scenario without events: there is never anything to answer
        return np.zeros(state.runs, dtype=np.int64)
    e = np.maximum(state.event, 0)
    totals = rules.choice_effects[e] + rules.choice_delayed[e].sum(axis=2)  # (R, C, M)
    totals[:, :, rules.budget_index] -= rules.choice_cost[e]
    value = totals @ metric_value_weights(rules)
    C = value.shape[1]
    value = np.where(np.arange(C)[None, :] < rules.n_choices[e][:, None], value, -np.inf)
    return np.where(state.event != NO_EVENT, np.argmax(value, axis=1), 0)


def policy(name: str) -> Callable[[Rules, State], Decision]:
    """Look up a bot by name ('adaptive', 'balanced+dev' ...); KeyError names the choices."""
    base, _, suffix = name.partition("+")
    if name not in policy_names():
        raise KeyError(f"unknown policy '{name}'; choose from {', '.join(policy_names())}")
    if base == "random":
        return _random
    if name in EXPERTS:
        from importlib import import_module  # analysis imports the model, never the other way at load time

        return import_module("game.analysis.expert").LazyExpert(EXPERTS[name])
    develop = suffix == "dev"
    return lambda rules, state: (
        _greedy(rules, state, _slot_plan(base, rules, state), develop), best_choice(rules, state))


def heuristic_names() -> list[str]:
    """The hand-written bots (and their +dev twins): what balance compares with the expert."""
    return [n for base in DESCRIPTIONS if base not in EXPERTS for n in (base, f"{base}+dev") if n != "random+dev"]


def policy_names() -> list[str]:
    return heuristic_names() + list(EXPERTS)
