"""Small helpers shared by the play command and the scenes."""

from __future__ import annotations


def new_seed() -> int:
    """A fresh seed for a new game, from the OS (never the global random module)."""
    import secrets

    return secrets.randbelow(1_000_000)
