"""The cached kernel is retired when any of the files compiled into it changes."""

import os

from pathlib import Path

from game.model import blockwise, jitcache, kernel, randombot, vm


def test_every_compiled_model_function_uses_the_shared_stamp():
    for fn in (kernel.advance, blockwise.situation, randombot.random_bot, vm.run):
        locator = fn._cache._impl.locator
        assert type(locator).__name__.startswith("Model"), fn
        assert locator.get_source_stamp()[1] == jitcache.stamp()


def test_the_stamp_follows_the_vm_source(tmp_path, monkeypatch):
    before = jitcache.stamp()
    real = os.stat

    def later(path, *a, **k):
        st = real(path, *a, **k)
        if str(path).endswith("vm.py"):
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid,
                                   st.st_size, st.st_atime, st.st_mtime + 1, st.st_ctime))
        return st

    monkeypatch.setattr(jitcache.os, "stat", later)
    assert jitcache.stamp() != before


def test_every_module_with_compiled_code_is_in_the_stamp():
    folder = Path(jitcache.__file__).parent
    compiled = {p.name for p in folder.glob("*.py") if "from numba import njit" in p.read_text()}
    assert compiled == set(jitcache.MODULES)
