"""The pause and help overlay: how to play, the keyboard shortcuts, and a way out that saves."""

from __future__ import annotations

from ...views import controls as C
from ...views.help import Help, help_view
from .. import timer
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect


def help_html(h: Help) -> str:
    """The views' Help in pygame_gui's HTML subset: marked spans in bold, keys as a list."""
    parts = [f"<font size=5><b>{plain(h.title)}</b></font><br>"]
    for paragraph in h.paragraphs:
        parts.append("".join(f"<b>{plain(s.text)}</b>" if s.mark else plain(s.text) for s in paragraph) + "<br>")
    for keys in h.keys:
        parts.append(f"<br><b>{plain(keys.heading)}</b><br>")
        parts.extend(f"{plain(key)}: {plain(what)}<br>" for key, what in keys.rows)
        if keys.note:
            parts.append(f"<br>{plain(keys.note)}<br>")
    if h.clock:
        head, _, rest = h.clock.partition(": ")
        parts.append(f"<br><b>{plain(head)}:</b> {plain(rest)}")
    return "".join(parts)


class HelpScene(Scene):
    name = "help"
    modal = True

    def build(self) -> None:
        in_game = self.app.session is not None and not self.app.session.done
        hotseat = getattr(self.app, "hotseat", None) is not None  # the hot seat has no title screen to go to
        rect, inner = dialog_rect(self, self.px(820), self.px(620))
        self.dialog(rect)
        bh, gap = self.px(44), self.px(10)
        session = getattr(self.app, "session", None)
        h = help_view("window", timer.seconds_for(self.app), hotseat, session.scenario if session else None)
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - gap), help_html(h))
        items = [(C.RESUME.caption, self.app.pop), (C.SETTINGS.caption, self.settings)]
        if in_game and not hotseat:
            items.append((C.SAVE_TO_TITLE.caption, self.to_title))
        items.append((C.QUIT.caption, self.app.quit))
        bw = (inner.w - gap * (len(items) - 1)) // len(items)
        for i, (text, cb) in enumerate(items):
            self.button((inner.x + i * (bw + gap), inner.bottom - bh, bw, bh), text, cb,
                        object_id="@primary" if i == 0 else None)

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def to_title(self) -> None:
        from .title import TitleScene

        self.app.save_and_leave_game()
        self.app.session = None
        self.app.reset(TitleScene(self.app))

    def pilot_target(self, pilot):
        import pygame

        return pygame.K_ESCAPE
