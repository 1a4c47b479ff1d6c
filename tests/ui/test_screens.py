"""Each screen builds, draws and lays out cleanly at 1024x600, 1280x720 and 1920x1080."""

import pygame
import pytest

from game.views.report import turn_report

from game.session import Decision
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.event import EventScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.phase import PhaseScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.report import ReportScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.title import TitleScene

from ui_helpers import SIZES, dashboard_at_turn_start, layout_problems, new_session, run_frames


def session_with_event():
    """A scaleup game advanced until an event waits for an answer."""
    from game.autoplay import bot_decision

    s = new_session(seed=3)
    while s.event is None:
        s.decide(bot_decision(s, "adaptive"))
    return s


def finished_session():
    from game.autoplay import play_bot

    return play_bot(new_session(seed=3), "adaptive")


def answered_dashboard(app):
    """A dashboard whose event is already answered, so it stays on top."""
    dash = DashboardScene(app, intro=False)
    dash.answer(app.session.event.choices[0].id)
    return dash


SCREENS = {
    "title": lambda app: TitleScene(app),
    "picker": lambda app: PickerScene(app),
    "settings": lambda app: SettingsScene(app),
    "load": lambda app: LoadScene(app),
    "help": lambda app: HelpScene(app),
    "dashboard": lambda app: answered_dashboard(app),
    "event": lambda app: EventScene(app, lambda c: None),
    "phase": lambda app: PhaseScene(app),
    "report": lambda app: ReportScene(app, turn_report(app.session, app.session.reports[-1])),
    "debrief": lambda app: DebriefScene(app),
}


def open_screen(app, screen: str):
    """The screen on top of what it opens over (a dialog over the dashboard), drawn twice."""
    app.session = finished_session() if screen == "debrief" else session_with_event()
    if screen in ("event", "report", "phase", "help"):
        dash = DashboardScene(app, intro=False)
        app.stack.append(dash)
        dash.rebuild()
    scene = SCREENS[screen](app)
    app.push(scene)
    run_frames(app, 2)
    return scene


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_fits_window(make_app, screen, size):
    app = make_app(size)
    scene = open_screen(app, screen)
    assert app.stack[-1] is scene
    assert layout_problems(app, scene) == []
    assert scene.widgets, "every screen has something to press or read"


def test_resize_rebuilds_every_scene(make_app):
    app = make_app((1280, 720))
    dash = dashboard_at_turn_start(app, new_session())
    for size in SIZES:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        run_frames(app, 2)
        assert app.size == size
        assert layout_problems(app, dash) == []
        assert all(b.rect.bottom <= size[1] for b in dash.card_buttons.values())


def test_large_text_still_fits(make_app):
    app = make_app((1024, 600))
    app.settings.text_size = "large"
    app.resize((1024, 600))
    dash = dashboard_at_turn_start(app, session_with_event())
    run_frames(app, 2)
    assert app.scale > 1.0
    assert layout_problems(app, dash) == []


def test_tooltip_renders_the_cards_view_at_each_difficulty():
    """The content is tested on the views' data (test_views); here: the window shows all of it."""
    from game.ui.cards import tooltip
    from game.views.cards import cards

    for difficulty in ("guided", "standard", "expert"):
        card = next(c for c in cards(new_session(difficulty=difficulty)) if c.id == "share_vision")
        text = tooltip(card)
        assert (f"<b>{card.expected_label}:</b> {card.timed_effects_text}" in text) == (difficulty != "expert")
        assert card.notes_text in text and "Expected" not in text.replace(card.expected_label or "-", "")


def test_card_toggle_refuses_more_than_the_action_points(make_app):
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session())
    free = [a for a in dash.order if app.session.unavailable_reason(a.id) is None]
    for a in free[:4]:
        dash.toggle(a.id)
    assert len(dash.chosen) == app.session.rules.action_points
    assert "action points" in dash.message
    app.session.check(Decision(tuple(dash.chosen), None))


def test_full_screen_hides_the_widgets_of_the_screen_below(make_app):
    app = make_app()
    title = TitleScene(app)
    app.push(title)
    picker = PickerScene(app)
    app.push(picker)
    run_frames(app, 1)
    assert not any(w.visible for w in title.widgets)
    app.pop()
    assert all(w.visible for w in title.widgets)


