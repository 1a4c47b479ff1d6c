"""Getting the compiled model ready before the first game.

numba turns the kernel into machine code the first time it runs on a computer
(about half a minute) and keeps the result in its cache, so every later start
takes a fraction of a second. `prepare` does that work up front and, when it
takes longer than a moment, says so, instead of letting the first turn freeze.
"""

from __future__ import annotations

import threading
from typing import Callable

NOTICE = ("Preparing the simulation model for first use on this computer "
          "(about half a minute; later starts are quick)...")

_ready = False


def prepare(notify: Callable[[str], None] | None = None, after: float = 2.0) -> None:
    """Compile (or load from the cache) every kernel entry point; call `notify` if it is slow."""
    global _ready
    if _ready:
        return
    done = threading.Event()
    timer = None
    if notify is not None:
        timer = threading.Timer(after, lambda: None if done.is_set() else notify(NOTICE))
        timer.daemon = True
        timer.start()
    try:
        _run_everything()
        _ready = True
    finally:
        done.set()
        if timer is not None:
            timer.cancel()


def _run_everything() -> None:
    """Two short games of the tutorial by a random and a greedy bot touch every compiled function."""
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
