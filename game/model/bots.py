"""Vectorized bot policies: each decides for all R runs at once.

A policy name may end in '+dev': the bot then also invests in development, on any
turn where by its own reckoning it pays (see _invest) and where playing the rest
of the game in its head says so too (_if_it_pays), to measure whether investing
in the leader's skills pays off for a sensible but naive player.

The `expert` bots are not heuristics: their strategy is found by search on
this model (game/analysis/expert.py) and cached, so they are looked up there
when first asked for. The model itself stays free of files and searches.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Callable

import numpy as np

from . import randombot
from .context import expected_effects, metric_value_weights, situation
from .rules import DEV, LEAD, MGMT, Rules
from .scoring import score
from .state import NO_EVENT, State
from .step import step

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


def _fill(rules: Rules, plan: list[np.ndarray], value: np.ndarray, ap: np.ndarray, money: np.ndarray,
          chosen: np.ndarray) -> np.ndarray:
    """The plan's slots filled in order with the best-valued legal action of the wanted kind that fits."""
    R = value.shape[0]
    rows = np.arange(R)
    chosen = chosen.copy()
    ap, money = ap.copy(), money.copy()
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


def _greedy(rules: Rules, state: State, base: str, develop: bool, quick: bool = False) -> np.ndarray:
    """The bot's actions: the plan's slots filled with the best-valued actions. `quick` values them by a
    shorter sum (the same up to rounding), for the look-ahead's many imagined turns."""
    plan = _slot_plan(base, rules, state)
    legal, eff = situation(rules, state)
    value = np.where(legal, _quick_values(rules, state, eff) if quick else
                     expected_effects(rules, state, eff) @ metric_value_weights(rules), -np.inf)
    R, A = legal.shape
    ap = np.full(R, rules.action_points)
    money = state.x[:, rules.budget_index].copy()  # actions together must fit the budget too
    plain = _fill(rules, plan, value, ap, money, np.zeros((R, A), dtype=bool))
    if not develop:
        return plain
    invest = _invest(rules, state, plan, legal, eff, value, plain, ap, money)
    return _if_it_pays(rules, state, base, plain, invest)


# A +dev bot invests when, by its own reckoning, it pays: what a development action would add to the
# actions the bot takes anyway, over the turns left, must outweigh the action it gives up for it now.
# Later gains count at this share (headroom and a changing situation make them less sure than today's).
PAYBACK_SHARE = 0.5
SKILLS = ("leadership_skill", "management_skill")  # the leader's own skills: worth only what they add later
RESERVE = 0.4  # ... and it keeps this share of the starting budget after paying for it,
END_RESERVE = 0.15  # and this share where the budget is heading at the end


def _quick_values(rules: Rules, state: State, eff: np.ndarray) -> np.ndarray:
    """(R, A) expected_effects(...) @ metric_value_weights(...) without the (R, A, M) array between."""
    w = metric_value_weights(rules)
    scaled = (rules.effects + rules.delayed.sum(axis=1)) @ w
    return eff[:, rules.category] * state.fatigue * scaled + (rules.side @ w - rules.cost_budget * w[rules.budget_index])


