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

LINE_STEP = 0.12  # Down/Up scroll this share of what is visible
PAGE = "page"  # Page Down/Up scroll a page less one line (`page_target`)
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
    return _scroll_to(bar, bar.start_percentage + pages * bar.visible_percentage)


def _scroll_to(bar, start: float) -> bool:
    before = bar.start_percentage
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - bar.visible_percentage, start)))
    return bar.start_percentage != before


def page_target(rows: list[tuple[int, int]], top: float, view: float, down: bool, hidden: float = 0) -> float:
    """Where a page down (or up) puts the top of the view, in pixels of the text: the line cut by (or
    last whole above) the bottom edge becomes the top line, so one line of the page before stays in sight
    and a reader keeps their place; up, the top line becomes the bottom one. `rows` are the text's lines
    as (y, height); the view's last `hidden` pixels are under the "more below" cue, so not read. A line
    taller than the view, or no lines, moves the view by all of it.

    A fixed share of the view (0.9, before) kept two or three lines or none, depending on the box and the
    text size; a new player read Page Down as scrolling a few lines (s6 player 2)."""
    bottom = top + view - hidden
    if down:
        cut = [y for y, h in rows if top < y < bottom and y + h > bottom]  # the line the bottom edge cuts
        whole = [y for y, h in rows if top < y and y + h <= bottom]
        target = cut[0] if cut else (max(whole) if whole else bottom)
        return target if target > top else bottom
    cut = [y + h for y, h in rows if y < top < y + h]  # the line the top edge cuts stays, at the bottom
    whole = [y + h for y, h in rows if y >= top and y + h < bottom]
    target = (cut[0] if cut else (min(whole) if whole else top)) - (view - hidden)
    return target if target < top else top - view


def page(box: UITextBox, down: bool, fonts: T.Fonts | None = None) -> bool:
    """Page Down/Up: a page less one line (`page_target`), the cue's strip not counted as read; True if
    the text moved."""
    bar = bar_of(box)
    layout = getattr(box, "text_box_layout", None)
    if bar is None or layout is None or layout.layout_rect.height <= 0:
        return False if bar is None else scroll_by(box, 0.9 if down else -0.9)
    total = layout.layout_rect.height
    rows = [(r.y, r.height) for r in layout.layout_rows if r.height > 0]
    hidden = cue_rect(box, fonts).h if fonts is not None else 0
    top = bar.start_percentage * total
    view = bar.visible_percentage * total
    return _scroll_to(bar, page_target(rows, top, view, down, hidden if more_below(box) or not down else 0) / total)


KEY_PAGES = {pygame.K_DOWN: LINE_STEP, pygame.K_UP: -LINE_STEP, pygame.K_PAGEDOWN: PAGE,
             pygame.K_PAGEUP: PAGE, pygame.K_END: 1e6, pygame.K_HOME: -1e6}


def scroll_key(box: UITextBox, key: int, fonts: T.Fonts | None = None) -> bool:
    """What a scroll key does to `box` (KEY_PAGES); True if the text moved."""
    step = KEY_PAGES[key]
    if step == PAGE:
        return page(box, key == pygame.K_PAGEDOWN, fonts)
    return scroll_by(box, step)


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
