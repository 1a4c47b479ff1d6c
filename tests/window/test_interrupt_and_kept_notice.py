"""Ctrl+C in the terminal that runs the window says the game was saved and how to continue (player s6
finding 13: only "leadsim: interrupted" was said); a finished game moved out of the autosave by a new game
is told before the new game starts, not inside its first report (s6 finding 14)."""

import json
import signal

from game import saves
from game.scenario.loader import load
from game.session import Session
from game.views.saves import INTERRUPTED_SAVED

from flows import new_game_by_keys, play_turn_by_keys  # noqa: F401


def test_ctrl_c_in_the_window_saves_and_says_how_to_continue(game):
    g = game("tutorial", "--seed", "5", "--size", "1280x720")
    new_game_by_keys(g)
    play_turn_by_keys(g, "12")
    g.key("3")  # a card picked in turn 2, not yet ended
    g.proc.send_signal(signal.SIGINT)
    assert g.wait_exit() == 130
    err = g.err_text()
    saved = g.save_dir / "autosave.json"
    assert INTERRUPTED_SAVED in err and f"\n{saved}\n" in err, err[-800:]
    assert "leadsim: interrupted" not in err
    data = json.loads(saved.read_text())
    assert data["turn"] == 1 and data.get("draft"), "the turn played and the card picked are saved"


def test_a_finished_game_kept_aside_is_told_before_the_new_game(game, tmp_path):
    done = Session(load("tutorial"), 4, "guided")
    while not done.done:
        done.decide(done.default_decision())
    g0 = game("--size", "1280x720", name="first")  # only to learn the data folder of this window
    g0.stop()
    g0.save_dir.mkdir(parents=True, exist_ok=True)
    saves.save(done, g0.save_dir / "autosave.json")
    g = game("startup", "--seed", "2", "--size", "1280x720")
    g.wait_top("title")
    p = g.key("Return")
    assert p["top"] == "briefing", p["stack"]
    p = g.key("Return")
    assert p["top"] == "notice" and "phase" in p["stack"], p["stack"]  # over the new game's first screen
    g.screenshot("kept-notice")
    kept = [i for i in saves.list_saves(g.save_dir / "autosave.json", g.save_dir / "saves") if i.finished]
    assert len(kept) == 1 and kept[0].path.stem.startswith("tutorial-finished-")
    p = g.key("Return")
    assert p["top"] == "phase", p["stack"]
    p = g.key("Return")
    g.key("1")
    p = g.key("e")
    if p["top"] == "confirm":
        p = g.key("e")
    assert p["top"] == "report" and p["turn"] == 1, p["stack"]
    g.screenshot("first-report-without-the-notice")  # tests/ui/test_autosave_slot.py reads its words
