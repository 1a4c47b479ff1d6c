"""Text that does not fit shows that it scrolls and scrolls by keys: help, the turn report, the debrief.

pygame_gui put a text box's scroll bar one layer above the box's container, so
in a dialog (over the dashboard) the bar was drawn under the dialog's panel:
long text was cut off with no sign that there was more.
"""

import pygame
import pytest

from game.autoplay import bot_decision, play_bot
from game.ui import scroll
from game.ui import theme as T
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.report import ReportScene, report_html
from game.views.report import turn_report

from ui_helpers import new_session, run_frames


def longest_report(session):
    best = None
    while not session.done and session.turn < 12:
        r = turn_report(session, session.decide(bot_decision(session, "adaptive")))
        if best is None or len(report_html(r)) > len(report_html(best)):
            best = r
    return best


def key(app, k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    run_frames(app, 3)


def large_app(make_app):
    app = make_app((1024, 600))
    app.settings.text_size = "large"
    app.resize((1024, 600))
    return app


def over_dashboard(app, session, scene_of):
    app.session = session
    app.push(DashboardScene(app, intro=False))
    while len(app.stack) > 1:  # whatever the dashboard opened (a report, an event)
        app.pop()
    scene = scene_of(app)
    app.push(scene)
    run_frames(app, 3)
    return scene


SCENES = {
    "help": lambda app: over_dashboard(app, new_session("tutorial"), HelpScene),
    "report": lambda app: over_dashboard(app, new_session(), lambda a: ReportScene(a, longest_report(a.session))),
    "debrief": lambda app: (setattr(app, "session", play_bot(new_session("tutorial", seed=4), "adaptive")),
                            app.push(DebriefScene(app)), run_frames(app, 3), app.top)[-1],
}


@pytest.mark.parametrize("name", list(SCENES))
def test_long_text_shows_a_scroll_bar_and_a_cue_and_scrolls_by_keys(make_app, name):
    app = large_app(make_app)
    scene = SCENES[name](app)
    box = scene.scroll_box()
    assert box is not None, f"the {name} text fits at 1024x600 with large text: this test needs one that does not"
    bar = box.scroll_bar
    assert bar.get_top_layer() > box.get_top_layer(), "the scroll bar is drawn under its own text box"
    slider = bar.sliding_button.rect
    px = app.window.get_at(slider.center)[:3]
    assert sum(abs(a - b) for a, b in zip(px, T.PANEL)) > 60, f"the scroll bar is not visible ({px})"
    assert scene.cues, "no 'more below' cue while the text goes on"
    cue = scene.cues[0]
    assert cue.bottom <= box.rect.bottom and cue.colliderect(box.rect)

    key(app, pygame.K_PAGEDOWN)
    assert bar.start_percentage > 0, "Page Down does not scroll"
    key(app, pygame.K_END)
    assert not scroll.more_below(box) and scene.cues == [], "End does not reach the end (or the cue stays)"
    key(app, pygame.K_HOME)
    assert bar.start_percentage == 0
    key(app, pygame.K_DOWN)
    assert bar.start_percentage > 0, "Down scrolls where no button lies below the focused one"
    assert app.top is scene


ROWS = [(k * 20, 20) for k in range(30)]  # 30 lines of 20 px: 600 px of text


def test_page_down_keeps_the_line_cut_at_the_bottom_as_the_top_line():
    # a 210 px view at 0 shows lines 0-9 whole and cuts line 10 (200-220): that line comes to the top
    assert scroll.page_target(ROWS, 0, 210, down=True) == 200
    # a view that ends on a line's edge keeps the last whole line (180-200) in sight
    assert scroll.page_target(ROWS, 0, 200, down=True) == 180
    # the cue hides the view's last 30 px: the line it cuts (160-180 is whole above 180) is not read yet
    assert scroll.page_target(ROWS, 0, 210, down=True, hidden=30) == 160
    assert scroll.page_target(ROWS, 200, 210, down=True) == 400


def test_page_up_keeps_the_top_line_as_the_bottom_line():
    # from 400 (line 20 on top), up by a page: line 20 ends the view (its bottom at 420)
    assert scroll.page_target(ROWS, 400, 210, down=False) == 420 - 210
    assert scroll.page_target(ROWS, 405, 210, down=False) == 420 - 210  # the cut top line stays whole, at the bottom
    assert scroll.page_target(ROWS, 400, 210, down=False, hidden=30) == 420 - 180


def test_a_line_taller_than_the_view_or_no_lines_pages_by_the_whole_view():
    assert scroll.page_target([(0, 500)], 0, 200, down=True) == 200
    assert scroll.page_target([], 100, 200, down=True) == 300
    assert scroll.page_target([], 300, 200, down=False) == 100


def test_page_down_in_a_real_box_moves_nearly_a_page(make_app):
    app = large_app(make_app)
    scene = SCENES["debrief"](app)
    box = scene.scroll_box()
    bar = box.scroll_bar
    total = box.text_box_layout.layout_rect.height
    view = bar.visible_percentage * total
    key(app, pygame.K_PAGEDOWN)
    moved = bar.start_percentage * total
    line = max(r.height for r in box.text_box_layout.layout_rows)
    assert view - 2 * line - scroll.cue_rect(box, app.fonts).h <= moved < view, (moved, view, line)
    key(app, pygame.K_PAGEUP)  # back up a page less a line: the line that was on top is at the bottom again
    assert 0 <= bar.start_percentage * total < line
