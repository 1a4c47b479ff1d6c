"""The expert: the strongest play we can find for a scenario, found by search on the batch model.

Balance and the lesson tests must judge a scenario by good play, not by the
hand-written heuristic bots: a scenario "teaches" only if even the best
strategy we can find follows its lesson. This module finds that strategy.

The strategy is a small parametric policy (`Params`) that decides for every run
of a batch at once, from any state, mid-game too:

- per phase, a preference for every action, plus a slope over the game
  (so it can invest early and harvest late);
- per phase, how much it values each metric, as a base weight plus a "need"
  weight that grows as the metric falls towards its bad end (so it reacts to a
  low budget or a tired team);
- a preference for every answer of every event.

Each turn an action's worth is its preference plus the expected change it
brings (context.expected_effects, the same preview the player sees) valued by
those weights; the policy takes the best legal actions while points and money
last, and only those worth more than nothing (acting less is allowed).

The parameters are found by cross-entropy search: a population of candidates
plays the same games (common random numbers: every candidate gets the same run
keys), the best fifth pulls the search distribution towards itself, for a fixed
number of rounds, so the result depends only on the scenario and the seed, not
on the machine's speed. The whole population plays as one batch through the
model (game.model.step), thousands of games per candidate.

Restricted searches ("no management", "no leadership", "no development") run the
same search with one kind of action and answer forbidden: the best one can do
without it.

Results are cached by the scenario's content hash (plus the restriction and the
search version), in the user cache folder (platformdirs; LEADSIM_HOME/cache
when that is set). A cache file is hostile input: one that is too big, broken,
of another shape or with a non-finite number is ignored and the search redone.
Built-in scenarios also ship their search results (scenarios/expert/*.json),
used only when their hash matches the scenario as it is now.

Public API (also for the game review, issue 15):

    policy_for(rules, restrict=None) -> ExpertPolicy   # callable(rules, state) -> (actions, choice)
    params_for(rules, restrict=None) -> Params          # cached search result
    search(rules, restrict=None, seed=0, budget=DEFAULT_BUDGET) -> Params   # always searches
    evaluate(rules, params, seed, runs) -> BatchResult
    rollout_gain(rules, params, ...) -> dict             # how much look-ahead improves on it

An ExpertPolicy decides for any State of its scenario (any number of runs, any
turn), so a reviewer can continue a real game from the position after any
decision and compare what the expert would have scored.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from numba import njit

from ..model import jitcache  # noqa: F401  (before any compiled function)
from ..model.batch import BatchResult, play_batch
from ..model.context import situation
from ..model.rules import DEV, LEAD, MGMT, Rules
from ..model.scoring import score
from ..model.state import NO_EVENT, State, new_state
from ..model.step import step

VERSION = 1  # bump when the policy's form or the search changes: old cache entries are then ignored
RESTRICTIONS = {None: None, "no-management": MGMT, "no-leadership": LEAD, "no-development": DEV}
VALUE_SCALE = 20.0  # expected changes are valued at about one preference unit per 5% of a metric's scale
MAX_CACHE_BYTES = 1_000_000


@dataclass(frozen=True)
class Budget:
    """How hard the search tries: rounds of `population` candidates, `games` each (common keys)."""

    rounds: int = 20
    population: int = 40
    games: int = 1000
    final_games: int = 4000  # the last candidates are compared on this many fresh games
    finalists: int = 4


DEFAULT_BUDGET = Budget()


# --- the policy ---------------------------------------------------------------------------------

@dataclass
class Params:
    """One or N candidate strategies (leading axis N): see the module docstring."""

    pref: np.ndarray  # (N, P, A)
    slope: np.ndarray  # (N, P, A) change of the preference from the first to the last turn
    base: np.ndarray  # (N, P, M) value of each metric
    need: np.ndarray  # (N, P, M) extra value as the metric nears its bad end
    answer: np.ndarray  # (N, E, C) preference for each event answer

    FIELDS = ("pref", "slope", "base", "need", "answer")

    @property
    def n(self) -> int:
        return self.pref.shape[0]

    def pick(self, i: int) -> "Params":
        return Params(*(getattr(self, f)[i:i + 1].copy() for f in self.FIELDS))

    def to_json(self) -> dict:
        return {f: getattr(self, f)[0].tolist() for f in self.FIELDS}


def _shapes(rules: Rules) -> dict[str, tuple[int, ...]]:
    P, A, M = len(rules.phases), len(rules.actions), rules.n_metrics
    E, C = max(len(rules.events), 1), rules.choice_effects.shape[1] if rules.events else 1
    return {"pref": (P, A), "slope": (P, A), "base": (P, M), "need": (P, M), "answer": (E, C)}


def _pack(rules: Rules, vectors: np.ndarray) -> Params:
    """(N, D) flat candidates -> Params."""
    out, at = {}, 0
    for f, shape in _shapes(rules).items():
        size = int(np.prod(shape))
        out[f] = vectors[:, at:at + size].reshape((vectors.shape[0],) + shape)
        at += size
    return Params(**out)


def _dims(rules: Rules) -> int:
    return sum(int(np.prod(s)) for s in _shapes(rules).values())


class ExpertPolicy:
    """A bot with the same signature as game.model.bots' policies: (rules, state) -> (actions, choice).

    With several candidates, `owner[r]` says whose strategy run r plays (search); with one, every run plays it.
    """

    def __init__(self, rules: Rules, params: Params, restrict: str | None = None,
                 owner: np.ndarray | None = None):
        self.rules, self.params, self.restrict = rules, params, restrict
        self.owner = owner
        forbidden = RESTRICTIONS[restrict]
        self.allowed = rules.category != forbidden if forbidden is not None else np.ones(len(rules.actions), bool)
        C = params.answer.shape[2]
        ok = np.zeros((max(len(rules.events), 1), C), dtype=bool)
        for e in range(len(rules.events)):
            ok[e, :rules.n_choices[e]] = True
            if forbidden is not None:
                ok[e] &= rules.choice_category[e, :C] != forbidden
                if not ok[e].any():  # every answer is forbidden: the first one is the least bad
                    ok[e, 0] = True
        self.answer_ok = ok
        # What each action is expected to change, split as context.expected_effects computes it:
        # multiplier * scaled + unscaled side effects - its cost.
        self.scaled = rules.effects + rules.delayed.sum(axis=1)  # (A, M)
        side = rules.side.copy()
        side[:, rules.budget_index] -= rules.cost_budget
        self.side = side
        span = rules.hi - rules.lo
        self.unit = VALUE_SCALE * rules.good_sign / span  # (M,) one point of each metric, good direction
        self.rounds = len(rules.actions) if (rules.cost_ap == 0).any() else min(len(rules.actions),
                                                                                 rules.action_points)

    def __call__(self, rules: Rules, state: State):
        actions, choice, _, _ = self.decide(state)
        return actions, choice

    def _own(self, state: State) -> np.ndarray:
        return self.owner if self.owner is not None else np.zeros(state.runs, dtype=np.int64)

    def decide(self, state: State) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(R, A) actions, (R,) answers, (R, A) what each action is worth now, (R, A) which are legal."""
        rules, p = self.rules, self.params
        legal, eff = situation(rules, state)
        legal &= self.allowed[None, :]
        R, A = legal.shape
        actions = np.zeros((R, A), dtype=np.bool_)
        worth = np.empty((R, A))
        choice = np.zeros(R, dtype=np.int64)
        progress = 2.0 * state.turn / max(rules.turns - 1, 1) - 1.0
        _decide(legal, eff, np.ascontiguousarray(state.x), np.ascontiguousarray(state.fatigue), state.phase,
                self._own(state), state.event, progress, p.pref, p.slope, p.base, p.need, p.answer,
                self.answer_ok, self.unit, rules.lo, rules.hi, rules.good_sign, self.scaled, self.side,
                rules.category, rules.cost_ap, rules.cost_budget, rules.action_points, rules.budget_index,
                self.rounds, actions, choice, worth)
        return actions, choice, worth, legal

    def actions(self, state: State) -> np.ndarray:
        return self.decide(state)[0]

    def answers(self, state: State) -> np.ndarray:
        return self.decide(state)[1]

    def worth(self, state: State) -> tuple[np.ndarray, np.ndarray]:
        """(R, A) what each action is worth to this strategy now, and (R, A) which are legal."""
        return self.decide(state)[2:]


