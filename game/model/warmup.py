"""Getting the compiled model ready, without making a player wait for it.

numba turns the model into machine code the first time it runs on a computer
(about 40 seconds of one core's time: measured 39 s, 1 min 35 s on a busy 2-core machine) and keeps the result in its cache, so later starts only
load it (under a second). Two ways to get ready:

* `start_background()`, for play: returns at once. Until the machine code is
  ready every entry point runs its uncompiled twin (twins.py: the same rules,
  the same bits), which is quick enough for one game. A compiler process fills
  numba's cache (when it is not filled already) at low priority; then a thread
  loads the machine code and switches every entry point over to it.
* `prepare()`, for commands that play many games (balance, simulate --runs,
  debrief): compiles or loads here and waits, with a notice when it is slow.

`python -m game.model.warmup` is the compiler process: it plays the warm-up
games compiled, which fills the cache, and exits.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from typing import Callable

from . import jitcache, twins

NOTICE = ("Preparing the simulation model for first use on this computer "
          "(about 40 seconds of processor time, minutes on a busy machine; later starts are quick)...")

_ready = False
_lock = threading.Lock()
_background: threading.Thread | None = None
_compiler: subprocess.Popen | None = None


def ready() -> bool:
    """Whether the entry points run compiled code now."""
    return _ready


def prepare(notify: Callable[[str], None] | None = None, after: float = 2.0) -> None:
    """Compile (or load from the cache) every entry point here; call `notify` if it is slow."""
    global _ready
    if _ready:
        return
    done = threading.Event()
    timer = None
    if notify is not None and not cache_is_filled():  # loading cached machine code is no "first use",
        # though a busy machine can take a few seconds over it: saying "half a minute" then misleads
        timer = threading.Timer(after, lambda: None if done.is_set() else notify(NOTICE))
        timer.daemon = True
        timer.start()
    try:
        with twins.compiled_here():
            _run_everything()
        _ready = True
        _prune()
        twins.use(twins.COMPILED)
    finally:
        done.set()
        if timer is not None:
            timer.cancel()


def start_background(compiler: bool = True) -> threading.Thread | None:
    """Get the compiled code ready behind the player's back; play runs uncompiled meanwhile.

    Without `compiler` the machine code is only loaded if the cache has it (for a
    command that plays one short game and ends: a compiler would not finish).
    """
    global _background
    with _lock:
        if _ready or _background is not None:
            return _background
        twins.use(twins.UNCOMPILED)
        _background = threading.Thread(target=_get_ready, args=(compiler,), name="leadsim-model-warmup",
                                       daemon=True)
        _background.start()
        return _background


def _get_ready(compiler: bool) -> None:
    global _ready
    try:
        if not cache_is_filled() and not (compiler and _compile_elsewhere()):
            return  # no compiler process (or it failed): keep playing uncompiled, which is correct, only slower
        with twins.compiled_here():
            _run_everything()  # loads the machine code from the cache
        _ready = True
        _prune()
        twins.use(twins.COMPILED)
    except Exception:  # the uncompiled rules keep working; a later start tries again
        pass


def _prune() -> None:
    """Old machine code of earlier versions of the model goes once this version's is loaded (jitcache.prune).

    Never while a compiler process writes to the cache (it holds the lock; so does the
    game that waits for it): then the files stay until a later start.
    """
    try:
        import fcntl

        with open(_lock_path(), "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            jitcache.prune()
    except Exception:  # no lock on this system, or busy: only disk space is at stake
        pass


def _compile_elsewhere() -> bool:
    """Fill numba's cache in a separate process at low priority: its memory and time stay out of the game.

    One compiler at a time per cache: a second game started meanwhile waits for the
    first one's compiler (playing uncompiled) instead of compiling the same again.
    """
    with _one_compiler():
        return cache_is_filled() or _run_compiler()


@contextmanager
def _one_compiler():
    try:
        import fcntl
    except ImportError:  # not on this system: compilers may overlap, which costs time, not correctness
        yield
        return
    with open(_lock_path(), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # released when the file closes, or when this process ends
        yield


def _lock_path() -> str:
    where = hashlib.sha256(f"{jitcache.stamp()}|{os.environ.get('NUMBA_CACHE_DIR', '')}|{_package_root()}".encode())
    return os.path.join(tempfile.gettempdir(), f"leadsim-compile-{where.hexdigest()[:16]}.lock")


def _run_compiler() -> bool:
    global _compiler
    try:
        _compiler = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                                         [_package_root()] + [p for p in os.environ.get("PYTHONPATH", "").split(
                                             os.pathsep) if p])))
    except OSError:
        return False
    return _compiler.wait() == 0


def _package_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _lower_priority() -> None:
    try:
        os.nice(5)  # the player's window and terminal come first
    except OSError:
        pass


@atexit.register
def _stop_compiler() -> None:
    """A compiler still running when the game ends stops with it (the next start tries again)."""
    if _compiler is not None and _compiler.poll() is None:
        _compiler.terminate()
        try:
            _compiler.wait(5)
        except subprocess.TimeoutExpired:
            _compiler.kill()


def cache_is_filled() -> bool:
    """Whether numba's cache holds machine code for every entry point, for this source and this CPU."""
    for e in twins.ENTRIES:
        d = e.compiled
        try:
            index = d._cache._cache_file._load_index()
            magic = d.targetctx.codegen().magic_tuple()
        except Exception:  # no cache (or numba changed its inside): say no, and compile
            return False
        if not any(key[1] == magic for key in index):
            return False
    return True


def _run_everything() -> None:
    """Short games of the tutorial by a random and a greedy bot touch every entry point."""
    import numpy as np

    from ..scenario.loader import load
    from .batch import play_batch
    from .bots import policy
    from .context import taken_actions
    from .rules import compile_rules
    from .state import new_state
    from .step import Trace, step

    rules = compile_rules(load("tutorial").scenario)
    play_batch(rules, policy("random"), 0, 2)
    play_batch(rules, policy("adaptive+dev"), 0, 1)
    state = new_state(rules, 0, 1)
    taken_actions(rules, state, np.ones((1, len(rules.actions)), dtype=bool))
    step(rules, state, np.zeros((1, len(rules.actions)), dtype=bool), np.zeros(1, dtype=np.int64), Trace(), {})
    rules.effectiveness[0]({name: np.zeros(1) for name in rules.effectiveness[0].variables})


if __name__ == "__main__":
    _lower_priority()
    prepare()
