"""Steps a player takes, in terms of key presses and clicks on a GameWindow."""

from __future__ import annotations

OVERLAYS = ("report", "phase")


def top_bar_brightness(surf, height: int = 60) -> float:
    """Mean brightness of the strip along the top of the window (the dashboard's turn bar).

    A modal dialog dims everything under it, so this tells from the pixels alone whether one is open.
    """
    import numpy as np
    import pygame

    px = pygame.surfarray.array3d(surf)[:, :height]
    return float(np.mean(px))


def new_game_by_keys(g, difficulty_keys: tuple[str, ...] = ()) -> dict:
    """Title (Enter on New game), briefing (Enter on Start), first phase screen (Enter): the dashboard."""
    g.wait_top("title")
    p = g.key("Return")
    assert p["top"] == "briefing", p["stack"]
    if difficulty_keys:
        g.key(*difficulty_keys)
    p = g.key("Return")
    assert p["top"] == "phase", p["stack"]
    p = g.key("Return")
    return p


def through_overlays_by_keys(g, p: dict) -> dict:
    """Enter through the report and the phase screen until the dashboard or an event is on top."""
    for _ in range(6):
        if p["top"] not in OVERLAYS:
            return p
        p = g.key("Return")
    raise AssertionError(f"still on {p['stack']} after six Enters")


def play_turn_by_keys(g, cards: str) -> dict:
    """Pick cards by their keys, E ends the turn, Enter through what follows."""
    turn = g.probe()["turn"]
    p = g.key(*cards) if cards else g.probe()
    p = g.key("e")
    assert p["turn"] == turn + 1, f"E did not end turn {turn + 1}: {p['stack']}, message {p.get('message')}"
    return through_overlays_by_keys(g, p)
