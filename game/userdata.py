"""Where Leadsim keeps the player's files (saves, results, settings)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The user's Leadsim folder; LEADSIM_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("LEADSIM_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir("leadsim", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only or full disk: the game still runs; each save says why it failed, and where
    return path


def autosave_path() -> Path:
    return data_dir() / "autosave.json"
