"""The window writes no caption or tooltip of its own: they come from game/views (issue 17).

Read from the source, so a caption written in game/ui fails here the day it is written: a button made
with a literal caption or tooltip (`self.button(rect, "Back", ...)`, `tooltip="..."`), or a
(caption, callback) pair with a literal caption, as the screens that build their buttons from a list use.
The screens' captions on screen are checked too, against the views' controls.
"""

from __future__ import annotations

import ast
from pathlib import Path

from game.views import controls as C

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


def words(node) -> bool:
    """A string literal (or an f-string's literal part) that says something: a letter in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(words(v) for v in node.values if isinstance(v, ast.Constant))
    return False


def caption_like(node) -> bool:
    """Words that start with a capital, as a caption does (not a region's name such as "top")."""
    if not words(node):
        return False
    first = node.value if isinstance(node, ast.Constant) else next(
        (v.value for v in node.values if isinstance(v, ast.Constant)), "")
    return first[:1].isupper()


def callback_like(node) -> bool:
    """A lambda or one of the scene's methods (self.app.pop): what a button calls."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Lambda) or isinstance(node, ast.Name) and node.id == "self"


def literal_captions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(root.parent.parent)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "button":
                if len(node.args) > 1 and words(node.args[1]):
                    found.append(f"{where} caption")
                found += [f"{where} {k.arg}" for k in node.keywords if k.arg == "tooltip" and words(k.value)]
            elif isinstance(node, ast.Tuple) and len(node.elts) >= 2 and caption_like(node.elts[0]) \
                    and callback_like(node.elts[1]):
                found.append(f"{where} caption in a list of buttons")
    return found


def test_no_button_in_the_window_has_a_caption_or_tooltip_of_its_own():
    assert literal_captions(UI) == []


def test_the_check_finds_a_caption_written_in_the_window(tmp_path):
    ui = tmp_path / "game" / "ui"
    ui.mkdir(parents=True)
    (ui / "s.py").write_text('def build(self):\n    self.button(r, "Back", self.pop)\n'
                             '    self.button(r, C.BACK.caption, self.pop, tooltip=f"Undo {n} turns")\n'
                             '    items = [("Resume", self.app.pop), (C.QUIT.caption, self.app.quit)]\n')
    assert [f.split(" ", 1)[1] for f in literal_captions(ui)] == ["caption", "tooltip", "caption in a list of buttons"]


def test_what_the_screens_show_is_the_views_words(make_app):
    """Title and settings as drawn: every caption is one of the views' controls (or made by one of its
    functions from the settings' values), every tooltip one of theirs or the views' own."""
    from game.ui import settings as settings_mod
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.title import TitleScene

    from ui_helpers import run_frames

    app = make_app((1280, 720))
    app.push(TitleScene(app))
    app.push(SettingsScene(app))
    run_frames(app, 2)
    made = {C.window_size_caption(s) for s in settings_mod.SIZES} | {C.text_size_caption(t)
                                                                     for t in settings_mod.TEXT_SIZES}
    fixed = {c.caption for c in C.controls()}
    for scene in app.stack:
        for b in scene.focusables:
            if scene.name == "title" and b is scene.focusables[1]:
                continue  # Continue: views.saves.continue_label, checked with the saves
            assert b.text in fixed | made, f"{scene.name}: {b.text!r} is not a caption of game/views"
            tip = b.tool_tip_text
            assert not tip or tip in {c.tip for c in C.controls()}, f"{scene.name}: tooltip {tip!r}"
