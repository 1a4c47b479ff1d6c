"""Hot-seat screens: the hand-over between teams with the standings, the team's dashboard, the
facilitator's pause cover and reveal table, and the final standings with each team's debrief."""

from __future__ import annotations

import pygame

from ...flow import Screen
from ...views import controls as C
from ...views import standings as standings_view
from ...views import lines as screen_lines
from ...views.help import FACILITATOR_LINE
from .. import draw, standings
from .. import theme as T
from ..scene import Scene
from .confirm import ConfirmEndScene
from .dashboard import DashboardScene
from .debrief import DebriefScene

KEYS_LINE = FACILITATOR_LINE


def team_of(app):
    return next((t for t in app.hotseat.teams if t.session is app.session), None)


def start_next_turn(app) -> None:
    hs = app.hotseat
    team = hs.next_team()
    if team is None:
        app.reset(FinalScene(app))
        return
    app.session = team.session
    app.reset(HotseatDashboard(app, intro=team.session.turn == 0 and team is hs.teams[0]))


def after_team_turn(app) -> None:
    """A team has played its turn and read its report: hand in a finished game, then hand over."""
    hs = app.hotseat
    team = team_of(app)
    if team is not None and team.done:
        hs.hand_in(team)
    app.reset(FinalScene(app) if hs.finished else HandoverScene(app))


def advance(app) -> None:
    """The facilitator's N: the next step toward the next team's turn, whatever is on screen."""
    from .phase import PhaseScene
    from .report import ReportScene

    top = app.top
    if isinstance(top, HandoverScene):
        start_next_turn(app)
    elif isinstance(top, (ReportScene, PhaseScene, StandingsScene, RevealScene)):
        app.pop()
    elif isinstance(top, HotseatDashboard):
        top.end_turn()
    elif isinstance(top, ConfirmEndScene):
        top.confirm()


class HotseatDashboard(DashboardScene):
    """A team's turn: the normal dashboard with the team's name at the top; after the report, the next team."""

    def __init__(self, app, intro: bool = False):
        super().__init__(app, intro=intro)
        self.team = team_of(app)
        self.start_turn = self.session.turn

    def build(self) -> None:
        super().build()
        pad = self.px(10)
        f = self.app.fonts
        label = C.team_turn(self.team.name)
        w = min(f.font(16, True).size(label)[0] + self.px(36), self.px(240))
        hb = self.help_button.rect
        self.team_button = self.button((self.top_right - pad - w, hb.y, w, hb.h), label, self.show_standings,
                                       tooltip=C.TEAM_TURN_TIP)
        self.top_right = self.team_button.rect.x

    def show_standings(self) -> None:
        self.app.push(StandingsScene(self.app))

    def enter(self) -> None:
        """The flow as ever, except that once the team's turn is read (report, phase) the next team comes."""
        turn_read = self.next_screen() in (Screen.EVENT, Screen.DECIDE, Screen.DEBRIEF)
        if turn_read and self.session.turn > self.start_turn:
            after_team_turn(self.app)
            return
        super().enter()

    def draw(self, surf) -> None:
        super().draw(surf)
        r = self.team_button.rect
        pygame.draw.rect(surf, standings.team_colour(self.team), (r.x + 4, r.bottom + 2, r.w - 8, 3))


