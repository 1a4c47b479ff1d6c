"""Fresh player s7/3 finding 12: a Load row read "... score 786.4 · saved today 0…", the time cut off.
In the real window a row that does not fit whole is said in the views' shorter words
(views.saves.save_lines) and ends with the save's time."""

import time

from game import practice, saves
from game.scenario.loader import load
from game.session import Decision, Session


def test_a_long_save_line_keeps_its_time(game, tmp_path):
    original = Session(load("scaleup"), 3)
    while not original.done:
        original.decide(Decision((), original.default_decision().choice))
    s = practice.practice_copy(original, 28)  # a practice copy played to the end: the player's longest line
    while not s.done:
        s.decide(Decision((), s.default_decision().choice))
    folder = tmp_path / "data" / "leadsim" / "saves"
    folder.mkdir(parents=True)
    path = folder / "scaleup-finished.json"
    saves.save(s, path)
    info = saves.read_info(path)
    clock = time.strftime("%H:%M", time.localtime(info.modified))
    g = game("--size", "1280x720")
    g.wait_top("title")
    p = g.click("Load a saved game")
    assert p["top"] == "load", p["stack"]
    g.screenshot("load")
    rows = [b["text"] for b in p["buttons"] if b["scene"] == "load" and b["text"] != "Back"]
    assert len(rows) == 1, rows
    assert rows[0].endswith(clock) and "…" not in rows[0], rows[0]
    assert "practice" in rows[0] and "finished" in rows[0] and f"{info.score:.1f}" in rows[0], rows[0]
