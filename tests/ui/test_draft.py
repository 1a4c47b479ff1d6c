"""Closing the window mid-turn keeps the cards picked so far; they come back when the game goes on.

The save keeps them as the session's draft (checked on loading like any other
field of a file: an impossible draft is dropped, the save still loads).
"""

import json

import pygame

from game import saves
from game.session import Decision
from game.ui.scenes.dashboard import DashboardScene
from game.userdata import autosave_path

from ui_helpers import new_session, run_frames


def dashboard(app, session):
    """The dashboard on its own (whatever it owes the player, a report or an event, is not opened)."""
    app.session = session
    dash = DashboardScene(app, intro=False)
    app.stack.append(dash)
    dash.rebuild()
    run_frames(app, 2)
    return dash


def test_quitting_mid_turn_saves_the_cards_and_they_come_back(make_app):
    app = make_app((1280, 720))
    s = new_session("tutorial", seed=7)
    s.decide(Decision(("share_vision",)))
    dash = dashboard(app, s)
    dash.toggle("coach")
    dash.toggle("set_goals")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    run_frames(app, 1)
    assert not app.running
    data = json.loads(autosave_path().read_text())
    assert data["draft"] == {"actions": ["coach", "set_goals"], "choice": None} and data["turn"] == 1

    again = saves.load(autosave_path())
    assert again.draft == Decision(("coach", "set_goals"))
    app.start(again)
    dash = app.stack[0]
    assert dash.chosen == ["coach", "set_goals"]
    assert dash.card_buttons["coach"].is_selected and dash.card_buttons["set_goals"].is_selected
    dash.end_turn()
    assert again.log[-1].actions == ("coach", "set_goals") and again.draft is None
    assert "draft" not in saves.to_dict(again)


def test_the_first_turn_is_kept_too_and_an_answer_with_it(make_app):
    app = make_app((1280, 720))
    s = new_session("scaleup", seed=3)
    while s.event is None:
        s.decide(s.default_decision())
    dash = dashboard(app, s)
    dash.answer(s.event.choices[-1].id)
    app.quit()
    again = saves.load(autosave_path())
    assert again.draft == Decision((), s.event.choices[-1].id)
    app.start(again)
    assert app.stack[0].choice == s.event.choices[-1].id and app.top is app.stack[0], "the event is asked again"

    while app.stack:
        app.stack.pop().teardown()
    fresh = dashboard(app, new_session("tutorial", seed=8))
    fresh.toggle("coach")
    app.quit()  # turn 0: nothing was saved before, the picked card is
    assert saves.load(autosave_path()).draft == Decision(("coach",))


def test_a_draft_that_no_longer_fits_the_game_is_dropped_and_the_save_loads(tmp_path):
    s = new_session("tutorial", seed=7)
    s.decide(Decision(("share_vision",)))
    for bad in ({"actions": ["share_vision"]},  # resting after turn 1
                {"actions": ["no_such_card"]}, {"actions": "coach"}, {"actions": ["coach"], "timed_out": True},
                {"actions": ["coach", "coach"]}, {"actions": ["coach"], "choice": "nope"}, ["coach"], 7):
        body = {k: v for k, v in saves.to_dict(s).items() if k != "checksum"}
        data = saves.seal({**body, "draft": bad})
        loaded = saves.from_dict(data)
        assert loaded.draft is None and loaded.turn == 1, bad
