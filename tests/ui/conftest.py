"""Headless UI tests: dummy video and audio drivers, a fresh app per test, helpers to drive it."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def make_app(home):
    """Build an App at a size; pygame is shut down after the test."""
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
