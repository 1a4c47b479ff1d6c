"""The review screen, opened from the debrief: the game against strong play on the same luck.

The evaluation line (the best final score still within reach after each turn) beside the par, with
each costly turn's mark numbered; a click on the chart (or Left and Right while
it has the focus) picks a turn, whose row shows in the panel beside it. The
hidden drivers over the whole game as small multiples (the player's line and
the strong bot's), every costly turn with the better decision, strong play's
own and what it would have changed, insights from this game, and every turn's
decision against the best one found (what `leadsim review` lists). Everything it says
comes from game/views/review/; this module only lays it out and draws it.
In practice games "Take back the last turn" returns to the dashboard. "Try turn N again" (outside
workshops) starts a practice copy of the game at the turn picked on the chart (the costliest first; the
< and > beside it pick another, T presses it), see game/practice.py.
"""

from __future__ import annotations

import pygame

from ...views import controls as C
from ...views import practice as practice_words
from ...views import prompts
from ...views.review import (NO_COSTLY_TURN, SAME_AS_BEST, SAME_LUCK_NOTE, TURN_HINT, TURN_LIST_NOTE, TURNS_HEADING,
                             ReviewView)
from .. import draw
from .. import theme as T
from .. import markup
from ..markup import plain
from ..scene import WorkingScene

LABEL_COLOUR = {"good": T.GREEN, "inaccuracy": T.YELLOW, "mistake": T.ORANGE, "blunder": T.VERMILION}


def review_html(view: ReviewView) -> str:
    """The notes beside the chart: first what the player can learn (every costly turn with its better
    decision and what it would have changed, then what this game shows), then how the review measures it
    (the line, the same luck, the labels), then every turn. The method notes came first and a new player
    met the first advice a screen down (s6 player 2, finding 4)."""
    parts = [f"<b>{plain(view.costly_title)}</b><br>"]
    if view.costly:  # every costly turn: the window scrolls (the terminal shows the three costliest)
        for c in view.costly:
            later = f"{plain(c.later_words)}<br>" if c.later_words else ""
            practice = f"{plain(c.practice_words)}<br>" if c.practice_words else ""
            parts.append(f"<b>{plain(c.title)}</b><br>{C.COSTLY_BETTER} {plain(c.better)}<br>"
                         f"{C.COSTLY_CHANGED} {plain(c.changes)}<br>"
                         f"{C.COSTLY_STRONG} {plain(c.strong_words)}<br>"
                         f"{C.COSTLY_CHOSEN} {plain(c.chosen)}<br>"
                         f"{plain(c.numbers)}<br>{practice}{later}<br>")
    else:
        parts.append(f"{plain(NO_COSTLY_TURN)}<br><br>")
    parts.append(f"<b>{C.REVIEW_INSIGHTS}</b><br>")
    parts += [f"• {plain(n)}<br>" for n in view.insights]
    parts.append(f"<br><b>{C.REVIEW_METHOD}</b><br>")
    if view.evaluation_note:
        parts.append(f"<i>{plain(view.evaluation_note)}</i><br><br>")
    if view.costly:
        parts.append(f"<i>{plain(SAME_LUCK_NOTE)}</i><br><br>")
    parts.append(f"<i>{plain(view.label_help[0].upper() + view.label_help[1:])}.</i><br>")
    if view.turns:
        parts.append(f"<br>{plain(TURN_LIST_NOTE)}<br>")
        parts.append(f"<br><b>{plain(TURNS_HEADING)}</b><br>")
        for row in view.turns:
            parts.append(f"<b>{plain(row.numbers)}</b><br>{C.COSTLY_CHOSEN} {plain(row.chosen)}<br>"
                         f"{C.COSTLY_BETTER} {plain(row.better or SAME_AS_BEST)}<br>"
                         f"{C.COSTLY_STRONG} {plain(row.strong_text)}<br>"
                         + (f"{plain(row.practice)}<br>" if row.practice else ""))
    return "".join(parts)