@njit(cache=True)
def _decide(legal, eff, x, fatigue, phase, owner, event, progress, pref, slope, base, need, answer, answer_ok,
            unit, lo, hi, good, scaled, side, category, cost_ap, cost_budget, ap0, bi, rounds,
            actions, choice, worth):
    """Compiled for speed: the search plays tens of thousands of games per round with it."""
    R, A = legal.shape
    M = x.shape[1]
    C = answer.shape[2]
    w = np.empty(M)
    for r in range(R):
        c, ph = owner[r], phase[r]
        for m in range(M):
            u = (x[r, m] - lo[m]) / (hi[m] - lo[m])
            if good[m] < 0:
                u = 1.0 - u
            u = min(max(u, 0.0), 1.0)
            w[m] = unit[m] * (base[c, ph, m] + need[c, ph, m] * (0.5 - u))
        for a in range(A):
            if not legal[r, a]:
                worth[r, a] = -np.inf
                continue
            s_v = 0.0
            d_v = 0.0
            for m in range(M):
                s_v += w[m] * scaled[a, m]
                d_v += w[m] * side[a, m]
            mult = eff[r, category[a]] * fatigue[r, a]
            worth[r, a] = pref[c, ph, a] + progress * slope[c, ph, a] + mult * s_v + d_v
        ap = ap0
        money = max(x[r, bi], 0.0) + 1e-9
        for _ in range(rounds):
            best, best_v = -1, 0.0
            for a in range(A):
                if actions[r, a] or cost_ap[a] > ap or (cost_budget[a] > money and cost_budget[a] > 0):
                    continue
                if worth[r, a] > best_v:
                    best, best_v = a, worth[r, a]
            if best < 0:
                break
            actions[r, best] = True
            ap -= cost_ap[best]
            money -= cost_budget[best]
        e = event[r]
        if e >= 0:
            best, best_v = 0, -np.inf
            for k in range(C):
                if answer_ok[e, k] and answer[c, e, k] > best_v:
                    best, best_v = k, answer[c, e, k]
            choice[r] = best


