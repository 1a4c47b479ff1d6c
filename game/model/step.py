"""One turn for R games at once: the Python door to kernel.advance (the rules),
plus the causes of run 0's changes for the turn report."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import kernel
from .rules import Rules
from .state import NO_EVENT, State


@dataclass(frozen=True)
class Source:
    """Who caused a contribution, as ids (never words): the session gives it titles.

    kind is "action", "event" or "crisis" (empty for drift, luck and the scale's limits);
    id the action, event or crisis id; choice the event's answer id; turn the 1-based turn on
    which the decision was made (set for delayed effects, which arrive on later turns).
    """

    kind: str = ""
    id: str = ""
    choice: str | None = None
    turn: int | None = None


@dataclass
class Trace:
    """Why the metrics of run 0 changed this turn, for the turn report (R=1 play).

    Each contribution is (kind, Source, (M,) change). Kinds: action, delayed,
    event, crisis, drift, noise, bounds.
    """

    contributions: list[tuple[str, Source, np.ndarray]] = field(default_factory=list)
    multipliers: dict[str, float] = field(default_factory=dict)
    phase_changed: bool = False
    crises_started: list[str] = field(default_factory=list)
    crises_ended: list[str] = field(default_factory=list)


_NO_EXPLAIN = (np.zeros((3, 1)), np.zeros((7, 1)), np.zeros((1, 1)))


def step(rules: Rules, state: State, actions: np.ndarray, choice: np.ndarray,
         trace: Trace | None = None, pending_sources: dict | None = None) -> None:
    """Advance every unfinished run by one turn, in place.

    actions: (R, A) bool wishes (the kernel drops illegal ones and anything
    beyond the action points or the money, in order); choice: (R,) answer to
    the waiting event. With a trace (R=1 play) the report's causes are filled
    in from the amounts the kernel itself computed; `pending_sources` keeps who
    scheduled each delayed effect so the report can name it when it arrives.
    """
    R, A, M, L = state.runs, len(rules.actions), rules.n_metrics, rules.lag
    actions = np.asarray(actions, dtype=bool).reshape(R, A).ravel(order="F")  # action-major, as the state
    choice = np.ascontiguousarray(np.broadcast_to(np.asarray(choice, dtype=np.int64), (R,)))
    explain = trace is not None
    ex_a, ex_m, ex_l = (np.zeros((3, A)), np.zeros((7, M)), np.zeros((L, M))) if explain else _NO_EXPLAIN
    # run 0 as it was, for the report (only when one is asked for: the batch path stays lean)
    before = (bool(state.done[0]), state.crisis[0].copy(), int(state.phase[0]), int(state.event[0]),
              int(choice[0])) if explain else None
    kernel.advance(rules.tables, state.arrays(), state.turn, actions, choice, explain, ex_a, ex_m, ex_l)
    state.turn += 1
    if explain and not before[0]:
        _explain(rules, state, state.turn - 1, before[1:], ex_a, ex_m, ex_l, trace, pending_sources)


def _explain(rules: Rules, state: State, t: int, before, ex_a, ex_m, ex_l, trace: Trace,
             pending_sources: dict | None) -> None:
    note = trace.contributions.append
    crisis_before, phase_before, event_before, choice = before
    up, down = ex_m[kernel.EX_UP], ex_m[kernel.EX_DOWN]
    for a in np.flatnonzero(ex_a[kernel.EX_TAKEN]):
        used = ex_a[kernel.EX_USED, a]
        change = _one_action(rules, a, used, up, down)
        change[rules.budget_index] -= rules.cost_budget[a]
        source = Source("action", rules.actions[a])
        note(("action", source, change))
        trace.multipliers[rules.actions[a]] = float(ex_a[kernel.EX_MULT, a])
        later = _split(used * rules.delayed_pos[a], used * rules.delayed_neg[a], up, down)
        _remember(pending_sources, t, Source("action", rules.actions[a], turn=t + 1), later)
    if event_before != NO_EVENT:
        c = min(max(choice, 0), int(rules.n_choices[event_before]) - 1)
        answer = rules.scenario.events[event_before].choices[c].id
        note(("event", Source("event", rules.events[event_before], answer), ex_m[kernel.EX_EVENT].copy()))
        _remember(pending_sources, t, Source("event", rules.events[event_before], answer, t + 1), ex_l.copy())
    for source, amount in _arrivals(pending_sources, t):
        note(("delayed", source, amount))
    for k in np.flatnonzero(crisis_before):
        note(("crisis", Source("crisis", rules.crises[k]), rules.crisis_effects[k].copy()))
    note(("drift", Source(), ex_m[kernel.EX_DRIFT].copy()))
    if rules.noisy.size:
        note(("noise", Source(), ex_m[kernel.EX_WOBBLE].copy()))
    capped = state.x[0] - ex_m[kernel.EX_RAW]
    if np.any(capped != 0):
        note(("bounds", Source(), capped))
    trace.phase_changed = int(state.phase[0]) != phase_before
    for k in range(len(rules.crises)):
        if state.crisis[0, k] and not crisis_before[k]:
            trace.crises_started.append(rules.crises[k])
        if crisis_before[k] and not state.crisis[0, k]:
            trace.crises_ended.append(rules.crises[k])


def _split(gains: np.ndarray, losses: np.ndarray, up: np.ndarray, down: np.ndarray) -> np.ndarray:
    return gains * up + losses * down


def _one_action(rules: Rules, a: int, used: float, up: np.ndarray, down: np.ndarray) -> np.ndarray:
    """One action's immediate change for the report (the kernel sums these over actions)."""
    gains = used * rules.effects_pos[a] + rules.side_pos[a]
    losses = used * rules.effects_neg[a] + rules.side_neg[a]
    return _split(gains, losses, up, down)


def _remember(sources: dict | None, t: int, source: Source, amounts: np.ndarray) -> None:
    if sources is None or not np.any(amounts):
        return
    for k in range(amounts.shape[0]):
        if np.any(amounts[k]):
            key = (t + 1 + k, source)
            sources[key] = sources.get(key, 0) + amounts[k]


def _arrivals(sources: dict | None, t: int):
    if sources is None:
        return []
    due = [(k, v) for k, v in sources.items() if k[0] == t]
    for k, _ in due:
        del sources[k]
    return [(source, v) for (_, source), v in due]


