"""Headless UI tests: dummy video and audio drivers, a fresh app per test, helpers to drive it."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
