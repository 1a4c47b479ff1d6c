"""The player's preferences that every front-end honours, kept in the user folder's settings.json.

The window keeps its own settings there too (size, text size, sound: `ui/settings.py`, which reads
and writes the file through here). A preference switched off in one front-end is off in the other:
"Don't ask again" on the window's end-turn question also stops the terminal asking. The scenario last
started from the window's picker is kept too, so the picker opens on it. A broken or missing file gives
the defaults; preferences are a comfort, never a reason for the game not to start.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import saves
from .userdata import data_dir

MAX_SETTINGS_BYTES = 64_000


def settings_path() -> Path:
    return data_dir() / "settings.json"


def read_settings() -> dict:
    """The settings file's fields; {} when it is missing, unreadable, too large or not an object."""
    from .jsonfile import read_json

    try:
        data = read_json(settings_path(), "settings", MAX_SETTINGS_BYTES, ValueError)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def confirm_end_turn() -> bool:
    """Ask before a turn ends with action points left (the default), unless the player said not to."""
    value = read_settings().get("confirm_end_turn", True)
    return value if isinstance(value, bool) else True


def set_confirm_end_turn(on: bool) -> None:
    """Keep the answer for every front-end; the file's other fields (the window's) are left as they are.

    Raises OSError when the folder cannot be written (the caller says so and carries on)."""
    data = read_settings()
    data["confirm_end_turn"] = bool(on)
    saves.atomic_write(settings_path(), json.dumps(data, indent=1))


MAX_NAME = 64  # a built-in scenario's name is a short word; anything longer in the file is not one


def last_scenario(names) -> str | None:
    """The scenario last started from the picker, if the file names one of `names` (the built-in ones);
    the file is hostile input like any other: a number, a path or a name no longer shipped is ignored."""
    value = read_settings().get("last_scenario")
    if not isinstance(value, str) or len(value) > MAX_NAME:
        return None
    return value if value in set(names) else None


def set_last_scenario(name: str) -> None:
    """Keep the scenario just started for the next picker; the file's other fields are left as they are.

    Raises OSError when the folder cannot be written (the caller carries on: it is a comfort)."""
    data = read_settings()
    data["last_scenario"] = str(name)[:MAX_NAME]
    saves.atomic_write(settings_path(), json.dumps(data, indent=1))
