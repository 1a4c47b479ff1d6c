"""Crash-safe saves: atomic writes, checksums, versions and migrations, and a process killed with
SIGKILL inside each phase of its save, or at random moments, never loses the previous save."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import saves
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session

CHILD = Path(__file__).with_name("save_child.py")


@pytest.fixture(scope="module")
def game():
    return play_bot(Session(load("tutorial"), 4), "adaptive")


def test_atomic_write_is_temp_file_fsync_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append(("replace", Path(a).name, Path(b).name)),
                                                     real_replace(a, b))[1])
    target = tmp_path / "save.json"
    saves.atomic_write(target, "new")
    assert calls[0] == "fsync"
    kind, tmp_name, final = calls[1]
    assert kind == "replace" and tmp_name.startswith(".save.json.") and tmp_name.endswith(".tmp")
    assert final == "save.json" and target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "save.json"
    saves.atomic_write(target, "old")

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        saves.atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_checksum_detects_any_change(game, tmp_path):
    path = tmp_path / "s.json"
    saves.save(game, path)
    text = path.read_text()
    assert saves.load(path).state.digest() == game.state.digest()
    data = json.loads(text)
    for key, value in [("seed", data["seed"] + 1), ("difficulty", "expert"), ("turn", 3),
                       ("log", data["log"][:-1]), ("meta", {"team": "x"})]:
        damaged = dict(data, **{key: value})
        with pytest.raises(saves.SaveError, match="checksum"):
            saves.from_dict(damaged)
    path.write_text(text.replace('"choice": null', '"choice": "x"', 1))
    with pytest.raises(saves.SaveError):
        saves.load(path)


def test_an_unknown_future_version_is_refused(game):
    data = saves.to_dict(game)
    data["version"] = saves.VERSION + 1
    data = saves.seal(data)
    with pytest.raises(saves.SaveError, match="newer Leadsim"):
        saves.from_dict(data)


def test_an_old_version_without_a_migration_is_refused(game):
    data = saves.to_dict(game)
    data["version"] = 0
    data = saves.seal(data)
    with pytest.raises(saves.SaveError, match="version 0"):
        saves.from_dict(data)


def test_a_registered_migration_is_applied(game, monkeypatch):
    """Pretend the format moved to version 3: a current save is upgraded on load."""
    old = saves.to_dict(game)  # written as the current version
    seen, current = [], saves.VERSION

    def upgrade(data):
        seen.append(data["version"])
        return {**data, "version": current + 1, "meta": {**data["meta"], "migrated": True}}

    monkeypatch.setattr(saves, "MIGRATIONS", {**saves.MIGRATIONS, saves.VERSION: upgrade})
    monkeypatch.setattr(saves, "VERSION", saves.VERSION + 1)
    session = saves.from_dict(old)
    assert seen == [current] and session.meta["migrated"] is True
    assert session.state.digest() == game.state.digest()
    monkeypatch.setattr(saves, "MIGRATIONS", {**saves.MIGRATIONS, current: lambda d: {**d, "version": 7}})
    with pytest.raises(saves.SaveError, match=f"upgrading it from version {current} failed"):
        saves.from_dict(old)


def test_a_version_1_save_replays_its_decisions_on_the_compiled_model(game):
    """Saves from before the compiled model keep their decisions; the old state fingerprint is dropped."""
    data = saves.to_dict(game)
    body = {k: v for k, v in data.items() if k != "checksum"}
    body.update(version=1, state_digest="0" * 64)  # what the old model's fingerprint would not match
    old = saves.seal(body)
    session = saves.from_dict(old)
    assert session.turn == game.turn and session.meta["replayed_from_version"] == 1
    assert session.state.digest() == game.state.digest()


# --- SIGKILL inside each phase of the save protocol, and at random moments ---------------------

def _saver(d: Path, seed: int, *phase: str) -> subprocess.Popen:
    d.mkdir()
    return subprocess.Popen([sys.executable, str(CHILD), str(d / "save.json"), str(seed), *phase],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _said(proc: subprocess.Popen, what: str) -> None:
    line = proc.stdout.readline()
    assert line.strip() == what, (line, proc.stderr.read() if proc.poll() is not None else "")


def _killed(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()


def test_sigkill_in_each_phase_of_a_save_leaves_the_previous_or_the_new_save_whole(tmp_path):
    """The child saves turn 1, then is killed inside its save of turn 2: with half the new text
    written, all of it written, fsynced, and renamed over the save (save_child.py names the phases).
    Until the rename the save is turn 1's, whole; from the rename on it is turn 2's, whole."""
    from .save_child import PHASES

    children = {phase: _saver(tmp_path / phase, 1, phase) for phase in PHASES}  # all at once: one start-up
    for phase, proc in children.items():
        _said(proc, "ready")
    for phase, proc in children.items():
        _said(proc, f"at {phase}")  # stopped inside the save of turn 2
        _killed(proc)
    for phase in PHASES:
        d = tmp_path / phase
        session = saves.load(d / "save.json")  # checksummed and replayed: whole, or this raises
        temps = [p for p in d.iterdir() if p.name.endswith(".tmp")]
        if phase == "renamed":
            assert session.turn == 2 and temps == [], phase
        else:
            assert session.turn == 1, phase  # the previous save, untouched
            assert len(temps) == 1, phase  # the interrupted new one is only ever the temporary file
            if phase != "writing":
                assert saves.from_dict(json.loads(temps[0].read_text())).turn == 2  # it held turn 2 whole
        # the next save of the same file is whole too, and tidies up a temporary file left long ago
        for t in temps:
            os.utime(t, (time.time() - saves.STALE_SECONDS - 5,) * 2)
        saves.save(session, d / "save.json")
        assert saves.load(d / "save.json").turn == session.turn
        assert [p.name for p in d.iterdir()] == ["save.json"], phase


# The phases above are where a save can be cut; these kills land anywhere (between saves, inside the
# game's own work, in json). Each kill costs a child's start-up (seconds); the longer search of earlier
# sessions (300 kills by default) is `python benchmarks/fuzz_long.py`.
KILLS = 4
PARALLEL = 4


def kill_rounds(folder: Path, kills: int, parallel: int, seed: int) -> dict:
    """Start savers, kill each at a random moment after its first save, check the file.

    Returns figures: kills, saves readable, largest turn seen, temp files left behind.
    """
    rng = random.Random(seed)
    figures = {"kills": 0, "readable": 0, "max_turn": 0, "temp_files_left": 0}
    done = 0
    while done < kills:
        batch = [(_saver(folder / f"run{done + k}", done + k), folder / f"run{done + k}")
                 for k in range(min(parallel, kills - done))]
        for proc, d in batch:
            _said(proc, "ready")
        for proc, d in batch:
            time.sleep(rng.uniform(0, 0.25))
            _killed(proc)
        for proc, d in batch:
            session = saves.load(d / "save.json")  # the last complete save is always there
            figures["kills"] += 1
            figures["readable"] += 1
            figures["max_turn"] = max(figures["max_turn"], session.turn)
            figures["temp_files_left"] += len([p for p in d.iterdir() if p.name.endswith(".tmp")])
        done += len(batch)
    return figures


def test_sigkill_while_saving_never_loses_the_previous_save(tmp_path):
    figures = kill_rounds(tmp_path, KILLS, PARALLEL, seed=6)
    assert figures["kills"] == figures["readable"] == KILLS
    assert figures["max_turn"] >= 2
