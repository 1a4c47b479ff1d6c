"""Keyboard focus, mouse hover and a chosen option look different, by shape and weight and not by hue alone
(a fresh player's finding 16: all three were yellow, so two cards looked selected, and on Settings the
chosen option looked like the focus ring).

Focus: a thick yellow ring outside the button with a pointer at its left. Hover: a thin light border.
Chosen: a card's check box; an option's filled radio mark. Judged from the window's pixels.
"""

import numpy as np
import pygame

from flows import new_game_by_keys


def _yellow(px: np.ndarray) -> int:
    """How many pixels are the focus ring's yellow (Okabe-Ito 240, 228, 66, give or take antialiasing)."""
    r, g, b = px[..., 0].astype(int), px[..., 1].astype(int), px[..., 2].astype(int)
    return int(np.sum((r > 200) & (g > 190) & (b < 130)))


def band(img: np.ndarray, rect, out: int, inside: int) -> np.ndarray:
    """The pixels of a frame around `rect`: from `out` pixels outside its edge to `inside` pixels in."""
    r = pygame.Rect(rect)
    outer, inner = r.inflate(2 * out, 2 * out), r.inflate(-2 * inside, -2 * inside)
    mask = np.zeros(img.shape[:2], dtype=bool)
    mask[outer.left:outer.right, outer.top:outer.bottom] = True
    mask[inner.left:inner.right, inner.top:inner.bottom] = False
    return img[mask]


def edge_brightness(img, rect) -> float:
    return float(band(img, rect, 0, 6).mean())  # pygame_gui draws a button 2 pixels inside its rect


def by_text(p, text):
    return next(b for b in p["buttons"] if b["scene"] == p["top"] and b["text"] == text)


def by_id(p, card):
    return next(b for b in p["buttons"] if b["id"] == card)


def test_focus_hover_and_chosen_are_told_apart_by_shape(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    g.wait_top("title")
    g.key("Down", "Down", "Down")
    p = g.key("Return")
    assert p["top"] == "settings"
    normal = edge_brightness(pygame.surfarray.array3d(g.screenshot("settings-plain")), by_text(p, "Off")["rect"])
    assert by_text(p, "Back")["focused"]  # the filled button, as on every screen
    g.hover(text="Off")  # the pointer rests on one option while the keys move the focus over others
    p = g.key("Up", "Up", "Up", "Up")  # up the middle column onto the chosen window size: ring and mark on one
    img = pygame.surfarray.array3d(g.screenshot("settings-focus-on-chosen"))
    chosen, other, hovered = by_text(p, "1280 x 720"), by_text(p, "1024 x 600"), by_text(p, "Off")
    assert chosen["focused"] and chosen["selected"] and p["ring"] == chosen["rect"]
    assert _yellow(band(img, chosen["rect"], 4, 0)) > 200, "no focus ring around the focused option"
    assert _yellow(band(img, hovered["rect"], 4, 6)) == 0, "the hovered option is drawn like the focus"
    assert edge_brightness(img, hovered["rect"]) > normal + 20, "hovering an option shows nothing"
    p = g.key("Left")
    img = pygame.surfarray.array3d(g.screenshot("settings-focus-elsewhere"))
    assert by_text(p, "1024 x 600")["focused"]
    assert _yellow(band(img, chosen["rect"], 4, 6)) == 0, "the chosen option is drawn like the focus"
    assert _yellow(band(img, other["rect"], 4, 0)) > 200
    marks = {m["text"]: m for m in p["marks"]}
    assert marks["1280 x 720"]["on"] and not marks["1024 x 600"]["on"]
    for text, filled in (("1280 x 720", True), ("1024 x 600", False), ("Off", False), ("On", True)):
        x, y, w, h = marks[text]["rect"]
        centre = img[x + w // 2 - 1:x + w // 2 + 2, y + h // 2 - 1:y + h // 2 + 2].mean()
        assert (centre > 180) == filled, f"the radio mark of {text!r} is {'empty' if filled else 'filled'}"
    g.key("Escape")
    p = g.key("Up", "Up", "Up")  # back on the title, from Settings up to New game
    assert by_text(p, "New game")["focused"]

    p = new_game_by_keys(g)
    p = g.key("2")  # Rally the team chosen (the focus goes to it)
    g.hover(id="share_vision")
    p = g.key("Tab")  # keyboard focus on the next card, the pointer still on Share the vision
    img = pygame.surfarray.array3d(g.screenshot("dash-focus-hover-chosen"))
    focused, hovered, chosen = by_id(p, "coach"), by_id(p, "share_vision"), by_id(p, "inspire")
    assert focused["focused"] and chosen["selected"] and p["chosen"] == ["inspire"]
    assert _yellow(band(img, focused["rect"], 4, 0)) > 200, "no focus ring around the focused card"
    assert _yellow(band(img, hovered["rect"], 3, 6)) == 0, "the hovered card is drawn like the focused one"
    assert _yellow(band(img, chosen["rect"], 3, 6)) == 0, "the chosen card is drawn like the focused one"
    assert edge_brightness(img, hovered["rect"]) > edge_brightness(img, by_id(p, "empower")["rect"]) + 20
    x, y, w, h = chosen["rect"]
    corner = img[x + w - w // 6:x + w, y + h - h // 3:y + h].reshape(-1, 3)
    sky = np.sum((corner[:, 2] > 200) & (corner[:, 0] < 120))
    assert sky > 50, "the chosen card has no check box"
