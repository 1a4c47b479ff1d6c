"""One turn for R games at once. This is the only copy of the game's rules."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import rng
from .context import action_multiplier, effectiveness, environment, evaluate, legal_actions
from .rules import Rules
from .state import NO_EVENT, RUNNING, State


@dataclass
class Trace:
    """Why the metrics of run 0 changed this turn, for the turn report (R=1 play).

    Each contribution is (kind, source, (M,) change). Kinds: action, delayed,
    event, crisis, drift, noise, bounds.
    """

    contributions: list[tuple[str, str, np.ndarray]] = field(default_factory=list)
    multipliers: dict[str, float] = field(default_factory=dict)
    phase_changed: bool = False
    crises_started: list[str] = field(default_factory=list)
    crises_ended: list[str] = field(default_factory=list)


def sanitize(rules: Rules, state: State, actions: np.ndarray, env: dict) -> np.ndarray:
    """Drop illegal actions and anything beyond the action points or the money left, in order."""
    actions = actions.astype(bool) & legal_actions(rules, state, env)
    spent = np.cumsum(actions * rules.cost_ap[None, :], axis=1)
    paid = np.cumsum(actions * rules.cost_budget[None, :], axis=1)
    money = np.maximum(state.x[:, rules.budget_index], 0.0)[:, None] + 1e-9
    return actions & (spent <= rules.action_points) & (paid <= money)


def step(rules: Rules, state: State, actions: np.ndarray, choice: np.ndarray,
         trace: Trace | None = None, pending_sources: dict | None = None) -> None:
    """Advance every unfinished run by one turn, in place.

    actions: (R, A) bool, choice: (R,) int choice index for the waiting event.
    `pending_sources` (R=1 only) keeps who scheduled each delayed effect so the
    report can name it when it arrives; it only labels amounts computed here.
    """
    R, M = state.runs, rules.n_metrics
    active = ~state.done
    env = environment(rules, state)
    actions = sanitize(rules, state, actions, env)
    eff = effectiveness(rules, state, env)
    x0 = state.x.copy()
    t = state.turn
    note = trace.contributions.append if trace is not None else None

    # 1. Luck: one draw per category scales this turn's action effects. Gains
    #    shrink near a metric's max and losses near its min (headroom).
    luck = 1.0 + rules.effect_noise * rng.normal(state.keys, t, rng.EFFECTS, 3)
    mult = action_multiplier(rules, state, eff) * luck[:, rules.category]
    used = actions * mult
    up, down = _headroom(rules, x0)
    delta, new_pending = _action_effects(rules, actions, used, up, down)
    delta[:, rules.budget_index] -= (actions * rules.cost_budget).sum(axis=1)
    if note:
        for a in np.flatnonzero(actions[0]):
            change = _one_action(rules, a, used[0, a], up[0], down[0])
            change[rules.budget_index] -= rules.cost_budget[a]
            note(("action", rules.actions[a], change))
            trace.multipliers[rules.actions[a]] = float(mult[0, a])
            later = _split(used[0, a] * rules.delayed_pos[a], used[0, a] * rules.delayed_neg[a], up[0], down[0])
            _remember(pending_sources, t, f"{rules.actions[a]} (turn {t + 1})", later)

    # 2. The answer to the waiting event.
    has_event = (state.event != NO_EVENT) & active
    if has_event.any():
        e = np.where(has_event, state.event, 0)
        c = np.clip(choice, 0, rules.n_choices[e] - 1)
        # Only runs with an event change: for the others every term below is a zero,
        # and adding a zero changes no bit of delta or new_pending.
        rows = np.flatnonzero(has_event)
        er, cr = e[rows], c[rows]
        cat = rules.choice_category[er, cr]
        scale = np.where(cat >= 0, eff[rows, np.maximum(cat, 0)] * luck[rows, np.maximum(cat, 0)], 1.0)
        raw_ev = rules.choice_effects[er, cr] * scale[:, None]
        ev_delta = _split(np.maximum(raw_ev, 0), np.minimum(raw_ev, 0), up[rows], down[rows])
        ev_delta[:, rules.budget_index] -= rules.choice_cost[er, cr]
        delta[rows] += ev_delta
        raw_later = rules.choice_delayed[er, cr] * scale[:, None, None]
        ev_pending = _split(np.maximum(raw_later, 0), np.minimum(raw_later, 0), up[rows, None], down[rows, None])
        new_pending[rows] += ev_pending
        follow = rules.followup[e, c]
        chain = has_event & (follow >= 0)
        state.followup = np.where(chain, follow, state.followup)
        state.followup_turn = np.where(chain, t + rules.followup_after[e, c], state.followup_turn)
        if note and has_event[0]:
            label = f"{rules.events[e[0]]}: {rules.scenario.events[e[0]].choices[c[0]].id}"
            note(("event", label, ev_delta[0].copy()))
            _remember(pending_sources, t, f"{label} (turn {t + 1})", ev_pending[0])

    # 3. Delayed effects from earlier turns arrive.
    due = state.pending[:, 0].copy()
    shifted = np.concatenate([state.pending[:, 1:], np.zeros_like(state.pending[:, :1])], axis=1)
    state.pending = np.where(active[:, None, None], shifted + new_pending, state.pending)
    delta += due
    if note:
        for label, amount in _arrivals(pending_sources, t):
            note(("delayed", label, amount))

    # 4. Crises in force, the drift of every metric, and random wobble.
    if rules.crises:
        crisis_delta = state.crisis.astype(np.float64) @ rules.crisis_effects
        delta += crisis_delta
        if note:
            for k in np.flatnonzero(state.crisis[0]):
                note(("crisis", rules.crises[k], rules.crisis_effects[k].copy()))
    drift = np.zeros((R, M))
    for i, fn in rules.drift:
        drift[:, i] = evaluate(fn, env, R)
    delta += drift
    if rules.noisy.size:
        wobble = np.zeros((R, M))
        wobble[:, rules.noisy] = rng.normal(state.keys, t, rng.DRIFT, rules.noisy.size) * rules.noise_sd[rules.noisy]
        delta += wobble
    if note:
        note(("drift", "natural drift", drift[0].copy()))
        if rules.noisy.size:
            note(("noise", "luck", wobble[0].copy()))

    # 5. Apply to unfinished runs only, within bounds.
    raw = x0 + delta * active[:, None]
    state.x = np.clip(raw, rules.lo, rules.hi)
    if note:
        capped = state.x[0] - raw[0]
        if np.any(capped != 0):
            note(("bounds", "limits of the scale", capped))
    state.prev_x = np.where(active[:, None], x0, state.prev_x)

    # 6. Bookkeeping: cooldowns, fatigue, mix of leadership and management.
    # A finished game stays exactly as it ended, bookkeeping included, so run i of a
    # batch is bit for bit the same game as run i played on its own.
    frozen = ~active[:, None]
    state.cooldown = np.where(actions, rules.cooldown[None, :],
                              np.where(frozen, state.cooldown, np.maximum(state.cooldown - 1, 0)))
    state.recent = np.where(frozen, state.recent, state.recent * 0.5 + actions)
    for cat in range(3):
        state.mix[np.arange(R), state.phase, cat] += actions[:, rules.category == cat].sum(axis=1)
    state.event = np.where(active, NO_EVENT, state.event)
    state.turn = t + 1

    env = environment(rules, state)
    _update_crises(rules, state, env, active, trace)
    _advance_phase(rules, state, env, active, trace)
    env = environment(rules, state)
    _score(rules, state, active)
    _check_endings(rules, state, env, active)
    _roll_events(rules, state, env, active)


class _ActionTables:
    """Per-action effect rows laid side by side.

    Columns: effects_pos, effects_neg (M each) and the reachable (slot, metric)
    cells of delayed_pos and delayed_neg (K each), all weighted by `used`; and
    side_pos, side_neg (M each), weighted by 1.
    """

    def __init__(self, rules: Rules):
        A, L, M = rules.delayed.shape
        flat_pos, flat_neg = rules.delayed_pos.reshape(A, L * M), rules.delayed_neg.reshape(A, L * M)
        self.cells = np.flatnonzero((flat_pos != 0).any(axis=0) | (flat_neg != 0).any(axis=0))
        self.cell_metric = self.cells % M
        scaled = np.hstack([rules.effects_pos, rules.effects_neg, flat_pos[:, self.cells], flat_neg[:, self.cells]])
        self.scaled = np.ascontiguousarray(scaled)
        self.side = np.hstack([rules.side_pos, rules.side_neg])
        self.A, self.L, self.M, self.K = A, L, M, self.cells.size


def _action_effects(rules: Rules, actions: np.ndarray, used: np.ndarray, up: np.ndarray, down: np.ndarray):
    """Immediate (R, M) change and (R, L, M) scheduled delayed effects of this turn's actions.

    The same numbers, bit for bit, as
        _split(einsum(used, effects_pos) + einsum(actions, side_pos),
               einsum(used, effects_neg) + einsum(actions, side_neg), up, down)
    and _split(einsum(used, delayed_pos), einsum(used, delayed_neg), up, down),
    but with two einsum calls over the effect columns laid side by side (each
    output column is summed over the actions in the same order as before), and
    only over the delayed (slot, metric) cells some action can reach: elsewhere
    the result is exactly 0.0.
    """
    tables = getattr(rules, "_action_tables", None)
    if tables is None:
        tables = rules._action_tables = _ActionTables(rules)
    R = actions.shape[0]
    L, M, K = tables.L, tables.M, tables.K
    scaled = np.einsum("ra,ak->rk", used, tables.scaled)
    side = np.einsum("ra,ak->rk", actions * 1.0, tables.side)
    delta = _split(scaled[:, :M] + side[:, :M], scaled[:, M:2 * M] + side[:, M:], up, down)
    pending = np.zeros((R, L * M))
    if K:
        cm = tables.cell_metric
        pending[:, tables.cells] = _split(scaled[:, 2 * M:2 * M + K], scaled[:, 2 * M + K:], up[:, cm], down[:, cm])
    return delta, pending.reshape(R, L, M)


def _headroom(rules: Rules, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R, M) factors for gains and losses: 1 in the middle, falling to 0 at the bounds."""
    span = rules.hi - rules.lo
    up = np.clip(2.0 * (rules.hi - x) / span, 0.0, 1.0)
    down = np.clip(2.0 * (x - rules.lo) / span, 0.0, 1.0)
    return np.where(rules.saturates, up, 1.0), np.where(rules.saturates, down, 1.0)


