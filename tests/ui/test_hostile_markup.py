"""Scenario text is never markup: every text field of the schema, filled with pygame_gui HTML, goes
through every screen of the window; no file is opened because of it, nothing crashes, and a save
made from such a scenario starts again (issue 11, point 5)."""

from __future__ import annotations

import sys
import typing

import pygame
import pygame_gui
import pytest
import yaml

from game import saves
from game.scenario import schema
from game.scenario.loader import BUILTIN_DIR
from game.session import Decision
from game.ui.pilot import Pilot, click
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.title import TitleScene
from game.userdata import autosave_path

from ui_helpers import run_frames, run_until

# str fields that are not shown as text: expressions and references (checked by the loader instead)
NOT_TEXT = {"id", "when", "start", "end", "drift", "starts_when", "metric", "followup", "leadership",
            "management", "development"}


def text_fields() -> set[str]:
    """Every str field of the scenario schema that is shown to a player: the test covers new ones by itself."""
    found = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, schema.Strict):
            for name, field in model.model_fields.items():
                kinds = {field.annotation, *typing.get_args(field.annotation)}
                if str in kinds and name not in NOT_TEXT:
                    found.add(name)
    return found


def hostile(field: str, n: int, sentinel) -> str:
    return (f"<img src={sentinel}> <font face='{sentinel}' size=7>{field} {n}</font> & &amp; "
            f"<a href='x'>link</a> <b>bold <i>")


def hostile_scenario(sentinel) -> dict:
    data = yaml.safe_load((BUILTIN_DIR / "scaleup.yaml").read_text())
    fields, counter = text_fields(), [0]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in fields and isinstance(value, str):
                    counter[0] += 1
                    node[key] = hostile(key, counter[0], sentinel)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    data["turns"], data["phases"][1]["starts_at_turn"] = 12, 5  # every screen, in fewer turns
    for name, spec in data["metrics"].items():  # the built-in metrics get a title, description and unit too
        for key in ("title", "description", "unit"):
            counter[0] += 1
            spec[key] = hostile(key, counter[0], sentinel)
    for name in ("morale", "stress", "trust", "initiative", "skill"):
        data["metrics"].setdefault(name, {})
        for key in ("title", "description", "unit"):
            counter[0] += 1
            data["metrics"][name][key] = hostile(key, counter[0], sentinel)
    return data


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """Records every file the process opens whose name contains the sentinel; image loads fail loudly."""
    sentinel = tmp_path / "SENTINEL-passwd.png"
    seen: list[str] = []

    def hook(event, args):
        if event == "open" and args and "SENTINEL" in str(args[0]):
            seen.append(str(args[0]))

    sys.addaudithook(hook)  # cannot be removed: it only ever looks for this test's sentinel name
    real_load = pygame.image.load

    def load(path, *a, **k):
        if "SENTINEL" in str(path):
            seen.append(str(path))
            raise FileNotFoundError(path)  # what a missing <img> does to pygame_gui
        return real_load(path, *a, **k)

    monkeypatch.setattr(pygame.image, "load", load)
    import pygame_gui.core.text.image_layout_rect as ilr
    monkeypatch.setattr(ilr, "load", load)
    return sentinel, seen


def every_tooltip(app) -> None:
    """Build the tooltip of every button on screen, as hovering each would."""
    for scene in app.stack:
        for w in scene.widgets:
            text = getattr(w, "tool_tip_text", None)
            if text:
                box = pygame_gui.elements.UITextBox(text, pygame.Rect(0, 0, 300, -1), app.manager)
                box.kill()


def test_markup_in_every_text_field_reaches_every_screen_as_plain_text(make_app, home, tmp_path, opened):
    sentinel, seen = opened
    assert {"title", "text", "unit", "label", "result", "summary", "briefing", "description"} <= text_fields()
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_scenario(sentinel), sort_keys=False))

    app = make_app((1280, 720))
    app.pending_scenario, app.pending_seed = str(path), 4
    app.pilot = Pilot("adaptive", str(path), mode="mouse")
    original = app.pilot.after_frame
    screens: set[str] = set()

    def after_frame(a):
        if a.top is not None and a.top.name not in screens:
            screens.add(a.top.name)
            every_tooltip(a)
        original(a)

    app.pilot.after_frame = after_frame
    app.push(TitleScene(app))
    run_until(app, lambda a: not a.running)
    assert app.session.done and isinstance(app.top, DebriefScene)
    assert {"briefing", "dashboard", "event", "phase", "report", "debrief"} <= screens, screens
    boxes = [w for w in app.top.widgets if isinstance(w, pygame_gui.elements.UITextBox)]
    assert any("&lt;img src=" in b.html_text for b in boxes)  # the debrief shows the markup as text
    for scene in (HelpScene(app), LoadScene(app)):
        app.running = True
        app.push(scene)
        run_frames(app, 2)
        every_tooltip(app)
        app.pop()
    assert seen == []


def test_a_save_of_a_hostile_scenario_still_starts(make_app, home, tmp_path, opened):
    sentinel, seen = opened
    from game.scenario.loader import load
    from game.session import Session

    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_scenario(sentinel), sort_keys=False))
    session = Session(load(str(path)), 4)
    for _ in range(3):
        session.decide(Decision((), session.default_decision().choice))
    saves.save(session, autosave_path())

    for _ in range(2):  # the second start is the one the issue saw crash
        app = make_app((1280, 720))
        title = TitleScene(app)
        app.push(title)
        run_frames(app, 2)
        cont = next(b for b in title.focusables if b.text.startswith("Continue"))
        assert cont.is_enabled and "&lt;img" in cont.tool_tip_text
        every_tooltip(app)
        click(cont)
        run_until(app, lambda a: a.session is not None and isinstance(a.top, DashboardScene))
        run_frames(app, 3)
        every_tooltip(app)
        assert app.session.turn == 3
        app.slot.close()  # this window ends, as its process would: its lock on the autosave goes with it
        pygame.quit()
    assert seen == []
