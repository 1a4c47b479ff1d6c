"""An event dialog takes no answer in its first moment (player s6b, finding 1): a player pressed 2 to
pick a card just as the event opened over the dashboard, and the key answered the event unseen; it
cost the win. Keys and clicks in that moment are dropped; after it, the same key answers."""

from __future__ import annotations

import pygame

from game.session import Decision
from game.ui.scenes import event as event_scene

from ui_helpers import dashboard_at_turn_start, new_session, run_frames


def _key(key: int, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=text, scancode=0))


def test_a_key_pressed_as_the_event_opens_is_dropped_and_the_same_key_later_answers(make_app, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(event_scene, "ANSWER_GRACE", 0.6)
    monkeypatch.setattr(event_scene.time, "monotonic", lambda: clock[0])
    app = make_app()
    session = new_session("scaleup", 3)
    while session.event is None:
        session.decide(Decision((), None))
    dash = dashboard_at_turn_start(app, session)
    assert [s.name for s in app.stack] == ["dashboard", "event"]
    dialog = app.stack[-1]
    assert dialog.probe_extra()["grace"]
    clock[0] += 0.3  # the card key already on its way when the dialog showed
    _key(pygame.K_2, "2")
    run_frames(app, 2)
    assert [s.name for s in app.stack] == ["dashboard", "event"] and dash.choice is None and not dash.chosen
    dialog.on_button(dialog.choice_buttons[0])  # a click in that moment is dropped too
    run_frames(app, 1)
    assert dash.choice is None and app.stack[-1] is dialog
    clock[0] += 0.7  # the dialog has been seen (it first drew at the 0.3 frames): now the key answers
    assert not dialog.probe_extra()["grace"]
    _key(pygame.K_2, "2")
    run_frames(app, 2)
    assert [s.name for s in app.stack] == ["dashboard"] and dash.choice == session.event.choices[1].id
