"""The user's own disk (issue 11, points 8 and 9): a read-only or full data folder never stops a game
or touches what was saved before; two games at once never overwrite each other."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from game import saves
from game.cli import main
from game.scenario.loader import load
from game.session import Decision, Session

ROOT = Path(__file__).resolve().parents[2]


def played(seed: int, turns: int, name: str = "tutorial") -> Session:
    s = Session(load(name), seed)
    for _ in range(turns):
        s.decide(Decision((), s.default_decision().choice))
    return s


def next_turn(s: Session) -> None:
    s.decide(Decision((), s.default_decision().choice))


def failing(monkeypatch, code: int, where: str = "replace"):
    """Make the disk fail as a full (ENOSPC) or read-only (EROFS) one does, at the rename or at the write."""
    def boom(*a, **k):
        raise OSError(code, os.strerror(code))

    if where == "replace":
        monkeypatch.setattr(saves.os, "replace", boom)
    else:
        monkeypatch.setattr(saves.tempfile, "mkstemp", boom)


# --- point 8: a failing disk ------------------------------------------------------------------------

@pytest.mark.parametrize("code, where", [(errno.ENOSPC, "replace"), (errno.EROFS, "mkstemp"),
                                         (errno.EACCES, "mkstemp")])
def test_a_failed_save_is_told_keeps_the_old_file_and_is_retried_next_turn(tmp_path, monkeypatch, code, where):
    slot_file = tmp_path / "autosave.json"
    slot = saves.SaveSlot(slot_file, tmp_path / "saves")
    game = played(1, 2)
    assert slot.save(game) == [] and slot.ok
    before = slot_file.read_bytes()
    with monkeypatch.context() as m:
        failing(m, code, where)
        next_turn(game)
        notes = slot.save(game)
    assert not slot.ok and len(notes) == 1
    assert str(slot_file) in notes[0] and os.strerror(code) in notes[0] and "tried again" in notes[0]
    assert slot_file.read_bytes() == before  # the save before is untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no half-written file
    next_turn(game)  # the game goes on in memory; the disk is back: the next turn saves it
    assert slot.save(game) == [f"Saved your game to {slot_file} again."] and slot.ok
    assert saves.load(slot_file).state.digest() == game.state.digest()


def test_a_data_folder_under_a_file_plays_on_in_the_terminal_and_leaves_a_rescue_copy(tmp_path, monkeypatch,
                                                                                        capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("LEADSIM_HOME", str(blocker / "leadsim"))
    rescue = tmp_path / "tmp"
    rescue.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(rescue))
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 3))
    assert main(["play", "tutorial", "--seed", "3", "--text"]) == 0
    out, err = capsys.readouterr()
    assert err.count("Could not save your game to") >= 3 and "Not a directory" in err and "Traceback" not in err
    assert "Saving your game failed" in out
    kept = list(rescue.glob("leadsim-rescue-tutorial-*.json"))
    assert len(kept) == 1 and saves.load(kept[0]).turn == 3 and f"--load {kept[0]}" in err
    assert blocker.read_text() == "a file where the data folder should be"


def test_the_window_plays_on_when_saving_fails_and_says_so_in_the_report(tmp_path, monkeypatch):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App
    from game.ui.scenes.report import ReportScene
    from game.ui.settings import Settings
    from game.views.report import turn_report

    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    app = App(size=(1024, 600), settings=Settings(1024, 600), fps=0, sound=False)
    try:
        app.start(played(2, 0))
        app.decide(Decision((), app.session.default_decision().choice))
        saved = (tmp_path / "home" / "autosave.json").read_bytes()
        with monkeypatch.context() as m:
            failing(m, errno.ENOSPC)
            report = app.decide(Decision((), app.session.default_decision().choice))
            scene = ReportScene(app, turn_report(app.session, report))
            app.push(scene)
            app.frame()
            text = next(w for w in scene.widgets if hasattr(w, "html_text")).html_text
            assert "Could not save your game to" in text and "No space left on device" in text
            assert app.running and app.session.turn == 2
        assert (tmp_path / "home" / "autosave.json").read_bytes() == saved
        app.decide(Decision((), app.session.default_decision().choice))
        assert app.slot.ok and saves.load(tmp_path / "home" / "autosave.json").turn == 3
    finally:
        pygame.quit()


# --- point 9: two games at once -----------------------------------------------------------------------

def test_a_second_game_while_the_first_runs_gets_a_file_of_its_own(tmp_path):
    two_games_at_once(tmp_path)


def two_games_at_once(tmp_path):
    wanted, folder = tmp_path / "autosave.json", tmp_path / "saves"
    a, b = saves.SaveSlot(wanted, folder), saves.SaveSlot(wanted, folder)  # two flock holders, as two processes
    ga, gb = played(1, 1), played(2, 1)
    assert a.save(ga) == []
    (note,) = b.save(gb)
    assert "another Leadsim that is running now" in note and str(b.path) in note and b.path.parent == folder
    for _ in range(3):
        next_turn(ga), a.save(ga)
        next_turn(gb), b.save(gb)
    assert saves.load(wanted).state.digest() == ga.state.digest()
    assert saves.load(b.path).state.digest() == gb.state.digest()
    a.close()  # A's program ends: a new game C takes the autosave and moves A's unfinished game aside
    c = saves.SaveSlot(wanted, folder)
    (kept,) = c.save(played(3, 1))
    assert "Your unfinished game was kept" in kept and saves.load(c.kept).state.digest() == ga.state.digest()
    assert saves.load(b.path).state.digest() == gb.state.digest()  # B, still running, keeps its own file


class FakeMsvcrt:
    """Windows' msvcrt.locking, acted out with flock (which, like LockFile, conflicts between two open
    files even in one process); records every call so the test sees what Windows would be asked."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self):
        import fcntl

        self.fcntl, self.calls = fcntl, []

    def locking(self, fd, mode, nbytes):
        self.calls.append((mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
        if mode == self.LK_UNLCK:
            self.fcntl.flock(fd, self.fcntl.LOCK_UN)
        elif mode == self.LK_NBLCK:
            try:
                self.fcntl.flock(fd, self.fcntl.LOCK_EX | self.fcntl.LOCK_NB)
            except BlockingIOError:
                raise PermissionError(13, "Permission denied") from None  # what msvcrt raises when held
        else:
            raise AssertionError(f"a lock that waits (mode {mode}) would hang a second Leadsim")


@pytest.fixture
def windows(monkeypatch):
    """This machine as Windows: no fcntl, msvcrt instead."""
    fake = FakeMsvcrt()
    monkeypatch.setattr(saves, "fcntl", None)
    monkeypatch.setattr(saves, "msvcrt", fake, raising=False)
    return fake


def test_on_windows_a_second_game_gets_a_file_of_its_own_too(tmp_path, windows):
    """Regression: without fcntl no lock was taken at all, so two games on Windows shared the autosave."""
    two_games_at_once(tmp_path)
    assert (FakeMsvcrt.LK_NBLCK, 1, 0) in windows.calls and (FakeMsvcrt.LK_UNLCK, 1, 0) in windows.calls
    assert {mode for mode, _, _ in windows.calls} <= {FakeMsvcrt.LK_NBLCK, FakeMsvcrt.LK_UNLCK}
    assert all(nbytes == 1 and at == 0 for _, nbytes, at in windows.calls)  # always byte 0 of the lock file


def test_on_windows_the_listing_sees_a_game_another_process_plays(tmp_path, windows):
    wanted = tmp_path / "autosave.json"
    a = saves.SaveSlot(wanted, tmp_path / "saves")
    a.save(played(1, 1))
    saves._HELD.clear()  # as seen from another process: it holds no lock of its own
    assert saves._held_elsewhere(wanted)
    a.close()
    assert not saves._held_elsewhere(wanted)


def test_the_lock_is_chosen_by_what_the_os_has(monkeypatch, tmp_path):
    import fcntl

    fake = FakeMsvcrt()
    for f, m, name in ((fcntl, None, "flock"), (fcntl, fake, "flock"), (None, fake, "msvcrt.locking")):
        monkeypatch.setattr(saves, "fcntl", f)
        monkeypatch.setattr(saves, "msvcrt", m, raising=False)
        assert saves._locks().name == name
    monkeypatch.setattr(saves, "fcntl", None)
    monkeypatch.setattr(saves, "msvcrt", None, raising=False)
    assert saves._locks() is None
    assert saves._claim(tmp_path / "autosave.json") is True  # no lock here: saving still works, unlocked


def test_the_same_game_continued_twice_never_overwrites_either(tmp_path):
    wanted, folder = tmp_path / "autosave.json", tmp_path / "saves"
    a = saves.SaveSlot(wanted, folder)
    ga = played(1, 2)
    a.save(ga)
    gb = saves.load(wanted)  # Continue in a second window, while the first plays on
    b = saves.SaveSlot(wanted, folder)
    next_turn(ga), a.save(ga), next_turn(ga), a.save(ga)
    next_turn(gb)
    b.save(gb)
    assert b.path != wanted and saves.load(wanted).turn == 4 and saves.load(b.path).turn == 3


def test_a_finished_game_frees_its_slot(tmp_path):
    wanted, folder = tmp_path / "autosave.json", tmp_path / "saves"
    a = saves.SaveSlot(wanted, folder)
    done = played(1, 12)
    assert done.done
    a.save(done)
    b = saves.SaveSlot(wanted, folder)
    notes = b.save(played(2, 1))
    assert b.path == wanted  # the finished game holds no lock: the new game takes the slot
    assert len(notes) == 1 and notes[0].startswith("Your finished game was kept ")  # and it is not lost


def test_a_finished_game_leaves_the_shared_autosave_for_a_file_of_its_own(tmp_path):
    """s6 player 2: a terminal's finished game sat in the autosave until the window's next game moved it
    aside, so the path the terminal had printed for `leadsim review` then held the window's game."""
    wanted, folder = tmp_path / "autosave.json", tmp_path / "saves"
    a = saves.SaveSlot(wanted, folder, shared=True)
    game = played(1, 11)
    assert a.save(game) == [] and a.path == wanted and not a.crowded
    next_turn(game)
    assert game.done and a.save(game) == []
    assert not wanted.exists() and a.path.parent == folder
    assert a.path.name.startswith("tutorial-seed1-") and saves.load(a.path).state.digest() == game.state.digest()
    b = saves.SaveSlot(wanted, folder, shared=True)  # the next game, in this process or another
    assert b.save(played(2, 1)) == [] and b.path == wanted and b.kept is None  # nothing to move aside
    assert saves.load(a.path).state.digest() == game.state.digest()  # still the finished game, where it was said
    a.save(game)  # a finished game saved again (leaving its debrief) goes to its own file, not the autosave
    assert saves.load(wanted).seed == 2


def test_a_finished_game_in_a_file_the_player_named_stays_there(tmp_path):
    named, folder = tmp_path / "mine.json", tmp_path / "saves"
    slot = saves.SaveSlot(named, folder)
    game = played(1, 12)
    slot.save(game)
    assert slot.path == named and saves.load(named).done and not folder.exists()


def test_a_second_game_knows_it_was_crowded_out_of_the_autosave(tmp_path):
    wanted, folder = tmp_path / "autosave.json", tmp_path / "saves"
    a, b = saves.SaveSlot(wanted, folder, shared=True), saves.SaveSlot(wanted, folder, shared=True)
    a.take(played(1, 0))
    b.take(played(2, 0))
    assert not a.crowded and b.crowded and b.path.parent == folder
    a.close()
    b.take(played(3, 0))  # B's next game: the autosave is free again
    assert not b.crowded and b.path == wanted


def _wait_for(path_of, turn: int, proc, seconds: float = 60.0) -> Path:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        path = path_of()
        if path is not None:
            try:
                if saves.load(path).turn >= turn:
                    return path
            except saves.SaveError:
                pass
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    raise AssertionError(f"no save at turn {turn}")


def test_two_terminal_games_interleaving_turns_keep_both(tmp_path, monkeypatch):
    """The issue's case: A plays turns 1-3, B starts, A plays 4-6, B plays on: all of A's turns survive."""
    home = tmp_path / "home"
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "game", "play", "tutorial", "--text", "--seed"]
    a = subprocess.Popen(cmd + ["1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env=env, cwd=ROOT)
    b = None
    try:
        def turns(proc, path_of, upto):
            for t in range(upto - 2, upto + 1):
                proc.stdin.write("\n")
                proc.stdin.flush()
                _wait_for(path_of, t, proc)

        autosave = home / "autosave.json"
        turns(a, lambda: autosave if autosave.exists() else None, 3)
        b = subprocess.Popen(cmd + ["2"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT)

        def b_file():
            found = list((home / "saves").glob("tutorial-*.json")) if (home / "saves").is_dir() else []
            return found[0] if found else None

        turns(b, b_file, 3)
        turns(a, lambda: autosave, 6)
        turns(b, b_file, 6)
        for p in (a, b):
            p.stdin.close()
        assert a.wait(60) == 0 and b.wait(60) == 0
        err_b = b.stderr.read()
        assert "another Leadsim that is running now" in err_b and "Traceback" not in err_b
        game_a, game_b = saves.load(autosave), saves.load(b_file())
        assert (game_a.seed, game_a.turn) == (1, 6) and (game_b.seed, game_b.turn) == (2, 6)
        assert game_a.state.digest() == played(1, 6).state.digest()
        from game.ui.scenes.load import save_files

        monkeypatch.setenv("LEADSIM_HOME", str(home))
        assert set(save_files()) == {autosave, b_file()}  # Load lists both games
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.kill()


def test_a_game_killed_mid_play_beside_another_continues_and_the_other_is_untouched(tmp_path):
    """SIGKILL (no goodbye, no last save) while a second game runs: the killed game's file keeps every turn
    it finished, its lock goes with it (Load no longer says 'being played now'), `--load` continues it in
    a new process, and the game still running keeps its own file throughout."""
    import signal

    home = tmp_path / "home"
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "game", "play"]

    def start(*args):
        return subprocess.Popen(cmd + list(args), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)

    def turns(proc, path_of, upto, first=1):
        for t in range(first, upto + 1):
            proc.stdin.write("\n")
            proc.stdin.flush()
            _wait_for(path_of, t, proc)

    autosave = home / "autosave.json"
    b_file = lambda: next(iter((home / "saves").glob("tutorial-*.json")), None) if (home / "saves").is_dir() else None
    a = start("tutorial", "--text", "--seed", "1")
    b = c = None
    try:
        turns(a, lambda: autosave if autosave.exists() else None, 2)
        b = start("tutorial", "--text", "--seed", "2")
        turns(b, b_file, 1)
        os.kill(a.pid, signal.SIGKILL)
        a.wait(30)
        infos = {i.path: i for i in saves.list_saves(autosave, home / "saves")}
        assert not infos[autosave].in_use and infos[autosave].resumable and infos[b_file()].in_use
        assert saves.load(autosave).state.digest() == played(1, 2).state.digest()
        c = start("--load", str(autosave), "--text")  # continue the killed game
        turns(c, lambda: autosave, 4, first=3)
        turns(b, b_file, 3, first=2)
        for p in (b, c):
            p.stdin.close()
        assert b.wait(60) == 0 and c.wait(60) == 0
        assert saves.load(autosave).state.digest() == played(1, 4).state.digest()
        assert saves.load(b_file()).state.digest() == played(2, 3).state.digest()
        assert sorted(p.name for p in (home / "saves").glob("*.json")) == [b_file().name]  # nothing moved aside
    finally:
        for p in (a, b, c):
            if p is not None and p.poll() is None:
                p.kill()


def test_a_game_that_cannot_be_saved_anywhere_ends_with_exit_1_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    failing(monkeypatch, errno.EROFS, "mkstemp")  # the data folder and the temporary folder alike
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 2))
    assert main(["play", "tutorial", "--seed", "3", "--text"]) == 1
    err = capsys.readouterr().err
    assert "could not be saved anywhere" in err and "Traceback" not in err


def test_leaving_for_the_title_with_a_failing_disk_leaves_a_rescue_copy(tmp_path, monkeypatch):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App
    from game.ui.scenes.help import HelpScene
    from game.ui.settings import Settings

    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = App(size=(1024, 600), settings=Settings(1024, 600), fps=0, sound=False)
    try:
        app.start(played(2, 0))
        monkeypatch.setattr(saves, "save", _only_rescue(saves.save, tmp_path))  # only the temporary folder works
        app.decide(Decision((), app.session.default_decision().choice))
        assert not app.slot.ok
        HelpScene(app).to_title()
        (rescue,) = tmp_path.glob("leadsim-rescue-tutorial-*.json")
        assert saves.load(rescue).turn == 1 and app.session is None
    finally:
        pygame.quit()


def _only_rescue(real_save, folder):
    def save(session, path):
        if Path(path).parent != folder:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_save(session, path)
    return save
