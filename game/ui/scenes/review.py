"""The review screen, opened from the debrief: the game against strong play on the same luck.

The evaluation line (expected final score after each turn) beside the par, the
hidden drivers over the whole game as small multiples (the player's line and
the strong bot's), the three costliest turns with the better decision and
what it would have changed, insights from this game, and every turn's
decision against the best one found (what `leadsim review` tabulates). Everything it says
comes from game/views/review.py; this module only lays it out and draws it.
In practice games "Take back the last turn" returns to the dashboard.
"""

from __future__ import annotations

import pygame

from ...views import controls as C
from ...views import lines, prompts
from ...views.review import NO_COSTLY_TURN, SAME_AS_BEST, SAME_LUCK_NOTE, TURNS_HEADING, ReviewView
from .. import draw
from .. import theme as T
from ..markup import plain
from ..scene import WorkingScene

LABEL_COLOUR = {"good": T.GREEN, "inaccuracy": T.YELLOW, "mistake": T.ORANGE, "blunder": T.VERMILION}


def review_html(view: ReviewView) -> str:
    parts = [f"<i>{plain(view.evaluation_note)}</i><br><br>" if view.evaluation_note else "",
             f"<b>{plain(view.costly_title)}</b><br>"]
    if view.costly:  # every costly turn: the window scrolls (the terminal shows the three costliest)
        parts.append(f"<i>{plain(SAME_LUCK_NOTE)}</i><br><br>")
        for c in view.costly:
            later = f"{plain(c.later_words)}<br>" if c.later_words else ""
            parts.append(f"<b>{plain(c.title)}</b><br>{C.COSTLY_BETTER} {plain(c.better)}<br>"
                         f"{C.COSTLY_STRONG} {plain(c.strong_words)}<br>"
                         f"{C.COSTLY_CHOSEN} {plain(c.chosen)}<br>"
                         f"{plain(c.numbers)}<br>{later}{C.COSTLY_CHANGED} {plain(c.changes)}<br><br>")
    else:
        parts.append(f"{plain(NO_COSTLY_TURN)}<br>")
    parts.append(f"<b>{C.REVIEW_INSIGHTS}</b><br>")
    parts += [f"• {plain(n)}<br>" for n in view.insights]
    parts.append(f"<br><i>{plain(view.label_help[0].upper() + view.label_help[1:])}.</i><br>")
    if view.turns:
        parts.append(f"<br><b>{plain(TURNS_HEADING)}</b><br>")
        for row in view.turns:
            parts.append(f"<b>{plain(row.numbers)}</b><br>{C.COSTLY_CHOSEN} {plain(row.chosen)}<br>"
                         f"{C.COSTLY_BETTER} {plain(row.better or SAME_AS_BEST)}<br>"
                         f"{C.COSTLY_STRONG} {plain(row.strong_text)}<br>")
    return "".join(parts)


