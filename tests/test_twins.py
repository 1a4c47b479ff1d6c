"""The rules run uncompiled (the same source) until the machine code is ready, with the same bits."""

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from game.model import twins
from game.model.batch import play_to_end
from game.model.bots import policy
from game.model.rules import compile_rules
from game.model.state import new_state
from game.scenario.loader import load

ROOT = Path(__file__).resolve().parent.parent


def _fingerprint(rules, pol: str, seed: int, runs: int, size: int) -> str:
    h = hashlib.sha256()
    for first in range(0, runs, size):
        state = new_state(rules, seed, min(size, runs - first), first_run=first)
        path = play_to_end(rules, state, policy(pol), keep_path=True)
        h.update(state.digest().encode())
        h.update(np.ascontiguousarray(path).tobytes())
    return h.hexdigest()


@pytest.mark.parametrize("scenario", ["tutorial", "scaleup"])
def test_uncompiled_and_compiled_games_are_bit_identical(scenario):
    """Full games by the random and a greedy bot, alone and three together, both ways."""
    rules = compile_rules(load(scenario).scenario)
    cases = [("random", 3, 1), ("random", 3, 3), ("adaptive+dev", 2, 2)]
    compiled = [_fingerprint(rules, pol, 7, runs, size) for pol, runs, size in cases]
    with twins.uncompiled_everywhere():
        plain = [_fingerprint(rules, pol, 7, runs, size) for pol, runs, size in cases]
    assert plain == compiled


def test_the_uncompiled_twin_is_the_compiled_functions_own_code():
    from game.model import kernel

    twin = twins.uncompiled(kernel.advance)
    assert twin.__code__ is kernel.advance.py_func.__code__
    assert twin.__globals__["start_of_turn"].__code__ is kernel.start_of_turn.py_func.__code__
    assert twin.__globals__["rng"].bell.__code__ is kernel.rng.bell.py_func.__code__


_NO_NUMBA = r"""
import json, sys
from numba.core.registry import CPUDispatcher
from game.model import twins
twins.use(twins.UNCOMPILED)
from game.scenario.loader import load
from game.session import Session
import game.model.kernel, game.model.randombot, game.model.blockwise, game.model.rng, game.model.vm
s = Session(load("tutorial"), seed=3)
s.legal(); s.expected(); s.effectiveness()
from game.autoplay import bot_decision
for _ in range(3):
    s.decide(bot_decision(s, "random"))
    s.decide(bot_decision(s, "adaptive+dev"))
compiled = [f"{m.__name__}.{k}" for m in (game.model.kernel, game.model.randombot, game.model.blockwise,
                                          game.model.rng, game.model.vm)
            for k, v in vars(m).items() if isinstance(v, CPUDispatcher) and v.signatures]
from game.model import warmup
print(json.dumps({"turn": s.turn, "compiled": compiled, "cache filled": warmup.cache_is_filled()}))
"""


def test_playing_uncompiled_never_waits_for_the_compiler(tmp_path):
    """Six turns of the tutorial, uncompiled, from an empty cache: numba compiles nothing."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NUMBA_CACHE_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _NO_NUMBA], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"turn": 6, "compiled": [], "cache filled": False}


def _first_turn(cache: str | None, tmp_path: Path) -> float:
    """Seconds from starting `play tutorial --text` to its first turn's report."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), COLUMNS="100")
    if cache:
        env["NUMBA_CACHE_DIR"] = cache
    else:
        env.pop("NUMBA_CACHE_DIR", None)
    t0 = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "game", "play", "tutorial", "--text", "--seed", "1"],
                         input="1\n", env=env, capture_output=True, text=True, timeout=300)
    took = time.monotonic() - t0
    assert "Turn 1 report" in out.stdout, out.stdout[-1500:] + out.stderr[-1500:]
    assert "Preparing the simulation model" not in out.stdout + out.stderr
    return took


@pytest.mark.alone  # compares two start-up times: the other core must not be busy with another test
def test_a_cold_first_start_plays_its_first_turn_about_as_soon_as_a_warm_one(tmp_path):
    """The terminal game from an empty numba cache against one from a filled cache, in the same run."""
    from game.model import warmup

    with twins.compiled_here():
        warmup._run_everything()  # fills the usual cache, if the suite has not yet
    warm = _first_turn(None, tmp_path)
    cold = _first_turn(str(tmp_path / "empty-cache"), tmp_path)
    print(f"first turn: warm {warm:.2f} s, cold {cold:.2f} s")
    assert cold < 1.5 * warm + 1.5, (warm, cold)  # the compiler took 40-100 s here before
