"""The rules of one turn, compiled: the only copy of the game's rules.

`advance` plays one turn for every game of a batch; the interactive game is the
same call with one game. It is compiled by numba to machine code, because the
rules are a long chain of small steps per game and doing them as whole-array
numpy passes spent most of the time moving arrays through memory. Games are
taken in blocks: scenario expressions run block-wise through vm.run, the rest
game by game, in a fixed order of floating-point operations, so a game's bits
do not depend on the batch it is in nor on the machine.

step.py wraps this for Python callers and builds the turn report; rules.py
packs a scenario into the `Tables` this module reads.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit

from . import rng, vm

BLOCK = 128  # games per block: expression scratch stays in the L1/L2 cache
NO_EVENT = -1
RUNNING = -1
LEAD, MGMT, DEV = 0, 1, 2

Tables = namedtuple("Tables", [
    # metrics (M)
    "lo", "hi", "span", "inv_span", "room", "saturates", "good_higher", "noise_sd", "noisy", "drift_prog",
    # actions (A)
    "category", "cost_budget", "cost_ap", "cooldown", "diminishing", "action_phase", "req_prog",
    # action effects as sparse rows: immediate (metric; scaled, unscaled) and delayed ((turn, metric) cell)
    "eff_ptr", "eff_m", "eff_gain", "eff_loss", "del_ptr", "del_cell", "del_gain", "del_loss",
    # delayed cells any action or answer can reach, and their metrics
    "cells", "cell_m", "cell_k", "cell_metrics",
    # phases (P)
    "weights", "phase_turn", "phase_prog",
    # events (E) and their choices (C)
    "event_prog", "event_p", "event_once", "event_cd", "event_phase", "n_choices",
    "choice_effects", "choice_delayed", "choice_category", "choice_cost", "followup", "followup_after",
    # crises (K)
    "crisis_start", "crisis_end", "crisis_effects",
    # endings (N)
    "ending_prog", "ending_at_end", "fallback",
    # effectiveness formulas (3)
    "eff_prog",
    # scalars
    "turns", "action_points", "effect_noise", "budget", "lag", "n_metrics", "n_crises",
    # the expression programs, all in one table
    "code", "consts", "prog_start", "prog_stop", "depth",
])

# State arrays in the order the kernel takes them (see state.State).
STATE_FIELDS = ("keys", "x", "phase", "ending", "ended_at", "cooldown", "fatigue", "pending", "crisis",
                "crisis_count", "event", "event_count", "event_cooldown", "followup", "followup_turn",
                "score_sum", "mix", "prev_x")

# Rows of the explanation buffers (run 0 only, for the turn report).
EX_TAKEN, EX_USED, EX_MULT = 0, 1, 2
EX_UP, EX_DOWN, EX_EVENT, EX_DRIFT, EX_WOBBLE, EX_RAW, EX_DUE = 0, 1, 2, 3, 4, 5, 6


# --- small pieces shared by the entry points ------------------------------------

@njit(cache=True, inline="always")
def _fill(T, x, crisis, phase, r0, n, turn, var):
    """Expression variables for games r0..r0+n: metrics, crisis flags, turn, turns_left, phase."""
    M, K = T.n_metrics, T.n_crises
    for i in range(M):
        row = var[i]
        for j in range(n):
            row[j] = x[r0 + j, i]
    for k in range(K):
        row = var[M + k]
        for j in range(n):
            row[j] = 1.0 if crisis[r0 + j, k] else 0.0
    for j in range(n):
        var[M + K, j] = float(turn)
        var[M + K + 1, j] = float(T.turns - turn)
        var[M + K + 2, j] = float(phase[r0 + j])


@njit(cache=True, inline="always")
def _eval(T, prog, var, n, stack, out):
    vm.run(T.code, T.consts, T.prog_start[prog], T.prog_stop[prog], var, n, stack, out)


@njit(cache=True, inline="always")
def _eval_requires(T, var, n, stack, req):
    for a in range(T.req_prog.size):
        if T.req_prog[a] >= 0:
            _eval(T, T.req_prog[a], var, n, stack, req[a])


@njit(cache=True)
def _legal_block(T, cooldown, x, phase, ending, r0, n, req, legal):
    """legal[j, a]: may game r0 + j take action a this turn? (req: its `requires` values)."""
    A = T.category.size
    budget, ap = T.budget, T.action_points
    action_phase, cost_budget, cost_ap, req_prog = T.action_phase, T.cost_budget, T.cost_ap, T.req_prog
    for j in range(n):
        r = r0 + j
        ph = phase[r]
        running = ending[r] == RUNNING
        money = x[r, budget]
        for a in range(A):
            cost = cost_budget[a]
            # Written with & rather than `and`: no branches, so the loop runs straight through.
            # Free actions stay possible when a scenario lets the budget go below zero.
            legal[j, a] = (running & (cooldown[r, a] == 0) & action_phase[a, ph]
                           & ((money >= cost) | (cost <= 0.0)) & (cost_ap[a] <= ap)
                           & ((req_prog[a] < 0) | (req[a, j] != 0.0)))


@njit(cache=True)
def _within_means(T, x, r0, n, take):
    """Of the legal wishes take[j, a], drop those beyond the action points or the money left, in order."""
    A = T.category.size
    cost_budget, cost_ap, ap = T.cost_budget, T.cost_ap, T.action_points
    for j in range(n):
        spent = 0
        paid = 0.0
        money = max(x[r0 + j, T.budget], 0.0) + 1e-9
        for a in range(A):
            wish = take[j, a]
            spent += cost_ap[a] if wish else 0
            paid += cost_budget[a] if wish else 0.0
            take[j, a] = wish & (spent <= ap) & (paid <= money)


@njit(cache=True)
def _effectiveness(T, phase, r0, n, effraw, eff):
    """eff[j, c]: phase weight times the scenario's formula (never below 0), per category."""
    for j in range(n):
        ph = phase[r0 + j]
        for c in range(3):
            eff[j, c] = max(effraw[c, j], 0.0) * T.weights[ph, c]


