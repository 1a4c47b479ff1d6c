"""The pause and help overlay: how to play, the keyboard shortcuts, and a way out that saves."""

from __future__ import annotations

from .. import timer
from ..scene import Scene
from .dialog import dialog_rect

HELP_HTML = (
    "<font size=5><b>How to play</b></font><br>"
    "Each turn, answer the event if there is one, pick up to your action points' worth of cards, "
    "then end the turn. The report tells you what changed and why.<br>"
    "<b>L Leadership</b> cards move people: morale, trust, ownership, growth. "
    "<b>M Management</b> cards move execution: efficiency, cost, predictability. "
    "<b>D Development</b> cards make you better at both, later. Which kind pays more depends on the phase.<br><br>"
    "<b>Keys</b><br>"
    "Arrows or Tab: move between buttons and cards<br>"
    "Enter or Space: press the highlighted button<br>"
    "1 to 9, 0, then Z X C V B: pick or drop a card (its key is on the card)<br>"
    "1 to 9 in an event: choose an answer<br>"
    "E: end the turn<br>"
    "U: take back the last turn to try another decision (practice; not in workshops)<br>"
    "Esc: this menu, or back<br>"
    "F1 or ?: this help<br><br>"
    "Hover a card to see what it does. The game is saved after every turn."
)


class HelpScene(Scene):
    name = "help"
    modal = True

    def build(self) -> None:
        in_game = self.app.session is not None and not self.app.session.done
        hotseat = getattr(self.app, "hotseat", None) is not None  # the hot seat has no title screen to go to
        rect, inner = dialog_rect(self, self.px(820), self.px(620))
        self.dialog(rect)
        bh, gap = self.px(44), self.px(10)
        extra = timer.help_note(self.app) + getattr(self.app, "help_extra", "")
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - gap), HELP_HTML + extra)
        items = [("Resume", self.app.pop), ("Settings", self.settings)]
        if in_game and not hotseat:
            items.append(("Save and go to title", self.to_title))
        items.append(("Quit", self.app.quit))
        bw = (inner.w - gap * (len(items) - 1)) // len(items)
        for i, (text, cb) in enumerate(items):
            self.button((inner.x + i * (bw + gap), inner.bottom - bh, bw, bh), text, cb,
                        object_id="@primary" if i == 0 else None)

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def to_title(self) -> None:
        from .title import TitleScene

        self.app.save_before_leaving()
        self.app.session = None
        self.app.reset(TitleScene(self.app))

    def pilot_target(self, pilot):
        import pygame

        return pygame.K_ESCAPE
