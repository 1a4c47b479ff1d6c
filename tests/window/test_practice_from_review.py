"""Practice from the review in the window (player s6 finding 1): "Try turn N again" on the review starts a
practice copy at turn N (the turn picked on the chart, the costliest first; < and > pick any other); each turn
of it shows the original's choice there, the practised turn the review's better decision; its debrief
compares it with the original; the original save is untouched; Load lists both. Also
`leadsim play --load FILE --from-turn N` in the window."""

import json

from game import saves
from game.analysis.review import review
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.views.review import review_view

SIZE = ("--size", "1280x720")


def finished_tutorial(seed: int = 238579) -> Session:
    s = Session(load("tutorial"), seed, "guided")
    while not s.done:
        s.decide(bot_decision(s, "adaptive"))
    return s


def test_try_a_turn_again_from_the_review_and_compare(game, tmp_path):
    original = finished_tutorial()
    costliest = review_view(original, review(original)).costliest[0].turn
    mine = tmp_path / "data" / "leadsim" / "saves" / "tutorial-mine.json"  # where the window's Load looks
    saves.save(original, mine)
    before = mine.read_bytes()
    g = game("--load", str(mine), *SIZE)
    g.wait_top("debrief")
    g.key("Return")  # Review my game
    p = g.wait_top("review", timeout=120)
    assert any(b["text"] == f"Try turn {costliest} again" for b in p["buttons"]), [b["text"] for b in p["buttons"]]
    g.screenshot("review-try-again")
    assert p["selected_turn"] == costliest  # the button is the turn picked on the chart
    step, other = (">", costliest + 1) if costliest < 12 else ("<", costliest - 1)  # another turn, either side
    p = g.click(step)
    assert p["selected_turn"] == other, p.get("selected_turn")
    assert any(b["text"] == f"Try turn {other} again" for b in p["buttons"]), p["buttons"]
    for _ in range(12):  # to the last turn, so the practice ends soon: any turn of the list can be tried
        if any(b["text"] == "Try turn 12 again" for b in g.probe()["buttons"]):
            break
        g.click(">")
    p = g.click("Try turn 12 again")
    assert p["top"] in ("dashboard", "event") and p["turn"] == 11, p["stack"]
    if p["top"] == "event":
        p = g.key("1")
    assert "Practice from the start of turn 12, on the same luck" in (p.get("message") or ""), p.get("message")
    g.screenshot("practice-turn12")
    (practised,) = (g.save_dir / "saves").glob("tutorial-seed238579-practice-from-turn12-*.json")
    assert json.loads(practised.read_text())["turn"] == 11
    ids = [a.id for a in original.scenario.actions]
    keys = "1234567890"
    last = original.log[11]
    other = next(a for a in ("plan_work", "set_goals", "organize", "inspire") if a not in last.actions)
    g.key(keys[ids.index(other)])
    p = g.key("e")
    for _ in range(6):
        if p["top"] == "confirm":
            p = g.key("e")
        elif p["top"] in ("report", "phase"):
            p = g.key("Return")
        else:
            break
    p = g.wait_top("debrief", timeout=120)
    g.screenshot("practice-debrief")
    done = saves.load(practised)
    assert done.done and done.log[:11] == original.log[:11] and done.log[11] != last
    assert mine.read_bytes() == before  # the original, byte for byte
    g.close()
    g.wait_exit()

    # Load lists both: the practice, and the original with its score
    g2 = game(*SIZE, name="load")  # the same data folder (this test's)
    g2.wait_top("title")
    p = g2.click("Load a saved game")
    rows = [b["text"] for b in p["buttons"] if b["scene"] == "load"]
    assert any("(practice)" in r and "finished after 12 turns, score" in r for r in rows), rows
    assert any("(practice)" not in r and f"score {original.score():.1f}" in r for r in rows), rows
    g2.screenshot("load-lists-both")


def test_play_load_from_turn_in_the_window(game, tmp_path):
    original = finished_tutorial()
    mine = tmp_path / "mine.json"
    saves.save(original, mine)
    before = mine.read_bytes()
    g = game("--load", str(mine), "--from-turn", "4", *SIZE)
    p = g.wait(lambda p: p.get("top") in ("dashboard", "event"), 120, "the practice's turn 4")
    assert p["turn"] == 3, p["stack"]
    g.screenshot("from-turn-4")
    g.close()
    assert g.wait_exit() == 0
    (practised,) = (g.save_dir / "saves").glob("*-practice-from-turn4-*.json")
    assert saves.load(practised).log == original.log[:3] and mine.read_bytes() == before