class ReviewScene(WorkingScene):
    name = "review"
    busy_text = prompts.REVIEWING

    def __init__(self, app, view: ReviewView | None = None):
        super().__init__(app)
        self.session = app.session
        self.view = view
        self._cache = None
        self.selected: int | None = None  # the turn picked on the chart (its row is in the turn panel)
        self.review = None  # analysis.review.Review: its better decision at a turn goes into a practice
        self.try_button = None  # "Try turn N again": a practice copy from the turn picked
        self.chart_button = None

    def ready(self) -> bool:
        return self.view is not None

    def compute(self) -> None:
        from ...analysis.review import review
        from ...views.review import review_view

        self.review = review(self.session)
        self.view = review_view(self.session, self.review)

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
        right = pygame.Rect(m + left_w + gap, body_y, w - 2 * m - left_w - gap, body_h)
        self.turn_rect = pygame.Rect(right.x, right.y, right.w, self.eval_rect.h)  # the turn picked on the chart
        self.notes = pygame.Rect(right.x, self.turn_rect.bottom + gap, right.w, right.h - self.turn_rect.h - gap)
        self.notes_box = None
        if self.view is not None:
            self.notes_box = self.textbox(self.notes.inflate(-self.px(10), -self.px(10)), review_html(self.view))
            if self.selected is None:  # the costliest turn first: the one the review has most to say about
                self.selected = self.view.costly[0].turn if self.view.costly else (1 if self.view.turns else None)
        bw = self.px(220)
        y = h - m - bh
        self.back_button = self.button((w - m - bw, y, bw, bh), C.BACK_TO_DEBRIEF.caption, self.app.pop,
                                       tooltip=C.BACK_TO_DEBRIEF.tip, object_id="@primary")  # what Enter presses
        self.take_back_button = None
        if self.session.can_take_back() is None:
            self.take_back_button = self.button((w - m - 2 * bw - gap, y, bw, bh), C.TAKE_BACK_LAST.caption,
                                                self.take_back, tooltip=C.TAKE_BACK_LAST.tip)
        self.chart_button = None
        if self.view is not None and self.view.turns:
            # the chart as one focusable widget: a click picks the turn under the pointer (on_mouse_up), Left and
            # Right step through the turns while it has the focus (on_key); last in the focus order, so Enter
            # still presses "Back to the debrief"
            self.chart_button = self.button(self.chart_area(), "", lambda: None, object_id="@gauge", inert=True)
        self.try_button = None
        if self.view is not None and self.selected is not None and self.can_practise():
            control = practice_words.try_again(self.selected)
            aw, tw = self.px(44), self.px(230)
            self.button((m, y, aw, bh), "<", lambda: self.select(self.selected - 1), tooltip=practice_words.PICK_TURN.tip)
            self.try_button = self.button((m + aw + self.px(6), y, tw, bh), control.caption, self.try_again,
                                          tooltip=control.tip)
            self.button((m + aw + tw + self.px(12), y, aw, bh), ">", lambda: self.select(self.selected + 1),
                        tooltip=practice_words.PICK_TURN.tip)
        self._cache = None

    def can_practise(self) -> bool:
        """Whether a turn of this game can be tried again in a practice copy (not in workshops: game.practice)."""
        from ...practice import cannot_practise

        return cannot_practise(self.session, 1) is None

    def try_again(self) -> None:
        """A practice copy from the turn picked, with the review's better decision there."""
        turn, review = self.selected, self.review
        better = review.turns[turn - 1].best if review is not None and turn <= len(review.turns) else None
        self.app.start_practice(turn, better)

    def regions(self):
        return [("head", self.head), ("evaluation", self.eval_rect), ("drivers", self.drivers_rect),
                ("turn", self.turn_rect)]

    # --- the chart's turns ------------------------------------------------------------
    def chart_geometry(self) -> tuple[pygame.Rect, pygame.Rect, int]:
        """(the chart's rect, its plot's rect, the number of turns), as draw.chart lays them out."""
        v, f = self.view, self.app.fonts
        inner = draw.panel_inner(self.eval_rect, f, C.REVIEW_EVALUATION_PANEL)
        ev = list(v.evaluation)
        lo, hi = self.chart_bounds()
        chart = pygame.Rect(inner.x, inner.y, inner.w, inner.h - self.marks_h())
        axis_w = draw.chart_axis_width(f, lambda q: f"{lo + (hi - lo) * q:.0f}")
        label_w = max(f.font(12).size(name)[0] for name in ("par", "you")) + 24
        plot = pygame.Rect(chart.x + axis_w, chart.y + 4, max(20, chart.w - axis_w - label_w), max(20, chart.h - 22))
        return chart, plot, len(ev) - 1

    def chart_bounds(self) -> tuple[float, float]:
        ev = list(self.view.evaluation)
        return min(ev + [self.view.par]) - 10, max(ev + [self.view.par]) + 10

    def marks_h(self) -> int:
        """The strip under the chart for the marks and their turn numbers."""
        return self.px(6) + self.app.fonts.line_height(11, True) + self.px(2)

    def chart_area(self) -> pygame.Rect:
        """What a click on the chart picks a turn in: the chart and the marks under it, a little wider, so the
        focus ring around it stays left of the axis numbers (the panel's padding has room for it)."""
        inner = draw.panel_inner(self.eval_rect, self.app.fonts, C.REVIEW_EVALUATION_PANEL)
        return inner.inflate(self.px(12), 0).clip(self.eval_rect.inflate(-2, -2))

    def turn_x(self, turn: int) -> int:
        _, plot, turns = self.chart_geometry()
        return plot.x + int(plot.w * turn / max(1, turns))

    def turn_at(self, x: int) -> int:
        """The turn (1 to the last) nearest to x on the chart."""
        _, plot, turns = self.chart_geometry()
        return max(1, min(turns, round((x - plot.x) / max(1, plot.w) * max(1, turns))))

    def select(self, turn: int) -> None:
        if self.view is None or not self.view.turns:
            return
        turn = max(1, min(len(self.view.turns), turn))
        if turn != self.selected:
            self.selected = turn
            self._cache = None
            if self.try_button is not None:  # the practice button follows the turn picked, in place
                control = practice_words.try_again(turn)
                self.try_button.set_text(control.caption)
                self.try_button.set_tooltip(markup.tooltip(control.tip))

    def on_mouse_up(self, event) -> None:
        if getattr(event, "button", 1) != 1 or self.view is None or self.chart_button is None:
            return
        if self.chart_area().collidepoint(event.pos):
            self.select(self.turn_at(event.pos[0]))
            self.focus = self.focusables.index(self.chart_button)

    def take_back(self) -> None:
        self.app.take_back()

    def probe_extra(self) -> dict:
        """The notes' text, the turn picked and its panel's text, and where each labelled mark is (tests click
        them)."""
        box = self.notes_box
        out = {**super().probe_extra(), "notes": str(box.html_text) if box is not None else None}
        if self.view is not None:
            out.update({"selected_turn": self.selected, "turn_panel": self.turn_text(),
                        "turn_drawn": list(getattr(self, "turn_drawn", [])),
                        "marks": getattr(self, "marks_drawn", [])})
        return out

    def on_key(self, event) -> bool:
        if self.view is None:
            return True  # nothing to press while it works (WorkingScene)
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
            return True
        if event.key == pygame.K_u and self.take_back_button is not None:
            self.take_back()
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.chart_button is not None \
                and self.focused_widget() is self.chart_button and self.selected is not None:
            self.select(self.selected + (1 if event.key == pygame.K_RIGHT else -1))
            return True
        if event.key == pygame.K_t and self.try_button is not None:
            self.try_again()
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
        self.draw_turn(surf)
        draw.panel(surf, self.notes)

    def turn_lines(self) -> list[tuple[str, int, tuple, bool]]:
        """The picked turn's row as (text, size, colour, bold): the same words as the list in the notes; a
        costly turn's also what its better decision would have changed (s6 player 2 found that sentence deep
        in the notes, with room to spare here)."""
        v = self.view
        if self.selected is None or not v.turns:
            return []
        row = v.turns[self.selected - 1]
        costly = next((c for c in v.costly if c.first <= self.selected <= c.last), None)
        costly = costly if costly is not None and costly.turn == self.selected else None
        out = [(row.numbers, 13, LABEL_COLOUR.get(row.label, T.TEXT), True),
               (f"{C.COSTLY_CHOSEN} {row.chosen}", 13, T.TEXT, False),
               (f"{C.COSTLY_BETTER} {row.better or SAME_AS_BEST}", 13, T.TEXT, False)]
        if costly is not None:  # what the better decision would have changed: the lesson, beside the chart
            out.append((f"{C.COSTLY_CHANGED} {costly.changes}", 12, T.TEXT, False))
        out.append((f"{C.COSTLY_STRONG} {row.strong_text}", 13, T.TEXT, False))
        if row.practice:  # what 'Try turn N again' then gets, repeating your later decisions (s7 player 4, 1)
            out.append((row.practice, 12, T.TEXT, False))
        if costly is not None:
            out.append((costly.numbers, 12, T.MUTED, False))
            if costly.later_words:
                out.append((costly.later_words, 12, T.MUTED, False))
        return out

    def turn_rows(self, width: int, height: int) -> list[tuple[str, int, tuple, bool, list[str]]]:
        """The picked turn's lines wrapped to the panel, each with the rows that fit: the turn, your choice,
        the better one and strong play's are kept whole; what the better decision would have changed gets
        the rows left (its last one ends in an ellipsis when cut: the notes below have all of it); the
        costly turn's figures come last, while there is room. At 1024x600 a long 'It would have changed'
        pushed strong play's choice out of the panel."""
        f, gap = self.app.fonts, self.px(2)
        lines = self.turn_lines()
        wrapped = [f.wrap(text, width, size, bold) for text, size, colour, bold in lines]
        heights = [len(w) * self.app.fonts.line_height(size, bold) + gap
                   for w, (_, size, _, bold) in zip(wrapped, lines)]
        changed = next((k for k, (text, *_) in enumerate(lines) if text.startswith(C.COSTLY_CHANGED)), None)
        promise = bool(self.view.turns[self.selected - 1].practice) if lines else False
        kept = min(len(lines), 4 + (changed is not None) + promise)  # the four a turn always has, its changes and
        #                                                             what a practice from it gets
        out, room = [], height - sum(h for k, h in enumerate(heights[:kept]) if k != changed)
        for k, ((text, size, colour, bold), rows) in enumerate(zip(lines, wrapped)):
            lh = f.line_height(size, bold)
            if k == changed:
                n = max(1, (room - gap) // lh)
                if n < len(rows):
                    rows = rows[:n - 1] + [f.fit(rows[n - 1] + " " + rows[n] + "…", width, size, bold)]
            elif k >= kept:
                n = max(0, (room - gap) // lh) if room > 0 else 0
                rows = rows[:n] if n >= len(rows) else []  # a figure is shown whole or not at all
            room -= len(rows) * lh + gap if k == changed or k >= kept else 0
            out.append((text, size, colour, bold, rows))
        return out

    def turn_text(self) -> str:
        return " ".join(text for text, *_ in self.turn_lines())

    def draw_turn(self, surf) -> None:
        f = self.app.fonts
        inner = draw.panel(surf, self.turn_rect, f, C.REVIEW_TURN_PANEL)
        hint_h = len(f.wrap(TURN_HINT, inner.w, 11)) * f.line_height(11)
        body = pygame.Rect(inner.x, inner.y, inner.w, inner.h - hint_h - self.px(4))
        y = body.y
        self.turn_drawn = []
        for text, size, colour, bold, rows in self.turn_rows(body.w, body.h):
            if not rows:
                continue
            lh = f.line_height(size, bold)
            for row in rows:
                surf.blit(f.render(row, size, colour, bold), (body.x, y))
                self.turn_drawn.append(row)
                y += lh
            y += self.px(2)
        draw.text_block(surf, pygame.Rect(inner.x, inner.bottom - hint_h, inner.w, hint_h), f, TURN_HINT, 11,
                        T.FAINT)

    def draw_evaluation(self, surf, inner: pygame.Rect) -> None:
        v, f = self.view, self.app.fonts
        ev = list(v.evaluation)
        lo, hi = self.chart_bounds()
        chart, plot, turns = self.chart_geometry()
        # par dashed as strong play's line is on the report's charts (charts.PAR_LINE); yours solid
        series = [("par", [v.par] * len(ev), T.MUTED, "square", T.PAR_DASH), ("you", ev, T.SKY, "circle")]
        draw.chart(surf, chart, f, series, turns, lo, hi)
        if self.selected is not None:  # the picked turn: a line through the chart
            x = self.turn_x(self.selected)
            pygame.draw.line(surf, T.TEXT, (x, plot.y), (x, plot.bottom), 1)
        # one coloured tick per costly turn, by its label, under the chart, with its turn number (the costliest
        # first where two numbers would overlap; the picked turn always)
        tick_y, tick_h = chart.bottom, self.px(6)
        self.marks_drawn = []
        taken: list[pygame.Rect] = []
        marks = [m for m in v.marks if m.label != "good" or m.turn == self.selected]
        for mark in sorted(marks, key=lambda m: (m.turn != self.selected, -m.loss, m.turn)):
            x = self.turn_x(mark.turn)
            colour = LABEL_COLOUR[mark.label] if mark.label != "good" else T.TEXT
            pygame.draw.rect(surf, colour, (x - 2, tick_y, 5, tick_h))
            img = f.render(str(mark.turn), 11, T.TEXT if mark.turn == self.selected else colour, True)
            box = img.get_rect(midtop=(x, tick_y + tick_h + self.px(1)))
            if any(box.inflate(4, 0).colliderect(t) for t in taken):
                continue
            if mark.turn == self.selected:
                pygame.draw.rect(surf, T.TEXT, box.inflate(6, 2), 1, border_radius=3)
            surf.blit(img, box)
            taken.append(box)
            self.marks_drawn.append({"turn": mark.turn, "rect": [box.x, box.y, box.w, box.h]})

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
            for values, colour, width, dash in ((d.par, T.FAINT, 1, T.PAR_DASH),
                                                (d.values, T.metric_colour(k), 2, T.metric_dash(k))):
                n = max(1, len(values) - 1)
                pts = [(plot.x + int((plot.w - 1) * i / n),
                        plot.bottom - 1 - int((plot.h - 2) * (min(hi, max(lo, val)) - lo) / ((hi - lo) or 1)))
                       for i, val in enumerate(values)]
                draw.lines(surf, colour, pts, width, dash, f.scale)

    def back(self) -> None:
        if self.view is not None:
            self.app.pop()