def test_report_causes_never_break_inside_and_skills_and_hidden_drivers_are_told():
    """'Luck' at a line's end and '-0.7' on the next read as two things: each cause is one unbreakable run.
    A development card moves a skill and a coaching card only hidden drivers; the report says so."""
    from game.scenario.loader import load
    from game.session import Session
    from game.ui.scenes.report import NBSP, report_html
    from game.views.report import turn_report

    s = Session(load("tutorial"), 5)
    report = s.decide(Decision(actions=["leadership_course", "coach"]))
    text = report_html(turn_report(s, report))
    assert f"Luck{NBSP}+" in text or f"Luck{NBSP}-" in text
    assert f"Leadership{NBSP}course{NBSP}-3.0" in text  # its cost in the budget
    import re

    assert re.search(r"<b>Your leadership skill</b>  30\.0 to 4\d\.\d", text)
    assert "cannot see" in text and "Coach one-on-one: trust" in text


def test_scenario_prose_is_reflowed_not_broken_where_the_file_wraps():
    from game.ui.scenes.dialog import prose_html

    assert prose_html("one two\nthree\n\nfour\nfive & six\n") == "one two three<br><br>four five &amp; six"


def test_strip_keeps_the_event_answer_when_the_hint_is_too_long(make_app):
    """At 1024 wide the long hint plus the event answer used to end in '| Even...'."""
    from game.ui import dashview

    app = make_app(size=(1024, 600))
    app.session = session_with_event()
    surf = pygame.Surface(app.size)
    seen = []
    real = app.fonts.render
    app.fonts.render = lambda text, *a, **k: (seen.append(text), real(text, *a, **k))[1]
    rect = pygame.Rect(0, 0, 620, 50)
    from game.views.dashboard import dashboard

    dashview.strip(surf, rect, app.fonts, dashboard(app.session), [], "Present the vision and trust the team", None,
                   150)
    line = seen[-1]
    assert line.startswith("Event answer: Present the vision and trust the team") and "…" not in line


def test_focus_ring_is_not_drawn_across_a_tooltip(make_app):
    """Keyboard focus on one card and the mouse resting on another: the ring used to cross the tooltip."""
    app = make_app(size=(1024, 600))
    dash = dashboard_at_turn_start(app, new_session())
    run_frames(app)
    hovered, focused = dash.focusables[2], dash.focusables[7]
    dash.focus = dash.focusables.index(focused)
    assert not dash._under_tooltip(focused.rect)
    hovered.tool_tip = app.manager.create_tool_tip("a long tooltip " * 20, focused.rect.topleft, (0, 0), hovered,
                                                   None, wrap_width=400)
    assert dash._under_tooltip(focused.rect)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_filled_button_is_the_one_enter_presses_first(make_app, screen):
    """A fresh player reads the filled (primary) button as what Enter does; the focus starts on it."""
    scene = open_screen(make_app((1280, 720)), screen)
    primary = [b for b in scene.focusables if "@primary" in (b.object_ids or []) and b.visible]
    if primary and screen != "dashboard":  # the dashboard's focus starts on the cards; E ends the turn
        assert scene.focused_widget() is primary[0], (f"{screen}: Enter presses {scene.focused_widget().text!r}, "
                                                      f"the filled button is {primary[0].text!r}")


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_picker_fits_with_large_text(make_app, size):
    """With large text at 1024x600 the scenario list ran over the "Difficulty" heading."""
    app = make_app(size)
    app.settings.text_size = "large"
    app.resize(size)
    scene = PickerScene(app)
    app.push(scene)
    run_frames(app, 2)
    assert layout_problems(app, scene) == []


def test_the_load_screen_highlights_the_save_enter_opens(make_app):
    """The filled row is the save Enter opens; with the focus moved down to Back, no row stays filled."""
    from game import saves
    from game.userdata import autosave_path

    app = make_app((1280, 720))
    s = new_session("tutorial")
    s.decide(Decision(tuple(a.id for a in s.scenario.actions[:1]), None))
    saves.save(s, autosave_path())
    scene = LoadScene(app)
    app.push(scene)
    run_frames(app, 2)
    row = scene.rows[0]
    assert scene.focused_widget() is row and row.is_selected
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    run_frames(app, 2)
    assert scene.focused_widget() is scene.back_button and not row.is_selected
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))
    run_frames(app, 2)
    assert scene.focused_widget() is row and row.is_selected
