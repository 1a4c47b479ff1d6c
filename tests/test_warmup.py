"""Getting the compiled model ready: batch commands wait (and say so when it is slow); play never waits."""

import threading
import time

import pytest

from game.model import twins, warmup


@pytest.fixture
def fresh(monkeypatch):
    """A process in which nothing is prepared yet; restores the entry points' mode afterwards."""
    monkeypatch.setattr(warmup, "_ready", False)
    monkeypatch.setattr(warmup, "_background", None)
    monkeypatch.setattr(warmup, "_compiler", None)
    before = twins.mode()
    yield monkeypatch
    twins.use(before)


def test_a_slow_first_start_tells_the_player(fresh):
    fresh.setattr(warmup, "cache_is_filled", lambda: False)
    fresh.setattr(warmup, "_run_everything", lambda: time.sleep(0.4))
    said = []
    warmup.prepare(said.append, after=0.05)
    assert said == [warmup.NOTICE]
    assert warmup.ready() and twins.mode() == twins.COMPILED


def test_a_slow_load_of_cached_machine_code_is_not_called_a_first_use(fresh):
    """On a busy machine loading the cache can take seconds: the 'first use, half a minute' notice misled a tester."""
    fresh.setattr(warmup, "cache_is_filled", lambda: True)
    fresh.setattr(warmup, "_run_everything", lambda: time.sleep(0.4))
    said = []
    warmup.prepare(said.append, after=0.05)
    assert said == []
    assert warmup.ready()


def test_a_quick_start_says_nothing_and_preparing_twice_is_free(fresh):
    fresh.setattr(warmup, "_run_everything", lambda: None)
    said = []
    warmup.prepare(said.append, after=0.5)
    time.sleep(0.6)
    assert said == []
    fresh.setattr(warmup, "_run_everything", lambda: (_ for _ in ()).throw(AssertionError("ran twice")))
    warmup.prepare(said.append)


def test_play_runs_uncompiled_until_the_background_has_the_machine_code(fresh):
    loaded = threading.Event()
    seen = []

    def load():  # the background thread loads compiled code, whatever the others run meanwhile
        seen.append(getattr(twins._here, "compiled", False))
        loaded.wait(5)

    fresh.setattr(warmup, "cache_is_filled", lambda: True)
    fresh.setattr(warmup, "_run_everything", load)
    worker = warmup.start_background()
    assert twins.mode() == twins.UNCOMPILED and not warmup.ready()
    assert warmup.start_background() is worker  # once per process
    loaded.set()
    worker.join(5)
    assert seen == [True]
    assert warmup.ready() and twins.mode() == twins.COMPILED


def test_without_machine_code_play_stays_uncompiled(fresh):
    fresh.setattr(warmup, "cache_is_filled", lambda: False)
    fresh.setattr(warmup, "_compile_elsewhere", lambda: False)  # the compiler process failed
    warmup.start_background().join(5)
    assert twins.mode() == twins.UNCOMPILED and not warmup.ready()


def test_the_real_preparation_plays_every_entry_point_and_fills_the_cache():
    warmup.prepare()  # compiles or loads from numba's cache; must not raise
    assert warmup.ready()
    assert all(e.compiled.signatures for e in twins.ENTRIES)
    assert warmup.cache_is_filled()
