"""Action cards: the face drawn under each card button, and the tooltip, from the views' `Card`.

The card button itself is a transparent pygame_gui button (hover, press and
focus come from the library); the face underneath carries the category letter,
cost, cooldown and whether the card is chosen, so every state is readable
without relying on colour. What a card says is `game.views.cards`.
"""

from __future__ import annotations

import pygame

from ..views import lines as words_of
from ..views.cards import Card
from . import draw
from . import theme as T
from .markup import Html, plain


TITLE_SIZES = (15, 14, 13, 12, 11)  # a long title on a small card steps down to fit whole
INFO_SIZES = (12, 11)


def title_step(fonts: T.Fonts, size: int) -> int:
    """Line to line in a card's title: tighter than the font's own spacing, which has room for accents."""
    return fonts.line_height(size, True) - max(3, fonts.font(size, True).get_height() // 5)


def _title_lines(fonts: T.Fonts, title: str, width: int, room: int, info_h: int) -> tuple[int, list[str]]:
    """The largest title size at which the title fits whole in at most two lines above the info line."""
    for size in TITLE_SIZES:
        lines = fonts.wrap(title, width, size, True)
        fits = len(lines) <= 2 and all(fonts.font(size, True).size(line)[0] <= width for line in lines)
        if fits and len(lines) * title_step(fonts, size) + info_h <= room:
            return size, lines
    size = TITLE_SIZES[-1]
    return size, [fonts.fit(line, width, size, True) for line in fonts.wrap(title, width, size, True)[:2]]


def face(surf, rect: pygame.Rect, fonts: T.Fonts, card: Card, number: int | str | None, chosen: bool,
         out_of_points: bool = False) -> dict:
    """Draw one card: stripe with category letter, title, cost line, and chosen/unavailable state.

    `out_of_points`: the points left this turn do not pay for it, so it is drawn dimmed like a resting
    card, its cost line kept (with 0 points left the other cards looked as pickable as before: a new
    player's s4 finding 11). The title (up to two lines) and the cost or resting line always show
    whole: on a small card (large text, many cards) the title's type steps down until both fit.
    Returns what was written, so tests can tell a card that says everything from one that cut
    something off.
    """
    reason = card.reason_short
    dim = bool(reason) or out_of_points
    colour = T.CATEGORY_COLOUR[card.category]
    bg = (44, 62, 82) if chosen else (38, 45, 57) if not dim else (30, 35, 43)
    pygame.draw.rect(surf, bg, rect, border_radius=8)
    stripe = pygame.Rect(rect.x, rect.y, max(18, rect.w // 11), rect.h)
    pygame.draw.rect(surf, colour if not dim else T.FAINT, stripe, border_top_left_radius=8,
                     border_bottom_left_radius=8)
    mark = fonts.render(card.letter, 15, T.CATEGORY_INK[card.category] if not dim else T.BG, True)
    surf.blit(mark, mark.get_rect(center=(stripe.centerx, stripe.y + stripe.w // 2 + 2)))
    pad = max(4, min(rect.h // 10, rect.h // 12 + 2))
    x = stripe.right + max(6, pad)
    width = rect.right - x - max(6, pad)
    badge_w = 0
    if number is not None:
        key = fonts.render(str(number), 12, T.MUTED, True)
        badge = key.get_rect(topright=(rect.right - pad, rect.y + pad))
        pygame.draw.rect(surf, (58, 68, 84), badge.inflate(8, 2), border_radius=4)
        surf.blit(key, badge)
        badge_w = badge.w + 12
    text_col = T.TEXT if not dim else T.FAINT
    info = reason or card.cost
    info_w = width - (max(14, rect.h // 5) + 6 if chosen else 0)
    info_size = next((n for n in INFO_SIZES if fonts.font(n).size(info)[0] <= info_w), INFO_SIZES[-1])
    info_h = fonts.line_height(info_size) - 2  # the line's spacing below the text may go into the padding
    size, lines = _title_lines(fonts, card.title, width - badge_w, rect.h - 2 * pad + 2, info_h)
    y = rect.y + pad - 2
    for line in lines:
        surf.blit(fonts.render(line, size, text_col, True), (x, y))
        y += title_step(fonts, size)
    bottom = rect.bottom - pad - info_h
    shown_info = ""
    if bottom >= y - 2:
        shown_info = fonts.fit(info, info_w, info_size)
        surf.blit(fonts.render(shown_info, info_size, T.ORANGE if reason else T.FAINT if dim else T.MUTED), (x, bottom))
    if chosen:
        box = pygame.Rect(0, 0, max(14, rect.h // 5), max(14, rect.h // 5))
        box.bottomright = (rect.right - pad, rect.bottom - pad)
        pygame.draw.rect(surf, T.SKY, box, border_radius=4)
        draw.check(surf, box.inflate(-box.w // 3, -box.h // 3), T.BG)
    return {"title": " ".join(lines), "title_full": " ".join(lines) == " ".join(card.title.split()),
            "title_size": size, "info": shown_info, "info_full": shown_info == info, "dimmed": dim}


def tooltip(card: Card) -> Html:
    """The card's tooltip in pygame_gui's HTML subset (every scenario text passes through `plain`)."""
    if card.skill_scale is not None:  # how strong it works now, from the column's figure and the skill
        scale = card.skill_scale
        lines = [f"<b>{plain(card.title)}</b> ({card.category})", plain(card.text),
                 f"<b>{plain(scale.label)}:</b> {plain(scale.detail)}"]
    else:
        lines = [f"<b>{plain(card.title)}</b>{plain(card.heading[len(card.title):])}", plain(card.text)]
    if card.effects:  # the largest few, then every other one (none left out silently)
        more = f" <i>{plain(card.more_text)}</i>" if card.more_effects else ""
        lines.append(f"<b>{card.expected_label}:</b> {plain(card.timed_effects_text)}{more}")
    lines.append("<i>" + plain(card.notes_text) + "</i>")
    if card.reason:
        lines.append(f"<b>{words_of.NOT_AVAILABLE}:</b> {plain(card.reason)}")
    return Html("<br>".join(lines))
