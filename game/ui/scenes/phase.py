"""The phase-change screen: what changes, why it matters, and how strong each kind of action is now."""

from __future__ import annotations


import pygame
from pygame_gui.elements import UIImage

from ...views import controls as C
from ...views.phase import OUTLINE_NOTE, PhaseChange
from .. import theme as T
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect, prose_html


def weights_image(fonts: T.Fonts, size: tuple[int, int], pc: PhaseChange) -> pygame.Surface:
    """Bars per kind of action: the old strength as an outline, the new one filled, values written."""
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    row = h // 3
    label_w = fonts.font(15, True).size("M  Management")[0] + 12
    val_w = fonts.font(14, True).size("1.5x  (was 1.5x)")[0] + 12
    bar_w = max(40, min(w - label_w - val_w, int(w * 0.5)))
    top = 5.0 if max(k.now for k in pc.weights) > 2.5 else 2.5
    for i, k in enumerate(pc.weights):
        y = i * row
        colour = T.CATEGORY_COLOUR[k.category]
        surf.blit(fonts.render(f"{k.letter}  {k.title}", 15, T.TEXT, True), (0, y + row // 4))
        bar_h = max(10, row // 2)
        pygame.draw.rect(surf, colour, (label_w, y + row // 4, int(bar_w * k.now / top), bar_h), border_radius=4)
        if k.before is not None:
            old = int(bar_w * k.before / top)
            pygame.draw.rect(surf, T.TEXT, (label_w, y + row // 4 - 3, old, bar_h + 6), 2, border_radius=4)
        text = C.weight_figure(k.now, k.before)
        surf.blit(fonts.render(text, 14, T.TEXT, True), (label_w + bar_w + 10, y + row // 4))
    return surf


class PhaseScene(Scene):
    name = "phase"
    modal = True

    def __init__(self, app, phase: PhaseChange | None = None):
        """`phase`: the views' PhaseChange to announce (default: the current phase)."""
        super().__init__(app)
        from ...views.phase import phase_change

        self.phase = phase if phase is not None else phase_change(app.session)

    def build(self) -> None:
        rect, inner = dialog_rect(self, self.px(780), self.px(520))
        self.dialog(rect)
        bh = self.px(46)
        img_h = min(self.px(130), inner.h // 3)
        pc = self.phase
        text = (f"<font size=5><b>{plain(pc.heading)}</b></font><br><br>"
                f"{prose_html(pc.text)}<br><br><b>{plain(pc.lean)}</b> " + (OUTLINE_NOTE if pc.compared else ""))
        text_h = inner.h - img_h - bh - self.px(20)
        self.textbox((inner.x, inner.y, inner.w, text_h), text)
        img_rect = pygame.Rect(inner.x + self.px(6), inner.y + text_h + self.px(6), inner.w - self.px(12), img_h)
        image = UIImage(img_rect, weights_image(self.app.fonts, img_rect.size, pc), self.app.manager,
                        starting_height=self.layer + 1)
        self.widgets.append(image)
        self.button((inner.right - self.px(200), inner.bottom - bh, self.px(200), bh), C.CONTINUE.caption, self.app.pop,
                    object_id="@primary")

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.focusables[0]
