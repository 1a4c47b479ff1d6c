"""One colour per kind of action in the window and on every page, report and slide (charts.CATEGORY_COLOUR),
and the letters drawn on those colours readable (WCAG contrast 4.5:1 and more).

The window had its own colours (leadership pink, management blue): a player who saw the window and then the
room's report, where leadership is blue, read two colours for one kind. These draw the window's pieces that
colour a kind (a card's stripe and letter, the debrief's mix bar, the phase screen's strength bars) into a
surface and read the pixels back."""

from __future__ import annotations

import pygame
import pytest

from game import charts
from game.session import CATEGORIES
from game.ui import theme as T

from ui_helpers import new_session

READABLE = 4.5  # WCAG AA for text under 18 px bold


def test_the_window_takes_the_kinds_colours_from_charts():
    assert set(T.CATEGORY_COLOUR) == set(CATEGORIES) == set(charts.CATEGORY_COLOUR)
    for kind in CATEGORIES:
        assert "#%02X%02X%02X" % T.CATEGORY_COLOUR[kind] == charts.CATEGORY_COLOUR[kind].upper()
    assert len(set(T.CATEGORY_COLOUR.values())) == 3


@pytest.mark.parametrize("kind", CATEGORIES)
def test_a_letter_on_a_kinds_colour_reads(kind):
    fill = T.CATEGORY_COLOUR[kind]
    assert charts.contrast(T.CATEGORY_INK[kind], fill) >= READABLE
    assert T.ink_on(fill) == T.CATEGORY_INK[kind]
    # the ink chosen is the better of the two: the other one reads worse on this fill
    other = T.WHITE if T.CATEGORY_INK[kind] == T.BG else T.BG
    assert charts.contrast(other, fill) < charts.contrast(T.CATEGORY_INK[kind], fill)


def test_contrast_is_the_wcag_ratio():
    assert charts.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert charts.contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert charts.hex_rgb("#fa0") == (255, 170, 0) and charts.hex_rgb("red") is None


def _ink_pixels(surf, rect, fill):
    """The colours drawn in `rect` that are not the fill (the letters, their edges blended)."""
    out = []
    for x in range(rect.x, rect.right):
        for y in range(rect.y, rect.bottom):
            c = tuple(surf.get_at((x, y)))[:3]
            if c != fill:
                out.append(c)
    return out


def _darkest_or_lightest(pixels, fill):
    """The text's own colour: of the pixels unlike the fill, the one furthest from it in contrast."""
    return max(pixels, key=lambda c: charts.contrast(c, fill))


def test_cards_are_striped_and_lettered_in_the_kinds_colours(make_app):
    from game.ui import cards
    from game.views.cards import cards as all_cards

    app = make_app((1280, 720))
    seen = set()
    for card in all_cards(new_session("scaleup")):
        if card.reason_short or card.category in seen:
            continue
        seen.add(card.category)
        surf = pygame.Surface((240, 80))
        surf.fill(T.BG)
        cards.face(surf, surf.get_rect(), app.fonts, card, 1, False)
        fill = T.CATEGORY_COLOUR[card.category]
        stripe_w = max(18, 240 // 11)
        assert tuple(surf.get_at((stripe_w // 2, 70)))[:3] == fill, card.category  # below the letter
        letter = pygame.Rect(0, 0, stripe_w, stripe_w + 8)
        ink = _darkest_or_lightest(_ink_pixels(surf, letter, fill), fill)
        assert charts.contrast(ink, fill) >= READABLE, (card.category, ink)
    assert seen == set(CATEGORIES)


def test_the_debrief_mix_bar_is_in_the_kinds_colours_with_readable_letters(make_app):
    from game.ui import draw

    app = make_app((1280, 720))
    surf = pygame.Surface((400, 24))
    surf.fill(T.PANEL)
    parts = [(f"{k[0].upper()} 4", 4, T.CATEGORY_COLOUR[k]) for k in CATEGORIES]
    drawn = draw.split_bar(surf, pygame.Rect(0, 0, 400, 24), app.fonts, parts)
    assert [d["label"] for d in drawn] == ["L 4", "M 4", "D 4"] and all(d["label_shown"] for d in drawn)
    for d, kind in zip(drawn, CATEGORIES):
        fill = T.CATEGORY_COLOUR[kind]
        x, y, w, h = d["rect"]
        assert tuple(surf.get_at((x + 2, y + 2)))[:3] == fill
        ink = _darkest_or_lightest(_ink_pixels(surf, pygame.Rect(x + 3, y, w - 6, h), fill), fill)
        assert charts.contrast(ink, fill) >= READABLE, (kind, ink)


def test_the_phase_screen_bars_are_in_the_kinds_colours(make_app):
    from game.ui.scenes.phase import weights_image
    from game.views.phase import phase_change

    app = make_app((1280, 720))
    pc = phase_change(new_session("scaleup"), first=True)
    img = weights_image(app.fonts, (700, 130), pc)
    label_w = app.fonts.font(15, True).size("M  Management")[0] + 12
    row = 130 // 3
    for i, k in enumerate(pc.weights):
        y = i * row + row // 4 + max(10, row // 2) // 2
        assert tuple(img.get_at((label_w + 3, y)))[:3] == T.CATEGORY_COLOUR[k.category], k.category
