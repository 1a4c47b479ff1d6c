"""The event dialog: what happened and the possible answers (keys 1-n, arrows and Enter, or the mouse)."""

from __future__ import annotations


import time

import pygame

from ...views import controls as C
from ...views.event import event as event_view
from .. import theme as T
from .. import timer
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect, prose_html


# How long after the dialog first shows that an answer is taken. A player pressed 2 to pick a card as
# the event opened over the dashboard, and the key answered the event unseen (player s6b finding 1: it
# cost the win). Half a second is below the time anyone reads a question in, above a key already on
# its way; clicks and keys in that moment are dropped, not kept for later.
ANSWER_GRACE = 0.6


class EventScene(Scene):
    name = "event"
    modal = True
    clock_runs = True  # answering the event is part of the turn
    shown_at: float | None = None  # when the dialog was first drawn (monotonic seconds)

    def in_grace(self) -> bool:
        """True until the dialog has been on screen for ANSWER_GRACE: no answer is taken yet."""
        if ANSWER_GRACE <= 0:
            return False
        return self.shown_at is None or time.monotonic() - self.shown_at < ANSWER_GRACE

    def __init__(self, app, on_answer):
        super().__init__(app)
        self.event = event_view(app.session)
        self.on_answer = on_answer
        self.answered = False

    def build(self) -> None:
        ev = self.event
        bh, gap = self.px(44), self.px(10)
        self.hint_h = self.app.fonts.line_height(13) if ev.hints else 0  # each answer's expected effect, below it
        gap += self.hint_h
        buttons_h = len(ev.choices) * (bh + gap)
        dash = timer.dashboard_of(self.app)
        practice = dash is not None and bool(self.app.session.log) and not dash._practice_refused()
        back_h = bh + self.px(6) if practice else 0  # practice: the last turn can be taken back from here too
        rect, inner = dialog_rect(self, self.px(760), buttons_h + back_h + self.px(230))
        inner.h -= back_h
        self.dialog(rect)
        text = (f"<font size=5><b>{plain(ev.heading)}</b></font><br><br>"
                f"{prose_html(ev.text)}<br><br><i>{plain(ev.question)}</i>")
        self.textbox((inner.x, inner.y, inner.w, inner.h - buttons_h), text)
        self.choice_buttons = []
        y = inner.bottom - buttons_h + gap - self.hint_h
        for c in ev.choices:
            b = self.button((inner.x, y, inner.w, bh), f"{c.number}.  {c.label}", lambda c=c.id: self.pick(c),
                            object_id="@list_item")
            self.choice_buttons.append(b)
            y += bh + gap
        self.take_back_button = None
        if practice:
            bw = self.px(220)
            self.take_back_button = self.button((inner.right - bw, inner.bottom + self.px(6), bw, bh),
                                                C.TAKE_BACK_LAST.caption, self.take_back, tooltip=C.TAKE_BACK_LAST.tip)

    def take_back(self) -> None:
        """Practice: close the dialog unanswered and undo the last turn (the dashboard asks the event again
        if that turn has one)."""
        dash = timer.dashboard_of(self.app)
        if dash is None or self.answered:
            return
        self.answered = True
        dash.take_back()  # first, so that closing the dialog shows what the game after it owes (its event)
        while self in self.app.stack:
            self.app.pop()

    def pick(self, choice_id: str) -> None:
        """Record the answer, then close: closing shows the dashboard, whose `enter` opens the event
        dialog again for as long as the event has no answer (it did, when the pop came first)."""
        if self.answered or self.in_grace():
            return  # a second press before the dialog closed (two keys in one frame), or one before it showed
        self.answered = True
        self.on_answer(choice_id)
        if self in self.app.stack:
            while self.app.top is not self:  # help or settings opened over the dialog close with it
                self.app.pop()
            self.app.pop()

    def on_key(self, event) -> bool:
        n = event.key - pygame.K_1 + 1
        if 1 <= n <= len(self.choice_buttons) and pygame.K_1 <= event.key <= pygame.K_9:
            return self.on_button(self.choice_buttons[n - 1])
        if event.key == pygame.K_u and self.take_back_button is not None:
            self.take_back()
            return True
        if event.key == pygame.K_ESCAPE:
            self.app.open_help()  # an event must be answered; Esc offers help and quitting instead
            return True
        return super().on_key(event)

    def update(self, dt: float) -> None:
        timer.watch(self.app, dt)  # answering the event is part of the turn: the turn clock runs

    def draw_over(self, surf) -> None:
        if self.shown_at is None:
            self.shown_at = time.monotonic()
        self.hints_drawn = []
        if self.hint_h:
            f = self.app.fonts
            for b, c in zip(self.choice_buttons, self.event.choices):
                if c.effects:
                    text = answer_hint(f, self.event.expected_label, c, b.rect.w - self.px(28))
                    surf.blit(f.render(text, 13, T.MUTED), (b.rect.x + self.px(14), b.rect.bottom + self.px(2)))
                    self.hints_drawn.append(text)
        dash = timer.dashboard_of(self.app)
        timer.draw(surf, self.app, getattr(dash, "clock_rect", None))
        super().draw_over(surf)

    def probe_extra(self) -> dict:
        return {"hints": list(getattr(self, "hints_drawn", [])), "grace": self.in_grace()}

    def pilot_target(self, pilot):
        if self.in_grace():
            return None  # a bot, too, waits until the dialog takes answers
        wanted = pilot.wanted(self.app.session).choice
        ids = [c.id for c in self.event.choices]
        return self.choice_buttons[ids.index(wanted)]


def answer_hint(fonts, label: str, choice, width: int) -> str:
    """One answer's line of expected effects within `width` pixels, ending in '… and N more' when the
    answer has more than it shows (as a card says it): without the timing words if the whole does not
    fit, cut only as a last resort."""
    more = f" {choice.more_count_text}" if choice.more_count_text else ""
    for effects in (choice.timed_effects_text, choice.effects_text):
        text = f"{label}: {effects}{more}"
        if fonts.font(13).size(text)[0] <= width:
            return text
    return fonts.fit(f"{label}: {choice.effects_text}", width - fonts.font(13).size(more)[0], 13) + more
