"""saves.list_saves / find_unfinished: what Load lists and what Continue (window, terminal) resumes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from game import saves
from game.scenario.loader import load
from game.session import Decision, Session
from game.userdata import autosave_path


def played(name: str, turns: int, seed: int = 1) -> Session:
    s = Session(load(name), seed)
    while s.turn < turns and not s.done:
        s.decide(Decision((), s.default_decision().choice))
    return s


def saved(session: Session, path: Path, age: float) -> Path:
    """Save `session` in `path`, dated `age` seconds ago."""
    saves.save(session, path)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_the_listing_names_scenario_turn_date_and_finished_newest_first():
    folder = saves.save_folder()
    saved(played("tutorial", 3), autosave_path(), age=300)
    whole = played("tutorial", 99)
    saved(whole, folder / "done.json", age=100)
    saved(played("startup", 2), folder / "named.json", age=10)
    (folder / "broken.json").write_text("{ not json")
    infos = saves.list_saves()
    assert [i.path.name for i in infos] == ["broken.json", "named.json", "done.json", "autosave.json"]
    broken, named, done, auto = infos
    assert broken.problem and "broken JSON" in broken.problem and not broken.resumable
    assert (named.scenario_id, named.title, named.turn, named.finished) == ("startup", load("startup").scenario.title,
                                                                            2, False)
    assert named.turns == load("startup").scenario.turns and named.resumable and not named.autosave
    assert done.finished and done.turn == whole.turn and not done.resumable
    assert auto.autosave and auto.turn == 3 and auto.scenario_id == "tutorial"
    assert abs(auto.modified - (time.time() - 300)) < 5


def test_find_unfinished_picks_the_newest_game_of_the_scenario_asked_for():
    folder = saves.save_folder()
    saved(played("tutorial", 2), autosave_path(), age=50)
    saved(played("startup", 4), folder / "a.json", age=500)
    saved(played("startup", 1), folder / "b.json", age=5)
    assert saves.find_unfinished().path.name == "b.json"  # the latest, wherever it is
    assert saves.find_unfinished("tutorial").path == autosave_path()
    assert saves.find_unfinished("startup").path.name == "b.json"
    assert saves.find_unfinished("mature") is None


def test_a_finished_game_a_workshop_game_or_a_damaged_file_is_not_resumed():
    folder = saves.save_folder()
    saved(played("tutorial", 99), autosave_path(), age=1)
    workshop = played("tutorial", 2)
    workshop.meta = {"team": "Blue", "workshop": {"name": "w"}}
    saved(workshop, folder / "w.json", age=2)
    tampered = played("tutorial", 3)
    saves.save(tampered, folder / "t.json")
    data = json.loads((folder / "t.json").read_text())
    data["turn"] = 1
    (folder / "t.json").write_text(json.dumps(data))
    assert saves.find_unfinished("tutorial") is None
    assert saves.find_unfinished("tutorial", workshops=True).path.name == "w.json"
    assert "checksum" in saves.read_info(folder / "t.json").problem


def test_an_older_save_without_a_summary_is_replayed_once_to_list_it():
    s = played("tutorial", 4)
    body = {k: v for k, v in saves.to_dict(s).items() if k != "summary"}
    path = saves.save_folder() / "old.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saves.seal(body)))
    info = saves.read_info(path)
    assert (info.title, info.turn, info.turns, info.finished, info.problem) == (
        s.scenario.title, 4, s.scenario.turns, False, None)


def test_a_game_another_running_leadsim_is_saving_is_in_use_but_our_own_is_not(tmp_path):
    game = played("tutorial", 2)
    mine = saves.SaveSlot(autosave_path(), saves.save_folder())
    mine.save(game)
    theirs = saves.save_folder() / "theirs.json"
    saved(played("tutorial", 3), theirs, age=0)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
         str(theirs.parent / f".{theirs.name}.lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        by_name = {i.path.name: i for i in saves.list_saves()}
        assert by_name["theirs.json"].in_use and not by_name["theirs.json"].resumable
        assert not by_name["autosave.json"].in_use  # this process holds it: Continue may resume it
        from game.views.saves import IN_USE, save_line

        assert save_line(by_name["theirs.json"]).endswith(" · " + IN_USE)  # instead of when: it is saved now
        assert IN_USE not in save_line(by_name["autosave.json"])
        assert saves.find_unfinished("tutorial").path == autosave_path()
    finally:
        holder.communicate("")
        mine.close()
    assert not saves.read_info(theirs).in_use  # the other game ended: its lock went with it


def test_the_words_of_a_save_name_scenario_progress_and_date():
    from game.views.saves import continue_label, elsewhere, save_line

    s = played("tutorial", 4)
    path = saved(s, saves.save_folder() / "g.json", age=0)
    info = saves.read_info(path)
    now = time.mktime(time.localtime(info.modified))
    assert save_line(info, now).startswith("Tutorial: Your First Team · turn 5 of 12 · saved today ")
    assert save_line(info, now + 86400).split(" · ")[-1].startswith("saved yesterday ")
    assert continue_label(info) == "Continue: Tutorial, turn 5 of 12"
    assert elsewhere(info) == "Your unfinished game of Tutorial: Your First Team (turn 5 of 12) is under Load a saved game."
    finished = played("tutorial", 99)
    done = saves.read_info(saved(finished, saves.save_folder() / "d.json", age=3 * 86400))
    # a finished game's line says its score (player s6 finding 7: the Load list showed none)
    assert f" · finished after 12 turns, score {finished.score():.1f} · saved 20" in save_line(done)
    (saves.save_folder() / "x.json").write_text("[]")
    assert save_line(saves.read_info(saves.save_folder() / "x.json")).startswith("x · cannot be loaded")
