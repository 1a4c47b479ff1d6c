"""The state of R independent games, every array with a leading runs axis."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from . import kernel, rng
from .rules import Rules

NO_EVENT = kernel.NO_EVENT
RUNNING = kernel.RUNNING


@dataclass
class State:
    keys: np.ndarray  # (R,) uint64 random keys, one per game
    x: np.ndarray  # (R, M) metric values
    turn: int  # turns played so far; all runs move in lockstep
    phase: np.ndarray  # (R,) phase index
    ending: np.ndarray  # (R,) ending index, RUNNING while the game goes on
    ended_at: np.ndarray  # (R,) turn the game ended
    cooldown: np.ndarray  # (R, A) turns until each action is available again
    fatigue: np.ndarray  # (R, A) diminishing ^ (recent uses, halving each turn): 1 when rested
    pending: np.ndarray  # (R, L, M) delayed effects; slot 0 arrives next turn
    crisis: np.ndarray  # (R, K) bool
    crisis_count: np.ndarray  # (R, K) how often each crisis started
    event: np.ndarray  # (R,) event waiting for the player's choice, NO_EVENT if none
    event_count: np.ndarray  # (R, E)
    event_cooldown: np.ndarray  # (R, E)
    followup: np.ndarray  # (R,) event scheduled by a chain, NO_EVENT if none
    followup_turn: np.ndarray  # (R,) turn at which it fires
    score_sum: np.ndarray  # (R, M) normalized metric values summed over played turns
    mix: np.ndarray  # (R, P, 3) actions taken per phase and category
    prev_x: np.ndarray  # (R, M) values one turn ago (for "change since last turn")

    @property
    def runs(self) -> int:
        return self.x.shape[0]

    @property
    def done(self) -> np.ndarray:
        return self.ending != RUNNING

    def copy(self) -> "State":
        return State(**{f.name: (getattr(self, f.name).copy(order="K") if isinstance(getattr(self, f.name), np.ndarray)
                                 else getattr(self, f.name)) for f in fields(self)})

    def take(self, runs: np.ndarray | slice) -> "State":
        """A new State holding only the selected runs."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = v[runs].copy() if isinstance(v, np.ndarray) else v
        return State(**out)

    def arrays(self) -> tuple:
        """The arrays as the turn kernel takes them: in its order, metric-major, flattened (views).

        An array that lost its Fortran layout (a copy or a selection of runs) is laid out again.
        The views are kept while the arrays stay the same objects (a turn asks twice: bot and rules).
        """
        current = tuple(getattr(self, name) for name in kernel.STATE_FIELDS)
        kept = self.__dict__.get("_flat")
        if kept is not None and all(a is b for a, b in zip(kept[0], current)):
            return kept[1]
        out = []
        for name, v in zip(kernel.STATE_FIELDS, current):
            if v.ndim > 1 and not v.flags.f_contiguous:
                v = np.asfortranarray(v)
                setattr(self, name, v)
            out.append(v.reshape(-1, order="F"))
        flat = tuple(out)
        self.__dict__["_flat"] = (tuple(getattr(self, name) for name in kernel.STATE_FIELDS), flat)
        return flat

    def digest(self) -> str:
        """A fingerprint of every array, to prove two games ended bit for bit the same."""
        import hashlib

        h = hashlib.sha256()
        for f in fields(self):
            v = getattr(self, f.name)
            h.update(np.ascontiguousarray(v).tobytes() if isinstance(v, np.ndarray) else repr(v).encode())
        return h.hexdigest()


def new_state(rules: Rules, seed: int, runs: int = 1, first_run: int = 0) -> State:
    R, M, A = runs, rules.n_metrics, len(rules.actions)
    E, K, P = len(rules.events), len(rules.crises), len(rules.phases)
    # Two-dimensional arrays are metric-major (Fortran order): the kernel walks one metric of many games.
    x = np.asfortranarray(np.tile(rules.start, (R, 1)))
    return State(
        keys=rng.run_keys(seed, R, first_run),
        x=x, turn=0,
        phase=np.zeros(R, dtype=np.int64),
        ending=np.full(R, RUNNING, dtype=np.int64),
        ended_at=np.zeros(R, dtype=np.int64),
        cooldown=np.zeros((R, A), dtype=np.int64, order="F"),
        fatigue=np.ones((R, A), order="F"),
        pending=np.zeros((R, rules.lag, M), order="F"),
        crisis=np.zeros((R, K), dtype=bool, order="F"),
        crisis_count=np.zeros((R, K), dtype=np.int64, order="F"),
        event=np.full(R, NO_EVENT, dtype=np.int64),
        event_count=np.zeros((R, E), dtype=np.int64, order="F"),
        event_cooldown=np.zeros((R, E), dtype=np.int64, order="F"),
        followup=np.full(R, NO_EVENT, dtype=np.int64),
        followup_turn=np.zeros(R, dtype=np.int64),
        score_sum=np.zeros((R, M), order="F"),
        mix=np.zeros((R, P, 3), dtype=np.int64, order="F"),
        prev_x=x.copy(order="F"),
    )
