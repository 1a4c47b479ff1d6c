"""Getting the compiled model ready: a slow first start says so, a quick one says nothing."""

import time

from game.model import warmup


def _fresh(monkeypatch, seconds):
    monkeypatch.setattr(warmup, "_ready", False)
    monkeypatch.setattr(warmup, "_run_everything", lambda: time.sleep(seconds))


def test_a_slow_first_start_tells_the_player(monkeypatch):
    _fresh(monkeypatch, 0.4)
    said = []
    warmup.prepare(said.append, after=0.05)
    assert said == [warmup.NOTICE]


def test_a_quick_start_says_nothing_and_preparing_twice_is_free(monkeypatch):
    _fresh(monkeypatch, 0.0)
    said = []
    warmup.prepare(said.append, after=0.5)
    time.sleep(0.6)
    assert said == []
    monkeypatch.setattr(warmup, "_run_everything", lambda: (_ for _ in ()).throw(AssertionError("ran twice")))
    warmup.prepare(said.append)


def test_the_real_preparation_plays_every_kernel_entry_point():
    warmup.prepare()  # compiles or loads from numba's cache; must not raise
    assert warmup._ready
