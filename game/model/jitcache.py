"""One cache stamp for all the compiled model code.

numba keys the cached machine code of a function on that function's own source
file. The turn kernel (kernel.py) has its stages (turn_*.py), the block helpers
(blockwise.py), the expression VM (vm.py) and the hashing (rng.py) compiled
into it, so a change to any of them must also retire the cached kernel, or an
old kernel would run new instructions. Importing this module (before any
compiled function is defined) makes the stamp of every compiled function in
this folder cover all of MODULES.

The stamp is made of the files' contents, not their modification times (numba's
own choice), so a checkout, a rebase or a reinstall that leaves the source as it
was keeps the machine code: compiling costs the player about 40 seconds of
processor time, minutes on a busy machine.
"""

from __future__ import annotations

import hashlib
import os

from numba.core import caching

_HERE = os.path.dirname(os.path.abspath(__file__))
# Every module of this folder with compiled functions (a test keeps this list complete).
MODULES = ("kernel.py", "turn_start.py", "turn_changes.py", "turn_end.py", "blockwise.py", "randombot.py",
           "vm.py", "rng.py")
_FILES = [os.path.join(_HERE, name) for name in MODULES]


_kept: tuple[tuple, str] | None = None  # (the files' stat results, their stamp): read them again only if touched


def stamp() -> str:
    """A fingerprint of the contents of every compiled model module."""
    global _kept
    seen = tuple((path, st.st_mtime_ns, st.st_size, st.st_ino) for path in _FILES for st in [os.stat(path)])
    if _kept is not None and _kept[0] == seen:
        return _kept[1]
    h = hashlib.sha256()
    for path in _FILES:
        with open(path, "rb") as fh:
            h.update(f"{os.path.basename(path)}:{hashlib.sha256(fh.read()).hexdigest()};".encode())
    _kept = (seen, h.hexdigest())
    return _kept[1]


def prune() -> int:
    """Delete cached machine code that no current function can use again; returns how many files went.

    numba never deletes cache files: each change of the model that moves a function to
    another line leaves its old files behind (named by line), and a shorter index leaves
    data files it no longer names; a player would keep about 3 MB per upgrade, a
    developer tens of MB. Kept: every index of a compiled function of MODULES and the
    data files it names. Only files of this folder's modules and of this Python version
    are touched. Call it once the machine code is loaded (warmup does).
    """
    from numba.core.registry import CPUDispatcher

    keep: dict[str, set[str]] = {}  # cache folder -> file names in use
    tags: set[str] = set()
    for module in _modules():
        for fn in vars(module).values():
            fn = getattr(fn, "compiled", fn)  # a twins.Entry holds its dispatcher
            index = getattr(getattr(fn, "_cache", None), "_cache_file", None)
            if not isinstance(fn, CPUDispatcher) or not hasattr(index, "_index_name") \
                    or fn.py_func.__module__ != module.__name__:
                continue
            names = keep.setdefault(index._cache_path, set())
            names.add(index._index_name)
            names.update(index._load_index().values())
            tags.add(index._index_name.rsplit(".", 2)[-2])  # "py311"
    stems = tuple(f"{os.path.splitext(m)[0]}." for m in MODULES)
    gone = 0
    for folder, names in keep.items():
        try:
            listed = os.listdir(folder)
        except OSError:
            continue
        for name in listed:
            if (name.startswith(stems) and name.endswith((".nbi", ".nbc")) and name not in names
                    and any(f".{tag}." in name for tag in tags)):
                try:
                    os.unlink(os.path.join(folder, name))
                    gone += 1
                except OSError:
                    pass
    return gone


def _modules() -> list:
    import importlib

    package = __name__.rsplit(".", 1)[0]
    return [importlib.import_module(f"{package}.{os.path.splitext(m)[0]}") for m in MODULES]


def _covering(base):
    class Locator(base):
        @classmethod
        def from_function(cls, py_func, py_file):
            if os.path.dirname(os.path.abspath(py_file)) != _HERE:
                return None
            return super().from_function(py_func, py_file)

        def get_source_stamp(self):
            return ("model-sources", stamp())

    Locator.__name__ = Locator.__qualname__ = f"Model{base.__name__}"
    return Locator


def _install() -> None:
    impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")  # renamed in numba 0.59
    if any(c.__name__.startswith("Model") for c in impl._locator_classes):
        return
    wanted = ("UserProvidedCacheLocator", "InTreeCacheLocator", "UserWideCacheLocator")
    impl._locator_classes[:0] = [_covering(c) for c in impl._locator_classes if c.__name__ in wanted]


_install()
