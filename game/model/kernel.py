"""The rules of one turn, compiled: the only copy of the game's rules.

`advance` plays one turn for every game of a batch; the interactive game is the
same call with one game. It is a short sequence of named stages (luck, headroom,
action effects, the event's answer, delayed effects, crises, drift and wobble,
applying within bounds, bookkeeping, crisis and phase changes, score and
endings, the next event), each a compiled function whose docstring names its
section of docs/model.md, where the same rules are told in words and formulas.
It is compiled by numba to machine code, because the rules are a long chain of
small steps per game and doing them as whole-array numpy passes spent most of
the time moving arrays through memory.

Games are taken in blocks of BLOCK. Every stage is a loop over the block's
games, one metric (or action) at a time, so the compiler can use the CPU's
vector units; the state is laid out metric-major (Fortran order) and handed
over as flat arrays, so those loops read consecutive memory. Element (r, i) of
an (R, N) array is at i * R + r; (r, k, m) of an (R, L, M) array at
r + R * (k + L * m). Each game sees the same floating-point operations in the
same order whatever its block or batch, so its bits do not depend on them nor
on the machine. Accumulators start at +0.0 and only ever add, so adding 0.0 for
an action not taken changes no bit: that is what lets a stage run over every
game of a block instead of branching per game.

step.py wraps this for Python callers and builds the turn report; rules.py
packs a scenario into the `Tables` this module reads; blockwise.py holds what
the turn shares with the random bot and the interface (legality and the
expression variables).
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import rng
from .twins import entry
from .blockwise import BLOCK, NO_EVENT, RUNNING, fill, new_scratch, run_program, situation_block, within_means


Tables = namedtuple("Tables", [
    # metrics (M)
    "lo", "hi", "inv_span", "room", "saturates", "good_higher", "noise_sd", "noisy", "drift_prog",
    # actions (A)
    "category", "cost_budget", "cost_ap", "cooldown", "diminishing", "action_phase", "everywhere", "req_prog",
    # action effects as sparse rows: immediate (metric; scaled, unscaled) and delayed ((turn, metric) cell)
    "eff_ptr", "eff_m", "eff_gain", "eff_loss", "del_ptr", "del_cell", "del_gain", "del_loss",
    # delayed cells any action or answer can reach, and their metrics
    "cells", "cell_m", "cell_k", "cell_metrics",
    # phases (P)
    "weights", "phase_turn", "phase_prog",
    # events (E) and their choices (C)
    "event_prog", "event_p", "event_once", "event_cd", "event_phase", "event_everywhere", "n_choices",
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


# Working rows of one call: allocated once, reused by every block.
Work = namedtuple("Work", [
    "scratch", "eff", "take", "driftv", "c_start", "c_end", "ph_when", "end_when", "ev_when",
    "live", "open_", "playing", "forced", "rolls", "ok_phase", "best", "chosen",
    "luck", "up", "down", "gain", "loss", "delta", "wobble", "used", "cost", "kinds",
    "later_pos", "later_neg", "fresh", "ev_fresh0", "luck_words", "drift_words", "event_words",
])


# --- one turn ----------------------------------------------------------------------

@entry
@njit(cache=True, error_model="numpy")
def advance(T, S, turn, actions, choice, explain, ex_a, ex_m, ex_l):
    """Play turn `turn` for every running game in S (flat, metric-major arrays), in place.

    actions: (A * R) bool wishes, action-major (illegal ones and those beyond
    the action points or the money are dropped, in order); choice: (R,) answer
    to the waiting event. With `explain`, game 0's intermediate amounts are
    written to ex_a (3, A), ex_m (7, M) and ex_l (L, M) for the turn report.
    The stages below run in this order, block by block; docs/model.md tells
    the same rules in words, one section per stage.
    """
    ending = S[3]
    R = ending.size
    W = new_work(T, turn)
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        if not mark_running(ending, r0, n, W.live):
            continue
        show = explain and r0 == 0 and W.live[0]
        start_of_turn(T, S, R, r0, n, turn, actions, W)
        draw_luck(T, S[0], r0, n, W)
        headroom(T, S[1], R, r0, n, W)
        action_effects(T, S[6], R, r0, n, W, show, ex_a)
        within_headroom(T, n, W)
        answer_event(T, S, R, r0, n, turn, choice, W, show, ex_m)
        delayed_arrive(T, S[7], R, r0, n, W, show, ex_m)
        crises_in_force(T, S[8], R, r0, n, W)
        drift_and_wobble(T, S[0], r0, n, W)
        apply_within_bounds(T, S[1], S[17], R, r0, n, W, show, ex_m, ex_l)
        bookkeeping(T, S, R, r0, n, W)
        crises_and_phases(T, S, R, r0, n, turn + 1, W)
        score_and_endings(T, S, R, r0, n, turn + 1, W)
        next_event(T, S, R, r0, n, turn + 1, W)


@njit(cache=True, error_model="numpy", inline="always")
def new_work(T, turn):
    """The working rows of one call, and the random words every game shares this turn.

    Allocated once per call, not once per block. The words are the shared half of
    each random draw (docs/model.md, "Randomness"); each game's key is the other half.
    """
    M, A, L, E = T.n_metrics, T.category.size, T.lag, T.event_p.size
    K, P, N = T.n_crises, T.weights.shape[0], T.ending_prog.size
    nn = T.noisy.size
    luck_words = np.empty(9, dtype=np.uint64)
    for q in range(9):
        luck_words[q] = rng.counter(turn, rng.EFFECTS, q)
    drift_words = np.empty(3 * nn, dtype=np.uint64)
    for q in range(3 * nn):
        drift_words[q] = rng.counter(turn, rng.DRIFT, q)
    event_words = np.empty(E, dtype=np.uint64)
    for q in range(E):
        event_words[q] = rng.counter(turn + 1, rng.EVENTS, q)
    flag = np.bool_
    return Work(
        new_scratch(T), np.empty((3, BLOCK)), np.empty((A, BLOCK), dtype=flag), np.zeros((M, BLOCK)),
        np.empty((K, BLOCK)), np.empty((K, BLOCK)), np.zeros((P, BLOCK)), np.zeros((N, BLOCK)),
        np.empty((E, BLOCK)),
        np.empty(BLOCK, dtype=flag), np.empty(BLOCK, dtype=flag), np.empty(BLOCK, dtype=flag),
        np.empty(BLOCK, dtype=flag), np.empty(BLOCK, dtype=flag), np.empty(BLOCK, dtype=flag),
        np.empty(BLOCK), np.empty(BLOCK, dtype=np.int64),
        np.empty((3, BLOCK)), np.empty((M, BLOCK)), np.empty((M, BLOCK)), np.empty((M, BLOCK)),
        np.empty((M, BLOCK)), np.empty((M, BLOCK)), np.zeros((M, BLOCK)), np.empty(BLOCK), np.empty(BLOCK),
        np.empty((3, BLOCK), dtype=np.int64),
        np.zeros((L * M, BLOCK)), np.zeros((L * M, BLOCK)), np.zeros((L * M, BLOCK)), np.zeros(L * M),
        luck_words, drift_words, event_words,
    )


@njit(cache=True, error_model="numpy", inline="always")
def mark_running(ending, r0, n, live):
    """live[j]: game r0 + j has not ended. False when no game of the block runs (it is skipped)."""
    any_live = False
    for j in range(n):
        live[j] = ending[r0 + j] == RUNNING
        any_live = any_live or live[j]
    return any_live


@njit(cache=True, error_model="numpy", inline="always")
def start_of_turn(T, S, R, r0, n, turn, actions, W):
    """What the situation at the start of the turn allows (docs/model.md, "1. The situation").

    Effectiveness per category, the legal actions, the drift formulas, and which of
    the player's wishes are taken (legal, within the action points and the money, in
    order). All read the state before anything of this turn changed it.
    """
    scratch, driftv = W.scratch, W.driftv
    situation_block(T, S, R, r0, n, turn, scratch, W.eff, W.take, True)
    for m in range(T.n_metrics):
        if T.drift_prog[m] >= 0:
            run_program(T, T.drift_prog[m], scratch.var, n, scratch.stack, driftv[m])
    within_means(T, S[1], R, r0, n, actions, W.take, scratch)


@njit(cache=True, error_model="numpy", inline="always")
def draw_luck(T, keys, r0, n, W):
    """One luck factor per game and category, 1 + effect_noise * bell (docs/model.md, "2. Luck").

    Every action of a category this turn shares it, so a lucky turn is lucky for all
    of a game's leadership actions alike.
    """
    k_row, luck, words, noise = keys[r0: r0 + n], W.luck, W.luck_words, T.effect_noise
    for c in range(3):
        w0, w1, w2 = words[c], words[3 + c], words[6 + c]
        l_row = luck[c]
        for j in range(n):
            l_row[j] = 1.0 + noise * rng.bell(k_row[j], w0, w1, w2)


@njit(cache=True, error_model="numpy", inline="always")
def headroom(T, x, R, r0, n, W):
    """Gains shrink near a metric's max, losses near its min (docs/model.md, "3. Headroom").

    up = clip((max - value) * 2 / span, 0, 1) scales gains, down = clip((value - min)
    * 2 / span, 0, 1) scales losses, for metrics that saturate; 1 for the others. So
    pushing a metric that is already high does little, as with real teams.
    """
    lo, hi, room, saturates, up, down = T.lo, T.hi, T.room, T.saturates, W.up, W.down
    for m in range(T.n_metrics):
        base = m * R + r0
        u_row, w_row = up[m], down[m]
        if saturates[m]:
            hm, lm, rm = hi[m], lo[m], room[m]
            xs = x[base: base + n]
            for j in range(n):
                v = xs[j]
                u_row[j] = min(max((hm - v) * rm, 0.0), 1.0)
                w_row[j] = min(max((v - lm) * rm, 0.0), 1.0)
        else:
            for j in range(n):
                u_row[j] = 1.0
                w_row[j] = 1.0


@njit(cache=True, error_model="numpy", inline="always")
def action_effects(T, fatigue, R, r0, n, W, show, ex_a):
    """What the taken actions do, before headroom (docs/model.md, "4. Action effects").

    Each taken action works with strength used = effectiveness of its category x its
    fatigue x luck; its effects grow with that strength, its side effects do not. Gains
    and losses are summed apart (headroom scales them apart), now and for later turns;
    the costs are summed too.
    """
    A, category, cost_budget = T.category.size, T.category, T.cost_budget
    eff_ptr, eff_m, eff_gain, eff_loss = T.eff_ptr, T.eff_m, T.eff_gain, T.eff_loss
    del_ptr, del_cell, del_gain, del_loss = T.del_ptr, T.del_cell, T.del_gain, T.del_loss
    take, eff, luck, used, cost, gain, loss = W.take, W.eff, W.luck, W.used, W.cost, W.gain, W.loss
    later_pos, later_neg = W.later_pos, W.later_neg
    for m in range(T.n_metrics):
        for j in range(n):
            gain[m, j] = 0.0
            loss[m, j] = 0.0
    for cell in T.cells:
        for j in range(n):
            later_pos[cell, j] = 0.0
            later_neg[cell, j] = 0.0
    for j in range(n):
        cost[j] = 0.0
    for a in range(A):
        cat = category[a]
        fb = a * R + r0
        c_b = cost_budget[a]
        took_row, eff_row, luck_row, fat_row = take[a], eff[cat], luck[cat], fatigue[fb: fb + n]
        for j in range(n):
            took = took_row[j]
            used[j] = eff_row[j] * fat_row[j] * luck_row[j] if took else 0.0
            cost[j] += c_b if took else 0.0
        if show:
            ex_a[EX_TAKEN, a] = 1.0 if take[a, 0] else 0.0
            ex_a[EX_MULT, a] = eff[cat, 0] * fatigue[fb] * luck[cat, 0]
            ex_a[EX_USED, a] = used[0]
        for i in range(eff_ptr[a], eff_ptr[a + 1]):
            m = eff_m[i]
            g0, g1, l0, l1 = eff_gain[0, i], eff_gain[1, i], eff_loss[0, i], eff_loss[1, i]
            gain_row, loss_row = gain[m], loss[m]
            for j in range(n):
                took = took_row[j]
                gain_row[j] += used[j] * g0 + g1 if took else 0.0
                loss_row[j] += used[j] * l0 + l1 if took else 0.0
        for i in range(del_ptr[a], del_ptr[a + 1]):
            cell = del_cell[i]
            dp, dn = del_gain[i], del_loss[i]
            pos_row, neg_row = later_pos[cell], later_neg[cell]
            for j in range(n):
                pos_row[j] += used[j] * dp
                neg_row[j] += used[j] * dn


@njit(cache=True, error_model="numpy", inline="always")
def within_headroom(T, n, W):
    """This turn's change from the actions: gains x up + losses x down, less the costs.

    The delayed parts are scaled by today's headroom too, when they are scheduled
    (docs/model.md, "4. Action effects").
    """
    delta, gain, loss, up, down, fresh = W.delta, W.gain, W.loss, W.up, W.down, W.fresh
    later_pos, later_neg, cost = W.later_pos, W.later_neg, W.cost
    for m in range(T.n_metrics):
        d_row, g_row, l_row, u_row, w_row = delta[m], gain[m], loss[m], up[m], down[m]
        for j in range(n):
            d_row[j] = g_row[j] * u_row[j] + l_row[j] * w_row[j]
    cells, cell_m = T.cells, T.cell_m
    for i in range(cells.size):
        cell, m = cells[i], cell_m[i]
        f_row, p_row, q_row, u_row, w_row = fresh[cell], later_pos[cell], later_neg[cell], up[m], down[m]
        for j in range(n):
            f_row[j] = p_row[j] * u_row[j] + q_row[j] * w_row[j]
    d_row = delta[T.budget]
    for j in range(n):
        d_row[j] -= cost[j]


@njit(cache=True, error_model="numpy", inline="always")
def answer_event(T, S, R, r0, n, turn, choice, W, show, ex_m):
    """The player's answer to the waiting event takes effect (docs/model.md, "5. The event's answer").

    Game by game, since each game has its own event. A choice of a category is scaled
    by that category's effectiveness and luck; every choice meets headroom and pays
    its cost; a choice may schedule a follow-up event.
    """
    event, followup, followup_turn = S[10], S[13], S[14]
    M, bi, cells, cell_k, cell_m = T.n_metrics, T.budget, T.cells, T.cell_k, T.cell_m
    live, eff, luck, up, down, delta, fresh = W.live, W.eff, W.luck, W.up, W.down, W.delta, W.fresh
    if show:
        for m in range(M):
            ex_m[EX_EVENT, m] = 0.0
    for j in range(n):
        r = r0 + j
        e = event[r]
        if e == NO_EVENT or not live[j]:
            continue
        c = min(max(choice[r], 0), T.n_choices[e] - 1)
        cat = T.choice_category[e, c]
        scale = eff[cat, j] * luck[cat, j] if cat >= 0 else 1.0
        for m in range(M):
            raw = T.choice_effects[e, c, m] * scale
            amount = max(raw, 0.0) * up[m, j] + min(raw, 0.0) * down[m, j]
            if m == bi:
                amount -= T.choice_cost[e, c]
            delta[m, j] += amount
            if show and j == 0:
                ex_m[EX_EVENT, m] = amount
        for i in range(cells.size):
            cell, k, m = cells[i], cell_k[i], cell_m[i]
            raw = T.choice_delayed[e, c, k, m] * scale
            amount = max(raw, 0.0) * up[m, j] + min(raw, 0.0) * down[m, j]
            fresh[cell, j] += amount
            if show and j == 0:
                W.ev_fresh0[cell] = amount
        if T.followup[e, c] >= 0:
            followup[r] = T.followup[e, c]
            followup_turn[r] = turn + T.followup_after[e, c]


@njit(cache=True, error_model="numpy", inline="always")
def delayed_arrive(T, pending, R, r0, n, W, show, ex_m):
    """Effects scheduled for this turn arrive; the rest move a turn closer (docs/model.md, "6. Delayed effects").

    pending holds L future turns per metric; slot 0 is due now. This turn's new
    delayed effects (fresh) join the queue behind what is already waiting.
    """
    L, M, live, delta, fresh = T.lag, T.n_metrics, W.live, W.delta, W.fresh
    for m in T.cell_metrics:
        slot0 = R * L * m + r0  # (r0, 0, m)
        d_row, due = delta[m], pending[slot0: slot0 + n]
        for j in range(n):
            d_row[j] += due[j]
        if show:
            ex_m[EX_DUE, m] = pending[slot0]
        for k in range(L):
            here = pending[slot0 + R * k: slot0 + R * k + n]
            f_row = fresh[k * M + m]
            if k < L - 1:
                later = pending[slot0 + R * (k + 1): slot0 + R * (k + 1) + n]
                for j in range(n):
                    here[j] = later[j] + f_row[j] if live[j] else here[j]
            else:
                for j in range(n):
                    here[j] = f_row[j] if live[j] else here[j]


@njit(cache=True, error_model="numpy", inline="always")
def crises_in_force(T, crisis, R, r0, n, W):
    """Every crisis in force adds its fixed effects per turn (docs/model.md, "7. Crises in force")."""
    delta = W.delta
    for k in range(T.n_crises):
        on_row = crisis[k * R + r0: k * R + r0 + n]
        for m in range(T.n_metrics):
            ce = T.crisis_effects[k, m]
            if ce != 0.0:  # adding 0.0 changes nothing
                d_row = delta[m]
                for j in range(n):
                    d_row[j] += ce if on_row[j] else 0.0


@njit(cache=True, error_model="numpy", inline="always")
def drift_and_wobble(T, keys, r0, n, W):
    """Each metric's drift formula and its random wobble (docs/model.md, "8. Drift and wobble").

    Drift was computed on the start-of-turn situation; wobble is noise_sd x bell, per
    game and noisy metric, the same for a game whatever the player did.
    """
    delta, driftv, wobble, words = W.delta, W.driftv, W.wobble, W.drift_words
    for m in range(T.n_metrics):
        if T.drift_prog[m] >= 0:
            d_row, v_row = delta[m], driftv[m]
            for j in range(n):
                d_row[j] += v_row[j]
    noisy = T.noisy
    nn = noisy.size
    k_row = keys[r0: r0 + n]
    for q in range(nn):
        m = noisy[q]
        w0, w1, w2 = words[q], words[nn + q], words[2 * nn + q]
        sd = T.noise_sd[m]
        d_row, w_row = delta[m], wobble[m]
        for j in range(n):
            w_row[j] = rng.bell(k_row[j], w0, w1, w2) * sd
            d_row[j] += w_row[j]


@njit(cache=True, error_model="numpy", inline="always")
def apply_within_bounds(T, x, prev_x, R, r0, n, W, show, ex_m, ex_l):
    """value = clip(value + change, min, max); the old value is kept for "change since last turn".

    (docs/model.md, "9. Applying the change".) With `show`, game 0's parts of the
    change are copied out for the turn report.
    """
    live, delta = W.live, W.delta
    for m in range(T.n_metrics):
        base = m * R + r0
        lm, hm = T.lo[m], T.hi[m]
        if show:
            ex_m[EX_RAW, m] = x[base] + delta[m, 0]
            ex_m[EX_UP, m] = W.up[m, 0]
            ex_m[EX_DOWN, m] = W.down[m, 0]
            ex_m[EX_DRIFT, m] = W.driftv[m, 0] if T.drift_prog[m] >= 0 else 0.0
            ex_m[EX_WOBBLE, m] = W.wobble[m, 0]
        xs, ps, d_row = x[base: base + n], prev_x[base: base + n], delta[m]
        for j in range(n):
            old = xs[j]
            xs[j] = min(max(old + d_row[j], lm), hm) if live[j] else old
            ps[j] = old if live[j] else ps[j]
    if show:
        cells = T.cells
        for i in range(cells.size):
            ex_l[T.cell_k[i], T.cell_m[i]] = W.ev_fresh0[cells[i]]


@njit(cache=True, error_model="numpy", inline="always")
def bookkeeping(T, S, R, r0, n, W):
    """Cooldowns, fatigue and the count of actions per phase and category (docs/model.md, "10. Bookkeeping").

    fatigue = sqrt(fatigue) x diminishing when the action was taken, sqrt(fatigue)
    otherwise: diminishing ^ (recent uses, halving every turn), without a power, whose
    last bits differ between machines. The answered event is cleared.
    """
    phase, cooldown, fatigue, event, mix = S[2], S[5], S[6], S[10], S[16]
    P, live, take, kinds = T.weights.shape[0], W.live, W.take, W.kinds
    for c in range(3):
        for j in range(n):
            kinds[c, j] = 0
    for a in range(T.category.size):
        fb = a * R + r0
        dim, cd = T.diminishing[a], T.cooldown[a]
        fat, cool, took_row, kind_row = fatigue[fb: fb + n], cooldown[fb: fb + n], take[a], kinds[T.category[a]]
        for j in range(n):
            took = took_row[j]
            f = np.sqrt(fat[j])
            fat[j] = (f * dim if took else f) if live[j] else fat[j]
            cool[j] = (cd if took else max(cool[j] - 1, 0)) if live[j] else cool[j]
            kind_row[j] += 1 if took else 0  # only running games take actions
    for c in range(3):
        kind_row = kinds[c]
        for j in range(n):
            mix[R * (P * c + phase[r0 + j]) + r0 + j] += kind_row[j]
    for j in range(n):
        if live[j]:
            event[r0 + j] = NO_EVENT


@njit(cache=True, error_model="numpy", inline="always")
def crises_and_phases(T, S, R, r0, n, t1, W):
    """Crises start and end, the phase may advance (docs/model.md, "11. Crises and phases change").

    Judged on the new values with the crisis flags as they were. A crisis in force
    ends when its end condition holds; one not in force starts when its start
    condition does. The next phase begins at its turn or when its condition holds.
    """
    x, phase, crisis, crisis_count = S[1], S[2], S[8], S[9]
    K, P, live = T.n_crises, T.weights.shape[0], W.live
    var, stack, c_start, c_end, ph_when = W.scratch.var, W.scratch.stack, W.c_start, W.c_end, W.ph_when
    fill(T, x, crisis, phase, R, r0, n, t1, var)
    for k in range(K):
        run_program(T, T.crisis_start[k], var, n, stack, c_start[k])
        run_program(T, T.crisis_end[k], var, n, stack, c_end[k])
    for p in range(1, P):
        if T.phase_prog[p] >= 0:
            run_program(T, T.phase_prog[p], var, n, stack, ph_when[p])
    # (Written without branches or `not`, which keep the compiler from using vector code;
    # for booleans, a > b means "a and not b".)
    for k in range(K):
        on_row, count_row = crisis[k * R + r0: k * R + r0 + n], crisis_count[k * R + r0: k * R + r0 + n]
        s_row, e_row = c_start[k], c_end[k]
        for j in range(n):
            on = on_row[j]
            now = ((e_row[j] == 0.0) & on) | ((s_row[j] != 0.0) > on)
            now = now if live[j] else on
            count_row[j] += 1 if now > on else 0
            on_row[j] = now
    if P > 1:
        phase_turn, phase_prog = T.phase_turn, T.phase_prog
        for j in range(n):
            ph = phase[r0 + j]
            nxt = min(ph + 1, P - 1)
            due = (t1 >= phase_turn[nxt]) | ((phase_prog[nxt] >= 0) & (ph_when[nxt, j] != 0.0))
            phase[r0 + j] = nxt if live[j] & (ph < P - 1) & due else ph


@njit(cache=True, error_model="numpy", inline="always")
def score_and_endings(T, S, R, r0, n, t1, W):
    """The turn's score, then the first ending whose condition holds (docs/model.md, "12. Score and endings").

    Each metric adds its position on its scale (0 at the bad end, 1 at the good end);
    endings marked at_end are only judged after the last turn, and if none holds
    then, the last at_end ending applies. Event conditions are judged here too, on
    the same values, for the next stage.
    """
    x, phase, ending, ended_at, crisis, score_sum = S[1], S[2], S[3], S[4], S[8], S[15]
    last = t1 >= T.turns
    live, open_, end_when = W.live, W.open_, W.end_when
    var, stack = W.scratch.var, W.scratch.stack
    fill(T, x, crisis, phase, R, r0, n, t1, var)
    for q in range(T.ending_prog.size):
        if last or not T.ending_at_end[q]:
            run_program(T, T.ending_prog[q], var, n, stack, end_when[q])
    for q in range(T.event_p.size):
        run_program(T, T.event_prog[q], var, n, stack, W.ev_when[q])
    for m in range(T.n_metrics):
        base = m * R + r0
        lm, im = T.lo[m], T.inv_span[m]
        higher = T.good_higher[m]
        xs, sc = x[base: base + n], score_sum[base: base + n]
        for j in range(n):
            norm = min(max((xs[j] - lm) * im, 0.0), 1.0)
            sc[j] += (norm if higher else 1.0 - norm) if live[j] else 0.0
    for j in range(n):
        open_[j] = live[j]
    for q in range(T.ending_prog.size):
        if last or not T.ending_at_end[q]:
            w_row = end_when[q]
            for j in range(n):
                hit = open_[j] & (w_row[j] != 0.0)
                ending[r0 + j] = q if hit else ending[r0 + j]
                ended_at[r0 + j] = t1 if hit else ended_at[r0 + j]
                open_[j] = open_[j] > hit
    if last:  # no ending matched: the last at_end ending applies
        for j in range(n):
            if open_[j]:
                ending[r0 + j] = T.fallback
                ended_at[r0 + j] = t1


@njit(cache=True, error_model="numpy", inline="always")
def next_event(T, S, R, r0, n, t1, W):
    """Which event waits for the player next turn (docs/model.md, "13. The next event").

    A follow-up that is due comes first. Otherwise every eligible event (its phase,
    its condition, off cooldown, not a spent one-off) rolls u < p; of those that
    fire, the one that beat its odds most (smallest u / p) wins.
    """
    E = T.event_p.size
    if E == 0:
        return
    keys, phase, ending, event, event_count, event_cooldown, followup, followup_turn = \
        S[0], S[2], S[3], S[10], S[11], S[12], S[13], S[14]
    live, playing, forced, rolls, ok_phase, best, chosen = W.live, W.playing, W.forced, W.rolls, W.ok_phase, \
        W.best, W.chosen
    for q in range(E):
        cd_row = event_cooldown[q * R + r0: q * R + r0 + n]
        for j in range(n):
            cd_row[j] = max(cd_row[j] - 1, 0) if live[j] else cd_row[j]
    for j in range(n):
        r = r0 + j
        playing[j] = ending[r] == RUNNING
        forced[j] = playing[j] & (followup[r] != NO_EVENT) & (followup_turn[r] <= t1)
        rolls[j] = playing[j] > forced[j]
        best[j] = np.inf
        chosen[j] = NO_EVENT
    k_row = keys[r0: r0 + n]
    for q in range(E):
        w_row = W.ev_when[q]
        cd_row = event_cooldown[q * R + r0: q * R + r0 + n]
        count_row = event_count[q * R + r0: q * R + r0 + n]
        odds, again, word = T.event_p[q], not T.event_once[q], W.event_words[q]
        if T.event_everywhere[q]:
            for j in range(n):
                ok_phase[j] = True
        else:
            for j in range(n):
                ok_phase[j] = T.event_phase[q, phase[r0 + j]]
        for j in range(n):
            u = rng.unit(k_row[j], word)
            ratio = u / odds
            fire = (rolls[j] & ok_phase[j] & (w_row[j] != 0.0) & (cd_row[j] == 0)
                    & ((count_row[j] == 0) | again) & (u < odds) & (ratio < best[j]))
            best[j] = ratio if fire else best[j]
            chosen[j] = q if fire else chosen[j]
    for j in range(n):
        if not playing[j]:
            continue
        r = r0 + j
        pick = chosen[j]
        if forced[j]:
            pick = followup[r]
            followup[r] = NO_EVENT
        event[r] = pick
        if pick != NO_EVENT:
            event_count[pick * R + r] += 1
            event_cooldown[pick * R + r] = T.event_cd[pick]
