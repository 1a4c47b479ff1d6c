"""The cached kernel is retired when any of the files compiled into it changes."""

import os

from pathlib import Path

from game.model import blockwise, jitcache, kernel, randombot, vm


def test_every_compiled_model_function_uses_the_shared_stamp():
    for fn in (kernel.advance, blockwise.situation, randombot.random_bot, vm.run):
        locator = fn._cache._impl.locator
        assert type(locator).__name__.startswith("Model"), fn
        assert locator.get_source_stamp()[1] == jitcache.stamp()


def test_the_stamp_follows_the_sources_contents_not_their_dates(tmp_path, monkeypatch):
    copies = []
    for path in jitcache._FILES:
        copy = tmp_path / os.path.basename(path)
        copy.write_bytes(Path(path).read_bytes())
        copies.append(str(copy))
    monkeypatch.setattr(jitcache, "_FILES", copies)
    monkeypatch.setattr(jitcache, "_kept", None)
    before = jitcache.stamp()
    assert before == jitcache.stamp()
    vm_copy = tmp_path / "vm.py"
    os.utime(vm_copy, ns=(1, 1))  # touched (a checkout, a rebase): the machine code stays valid
    assert jitcache.stamp() == before
    vm_copy.write_text(vm_copy.read_text() + "\n# changed\n")
    assert jitcache.stamp() != before  # changed: compiled again, with the kernel that includes it


def test_every_module_with_compiled_code_is_in_the_stamp():
    folder = Path(jitcache.__file__).parent
    compiled = {p.name for p in folder.glob("*.py") if "from numba import njit" in p.read_text()}
    assert compiled == set(jitcache.MODULES)


def test_prune_deletes_only_machine_code_no_current_function_can_use():
    """Files of functions at old lines and data files no index names go; the rest stays."""
    index = kernel.advance._cache._cache_file
    folder = Path(index._cache_path)
    folder.mkdir(parents=True, exist_ok=True)
    tag = index._index_name.rsplit(".", 2)[-2]
    stale = [f"kernel.advance-1.{tag}.nbi", f"kernel.advance-1.{tag}.1.nbc", f"blockwise.gone-7.{tag}.nbi",
             f"{index._index_name[:-4]}.99.nbc"]
    foreign = [f"kernel.advance-1.py27.nbi", f"elsewhere.advance-1.{tag}.nbi", "kernel.notes.txt"]
    for name in stale + foreign:
        (folder / name).write_bytes(b"x")
    try:
        assert jitcache.prune() >= len(stale)
        left = set(os.listdir(folder))
        assert not left & set(stale)
        assert set(foreign) <= left
        assert all(name in left for name in index._load_index().values())  # what the kernel loads stays
    finally:
        for name in stale + foreign:
            (folder / name).unlink(missing_ok=True)
