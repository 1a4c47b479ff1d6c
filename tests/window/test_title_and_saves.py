"""The title screen, Continue, Load and "Save and go to title" in the real window (issue 10 point 6,
issue 11's "Continue resumes only autosave.json"): Enter never resumes a game of another scenario than
the one asked for, the highlighted button is the one Enter presses, Continue finds the latest unfinished
game wherever it is saved, Load names each save's scenario, turn and date, and "Save and go to title"
keeps the game under a name of its own."""

from __future__ import annotations

import os
import time

from game import saves
from game.scenario.loader import load
from game.session import Decision, Session


def played(name: str, turns: int, seed: int = 3) -> Session:
    s = Session(load(name), seed)
    for _ in range(turns):
        s.decide(Decision((), s.default_decision().choice))
    return s


def put(session: Session, path, age: float = 0.0):
    path.parent.mkdir(parents=True, exist_ok=True)
    saves.save(session, path)
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


def title_buttons(p):
    return [b for b in p["buttons"] if b["scene"] == "title"]


def test_enter_never_resumes_a_game_of_another_scenario(game, tmp_path):
    folder = tmp_path / "data" / "leadsim"
    put(played("startup", 4), folder / "autosave.json")
    g = game("tutorial", "--seed", "5", "--size", "1280x720")
    p = g.wait_top("title")
    cont = next(b for b in title_buttons(p) if b["text"].startswith("Continue"))
    assert not cont["enabled"], cont  # a startup game is no tutorial game: nothing to continue here
    high = [b["text"] for b in title_buttons(p) if b["primary"]]
    assert high == ["New game"] and next(b for b in title_buttons(p) if b["focused"])["text"] == "New game"
    g.screenshot("title-other-scenario")
    p = g.key("Return")
    assert p["top"] == "briefing"
    p = g.key("Return")  # Start: the tutorial, not the startup game
    # the startup game is moved out of the autosave slot now, and the notice over the tutorial's first
    # screen says so, before anything is played in the new game (not in its first report: s6 finding 14)
    assert p["top"] == "notice" and p["stack"][-2] == "phase" and p["turn"] == 0, p["stack"]
    (kept,) = (folder / "saves").glob("startup-after-turn4-*.json")
    assert saves.read_info(kept).scenario_id == "startup" and not (folder / "autosave.json").exists()
    p = g.key("Return")
    assert p["top"] == "phase" and p["turn"] == 0


def test_continue_resumes_the_latest_unfinished_game_wherever_it_is_saved(game, tmp_path):
    folder = tmp_path / "data" / "leadsim"
    put(played("tutorial", 12), folder / "autosave.json", age=10)  # finished: nothing to continue there
    put(played("tutorial", 2), folder / "saves" / "tutorial-older.json", age=500)
    kept = put(played("tutorial", 5), folder / "saves" / "tutorial-turn5-kept.json", age=60)
    g = game("tutorial", "--size", "1280x720")
    p = g.wait_top("title")
    cont = next(b for b in title_buttons(p) if b["text"].startswith("Continue"))
    assert cont["enabled"] and cont["primary"] and cont["focused"], cont
    assert "turn 6 of 12" in cont["text"]
    g.screenshot("title-continue")
    p = g.key("Return")
    assert p["top"] in ("dashboard", "event") and p["turn"] == 5, p["stack"]
    if p["top"] == "event":
        p = g.key("1")
    p = g.key("1", "e")
    for _ in range(4):
        if p["top"] == "dashboard" and p["turn"] == 6:
            break
        p = g.key("e" if p["top"] == "confirm" else "Return")
    assert p["turn"] == 6
    g.wait(lambda _: saves.read_info(kept).turn == 6, what="the kept game's own file to follow it")
    assert saves.read_info(folder / "autosave.json").finished  # the finished game was left alone


def test_save_and_go_to_title_makes_a_named_save_that_load_lists(game, tmp_path):
    folder = tmp_path / "data" / "leadsim"
    g = game("tutorial", "--seed", "7", "--size", "1024x600")
    from flows import new_game_by_keys, through_overlays_by_keys

    p = new_game_by_keys(g)
    for turn in range(2):
        if p["top"] == "event":
            p = g.key("1")
        p = g.key("1", "e")
        if p["top"] == "confirm":
            p = g.key("e")
        assert p["turn"] == turn + 1
        p = through_overlays_by_keys(g, p)
    if p["top"] == "event":
        p = g.key("1")
    assert p["top"] == "dashboard" and p["turn"] == 2
    p = g.key("Escape")
    assert p["top"] == "help"
    p = g.click("Save and go to title")
    assert p["top"] == "title", p["stack"]
    g.screenshot("title-after-save")
    named = list((folder / "saves").glob("tutorial-*.json"))
    assert len(named) == 1 and saves.read_info(named[0]).turn == 2
    assert not (folder / "autosave.json").exists()  # one game, one file: Load lists it once
    cont = next(b for b in title_buttons(p) if b["text"].startswith("Continue"))
    assert cont["enabled"] and cont["focused"] and "turn 3 of 12" in cont["text"]
    p = g.click("Load a saved game")
    assert p["top"] == "load"
    rows = [b for b in p["buttons"] if b["scene"] == "load" and b["text"] not in ("Back",)]
    assert len(rows) == 1 and rows[0]["text"].startswith("Tutorial: Your First Team · turn 3 of 12 · saved today ")
    assert rows[0]["selected"] and rows[0]["focused"]  # highlighted is what Enter opens
    assert not any(b["primary"] for b in p["buttons"] if b["scene"] == "load")
    g.screenshot("load")
    p = g.click(rows[0]["text"])
    assert p["top"] == "dashboard" and p["turn"] == 2
