"""Counter-based randomness: every random number is a pure function of
(run key, turn, stream, index).

Each game's key comes from a seeded numpy Generator. The numbers themselves
are made with a vectorized SplitMix64 hash over uint64 arrays instead of a
stateful generator, because that gives us three things a shared Generator
cannot: a batch of R games draws, run for run, exactly what the same games
draw one at a time; the luck of turn t does not depend on what the player did
before (so workshop teams with one seed face the same fortune); and integer
arithmetic is bit-for-bit identical on every machine.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))
_TO_UNIT = 1.0 / float(1 << 53)

# Streams keep unrelated draws independent of each other.
EFFECTS, DRIFT, EVENTS, BOTS = 1, 2, 3, 4


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


def run_keys(seed: int, runs: int, first_run: int = 0) -> np.ndarray:
    """One 64-bit key per run; run i of seed s is the same game whatever the batch."""
    # Any whole number is a seed: negative ones wrap around (numpy wants non-negative seeds).
    base = np.random.default_rng(int(seed) % (1 << 128)).integers(0, 2**63, dtype=np.uint64)
    idx = np.arange(first_run, first_run + runs, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return _mix(base + idx * _GOLDEN)


def uniform(keys: np.ndarray, turn: int, stream: int, n: int) -> np.ndarray:
    """(runs, n) floats in [0, 1)."""
    salt = np.uint64((int(turn) * 0x1000193 + stream * 0x3B9ACA07) & 0xFFFFFFFFFFFFFFFF)
    counters = _mix(np.arange(n, dtype=np.uint64) * _GOLDEN + salt)
    z = _mix(keys[:, None] ^ counters[None, :])
    return (z >> _S11).astype(np.float64) * _TO_UNIT


def normal(keys: np.ndarray, turn: int, stream: int, n: int) -> np.ndarray:
    """(runs, n) values with mean 0 and standard deviation 1.

    A sum of three uniforms: bell-shaped, bounded to about +-3.5, and free of
    log/cos, whose last bits differ between CPUs.
    """
    u = uniform(keys, turn, stream, 3 * n)
    return (u[:, :n] + u[:, n:2 * n] + u[:, 2 * n:] - 1.5) * 2.0