class _TableScene(Scene):
    """A full screen with a heading, a table of all teams and a row of buttons."""

    heading = ""

    def subheading(self) -> str:
        return ""

    def table(self):
        """What the table shows (the views' standings; the reveal overrides it)."""
        return standings_view.standings(self.app.hotseat, self.order())

    def highlight(self):
        return None

    def order(self):
        return None

    def back(self) -> None:
        """Esc leaves the table (the handover between turns overrides this)."""
        self.app.pop()

    def buttons(self) -> list[tuple[str, object, str | None]]:
        return []

    def footer(self) -> str:
        return KEYS_LINE

    def build(self) -> None:
        w, h = self.app.size
        f = self.app.fonts
        m, gap, bh = self.px(20), self.px(10), self.px(46)
        self.head_h = f.line_height(26, True) + f.line_height(14) + self.px(6)
        items = self.buttons()
        y = h - m - f.line_height(13) - gap - bh
        bw = min(self.px(260), (w - 2 * m - gap * (len(items) - 1)) // max(1, len(items)))
        x = w - m - len(items) * bw - (len(items) - 1) * gap
        self.made = []
        for i, (text, cb, oid) in enumerate(items):
            self.made.append(self.button((x + i * (bw + gap), y, bw, bh), text, cb, object_id=oid))
        self.buttons_y = y
        self.table_rect = pygame.Rect(m, m + self.head_h + gap, w - 2 * m, y - gap - (m + self.head_h + gap))
        self.below = pygame.Rect(m, y, x - gap - m, bh)
        self._cache = None

    def regions(self):
        return [("table", self.table_rect)]

    def draw(self, surf) -> None:
        if self._cache is None or self._cache.get_size() != self.app.size:
            self._cache = pygame.Surface(self.app.size).convert()
            self.paint(self._cache)
        surf.blit(self._cache, (0, 0))

    def paint(self, surf) -> None:
        f = self.app.fonts
        w, h = self.app.size
        m = self.px(20)
        surf.fill(T.BG)
        surf.blit(f.render(f.fit(self.heading, w - 2 * m, 26, True), 26, T.TEXT, True), (m, m))
        surf.blit(f.render(f.fit(self.subheading(), w - 2 * m, 14), 14, T.MUTED),
                  (m, m + f.line_height(26, True)))
        mine = self.highlight()
        now = mine is not None and mine.session is self.app.session and not isinstance(self, HandoverScene)
        standings.table(surf, self.table_rect, f, self.table(), mine.index if mine is not None else None, now)
        self.paint_below(surf, self.below)
        foot = f.render(f.fit(self.footer(), w - 2 * m, 13), 13, T.FAINT)
        surf.blit(foot, (m, h - m - foot.get_height()))

    def paint_below(self, surf, rect: pygame.Rect) -> None:
        pass

    def refresh(self) -> None:
        self._cache = None


class HandoverScene(_TableScene):
    """Between two turns: where every team stands, and whose turn is next."""

    name = "handover"

    def __init__(self, app):
        super().__init__(app)
        self.next = app.hotseat.next_team()
        self.heading = C.hotseat_heading(app.hotseat.scenario.title)

    def subheading(self) -> str:
        return standings_view.handover_line(self.app.hotseat)

    def highlight(self):
        return self.next

    def buttons(self):
        return [(C.REVEAL.caption, lambda: self.app.push(RevealScene(self.app)), None),
                (C.MENU.caption, self.app.open_help, None),
                (C.start_team_turn(self.next.name), lambda: start_next_turn(self.app), "@primary")]

    def default_focus(self):
        return len(self.focusables) - 1

    def paint_below(self, surf, rect) -> None:
        f = self.app.fonts
        r = max(10, self.px(14))
        standings.team_marker(surf, (rect.x + r, rect.centery), r, self.next, f)
        text = standings_view.next_line(self.next)
        lines = f.wrap(text, rect.w - 3 * r, 17, True)[:2]
        y = rect.centery - len(lines) * f.line_height(17, True) // 2
        for line in lines:
            surf.blit(f.render(line, 17, T.TEXT, True), (rect.x + 3 * r, y))
            y += f.line_height(17, True)

    def back(self) -> None:
        self.app.open_help()

    def pilot_target(self, pilot):
        return self.made[-1]


class StandingsScene(_TableScene):
    """The standings during a turn (S or the team button); S or Esc goes back."""

    name = "standings"
    heading = "Standings"

    def subheading(self) -> str:
        hs = self.app.hotseat
        return standings_view.round_line(hs)

    def highlight(self):
        return team_of(self.app)

    def buttons(self):
        return [(C.STANDINGS_BACK.caption, self.app.pop, "@primary")]


class RevealScene(_TableScene):
    """R: the hidden drivers of every team, which the dashboards never show."""

    name = "reveal"
    heading = standings_view.REVEAL_HEADING

    def subheading(self) -> str:
        return standings_view.REVEAL_LINE

    def table(self):
        return standings_view.hidden(self.app.hotseat, self.order())

    def highlight(self):
        return team_of(self.app) if self.app.session is not None and not self.app.session.done else None

    def buttons(self):
        return [(C.HIDE.caption, self.app.pop, "@primary")]


class PauseScene(Scene):
    """P: covers the whole screen and stops the turn clock (the screens below get no frames)."""

    name = "pause"

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = self.px(260), self.px(46)
        self.resume = self.button(((w - bw) // 2, int(h * 0.62), bw, bh), C.RESUME_PAUSE.caption, self.app.pop,
                                  object_id="@primary")

    def draw(self, surf) -> None:
        f = self.app.fonts
        w, h = self.app.size
        surf.fill((14, 17, 22))
        title = f.render(C.PAUSED, 64, T.TEXT, True)
        surf.blit(title, title.get_rect(midbottom=(w // 2, int(h * 0.40))))
        for i, line in enumerate(screen_lines.PAUSED):
            img = f.render(line, 20, T.MUTED)
            surf.blit(img, img.get_rect(midtop=(w // 2, int(h * 0.42) + i * f.line_height(20))))
        foot = f.render(KEYS_LINE, 13, T.FAINT)
        surf.blit(foot, foot.get_rect(midbottom=(w // 2, h - self.px(16))))

    def back(self) -> None:
        self.app.pop()


class FinalScene(_TableScene):
    """Every game is over: the combined standings, the hand-in files, and each team's debrief."""

    name = "final"
    heading = C.FINAL_HEADING

    def subheading(self) -> str:
        return standings_view.winner_line(self.app.hotseat)

    def order(self):
        return self.app.hotseat.ranking()

    def buttons(self):
        items = [(C.team_debrief(r, t.name), lambda t=t: self.app.push(HotseatDebrief(self.app, t)), None)
                 for r, t in standings_view.ranked(self.app.hotseat)]
        return items + [(C.QUIT.caption, self.app.quit, "@primary")]

    def build(self) -> None:
        for t in self.app.hotseat.teams:
            self.app.hotseat.hand_in(t)
        super().build()
        # the hand-in note needs room: give it the line above the buttons
        f = self.app.fonts
        lines = 2 if self.app.hotseat.handed_in else 0
        if lines:
            self.note_h = lines * f.line_height(13) + self.px(8)
            self.table_rect.h -= self.note_h
            self.note = pygame.Rect(self.table_rect.x, self.table_rect.bottom + self.px(4), self.table_rect.w,
                                    self.note_h)

    def regions(self):
        out = super().regions()
        if self.app.hotseat.handed_in:
            out.append(("note", self.note))
        return out

    def paint_below(self, surf, rect) -> None:
        hs = self.app.hotseat
        if not hs.handed_in:
            return
        f = self.app.fonts
        text = standings_view.handed_in_line(hs.handed_in.values())
        draw.text_block(surf, self.note, f, text, 13, T.TEXT)

    def footer(self) -> str:
        return "1 to 6 open a team's debrief  •  Esc: menu"

    def on_key(self, event) -> bool:
        n = event.key - pygame.K_1
        if pygame.K_1 <= event.key <= pygame.K_6 and n < len(self.app.hotseat.teams):
            return self.on_button(self.made[n])
        return super().on_key(event)

    def back(self) -> None:
        self.app.open_help()

    def pilot_target(self, pilot):
        return "done"


class HotseatDebrief(DebriefScene):
    """One team's debrief from the final standings; its buttons lead back there."""

    def __init__(self, app, team):
        app.session = team.session
        super().__init__(app)
        self.team = team

    def build(self) -> None:
        super().build()
        if self.view is None:  # the busy notice first (WorkingScene)
            return
        self.title_button.set_text(C.STANDINGS_RETURN)
        self.callbacks[self.title_button] = self.app.pop
        for b in (self.again_button,):  # a new game would leave the hot seat
            b.kill()
            self.widgets.remove(b)
            self.focusables.remove(b)
            del self.callbacks[b]
        self.focus = self.default_focus()

    def back(self) -> None:
        if self.view is not None:
            self.app.pop()
