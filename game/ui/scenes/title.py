"""The title screen: new game, continue the latest unfinished game, load, settings, quit.

Continue resumes the most recently saved unfinished game wherever it is (the
autosave, a named save, the file of a game kept aside), never one that another
running Leadsim is playing. With `leadsim play SCENARIO` it resumes only a game
of that scenario: Enter must not open a different one. The highlighted button
is the one Enter presses.
"""

from __future__ import annotations

import pygame

from ... import saves
from ...scenario.loader import load
from ...scenario.problems import ScenarioError
from ...userdata import autosave_path
from ...views import controls as C
from ...views.saves import continue_label, continue_tip, elsewhere
from .. import draw
from .. import theme as T
from ..scene import Scene


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        w, h = self.app.size
        bw, bh, gap = self.px(400), self.px(46), self.px(12)
        x = (w - bw) // 2
        y = int(h * 0.40)
        info = self.continue_info()
        self._continue_tip = continue_tip(info, self.wanted_title())
        items = [(C.NEW_GAME.caption, self.new_game, True, C.NEW_GAME.tip),
                 (continue_label(info), self.continue_game, info is not None, self._continue_tip),
                 (C.LOAD_GAME.caption, self.load_game, True, C.LOAD_GAME.tip),
                 (C.SETTINGS.caption, self.settings, True, C.SETTINGS.tip),
                 (C.QUIT.caption, self.app.quit, True, C.QUIT.tip)]
        first = self.default_focus()
        for i, (text, cb, ok, tip) in enumerate(items):
            label = self.app.fonts.fit(text, bw - self.px(16), 16, True) if i == 1 else text
            self.button((x, y + i * (bh + gap), bw, bh), label, cb, object_id="@primary" if i == first else None,
                        tooltip=tip, enabled=ok)
        self.menu_bottom = y + len(items) * (bh + gap)

    def wanted(self):
        """The scenario the player named on the command line (leadsim play NAME), loaded once; else None."""
        name = self.app.pending_scenario
        if not name:
            return None
        cache = getattr(self.app, "_wanted_scenario", None)
        if cache is None or cache[0] != name:
            try:
                cache = (name, load(name).scenario)
            except ScenarioError:
                cache = (name, None)
            self.app._wanted_scenario = cache
        return cache[1]

    def wanted_title(self) -> str | None:
        sc = self.wanted()
        return sc.title if sc is not None else None

    def continue_info(self) -> saves.SaveInfo | None:
        """The game Continue resumes: the latest resumable one (of the scenario asked for, if any)."""
        if getattr(self, "_listed", None) is None:  # read the files once per visit, not at every rebuild
            self._listed = saves.list_saves(autosave=self.app.save_path or autosave_path())
        wanted = self.wanted()
        if self.app.pending_scenario and wanted is None:
            self._continue = None
        else:
            self._continue = saves.find_unfinished(wanted.id if wanted is not None else None, self._listed)
        other = saves.find_unfinished(None, self._listed) if self._continue is None and wanted else None
        self._elsewhere = elsewhere(other)
        return self._continue

    def new_game(self) -> None:
        from .picker import PickerScene

        self.app.push(PickerScene(self.app))

    def continue_game(self) -> None:
        info = self._continue
        try:
            session = saves.load(info.path)
        except saves.SaveError as exc:  # changed on disk since the title was drawn
            self.app.title_note = str(exc)
            self._listed = None
            self.rebuild()
            return
        self.app.title_note = None
        self.app.start(session, info.path)

    def load_game(self) -> None:
        from .load import LoadScene

        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def draw(self, surf: pygame.Surface) -> None:
        w, h = self.app.size
        f = self.app.fonts
        title = f.render(C.GAME_NAME, 64, T.TEXT, True)
        surf.blit(title, title.get_rect(midbottom=(w // 2, int(h * 0.22))))
        sub = f.render(C.TAGLINE, 20, T.MUTED)
        surf.blit(sub, sub.get_rect(midtop=(w // 2, int(h * 0.22) + self.px(6))))
        band = pygame.Rect(0, 0, min(w - 40, self.px(420)), self.px(34))
        band.midtop = (w // 2, int(h * 0.22) + self.px(44))
        if band.bottom < int(h * 0.40) - 4:
            draw.team(surf, band, f, 12, 70)
        note = self.app.title_note or getattr(self, "_elsewhere", None)
        if note:
            img = f.render(f.fit(note, w - self.px(40), 14), 14, T.MUTED)
            surf.blit(img, img.get_rect(midtop=(w // 2, self.menu_bottom + self.px(4))))
        foot = f.render(C.TITLE_KEYS, 13, T.FAINT)
        surf.blit(foot, foot.get_rect(midbottom=(w // 2, h - self.px(12))))

    def regions(self):
        w, h = self.app.size
        return [("title", pygame.Rect(0, 0, w, int(h * 0.22)))]

    def back(self) -> None:
        pass

    def default_focus(self) -> int | None:
        """Enter continues a game in progress when there is one, otherwise starts a new game."""
        return 1 if getattr(self, "_continue", None) is not None else 0

    def pilot_target(self, pilot):
        if "settings" not in pilot.seen:
            return self.focusables[3]
        return self.focusables[0]
