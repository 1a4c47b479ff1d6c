"""One autosave slot never costs a player the game they had in progress."""

import json

from game import saves
from game.cli import main
from game.scenario.loader import load
from game.session import Decision, Session


def _played(seed, turns):
    s = Session(load("tutorial"), seed)
    for _ in range(turns):
        if s.done:
            break
        s.decide(Decision((), s.default_decision().choice))
    return s


def test_a_new_game_moves_the_unfinished_one_into_the_saves_folder(tmp_path):
    slot, folder = tmp_path / "autosave.json", tmp_path / "saves"
    old = _played(1, 3)
    saves.save(old, slot)
    assert saves.keep_other_game(slot, _played(1, 4), folder) is None  # the same game, further on
    assert slot.exists()
    kept = saves.keep_other_game(slot, _played(2, 1), folder)  # another game takes the slot
    assert kept is not None and kept.parent == folder and not slot.exists()
    assert saves.load(kept).state.digest() == old.state.digest()


def test_a_finished_game_is_kept_for_its_review(tmp_path):
    """A practice game hands in no result file: its save is the only way to review it again, so a
    new game taking the autosave (one Enter on "Play again") must not delete it."""
    slot, folder = tmp_path / "autosave.json", tmp_path / "saves"
    done = _played(1, 12)
    assert done.done
    saves.save(done, slot)
    kept = saves.keep_other_game(slot, _played(2, 1), folder)
    assert kept is not None and kept.parent == folder and saves.kept_finished(kept)
    assert saves.load(kept).state.digest() == done.state.digest()
    info = saves.read_info(kept)
    assert info.finished


def test_the_slot_says_a_finished_game_was_kept_and_how_to_review_it(tmp_path):
    slot_path, folder = tmp_path / "autosave.json", tmp_path / "saves"
    saves.save(_played(1, 12), slot_path)
    notes = saves.SaveSlot(slot_path, folder).save(_played(2, 1))
    assert len(notes) == 1 and notes[0].startswith("Your finished game was kept ")
    assert "leadsim review " in notes[0]


def test_terminal_play_says_where_the_old_game_went(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    saves.save(_played(1, 3), tmp_path / "autosave.json")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("\n" * 3))
    main(["play", "tutorial", "--seed", "9", "--text"])
    err = capsys.readouterr().err
    assert "Your unfinished game was kept" in err
    kept = list((tmp_path / "saves").glob("*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["seed"] == 1
