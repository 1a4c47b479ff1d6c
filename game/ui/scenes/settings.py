"""Settings: window size, text size (large for projectors) and sound; applied at once and remembered."""

from __future__ import annotations

import pygame

from ...views import controls as C
from .. import settings as settings_mod
from .. import theme as T
from ..scene import Scene


class SettingsScene(Scene):
    name = "settings"

    def gx(self, n: float) -> int:
        """Sizes and places for the largest text: changing the text size then moves no button, so the
        pointer that chose 'Large' is still on it, and Back stays where it was."""
        largest = max(settings_mod.TEXT_SIZES, key=lambda t: T.TEXT_SCALES[t])
        return T.px(T.ui_scale(self.app.size, largest), n)

    def build(self) -> None:
        w, h = self.app.size
        st = self.app.settings
        bw, bh, gap = self.gx(200), self.gx(44), self.gx(12)
        total_w = 3 * bw + 2 * gap
        x0 = (w - total_w) // 2
        lh = self.gx(16 * 1.4) + self.gx(6)  # a 16-point bold line at the largest text, and a little air
        y = int(h * 0.2)
        self.rows = []
        current = self.app.window.get_size()
        groups = [(C.WINDOW_SIZE, [(C.window_size_caption((a, b)), (a, b) == current, lambda s=(a, b): self.set_size(s))
                                   for a, b in settings_mod.SIZES]),
                  (C.TEXT_SIZE, [(C.text_size_caption(t), st.text_size == t, lambda t=t: self.set_text(t))
                                 for t in settings_mod.TEXT_SIZES]),
                  (C.SOUND, [(C.SOUND_ON.caption, st.sound, lambda: self.set_sound(True)),
                             (C.SOUND_OFF.caption, not st.sound, lambda: self.set_sound(False))]),
                  (C.CONFIRM_END, [
                      (C.ASK_FIRST.caption, st.confirm_end_turn, lambda: self.set_confirm(True)),
                      (C.DONT_ASK.caption, not st.confirm_end_turn, lambda: self.set_confirm(False))])]
        for title, options in groups:
            self.rows.append((title, y))
            y += lh
            rects = [((x0 + i * (bw + gap), y, bw, bh), text) for i, (text, _, _) in enumerate(options)]
            radio = self.options_fit(rects)
            for (rect, text), (_, on, cb) in zip(rects, options):
                self.button(rect, text, cb, option=bool(on), radio=radio)
            y += bh + 2 * gap
        self.back_button = self.button(((w - bw) // 2, min(y + gap, h - bh - self.gx(20)), bw, bh), C.BACK.caption,
                                       self.app.pop, object_id="@primary")
        self.x0 = x0

    def default_focus(self) -> int | None:
        """Enter leaves by the filled button (Back) until the arrows move to an option."""
        return self.focusables.index(self.back_button)

    def set_size(self, size) -> None:
        self.app.settings.width, self.app.settings.height = size
        self._save()
        self.app.resize(size, set_mode=True)

    def set_text(self, text_size: str) -> None:
        self.app.settings.text_size = text_size
        self._save()
        self.app.resize(self.app.window.get_size())

    def set_sound(self, on: bool) -> None:
        self.app.settings.sound = on
        self.app.sound.enabled = on
        self._save()
        self.rebuild()

    def set_confirm(self, on: bool) -> None:
        self.app.settings.confirm_end_turn = on
        self._save()
        self.rebuild()

    def _save(self) -> None:
        try:
            settings_mod.save(self.app.settings)
        except OSError:
            pass  # settings are a comfort; failing to store them must not stop the game

    def draw(self, surf) -> None:
        f = self.app.fonts
        title = f.render(C.SETTINGS_HEADING, 28, T.TEXT, True)
        surf.blit(title, title.get_rect(midtop=(self.app.size[0] // 2, self.gx(24))))
        for text, y in self.rows:
            surf.blit(f.render(text, 16, T.MUTED, True), (self.x0, y))

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.back_button
