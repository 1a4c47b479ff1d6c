"""Player settings for the graphical game, kept in the user folder as JSON.

A broken or missing file silently gives the defaults: settings are a comfort,
never a reason for the game not to start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .. import saves
from ..preferences import read_settings, settings_path

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]
TEXT_SIZES = ("normal", "large")


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    text_size: str = "normal"
    sound: bool = True
    confirm_end_turn: bool = True  # ask before a turn ends with action points left

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


def path():
    return settings_path()  # one file for every front-end: the terminal honours confirm_end_turn too


def load() -> Settings:
    data, d = read_settings(), Settings()  # a field missing (the terminal wrote only its own) is the default
    try:
        s = Settings(int(data.get("width", d.width)), int(data.get("height", d.height)),
                     str(data.get("text_size", d.text_size)), bool(data.get("sound", d.sound)),
                     bool(data.get("confirm_end_turn", True)))
    except (ValueError, TypeError, OverflowError):
        return Settings()
    if s.text_size not in TEXT_SIZES:
        s.text_size = "normal"
    s.width, s.height = max(800, min(s.width, 3840)), max(500, min(s.height, 2160))
    return s


def save(settings: Settings) -> None:
    """Write the window's settings, keeping the file's other fields (the last scenario picked, any the
    terminal keeps): writing only these dropped them."""
    data = read_settings()
    data.update(asdict(settings))
    saves.atomic_write(path(), json.dumps(data, indent=1))
