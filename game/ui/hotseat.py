"""The hot seat's app: the facilitator's keys (P pause, R reveal, N next, S standings) work on every
screen, before any scene sees them, and all teams are autosaved together.

The teams, their order and their saving are the core's (`game/hotseat.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pygame

from ..hotseat import HotSeat, save, save_path
from ..views.saves import hotseat_not_saved
from .app import App


class HotseatApp(App):
    """The app with a hot seat: the facilitator's keys work on every screen, and all teams are autosaved."""


    def __init__(self, hotseat: HotSeat, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hotseat = hotseat
        self.save_file: Path | None = None  # where all teams are autosaved (default: the hot seat's own file)

    def begin(self) -> None:
        from .scenes.hotseat import FinalScene, HandoverScene

        self.reset(FinalScene(self) if self.hotseat.finished else HandoverScene(self))

    def autosave(self) -> None:
        if any(t.session.turn for t in self.hotseat.teams):
            try:
                save(self.hotseat, self.save_file)
            except OSError as exc:  # a full or read-only disk must not end the room's games
                print(hotseat_not_saved(self.save_file or save_path(self.hotseat), exc.strerror or exc),
                      file=sys.stderr)

    def dispatch(self, event) -> None:
        if event.type == pygame.KEYDOWN and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            if self.facilitator_key(event.key):
                self.show_focus = True
                return
        super().dispatch(event)

    def facilitator_key(self, key: int) -> bool:
        from .scenes import hotseat as scenes

        top = self.top
        if key == pygame.K_p:
            self.pop() if isinstance(top, scenes.PauseScene) else self.push(scenes.PauseScene(self))
            return True
        if isinstance(top, scenes.PauseScene):
            return key in (pygame.K_r, pygame.K_n, pygame.K_s)  # paused: the other keys wait
        if key == pygame.K_r:
            self.pop() if isinstance(top, scenes.RevealScene) else self.push(scenes.RevealScene(self))
            return True
        if key == pygame.K_s:
            if isinstance(top, scenes.StandingsScene):
                self.pop()
            elif not isinstance(top, (scenes.HandoverScene, scenes.FinalScene)):
                self.push(scenes.StandingsScene(self))
            return True
        if key == pygame.K_n:
            scenes.advance(self)
            return True
        return False
