"""The random bot, compiled: it plays as many games as the turn kernel, as fast.

Its decisions equal sorting the legal actions by a random draw per action and
taking them in that order while the action points and the money last.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from . import rng
from .twins import entry
from .blockwise import BLOCK, NO_EVENT, new_scratch, situation_block


@entry
@njit(cache=True, error_model="numpy")
def random_bot(T, S, turn, actions, choice):
    """The random bot: legal actions in a random order while points and money last; a random answer.

    actions: (A * R) output, action-major like the state. The order sorts the
    actions by a random draw; each draw carries its action's index in its low
    bits, so no two are equal and the order is never ambiguous.
    """
    keys, x, event = S[0], S[1], S[10]
    R = keys.size
    A = T.category.size
    cost_ap, cost_budget, n_choices = T.cost_ap, T.cost_budget, T.n_choices
    free_ap = False  # with an action that costs no points, a turn can go on after the points run out
    for a in range(A):
        free_ap = free_ap or cost_ap[a] == 0
    width = min(BLOCK, R)  # a single game allocates rows for one, not for a whole block
    scratch = new_scratch(T, width)
    legal = np.empty((A, width), dtype=np.bool_)
    rank = np.empty((A, width), dtype=np.uint64)
    nxt = np.empty(width, dtype=np.uint64)
    after = np.empty(width, dtype=np.uint64)
    ap = np.empty(width, dtype=np.int64)
    money = np.empty(width)
    picking = np.empty(width, dtype=np.bool_)
    words = np.empty(A, dtype=np.uint64)
    for a in range(A):
        words[a] = rng.counter(turn, rng.BOTS, a)
    answer = rng.counter(turn, rng.BOTS + 1, 0)
    top = np.uint64(0xFFFFFFFFFFFFFFFF)
    for r0 in range(0, R, BLOCK):
        n = min(BLOCK, R - r0)
        situation_block(T, S, R, r0, n, turn, scratch, legal)
        for a in range(A):
            word = words[a]
            legal_row, rank_row = legal[a], rank[a]
            for j in range(n):
                # an illegal action is never taken: rank it out of reach, so the rounds end sooner
                v = ((rng.mix(keys[r0 + j] ^ word) >> np.uint64(11)) << np.uint64(6)) | np.uint64(a)
                rank_row[j] = v if legal_row[j] else top
        # Pick in rounds: each round finds every game's next action in its random order
        # (one vector-friendly pass over the block per action) and takes it if it fits.
        for a in range(A):
            for j in range(n):
                actions[a * R + r0 + j] = False
        for j in range(n):
            ap[j] = T.action_points
            money[j] = x[T.budget * R + r0 + j]
            after[j] = 0
            picking[j] = True
        for i in range(A):
            for j in range(n):
                nxt[j] = top
            for b in range(A):
                row = rank[b]
                for j in range(n):
                    v = row[j]
                    nxt[j] = v if (v >= after[j]) & (v < nxt[j]) else nxt[j]
            still = False
            for j in range(n):
                if not picking[j]:
                    continue
                if nxt[j] == top:  # no legal action left
                    picking[j] = False
                    continue
                after[j] = nxt[j] + np.uint64(1)
                a = int(nxt[j] & np.uint64(63))
                cost = cost_budget[a]
                if legal[a, j] and cost_ap[a] <= ap[j] and (cost <= money[j] or cost <= 0.0):
                    actions[a * R + r0 + j] = True
                    ap[j] -= cost_ap[a]
                    money[j] -= cost
                picking[j] = free_ap or ap[j] != 0
                still = still or picking[j]
            if not still:
                break
        for j in range(n):
            r = r0 + j
            e = event[r]
            if e == NO_EVENT or n_choices.size == 0:
                choice[r] = 0
            else:
                choice[r] = min(int(rng.unit(keys[r], answer) * n_choices[e]), n_choices[e] - 1)
