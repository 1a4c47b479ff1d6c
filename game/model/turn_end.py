"""The end of a turn: bookkeeping, crises and phases, score and endings, the next event (docs/model.md, 10-13).

Stages of kernel.advance, each inlined into it by the compiler (numba
inline="always"). They judge the new values: the turn's number here is t1, the
turn that comes next.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import rng
from .blockwise import NO_EVENT, RUNNING, fill, run_program


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

    Each metric adds its position on its scale (0 at the bad end, 1 at the good end), at most its
    score_top (score: enough: a surplus past it adds nothing);
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
        lm, im, top = T.lo[m], T.inv_span[m], T.score_top[m]
        higher = T.good_higher[m]
        xs, sc = x[base: base + n], score_sum[base: base + n]
        for j in range(n):
            norm = min(max((xs[j] - lm) * im, 0.0), 1.0)
            sc[j] += min(norm if higher else 1.0 - norm, top) if live[j] else 0.0
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
