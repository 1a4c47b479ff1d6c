"""Real-window tests: Xvfb, the game as a player starts it, xdotool input (see xwin.py).

They skip, saying why, only when no X server can be started here; with
LEADSIM_REQUIRE_WINDOW=1 (set by .ci/run) that is a failure instead, so CI
cannot pass without having run them.
"""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # this process reads screenshots with pygame
sys.path.insert(0, str(Path(__file__).parent))

from xwin import GameWindow, Unavailable, XServer  # noqa: E402


@pytest.fixture
def xserver():
    try:
        server = XServer()
    except Unavailable as exc:
        if os.environ.get("LEADSIM_REQUIRE_WINDOW") == "1":
            pytest.fail(f"real-window tests cannot run: {exc}")
        pytest.skip(f"real-window tests skipped: {exc}")
    yield server
    server.close()


@pytest.fixture
def game(xserver, tmp_path):
    """A factory: game("tutorial", "--seed", "1") starts `python -m game play ...` in the X server."""
    started = []

    def start(*args, name="game", folder=None):
        g = GameWindow(xserver, folder or tmp_path, name)
        started.append(g)
        return g.start(*args)

    yield start
    for g in started:
        g.stop()
