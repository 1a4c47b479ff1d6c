"""Action cards: the face drawn under each card button, and the tooltip text.

The card button itself is a transparent pygame_gui button (hover, press and
focus come from the library); the face underneath carries the category letter,
cost, cooldown and whether the card is chosen, so every state is readable
without relying on colour.
"""

from __future__ import annotations


import pygame

from ..insights import action_notes
from . import draw
from . import theme as T
from .markup import Html, plain


def face(surf, rect: pygame.Rect, fonts: T.Fonts, action, number: int | str | None, chosen: bool,
         reason: str | None) -> None:
    """Draw one card: stripe with category letter, title, cost line, and chosen/unavailable state."""
    colour = T.CATEGORY_COLOUR[action.category]
    bg = (44, 62, 82) if chosen else (38, 45, 57) if not reason else (30, 35, 43)
    pygame.draw.rect(surf, bg, rect, border_radius=8)
    stripe = pygame.Rect(rect.x, rect.y, max(18, rect.w // 11), rect.h)
    pygame.draw.rect(surf, colour if not reason else T.FAINT, stripe, border_top_left_radius=8,
                     border_bottom_left_radius=8)
    mark = fonts.render(T.CATEGORY_MARK[action.category], 15, T.BG, True)
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
    lines = fonts.wrap(action.title, width - badge_w, 15, True)[:2]
    y = rect.y + pad - 2
    for line in lines:
        surf.blit(fonts.render(fonts.fit(line, width - badge_w, 15, True), 15, text_col, True), (x, y))
        y += fonts.line_height(15, True) - 3
    cost = f"{action.cost.ap} AP  •  {action.cost.budget:g}k"
    info = short_reason(reason) if reason else cost
    bottom = rect.bottom - pad - fonts.line_height(12)
    if bottom >= y:
        surf.blit(fonts.render(fonts.fit(info, width - (24 if chosen else 0), 12), 12,
                               T.MUTED if not reason else T.ORANGE), (x, bottom))
    if chosen:
        box = pygame.Rect(0, 0, max(14, rect.h // 5), max(14, rect.h // 5))
        box.bottomright = (rect.right - pad, rect.bottom - pad)
        pygame.draw.rect(surf, T.SKY, box, border_radius=4)
        draw.check(surf, box.inflate(-box.w // 3, -box.h // 3), T.BG)


def short_reason(reason: str) -> str:
    """The card has room for a few words only; the tooltip keeps the full sentence."""
    if reason.startswith("resting"):
        n = "".join(ch for ch in reason if ch.isdigit()) or "1"
        return f"resting: back in {n} turn{'s' if n != '1' else ''}"
    return reason


def effect_words(session, items: list[tuple[str, float]]) -> str:
    """Expected effects as the difficulty allows: guided shows size and direction, standard size only."""
    parts = []
    for title, v in items:
        title = plain(title)
        if session.difficulty == "guided":
            word = "up" if v > 0 else "down"
            parts.append(f"{title} {word} {abs(v):.0f}")
        else:
            parts.append(f"{title} {'•' * min(3, int(abs(v) // 3) + 1)}")
    return ", ".join(parts)


def tooltip(session, action, reason: str | None, weight: float, expected: dict | None = None) -> Html:
    """The card's tooltip in pygame_gui's HTML subset."""
    lines = [f"<b>{plain(action.title)}</b> ({action.category}, works at {weight:.1f}x in this phase)",
             plain(action.text)]
    if session.difficulty != "expert":
        words = effect_words(session, session.preview(expected)[action.id])
        if words:
            label = "Expected" if session.difficulty == "guided" else "Expected size"
            lines.append(f"<b>{label}:</b> {words}")
    notes = [f"costs {action.cost.ap} AP and {action.cost.budget:g}k", *action_notes(action)]
    lines.append("<i>" + plain("; ".join(notes)) + ".</i>")
    if reason:
        lines.append(f"<b>Not available:</b> {plain(reason)}")
    return Html("<br>".join(lines))