def _split(gains: np.ndarray, losses: np.ndarray, up: np.ndarray, down: np.ndarray) -> np.ndarray:
    return gains * up + losses * down


def _one_action(rules: Rules, a: int, used: float, up: np.ndarray, down: np.ndarray) -> np.ndarray:
    """One action's immediate change for the report, computed exactly as in the batch sum."""
    gains = used * rules.effects_pos[a] + rules.side_pos[a]
    losses = used * rules.effects_neg[a] + rules.side_neg[a]
    return _split(gains, losses, up, down)


def _remember(sources: dict | None, t: int, label: str, amounts: np.ndarray) -> None:
    if sources is None or not np.any(amounts):
        return
    for k in range(amounts.shape[0]):
        if np.any(amounts[k]):
            key = (t + 1 + k, label)
            sources[key] = sources.get(key, 0) + amounts[k]


def _arrivals(sources: dict | None, t: int):
    if sources is None:
        return []
    due = [(k, v) for k, v in sources.items() if k[0] == t]
    for k, _ in due:
        del sources[k]
    return [(label, v) for (_, label), v in due]


def _update_crises(rules: Rules, state: State, env: dict, active: np.ndarray, trace: Trace | None):
    R = state.runs
    for k in range(len(rules.crises)):
        on = state.crisis[:, k]
        starts = evaluate(rules.crisis_start[k], env, R) != 0
        ends = evaluate(rules.crisis_end[k], env, R) != 0
        new = np.where(on, ~ends, starts) & active
        new |= on & ~active
        state.crisis_count[:, k] += new & ~on
        if trace is not None:
            if new[0] and not on[0]:
                trace.crises_started.append(rules.crises[k])
            if on[0] and not new[0]:
                trace.crises_ended.append(rules.crises[k])
        state.crisis[:, k] = new


