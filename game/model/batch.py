"""Play many games with a bot, in chunks so memory stays bounded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .rules import Rules
from .scoring import breakdown, score
from .state import State, new_state
from .step import step

DEFAULT_CHUNK = 4096  # games played together: their state (~1 kB each) stays in the CPU's caches


@dataclass
class BatchResult:
    score: np.ndarray  # (R,)
    ending: np.ndarray  # (R,) ending index
    ended_at: np.ndarray  # (R,)
    final: np.ndarray  # (R, M)
    mix: np.ndarray  # (R, P, 3)
    event_count: np.ndarray  # (R, E)
    crisis_count: np.ndarray  # (R, K) how often each crisis started
    parts: dict[str, np.ndarray] = field(default_factory=dict)
    trajectory: np.ndarray | None = None  # (R, T+1, M) when asked for


def play_to_end(rules: Rules, state: State, decide: Callable, keep_path: bool = False):
    path = [state.x.copy()] if keep_path else None
    while not state.done.all():
        actions, choice = decide(rules, state)
        step(rules, state, actions, choice)
        if keep_path:
            path.append(state.x.copy())
    return np.stack(path, axis=1) if keep_path else None


def play_batch(rules: Rules, decide: Callable, seed: int, runs: int,
               chunk: int = DEFAULT_CHUNK, keep_path: bool = False,
               progress: Callable[[int], None] | None = None) -> BatchResult:
    """Run `runs` games of seed `seed`; run i is the same game whatever the chunking."""
    parts: list[BatchResult] = []
    for first in range(0, runs, chunk):
        n = min(chunk, runs - first)
        state = new_state(rules, seed, n, first_run=first)
        path = play_to_end(rules, state, decide, keep_path)
        parts.append(BatchResult(score(rules, state), state.ending.copy(), state.ended_at.copy(),
                                 state.x.copy(), state.mix.copy(), state.event_count.copy(),
                                 state.crisis_count.copy(), breakdown(rules, state), path))
        if progress:
            progress(n)
    return _concat(parts)


def _concat(parts: list[BatchResult]) -> BatchResult:
    cat = np.concatenate
    paths = [p.trajectory for p in parts]
    if paths[0] is not None:
        longest = max(p.shape[1] for p in paths)
        paths = [np.concatenate([p, np.repeat(p[:, -1:], longest - p.shape[1], axis=1)], axis=1) for p in paths]
    return BatchResult(
        cat([p.score for p in parts]), cat([p.ending for p in parts]), cat([p.ended_at for p in parts]),
        cat([p.final for p in parts]), cat([p.mix for p in parts]), cat([p.event_count for p in parts]),
        cat([p.crisis_count for p in parts]),
        {k: cat([p.parts[k] for p in parts]) for k in parts[0].parts},
        cat(paths) if paths[0] is not None else None,
    )
