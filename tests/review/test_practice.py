"""Practice mode: take back the last turn (outside workshops) to try another decision."""

from __future__ import annotations

import io

import pygame
import pytest
from rich.console import Console

from game import saves
from game.autoplay import bot_decision, play_bot
from game.scenario.loader import load
from game.session import Decision, DecisionError, Session
from game.terminal import TerminalGame

from ui_helpers import dashboard_at_turn_start, layout_problems, run_frames


def played(turns: int, scenario="scaleup", seed=4) -> Session:
    s = Session(load(scenario), seed)
    while s.turn < turns:
        s.decide(bot_decision(s, "balanced"))
    return s


def test_taking_back_restores_the_game_exactly_and_replaying_the_turn_gives_the_same_game():
    s = played(6)
    before_last = played(5)
    digest, last = s.state.digest(), s.log[-1]
    assert s.take_back() == last
    assert s.turn == 5 and s.state.digest() == before_last.state.digest()
    assert len(s.reports) == 5 and len(s.history) == 6 and s.phase_history == before_last.phase_history
    s.decide(last)
    assert s.state.digest() == digest
    assert s.meta["taken_back"] == 1


def test_a_finished_game_can_be_taken_back_and_a_save_remembers_it_was_practised(tmp_path):
    s = play_bot(Session(load("tutorial"), 2), "management")  # management alone ends early: micromanaged
    assert s.done
    last = s.turn
    s.take_back()
    assert not s.done and s.turn == last - 1
    saves.save(s, tmp_path / "g.json")
    again = saves.load(tmp_path / "g.json")
    assert again.meta["taken_back"] == 1 and again.state.digest() == s.state.digest()


@pytest.mark.parametrize("meta", [{"team": "Blue", "workshop": {"name": "Monday"}}, {"hotseat": ["A", "B"]}])
def test_workshop_and_hotseat_games_refuse_with_a_reason(meta):
    s = played(2)
    s.meta = meta
    with pytest.raises(DecisionError, match="workshop"):
        s.take_back()
    assert s.turn == 2


def test_nothing_to_take_back_before_the_first_turn():
    with pytest.raises(DecisionError, match="no turn"):
        Session(load("tutorial"), 1).take_back()


def test_terminal_u_takes_back_the_last_turn_and_the_game_goes_on(tmp_path):
    s = Session(load("tutorial"), 3)
    out = io.StringIO()
    game = TerminalGame(s, Console(file=out, width=100), stdin=io.StringIO("1 2\nu\n3\n"),
                        save_path=tmp_path / "g.json")
    assert game.run() == 0  # input ends after the third line: the game is saved and left
    text = out.getvalue()
    assert "Turn 1 taken back" in text
    assert [d.actions for d in s.log] == [(s.scenario.actions[2].id,)]
    assert saves.load(tmp_path / "g.json").meta["taken_back"] == 1


def test_window_u_key_and_button_take_back_the_turn_with_its_cards_picked_again(make_app):
    app = make_app((1024, 600))
    s = played(3)
    last = s.log[-1]
    dash = dashboard_at_turn_start(app, s)
    run_frames(app, 2)
    assert dash.back_button is not None and dash.back_button.is_enabled
    assert not layout_problems(app, dash)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_u, mod=0, unicode="u", scancode=0))
    run_frames(app, 2)
    assert s.turn == 2 and sorted(dash.chosen) == sorted(last.actions)
    assert "taken back" in dash.message
    dash.callbacks[dash.back_button]()  # the button does what the key does
    assert s.turn == 1
    from game.userdata import autosave_path

    assert saves.load(autosave_path()).turn == 1  # the autosave follows


def test_window_has_no_take_back_in_a_workshop_game(make_app):
    app = make_app((1024, 600))
    s = played(2)
    s.meta = {"team": "Blue", "workshop": {"name": "Monday"}}
    dash = dashboard_at_turn_start(app, s)
    run_frames(app, 2)
    assert dash.back_button is None
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_u, mod=0, unicode="u", scancode=0))
    run_frames(app, 2)
    assert s.turn == 2 and "workshop" in dash.message