def _advance_phase(rules: Rules, state: State, env: dict, active: np.ndarray, trace: Trace | None):
    P = len(rules.phases)
    if P == 1:
        return
    nxt = np.minimum(state.phase + 1, P - 1)
    can = (state.phase < P - 1) & active
    due = state.turn >= rules.phase_turn[nxt]
    for p in range(1, P):
        fn = rules.phase_when[p]
        if fn is not None:
            due |= (nxt == p) & (evaluate(fn, env, state.runs) != 0)
    move = can & due
    if trace is not None and move[0]:
        trace.phase_changed = True
    state.phase = np.where(move, nxt, state.phase)


def _score(rules: Rules, state: State, active: np.ndarray):
    span = rules.hi - rules.lo
    norm = np.clip((state.x - rules.lo) / span, 0.0, 1.0)
    norm = np.where(rules.good_sign > 0, norm, 1.0 - norm)
    state.score_sum += norm * active[:, None]


def _check_endings(rules: Rules, state: State, env: dict, active: np.ndarray):
    R = state.runs
    last = state.turn >= rules.turns
    undecided = active.copy()
    for idx, ending in enumerate(rules.endings):
        if ending.at_end and not last:
            continue
        hit = undecided & (evaluate(ending.when, env, R) != 0)
        state.ending = np.where(hit, idx, state.ending)
        state.ended_at = np.where(hit, state.turn, state.ended_at)
        undecided &= ~hit
    if last and undecided.any():  # no ending matched: the scenario's last at_end ending applies
        fallback = max(i for i, e in enumerate(rules.endings) if e.at_end)
        state.ending = np.where(undecided, fallback, state.ending)
        state.ended_at = np.where(undecided, state.turn, state.ended_at)


