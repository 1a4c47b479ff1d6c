"""Autoplay: a bot plays the real UI by posting real input events to the real widgets.

The bot's wishes come from game.autoplay.bot_decision; the pilot only turns
them into clicks (or key presses) and waits for the UI to react, so a game
played this way goes through exactly the code paths a person's game does.
It also saves a screenshot of each distinct screen it passes.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ..autoplay import bot_decision
from ..session import Decision, Session

MAX_INPUTS = 20_000


class Pilot:
    def __init__(self, policy: str, scenario: str | None = None, shots: Path | None = None,
                 mode: str = "mouse", prefix: str = ""):
        if mode not in ("mouse", "keyboard"):
            raise ValueError(f"unknown input mode '{mode}'")
        self.policy = policy
        self.scenario = scenario
        self.shots = Path(shots) if shots else None
        self.mode = mode
        self.prefix = prefix
        self.seen: set[str] = set()
        self.saved: list[Path] = []
        self.inputs = 0
        self.finished = False
        self._last = None
        self._settle = 0
        self._wanted: tuple | None = None

    def wanted(self, session: Session) -> Decision:
        """The bot's decision for this turn, computed once per turn."""
        key = (id(session), session.turn)
        if self._wanted is None or self._wanted[0] != key:
            self._wanted = (key, bot_decision(session, self.policy))
        return self._wanted[1]

    def after_frame(self, app) -> None:
        """Called once per frame, after drawing: take a screenshot, then give the next input."""
        if pygame.event.peek() or app.top is None:
            return
        top = app.top
        if top is not self._last:  # a new screen: let it draw once more before acting
            self._last, self._settle = top, 1
            return
        if self._settle:
            self._settle -= 1
            return
        self.shoot(app, top)
        target = top.pilot_target(self)
        if target is None:
            return
        if target == "done":
            self.finished = True
            app.running = False
            return
        self.inputs += 1
        if self.inputs > MAX_INPUTS:
            raise RuntimeError("autoplay is stuck: too many inputs without finishing the game")
        if isinstance(target, int):
            press_key(target)
        elif self.mode == "mouse":
            click(target)
        else:
            self.keyboard_to(top, target)

    def shoot(self, app, top) -> None:
        namer = getattr(top, "shot_name", None)
        name = namer(self) if namer else top.name
        if name is None or name in self.seen:
            return
        self.seen.add(name)
        if self.shots is not None:
            path = self.shots / f"{self.prefix}{len(self.saved) + 1:02d}-{name}.png"
            app.screenshot(path)
            self.saved.append(path)

    def keyboard_to(self, scene, widget) -> None:
        """Move the keyboard focus to the widget with Tab, then press Enter."""
        if scene.focused_widget() is widget:
            press_key(pygame.K_RETURN)
        else:
            press_key(pygame.K_TAB)


_pointer = [(0, 0)]  # where the pilot's last click put the pointer


def click(widget) -> None:
    """A left click at the widget's centre, as the OS would deliver it: the motion there carries how far
    the pointer went (the app takes a motion of 0, 0 for no motion: app.dispatch)."""
    pos = widget.rect.center
    rel = (pos[0] - _pointer[0][0], pos[1] - _pointer[0][1])
    _pointer[0] = pos
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=rel, buttons=(0, 0, 0), touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))


def press_key(key: int, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0))
