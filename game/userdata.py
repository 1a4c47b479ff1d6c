"""Where Leadsim keeps the player's files (saves, results, settings)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir_path() -> Path:
    """Where the user's Leadsim folder is, without making it (a help text names it; see data_dir)."""
    override = os.environ.get("LEADSIM_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir("leadsim", appauthor=False))


def data_dir() -> Path:
    """The user's Leadsim folder; LEADSIM_HOME overrides it (tests, portable installs)."""
    path = data_dir_path()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only or full disk: the game still runs; each save says why it failed, and where
    return path


def autosave_path() -> Path:
    return data_dir() / "autosave.json"
