"""The dashboard: the company at a glance and the action cards; ending a turn decides it.

The scene holds only the player's pending choice (cards and event answer)
and what it has shown (`flow.Progress`); what it draws is the views'
`Dashboard`. Overlays (report, phase change, debrief, event) are pushed from
`enter` in the order `flow.next_screen` says, the same for every front-end.
"""

from __future__ import annotations

import pygame

import dataclasses

from ...flow import Progress, Screen, next_screen
from ...session import CATEGORIES, Decision, DecisionError
from ...views import controls as C
from ...views import lines as screen_lines
from ...views.cards import CARD_KEYS, card_key
from ...views import words
from ...views.words import taken_back
from ...views.dashboard import dashboard, points
from ...views.phase import phase_change
from ...views.report import turn_report
from .. import cards, dashview, timer
from .. import theme as T
from ..scene import NAV_KEYS, Scene

KEY_CARD = {getattr(pygame, f"K_{k.lower()}"): n for n, k in enumerate(CARD_KEYS)}
KEY_CARD.update({getattr(pygame, f"K_KP{i}"): i - 1 for i in range(1, 10)})
KEY_CARD[pygame.K_KP0] = 9


NOTICE_MS = 3500  # how long a refused card's reason stays beside it


def answered_events(session, choices) -> tuple[str, ...]:
    """The titles of the events these answers (choice ids) belong to: what a take-back drops."""
    return tuple(dict.fromkeys(e.title for e in session.scenario.events for c in e.choices if c.id in choices))


