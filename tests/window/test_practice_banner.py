"""A practice's lines in the real window (s6 player 2, finding 5): what it is a practice of, what the
original chose at this turn and, at the practised turn, the review's better decision, each shown whole in
their own band under the top bar at 1280x720 and at the smallest window (1024x600). The top bar cut the
better decision to "…Organize roles, Set clear goals, answer:…", the one piece of advice the player came
to follow (the terminal printed it whole)."""

import pytest

from game import practice
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Decision, Session
from game.views.practice import turn_lines


def practice_at_an_event(tmp_path):
    """A practice from the tutorial's turn 7, whose original answered an event there: the longest lines."""
    s = Session(load("tutorial"), 238579, "guided")
    while not s.done:
        s.decide(bot_decision(s, "adaptive"))
    turn = next(k for k, d in enumerate(s.log, 1) if d.choice is not None)
    event = next(e for e in s.scenario.events if any(c.id == s.log[turn - 1].choice for c in e.choices))
    other = next(c.id for c in event.choices if c.id != s.log[turn - 1].choice)
    better = Decision(("plan_work", "optimize"), other)
    copy = practice.practice_copy(s, turn, better)
    path = tmp_path / "data" / "leadsim" / "saves" / "tutorial-practice.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    from game import saves

    saves.save(copy, path)
    return copy, path


@pytest.mark.parametrize("size", ["1280x720", "1024x600"])
def test_the_practice_lines_show_whole_at_every_size(game, tmp_path, size):
    copy, path = practice_at_an_event(tmp_path)
    lines = turn_lines(copy)
    assert len(lines) == 3 and "answer:" in lines[1] and "answer:" in lines[2], lines
    g = game("--load", str(path), "--size", size)
    p = g.wait(lambda q: q.get("top") in ("dashboard", "event"), 120, "the practice's turn")
    if p["top"] == "event":  # the event of the practised turn, answered as the review advises
        p = g.key("2")
    p = g.wait(lambda q: q.get("top") == "dashboard" and q.get("practice"), what="the practice's lines drawn")
    g.screenshot(f"practice-{size}")
    drawn = p["practice"]
    # every word of every line is drawn, none cut with an ellipsis
    assert " ".join(drawn).split() == " ".join(lines).split(), (drawn, lines)
    assert not any("…" in row for row in drawn)
    band, top, cards, company = (p["areas"][k] for k in ("practice", "top", "cards", "company"))
    w, h = p["size"]
    assert band[0] >= 0 and band[0] + band[2] <= w and band[1] >= top[1] + top[3]
    assert cards[1] >= band[1] + band[3] and company[1] >= band[1] + band[3]  # nothing drawn under it
    # the next turn has two lines (no better decision): the band shrinks to them and the cards move up
    p = g.key("e")
    for _ in range(6):
        if p["top"] in ("report", "phase", "confirm"):
            p = g.key("Return" if p["top"] != "confirm" else "e")
        elif p["top"] == "event":
            p = g.key("1")
        else:
            break
    p = g.wait(lambda q: q.get("top") == "dashboard" and q.get("turn") == copy.turn + 1, what="the next turn")
    g.screenshot(f"practice-next-{size}")
    assert len(p["practice"]) < len(drawn) and p["areas"]["cards"][1] < cards[1]
    assert all(b["rect"][1] >= p["areas"]["practice"][1] + p["areas"]["practice"][3]
               for b in p["buttons"] if b["scene"] == "dashboard" and b["id"] and b["rect"][1] > top[1] + top[3])
