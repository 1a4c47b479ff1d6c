"""What changes the metrics this turn, summed and then applied within bounds (docs/model.md, stages 4-9).

Stages of kernel.advance, each inlined into it by the compiler (numba
inline="always"). The actions' effects, the event's answer, delayed effects
arriving, crises in force, drift and wobble are all added into one change per
game and metric (W.delta), which apply_within_bounds adds to the values. With
`show`, game 0's parts are copied into the explanation buffers for the turn
report (step.py reads them by the EX_ rows below).
"""

from __future__ import annotations

from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import rng
from .blockwise import NO_EVENT

# Rows of the explanation buffers (run 0 only, for the turn report): ex_a (3, A) and ex_m (7, M).
EX_TAKEN, EX_USED, EX_MULT = 0, 1, 2
EX_UP, EX_DOWN, EX_EVENT, EX_DRIFT, EX_WOBBLE, EX_RAW, EX_DUE = 0, 1, 2, 3, 4, 5, 6


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
