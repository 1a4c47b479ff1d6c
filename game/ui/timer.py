"""The turn clock of a workshop game: a countdown on the dashboard that takes the default decision at zero.

The clock's arithmetic is the core's (`game/clock.py`). It counts only the
frame time of the screens on which a team decides (scenes that declare
`clock_runs`: the dashboard and the event dialog). Any other screen on top (the menu and
help overlay, a turn report, the facilitator's pause cover) gets the frames
instead, so the clock stands still there without any pause bookkeeping. The
time comes from the app's frame clock, which tests replace to run a turn out
without sleeping.
"""

from __future__ import annotations

import math

import pygame

from .. import clock as core
from ..clock import TurnClock
from ..views import words
from . import theme as T


def seconds_for(app) -> int | None:
    """The turn length of the game on screen: the workshop's, or the app's own (hot-seat)."""
    return core.seconds_for(app.session, getattr(app, "turn_seconds", None))


def clock_of(app) -> TurnClock | None:
    secs = seconds_for(app)
    clock = getattr(app, "turn_clock", None)
    if not secs:
        return None
    if clock is None or clock.seconds != secs:
        clock = app.turn_clock = TurnClock(secs)
    return clock


def dashboard_of(app):
    """The screen on which the turn is decided (a scene that declares `decides_turn`), if any is open."""
    return next((s for s in reversed(app.stack) if getattr(s, "decides_turn", False)), None)


def running(app) -> bool:
    """Whether the clock runs on the current top screen (scenes declare it with `clock_runs`)."""
    return bool(getattr(app.top, "clock_runs", False))


def watch(app, dt: float) -> None:
    """Called every frame by the screens on which the clock runs; at zero, the turn is decided by default."""
    clock = clock_of(app)
    dash = dashboard_of(app)
    session = app.session
    if clock is None or dash is None or session is None or session.done or dash.session is not session:
        return
    clock.follow(core.turn_key(session))
    clock.advance(dt)
    if clock.expired:
        time_out(dash)


def time_out(dash) -> None:
    """Close the event dialog if open and decide the turn with the session's default (timed-out) decision."""
    app = dash.app
    while app.top is not dash:
        app.stack.pop().teardown()
    app.refresh_visibility()
    dash.chosen, dash.choice = [], None
    dash.end_turn(dash.session.default_decision())


# --- drawing ------------------------------------------------------------------------------------------
def place(dash, right: int) -> pygame.Rect | None:
    """The clock's box in the dashboard's top bar, ending at x = right (None without a clock)."""
    if clock_of(dash.app) is None:
        return None
    hb = dash.help_button.rect
    w = dash.app.fonts.font(20, True).size("00:00")[0] + dash.px(44)
    return pygame.Rect(right - w, hb.y, w, hb.h)


def draw(surf, app, rect: pygame.Rect | None) -> None:
    """The countdown: a clock face, the time left written out, and a bar that empties."""
    clock = clock_of(app)
    if rect is None or clock is None or app.session is None or app.session.done:
        return
    f = app.fonts
    started = clock.key == core.turn_key(app.session)
    left = clock.remaining if started else clock.seconds
    hurry = left <= core.HURRY
    paused = started and not running(app)  # a turn not begun yet shows its full time
    edge = T.ORANGE if hurry and not paused else T.PANEL_EDGE
    pygame.draw.rect(surf, (70, 38, 20) if hurry and not paused else T.PANEL, rect, border_radius=8)
    pygame.draw.rect(surf, edge, rect, 2, border_radius=8)
    r = max(6, rect.h // 4)
    centre = (rect.x + r + T.px(f.scale, 8), rect.centery - 2)
    pygame.draw.circle(surf, T.TEXT, centre, r, 2)
    frac = left / max(1.0, clock.seconds)  # (a turn not begun yet shows full)
    angle = -math.pi / 2 + 2 * math.pi * (1 - frac)
    pygame.draw.line(surf, T.TEXT, centre, (centre[0] + int((r - 3) * math.cos(angle)),
                                            centre[1] + int((r - 3) * math.sin(angle))), 2)
    text = "paused" if paused and not hurry else words.clock_text(left)
    size = 20 if text != "paused" else 13
    img = f.render(text, size, T.ORANGE if hurry and not paused else T.TEXT, True)
    tx = centre[0] + r + T.px(f.scale, 6)
    surf.blit(img, (tx, rect.centery - img.get_height() // 2 - 2))
    bar = pygame.Rect(rect.x + 6, rect.bottom - 7, rect.w - 12, 3)
    pygame.draw.rect(surf, (48, 56, 70), bar)
    pygame.draw.rect(surf, T.ORANGE if hurry else T.SKY, (bar.x, bar.y, int(bar.w * frac), bar.h))
