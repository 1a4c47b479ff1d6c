"""Argument types shared by several commands."""

from __future__ import annotations

import argparse

MAX_RUNS = 10_000_000


def runs_count(text: str) -> int:
    """A number of games: a whole number from 1 to MAX_RUNS."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= n <= MAX_RUNS:
        raise argparse.ArgumentTypeError(f"runs must be between 1 and {MAX_RUNS}")
    return n
