"""A validated scenario compiled into arrays and expression programs.

Everything the turn kernel needs is precomputed here once and packed into
`Rules.tables` (kernel.Tables): plain arrays, sparse effect rows and one table
of expression instructions, so the compiled kernel never calls back into Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..scenario.checks import expression_names
from ..scenario.schema import CATEGORIES, Scenario
from . import kernel, vm
from .expr import Compiled, Compiler

LEAD, MGMT, DEV = 0, 1, 2


@dataclass
class EndingRule:
    id: str
    title: str
    text: str
    kind: str
    when: Compiled
    at_end: bool


@dataclass
class Rules:
    scenario: Scenario
    metrics: list[str]
    lo: np.ndarray
    hi: np.ndarray
    start: np.ndarray
    good_sign: np.ndarray  # +1 where higher is better, -1 where lower is
    drift: list[tuple[int, Compiled]]
    noise_sd: np.ndarray
    noisy: np.ndarray  # indices of metrics with noise
    saturates: np.ndarray  # (M,) bool
    effectiveness: list[Compiled]
    # actions
    actions: list[str]
    category: np.ndarray  # (A,)
    cost_budget: np.ndarray
    cost_ap: np.ndarray
    effects: np.ndarray  # (A, M) scaled
    side: np.ndarray  # (A, M) unscaled
    delayed: np.ndarray  # (A, L, M) slot k arrives k+1 turns later
    cooldown: np.ndarray
    diminishing: np.ndarray
    action_phase: np.ndarray  # (A, P) bool
    requires: list[tuple[int, Compiled]]
    # phases
    phases: list[str]
    weights: np.ndarray  # (P, 3)
    phase_turn: np.ndarray  # (P,) turns played after which phase p begins at the latest (large if never)
    phase_when: list[Compiled | None]
    # events
    events: list[str]
    event_when: list[Compiled]
    event_p: np.ndarray
    event_once: np.ndarray
    event_cooldown: np.ndarray
    event_phase: np.ndarray  # (E, P)
    n_choices: np.ndarray  # (E,)
    choice_effects: np.ndarray  # (E, C, M)
    choice_delayed: np.ndarray  # (E, C, L, M)
    choice_category: np.ndarray  # (E, C), -1 = unscaled
    choice_cost: np.ndarray  # (E, C)
    followup: np.ndarray  # (E, C), -1 = none
    followup_after: np.ndarray  # (E, C)
    # crises
    crises: list[str]
    crisis_start: list[Compiled]
    crisis_end: list[Compiled]
    crisis_effects: np.ndarray  # (K, M)
    # end and score
    endings: list[EndingRule]
    score_weights: np.ndarray  # (M,)
    score_top: np.ndarray  # (M,) the most a metric's position (0 bad end, 1 good end) adds per turn: score.enough
    turns: int
    action_points: int
    effect_noise: float
    budget_index: int
    lag: int
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        # Gains and losses are split so headroom can scale each side on its own.
        for name in ("effects", "side", "delayed"):
            arr = getattr(self, name)
            setattr(self, f"{name}_pos", np.maximum(arr, 0.0))
            setattr(self, f"{name}_neg", np.minimum(arr, 0.0))
        self.tables = _tables(self)

    @property
    def n_metrics(self) -> int:
        return len(self.metrics)

    def metric(self, name: str) -> int:
        return self.index[name]


def _vector(effects: dict, index: dict[str, int], size: int) -> np.ndarray:
    out = np.zeros(size)
    for name, value in effects.items():
        out[index[name]] += value
    return out


def _spread(delayed, index: dict[str, int], lag: int, size: int, out: np.ndarray) -> None:
    """Add delayed effects into out (lag, M): amount split evenly over `over` turns."""
    for d in delayed:
        share = d.amount / d.over
        for k in range(d.after - 1, d.after - 1 + d.over):
            out[k, index[d.metric]] += share


def compile_rules(s: Scenario) -> Rules:
    metrics = list(s.metrics)
    index = {m: i for i, m in enumerate(metrics)}
    M = len(metrics)
    compiler = Compiler(expression_names(s), [p.id for p in s.phases])
    comp = compiler.compile
    specs = list(s.metrics.values())
    lag = 1 + max([d.after + d.over - 1 for a in s.actions for d in a.delayed]
                  + [d.after + d.over - 1 for e in s.events for c in e.choices for d in c.delayed] + [1])

    A, P = len(s.actions), len(s.phases)
    effects, side = np.zeros((A, M)), np.zeros((A, M))
    delayed = np.zeros((A, lag, M))
    action_phase = np.ones((A, P), dtype=bool)
    phase_ids = [p.id for p in s.phases]
    for a, act in enumerate(s.actions):
        effects[a] = _vector(act.effects, index, M)
        side[a] = _vector(act.side_effects, index, M)
        _spread(act.delayed, index, lag, M, delayed[a])
        if act.phases:
            action_phase[a] = [pid in act.phases for pid in phase_ids]

    E = len(s.events)
    C = max([len(e.choices) for e in s.events] + [1])
    ch_eff, ch_del = np.zeros((E, C, M)), np.zeros((E, C, lag, M))
    ch_cat, ch_cost = -np.ones((E, C), dtype=np.int64), np.zeros((E, C))
    followup, follow_after = -np.ones((E, C), dtype=np.int64), np.ones((E, C), dtype=np.int64)
    event_phase = np.ones((E, P), dtype=bool)
    event_ids = [e.id for e in s.events]
    for e, ev in enumerate(s.events):
        if ev.phases:
            event_phase[e] = [pid in ev.phases for pid in phase_ids]
        for c, ch in enumerate(ev.choices):
            ch_eff[e, c] = _vector(ch.effects, index, M)
            _spread(ch.delayed, index, lag, M, ch_del[e, c])
            ch_cat[e, c] = CATEGORIES.index(ch.category) if ch.category else -1
            ch_cost[e, c] = ch.cost
            if ch.followup:
                followup[e, c] = event_ids.index(ch.followup)
                follow_after[e, c] = ch.followup_after

    endings = [EndingRule(x.id, x.title, x.text, x.kind, comp(x.when), x.at_end) for x in s.endings]
    if not any(x.at_end for x in s.endings):
        endings.append(EndingRule("completed", "The game is over", "You reached the last turn.",
                                  "neutral", comp("true"), True))
    noise_sd = np.array([m.noise for m in specs])
    return Rules(
        scenario=s, metrics=metrics, index=index,
        lo=np.array([m.min for m in specs]), hi=np.array([m.max for m in specs]),
        start=np.array([m.start for m in specs]),
        good_sign=np.array([1.0 if m.good == "higher" else -1.0 for m in specs]),
        drift=[(i, comp(m.drift)) for i, m in enumerate(specs) if m.drift],
        noise_sd=noise_sd, noisy=np.flatnonzero(noise_sd > 0),
        saturates=np.array([m.saturates for m in specs], dtype=bool),
        effectiveness=[comp(getattr(s.effectiveness, c)) for c in CATEGORIES],
        actions=[a.id for a in s.actions],
        category=np.array([CATEGORIES.index(a.category) for a in s.actions]),
        cost_budget=np.array([a.cost.budget for a in s.actions]),
        cost_ap=np.array([a.cost.ap for a in s.actions]),
        effects=effects, side=side, delayed=delayed,
        cooldown=np.array([a.cooldown for a in s.actions]),
        diminishing=np.array([a.diminishing for a in s.actions]),
        action_phase=action_phase,
        requires=[(a, comp(x.requires)) for a, x in enumerate(s.actions) if x.requires],
        phases=phase_ids,
        weights=np.array([[p.weights.leadership, p.weights.management, p.weights.development]
                          for p in s.phases]),
        phase_turn=np.array([p.starts_at_turn - 1 if p.starts_at_turn else (0 if i == 0 else 10**9)
                             for i, p in enumerate(s.phases)]),
        phase_when=[comp(p.starts_when) if p.starts_when else None for p in s.phases],
        events=event_ids,
        event_when=[comp(e.when) for e in s.events],
        event_p=np.array([e.probability for e in s.events]),
        event_once=np.array([e.once for e in s.events], dtype=bool),
        event_cooldown=np.array([e.cooldown for e in s.events], dtype=np.int64),
        event_phase=event_phase,
        n_choices=np.array([len(e.choices) for e in s.events], dtype=np.int64),
        choice_effects=ch_eff, choice_delayed=ch_del, choice_category=ch_cat, choice_cost=ch_cost,
        followup=followup, followup_after=follow_after,
        crises=[c.id for c in s.crises],
        crisis_start=[comp(c.start) for c in s.crises],
        crisis_end=[comp(c.end) for c in s.crises],
        crisis_effects=np.array([_vector(c.per_turn, index, M) for c in s.crises]).reshape(len(s.crises), M),
        endings=endings,
        score_weights=_vector(s.score.weights, index, M),
        score_top=_score_top(s, metrics, specs),
        turns=s.turns, action_points=s.action_points, effect_noise=s.noise.effects,
        budget_index=index["budget"], lag=lag,
    )


def _score_top(s: Scenario, metrics: list[str], specs) -> np.ndarray:
    """(M,) each metric's position on its scale at its `score: enough` value (1.0, its good end, if none):
    past that value it adds nothing more to the score."""
    top = np.ones(len(metrics))
    for name, value in s.score.enough.items():
        i, m = metrics.index(name), specs[metrics.index(name)]
        pos = (value - m.min) / (m.max - m.min)
        top[i] = pos if m.good == "higher" else 1.0 - pos
    return top


class _ProgramTable:
    """Every expression of a scenario in one instruction table, as the kernel reads them."""

    def __init__(self):
        self.code: list[np.ndarray] = []
        self.consts: list[np.ndarray] = []
        self.start: list[int] = []
        self.stop: list[int] = []
        self.depth = 1
        self._at = self._const_at = 0

    def add(self, prog: Compiled | None) -> int:
        if prog is None:
            return -1
        code = prog.code.copy()
        code[(code[:, 0] == vm.CONST) | (code[:, 0] >= vm.KONST), 1] += self._const_at  # indices into consts
        self.code.append(code)
        self.consts.append(prog.consts)
        self.start.append(self._at)
        self._at += len(code)
        self._const_at += len(prog.consts)
        self.stop.append(self._at)
        self.depth = max(self.depth, prog.depth)
        return len(self.start) - 1

    def ids(self, progs) -> np.ndarray:
        return np.array([self.add(p) for p in progs], dtype=np.int64)


def _tables(r: Rules) -> kernel.Tables:
    M, A, K = r.n_metrics, len(r.actions), len(r.crises)
    if r.effectiveness and r.effectiveness[0].variables[:M + K] != tuple(r.metrics) + tuple(r.crises):
        raise AssertionError("expression variables are not laid out as the kernel reads them")
    progs = _ProgramTable()
    drift, requires = [None] * M, [None] * A
    for i, fn in r.drift:
        drift[i] = fn
    for a, fn in r.requires:
        requires[a] = fn
    ints, floats = np.int64, np.float64
    span = r.hi - r.lo
    L = r.lag
    # Sparse rows: most actions touch a few metrics and a few (turn, metric) cells of the delayed table.
    touched = (r.effects != 0) | (r.side != 0)
    eff_ptr = np.concatenate([[0], np.cumsum(touched.sum(axis=1))]).astype(ints)
    eff_a, eff_m = np.nonzero(touched)
    flat_delayed = r.delayed.reshape(A, L * M)
    del_ptr = np.concatenate([[0], np.cumsum((flat_delayed != 0).sum(axis=1))]).astype(ints)
    del_a, del_cell = np.nonzero(flat_delayed)
    reach = (flat_delayed != 0).any(axis=0) | (r.choice_delayed.reshape(-1, L * M) != 0).any(axis=0)
    cells = np.flatnonzero(reach).astype(ints)
    return kernel.Tables(
        eff_ptr=eff_ptr, eff_m=eff_m.astype(ints),
        eff_gain=np.stack([r.effects_pos[eff_a, eff_m], r.side_pos[eff_a, eff_m]]),
        eff_loss=np.stack([r.effects_neg[eff_a, eff_m], r.side_neg[eff_a, eff_m]]),
        del_ptr=del_ptr, del_cell=del_cell.astype(ints),
        del_gain=np.maximum(flat_delayed[del_a, del_cell], 0.0),
        del_loss=np.minimum(flat_delayed[del_a, del_cell], 0.0),
        cells=cells, cell_m=(cells % M).astype(ints), cell_k=(cells // M).astype(ints),
        cell_metrics=np.unique(cells % M).astype(ints),
        room=np.where(r.saturates, 2.0 / span, 0.0).astype(floats),
        lo=r.lo.astype(floats), hi=r.hi.astype(floats),
        inv_span=(1.0 / span).astype(floats), score_top=r.score_top.astype(floats),
        saturates=r.saturates.astype(bool), good_higher=(r.good_sign > 0),
        noise_sd=r.noise_sd.astype(floats), noisy=r.noisy.astype(ints), drift_prog=progs.ids(drift),
        category=r.category.astype(ints), cost_budget=r.cost_budget.astype(floats),
        cost_ap=r.cost_ap.astype(ints),
        cooldown=r.cooldown.astype(ints), diminishing=r.diminishing.astype(floats),
        action_phase=r.action_phase.astype(bool), everywhere=r.action_phase.all(axis=1),
        req_prog=progs.ids(requires),
        weights=r.weights.astype(floats).reshape(-1, 3), phase_turn=r.phase_turn.astype(ints),
        phase_prog=progs.ids(r.phase_when),
        event_prog=progs.ids(r.event_when), event_p=r.event_p.astype(floats),
        event_once=r.event_once.astype(bool), event_cd=r.event_cooldown.astype(ints),
        event_phase=r.event_phase.astype(bool), event_everywhere=r.event_phase.all(axis=1),
        n_choices=r.n_choices.astype(ints),
        choice_effects=r.choice_effects.astype(floats), choice_delayed=r.choice_delayed.astype(floats),
        choice_category=r.choice_category.astype(ints), choice_cost=r.choice_cost.astype(floats),
        followup=r.followup.astype(ints), followup_after=r.followup_after.astype(ints),
        crisis_start=progs.ids(r.crisis_start), crisis_end=progs.ids(r.crisis_end),
        crisis_effects=r.crisis_effects.astype(floats).reshape(K, M),
        ending_prog=progs.ids([e.when for e in r.endings]),
        ending_at_end=np.array([e.at_end for e in r.endings], dtype=bool),
        fallback=max(i for i, e in enumerate(r.endings) if e.at_end),
        eff_prog=progs.ids(r.effectiveness),
        turns=int(r.turns), action_points=int(r.action_points), effect_noise=float(r.effect_noise),
        budget=int(r.budget_index), lag=int(r.lag), n_metrics=M, n_crises=K,
        code=np.concatenate(progs.code).astype(ints).reshape(-1, 2),
        consts=np.concatenate(progs.consts + [np.zeros(1)]).astype(floats),
        prog_start=np.array(progs.start, dtype=ints), prog_stop=np.array(progs.stop, dtype=ints),
        depth=int(progs.depth),
    )