def _roll_events(rules: Rules, state: State, env: dict, was_active: np.ndarray):
    E = len(rules.events)
    if E == 0:
        return
    R = state.runs
    active = ~state.done
    state.event_cooldown = np.where(was_active[:, None], np.maximum(state.event_cooldown - 1, 0),
                                    state.event_cooldown)
    forced = active & (state.followup != NO_EVENT) & (state.followup_turn <= state.turn)
    eligible = np.stack([evaluate(fn, env, R) != 0 for fn in rules.event_when], axis=1)
    eligible &= rules.event_phase[:, state.phase].T
    eligible &= state.event_cooldown == 0
    eligible &= ~(rules.event_once[None, :] & (state.event_count > 0))
    p = np.where(eligible, rules.event_p[None, :], 0.0)
    u = rng.uniform(state.keys, state.turn, rng.EVENTS, E)
    fired = u < p
    ratio = np.where(fired, u / np.where(p > 0, p, 1.0), np.inf)
    pick = np.argmin(ratio, axis=1)
    random_event = np.where(fired.any(axis=1) & active, pick, NO_EVENT)
    chosen = np.where(forced, state.followup, random_event)
    state.followup = np.where(forced, NO_EVENT, state.followup)
    state.event = chosen
    got = chosen != NO_EVENT
    idx = np.flatnonzero(got)
    state.event_count[idx, chosen[idx]] += 1
    state.event_cooldown[idx, chosen[idx]] = rules.event_cooldown[chosen[idx]]
