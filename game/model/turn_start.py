"""The start of a turn: what the situation allows, luck, and headroom (docs/model.md, stages 1-3).

Stages of kernel.advance, each inlined into it by the compiler (numba
inline="always"): reading the state before anything of this turn changed it.
Every stage loops over the n games of one block (game r0 + j is column j of the
working rows in W, kernel.Work); kernel.py describes the flat, metric-major
layout of the state arrays.
"""

from __future__ import annotations

from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import rng
from .blockwise import effectiveness_block, run_program, situation_block, within_means


@njit(cache=True, error_model="numpy", inline="always")
def start_of_turn(T, S, R, r0, n, turn, actions, W):
    """What the situation at the start of the turn allows (docs/model.md, "1. The situation").

    Effectiveness per category, the legal actions, the drift formulas, and which of
    the player's wishes are taken (legal, within the action points and the money, in
    order). All read the state before anything of this turn changed it.
    """
    scratch, driftv = W.scratch, W.driftv
    situation_block(T, S, R, r0, n, turn, scratch, W.take)
    effectiveness_block(T, S[2], r0, n, scratch, W.eff)
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
