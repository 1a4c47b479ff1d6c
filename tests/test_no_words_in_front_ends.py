"""Issue 17: the window's and the terminal's Python code writes no sentence of the game; the words come from
game/views (the web templates have their own check, tests/web/test_template_words.py).

Every string constant of game/ui and game/terminal that reads like words (two words or more) must be a docstring,
a rich style, or one of the few listed below with the reason it stays."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = ("game/ui", "game/terminal")
RICH_STYLE = re.compile(r"^\[?/?(?:(?:bold|dim|italic|underline|reverse|red|green|yellow|blue|magenta|cyan|white|black"
                        r"|grey\d*|on)\s*)+\]?$")
# (file, text): why it is not the game's words
ALLOWED = {
    ("game/ui/app.py", "(Finding font with id|Trying to pre-load font)"): "a pygame_gui log message filtered out",
    ("game/ui/app.py", "Unable to fit tool tip on screen"): "a pygame_gui warning filtered out",
    ("game/ui/sound.py", "no soundcards"): "an SDL error text matched",
    ("game/ui/scenes/picker.py", "difficulty heading"): "a widget's object id",
    ("game/terminal/prompts.py", "ask on"): "a command the player types",
    ("game/terminal/prompts.py", "ask off"): "a command the player types",
}
# Command-line usage errors of the window's entry points: the command's words, like the rest of game/commands.
USAGE_FILES = {"game/ui/main.py", "game/ui/hotseat_main.py", "game/ui/pilot.py"}


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def words_written_in_front_ends() -> list[str]:
    found = []
    for folder in FRONT_ENDS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in USAGE_FILES:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = _docstrings(tree)
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
                    continue
                text = re.sub(r"<[^>]*>?|^[^<]*>", " ", node.value)  # the markup around words is the front-end's
                if not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text) or RICH_STYLE.match(text.strip()):
                    continue
                if (rel, node.value) not in ALLOWED:
                    found.append(f"{rel}:{node.lineno}: {node.value!r}")
    return found


def test_the_window_and_the_terminal_write_no_sentence_of_the_game():
    assert words_written_in_front_ends() == []


def test_the_check_sees_a_sentence_written_in_a_front_end(tmp_path, monkeypatch):
    """The check itself can fail: a scene with its own sentence is found."""
    fake = tmp_path / "game" / "ui"
    fake.mkdir(parents=True)
    (fake / "scene.py").write_text('"""Doc string, allowed."""\nTITLE = "Welcome to the game"\nSTYLE = "bold red"\n')
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "FRONT_ENDS", ("game/ui",))
    assert words_written_in_front_ends() == ["game/ui/scene.py:2: 'Welcome to the game'"]
