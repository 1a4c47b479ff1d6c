"""Review and practice tests: the window's tests need a fresh app, as tests/ui's do."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))  # ui_helpers


@pytest.fixture
def make_app(leadsim_home):
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
