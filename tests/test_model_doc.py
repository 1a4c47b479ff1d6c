"""docs/model.md tells the rules of a turn in the kernel's order; each stage points to its section."""

import inspect
import re
from pathlib import Path

from game.model import kernel

DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def _stages():
    """The stage functions advance calls, in its order."""
    body = inspect.getsource(kernel.advance.py_func)
    names = re.findall(r"^\s+(?:if not )?(\w+)\(T, ", body, flags=re.M)
    return [getattr(kernel, n) for n in names]


def test_every_stage_is_short_documented_and_points_to_an_existing_section():
    sections = re.findall(r"^## (.+)$", DOC.read_text(), flags=re.M)
    stages = _stages()
    assert len(stages) >= 12
    for fn in stages:
        py = fn.py_func
        assert len(inspect.getsourcelines(py)[0]) <= 60, py.__name__
        doc = py.__doc__ or ""
        named = re.findall(r'docs/model\.md, "([^"]+)"', doc)
        assert named and all(n in sections for n in named), (py.__name__, named)


def test_the_sections_follow_the_kernels_order():
    text = DOC.read_text()
    order = [n for fn in _stages() for n in re.findall(r'docs/model\.md, "([^"]+)"', fn.py_func.__doc__)]
    numbered = list(dict.fromkeys(n for n in order if n[0].isdigit()))  # two stages may share a section
    assert [int(n.split(".")[0]) for n in numbered] == list(range(1, len(numbered) + 1))
    for fn in _stages():  # the doc names each stage function it tells, and the module that holds it
        assert f"`{fn.py_func.__name__}`" in text, fn.py_func.__name__
        name = f"`{fn.py_func.__name__}`"
        row = next(line for line in text.splitlines() if line.startswith("| ") and name in line)
        module = fn.py_func.__module__.rsplit(".", 1)[1]
        assert f"`{module}.py`" in row, (fn.py_func.__name__, module)


def test_the_stages_live_in_the_turn_modules_named_by_the_part_of_the_turn():
    """kernel.py keeps advance and its working rows; each stage is in turn_start, turn_changes or turn_end."""
    modules = [fn.py_func.__module__ for fn in _stages()]
    assert set(modules) == {"game.model.turn_start", "game.model.turn_changes", "game.model.turn_end"}
    assert modules == sorted(modules, key=["game.model.turn_start", "game.model.turn_changes",
                                           "game.model.turn_end"].index)  # in the turn's order
