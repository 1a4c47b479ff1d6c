"""The final score: weighted metrics averaged over every turn of the game.

Turns after an early ending count as zero, so surviving matters, and a spike
in the last turn moves the average by only 1/turns.
"""

from __future__ import annotations

import numpy as np

from .rules import Rules
from .state import State

SCALE = 1000.0


def positions(rules: Rules, x: np.ndarray) -> np.ndarray:
    """(R, M) what each metric adds to the score sums this turn, as the kernel adds it (score_and_endings):
    its position on its scale, 0 at the bad end and 1 at the good end, at most its score_top (score: enough)."""
    norm = np.clip((x - rules.lo) / (rules.hi - rules.lo), 0.0, 1.0)
    return np.minimum(np.where(rules.good_sign > 0, norm, 1.0 - norm), rules.score_top)


def breakdown(rules: Rules, state: State) -> dict[str, np.ndarray]:
    """Points per score metric plus the ending bonus, each an (R,) array; they add up to the score."""
    w = rules.score_weights
    total_w = np.abs(w).sum()
    avg = state.score_sum / rules.turns
    parts = {m: SCALE * w[i] * avg[:, i] / total_w for i, m in enumerate(rules.metrics) if w[i] != 0}
    kinds = np.array([e.kind for e in rules.endings])
    kind = np.where(state.ending >= 0, kinds[np.maximum(state.ending, 0)], "running")
    sc = rules.scenario.score
    parts["ending"] = np.where(kind == "win", sc.win_bonus, 0.0) - np.where(kind == "loss", sc.loss_penalty, 0.0)
    return parts


def score(rules: Rules, state: State) -> np.ndarray:
    total = np.zeros(state.runs)
    for part in breakdown(rules, state).values():
        total = total + part
    return np.round(total, 6)


def outcome_kind(rules: Rules, state: State) -> np.ndarray:
    kinds = np.array([e.kind for e in rules.endings] + ["running"])
    return kinds[np.where(state.ending >= 0, state.ending, len(rules.endings))]
