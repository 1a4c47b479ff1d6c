"""Sizing shared by the modal dialogs: centred, never larger than the window allows."""

from __future__ import annotations


import pygame

from ..markup import plain


def prose_html(text: str) -> str:
    """Scenario prose for a text box: a blank line starts a paragraph, a single line break is a space.

    Scenario files wrap their text at about 75 characters (YAML `|` blocks keep those breaks); shown
    as written, the lines would end in the middle of a wide dialog.
    """
    paras = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "<br><br>".join(plain(p) for p in paras if p)


def dialog_rect(scene, want_w: int, want_h: int) -> tuple[pygame.Rect, pygame.Rect]:
    """The dialog rect and its padded inner rect, clamped to the window with a margin."""
    w, h = scene.app.size
    m = scene.px(20)
    rect = pygame.Rect(0, 0, min(want_w, w - 2 * m), min(want_h, h - 2 * m))
    rect.center = (w // 2, h // 2)
    pad = scene.px(18)
    return rect, rect.inflate(-2 * pad, -2 * pad)