def _invest(rules: Rules, state: State, plan: list[np.ndarray], legal: np.ndarray, eff: np.ndarray,
            value: np.ndarray, plain: np.ndarray, ap: np.ndarray, money: np.ndarray) -> np.ndarray:
    """The decision of a +dev bot: its plain decision, or the best-paying development action in place of
    the action it would give up. What a development action adds is asked of the model itself: the
    effectiveness after its expected skill gains (situation() on a copy of the state), so any
    scenario's `effectiveness:` formulas count, not a fixed guess."""
    R, A = legal.shape
    left = rules.turns - state.turn - 1  # turns after this one, in which the gain works
    devs = list(np.flatnonzero(rules.category == DEV))
    # Where the money is heading is judged by its average change so far: before the first turn nothing
    # is known of that, so the bot waits a turn.
    if not devs or left <= 0 or state.turn == 0:
        return plain
    used = np.where(plain, np.maximum(value, 0), 0.0)
    per_kind = np.stack([used[:, rules.category == k].sum(axis=1) for k in (LEAD, MGMT)], axis=1)  # (R, 2)
    plain_value = used.sum(axis=1)
    mult = eff[:, rules.category] * state.fatigue  # (R, A) as expected_effects scales
    gains = rules.effects + rules.delayed.sum(axis=1)  # (A, M)
    weights = metric_value_weights(rules)
    skills = np.array([m in SKILLS for m in rules.metrics], dtype=float)
    best_net = np.zeros(R)
    best = np.full(R, -1)
    b = rules.budget_index
    heading = money + left * (state.x[:, b] - rules.start[b]) / state.turn
    for d in devs:
        ok = legal[:, d] & ((rules.cost_budget[d] <= 0) |
                            ((money - rules.cost_budget[d] >= RESERVE * rules.start[b]) &
                             (heading - rules.cost_budget[d] >= END_RESERVE * rules.start[b])))
        if not ok.any():
            continue
        after = state.copy()
        after.x = np.clip(after.x + mult[:, d:d + 1] * gains[d][None, :], rules.lo, rules.hi)
        eff_after = situation(rules, after)[1]
        rel = np.where(eff[:, (LEAD, MGMT)] > 0, eff_after[:, (LEAD, MGMT)] / np.where(
            eff[:, (LEAD, MGMT)] > 0, eff[:, (LEAD, MGMT)], 1.0) - 1.0, 0.0)
        later = PAYBACK_SHARE * left * (rel * per_kind).sum(axis=1)
        first = np.zeros((R, A), dtype=bool)
        first[:, d] = True
        rest = _fill(rules, plan, value, ap - rules.cost_ap[d], money - rules.cost_budget[d], first)
        # Today's worth of the development action without the skill it raises (that is `later`).
        own = value[:, d] - mult[:, d] * (gains[d] @ (weights * skills))
        now = np.where(rest, np.maximum(value, 0), 0.0).sum(axis=1) - np.maximum(value[:, d], 0) + own
        net = np.where(ok, later + now - plain_value, -np.inf)
        better = net > best_net
        best_net = np.where(better, net, best_net)
        best = np.where(better, d, best)
    out = plain.copy()
    for d in devs:
        pick = best == d
        if pick.any():
            first = np.zeros((int(pick.sum()), A), dtype=bool)
            first[:, d] = True
            out[pick] = _fill(rules, [p[pick] for p in plan], value[pick], ap[pick] - rules.cost_ap[d],
                              money[pick] - rules.cost_budget[d], first)
    return out


def _if_it_pays(rules: Rules, state: State, base: str, plain: np.ndarray, invest: np.ndarray) -> np.ndarray:
    """The investing decision where playing the rest of the game in the bot's head ends better with it.

    The reckoning of _invest sees the actions the bot takes now. It misses that a course changes which
    actions the bot takes later (a stronger management skill makes the harshest controls look best,
    while their cost in ownership stays the same), and that a game heading for an early loss leaves no
    turns for a gain to work in. So each game that would invest is played on twice, once with the
    investment and once without, both continued by the bot's own plain way of playing, in a calm world
    (_calm: the model without luck or events, so the look-ahead knows nothing of the game's future
    draws). The investment stays only where it ends with the higher score and does not bring the game
    near a losing ending sooner (_mark_close)."""
    wants = np.flatnonzero((invest != plain).any(axis=1) & ~state.done)
    if wants.size == 0:
        return plain
    calm = _calm(rules)
    now = state.take(wants)
    choice = best_choice(rules, now)
    (keep, keep_close), (inv, inv_close) = [_look_ahead(calm, now, base, first[wants], choice)
                                            for first in (plain, invest)]
    out = plain.copy()
    pays = wants[(inv > keep) & (inv_close >= keep_close)]
    out[pays] = invest[pays]
    return out


