"""Sizing shared by the modal dialogs: centred, never larger than the window allows."""

from __future__ import annotations

import pygame


def dialog_rect(scene, want_w: int, want_h: int) -> tuple[pygame.Rect, pygame.Rect]:
    """The dialog rect and its padded inner rect, clamped to the window with a margin."""
    w, h = scene.app.size
    m = scene.px(20)
    rect = pygame.Rect(0, 0, min(want_w, w - 2 * m), min(want_h, h - 2 * m))
    rect.center = (w // 2, h // 2)
    pad = scene.px(18)
    return rect, rect.inflate(-2 * pad, -2 * pad)
