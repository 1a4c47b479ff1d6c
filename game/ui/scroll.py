"""Text that does not fit: a text box whose scroll bar shows, scrolling by keys, and a "more below" cue.

pygame_gui's UITextBox makes its scroll bar one layer above the box's container,
not above the box: in a dialog (drawn on layer 11 and up) the bar ended up under
the dialog's panel, so long text was cut off with no sign that it scrolls. The
bar is lifted above its box here. A player who does not see (or cannot use) the
bar still gets a cue along the bottom of the box while there is more below, and
the keys Down/Up, Page Down/Page Up, Home and End scroll it.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from ..views.controls import MORE_BELOW
from . import draw
from . import theme as T

LINE_STEP = 0.12  # Down/Up scroll this share of what is visible; Page Down/Up nearly all of it
PAGE_STEP = 0.9
CUE = MORE_BELOW


class ScrollText(UITextBox):
    """A text box whose scroll bar (when the text needs one) is drawn above the box, where it can be seen."""

    def _build_scrollbar_for_oversized_text(self, *args) -> None:
        super()._build_scrollbar_for_oversized_text(*args)
        bar = self.scroll_bar
        if bar is None:
            return
        top = self.get_top_layer()
        bar.change_layer(top)
        if bar.button_container is not None:
            bar.button_container.change_layer(top)  # its arrows and slider go one above that


def bar_of(box: UITextBox):
    bar = getattr(box, "scroll_bar", None)
    return bar if bar is not None and box.alive() and box.visible else None


def can_scroll(box: UITextBox) -> bool:
    bar = bar_of(box)
    return bar is not None and bar.visible_percentage < 1.0


def more_below(box: UITextBox) -> bool:
    bar = bar_of(box)
    return bar is not None and bar.start_percentage + bar.visible_percentage < 0.999


def scroll_by(box: UITextBox, pages: float) -> bool:
    """Scroll by `pages` of what is visible (negative: up); True if the text moved."""
    bar = bar_of(box)
    if bar is None:
        return False
    before = bar.start_percentage
    end = 1.0 - bar.visible_percentage
    bar.set_scroll_from_start_percentage(max(0.0, min(end, before + pages * bar.visible_percentage)))
    return bar.start_percentage != before


KEY_PAGES = {pygame.K_DOWN: LINE_STEP, pygame.K_UP: -LINE_STEP, pygame.K_PAGEDOWN: PAGE_STEP,
             pygame.K_PAGEUP: -PAGE_STEP, pygame.K_END: 1e6, pygame.K_HOME: -1e6}


def cue_rect(box: UITextBox, fonts: T.Fonts) -> pygame.Rect:
    """Along the bottom of the box, left of its scroll bar."""
    bar = bar_of(box)
    right = bar.rect.x - 2 if bar is not None else box.rect.right
    h = fonts.line_height(13, True) + 4
    return pygame.Rect(box.rect.x, box.rect.bottom - h, right - box.rect.x, h)


def draw_cue(surf: pygame.Surface, box: UITextBox, fonts: T.Fonts, bg) -> pygame.Rect:
    """The "more below" cue over the last, half-cut line of the box: an arrow and what to press."""
    r = cue_rect(box, fonts)
    pygame.draw.rect(surf, bg, r)
    pygame.draw.line(surf, T.PANEL_EDGE, r.topleft, r.topright, 1)
    size = fonts.line_height(13, True) // 2
    draw.arrow(surf, (r.x + 6 + size // 2, r.centery), size, False, T.YELLOW)
    text = fonts.fit(CUE, r.w - size - 18, 13, True)
    img = fonts.render(text, 13, T.YELLOW, True)
    surf.blit(img, (r.x + size + 14, r.centery - img.get_height() // 2))
    return r
