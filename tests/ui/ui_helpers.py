"""Helpers for the UI tests: sessions, driving frames, and the layout check."""

import pygame

from game.scenario.loader import load
from game.session import Session

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def new_session(name="scaleup", seed=3, difficulty="standard"):
    return Session(load(name), seed, difficulty)


def run_frames(app, n=3):
    for _ in range(n):
        if not app.running:
            return
        app.frame()


def run_until(app, condition, limit=20000):
    """Frame the app until condition(app) holds; fail if it never does."""
    for _ in range(limit):
        if condition(app) or not app.running:
            return
        app.frame()
    raise AssertionError("the UI never reached the expected state")


def leaf_widgets(scene):
    from pygame_gui.elements import UIPanel

    return [w for w in scene.widgets if w.alive() and w.visible and not isinstance(w, UIPanel)]


def layout_problems(app, scene):
    """Widgets or drawn regions outside the window, or overlapping each other."""
    window = pygame.Rect((0, 0), app.size)
    problems = []
    widgets = [(type(w).__name__ + ":" + getattr(w, "text", ""), w.rect) for w in leaf_widgets(scene)]
    regions = scene.regions()
    for name, r in widgets + regions:
        if not window.contains(r):
            problems.append(f"{name} {r} leaves the window {window}")
    for group in (widgets, regions):
        for i, (a, ra) in enumerate(group):
            for b, rb in group[i + 1:]:
                if ra.colliderect(rb):
                    problems.append(f"{a} {ra} overlaps {b} {rb}")
    for a, ra in widgets:
        for b, rb in regions:
            if ra.colliderect(rb) and not rb.contains(ra):
                problems.append(f"{a} {ra} sticks out of {b} {rb}")
    return problems


def dashboard_at_turn_start(app, session):
    """`session` on the dashboard, past its phase screen, as a player sees it at the start of a turn."""
    from game.ui.scenes.dashboard import DashboardScene

    app.session = session
    dash = DashboardScene(app, intro=False)
    app.push(dash)
    return dash
