"""Guided in the real window (issue 10 point 7): the hidden drivers are on the dashboard and follow
each turn, a card's tooltip says how the leader's skill scales it now, and event answers carry hints."""

from __future__ import annotations


def test_guided_shows_drivers_skill_scaling_and_event_hints(game):
    g = game("startup", "--seed", "1", "--size", "1024x600")
    g.wait_top("title")
    p = g.key("Return")
    assert p["top"] == "briefing"
    p = g.key("Up", "Left", "Left", "Left", "Return")  # the difficulty row, to Guided
    assert [b["text"] for b in p["buttons"] if b["scene"] == "briefing" and b["selected"]][-1] == "Guided"
    p = g.key("Return")  # focus went back to Start: Enter starts the game
    assert p["top"] == "phase", p["stack"]
    p = g.key("Return")
    assert p["top"] == "dashboard"
    first = p["drivers"]
    names = ["Trust", "Stress", "Team skill", "Process maturity", "Ownership"]
    assert [line.rsplit(" ", 1)[0] for line in first] == names, first  # name and value; all five fit at 1024x600
    p = g.key("Right")  # keyboard focus on a card: its tooltip
    p = g.wait(lambda q: q.get("tooltips"), what="the focused card's tooltip")
    import re

    said = [re.search(r"Strength now:</b> ×[0-9.]+ of its base effect\. It is ×[0-9.]+ for (leadership|management) "
                      r"in this phase \(its column\), times ×[0-9.]+ for your \1 skill (\d+) .*\. With \1 skill (\d+) "
                      r"it would be ×[0-9.]+", t)
            for t in p["tooltip_texts"]]
    assert any(m and int(m.group(3)) == min(100, int(m.group(2)) + 10) for m in said), p["tooltip_texts"]
    g.screenshot("guided-dashboard")
    p = g.key("1", "2", "e")
    if p["top"] == "confirm":
        p = g.key("e")
    assert p["turn"] == 1
    for _ in range(4):
        if p["top"] == "event":
            break
        p = g.key("Return")
    assert p["top"] == "event", p["stack"]
    assert len(p["hints"]) == 3 and all(h.startswith("Expected: ") for h in p["hints"][:2]), p["hints"]
    g.screenshot("guided-event")
    p = g.key("1")
    assert p["top"] == "dashboard"
    moved = p["drivers"]
    assert moved != first and all(len(line.split()) >= 3 for line in moved)  # each with its change now
