"""The rules of one turn, compiled: the only copy of the game's rules.

`advance` plays one turn for every game of a batch; the interactive game is the
same call with one game. It is compiled by numba to machine code, because the
rules are a long chain of small steps per game and doing them as whole-array
numpy passes spent most of the time moving arrays through memory.

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


# --- one turn ----------------------------------------------------------------------

@njit(cache=True, error_model="numpy")
def advance(T, S, turn, actions, choice, explain, ex_a, ex_m, ex_l):
    """Play turn `turn` for every running game in S (flat, metric-major arrays), in place.

    actions: (A * R) bool wishes, action-major (illegal ones and those beyond
    the action points or the money are dropped, in order); choice: (R,) answer
    to the waiting event. With `explain`, game 0's intermediate amounts are
    written to ex_a (3, A), ex_m (7, M) and ex_l (L, M) for the turn report.
    """
    (keys, x, phase, ending, ended_at, cooldown, fatigue, pending, crisis, crisis_count, event,
     event_count, event_cooldown, followup, followup_turn, score_sum, mix, prev_x) = S
    R = keys.size
    M = T.n_metrics
    A = T.category.size
    L = T.lag
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

    scratch = new_scratch(T)
    var, stack = scratch.var, scratch.stack
    eff = np.empty((3, BLOCK))
    take = np.empty((A, BLOCK), dtype=np.bool_)
    driftv = np.zeros((M, BLOCK))
    c_start = np.empty((K, BLOCK))
    c_end = np.empty((K, BLOCK))
    ph_when = np.zeros((P, BLOCK))
    end_when = np.zeros((N, BLOCK))
    ev_when = np.empty((E, BLOCK))
    live = np.empty(BLOCK, dtype=np.bool_)
    open_ = np.empty(BLOCK, dtype=np.bool_)  # no ending yet
    playing = np.empty(BLOCK, dtype=np.bool_)
    forced = np.empty(BLOCK, dtype=np.bool_)
    rolls = np.empty(BLOCK, dtype=np.bool_)  # running, with no follow-up due
    ok_phase = np.empty(BLOCK, dtype=np.bool_)
    best = np.empty(BLOCK)
    chosen = np.empty(BLOCK, dtype=np.int64)
    luck = np.empty((3, BLOCK))
    up = np.empty((M, BLOCK))
    down = np.empty((M, BLOCK))
    gain = np.empty((M, BLOCK))
    loss = np.empty((M, BLOCK))
    delta = np.empty((M, BLOCK))
    wobble = np.zeros((M, BLOCK))
    used = np.empty(BLOCK)
    cost = np.empty(BLOCK)
    kinds = np.empty((3, BLOCK), dtype=np.int64)  # actions taken per category this turn
    later_pos = np.zeros((L * M, BLOCK))  # (turn, metric) cells; only `cells` are ever non-zero
    later_neg = np.zeros((L * M, BLOCK))
    fresh = np.zeros((L * M, BLOCK))
    ev_fresh0 = np.zeros(L * M)  # game 0's share of `fresh` from its event answer (for the report)

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
        show = explain and r0 == 0 and live[0]

        # Expressions and choices on the situation at the start of the turn.
        situation_block(T, S, R, r0, n, t, scratch, eff, take)
        for m in range(M):
            if drift_prog[m] >= 0:
                run_program(T, drift_prog[m], var, n, stack, driftv[m])
        within_means(T, x, R, r0, n, actions, take, scratch)

        # 1. Luck: one draw per category scales this turn's action effects.
        k_row = keys[r0: r0 + n]
        for c in range(3):
            w0, w1, w2 = luck_words[c], luck_words[3 + c], luck_words[6 + c]
            l_row = luck[c]
            for j in range(n):
                l_row[j] = 1.0 + effect_noise * rng.bell(k_row[j], w0, w1, w2)
        # Gains shrink near a metric's max and losses near its min (headroom).
        for m in range(M):
            base = m * R + r0
            if saturates[m]:
                # room[m] = 2 / span
                hm, lm, rm = hi[m], lo[m], room[m]
                xs, u_row, w_row = x[base: base + n], up[m], down[m]
                for j in range(n):
                    v = xs[j]
                    u_row[j] = min(max((hm - v) * rm, 0.0), 1.0)
                    w_row[j] = min(max((v - lm) * rm, 0.0), 1.0)
            else:
                for j in range(n):
                    up[m, j] = 1.0
                    down[m, j] = 1.0
            for j in range(n):
                gain[m, j] = 0.0
                loss[m, j] = 0.0
        for cell in cells:
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
        for m in range(M):
            d_row, g_row, l_row, u_row, w_row = delta[m], gain[m], loss[m], up[m], down[m]
            for j in range(n):
                d_row[j] = g_row[j] * u_row[j] + l_row[j] * w_row[j]
        for i in range(cells.size):
            cell, m = cells[i], cell_m[i]
            f_row, p_row, q_row, u_row, w_row = fresh[cell], later_pos[cell], later_neg[cell], up[m], down[m]
            for j in range(n):
                f_row[j] = p_row[j] * u_row[j] + q_row[j] * w_row[j]
        for j in range(n):
            delta[bi, j] -= cost[j]

        # 2. The answer to the waiting event (game by game: each has its own event).
        if show:
            for m in range(M):
                ex_m[EX_EVENT, m] = 0.0
        for j in range(n):
            r = r0 + j
            e = event[r]
            if e == NO_EVENT or not live[j]:
                continue
            c = min(max(choice[r], 0), n_choices[e] - 1)
            cat = choice_category[e, c]
            scale = eff[cat, j] * luck[cat, j] if cat >= 0 else 1.0
            for m in range(M):
                raw = choice_effects[e, c, m] * scale
                amount = max(raw, 0.0) * up[m, j] + min(raw, 0.0) * down[m, j]
                if m == bi:
                    amount -= choice_cost[e, c]
                delta[m, j] += amount
                if show and j == 0:
                    ex_m[EX_EVENT, m] = amount
            for i in range(cells.size):
                cell, k, m = cells[i], cell_k[i], cell_m[i]
                raw = choice_delayed[e, c, k, m] * scale
                amount = max(raw, 0.0) * up[m, j] + min(raw, 0.0) * down[m, j]
                fresh[cell, j] += amount
                if show and j == 0:
                    ev_fresh0[cell] = amount
            if next_event[e, c] >= 0:
                followup[r] = next_event[e, c]
                followup_turn[r] = t + next_after[e, c]

        # 3. Delayed effects from earlier turns arrive; the rest move one turn closer.
        for m in cell_metrics:
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

        # 4. Crises in force, the drift of every metric, and random wobble.
        for k in range(K):
            on_row = crisis[k * R + r0: k * R + r0 + n]
            for m in range(M):
                ce = crisis_effects[k, m]
                if ce != 0.0:  # adding 0.0 changes nothing
                    d_row = delta[m]
                    for j in range(n):
                        d_row[j] += ce if on_row[j] else 0.0
        for m in range(M):
            if drift_prog[m] >= 0:
                d_row, v_row = delta[m], driftv[m]
                for j in range(n):
                    d_row[j] += v_row[j]
        for q in range(nn):
            m = noisy[q]
            w0, w1, w2 = drift_words[q], drift_words[nn + q], drift_words[2 * nn + q]
            sd = noise_sd[m]
            d_row, w_row, k_row = delta[m], wobble[m], keys[r0: r0 + n]
            for j in range(n):
                w_row[j] = rng.bell(k_row[j], w0, w1, w2) * sd
                d_row[j] += w_row[j]

        # 5. Apply, within bounds.
        for m in range(M):
            base = m * R + r0
            lm, hm = lo[m], hi[m]
            if show:
                ex_m[EX_RAW, m] = x[base] + delta[m, 0]
                ex_m[EX_UP, m] = up[m, 0]
                ex_m[EX_DOWN, m] = down[m, 0]
                ex_m[EX_DRIFT, m] = driftv[m, 0] if drift_prog[m] >= 0 else 0.0
                ex_m[EX_WOBBLE, m] = wobble[m, 0]
            xs, ps, d_row = x[base: base + n], prev_x[base: base + n], delta[m]
            for j in range(n):
                old = xs[j]
                xs[j] = min(max(old + d_row[j], lm), hm) if live[j] else old
                ps[j] = old if live[j] else ps[j]
        if show:
            for i in range(cells.size):
                ex_l[cell_k[i], cell_m[i]] = ev_fresh0[cells[i]]

        # 6. Bookkeeping: cooldowns, fatigue, the mix of leadership and management.
        for c in range(3):
            for j in range(n):
                kinds[c, j] = 0
        for a in range(A):
            fb = a * R + r0
            dim, cd = diminishing[a], action_cooldown[a]
            fat, cool, took_row, kind_row = fatigue[fb: fb + n], cooldown[fb: fb + n], take[a], kinds[category[a]]
            for j in range(n):
                # fatigue = diminishing ^ (recent uses, halving every turn), kept as a product
                # with a square root (exactly rounded everywhere) instead of a power.
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

        # Crises start and end, phases advance (on the new values, crisis flags as they were).
        fill(T, x, crisis, phase, R, r0, n, t1, var)
        for k in range(K):
            run_program(T, T.crisis_start[k], var, n, stack, c_start[k])
            run_program(T, T.crisis_end[k], var, n, stack, c_end[k])
        for p in range(1, P):
            if phase_prog[p] >= 0:
                run_program(T, phase_prog[p], var, n, stack, ph_when[p])
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
            for j in range(n):
                ph = phase[r0 + j]
                nxt = min(ph + 1, P - 1)
                due = (t1 >= phase_turn[nxt]) | ((phase_prog[nxt] >= 0) & (ph_when[nxt, j] != 0.0))
                phase[r0 + j] = nxt if live[j] & (ph < P - 1) & due else ph

        # Score, endings and the next event (on the new crisis flags and phase).
        fill(T, x, crisis, phase, R, r0, n, t1, var)
        for q in range(N):
            if last or not ending_at_end[q]:
                run_program(T, T.ending_prog[q], var, n, stack, end_when[q])
        for q in range(E):
            run_program(T, event_prog[q], var, n, stack, ev_when[q])
        for m in range(M):
            base = m * R + r0
            lm, im = lo[m], inv_span[m]
            higher = good_higher[m]
            xs, sc = x[base: base + n], score_sum[base: base + n]
            for j in range(n):
                norm = min(max((xs[j] - lm) * im, 0.0), 1.0)
                sc[j] += (norm if higher else 1.0 - norm) if live[j] else 0.0
        # The first ending whose condition holds ends the game (at_end ones only after the last turn).
        for j in range(n):
            open_[j] = live[j]
        for q in range(N):
            if last or not ending_at_end[q]:
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
        if E == 0:
            continue
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
        # Every eligible event rolls; of those that fire, the one that beat its odds most wins.
        k_row = keys[r0: r0 + n]
        for q in range(E):
            w_row = ev_when[q]
            cd_row = event_cooldown[q * R + r0: q * R + r0 + n]
            count_row = event_count[q * R + r0: q * R + r0 + n]
            odds, again, word = event_p[q], not event_once[q], event_words[q]
            if T.event_everywhere[q]:
                for j in range(n):
                    ok_phase[j] = True
            else:
                for j in range(n):
                    ok_phase[j] = event_phase[q, phase[r0 + j]]
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
                event_cooldown[pick * R + r] = event_cd[pick]
