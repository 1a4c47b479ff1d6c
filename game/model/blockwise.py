"""What every compiled entry point needs for a block of games at the start of a turn.

The expression variables of a block (`fill`), a scenario expression run over
them (`run_program`), the legal actions of each game (`situation_block`) and
its effectiveness per category (`effectiveness_block`), and which wished-for
actions fit the action points and the money (`within_means`). The turn (kernel.advance), the random bot
(randombot.py) and the interface's questions (`situation`, `sanitize`) all use
these, so legality is written once. Arrays are flat and metric-major, as
kernel.py describes; blocks are BLOCK games long.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import vm
from .twins import entry

BLOCK = 512  # games per block: long loops for the vector units; scratch still mostly in the L2 cache
NO_EVENT = -1
RUNNING = -1

Scratch = namedtuple("Scratch", ["var", "stack", "effraw", "req", "running", "phase", "spent", "paid", "money"])


@njit(cache=True)
def new_scratch(T, width):
    """Working rows for one block of `width` games, allocated once per call rather than once per block.

    width = min(BLOCK, R): a single game (R = 1) must not allocate and clear rows for 512.
    """
    return Scratch(np.empty((T.n_metrics + T.n_crises + 3, width)), np.empty((T.depth + 1, width)),
                   np.empty((3, width)), np.zeros((T.category.size, width)), np.empty(width, dtype=np.bool_),
                   np.empty(width, dtype=np.int64), np.empty(width, dtype=np.int64), np.empty(width),
                   np.empty(width))


@njit(cache=True)
def fill(T, x, crisis, phase, R, r0, n, turn, var):
    """Expression variables for games r0..r0+n: metrics, crisis flags, turn, turns_left, phase."""
    M, K = T.n_metrics, T.n_crises
    for i in range(M):
        row = var[i]
        base = i * R + r0
        for j in range(n):
            row[j] = x[base + j]
    for k in range(K):
        row = var[M + k]
        base = k * R + r0
        for j in range(n):
            row[j] = 1.0 if crisis[base + j] else 0.0
    turns_left = float(T.turns - turn)
    for j in range(n):
        var[M + K, j] = float(turn)
        var[M + K + 1, j] = turns_left
        var[M + K + 2, j] = float(phase[r0 + j])


@njit(cache=True, inline="always")
def run_program(T, prog, var, n, stack, out):
    vm.run(T.code, T.consts, T.prog_start[prog], T.prog_stop[prog], var, n, stack, out)


@njit(cache=True)
def situation_block(T, S, R, r0, n, turn, scratch, legal):
    """Legal actions legal[a, j] of games r0..r0+n at the start of a turn; their variables stay in scratch.var.

    One function for every caller (the random bot needs no effectiveness, so that is
    effectiveness_block's, run after this on the same variables): a flag for it made
    numba compile this twice, once for True and once for False.
    """
    x, phase, ending, cooldown, crisis = S[1], S[2], S[3], S[5], S[8]
    A = T.category.size
    var, stack, req = scratch.var, scratch.stack, scratch.req
    fill(T, x, crisis, phase, R, r0, n, turn, var)
    for a in range(A):
        if T.req_prog[a] >= 0:
            run_program(T, T.req_prog[a], var, n, stack, req[a])
    budget, ap = T.budget, T.action_points
    action_phase, cost_budget, cost_ap, req_prog = T.action_phase, T.cost_budget, T.cost_ap, T.req_prog
    money = x[budget * R + r0: budget * R + r0 + n]
    running, ph = scratch.running, scratch.phase
    for j in range(n):
        running[j] = ending[r0 + j] == RUNNING
        ph[j] = phase[r0 + j]
    # One simple loop per condition over consecutive memory: these the compiler turns into vector code.
    for a in range(A):
        row = legal[a]
        if cost_ap[a] > ap:
            for j in range(n):
                row[j] = False
            continue
        cost = cost_budget[a]
        cd = cooldown[a * R + r0: a * R + r0 + n]
        if cost <= 0.0:  # free actions stay possible when a scenario lets the budget go below zero
            for j in range(n):
                row[j] = running[j] & (cd[j] == 0)
        else:
            for j in range(n):
                row[j] = running[j] & (cd[j] == 0) & (money[j] >= cost)
        if not T.everywhere[a]:
            for j in range(n):
                row[j] = row[j] & action_phase[a, ph[j]]
        if req_prog[a] >= 0:
            for j in range(n):
                row[j] = row[j] & (req[a, j] != 0.0)


@njit(cache=True)
def effectiveness_block(T, phase, r0, n, scratch, eff):
    """Effectiveness eff[c, j] per category of games r0..r0+n, on the variables situation_block filled.

    max(formula, 0) x the phase's weight for the category (docs/model.md, "1. The situation").
    """
    var, stack, effraw, weights = scratch.var, scratch.stack, scratch.effraw, T.weights
    for c in range(3):
        run_program(T, T.eff_prog[c], var, n, stack, effraw[c])
        e_row, raw_row = eff[c], effraw[c]
        for j in range(n):
            e_row[j] = max(raw_row[j], 0.0) * weights[phase[r0 + j], c]


@njit(cache=True)
def within_means(T, x, R, r0, n, wishes, take, scratch):
    """take[a, j]: the legal wishes, dropping those beyond the action points or the money left, in order."""
    A = T.category.size
    cost_budget, cost_ap, ap = T.cost_budget, T.cost_ap, T.action_points
    base = T.budget * R + r0
    spent, paid, money = scratch.spent, scratch.paid, scratch.money
    for j in range(n):
        spent[j] = 0
        paid[j] = 0.0
        money[j] = max(x[base + j], 0.0) + 1e-9
    for a in range(A):
        c_ap = cost_ap[a]
        c_b = cost_budget[a]
        row = take[a]
        wish_row = wishes[a * R + r0: a * R + r0 + n]
        for j in range(n):
            wish = row[j] & wish_row[j]
            spent[j] += c_ap if wish else 0
            paid[j] += c_b if wish else 0.0
            row[j] = wish & (spent[j] <= ap) & (paid[j] <= money[j])


@entry
@njit(cache=True, error_model="numpy")
def situation(T, S, turn, legal_out, eff_out):
    """Which actions are legal (R, A) and the effectiveness per category (R, 3), at the start of a turn."""
    R = S[0].size
    A = T.category.size
    width = min(BLOCK, R)
    scratch = new_scratch(T, width)
    eff = np.empty((3, width))
    legal = np.empty((A, width), dtype=np.bool_)
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        situation_block(T, S, R, r0, n, turn, scratch, legal)
        effectiveness_block(T, S[2], r0, n, scratch, eff)
        for j in range(n):
            for c in range(3):
                eff_out[r0 + j, c] = eff[c, j]
            for a in range(A):
                legal_out[r0 + j, a] = legal[a, j]


@entry
@njit(cache=True)
def sanitize(T, x, actions, legal, out):
    """The actions a turn will really take (A * R flat), given the wishes and what is legal (both flat)."""
    R = x.size // T.n_metrics
    A = T.category.size
    width = min(BLOCK, R)
    take = np.empty((A, width), dtype=np.bool_)
    scratch = new_scratch(T, width)
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        for a in range(A):
            for j in range(n):
                take[a, j] = legal[a * R + r0 + j]
        within_means(T, x, R, r0, n, actions, take, scratch)
        for a in range(A):
            for j in range(n):
                out[a * R + r0 + j] = take[a, j]