class DashboardScene(Scene):
    name = "dashboard"
    opaque = True
    clock_runs = True  # the turn is decided here: a workshop's turn clock runs
    decides_turn = True  # the clock's time-out ends the turn here

    def __init__(self, app, intro: bool | None = None):
        """`intro`: open with the first phase's screen (default: for a game not begun)."""
        super().__init__(app)
        self.session = app.session
        self.chosen: list[str] = []
        self.choice: str | None = None
        self.message: str | None = None
        self.progress = Progress.new(self.session, intro)
        draft = self.session.draft  # a game saved mid-turn: its cards (and answer) come back as they were
        if draft is not None:
            self.chosen, self.choice = list(draft.actions), draft.choice
            if draft.choice is not None:
                self.progress.saw(Screen.EVENT, self.session)
        self.view = dashboard(self.session)
        self._asked_turn: int | None = None  # the turn whose end was confirmed or declined once already
        self.notice: tuple[str, str, float] | None = None  # (card, why it was refused, shown until)
        self._notice_tip: tuple = (None, None)  # the hovered button and the focus when the notice opened
        self.ring_off = False  # the focus ring is hidden until the keys move it (set at a new turn)
        self.picked_by_key = None  # the card a number key just picked: its tooltip stays shut (wanted_tip_owner)
        self._cache_key = None
        self._cache: pygame.Surface | None = None
        self._base_key = None
        self._base: pygame.Surface | None = None
        self._faces: dict[tuple, tuple[pygame.Surface, dict]] = {}
        self.face_fits: dict[str, dict] = {}  # what each card face wrote (cards.face), for the probe
        self.gauge_fits: list[dict] = []  # where each gauge put its label, change and value (draw.gauge)
        self.order = [a for c in CATEGORIES for a in self.session.scenario.actions if a.category == c]

    # --- widgets ---------------------------------------------------------------------
    def build(self) -> None:
        self.view = dashboard(self.session)
        self.lay = dashview.layout(self.app.size, self.s, self.app.fonts, self.view.practice)
        self.card_buttons: dict[str, object] = {}
        self.card_rects: dict[str, pygame.Rect] = {}
        head = self.app.fonts.line_height(15, True) + self.px(8)
        gap = self.px(8)
        most = max(sum(1 for a in self.order if a.category == c) for c in CATEGORIES)
        card_h = min(self.px(96), (self.lay.cards.h - head - gap * (most - 1)) // most)
        by_id = {c.id: c for c in self.view.cards}
        for col, cat in zip(self.lay.columns, CATEGORIES):
            for i, a in enumerate(x for x in self.order if x.category == cat):
                rect = pygame.Rect(col.x, col.y + head + i * (card_h + gap), col.w, card_h)
                card = by_id[a.id]
                b = self.button(rect, "", lambda a=a.id: self.toggle(a), object_id="@card", tooltip=cards.tooltip(card),
                                enabled=card.available)
                if a.id in self.chosen:
                    b.select()
                self.card_buttons[a.id] = b
                self.card_rects[a.id] = rect
        pad = self.px(10)
        bw = self.px(150)
        sr = self.lay.strip
        self.end_button = self.button((sr.right - bw - pad, sr.y + pad // 2, bw, sr.h - pad),
                                      C.END_TURN.caption, self.request_end_turn, object_id="@primary",
                                      tooltip=C.END_TURN.tip)
        tb = self.lay.top
        hb = self.px(96)
        self.help_button = self.button((tb.right - hb - pad, tb.y + pad, hb, tb.h - 2 * pad), C.MENU.caption,
                                       self.app.open_help, tooltip=C.MENU.tip)
        self.top_right = self.help_button.rect.x  # where the widgets at the right of the top bar begin
        self.back_button = None
        if not self._practice_refused():
            bb = self.px(110)
            self.back_button = self.button((self.top_right - bb - pad, tb.y + pad, bb, tb.h - 2 * pad),
                                           C.TAKE_BACK.caption, self.take_back, enabled=bool(self.session.log),
                                           tooltip=C.TAKE_BACK.tip)
            self.top_right = self.back_button.rect.x
        # a gauge's tooltip says what it is and what its marks mean, under the mouse or the focus; the
        # gauges come last in the Tab order (the cards and End turn are what a turn needs), and an arrow
        # from the leadership column reaches them
        self.gauge_buttons = [
            self.button(rect, "", lambda: None, object_id="@gauge", tooltip=dashview.gauge_tip(row), inert=True)
            for row, rect in zip(self.view.metrics, dashview.metric_rects(self.lay.company, self.app.fonts,
                                                                           len(self.view.metrics)))]
        self.clock_rect = timer.place(self, self.top_right - pad)  # the workshop's turn clock, if any
        if self.clock_rect is not None:
            self.top_right = self.clock_rect.x
        self._cache_key = self._base_key = None
        self._faces.clear()

    def refresh_cards(self) -> None:
        """A new turn: update the card buttons in place (availability, tooltip, selection).

        Re-creating the widgets costs tens of milliseconds; the layout changes within a game only when a
        practice's lines (above the cards) need another number of rows.
        """
        self.view = dashboard(self.session)
        if dashview.layout(self.app.size, self.s, self.app.fonts, self.view.practice) != self.lay:
            self.rebuild()  # a practice's lines took more or fewer rows than last turn's: their band resizes
            return
        by_id = {c.id: c for c in self.view.cards}
        for a in self.order:
            b = self.card_buttons[a.id]
            card = by_id[a.id]
            b.set_tooltip(cards.tooltip(card))
            if card.available and not b.is_enabled:
                b.enable()
            elif not card.available and b.is_enabled:
                b.disable()
            if a.id in self.chosen and not b.is_selected:
                b.select()
            elif a.id not in self.chosen and b.is_selected:
                b.unselect()
        for b, row in zip(self.gauge_buttons, self.view.metrics):
            b.set_tooltip(dashview.gauge_tip(row))
        if self.back_button is not None:
            self.back_button.enable() if self.session.log else self.back_button.disable()
        if self.session.done:
            self.end_button.disable()  # behind the last report: nothing is left to end
        self._cache_key = None

    def _practice_refused(self) -> bool:
        """Workshop and hot-seat games never take a turn back (the session says so too)."""
        return bool(self.session.meta.get("workshop") or self.session.meta.get("hotseat"))

    def take_back(self) -> None:
        """Practice mode: undo the last turn; its cards come back selected, so one change is one click."""
        # answers undone with the turn: this turn's, given but not yet ended, and the taken-back turn's own
        answered = {self.choice, self.session.log[-1].choice if self.session.log else None} - {None}
        try:
            last = self.session.take_back()
        except DecisionError as exc:
            self.message = str(exc)
            self._cache_key = None
            return
        dropped = answered_events(self.session, answered)
        self.app.autosave()
        self._asked_turn = None
        self.progress = Progress.new(self.session, intro=False)  # the replayed turn's report is owed again
        self.chosen, self.choice = list(last.actions), None
        self.ring_off = True
        self.message = taken_back(self.session, dropped)
        self.refresh_cards()
        self.enter()  # the event of the turn, if any, is asked again

    def tip_area(self, owner=None) -> pygame.Rect:
        """A card's tooltip stays over the cards: never over the turn counter, the gauges or the team; a
        gauge's stays over the left-hand panels (the company and the team), off every card and button."""
        if owner in self.gauge_buttons:
            return self.lay.company.union(self.lay.leader)
        return self.lay.cards.union(self.lay.strip)

    def tip_keep_clear(self, owner) -> list:
        """A card's tooltip goes over other cards (tip_area keeps it off the panels) but never over the strip,
        the points and budget line and End turn (Set clear goals' hid both, s7 player 3 finding 11); a
        gauge's over the other gauges, and never over a button (none is in its area today; this keeps it so)."""
        if owner in self.gauge_buttons:
            return [b.rect for b in self.focusables if b.visible and b.alive() and b not in self.gauge_buttons]
        return [self.lay.strip]

    def tip_rather_clear(self, owner) -> list:
        """A card's tooltip had better cover its own column than another one (Share the vision's hid the
        whole Management column, s7 player 3 finding 11): the cards of the other columns, where a side fits."""
        if owner in self.gauge_buttons:
            return []
        return [b.rect for b in self.card_buttons.values() if b is not owner and b.visible and b.rect.x != owner.rect.x]

    def regions(self):
        lay = self.lay
        return [("top", lay.top), ("company", lay.company), ("leader", lay.leader), ("strip", lay.strip)] \
            + ([("practice", lay.practice)] if lay.practice is not None else [])

    # --- the turn flow -----------------------------------------------------------------
    def next_screen(self) -> Screen:
        return next_screen(self.session, self.progress)

    def enter(self) -> None:
        """Show whatever the player must see next (`flow.next_screen`): report, phase change, ending, event."""
        from .debrief import DebriefScene
        from .event import EventScene
        from .phase import PhaseScene
        from .report import ReportScene

        self._cache_key = None
        screen = self.next_screen()
        if screen is Screen.REPORT:
            self.progress.saw(screen, self.session)
            self.app.push(ReportScene(self.app, turn_report(self.session, self.session.reports[-1])))
        elif screen is Screen.PHASE:
            first = self.progress.phase_turn < 0
            self.progress.saw(screen, self.session)
            self.app.push(PhaseScene(self.app, phase_change(self.session, first=first)))
        elif screen is Screen.DEBRIEF:
            self.app.replace(DebriefScene(self.app))
        elif screen is Screen.EVENT and not any(isinstance(s, EventScene) for s in self.app.stack):  # never two
            self.app.push(EventScene(self.app, self.answer))

    def answer(self, choice_id: str) -> None:
        """The event's answer, held until the turn is ended."""
        self.choice = choice_id
        self.progress.saw(Screen.EVENT, self.session)
        self._cache_key = None

    def toggle(self, action_id: str) -> None:
        self.message = None
        if action_id in self.chosen:
            self.chosen.remove(action_id)
        else:
            trial = self.chosen + [action_id]
            try:
                self.session.check(Decision(tuple(trial), self.choice))
            except DecisionError as exc:
                self.refuse(action_id, str(exc))
                return
            self.chosen = trial
        b = self.card_buttons[action_id]
        b.select() if action_id in self.chosen else b.unselect()
        self._cache_key = None

    def refuse(self, action_id: str, why: str) -> None:
        """A card that cannot be picked says why on the card itself (and in the status line).

        The reason is what the player looks at now: the tooltip on screen closes, and none opens over
        the reason until the player points at another button or moves the focus.
        """
        self.message = why
        self.notice = (action_id, why, pygame.time.get_ticks() + NOTICE_MS)
        self.drop_keyboard_tip()
        self._notice_tip = (self._hover[0], self.focus)
        self._cache_key = None

    def notice_shown(self) -> bool:
        return self.notice is not None and pygame.time.get_ticks() <= self.notice[2]

    def wanted_tip_owner(self):
        """A tooltip and a refused card's reason are never on screen together (see `refuse`). A card just
        picked with its number key opens no tooltip: the player knows what it is, and its tooltip stayed
        over the whole next column of cards (fresh player s6 finding 11); Tab, an arrow or the mouse
        shows tooltips again."""
        w = super().wanted_tip_owner()
        if w is not None and self.app.show_focus and w is self.picked_by_key:
            return None
        if w is None or not self.notice_shown():
            return w
        hovered, focus = self._notice_tip
        pointed_elsewhere = not self.app.show_focus and w is not hovered
        moved_focus = self.app.show_focus and self.focus != focus
        if pointed_elsewhere or moved_focus:
            self.notice = None  # the player has moved on: the new tooltip replaces the reason
            self._cache_key = None
            return w
        return None

    def refuse_unavailable(self, action_id: str) -> None:
        title = next(a.title for a in self.order if a.id == action_id)
        self.refuse(action_id, C.not_available(title, self.session.unavailable_reason(action_id)))

    def on_mouse_up(self, event) -> None:
        """pygame_gui ignores clicks on a disabled button; a resting card still answers why."""
        if getattr(event, "button", 1) != 1:
            return
        for a, rect in self.card_rects.items():
            if rect.collidepoint(event.pos) and not self.card_buttons[a].is_enabled:
                self.refuse_unavailable(a)
                return

    def draw_notice(self, surf) -> None:
        if self.notice is None:
            return
        action_id, why, until = self.notice
        if pygame.time.get_ticks() > until:
            self.notice = None
            return
        card = self.card_rects[action_id]
        f = self.app.fonts
        pad = self.px(8)
        width = max(card.w, min(self.px(300), self.lay.cards.w))
        lines = f.wrap(why, width - 2 * pad, 13, True)[:3]
        lh = f.line_height(13, True)
        box = pygame.Rect(0, 0, width, len(lines) * lh + 2 * pad)
        box.midtop = (card.centerx, card.bottom + self.px(4))
        if box.bottom > self.lay.strip.y:
            box.midbottom = (card.centerx, card.y - self.px(4))
        box.clamp_ip(self.lay.cards)
        self.notice_rect = box
        pygame.draw.rect(surf, (70, 38, 20), box, border_radius=6)
        pygame.draw.rect(surf, T.ORANGE, box, 2, border_radius=6)
        y = box.y + pad
        for line in lines:
            surf.blit(f.render(line, 13, T.TEXT, True), (box.x + pad, y))
            y += lh

    def draw_over(self, surf) -> None:
        super().draw_over(surf)
        self.draw_notice(surf)

    def ring_target(self):
        return None if self.ring_off else super().ring_target()

    def probe_extra(self) -> dict:
        shown = self.notice_shown()
        lay = self.lay
        areas = {name: [r.x, r.y, r.w, r.h] for name, r in (("top", lay.top), ("company", lay.company),
                                                             ("leader", lay.leader), ("cards", lay.cards), ("strip", lay.strip),
                                                             ("practice", lay.practice)) if r is not None}
        return {"areas": areas, "faces": self.face_fits, "gauges": self.gauge_fits,
                "gauge_tips": [{"metric": row.id, "rect": list(b.rect)} for b, row in zip(self.gauge_buttons,
                                                                                    self.view.metrics)],
                "notice": {"card": self.notice[0], "text": self.notice[1],
                           "rect": list(getattr(self, "notice_rect", (0, 0, 0, 0)))} if shown else None,
                "practice": list(getattr(self, "practice_drawn", [])),
                "drivers": list(getattr(self, "drivers_drawn", [])), "stakes": list(getattr(self, "stakes_drawn", [])),
                "strip": getattr(self, "strip_drawn", None)}

    def points_line(self) -> str:
        """What the strip's first line says now (the cards picked so far counted)."""
        return dataclasses.replace(self.view, points=points(self.session, self.chosen)).points_line

    def points_left(self) -> int:
        spent = sum(self.session.scenario.actions[self.session.rules.actions.index(a)].cost.ap for a in self.chosen)
        return self.session.rules.action_points - spent

    def could_still_pick(self) -> bool:
        """Some card not yet chosen is available and fits the points left."""
        left = self.points_left()
        return any(a.id not in self.chosen and a.cost.ap <= left and self.card_buttons[a.id].is_enabled
                   for a in self.order)

    def request_end_turn(self) -> None:
        """E or End turn: with points left, ask first (once per turn, unless switched off in Settings)."""
        from .confirm import ConfirmEndScene

        asked = self._asked_turn == self.session.turn
        if self.app.settings.confirm_end_turn and not asked and self.points_left() > 0 and self.could_still_pick():
            self._asked_turn = self.session.turn
            self.app.push(ConfirmEndScene(self.app, self, self.points_left()))
            return
        self.end_turn()

    def end_turn(self, decision: Decision | None = None) -> None:
        try:
            self.app.decide(decision or Decision(tuple(self.chosen), self.choice))
        except DecisionError as exc:
            self.message = str(exc)
            self._cache_key = None
            return
        self.chosen, self.choice, self.message = [], None, None
        self.ring_off = True  # a new turn: no ring left on the card picked last turn
        self.progress.decided()
        self.refresh_cards()
        self.enter()

    # --- keys ----------------------------------------------------------------------------
    def on_key(self, event) -> bool:
        if self.ring_off and (event.key in KEY_CARD or event.key in NAV_KEYS or event.key == pygame.K_TAB):
            self.ring_off = False  # the keys move the focus again: the ring shows where it went
        elif self.ring_off and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.ring_off = False
            return True  # nothing was highlighted: Enter first shows where the focus is, and presses nothing
        self.picked_by_key = None
        if event.key in KEY_CARD:
            n = KEY_CARD[event.key]
            if n < len(self.order):
                a = self.order[n].id
                self.focus = self.focusables.index(self.card_buttons[a])
                self.picked_by_key = self.card_buttons[a]
                if self.card_buttons[a].is_enabled:
                    self.toggle(a)
                else:
                    self.refuse_unavailable(a)
            return True
        if event.key == pygame.K_e:
            self.request_end_turn()
            return True
        if event.key == pygame.K_u:
            if self._practice_refused():
                self.message = screen_lines.TAKE_BACK_REFUSED
                self._cache_key = None
            else:
                self.take_back()
            return True
        if event.key == pygame.K_ESCAPE:
            self.app.open_help()
            return True
        return super().on_key(event)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surf) -> None:
        """Blit the cached picture; redraw only the layer that changed.

        The base (top bar, company, leader, column heads) changes once a turn; the cards and the
        strip change with each pick and are composed over a copy of the base.
        """
        base_key = (self.session.turn, self.app.size, self.s)
        fresh_base = base_key != self._base_key or self._base is None
        if fresh_base:
            self._base = self.render_base()
            self._base_key, self._cache_key = base_key, None
        key = (tuple(self.chosen), self.choice, self.message)
        if key != self._cache_key or self._cache is None:
            self._cache = self.render_static(whole=fresh_base)
            self._cache_key = key
        surf.blit(self._cache, (0, 0))
        timer.draw(surf, self.app, self.clock_rect)

    def update(self, dt: float) -> None:
        timer.watch(self.app, dt)

    def render_base(self) -> pygame.Surface:
        surf = self._base
        if surf is None or surf.get_size() != self.app.size:
            surf = pygame.Surface(self.app.size).convert()
        surf.fill(T.BG)
        f, s, lay = self.app.fonts, self.session, self.lay
        self.view = dashboard(s)
        self._cards = {c.id: c for c in self.view.cards}
        dashview.top_bar(surf, lay.top, f, self.view, lay.top.right - self.top_right + self.px(10))
        self.practice_drawn = (dashview.practice_band(surf, lay.practice, f, self.view.practice)
                               if lay.practice is not None else [])
        self.gauge_fits = dashview.company(surf, lay.company, f, self.view)
        self.drivers_drawn, self.stakes_drawn = dashview.leader(surf, lay.leader, f, self.view)
        self.draw_heads(surf)
        self._faces.clear()
        return surf

    def render_static(self, whole: bool = True) -> pygame.Surface:
        """Everything under the widgets: the base, the card faces and the strip.

        After a pick only the cards and the strip are restored from the base and redrawn.
        """
        surf = self._cache
        if surf is None or surf.get_size() != self.app.size:
            surf, whole = pygame.Surface(self.app.size).convert(), True
        if whole:
            surf.blit(self._base, (0, 0))
        else:
            for r in (self.lay.cards, self.lay.strip):
                surf.blit(self._base, r, r)
        f, s, lay = self.app.fonts, self.session, self.lay
        self.draw_cards(surf)
        label = None
        if self.choice and s.event is not None:
            label = next(c.label for c in s.event.choices if c.id == self.choice)
        view = dataclasses.replace(self.view, points=points(s, self.chosen))
        self.strip_drawn = dashview.strip(surf, lay.strip, f, view, self.chosen, label, self.message,
                                          self.end_button.rect.w)
        return surf

    def draw_heads(self, surf) -> None:
        f = self.app.fonts
        w = self.view.phase.weights
        for col, cat in zip(self.lay.columns, CATEGORIES):
            text = f"{words.CATEGORY_LETTER[cat]}  {words.CATEGORY_TITLE[cat]}  {C.weight_figure(w[cat])}"
            pygame.draw.rect(surf, T.CATEGORY_COLOUR[cat], (col.x, col.y + 2, self.px(5), f.line_height(15, True) - 4))
            surf.blit(f.render(f.fit(text, col.w - self.px(10), 15, True), 15, T.TEXT, True), (col.x + self.px(10), col.y))

    def draw_cards(self, surf) -> None:
        """Card faces, each rendered once per state and size and then only blitted."""
        left = self.points_left()
        for n, a in enumerate(self.order):
            rect = self.card_rects[a.id]
            card = self._cards[a.id]
            unpaid = a.id not in self.chosen and a.cost.ap > left  # the points left do not pay for it
            key = (a.id, rect.size, card_key(n), a.id in self.chosen, card.reason_short, unpaid)
            got = self._faces.get(key)
            if got is None:
                img = pygame.Surface(rect.size).convert()
                img.fill(T.BG)
                got = self._faces[key] = (img, cards.face(img, img.get_rect(), self.app.fonts, card, key[2], key[3],
                                                          unpaid))
            surf.blit(got[0], rect)
            self.face_fits[a.id] = got[1]

    # --- autoplay ----------------------------------------------------------------------------
    def shot_name(self, pilot) -> str | None:
        wanted = pilot.wanted(self.session)
        if set(self.chosen) == set(wanted.actions) and self.session.turn >= self.session.scenario.turns // 3:
            return "dashboard"
        return None

    def pilot_target(self, pilot):
        if "help" not in pilot.seen and self.session.turn >= 1:
            return pygame.K_F1
        wanted = pilot.wanted(self.session)
        for a in wanted.actions:
            if a not in self.chosen:
                return self.card_buttons[a]
        for a in self.chosen:
            if a not in wanted.actions:
                return self.card_buttons[a]
        return self.end_button