# --- one turn ----------------------------------------------------------------------

@njit(cache=True, error_model="numpy")
def advance(T, S, turn, actions, choice, explain, ex_a, ex_m, ex_l):
    """Play turn `turn` for every running game in S, in place.

    actions: (R, A) bool wishes (illegal ones and those beyond the action
    points or the money are dropped, in order); choice: (R,) answer to the
    waiting event. With `explain`, game 0's intermediate amounts are written
    to ex_a (3, A), ex_m (7, M) and ex_l (L, M) for the turn report.
    """
    (keys, x, phase, ending, ended_at, cooldown, fatigue, pending, crisis, crisis_count, event,
     event_count, event_cooldown, followup, followup_turn, score_sum, mix, prev_x) = S
    R, M = x.shape
    A = T.category.size
    L = pending.shape[1]
    E = T.event_p.size
    K = T.n_crises
    P = T.weights.shape[0]
    N = T.ending_prog.size
    bi = T.budget
    t = turn
    t1 = turn + 1
    last = t1 >= T.turns
    # The tables, as locals: reading them through T inside the loops costs more.
    lo, hi, inv_span, saturates, good_higher = T.lo, T.hi, T.inv_span, T.saturates, T.good_higher
    category, cost_budget, effect_noise = T.category, T.cost_budget, T.effect_noise
    eff_ptr, eff_m, eff_gain, eff_loss = T.eff_ptr, T.eff_m, T.eff_gain, T.eff_loss
    del_ptr, del_cell, del_gain, del_loss = T.del_ptr, T.del_cell, T.del_gain, T.del_loss
    cells, cell_m, cell_k, cell_metrics = T.cells, T.cell_m, T.cell_k, T.cell_metrics
    diminishing, action_cooldown, room = T.diminishing, T.cooldown, T.room
    n_choices, choice_category, choice_effects, choice_delayed = T.n_choices, T.choice_category, \
        T.choice_effects, T.choice_delayed
    choice_cost, next_event, next_after = T.choice_cost, T.followup, T.followup_after
    crisis_effects, drift_prog, noisy, noise_sd = T.crisis_effects, T.drift_prog, T.noisy, T.noise_sd
    phase_turn, phase_prog, ending_at_end = T.phase_turn, T.phase_prog, T.ending_at_end
    event_prog, event_p, event_once, event_cd, event_phase = T.event_prog, T.event_p, T.event_once, \
        T.event_cd, T.event_phase

    var = np.empty((M + K + 3, BLOCK))
    stack = np.empty((T.depth + 1, BLOCK))
    effraw = np.empty((3, BLOCK))
    eff = np.empty((BLOCK, 3))
    req = np.zeros((A, BLOCK))
    take = np.empty((BLOCK, A), dtype=np.bool_)
    driftv = np.zeros((M, BLOCK))
    c_start = np.empty((K, BLOCK))
    c_end = np.empty((K, BLOCK))
    ph_when = np.zeros((P, BLOCK))
    end_when = np.zeros((N, BLOCK))
    ev_when = np.empty((E, BLOCK))
    live = np.empty(BLOCK, dtype=np.bool_)
    luck = np.empty(3)
    up = np.empty(M)
    down = np.empty(M)
    gain = np.empty(M)
    loss = np.empty(M)
    delta = np.empty(M)
    later_pos = np.zeros(L * M)  # flat (turn, metric) cells; only `cells` are ever non-zero
    later_neg = np.zeros(L * M)
    fresh = np.zeros(L * M)
    x0 = np.empty(M)

    # Words shared by every game this turn (the per-game part is the key).
    luck_words = np.empty(9, dtype=np.uint64)
    for q in range(9):
        luck_words[q] = rng.counter(t, rng.EFFECTS, q)
    nn = noisy.size
    drift_words = np.empty(3 * nn, dtype=np.uint64)
    for q in range(3 * nn):
        drift_words[q] = rng.counter(t, rng.DRIFT, q)
    event_words = np.empty(E, dtype=np.uint64)
    for q in range(E):
        event_words[q] = rng.counter(t1, rng.EVENTS, q)

    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        any_live = False
        for j in range(n):
            live[j] = ending[r0 + j] == RUNNING
            any_live = any_live or live[j]
        if not any_live:
            continue

        # Expressions and choices on the situation at the start of the turn.
        _fill(T, x, crisis, phase, r0, n, t, var)
        for c in range(3):
            _eval(T, T.eff_prog[c], var, n, stack, effraw[c])
        _eval_requires(T, var, n, stack, req)
        for m in range(M):
            if drift_prog[m] >= 0:
                _eval(T, drift_prog[m], var, n, stack, driftv[m])
        _effectiveness(T, phase, r0, n, effraw, eff)
        _legal_block(T, cooldown, x, phase, ending, r0, n, req, take)
        for j in range(n):
            for a in range(A):
                take[j, a] = take[j, a] and actions[r0 + j, a]
        _within_means(T, x, r0, n, take)

        for j in range(n):
            if not live[j]:
                continue  # a finished game stays exactly as it ended
            r = r0 + j
            ph = phase[r]
            show = explain and r == 0
            for m in range(M):
                x0[m] = x[r, m]

            # 1. Luck: one draw per category scales this turn's action effects.
            key = keys[r]
            for c in range(3):
                u = rng.unit(key, luck_words[c]) + rng.unit(key, luck_words[3 + c]) \
                    + rng.unit(key, luck_words[6 + c])
                luck[c] = 1.0 + effect_noise * ((u - 1.5) * 2.0)
            # Gains shrink near a metric's max and losses near its min (headroom).
            for m in range(M):
                # room[m] = 2 / span for metrics that saturate, 0 for the others (always 1)
                up[m] = min(max((hi[m] - x0[m]) * room[m], 0.0), 1.0) if saturates[m] else 1.0
                down[m] = min(max((x0[m] - lo[m]) * room[m], 0.0), 1.0) if saturates[m] else 1.0
                gain[m] = 0.0
                loss[m] = 0.0
            for cell in cells:
                later_pos[cell] = 0.0
                later_neg[cell] = 0.0
            cost = 0.0
            for a in range(A):
                cat = category[a]
                if show:
                    ex_a[EX_TAKEN, a] = 1.0 if take[j, a] else 0.0
                    ex_a[EX_MULT, a] = eff[j, cat] * fatigue[r, a] * luck[cat]
                    ex_a[EX_USED, a] = 0.0
                if not take[j, a]:
                    continue
                used = eff[j, cat] * fatigue[r, a] * luck[cat]
                if show:
                    ex_a[EX_USED, a] = used
                cost += cost_budget[a]
                for i in range(eff_ptr[a], eff_ptr[a + 1]):
                    m = eff_m[i]
                    gain[m] += used * eff_gain[0, i] + eff_gain[1, i]
                    loss[m] += used * eff_loss[0, i] + eff_loss[1, i]
                for i in range(del_ptr[a], del_ptr[a + 1]):
                    cell = del_cell[i]
                    later_pos[cell] += used * del_gain[i]
                    later_neg[cell] += used * del_loss[i]
            for m in range(M):
                delta[m] = gain[m] * up[m] + loss[m] * down[m]
            for i in range(cells.size):
                cell, m = cells[i], cell_m[i]
                fresh[cell] = later_pos[cell] * up[m] + later_neg[cell] * down[m]
            delta[bi] -= cost

            # 2. The answer to the waiting event.
            if show:
                for m in range(M):
                    ex_m[EX_EVENT, m] = 0.0
                for k in range(L):
                    for m in range(M):
                        ex_l[k, m] = 0.0
            e = event[r]
            if e != NO_EVENT:
                c = min(max(choice[r], 0), n_choices[e] - 1)
                cat = choice_category[e, c]
                scale = eff[j, cat] * luck[cat] if cat >= 0 else 1.0
                for m in range(M):
                    raw = choice_effects[e, c, m] * scale
                    amount = max(raw, 0.0) * up[m] + min(raw, 0.0) * down[m]
                    if m == bi:
                        amount -= choice_cost[e, c]
                    delta[m] += amount
                    if show:
                        ex_m[EX_EVENT, m] = amount
                for i in range(cells.size):
                    cell, k, m = cells[i], cell_k[i], cell_m[i]
                    raw = choice_delayed[e, c, k, m] * scale
                    amount = max(raw, 0.0) * up[m] + min(raw, 0.0) * down[m]
                    fresh[cell] += amount
                    if show:
                        ex_l[k, m] = amount
                if next_event[e, c] >= 0:
                    followup[r] = next_event[e, c]
                    followup_turn[r] = t + next_after[e, c]

            # 3. Delayed effects from earlier turns arrive; the rest move one turn closer.
            for m in cell_metrics:
                due = pending[r, 0, m]
                delta[m] += due
                if show:
                    ex_m[EX_DUE, m] = due
                for k in range(L - 1):
                    pending[r, k, m] = pending[r, k + 1, m] + fresh[k * M + m]
                pending[r, L - 1, m] = fresh[(L - 1) * M + m]

            # 4. Crises in force, the drift of every metric, and random wobble.
            for k in range(K):
                if crisis[r, k]:
                    for m in range(M):
                        delta[m] += crisis_effects[k, m]
            for m in range(M):
                d = driftv[m, j] if drift_prog[m] >= 0 else 0.0
                delta[m] += d
                if show:
                    ex_m[EX_DRIFT, m] = d
                    ex_m[EX_WOBBLE, m] = 0.0
            for q in range(nn):
                m = noisy[q]
                u = rng.unit(key, drift_words[q]) + rng.unit(key, drift_words[nn + q]) \
                    + rng.unit(key, drift_words[2 * nn + q])
                w = ((u - 1.5) * 2.0) * noise_sd[m]
                delta[m] += w
                if show:
                    ex_m[EX_WOBBLE, m] = w

            # 5. Apply, within bounds.
            for m in range(M):
                raw = x0[m] + delta[m]
                if show:
                    ex_m[EX_RAW, m] = raw
                    ex_m[EX_UP, m] = up[m]
                    ex_m[EX_DOWN, m] = down[m]
                x[r, m] = min(max(raw, lo[m]), hi[m])
                prev_x[r, m] = x0[m]

            # 6. Bookkeeping: cooldowns, fatigue, the mix of leadership and management.
            for a in range(A):
                # fatigue = diminishing ^ (recent uses, halving every turn), kept as a product
                # with a square root (exactly rounded everywhere) instead of a power.
                took = take[j, a]
                f = np.sqrt(fatigue[r, a])
                fatigue[r, a] = f * diminishing[a] if took else f
                cooldown[r, a] = action_cooldown[a] if took else max(cooldown[r, a] - 1, 0)
                mix[r, ph, category[a]] += 1 if took else 0
            event[r] = NO_EVENT

        # Crises start and end, phases advance (on the new values, crisis flags as they were).
        _fill(T, x, crisis, phase, r0, n, t1, var)
        for k in range(K):
            _eval(T, T.crisis_start[k], var, n, stack, c_start[k])
            _eval(T, T.crisis_end[k], var, n, stack, c_end[k])
        for p in range(1, P):
            if phase_prog[p] >= 0:
                _eval(T, phase_prog[p], var, n, stack, ph_when[p])
        for j in range(n):
            if not live[j]:
                continue
            r = r0 + j
            for k in range(K):
                on = crisis[r, k]
                now = (c_end[k, j] == 0.0) if on else (c_start[k, j] != 0.0)
                if now and not on:
                    crisis_count[r, k] += 1
                crisis[r, k] = now
            ph = phase[r]
            if ph < P - 1:
                nxt = ph + 1
                if t1 >= phase_turn[nxt] or (phase_prog[nxt] >= 0 and ph_when[nxt, j] != 0.0):
                    phase[r] = nxt

        # Score, endings and the next event (on the new crisis flags and phase).
        _fill(T, x, crisis, phase, r0, n, t1, var)
        for q in range(N):
            if last or not ending_at_end[q]:
                _eval(T, T.ending_prog[q], var, n, stack, end_when[q])
        for q in range(E):
            _eval(T, event_prog[q], var, n, stack, ev_when[q])
        for j in range(n):
            if not live[j]:
                continue
            r = r0 + j
            for m in range(M):
                norm = min(max((x[r, m] - lo[m]) * inv_span[m], 0.0), 1.0)
                score_sum[r, m] += norm if good_higher[m] else 1.0 - norm
            for q in range(N):
                if (last or not ending_at_end[q]) and end_when[q, j] != 0.0:
                    ending[r] = q
                    ended_at[r] = t1
                    break
            if last and ending[r] == RUNNING:  # no ending matched: the last at_end ending applies
                ending[r] = T.fallback
                ended_at[r] = t1
            if E == 0:
                continue
            for q in range(E):
                event_cooldown[r, q] = max(event_cooldown[r, q] - 1, 0)
            if ending[r] != RUNNING:
                continue
            if followup[r] != NO_EVENT and followup_turn[r] <= t1:
                chosen = followup[r]
                followup[r] = NO_EVENT
            else:
                # Every eligible event rolls; of those that fire, the one that beat its odds most wins.
                chosen = NO_EVENT
                best = np.inf
                ph = phase[r]
                for q in range(E):
                    if ev_when[q, j] == 0.0 or not event_phase[q, ph] or event_cooldown[r, q] != 0:
                        continue
                    if event_once[q] and event_count[r, q] > 0:
                        continue
                    odds = event_p[q]
                    u = rng.unit(keys[r], event_words[q])
                    if u < odds and u / odds < best:
                        best = u / odds
                        chosen = q
            event[r] = chosen
            if chosen != NO_EVENT:
                event_count[r, chosen] += 1
                event_cooldown[r, chosen] = event_cd[chosen]


