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


def face(surf, rect: pygame.Rect, fonts: T.Fonts, card: Card, number: int | str | None, chosen: bool) -> None:
    """Draw one card: stripe with category letter, title, cost line, and chosen/unavailable state."""
    reason = card.reason_short
    colour = T.CATEGORY_COLOUR[card.category]
    bg = (44, 62, 82) if chosen else (38, 45, 57) if not reason else (30, 35, 43)
    pygame.draw.rect(surf, bg, rect, border_radius=8)
    stripe = pygame.Rect(rect.x, rect.y, max(18, rect.w // 11), rect.h)
    pygame.draw.rect(surf, colour if not reason else T.FAINT, stripe, border_top_left_radius=8,
                     border_bottom_left_radius=8)
    mark = fonts.render(card.letter, 15, T.BG, True)
    surf.blit(mark, mark.get_rect(center=(stripe.centerx, stripe.y + stripe.w // 2 + 2)))
    pad = max(6, rect.h // 10)
    x = stripe.right + pad
    width = rect.right - x - pad
    badge_w = 0
    if number is not None:
        key = fonts.render(str(number), 12, T.MUTED, True)
        badge = key.get_rect(topright=(rect.right - pad, rect.y + pad))
        pygame.draw.rect(surf, (58, 68, 84), badge.inflate(8, 2), border_radius=4)
        surf.blit(key, badge)
        badge_w = badge.w + 12
    text_col = T.TEXT if not reason else T.FAINT
    lines = fonts.wrap(card.title, width - badge_w, 15, True)[:2]
    y = rect.y + pad - 2
    for line in lines:
        surf.blit(fonts.render(fonts.fit(line, width - badge_w, 15, True), 15, text_col, True), (x, y))
        y += fonts.line_height(15, True) - 3
    info = reason or card.cost
    bottom = rect.bottom - pad - fonts.line_height(12)
    if bottom >= y:
        surf.blit(fonts.render(fonts.fit(info, width - (24 if chosen else 0), 12), 12,
                               T.MUTED if not reason else T.ORANGE), (x, bottom))
    if chosen:
        box = pygame.Rect(0, 0, max(14, rect.h // 5), max(14, rect.h // 5))
        box.bottomright = (rect.right - pad, rect.bottom - pad)
        pygame.draw.rect(surf, T.SKY, box, border_radius=4)
        draw.check(surf, box.inflate(-box.w // 3, -box.h // 3), T.BG)


def tooltip(card: Card) -> Html:
    """The card's tooltip in pygame_gui's HTML subset (every scenario text passes through `plain`)."""
    if card.skill_scale is not None:  # how the leader's skill scales it now, in the heading line
        head = f"<b>{plain(card.title)}</b> ({card.category}) {plain(card.skill_scale.text)}"
    else:
        head = f"<b>{plain(card.title)}</b>{plain(card.heading[len(card.title):])}"
    lines = [head, plain(card.text)]
    if card.effects:
        lines.append(f"<b>{card.expected_label}:</b> {plain(card.effects_text)}")
    lines.append("<i>" + plain(card.notes_text) + "</i>")
    if card.reason:
        lines.append(f"<b>{words_of.NOT_AVAILABLE}:</b> {plain(card.reason)}")
    return Html("<br>".join(lines))
