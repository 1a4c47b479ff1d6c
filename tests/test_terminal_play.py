"""Terminal play as a player at a keyboard meets it (issue 10 points 2 and 8): titles in messages, event
answers by number, the end-turn question, the metrics above the prompt on an 80x24 terminal, and resuming
an unfinished game. The same checks run by hand in tmux; these drive TerminalGame with typed lines."""

from __future__ import annotations

import io
import re

from rich.console import Console

from game.session import Session
from game.terminal import TerminalGame

from kit import loaded, quiet


class Typed(io.StringIO):
    """Lines typed at a terminal: `isatty` says True, so the game behaves as it does for a person."""

    def __init__(self, lines, tty: bool = True):
        super().__init__("".join(f"{line}\n" for line in lines))
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def console(width: int = 120, height: int = 40) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, height=height, highlight=False, color_system=None), out


def with_event(**extra) -> dict:
    """A tiny scenario whose second turn brings an event with three answers (turn 1 never has one)."""
    return quiet(events=[{"id": "visit", "title": "A visitor", "text": "Someone drops by.", "when": "turn == 1",
                          "probability": 1, "once": True,
                          "choices": [{"id": "tea", "label": "Offer tea", "effects": {"morale": 1}},
                                      {"id": "show", "label": "Show them round", "effects": {"morale": 2}},
                                      {"id": "busy", "label": "Say you are busy", "effects": {"morale": -1}}]}],
                 **extra)


def game(session: Session, lines, width: int = 120, height: int = 40, tty: bool = True):
    con, out = console(width, height)
    return TerminalGame(session, console=con, stdin=Typed(lines, tty)), out


# --- messages use titles, never ids -----------------------------------------------------------------

def test_an_action_chosen_twice_is_named_by_its_title():
    g, out = game(Session(loaded(quiet(turns=3)), 1), ["1 1", "q"])
    g.run()
    text = out.getvalue()
    assert "'Cheer' is chosen twice" in text and "'cheer'" not in text


# --- events take numbers as well as letters ------------------------------------------------------------

def test_an_event_is_answered_by_its_number_as_in_the_window():
    s = Session(loaded(with_event(turns=3)), 1)
    g, out = game(s, ["1", "2", "1", "q"])
    g.run()
    assert s.log[1].choice == "show"
    assert "(a-c or 1-3)" in out.getvalue()


def test_an_event_is_still_answered_by_its_letter():
    s = Session(loaded(with_event(turns=3)), 1)
    g, _ = game(s, ["1", "c", "1", "q"])
    g.run()
    assert s.log[1].choice == "busy"


def test_an_answer_out_of_range_is_explained_and_asked_again():
    s = Session(loaded(with_event(turns=3)), 1)
    g, out = game(s, ["1", "4", "0", "d", "a", "1", "q"])
    g.run()
    text = out.getvalue()
    assert text.count("Please type one letter from a to c, or a number from 1 to 3") == 3
    assert s.log[1].choice == "tea"
