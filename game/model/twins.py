"""Every compiled entry point, and its uncompiled twin from the same source.

numba needs about 40 seconds of processor time (minutes on a busy machine) to
turn the model into machine code the first time it runs on a computer. A player should not wait for that, so the rules can
also run as plain Python: the uncompiled twin of a compiled function is its own
`.py_func` (the very same code object, not a second copy of the rules) with its
module's names rebound, so that what it calls is uncompiled too. Both give the
same bits: the kernel only uses exactly rounded IEEE operations and integer
hashing (benchmarks/digests.py and tests/test_twins.py compare every fingerprint).

`entry` wraps each function that Python code calls (the turn, the random bot, the
interface's questions, the expression VM). Which one runs:

* by default the compiled one (numba compiles it on the first call, as always);
* while warmup.start_background() prepares the machine code, the uncompiled twin
  (each thread can still ask for the compiled code with `compiled_here`);
* once the machine code is ready, the compiled one.
"""

from __future__ import annotations

import threading
import types
from contextlib import contextmanager

import numpy as np
from numba.core.registry import CPUDispatcher

# Which code entry points run in this process (see the module docstring).
COMPILED, UNCOMPILED = "compiled", "uncompiled"
_mode = COMPILED
_here = threading.local()  # .compiled: this thread runs compiled code whatever the mode


def use(mode: str) -> None:
    """Run every entry point compiled or uncompiled from now on (warmup.py switches)."""
    global _mode
    if mode not in (COMPILED, UNCOMPILED):
        raise ValueError(mode)
    _mode = mode


def mode() -> str:
    return _mode


@contextmanager
def compiled_here():
    """Within this block, this thread runs the compiled code (the background preparation loads it)."""
    before = getattr(_here, "compiled", False)
    _here.compiled = True
    try:
        yield
    finally:
        _here.compiled = before


@contextmanager
def uncompiled_everywhere():
    """Within this block every entry point runs uncompiled (for tests and digests.py)."""
    before = _mode
    use(UNCOMPILED)
    try:
        yield
    finally:
        use(before)


class Entry:
    """A compiled function that Python calls, switchable to its uncompiled twin."""

    def __init__(self, dispatcher: CPUDispatcher):
        self.compiled = dispatcher
        self.__doc__ = dispatcher.__doc__
        self.__name__ = dispatcher.__name__
        self.__wrapped__ = dispatcher.py_func
        self._twin = None

    @property
    def uncompiled(self):
        if self._twin is None:
            self._twin = uncompiled(self.compiled)
        return self._twin

    def __call__(self, *args):
        if _mode == COMPILED or getattr(_here, "compiled", False):
            return self.compiled(*args)
        with np.errstate(all="ignore"):  # compiled code wraps integers and divides by zero silently too
            return self.uncompiled(*args)

    def __getattr__(self, name):  # signatures, py_func, _cache ... of the compiled function
        return getattr(self.compiled, name)


ENTRIES: list[Entry] = []  # every entry point, in the order the model's modules define them


def entry(dispatcher: CPUDispatcher) -> Entry:
    """Mark a compiled function as one that Python calls (decorator, above @njit)."""
    e = Entry(dispatcher)
    ENTRIES.append(e)
    return e


_twins: dict[int, object] = {}
_namespaces: dict[int, dict] = {}


def uncompiled(fn):
    """The plain-Python twin of a compiled function: its py_func, calling uncompiled twins."""
    if isinstance(fn, Entry):
        fn = fn.compiled
    twin = _twins.get(id(fn))
    if twin is None:
        py = fn.py_func
        twin = types.FunctionType(py.__code__, _namespace(py.__globals__), py.__name__, py.__defaults__,
                                  py.__closure__)
        twin.__doc__ = py.__doc__
        _twins[id(fn)] = twin
    return twin


def _namespace(module_globals: dict) -> dict:
    """A copy of a module's names in which compiled functions (and modules that hold some) are twins."""
    key = id(module_globals)
    out = _namespaces.get(key)
    if out is not None:
        return out
    out = _namespaces[key] = dict(module_globals)
    for name, value in module_globals.items():
        if isinstance(value, (CPUDispatcher, Entry)):
            out[name] = uncompiled(value)
        elif isinstance(value, types.ModuleType) and _holds_compiled(value):
            out[name] = _Names(_namespace(vars(value)))
    return out


class _Names:
    """A module's twin namespace, read as attributes (rng.bell, vm.run ...)."""

    def __init__(self, names: dict):
        self.__dict__ = names  # the same dict: names filled in later are seen too


def _holds_compiled(module: types.ModuleType) -> bool:
    return module.__name__.startswith(__name__.rsplit(".", 1)[0] + ".") and any(
        isinstance(v, (CPUDispatcher, Entry)) for v in vars(module).values())
