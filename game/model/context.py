"""How the situation shapes what actions can do: effectiveness by phase, skill
and hidden state, legality and expected effects (asked of the compiled kernel)."""

from __future__ import annotations

import numpy as np

from . import blockwise
from .rules import Rules
from .state import State


def situation(rules: Rules, state: State) -> tuple[np.ndarray, np.ndarray]:
    """(R, A) legal actions and (R, 3) effectiveness per category, as the turn kernel sees them."""
    legal = np.empty((state.runs, len(rules.actions)), dtype=bool)
    eff = np.empty((state.runs, 3))
    blockwise.situation(rules.tables, state.arrays(), state.turn, legal, eff)
    return legal, eff


def effectiveness(rules: Rules, state: State) -> np.ndarray:
    """(R, 3) multiplier per category: phase weight times the scenario's skill/state formula."""
    return situation(rules, state)[1]


def action_multiplier(rules: Rules, state: State, eff: np.ndarray) -> np.ndarray:
    """(R, A) effectiveness of each action, including fatigue from recent repeats."""
    return eff[:, rules.category] * state.fatigue


def legal_actions(rules: Rules, state: State) -> np.ndarray:
    """(R, A) which actions may be taken this turn (each at most once a turn)."""
    return situation(rules, state)[0]


def taken_actions(rules: Rules, state: State, actions: np.ndarray) -> np.ndarray:
    """(R, A) the actions a step would really take: legal, within action points and money, in order."""
    R, A = state.runs, len(rules.actions)
    legal = situation(rules, state)[0].ravel(order="F")
    wishes = np.asarray(actions, dtype=bool).reshape(R, A).ravel(order="F")
    out = np.empty(R * A, dtype=bool)
    blockwise.sanitize(rules.tables, state.arrays()[1], wishes, legal, out)
    return out.reshape((R, A), order="F")


def expected_effects(rules: Rules, state: State, eff: np.ndarray | None = None) -> np.ndarray:
    """(R, A, M) what each action is expected to change, immediate and delayed, without luck.

    Used by bots to pick actions and by the interface to preview them. `eff`:
    the effectiveness, when the caller already has it from situation().
    """
    eff = effectiveness(rules, state) if eff is None else eff
    mult = action_multiplier(rules, state, eff)
    scaled = rules.effects + rules.delayed.sum(axis=1)
    out = mult[:, :, None] * scaled[None, :, :] + rules.side[None, :, :]
    out[:, :, rules.budget_index] -= rules.cost_budget[None, :]
    return out


def later_effects(rules: Rules, state: State, eff: np.ndarray | None = None) -> np.ndarray:
    """(R, A, M) the part of `expected_effects` that arrives on later turns (the delayed effects at this
    turn's strength), so a preview can say "(+1 this turn, the rest later)" from the same rule."""
    eff = effectiveness(rules, state) if eff is None else eff
    return action_multiplier(rules, state, eff)[:, :, None] * rules.delayed.sum(axis=1)[None, :, :]


def metric_value_weights(rules: Rules) -> np.ndarray:
    """(M,) how much one unit of each metric is worth, for bots and previews.

    Score metrics count by their weight; hidden drivers count a little, so a
    greedy bot is not blind to trust, stress or process.
    """
    span = rules.hi - rules.lo
    w = np.where(rules.score_weights != 0, rules.score_weights, 0.35 * rules.score_weights.max())
    return w * rules.good_sign / span