# --- what the interface and the bots ask about the current turn -----------------

@njit(cache=True, error_model="numpy")
def situation(T, S, turn, legal, eff_out):
    """Which actions are legal (R, A) and the effectiveness per category (R, 3), at the start of a turn."""
    x, phase, ending, cooldown, crisis = S[1], S[2], S[3], S[5], S[8]
    R, M = x.shape
    A = T.category.size
    var = np.empty((M + T.n_crises + 3, BLOCK))
    stack = np.empty((T.depth + 1, BLOCK))
    effraw = np.empty((3, BLOCK))
    req = np.zeros((A, BLOCK))
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        _fill(T, x, crisis, phase, r0, n, turn, var)
        for c in range(3):
            _eval(T, T.eff_prog[c], var, n, stack, effraw[c])
        _eval_requires(T, var, n, stack, req)
        _effectiveness(T, phase, r0, n, effraw, eff_out[r0:])
        _legal_block(T, cooldown, x, phase, ending, r0, n, req, legal[r0:])


@njit(cache=True)
def sanitize(T, x, actions, legal, out):
    """The actions a turn will really take (R, A), given the wishes and what is legal."""
    R = x.shape[0]
    for r in range(R):
        for a in range(actions.shape[1]):
            out[r, a] = actions[r, a] and legal[r, a]
    _within_means(T, x, 0, R, out)