def _look_ahead(calm: Rules, state: State, base: str, first: np.ndarray,
                choice: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R,) final score after this turn's decision `first`, the game then played by the plain bot; and
    (R,) the first turn on which the game came within CAUTION of a losing ending (a large number if never)."""
    game = state.copy()
    close = np.full(game.runs, _NEVER)
    step(calm, game, first, choice)
    _mark_close(calm, game, close)
    while not game.done.all():
        step(calm, game, _greedy(calm, game, base, False, quick=True), best_choice(calm, game))
        _mark_close(calm, game, close)
    return score(calm, game), close


CAUTION = 0.03  # share of each metric's scale within which a losing ending counts as near
_NEVER = 10**9


def _mark_close(calm: Rules, game: State, close: np.ndarray) -> None:
    """Note the turn on which each imagined game first comes near a losing ending (or reaches one): with
    every metric a little to its bad side, the ending's condition would hold. A calm world misses the
    luck that carries a real game over an edge the calm one only grazes."""
    fresh = close == _NEVER
    if not fresh.any():
        return
    worse = game.x - CAUTION * (calm.hi - calm.lo) * calm.good_sign
    env = {m: worse[:, i] for i, m in enumerate(calm.metrics)}
    env.update({c: game.crisis[:, i].astype(float) for i, c in enumerate(calm.crises)})
    env.update(turn=float(game.turn), turns_left=float(calm.turns - game.turn), phase=game.phase.astype(float))
    last = game.turn >= calm.turns
    near = (game.ending >= 0) & np.array([e.kind == "loss" for e in calm.endings])[np.maximum(game.ending, 0)]
    for e in calm.endings:
        if e.kind == "loss" and (last or not e.at_end):
            near |= ~game.done & (e.when(env) != 0.0)
    close[fresh & near] = game.turn


def _calm(rules: Rules) -> Rules:
    """The rules without luck and events (chains already under way still arrive), made once per rules."""
    calm = rules.__dict__.get("_calm")
    if calm is None:
        calm = replace(rules, noise_sd=np.zeros_like(rules.noise_sd), noisy=rules.noisy[:0],
                       effect_noise=0.0, event_p=np.zeros_like(rules.event_p))
        rules.__dict__["_calm"] = calm
    return calm


def _random(rules: Rules, state: State) -> Decision:
    actions = np.empty((state.runs, len(rules.actions)), dtype=bool, order="F")  # as the kernel lays it out
    choice = np.empty(state.runs, dtype=np.int64)
    randombot.random_bot(rules.tables, state.arrays(), state.turn, actions.reshape(-1, order="F"), choice)
    return actions, choice


def best_choice(rules: Rules, state: State) -> np.ndarray:
    """(R,) the answer whose effects look best, for events waiting on each run."""
    if not rules.events or (state.event == NO_EVENT).all():  # nothing to answer: skip the sums
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
        close = difflib.get_close_matches(name, policy_names(), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise KeyError(f"unknown policy '{name}'; {hint}choose from {', '.join(policy_names())}")
    if base == "random":
        return _random
    if name in EXPERTS:
        from importlib import import_module  # analysis imports the model, never the other way at load time

        return import_module("game.analysis.expert").LazyExpert(EXPERTS[name])
    develop = suffix == "dev"
    return lambda rules, state: (
        _greedy(rules, state, base, develop), best_choice(rules, state))


def heuristic_names() -> list[str]:
    """The hand-written bots (and their +dev twins): what balance compares with the expert."""
    return [n for base in DESCRIPTIONS if base not in EXPERTS for n in (base, f"{base}+dev") if n != "random+dev"]


def policy_names() -> list[str]:
    return heuristic_names() + list(EXPERTS)
