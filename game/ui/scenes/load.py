"""Load a saved game: the autosave and every save in the saves folder, newest first, each with its
scenario, how far it got and when it was saved (words from views/saves.py)."""

from __future__ import annotations

from pathlib import Path

import pygame

from ... import saves
from ...userdata import autosave_path
from ...views import controls as C
from ...views.saves import folder_line, save_lines, save_tip
from .. import theme as T
from ..scene import Scene


def save_files() -> list[Path]:
    """The files Load lists, newest first."""
    return [i.path for i in saves.list_saves()]


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.error: str | None = None
        self.infos = saves.list_saves(autosave=app.save_path or autosave_path())

    def build(self) -> None:
        w, h = self.app.size
        bw, bh, gap = min(w - self.px(80), self.px(820)), self.px(44), self.px(10)
        x = (w - bw) // 2
        y = self.px(90)
        self.per_page = max(1, (h - y - bh - self.px(70)) // (bh + gap))  # room for the folder's line
        pages = max(1, -(-len(self.infos) // self.per_page))
        self.page = min(self.page, pages - 1)
        self.shown = self.infos[self.page * self.per_page:(self.page + 1) * self.per_page]
        first = next((i for i, info in enumerate(self.shown) if self.loadable(info)), None)
        self.rows = []
        for n, info in enumerate(self.shown):
            room, font = bw - self.px(20), self.app.fonts.font(16, True)
            label = self.app.fonts.fit(next((t for t in save_lines(info) if font.size(t)[0] <= room),
                                            save_lines(info)[-1]), room, 16, True)
            self.rows.append(self.button((x, y, bw, bh), label, lambda i=info: self.open(i), object_id="@list_item",
                                         tooltip=save_tip(info)))
            y += bh + gap
        by, sw = h - bh - self.px(24), self.px(200)
        if pages > 1:
            self.button((x, by, sw, bh), C.NEWER_SAVES.caption, lambda: self.turn_page(-1), enabled=self.page > 0)
            self.button((x + bw - sw, by, sw, bh), C.OLDER_SAVES.caption, lambda: self.turn_page(1),
                        enabled=self.page < pages - 1)
        self.back_button = self.button(((w - sw) // 2, by, sw, bh), C.BACK.caption, self.app.pop,
                                       object_id="@primary" if first is None else None)
        self.pages = pages

    def default_focus(self) -> int | None:
        """Enter opens the newest save that can be loaded (Back when there is none)."""
        for i, info in enumerate(self.shown):
            if self.loadable(info):
                return i
        return self.focusables.index(self.back_button)

    def update(self, dt: float) -> None:
        """The highlighted row is the one Enter opens: it follows the focus, and none is highlighted while
        the focus is on a button below the list (the row stayed filled while Enter pressed Back)."""
        want = self.focused_widget()
        for b in getattr(self, "rows", []):
            if b is want and not b.is_selected:
                b.select()
            elif b is not want and b.is_selected:
                b.unselect()

    @staticmethod
    def loadable(info: saves.SaveInfo) -> bool:
        return info.problem is None and not info.in_use

    def turn_page(self, step: int) -> None:
        self.page += step
        self.focus = None
        self.rebuild()

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            step = 1 if event.key == pygame.K_PAGEDOWN else -1
            if 0 <= self.page + step < self.pages:
                self.turn_page(step)
            return True
        return super().on_key(event)

    def open(self, info: saves.SaveInfo) -> None:
        if info.problem is not None or info.in_use:
            self.error = save_tip(info)
            return
        try:
            session = saves.load(info.path)
        except saves.SaveError as exc:
            self.error = str(exc)
            return
        self.app.title_note = None
        self.app.start(session, info.path)

    def draw(self, surf) -> None:
        f = self.app.fonts
        w = self.app.size[0]
        title = f.render(C.LOAD_HEADING, 28, T.TEXT, True)
        surf.blit(title, title.get_rect(midtop=(w // 2, self.px(24))))
        if self.error:
            msg, colour = self.error, T.ORANGE
        elif not self.infos:
            msg, colour = C.NO_SAVES, T.MUTED
        else:
            msg, colour = C.saves_count(len(self.infos), self.page, self.pages), T.MUTED
        img = f.render(f.fit(msg, w - 40, 14), 14, colour)
        surf.blit(img, img.get_rect(midtop=(w // 2, self.px(64))))
        # where the files are (a new player found the folder only in terminal messages): above the buttons
        where = f.render(f.fit(folder_line(saves.save_folder()), w - 40, 14), 14, T.MUTED)
        surf.blit(where, where.get_rect(midbottom=(w // 2, self.app.size[1] - self.px(44) - self.px(34))))

    def back(self) -> None:
        self.app.pop()