@njit(cache=True, error_model="numpy")
def random_bot(T, S, turn, actions, choice):
    """The random bot: legal actions in a random order while points and money last; a random answer.

    The order sorts the actions by a random draw; each draw carries its action's
    index in its low bits, so no two are equal and the order is never ambiguous.
    """
    keys, x, phase, ending, cooldown, crisis, event = S[0], S[1], S[2], S[3], S[5], S[8], S[10]
    R, A = actions.shape
    M = x.shape[1]
    cost_ap, cost_budget, n_choices = T.cost_ap, T.cost_budget, T.n_choices
    free_ap = False  # with an action that costs no points, a turn can go on after the points run out
    for a in range(A):
        free_ap = free_ap or cost_ap[a] == 0
    var = np.empty((M + T.n_crises + 3, BLOCK))
    stack = np.empty((T.depth + 1, BLOCK))
    req = np.zeros((A, BLOCK))
    legal = np.empty((BLOCK, A), dtype=np.bool_)
    rank = np.empty(A, dtype=np.uint64)
    words = np.empty(A, dtype=np.uint64)
    for a in range(A):
        words[a] = rng.counter(turn, rng.BOTS, a)
    answer = rng.counter(turn, rng.BOTS + 1, 0)
    top = np.uint64(0xFFFFFFFFFFFFFFFF)
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        _fill(T, x, crisis, phase, r0, n, turn, var)
        _eval_requires(T, var, n, stack, req)
        _legal_block(T, cooldown, x, phase, ending, r0, n, req, legal)
        for j in range(n):
            r = r0 + j
            key = keys[r]
            for a in range(A):
                rank[a] = ((rng.mix(key ^ words[a]) >> np.uint64(11)) << np.uint64(6)) | np.uint64(a)
                actions[r, a] = False
            ap = T.action_points
            money = x[r, T.budget]
            after = np.uint64(0)
            for i in range(A):
                nxt = top
                for b in range(A):  # the next action in the random order
                    v = rank[b]
                    if v >= after and v < nxt:
                        nxt = v
                after = nxt + np.uint64(1)
                a = int(nxt & np.uint64(63))
                cost = cost_budget[a]
                if legal[j, a] and cost_ap[a] <= ap and (cost <= money or cost <= 0.0):
                    actions[r, a] = True
                    ap -= cost_ap[a]
                    money -= cost
                if ap == 0 and not free_ap:
                    break
            e = event[r]
            if e == NO_EVENT or n_choices.size == 0:
                choice[r] = 0
            else:
                choice[r] = min(int(rng.unit(key, answer) * n_choices[e]), n_choices[e] - 1)
