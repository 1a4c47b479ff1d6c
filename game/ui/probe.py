"""What the window shows, written to a JSON file for the real-window tests (LEADSIM_PROBE=FILE).

A test that drives the game with OS-level input (xdotool in an X server) has to
know where the widgets are and when its last key press or click has been
handled and drawn. Reading pixels alone cannot tell a slow frame from a lost
key, so with LEADSIM_PROBE set the app writes, after every frame in which it
changed, the scene stack, the visible buttons with their window rects, the
keyboard focus, the tooltips on screen and how many key presses and clicks it
has handled so far. The tests judge the outcome through the saves and the
screenshots; the probe only tells them where to click and when to look.
Without the variable nothing is written and nothing is computed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame

ENV = "LEADSIM_PROBE"
DELAY_ENV = "LEADSIM_PROBE_WORK_DELAY"  # seconds a busy screen's work takes at least: a first run's slowness
COUNTED = (pygame.KEYDOWN, pygame.MOUSEBUTTONUP)  # a button is pressed on the mouse-up


def from_environment() -> "Probe | None":
    path = os.environ.get(ENV)
    return Probe(Path(path)) if path else None


class Probe:
    def __init__(self, path: Path):
        self.path = path
        self.inputs = 0
        self.frames = 0
        self._last: str | None = None
        try:  # the tests make a debrief as slow as on a first run (numba not compiled yet), on purpose
            self.work_delay = max(0.0, min(30.0, float(os.environ.get(DELAY_ENV, "0"))))
        except ValueError:
            self.work_delay = 0.0

    def saw(self, event) -> None:
        """Count the input the app handled (called once per event, before it is dispatched)."""
        if event.type in COUNTED:
            self.inputs += 1

    def after_frame(self, app) -> None:
        self.frames += 1
        text = json.dumps(snapshot(app, self.inputs), sort_keys=True)
        if text == self._last:
            return
        self._last = text
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)


def _rect(r) -> list[int]:
    return [int(r.x), int(r.y), int(r.w), int(r.h)]


def text_box(box) -> dict:
    """A text box: where it is, whether its text scrolls, how far down it is and where its bar is."""
    bar = getattr(box, "scroll_bar", None)
    out = {"rect": _rect(box.rect), "scrolls": bar is not None and bar.visible_percentage < 1.0,
           "html": str(getattr(box, "html_text", ""))}
    if bar is not None:
        out.update(bar=_rect(bar.rect), start=round(float(bar.start_percentage), 4),
                   visible=round(float(bar.visible_percentage), 4), bar_layer=int(bar.get_top_layer()),
                   box_layer=int(box.get_top_layer()))
    return out


def snapshot(app, inputs: int) -> dict:
    """Everything a test needs to find a widget and know the screen has settled."""
    from pygame_gui.elements import UITooltip

    top = app.top
    buttons = []
    for scene in app.stack:
        names = {b: key for key, b in getattr(scene, "card_buttons", {}).items()}
        for b in scene.focusables:
            if not (b.alive() and b.visible):
                continue
            buttons.append({"scene": scene.name, "text": b.text, "id": names.get(b, ""), "rect": _rect(b.rect),
                            "enabled": bool(b.is_enabled), "selected": bool(b.is_selected),
                            "primary": "@primary" in (getattr(b, "object_ids", None) or []),
                            "focused": scene is top and b is top.focused_widget()})
    tips = [_rect(t.rect) for t in app.manager.get_sprite_group().sprites() if isinstance(t, UITooltip) and t.alive()
            and t.visible]
    tip_texts = [str(getattr(t.text_block, "html_text", ""))[:2000] for t in app.manager.get_sprite_group().sprites()
                 if isinstance(t, UITooltip) and t.alive() and t.visible]
    data = {"inputs": inputs, "size": list(app.size), "stack": [s.name for s in app.stack],
            "top": top.name if top is not None else None, "buttons": buttons, "tooltips": tips, "tooltip_texts": tip_texts,
            "show_focus": bool(app.show_focus), "running": bool(app.running)}
    if top is not None:
        data["texts"] = [text_box(b) for b in getattr(top, "scrollers", []) if b.alive() and b.visible]
        data["cues"] = [_rect(r) for r in getattr(top, "cues", [])]
        data["regions"] = {name: _rect(r) for name, r in top.regions()}  # what a tooltip keeps off
        data["marks"] = [{"text": b.text, "on": bool(b.is_selected), "rect": _rect(r)} for b, r in getattr(top, "marks", [])]
        ring = top.ring_rect()
        data["ring"] = _rect(ring) if ring is not None else None
    session = app.session
    if session is not None:
        data["turn"] = int(session.turn)
        data["difficulty"] = session.difficulty
        data["done"] = bool(session.done)
        data["event"] = session.event.id if session.event is not None else None
    dash = next((s for s in app.stack if s.name == "dashboard"), None)
    if dash is not None:
        data["points_line"] = dash.points_line()
        data["chosen"] = list(dash.chosen)
        data["choice"] = dash.choice
        data["message"] = dash.message
    extra = getattr(top, "probe_extra", None)
    if extra is not None:
        data.update(extra())
    return data