class ReviewScene(WorkingScene):
    name = "review"
    busy_text = prompts.REVIEWING

    def __init__(self, app, view: ReviewView | None = None):
        super().__init__(app)
        self.session = app.session
        self.view = view
        self._cache = None

    def ready(self) -> bool:
        return self.view is not None

    def compute(self) -> None:
        from ...analysis.review import review
        from ...views.review import review_view

        self.view = review_view(self.session, review(self.session))

    def build(self) -> None:
        w, h = self.app.size
        m, gap, bh = self.px(16), self.px(12), self.px(44)
        f = self.app.fonts
        self.head = pygame.Rect(m, m, w - 2 * m, f.line_height(20, True) + f.line_height(14) + self.px(6))
        body_y = self.head.bottom + gap
        body_h = h - body_y - bh - 2 * m
        left_w = (w - 2 * m - gap) * 11 // 20
        self.eval_rect = pygame.Rect(m, body_y, left_w, body_h * 2 // 5)
        self.drivers_rect = pygame.Rect(m, self.eval_rect.bottom + gap, left_w, body_h - self.eval_rect.h - gap)
        self.notes = pygame.Rect(m + left_w + gap, body_y, w - 2 * m - left_w - gap, body_h)
        self.notes_box = None
        if self.view is not None:
            self.notes_box = self.textbox(self.notes.inflate(-self.px(10), -self.px(10)), review_html(self.view))
        bw = self.px(220)
        y = h - m - bh
        self.back_button = self.button((w - m - bw, y, bw, bh), C.BACK_TO_DEBRIEF.caption, self.app.pop,
                                       tooltip=C.BACK_TO_DEBRIEF.tip, object_id="@primary")  # what Enter presses
        self.take_back_button = None
        if self.session.can_take_back() is None:
            self.take_back_button = self.button((w - m - 2 * bw - gap, y, bw, bh), C.TAKE_BACK_LAST.caption,
                                                self.take_back, tooltip=C.TAKE_BACK_LAST.tip)
        self._cache = None

    def regions(self):
        return [("head", self.head), ("evaluation", self.eval_rect), ("drivers", self.drivers_rect)]

    def take_back(self) -> None:
        self.app.take_back()

    def probe_extra(self) -> dict:
        box = self.notes_box
        return {**super().probe_extra(), "notes": str(box.html_text) if box is not None else None}

    def on_key(self, event) -> bool:
        if self.view is None:
            return True  # nothing to press while it works (WorkingScene)
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.key == pygame.K_u and self.take_back_button is not None:
            self.take_back()
            return True
        return super().on_key(event)

    # --- drawing ---------------------------------------------------------------------
    def draw(self, surf) -> None:
        if self.view is None:
            self.draw_busy(surf)
            return
        surf.blit(self.picture(), (0, 0))

    def picture(self) -> pygame.Surface:
        """The whole screen under the widgets, drawn once per size (the review never changes)."""
        if self._cache is None:
            self._cache = pygame.Surface(self.app.size).convert()
            self._cache.fill(T.BG)
            self.draw_static(self._cache)
        return self._cache

    def draw_static(self, surf) -> None:
        f, v = self.app.fonts, self.view
        r = self.head
        surf.blit(f.render(f.fit(v.headline, r.w, 20, True), 20, T.TEXT, True), r.topleft)
        x, y = r.x, r.y + f.line_height(20, True) + self.px(4)
        for label, counted in v.count_words:
            img = f.render(counted, 14, LABEL_COLOUR[label], True)
            surf.blit(img, (x, y))
            x += img.get_width() + self.px(18)
        inner = draw.panel(surf, self.eval_rect, f, C.REVIEW_EVALUATION_PANEL)
        self.draw_evaluation(surf, inner)
        inner = draw.panel(surf, self.drivers_rect, f, C.REVIEW_DRIVERS_PANEL)
        self.draw_drivers(surf, inner)
        draw.panel(surf, self.notes)

    def draw_evaluation(self, surf, inner: pygame.Rect) -> None:
        v, f = self.view, self.app.fonts
        ev = list(v.evaluation)
        lo = min(ev + [v.par]) - 10
        hi = max(ev + [v.par]) + 10
        turns = len(ev) - 1
        series = [("par", [v.par] * len(ev), T.MUTED, "square"), ("you", ev, T.SKY, "circle")]
        chart = pygame.Rect(inner.x, inner.y, inner.w, inner.h - self.px(12))
        draw.chart(surf, chart, f, series, turns, lo, hi)
        axis_w = draw.chart_axis_width(f, lambda q: f"{lo + (hi - lo) * q:.0f}")
        label_w = max(f.font(12).size(name)[0] for name, *_ in series) + 24
        plot_w = max(20, chart.w - axis_w - label_w)
        for mark in v.marks:  # one coloured tick per turn, by its label, under the chart
            if mark.label == "good":
                continue
            px = chart.x + axis_w + int(plot_w * mark.turn / max(1, turns))
            pygame.draw.rect(surf, LABEL_COLOUR[mark.label], (px - 2, inner.bottom - self.px(8), 5, self.px(8)))

    def draw_drivers(self, surf, inner: pygame.Rect) -> None:
        v, f = self.view, self.app.fonts
        drivers = list(v.drivers)
        if not drivers:
            return
        cols = 2 if len(drivers) > 2 else 1
        rows = (len(drivers) + cols - 1) // cols
        gap = self.px(8)
        cw = (inner.w - gap * (cols - 1)) // cols
        ch = (inner.h - gap * (rows - 1)) // rows
        for k, d in enumerate(drivers):
            cell = pygame.Rect(inner.x + (k % cols) * (cw + gap), inner.y + (k // cols) * (ch + gap), cw, ch)
            title = f"{d.title}: {d.values[0]:.0f} to {d.values[-1]:.0f}"
            surf.blit(f.render(f.fit(title, cell.w, 12, True), 12, T.TEXT, True), cell.topleft)
            top = cell.y + f.line_height(12, True)
            plot = pygame.Rect(cell.x, top, cell.w, cell.bottom - top)
            lo, hi = d.lo, d.hi
            if plot.h < 8:
                continue
            pygame.draw.rect(surf, (40, 46, 58), plot, 1)
            for values, colour, width in ((d.par, T.FAINT, 1), (d.values, T.METRIC_COLOURS[k % 6], 2)):
                n = max(1, len(values) - 1)
                pts = [(plot.x + int((plot.w - 1) * i / n),
                        plot.bottom - 1 - int((plot.h - 2) * (min(hi, max(lo, val)) - lo) / ((hi - lo) or 1)))
                       for i, val in enumerate(values)]
                if len(pts) > 1:
                    pygame.draw.lines(surf, colour, False, pts, width)

    def back(self) -> None:
        if self.view is not None:
            self.app.pop()
