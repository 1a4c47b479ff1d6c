"""The rules of one turn, compiled: the only copy of the game's rules.

`advance` plays one turn for every game of a batch; the interactive game is the
same call with one game. It is a short sequence of named stages, in three
modules by the part of the turn they play:

* turn_start.py: the situation (what works, what is allowed), luck, headroom;
* turn_changes.py: the actions' effects, the event's answer, delayed effects
  arriving, crises in force, drift and wobble, and applying them within bounds;
* turn_end.py: bookkeeping, crises and phases, score and endings, the next event.

Each stage's docstring names its section of docs/model.md, where the same rules
are told in words and formulas. numba compiles them to machine code, inlined
into `advance` (inline="always": a call per stage would pass the 64-field
table tuple every time and cost about a tenth of the speed), because the rules
are a long chain of small steps per game and doing them as whole-array numpy
passes spent most of the time moving arrays through memory.

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
from .blockwise import BLOCK, NO_EVENT, RUNNING, new_scratch
from .turn_changes import (EX_DOWN, EX_DRIFT, EX_DUE, EX_EVENT, EX_MULT, EX_RAW, EX_TAKEN,  # noqa: F401 (step.py)
                           EX_UP, EX_USED, EX_WOBBLE, action_effects, answer_event, apply_within_bounds,
                           crises_in_force, delayed_arrive, drift_and_wobble, within_headroom)
from .turn_end import bookkeeping, crises_and_phases, next_event, score_and_endings
from .turn_start import draw_luck, headroom, start_of_turn


Tables = namedtuple("Tables", [
    # metrics (M)
    "lo", "hi", "inv_span", "score_top", "room", "saturates", "good_higher", "noise_sd", "noisy", "drift_prog",
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
    W = new_work(T, turn, min(BLOCK, R))
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
def new_work(T, turn, width):
    """The working rows of one call, and the random words every game shares this turn.

    Allocated once per call, not once per block, and min(BLOCK, R) games wide: a single
    game that cleared rows for a whole block spent about a tenth of its time on it. The
    words are the shared half of each random draw (docs/model.md, "Randomness"); each
    game's key is the other half.
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
        new_scratch(T, width), np.empty((3, width)), np.empty((A, width), dtype=flag), np.zeros((M, width)),
        np.empty((K, width)), np.empty((K, width)), np.zeros((P, width)), np.zeros((N, width)),
        np.empty((E, width)),
        np.empty(width, dtype=flag), np.empty(width, dtype=flag), np.empty(width, dtype=flag),
        np.empty(width, dtype=flag), np.empty(width, dtype=flag), np.empty(width, dtype=flag),
        np.empty(width), np.empty(width, dtype=np.int64),
        np.empty((3, width)), np.empty((M, width)), np.empty((M, width)), np.empty((M, width)),
        np.empty((M, width)), np.empty((M, width)), np.zeros((M, width)), np.empty(width), np.empty(width),
        np.empty((3, width), dtype=np.int64),
        np.zeros((L * M, width)), np.zeros((L * M, width)), np.zeros((L * M, width)), np.zeros(L * M),
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
