"""Load a saved game: the autosave and the games saved from the debrief, newest first."""

from __future__ import annotations

import time
from pathlib import Path

from ... import saves
from ...userdata import autosave_path, data_dir
from .. import theme as T
from ..scene import Scene


def save_files() -> list[Path]:
    found = [autosave_path()] if autosave_path().exists() else []
    folder = data_dir() / "saves"
    if folder.is_dir():
        found += sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    return found


class LoadScene(Scene):
    name = "load"

    def build(self) -> None:
        w, h = self.app.size
        bw, bh, gap = min(w - self.px(80), self.px(720)), self.px(44), self.px(10)
        x = (w - bw) // 2
        y = self.px(90)
        self.error = getattr(self, "error", None)
        room = (h - y - bh - self.px(40)) // (bh + gap)
        self.files = save_files()[:max(1, room)]
        for p in self.files:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(p.stat().st_mtime))
            label = f"{'Autosave' if p == autosave_path() else p.stem}   ({when})"
            self.button((x, y, bw, bh), label, lambda p=p: self.open(p), object_id="@list_item", tooltip=str(p))
            y += bh + gap
        self.button(((w - self.px(200)) // 2, h - bh - self.px(24), self.px(200), bh), "Back", self.app.pop,
                    object_id="@primary")

    def open(self, path: Path) -> None:
        try:
            session = saves.load(path)
        except saves.SaveError as exc:
            self.error = str(exc)
            return
        self.app.start(session)

    def draw(self, surf) -> None:
        f = self.app.fonts
        title = f.render("Load a saved game", 28, T.TEXT, True)
        surf.blit(title, title.get_rect(midtop=(self.app.size[0] // 2, self.px(24))))
        msg = self.error or ("" if self.files else "No saved games yet.")
        if msg:
            img = f.render(f.fit(msg, self.app.size[0] - 40, 14), 14, T.ORANGE)
            surf.blit(img, img.get_rect(midtop=(self.app.size[0] // 2, self.px(64))))

    def back(self) -> None:
        self.app.pop()
