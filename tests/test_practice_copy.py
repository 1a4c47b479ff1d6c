"""Practice from the review (player s6 finding 1): "Try turn N again" makes a copy of the game at the start
of turn N, saved as a game of its own; the original game and its save stay as they were."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game import practice, saves
from game.autoplay import bot_decision
from game.model import kernel
from game.scenario.loader import load
from game.session import Decision, DecisionError, Session
from game.views import practice as words
from game.views.debrief import debrief


def played(scenario="tutorial", seed=238579, bot="adaptive", difficulty="guided") -> Session:
    s = Session(load(scenario), seed, difficulty)
    while not s.done:
        s.decide(bot_decision(s, bot))
    return s


def replayed(original: Session, turns: int) -> Session:
    s = Session(original.loaded, original.seed, original.difficulty)
    for d in original.log[:turns]:
        s.decide(d)
    return s


def same_state(a: Session, b: Session) -> bool:
    """Every array of the model's state equal, bit for bit (not only close)."""
    return all(np.array_equal(getattr(a.state, f), getattr(b.state, f)) and
               getattr(a.state, f).dtype == getattr(b.state, f).dtype for f in kernel.STATE_FIELDS) \
        and a.state.turn == b.state.turn and a.state.digest() == b.state.digest()


@pytest.fixture(scope="module")
def original() -> Session:
    return played()


@pytest.mark.parametrize("turn", [1, 2, 7, 12])
def test_the_copy_at_turn_n_is_the_original_replayed_to_n_bit_for_bit(original, turn):
    copy = practice.practice_copy(original, turn)
    assert copy.turn == turn - 1 and copy.log == original.log[:turn - 1]
    assert same_state(copy, replayed(original, turn - 1))
    assert len(copy.history) == turn and all(np.array_equal(a, b) for a, b in zip(copy.history, original.history))
    assert (copy.seed, copy.difficulty, copy.loaded.sha256) == (original.seed, original.difficulty, original.loaded.sha256)
    # the same decisions from there make the original game again: the copy is that game, not a look-alike
    for d in original.log[turn - 1:]:
        copy.decide(d)
    assert same_state(copy, original) and copy.score() == original.score()


def test_the_original_save_is_untouched_and_the_practice_has_its_own_file(original, tmp_path):
    folder = tmp_path / "saves"
    mine = tmp_path / "autosave.json"
    saves.save(original, mine)
    before = mine.read_bytes()
    loaded = saves.load(mine)
    copy = practice.practice_copy(loaded, 2, source=mine)
    path = practice.save_practice(copy, folder)
    assert path.parent == folder and "practice-from-turn2" in path.name and f"seed{original.seed}" in path.name
    other = next(d for d in (Decision(("coach", "management_course")), Decision(("share_vision", "coach")))
                 if d != original.log[1])
    copy.decide(other)
    slot = saves.SaveSlot(path, folder)
    while True:
        assert slot.save(copy) == []  # its own file: nothing moved aside, nothing to say
        if copy.done:
            break
        copy.decide(bot_decision(copy, "adaptive"))
    assert mine.read_bytes() == before  # the original save, byte for byte
    assert saves.load(mine).state.digest() == original.state.digest()
    again = saves.load(path)
    assert again.log[1] == other and again.state.digest() == copy.state.digest()
    info = saves.read_info(path)
    assert info.practice and info.finished and info.score == round(copy.score(), 1)
    assert not saves.read_info(mine).practice
    slot.close()


def test_what_a_practice_shows_each_turn_and_at_its_end(original):
    better = Decision(("coach", "management_course")) if original.log[1] != Decision(("coach", "management_course")) \
        else Decision(("share_vision", "coach"))
    copy = practice.practice_copy(original, 2, better=better)
    first = words.turn_lines(copy)
    assert f"Practice from turn 2 of your game that scored {original.score():.1f} points." == first[0]
    assert "Coach one-on-one" in first[2] and "better decision" in first[2]
    assert first[1].startswith("There, at turn 2, you chose: ")
    copy.decide(original.log[1])
    later = words.turn_lines(copy)
    assert len(later) == 2 and later[1].startswith("There, at turn 3, you chose: ")  # no advice past turn N
    while not copy.done:
        copy.decide(original.log[copy.turn])
    assert words.turn_lines(copy) == ()
    line = debrief(copy).insights[0]
    assert line.startswith("Practice from turn 2: ") and "the same as your original game" in line
    assert words.debrief_line(original) is None and not debrief(original).insights[0].startswith("Practice")


def test_a_practice_is_refused_in_workshops_and_for_turns_not_played(original):
    ws = replayed(original, 3)
    ws.meta = {"workshop": {"name": "w"}, "team": "A"}
    with pytest.raises(DecisionError, match="workshop"):
        practice.practice_copy(ws, 2)
    with pytest.raises(DecisionError, match="turns 1 to 12"):
        practice.practice_copy(original, 13)
    with pytest.raises(DecisionError, match="no turn has been played"):
        practice.practice_copy(replayed(original, 0), 1)


def test_a_hand_edited_practice_record_is_no_reason_to_fail(original, tmp_path):
    copy = practice.practice_copy(original, 3)
    copy.meta["practice"]["log"] = "nonsense"
    path = tmp_path / "p.json"
    saves.save(copy, path)
    again = saves.load(path)
    assert words.turn_lines(again) == () and words.debrief_line(again) is None
    data = json.loads(path.read_text())
    assert data["meta"]["practice"]["from_turn"] == 3


def test_the_original_score_reads_as_the_game_showed_it():
    """s7 player 3, finding 5: the practice kept the original's score to 3 decimals and showed it to one, so a
    game shown as 785.2 everywhere read '785.1' in the practice (rounded twice). This game scores 577.4496: the
    copy rounded to 3 decimals (577.45) reads 577.5, the game itself 577.4."""
    original = played(seed=16, bot="balanced")
    assert f"{original.score():.1f}" == "577.4"
    copy = practice.practice_copy(original, 3)
    assert words.turn_lines(copy)[0] == "Practice from turn 3 of your game that scored 577.4 points."
    while not copy.done:
        copy.decide(original.log[copy.turn])
    assert "(577.4 points)" in words.debrief_line(copy)
