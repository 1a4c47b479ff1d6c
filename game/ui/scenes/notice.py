"""A note for the player before a screen goes on: one paragraph and a Continue button.

Used when a new game moves the game that was in the autosave aside: said over the new game's start
(its first screen), before the player has done anything in it, so it cannot read as news about it.
"""

from __future__ import annotations

from ...views import controls as C
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect


class NoticeScene(Scene):
    name = "notice"
    modal = True

    def __init__(self, app, text: str):
        super().__init__(app)
        self.text = text

    def build(self) -> None:
        bh, gap = self.px(46), self.px(12)
        rect, inner = dialog_rect(self, self.px(640), self.px(240))
        self.dialog(rect)
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - gap), plain(self.text))
        self.ok = self.button((inner.right - self.px(220), inner.bottom - bh, self.px(220), bh), C.CONTINUE.caption,
                              self.app.pop, object_id="@primary")

    def default_focus(self) -> int | None:
        return 0

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.ok
