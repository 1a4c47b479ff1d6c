"""With the keyboard, the focused card shows its tooltip, as hovering it with the mouse does."""

import pygame

from game.ui.pilot import press_key
from ui_helpers import dashboard_at_turn_start, new_session, run_frames


def _key(app, key, unicode=""):
    press_key(key, unicode)
    run_frames(app, 2)


def test_the_focused_card_shows_its_tooltip_and_only_that_one(make_app, tmp_path):
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("tutorial", 3))
    run_frames(app, 2)
    _key(app, pygame.K_TAB)
    first = dash.focused_widget()
    assert first.tool_tip_text and first.tool_tip is not None and first.tool_tip.alive()
    _key(app, pygame.K_TAB)
    second = dash.focused_widget()
    assert second is not first
    assert first.tool_tip is None  # the previous card's tooltip went away
    if second.tool_tip_text:
        assert second.tool_tip is not None
    app.screenshot(tmp_path / "tip.png")
    _key(app, pygame.K_1)
    _key(app, pygame.K_e, "e")  # a point is left: the question, and E again ends the turn
    assert app.top.name == "confirm"
    _key(app, pygame.K_e, "e")  # the report opens on top: no card tooltip stays over it
    assert app.top.name == "report"
    assert all(b.tool_tip is None for b in dash.focusables)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(1, 1)))
    run_frames(app, 2)
    assert not app.show_focus


def test_only_a_real_mouse_motion_hands_the_tooltips_back_to_the_mouse(make_app):
    """After key picks the mouse's tooltip comes back on its next real motion; a motion event that moved
    nothing (rel 0, 0) leaves the keyboard in charge, so no tooltip opens under a still pointer."""
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("tutorial", 3))
    run_frames(app, 2)
    _key(app, pygame.K_1, "1")
    assert app.show_focus
    dash.pointer_moved = False
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(400, 300), rel=(0, 0), buttons=(0, 0, 0)))
    run_frames(app, 2)
    assert app.show_focus and not dash.pointer_moved
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(402, 300), rel=(2, 0), buttons=(0, 0, 0)))
    run_frames(app, 2)
    assert not app.show_focus and dash.pointer_moved