# --- the search ---------------------------------------------------------------------------------

def _play_population(rules: Rules, cands: Params, restrict: str | None, seed: int, games: int) -> np.ndarray:
    """(N, games) scores: every candidate plays the same `games` games (common random numbers)."""
    N = cands.n
    state = new_state(rules, seed, games)
    state = state.take(np.tile(np.arange(games), N))
    bot = ExpertPolicy(rules, cands, restrict, owner=np.repeat(np.arange(N), games))
    while not state.done.all():
        actions, choice = bot(rules, state)
        step(rules, state, actions, choice)
    return score(rules, state).reshape(N, games)


def _initial(rules: Rules, restrict: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and spread of the first round: value what the score values, no preference yet."""
    shapes = _shapes(rules)
    mean = np.zeros(_dims(rules))
    sd = np.ones(_dims(rules))
    at = 0
    for f, shape in shapes.items():
        size = int(np.prod(shape))
        if f == "base":  # start from the score's own weights (hidden drivers a little)
            w = np.where(rules.score_weights != 0, rules.score_weights / np.abs(rules.score_weights).max(), 0.3)
            mean[at:at + size] = np.tile(w, shape[0])
        if f in ("slope", "need"):
            sd[at:at + size] = 0.7
        at += size
    return mean, sd


def search(rules: Rules, restrict: str | None = None, seed: int = 0, budget: Budget = DEFAULT_BUDGET,
           progress: Callable[[int, int], None] | None = None) -> Params:
    """Cross-entropy search for the best strategy; deterministic for (scenario, restrict, seed, budget)."""
    if restrict not in RESTRICTIONS:
        raise KeyError(f"unknown restriction '{restrict}'; choose from no-management, no-leadership, "
                       "no-development")
    gen = np.random.Generator(np.random.PCG64(seed))  # owned and seeded: the same search on every machine
    mean, sd = _initial(rules, restrict)
    D = mean.size
    elite_n = max(2, budget.population // 5)
    history: list[np.ndarray] = []
    for k in range(budget.rounds):
        noise = gen.standard_normal((budget.population - 1, D))
        cands = np.vstack([mean[None, :], mean[None, :] + sd[None, :] * noise])
        scores = _play_population(rules, _pack(rules, cands), restrict, seed * 1000 + 7 + k, budget.games)
        order = np.argsort(-scores.mean(axis=1), kind="stable")
        elite = cands[order[:elite_n]]
        history.append(elite[0])
        mean = 0.3 * mean + 0.7 * elite.mean(axis=0)
        sd = 0.3 * sd + 0.7 * elite.std(axis=0) + 0.02
        if progress:
            progress(k + 1, budget.rounds)
    finalists = np.vstack([mean[None, :]] + history[-(budget.finalists - 1):])
    scores = _play_population(rules, _pack(rules, finalists), restrict, seed * 1000 + 999_983, budget.final_games)
    best = int(np.argmax(scores.mean(axis=1)))
    return _pack(rules, finalists[best:best + 1].copy())


# --- evaluation and look-ahead ------------------------------------------------------------------

def evaluate(rules: Rules, params: Params, seed: int, runs: int, restrict: str | None = None,
             **kw) -> BatchResult:
    """The strategy's games through the ordinary batch runner (the same path as every bot)."""
    return play_batch(rules, ExpertPolicy(rules, params, restrict), seed, runs, **kw)


def rollout_gain(rules: Rules, params: Params, seed: int = 4242, games: int = 100, rollouts: int = 16,
                 alternatives: int = 6) -> dict:
    """How much one-step look-ahead improves on the strategy: an estimate of how close it is to the best.

    For each game and turn, the strategy's own decision and `alternatives` others (each drops or swaps
    one of its actions, or answers the event otherwise) are each tried in `rollouts` imagined futures
    (fresh luck, the same for every option), continued by the strategy; the real game then takes the one
    that did best.
    Returns the mean score of the strategy and of the look-ahead on the same games.
    """
    bot = ExpertPolicy(rules, params)
    base = play_batch(rules, bot, seed, games).score
    state = new_state(rules, seed, games)
    gen = np.random.Generator(np.random.PCG64(seed))
    while not state.done.all():
        options = _options(rules, bot, state, alternatives)  # list of (actions (R, A), choice (R,))
        K = len(options)
        sims = state.take(np.tile(np.arange(games), K * rollouts))
        # Fresh luck, the same for every option (common random numbers: the options differ only by the decision).
        futures = gen.integers(0, 2**63 - 1, size=rollouts * games, dtype=np.int64).astype(np.uint64)
        sims.keys = np.ascontiguousarray(np.tile(futures, K))
        acts = np.concatenate([np.tile(o[0], (rollouts, 1)) for o in options])
        chs = np.concatenate([np.tile(o[1], rollouts) for o in options])
        step(rules, sims, acts, chs)
        while not sims.done.all():
            a, c = bot(rules, sims)
            step(rules, sims, a, c)
        value = score(rules, sims).reshape(K, rollouts, games).mean(axis=1)  # (K, games)
        pick = np.argmax(value, axis=0)
        rows = np.arange(games)
        actions = np.stack([o[0] for o in options])[pick, rows]
        choice = np.stack([o[1] for o in options])[pick, rows]
        step(rules, state, actions, choice)
    looked = score(rules, state)
    return {"games": games, "rollouts": rollouts, "alternatives": alternatives,
            "expert_mean": round(float(base.mean()), 2), "lookahead_mean": round(float(looked.mean()), 2),
            "gain": round(float(looked.mean() - base.mean()), 2),
            "gain_se": round(float((looked - base).std(ddof=1) / math.sqrt(games)), 2)}


def _options(rules: Rules, bot: ExpertPolicy, state: State, k: int):
    """The strategy's decision and k variations of it, for every run."""
    own, answer, worth, legal = bot.decide(state)
    worth = np.where(legal & ~own, worth, -np.inf)
    order = np.argsort(-worth, axis=1)  # best actions it did not take
    rows = np.arange(state.runs)
    first_taken = np.argmax(own, axis=1)
    last_taken = own.shape[1] - 1 - np.argmax(own[:, ::-1], axis=1)
    out = [(own, answer)]
    for i in range(k):
        alt = own.copy()
        kind = i % 3
        extra = order[:, i // 3]
        if kind == 0:  # swap the first action for an untaken one
            alt[rows, first_taken] = False
            alt[rows, extra] = legal[rows, extra] | alt[rows, extra]
        elif kind == 1:  # swap the last action
            alt[rows, last_taken] = False
            alt[rows, extra] = legal[rows, extra] | alt[rows, extra]
        else:  # act less
            alt[rows, last_taken if i // 3 % 2 else first_taken] = False
        ans = answer
        if rules.events and i < int(rules.n_choices.max()) - 1:
            n = rules.n_choices[np.maximum(state.event, 0)]
            ans = np.where(state.event != NO_EVENT, (answer + 1 + i) % n, 0)
        out.append((alt, ans))
    return out


# --- cache --------------------------------------------------------------------------------------

def content_key(rules: Rules, restrict: str | None, budget: Budget = DEFAULT_BUDGET, seed: int = 0) -> str:
    """What the search result depends on: the scenario as the model reads it, and how it was searched."""
    h = hashlib.sha256()
    h.update(json.dumps(_rules_only(rules.scenario.model_dump(mode="json")), sort_keys=True).encode())
    h.update(json.dumps([VERSION, restrict, seed, budget.__dict__], sort_keys=True).encode())
    return h.hexdigest()[:32]


WORDS = {"title", "text", "summary", "briefing", "label", "result", "description", "unit", "hint",
         "default_difficulty"}  # and what the cards reveal: the model never reads it
DRAWN = {"company_title", "team_size"}  # how the dashboard draws the place and the team: no rule reads them


def _rules_only(data):
    """The scenario without its words: rewording a text must not throw a search result away. An empty
    `score: enough` (the default, added after the results were shipped) is left out too: it changes no rule,
    so it must not make every shipped result stale; nor are the panel's title and the team's size (DRAWN)."""
    if isinstance(data, dict):
        return {k: _rules_only(v) for k, v in data.items()
                if not (k in WORDS and isinstance(v, str)) and not (k == "enough" and v == {}) and k not in DRAWN}
    if isinstance(data, list):
        return [_rules_only(v) for v in data]
    return data


def cache_dir() -> Path:
    home = os.environ.get("LEADSIM_HOME")
    if home:
        return Path(home) / "cache" / "expert"
    import platformdirs

    return Path(platformdirs.user_cache_dir("leadsim", appauthor=False)) / "expert"


def shipped_dir() -> Path:
    from ..paths import resource_dir

    return resource_dir("scenarios") / "expert"


def _name(rules: Rules, restrict: str | None) -> str:
    safe = "".join(ch for ch in rules.scenario.id if ch.isalnum() or ch in "-_")[:40] or "scenario"
    return f"{safe}{'.' + restrict if restrict else ''}"


def read_params(path: Path, rules: Rules, key: str) -> Params | None:
    """The cached strategy in `path`, or None if it is missing, broken, stale or of another shape."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_CACHE_BYTES:
            return None
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("params"), dict):
        return None
    out = {}
    for f, shape in _shapes(rules).items():
        try:
            arr = np.array(data["params"].get(f), dtype=float)
        except (TypeError, ValueError, OverflowError):
            return None
        if arr.shape != shape or not np.isfinite(arr).all() or np.abs(arr).max(initial=0) > 1e6:
            return None
        out[f] = arr[None]
    return Params(**out)


def write_params(path: Path, rules: Rules, key: str, params: Params, restrict: str | None) -> None:
    """Atomically: a reader never sees half a file. A cache that cannot be written is only slower."""
    data = {"key": key, "scenario": rules.scenario.id, "restrict": restrict, "version": VERSION,
            "params": params.to_json()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass


_memory: dict[str, Params] = {}


def _announce(rules: Rules, restrict: str | None) -> None:
    what = f"the best play {restrict.replace('-', ' ')}" if restrict else "the expert strategy"
    print(f"leadsim: searching {what} for '{rules.scenario.id}' (once; cached afterwards)...",
          file=sys.stderr, flush=True)


def budget_from_env() -> Budget:
    """LEADSIM_EXPERT_BUDGET="rounds,population,games,final_games" makes searches smaller (tests, quick looks).

    Results keep their own cache key, so a small search never passes for the full one.
    """
    raw = os.environ.get("LEADSIM_EXPERT_BUDGET")
    if not raw:
        return DEFAULT_BUDGET
    try:
        rounds, population, games, final = (int(v) for v in raw.split(","))
        if not (1 <= rounds <= 1000 and 2 <= population <= 1000 and 1 <= games <= 100_000 and 1 <= final <= 100_000):
            raise ValueError
    except ValueError:
        print(f"leadsim: ignoring LEADSIM_EXPERT_BUDGET={raw[:40]!r}: write four whole numbers "
              "'rounds,population,games,final_games', e.g. 4,8,200,400", file=sys.stderr)
        return DEFAULT_BUDGET
    return Budget(rounds=rounds, population=population, games=games, final_games=final)


def _stored(rules: Rules, restrict: str | None, key: str, shipped: bool) -> Params | None:
    if key in _memory:
        return _memory[key]
    name = _name(rules, restrict)
    found = read_params(cache_dir() / f"{name}.{key}.json", rules, key)
    if found is None and shipped:
        found = read_params(shipped_dir() / f"{name}.json", rules, key)
    if found is not None:
        _memory[key] = found
    return found


def params_for(rules: Rules, restrict: str | None = None, announce: bool = True) -> Params:
    """The expert strategy for this scenario: from memory, the cache, the shipped results, or a search.

    A full search's result is used wherever it is found; otherwise a search of budget_from_env() runs once
    and is cached under its own key.
    """
    if restrict not in RESTRICTIONS:
        raise KeyError(f"unknown restriction '{restrict}'; choose from no-management, no-leadership, "
                       "no-development")
    found = _stored(rules, restrict, content_key(rules, restrict), shipped=True)
    if found is not None:
        return found
    budget = budget_from_env()
    key = content_key(rules, restrict, budget)
    found = _stored(rules, restrict, key, shipped=False)
    if found is None:
        if announce:
            _announce(rules, restrict)
        found = search(rules, restrict, budget=budget)
        write_params(cache_dir() / f"{_name(rules, restrict)}.{key}.json", rules, key, found, restrict)
        _memory[key] = found
    return found


def known_params(rules: Rules, restrict: str | None = None) -> Params | None:
    """What params_for would return without searching (memory, cache or shipped results), or None: for screens
    that must not wait minutes for a search (a debrief drawn in a web request, say)."""
    found = _stored(rules, restrict, content_key(rules, restrict), shipped=True)
    if found is None:
        found = _stored(rules, restrict, content_key(rules, restrict, budget_from_env()), shipped=False)
    return found


def policy_for(rules: Rules, restrict: str | None = None) -> ExpertPolicy:
    """The expert (or a restricted best) as a bot for the batch runner, from any state of this scenario."""
    return ExpertPolicy(rules, params_for(rules, restrict), restrict)


class LazyExpert:
    """What bots.policy('expert') returns: finds (or loads) the strategy for whichever rules it is given."""

    def __init__(self, restrict: str | None = None):
        self.restrict = restrict
        self._bots: dict[int, ExpertPolicy] = {}

    def __call__(self, rules: Rules, state: State):
        bot = self._bots.get(id(rules))
        if bot is None or bot.rules is not rules:
            bot = self._bots[id(rules)] = policy_for(rules, self.restrict)
        return bot(rules, state)


def mix_by_phase(rules: Rules, result: BatchResult) -> dict:
    """Actions per game taken in each phase, by kind, and the share of leadership among people/execution."""
    out = {}
    for p, pid in enumerate(rules.phases):
        m = result.mix[:, p, :].mean(axis=0)
        lead, mgmt, dev = (float(m[LEAD]), float(m[MGMT]), float(m[DEV]))
        total = lead + mgmt
        out[pid] = {"leadership": round(lead, 2), "management": round(mgmt, 2), "development": round(dev, 2),
                    "leadership_share": round(lead / total, 3) if total else None}
    return out
