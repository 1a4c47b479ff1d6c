"""The title screen: new game, continue the autosave, load, settings, quit."""

from __future__ import annotations

import pygame

from ... import saves
from ...userdata import autosave_path
from .. import draw
from .. import theme as T
from ..scene import Scene


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        w, h = self.app.size
        bw, bh, gap = self.px(340), self.px(46), self.px(12)
        x = (w - bw) // 2
        y = int(h * 0.40)
        info = self.continue_info()
        items = [("New game", self.new_game, True, "Choose a scenario and start a new game"),
                 ("Continue", self.continue_game, info is not None, info or "No game in progress to continue"),
                 ("Load a saved game", self.load_game, True, "Open a game you saved earlier"),
                 ("Settings", self.settings, True, "Window size, text size and sound"),
                 ("Quit", self.app.quit, True, None)]
        for i, (text, cb, ok, tip) in enumerate(items):
            self.button((x, y + i * (bh + gap), bw, bh), text, cb, object_id="@primary" if i == 0 else None,
                        tooltip=tip, enabled=ok)
        self.menu_bottom = y + len(items) * (bh + gap)

    def continue_info(self) -> str | None:
        """What Continue would resume, read from the autosave (None when there is nothing to resume)."""
        self._continue = None
        path = self.app.save_path or autosave_path()
        if not path.exists():
            return None
        try:
            session = saves.load(path)
        except saves.SaveError:
            return None
        if session.done:
            return None
        self._continue = session
        return f"{session.scenario.title}: turn {session.turn + 1} of {session.scenario.turns}"

    def new_game(self) -> None:
        from .picker import PickerScene

        self.app.push(PickerScene(self.app))

    def continue_game(self) -> None:
        session = saves.load(self.app.save_path or autosave_path())
        self.app.start(session)

    def load_game(self) -> None:
        from .load import LoadScene

        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def draw(self, surf: pygame.Surface) -> None:
        w, h = self.app.size
        f = self.app.fonts
        title = f.render("Leadsim", 64, T.TEXT, True)
        surf.blit(title, title.get_rect(midbottom=(w // 2, int(h * 0.22))))
        sub = f.render("Leadership or management? Learn when each one matters.", 20, T.MUTED)
        surf.blit(sub, sub.get_rect(midtop=(w // 2, int(h * 0.22) + self.px(6))))
        band = pygame.Rect(0, 0, min(w - 40, self.px(420)), self.px(34))
        band.midtop = (w // 2, int(h * 0.22) + self.px(44))
        if band.bottom < int(h * 0.40) - 4:
            draw.team(surf, band, f, 12, 70)
        foot = f.render("Arrows and Enter, or the mouse.  F1: help and keys", 13, T.FAINT)
        surf.blit(foot, foot.get_rect(midbottom=(w // 2, h - self.px(12))))

    def regions(self):
        w, h = self.app.size
        return [("title", pygame.Rect(0, 0, w, int(h * 0.22)))]

    def back(self) -> None:
        pass

    def default_focus(self) -> int | None:
        """Enter continues a game in progress when there is one, otherwise starts a new game."""
        return 1 if self._continue is not None else 0

    def pilot_target(self, pilot):
        if "settings" not in pilot.seen:
            return self.focusables[3]
        return self.focusables[0]
