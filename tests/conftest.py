"""Shared test setup: no display, no sound, never the real user folder, and two workers at once.

Running in parallel (pytest-xdist; pyproject's addopts say `-n auto --dist loadgroup`, one worker per
core, at most 4). Every test must be safe while another test runs beside it in another process:

- Files go under `tmp_path` (or `tmp_path_factory`), never a fixed path; LEADSIM_HOME is per test (below);
  a game started as a process gets its own XDG_DATA_HOME/HOME in tmp_path.
- Servers bind port 0 (or test a port free, tests/web/webkit.py); Xvfb picks a free display itself
  (tests/window/xwin.py); tmux runs on a private socket in a temporary folder (tests/test_terminal_tmux.py).
- numba's machine code is shared by every worker (its cache beside the sources, or NUMBA_CACHE_DIR): it is
  compiled once per run, by whichever worker comes first, while the others wait (`compiled_model`). A test
  that needs an empty cache points NUMBA_CACHE_DIR at tmp_path.
- A test that MEASURES wall time, CPU time or memory of something, or whose deadline would be missed when
  the other core is busy, is marked `@pytest.mark.alone`: no other test runs while it does (the other
  workers wait between their tests; see `pytest_runtest_protocol`). Use it sparingly: the other core idles
  meanwhile. Never loosen a timing assertion instead.
- Tests that share something only one of them may use at a time (and cannot be given their own) are put in
  one worker with `@pytest.mark.xdist_group("name")`; they then run one after another, beside other tests.
- The tests of a module that uses a module-scoped fixture are kept in one worker by themselves (their
  module's name as xdist_group, `pytest_collection_modifyitems`): else each worker would build the same
  fixture again (whole games, servers, reports). Other modules' tests are spread one by one.
- `-n 0` runs in one process, as before; both marks then change nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
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


def _run_folder(config) -> Path | None:
    """The folder shared by all workers of this run (xdist gives each worker a basetemp inside the
    controller's); None when not running in xdist workers (nothing to share then)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return config._tmp_path_factory.getbasetemp().parent


@contextlib.contextmanager
def _flock(path: Path | None, mode: int):
    if path is None:
        yield
        return
    with open(path, "a") as fh:
        fcntl.flock(fh, mode)  # released when the file closes
        yield


@pytest.fixture(scope="session", autouse=True)
def compiled_model(request):
    """Fill numba's cache once, before any test: the games that tests start as processes then load
    the machine code instead of each starting a background compiler that it stops when it ends.
    With several workers, the first compiles (about 90 s of CPU on a fresh clone) and the others wait,
    then load its machine code (a few seconds) instead of compiling the same in parallel."""
    from game.model import warmup

    folder = _run_folder(request.config)
    with _flock(folder / "compile.lock" if folder else None, fcntl.LOCK_EX):
        warmup.prepare()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """`@pytest.mark.alone`: while such a test runs (setup, call, teardown), no other worker runs one.

    A readers-writer lock over two files of the run's folder: every test holds the room shared, an
    `alone` test holds it exclusively. The turnstile makes a waiting `alone` test come first: once it
    holds the turnstile, the other workers finish the test they are in and wait before their next."""
    folder = _run_folder(item.config)
    if folder is None:
        yield
        return
    alone = item.get_closest_marker("alone") is not None
    with open(folder / "turnstile.lock", "a") as turnstile, open(folder / "room.lock", "a") as room:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        fcntl.flock(room, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        if not alone:
            fcntl.flock(turnstile, fcntl.LOCK_UN)
        yield


@pytest.fixture
def make_app(leadsim_home, monkeypatch):
    """Build a window App at a size (dummy video driver); pygame is shut down after the test.
    Shared by the window tests in tests/ui and tests/review. These tests post keys frame by frame, not
    as a person who sees the dialog first, so the event dialog's first moment without answers
    (scenes/event.ANSWER_GRACE) is off here; tests/ui/test_event_grace.py and the real-window tests
    (tests/window, which wait for it as a person does) keep it."""
    import pygame

    from game.ui.app import App
    from game.ui.scenes import event as event_scene

    monkeypatch.setattr(event_scene, "ANSWER_GRACE", 0)
    from game.ui.settings import Settings

    def make(size=(1280, 720)):
        app = App(size=size, settings=Settings(*size), fps=0, sound=False)
        app.idle_wait_ms = 1
        return app

    yield make
    pygame.quit()


def pytest_configure(config):
    config.addinivalue_line("filterwarnings", "ignore:Finding font with id:UserWarning")
    config.addinivalue_line("markers", "alone: measures time or memory; no other test runs meanwhile "
                                       "(tests/conftest.py)")


def pytest_collection_modifyitems(config, items):
    """Keep a module's tests in one worker when they share a module-scoped fixture (see the docstring)."""
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:
            continue
        defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        if any(d and d[-1].scope == "module" for d in defs.values()):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker per core this process may use, at most 4 (each worker holds the model, and
    some tests start a server, a browser or a game besides)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))
