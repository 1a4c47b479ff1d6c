"""Take back while an event is open, and what a take-back says about an event answer (player s5 finding 9).

The dashboard's "Take back" lies under the event dialog, which is modal, so a click on it did nothing and
nothing said why: the dialog now has its own "Take back the last turn" button (and the key U). An answer
given to an event before a take-back is undone with the turn and the event is asked again: the message
now says so. The phase bar's words ("turn 1 of 6 in this phase") are checked in tests/test_phase_bar.py.

One game: a tutorial played by a bot up to the first turn that opens with an event is loaded.
"""

from game import saves
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.views.controls import TAKE_BACK_LAST


def up_to_an_event(seed: int) -> Session:
    s = Session(load("tutorial"), seed, "standard")
    while s.event is None or s.turn < 2:
        s.decide(bot_decision(s, "adaptive"))
        assert not s.done, "no event in this game: pick another seed"
    return s


def test_take_back_from_the_event_dialog_and_a_dropped_answer_is_said(game, tmp_path):
    s = up_to_an_event(229453)
    path = tmp_path / "at-event.json"
    saves.save(s, path)
    title = s.event.title
    g = game("--load", str(path), "--size", "1280x720")
    p = g.wait_top("event")
    turn = p["turn"]
    assert any(b["text"] == TAKE_BACK_LAST.caption and b["scene"] == "event" for b in p["buttons"]), p["buttons"]

    p = g.key("1")  # answered, not yet ended: the take-back on the dashboard drops this answer
    assert p["stack"] == ["dashboard"] and p["choice"], p["stack"]
    p = g.key("u")
    assert p["turn"] == turn - 1 and p["choice"] is None, p
    assert f"Turn {turn} taken back" in p["message"] and f"your answer to '{title}'" in p["message"], p
    g.screenshot("taken-back-answer-dropped")

    chosen = p["chosen"]  # the same cards again bring the same event back
    p = g.key("e")
    for _ in range(6):
        if p["top"] in ("report", "phase", "confirm"):
            p = g.key("Return")
    assert p["top"] == "event" and p["turn"] == turn and p["event"] == s.event.id, p["stack"]
    g.screenshot("event-again")
    p = g.click(TAKE_BACK_LAST.caption)  # from the open dialog, by the mouse
    assert p["turn"] == turn - 1 and "event" not in p["stack"], p["stack"]
    assert p["chosen"] == chosen and f"Turn {turn} taken back" in p["message"], p
    assert "your answer" not in p["message"], "no answer had been given this time"
    assert saves.load(path).meta["taken_back"] == 2  # the loaded game is saved where it came from
