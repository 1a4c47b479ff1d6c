"""Ending a turn with action points left: asked once per turn, so a stray E or click costs nothing.

Unspent points are lost at the end of a turn. A first-time player who presses
E to see what happens, or clicks End turn before picking, would otherwise lose
a whole turn; the question comes once per turn and can be switched off here
or in Settings.
"""

from __future__ import annotations

import pygame

from ...views import controls as C
from ...views import lines
from .. import settings as settings_mod
from ..scene import Scene
from .dialog import dialog_rect


class ConfirmEndScene(Scene):
    name = "confirm"
    modal = True

    def __init__(self, app, dashboard, points_left: int):
        super().__init__(app)
        self.dashboard = dashboard
        self.points_left = points_left

    def build(self) -> None:
        total = self.app.session.rules.action_points
        n = self.points_left
        text = (f"<font size=5><b>{lines.END_TURN_QUESTION}</b></font><br><br>{lines.unspent(n, total)} "
                f"{lines.UNSPENT_LOST}<br><br><i>{lines.END_TURN_KEYS}</i>")
        bh, gap = self.px(46), self.px(12)
        rect, inner = dialog_rect(self, self.px(640), self.px(320))
        self.dialog(rect)
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - gap), text)
        bw = (inner.w - 2 * gap) // 3
        y = inner.bottom - bh
        self.keep = self.button((inner.x, y, bw, bh), C.KEEP_CHOOSING.caption, self.app.pop, object_id="@primary")
        self.end = self.button((inner.x + bw + gap, y, bw, bh), C.END_NOW.caption, self.confirm)
        self.never = self.button((inner.x + 2 * (bw + gap), y, bw, bh), C.END_NEVER_ASK.caption, self.never_ask,
                                 tooltip=C.END_NEVER_ASK.tip)

    def default_focus(self) -> int | None:
        return 0

    def confirm(self) -> None:
        self.app.pop()
        self.dashboard.end_turn()

    def never_ask(self) -> None:
        self.app.settings.confirm_end_turn = False
        try:
            settings_mod.save(self.app.settings)
        except OSError:
            pass
        self.confirm()

    def on_key(self, event) -> bool:
        if event.key == pygame.K_e:
            self.confirm()
            return True
        return super().on_key(event)

    def pilot_target(self, pilot):
        return self.end
