"""Shared test setup: no display, no sound, and never the real user folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# A scenario without shipped expert results gets a tiny search, not a minute-long one (game/analysis/expert.py).
os.environ.setdefault("LEADSIM_EXPERT_BUDGET", "2,6,40,80")

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # tests run from a checkout even without `pip install -e .`
    sys.path.insert(0, str(REPO))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def leadsim_home(tmp_path_factory, monkeypatch):
    """Every test gets its own LEADSIM_HOME, so saves never land in the real user folder."""
    home = tmp_path_factory.mktemp("leadsim_home")
    monkeypatch.setenv("LEADSIM_HOME", str(home))
    return home


@pytest.fixture(scope="session", autouse=True)
def compiled_model():
    """Fill numba's cache once, before any test: the games that tests start as processes then load
    the machine code instead of each starting a background compiler that it stops when it ends."""
    from game.model import warmup

    warmup.prepare()


@pytest.fixture
def make_app(leadsim_home):
    """Build a window App at a size (dummy video driver); pygame is shut down after the test.
    Shared by the window tests in tests/ui and tests/review."""
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings

    def make(size=(1280, 720)):
        app = App(size=size, settings=Settings(*size), fps=0, sound=False)
        app.idle_wait_ms = 1
        return app

    yield make
    pygame.quit()


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "ignore:Finding font with id:UserWarning")
