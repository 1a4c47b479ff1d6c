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
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from .twins import entry

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))
_TO_UNIT = 1.0 / float(1 << 53)
_TURN_SALT, _STREAM_SALT = np.uint64(0x1000193), np.uint64(0x3B9ACA07)

# Streams keep unrelated draws independent of each other.
EFFECTS, DRIFT, EVENTS, BOTS = 1, 2, 3, 4


@njit(cache=True, inline="always")
def mix(z):
    """SplitMix64's finalizer: a bijection of 64-bit words that scatters every bit."""
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@njit(cache=True, inline="always")
def counter(turn, stream, j):
    """The word shared by every game for draw j of (turn, stream)."""
    salt = np.uint64(turn) * _TURN_SALT + np.uint64(stream) * _STREAM_SALT
    return mix(np.uint64(j) * _GOLDEN + salt)


@njit(cache=True, inline="always")
def unit(key, word):
    """A float in [0, 1) for one game (key) and one draw (word from counter)."""
    return np.float64(mix(key ^ word) >> _S11) * _TO_UNIT


@njit(cache=True, inline="always")
def bell(key, w0, w1, w2):
    """A draw with mean 0 and standard deviation 1, from three words of counter().

    A sum of three uniforms: bell-shaped, bounded to about +-3.5, and free of
    log/cos, whose last bits differ between CPUs.
    """
    return (unit(key, w0) + unit(key, w1) + unit(key, w2) - 1.5) * 2.0


def run_keys(seed: int, runs: int, first_run: int = 0) -> np.ndarray:
    """One 64-bit key per run; run i of seed s is the same game whatever the batch."""
    # Any whole number is a seed: negative ones wrap around (numpy wants non-negative seeds).
    base = np.random.default_rng(int(seed) % (1 << 128)).integers(0, 2**63, dtype=np.uint64)
    return _keys(base, np.uint64(first_run), runs)


@entry
@njit(cache=True)
def _keys(base, first, runs):
    out = np.empty(runs, dtype=np.uint64)
    for i in range(runs):
        out[i] = mix(base + (first + np.uint64(i)) * _GOLDEN)
    return out


@njit(cache=True)
def _uniform(keys, turn, stream, n):
    out = np.empty((keys.size, n))
    for j in range(n):
        word = counter(turn, stream, j)
        for r in range(keys.size):
            out[r, j] = unit(keys[r], word)
    return out


def uniform(keys: np.ndarray, turn: int, stream: int, n: int) -> np.ndarray:
    """(runs, n) floats in [0, 1)."""
    return _uniform(keys, int(turn), int(stream), int(n))
