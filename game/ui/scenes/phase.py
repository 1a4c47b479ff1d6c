"""The phase-change screen: what changes, why it matters, and how strong each kind of action is now."""

from __future__ import annotations


import pygame
from pygame_gui.elements import UIImage

from ...session import CATEGORIES
from .. import theme as T
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect, prose_html


def weights_image(fonts: T.Fonts, size: tuple[int, int], before, after) -> pygame.Surface:
    """Bars per kind of action: the old strength as an outline, the new one filled, values written."""
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    row = h // 3
    label_w = fonts.font(15, True).size("M  Management")[0] + 12
    val_w = fonts.font(14, True).size("1.5x  (was 1.5x)")[0] + 12
    bar_w = max(40, min(w - label_w - val_w, int(w * 0.5)))
    top = 5.0 if max(getattr(after, c) for c in CATEGORIES) > 2.5 else 2.5
    for i, cat in enumerate(CATEGORIES):
        y = i * row
        colour = T.CATEGORY_COLOUR[cat]
        surf.blit(fonts.render(f"{T.CATEGORY_MARK[cat]}  {cat.capitalize()}", 15, T.TEXT, True), (0, y + row // 4))
        bar_h = max(10, row // 2)
        new = int(bar_w * getattr(after, cat) / top)
        pygame.draw.rect(surf, colour, (label_w, y + row // 4, new, bar_h), border_radius=4)
        if before is not None:
            old = int(bar_w * getattr(before, cat) / top)
            pygame.draw.rect(surf, T.TEXT, (label_w, y + row // 4 - 3, old, bar_h + 6), 2, border_radius=4)
        text = f"{getattr(after, cat):.1f}x" + (f"  (was {getattr(before, cat):.1f}x)" if before is not None else "")
        surf.blit(fonts.render(text, 14, T.TEXT, True), (label_w + bar_w + 10, y + row // 4))
    return surf


class PhaseScene(Scene):
    name = "phase"
    modal = True

    def __init__(self, app, first: bool = False):
        super().__init__(app)
        self.first = first
        s = app.session
        self.spec = s.phase_spec
        k = s.rules.phases.index(s.phase)
        self.before = s.scenario.phases[k - 1].weights if k > 0 and not first else None

    def build(self) -> None:
        rect, inner = dialog_rect(self, self.px(780), self.px(520))
        self.dialog(rect)
        bh = self.px(46)
        img_h = min(self.px(130), inner.h // 3)
        head = "The first phase" if self.first else "A new phase begins"
        w = self.spec.weights
        lean = ("Leadership actions pay more here." if w.leadership > w.management else
                "Management actions pay more here." if w.management > w.leadership else
                "Leadership and management pay the same here.")
        text = (f"<font size=5><b>{head}: {plain(self.spec.title)}</b></font><br><br>"
                f"{prose_html(self.spec.text)}<br><br><b>{lean}</b> "
                + ("The outline shows how strong each kind was before." if self.before is not None else ""))
        text_h = inner.h - img_h - bh - self.px(20)
        self.textbox((inner.x, inner.y, inner.w, text_h), text)
        img_rect = pygame.Rect(inner.x + self.px(6), inner.y + text_h + self.px(6), inner.w - self.px(12), img_h)
        image = UIImage(img_rect, weights_image(self.app.fonts, img_rect.size, self.before, w), self.app.manager,
                        starting_height=self.layer + 1)
        self.widgets.append(image)
        self.button((inner.right - self.px(200), inner.bottom - bh, self.px(200), bh), "Continue", self.app.pop,
                    object_id="@primary")

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.focusables[0]
