"""The end of the game and the debrief: outcome, score, charts, the mix per phase, insights.

The debrief is where the learning happens, so it shows the whole game: the
visible metrics over time with phase changes marked, the leadership/management
mix against what each phase rewarded, and what was going on underneath.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from ...views import controls as C
from ...views import lines, prompts, words
from ...session import CATEGORIES
from ... import saves
from ...autoplay import result_json
from ...views.debrief import Debrief, debrief
from ...userdata import data_dir
from .. import draw
from .. import theme as T
from ..markup import plain
from ..scene import WorkingScene

OUTCOME_COLOUR = {"win": T.SKY, "loss": T.VERMILION, "neutral": T.YELLOW}


def handin_html(session, where: Path | None, error: str | None) -> str:
    """For a workshop game: where the result file to hand in was written (folder and file name)."""
    if error:
        return f"<b>{C.RESULT_NOT_WRITTEN}</b> {plain(error)}<br><br>"
    if where is None:
        return ""
    team = plain(str(session.meta.get("team", "")))
    return (f"<b>{C.HAND_IN_HEADING}</b> {C.hand_in_team(team)}<br>{C.FOLDER} {plain(str(where.parent))}<br>"
            f"{C.FILE} <b>{plain(where.name)}</b><br><br>")


def insights_html(d: Debrief, scale: bool = True) -> str:
    """The notes column; `scale`: with how the score is counted (left out when the mix panel shows it whole:
    the paragraph was on the screen twice, s6 finding 15)."""
    notes = "".join(f"• {plain(n)}<br>" for n in d.insights)
    rows = "".join(f"{plain(h.title)}: {plain(h.start_text)} to <b>{plain(h.end_text)}</b><br>" for h in d.hidden)  # units too
    counted = f"<br><b>{lines.SCORE_COUNTED}</b><br>{plain(d.score_scale)}" if scale else ""
    return f"<b>{lines.INSIGHTS_HEADING}</b><br>{notes}<br><b>{lines.UNDERNEATH_HEADING}</b><br>{rows}{counted}"


class DebriefScene(WorkingScene):
    name = "debrief"
    busy_text = prompts.DEBRIEFING

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.view: Debrief | None = None  # worked out in the frame after the busy notice is on screen
        self.saved_to: str | None = None
        self._cache = None
        self.handed_in: Path | None = None
        self.handin_error: str | None = None

    def ready(self) -> bool:
        return self.view is not None

    def compute(self) -> None:
        """The debrief (strong play's mix: 200 games, slow before the model is compiled) and, for a
        workshop game, its result file, written when it ends."""
        from ...workshop.files import WorkshopError
        from ...workshop.handin import hand_in

        self.view = debrief(self.session)
        try:
            self.handed_in = hand_in(self.session)
        except (OSError, WorkshopError) as exc:
            self.handin_error = str(exc)

    def enter(self) -> None:
        """Back from the review: where strong play's mix was not known (the review finds it), it is now."""
        import dataclasses

        from ...views.debrief import phase_mix

        if self.view is not None and any(m.strong is None and m.leadership + m.management for m in self.view.mix):
            mix = tuple(phase_mix(self.session))
            if any(m.strong is not None for m in mix):
                self.view = dataclasses.replace(self.view, mix=mix)
                self._cache = None
                self.rebuild()

    def build(self) -> None:
        self.review_button = None
        if self.view is None:
            return
        w, h = self.app.size
        m, gap, bh = self.px(16), self.px(12), self.px(44)
        f = self.app.fonts
        head_h = f.line_height(26, True) + 2 * f.line_height(14) + self.px(10)
        self.head = pygame.Rect(m, m, w - 2 * m, head_h)
        body_y = self.head.bottom + gap
        body_h = h - body_y - bh - 2 * m
        col_w = (w - 2 * m - 2 * gap) // 3
        self.charts = pygame.Rect(m, body_y, col_w, body_h)
        self.mix = pygame.Rect(m + col_w + gap, body_y, col_w, body_h)
        self.notes = pygame.Rect(m + 2 * (col_w + gap), body_y, col_w, body_h)
        self.scale_in_mix = self.mix_fits_scale()
        self.textbox(self.notes.inflate(-self.px(10), -self.px(10)),
                     handin_html(self.session, self.handed_in, self.handin_error)
                     + insights_html(self.view, scale=not self.scale_in_mix))
        bw = self.px(190)
        y = h - m - bh
        right = w - m
        self.title_button = self.button((right - bw, y, bw, bh), C.BACK_TO_TITLE.caption, self.to_title)
        self.save_button = self.button((right - 2 * bw - gap, y, bw, bh), C.SAVE_RESULT.caption, self.save_result)
        self.again_button = self.button((right - 3 * bw - 2 * gap, y, bw, bh), C.PLAY_AGAIN.caption, self.play_again)
        self.review_button = self.button((right - 4 * bw - 3 * gap, y, bw, bh), C.REVIEW_GAME.caption, self.open_review,
                                         object_id="@primary", tooltip=C.REVIEW_GAME.tip)
        self.foot_w = right - 4 * bw - 4 * gap - m
        self._cache = None

    def regions(self):
        """The drawn areas a tooltip keeps off, the foot line ('Seed 238579, guided') among them: the
        tooltip of 'Review my game' covered it (fresh player s6 finding 11)."""
        if self.view is None:
            return []
        return [("head", self.head), ("charts", self.charts), ("mix", self.mix), ("foot", self.foot_rect())]

    def foot_rect(self) -> pygame.Rect:
        """Where the foot line (the seed and difficulty, or where the result was saved) is written."""
        f = self.app.fonts
        y = self.app.size[1] - self.px(16) - self.px(44) // 2 - f.line_height(13) // 2
        return pygame.Rect(self.px(16), y, max(0, self.foot_w), f.line_height(13))

    def open_review(self) -> None:
        from .review import ReviewScene

        self.app.push(ReviewScene(self.app))

    def default_focus(self) -> int | None:
        """Enter presses the highlighted button, "Review my game": the step a player reading the debrief
        expects next, and one that loses nothing (Back returns here). "Play again" was the default, so
        an Enter while reading started a new game over the finished one."""
        button = getattr(self, "review_button", None)
        return self.focusables.index(button) if button in self.focusables else None

    def play_again(self) -> None:
        from .picker import PickerScene

        self.app.pending_scenario = self.session.loaded.source.replace(" (built-in)", "")
        self.app.pending_seed = None
        self.app.push(PickerScene(self.app))

    def save_result(self) -> None:
        """Save the game (loadable, replayable) and its result summary side by side. The named save becomes
        the game's one file (App.saved_as_well): it was written beside the autosave's copy, which the next game
        then moved aside as 'tutorial-finished-...', and Load listed the one game twice."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        base = f"{self.session.scenario.id}-seed{self.session.seed}-{stamp}"
        target = data_dir() / "saves" / f"{base}.json"
        try:
            saves.save(self.session, target)
            saves.atomic_write(data_dir() / "results" / f"{base}.json", result_json(self.session, None) + "\n")
            self.saved_to = str(target)
        except OSError as exc:  # a full or read-only disk: say so, the debrief stays
            self.saved_to = C.nowhere_writable(data_dir() / "saves", exc.strerror or exc)
        else:
            self.app.saved_as_well(target)
        self._cache = None

    def to_title(self) -> None:
        from .title import TitleScene

        self.app.session = None
        self.app.reset(TitleScene(self.app))

    # --- drawing ---------------------------------------------------------------------
    def draw(self, surf) -> None:
        if self.view is None:
            self.draw_busy(surf)
            return
        if self._cache is None:
            self._cache = pygame.Surface(self.app.size).convert()
            self._cache.fill(T.BG)
            self.draw_static(self._cache)
        surf.blit(self._cache, (0, 0))

    def draw_static(self, surf) -> None:
        f, s = self.app.fonts, self.session
        self.draw_head(surf)
        inner = draw.panel(surf, self.charts, f, C.DEBRIEF_CHARTS_PANEL)
        self.draw_charts(surf, inner)
        inner = draw.panel(surf, self.mix, f, C.DEBRIEF_MIX_PANEL)
        self.draw_mix(surf, inner)
        draw.panel(surf, self.notes)
        foot = C.saved_to(self.saved_to) if self.saved_to else C.seed_and_difficulty(s.seed, s.difficulty)
        if self.handed_in is not None and not self.saved_to:
            foot = C.result_to_hand_in(self.handed_in)
        surf.blit(f.render(f.fit(foot, self.foot_w, 13), 13, T.MUTED), self.foot_rect().topleft)

    def draw_head(self, surf) -> None:
        f, d = self.app.fonts, self.view
        colour = OUTCOME_COLOUR.get(d.outcome, T.MUTED)
        r = self.head
        badge = f.render(d.outcome_word, 15, T.BG, True)
        box = badge.get_rect(topleft=(r.x, r.y + self.px(6))).inflate(16, 6)
        box.topleft = (r.x, r.y + self.px(4))
        pygame.draw.rect(surf, colour, box, border_radius=6)
        surf.blit(badge, badge.get_rect(center=box.center))
        score = f.render(f"Score {d.score:.1f}", 26, T.TEXT, True)
        surf.blit(score, score.get_rect(topright=(r.right, r.y)))
        title_w = r.w - box.w - score.get_width() - self.px(40)
        surf.blit(f.render(f.fit(d.ending_title, title_w, 26, True), 26, T.TEXT, True), (box.right + 14, r.y))
        text_r = pygame.Rect(r.x, r.y + f.line_height(26, True) + 2, r.w, 2 * f.line_height(14))
        draw.text_block(surf, text_r, f, d.ending_line, 14, T.MUTED)

    def draw_charts(self, surf, inner: pygame.Rect) -> None:
        f, d = self.app.fonts, self.view
        charts = d.charts
        gap = self.px(10)
        ch = (inner.h - gap * (len(charts) - 1)) // max(1, len(charts))
        for i, group in enumerate(charts):
            series = [(s.title, list(s.values), T.metric_colour(s.index), T.metric_shape(s.index),
                       T.metric_dash(s.index))
                      for s in group.series]
            r = pygame.Rect(inner.x, inner.y + i * (ch + gap), inner.w, ch)
            draw.chart(surf, r, f, series, d.turns, group.lo, group.hi, list(d.phase_marks), tick=group.tick)

    def mix_layout(self, inner: pygame.Rect, surf=None) -> int:
        """Lay out (and with `surf`, draw) the score parts and each phase's mix; the y where they end."""
        f, d = self.app.fonts, self.view
        y = inner.y
        lh = f.line_height(13)
        drawn: list[list[dict]] = []  # each phase's bar as drawn (draw.split_bar), for the probe
        for part in d.score_parts:
            if surf is not None:
                surf.blit(f.render(f.fit(part.short_title, inner.w - self.px(70), 13), 13, T.TEXT), (inner.x, y))
                val = f.render(f"{part.points:+.1f}", 13, T.TEXT, True)
                surf.blit(val, (inner.right - val.get_width(), y))
            y += lh
        y += self.px(10)
        for pm in d.mix:
            if y + 3 * lh > inner.bottom:
                break
            if surf is not None:
                surf.blit(f.render(f.fit(pm.title, inner.w, 14, True), 14, T.TEXT, True), (inner.x, y))
            y += f.line_height(14, True)
            bar = pygame.Rect(inner.x, y, inner.w, max(14, lh))
            if surf is not None:
                drawn.append(draw.split_bar(surf, bar, f, [
                    (f"{words.CATEGORY_LETTER[k]} {getattr(pm, k)}", getattr(pm, k), T.CATEGORY_COLOUR[k])
                    for k in CATEGORIES]))
            y = bar.bottom + 3
            for text, colour in ((pm.counts_text, T.TEXT), (pm.short, T.MUTED)):
                room = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
                if surf is not None:
                    y += draw.text_block(surf, room, f, text, 12, colour)
                else:
                    y += f.line_height(12) * min(len(f.wrap(text, inner.w, 12)), max(0, room.h // f.line_height(12)))
            y += self.px(8)
        if surf is not None:
            self.mix_drawn = drawn
        return y

    def mix_fits_scale(self) -> bool:
        """Whether how the score is counted fits whole under the mix (then it is said there, not in the notes)."""
        f = self.app.fonts
        inner = draw.panel_inner(self.mix, f, C.DEBRIEF_MIX_PANEL)
        y = self.mix_layout(inner)
        return len(f.wrap(self.view.score_scale, inner.w, 12)) * f.line_height(12) <= inner.bottom - y - self.px(4)

    def draw_mix(self, surf, inner: pygame.Rect) -> None:
        f, d = self.app.fonts, self.view
        y = self.mix_layout(inner, surf)
        if self.scale_in_mix:  # said once: here when it fits whole, else in the notes
            draw.text_block(surf, pygame.Rect(inner.x, y + self.px(4), inner.w, inner.bottom - y), f, d.score_scale,
                            12, T.MUTED)

    def probe_extra(self) -> dict:
        """Where each phase's mix bar put its shares, for the window tests (they check the pixels there)."""
        return {**super().probe_extra(), "mix_bars": getattr(self, "mix_drawn", [])}

    def back(self) -> None:
        pass

    def pilot_target(self, pilot):
        return "done" if self.view is not None else None
