"""The last turn of a Standard game in the real window, and what follows it (a new player's s4 findings):

- 7: each gauge marks the win's target and a loss line, labelled ("win ≥ 67"), with a legend;
- 3: the hidden drivers the win or a loss needs are watched in words ("Process maturity: at risk"),
  never by their number, though Standard hides the drivers;
- 11: with no action points left the other cards are dimmed; behind the last report the strip no
  longer offers "2 of 2 action points left ... End turn";
- 6: "See the result" shows a busy notice at once, and an Enter pressed again while the debrief is
  worked out (slow on a first run; made slow here on purpose) does not press the debrief's default
  button, so the player sees the debrief and not the review.

One game: a startup game played by a bot to its last turn is loaded, so only one turn is played here.
"""

import time

import numpy as np
import pygame

from game import saves
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.views import lines
from game.views.dashboard import dashboard
from game.views.targets import gauge_targets

WORK_DELAY = 2.5  # seconds the debrief's work takes at least (LEADSIM_PROBE_WORK_DELAY)


def before_the_last_turn(seed: int) -> Session:
    s = Session(load("startup"), seed, "standard")
    while s.turn < s.scenario.turns - 1 and not s.done:
        s.decide(bot_decision(s, "adaptive"))
    assert not s.done, "the bot's game ended early: pick another seed"
    return s


def test_last_turn_marks_watches_dims_and_the_result_survives_a_second_enter(game, tmp_path, monkeypatch):
    s = before_the_last_turn(7)
    path = tmp_path / "last-turn.json"
    saves.save(s, path)
    monkeypatch.setenv("LEADSIM_PROBE_WORK_DELAY", str(WORK_DELAY))
    g = game("--load", str(path), "--size", "1280x720")
    p = g.wait_top("dashboard")
    if p.get("event"):
        p = g.key("1")
    assert p["top"] == "dashboard" and p["turn"] == s.scenario.turns - 1, p["stack"]

    # 7: every gauge's marks, where its value lies on the bar, labelled, inside the gauge; player s5 finding
    # 3: where a crisis on it begins too ('crisis < 25' on Budget: Cash squeeze)
    view = dashboard(s)
    assert any(row.crisis_marks for row in view.metrics)
    for gauge, row in zip(p["gauges"], view.metrics):
        lines_ = [*gauge_targets(s.scenario, row.id), *row.crisis_marks]
        want = [t.label for t in lines_]
        assert [m["label"] for m in gauge["marks"]] == want and want, gauge
        assert [m["kind"] for m in gauge["marks"]] == [getattr(t, "kind", "crisis") for t in lines_]
        bx, by, bw, bh = gauge["bar_rect"]
        for m, t in zip(gauge["marks"], lines_):
            assert abs(m["x"] - (bx + bw * (t.clause.value - row.lo) / (row.hi - row.lo))) <= 2, (m, t)
            lx, ly, lw, lh = m["label_rect"]
            # drawn, above its bar or (room short there: fresh player s6 finding 6) under it
            assert lw > 0 and (ly + lh <= by or ly >= by + bh) and bx - 2 <= lx and lx + lw <= bx + bw + 2, m
    # 3: the words for the hidden drivers the goal names, and no number of theirs on the dashboard
    assert p["stakes"] == [g_.text for g_ in view.hidden_goals] and p["stakes"], p["stakes"]
    assert p["drivers"] == []  # Standard: no driver's value
    shot = pygame.surfarray.array3d(g.screenshot("last-turn-dashboard"))
    assert shot.std() > 10

    # 11: pick cards until no point is left; every other card that costs a point is dimmed
    chosen = []
    for b in [b for b in p["buttons"] if b["id"] and b["enabled"]]:
        if len(chosen) == s.rules.action_points:
            break
        g.click(id=b["id"])
        if b["id"] in g.probe()["chosen"]:
            chosen.append(b["id"])
    p = g.probe()
    assert len(p["chosen"]) == s.rules.action_points, p.get("message")
    assert p["points_line"].startswith(f"0 of {s.rules.action_points} action points left")
    costs = {a.id: a.cost.ap for a in s.scenario.actions}
    for card, face in p["faces"].items():
        assert face["dimmed"] == (card not in p["chosen"] and costs[card] > 0), (card, face)
    g.screenshot("no-points-left")

    p = g.key("e")
    assert p["top"] == "report" and p["done"], p["stack"]
    assert p["points_line"] == lines.GAME_ENDED_STRIP
    assert not next(b for b in p["buttons"] if b["scene"] == "dashboard" and b["text"] == "End turn")["enabled"]
    g.screenshot("last-report")

    # 6: Enter on "See the result", and Enter again at once, as a player does at a screen that seems stuck
    g.key("Return", settle=False)
    g.key("Return", settle=False)
    p = g.wait(lambda q: q.get("busy"), what="the busy notice")
    assert p["top"] == "debrief" and p["busy"] and not [b for b in p["buttons"] if b["scene"] == "debrief"]
    busy = pygame.surfarray.array3d(g.screenshot("working-out-the-result"))
    assert np.count_nonzero(busy.max(axis=2) > 200) > 500, "no busy notice drawn"
    p = g.wait(lambda q: not q.get("busy") and q["inputs"] >= g.sent, timeout=WORK_DELAY + 60,
               what="the debrief, worked out")
    assert p["stack"] == ["debrief"], f"the second Enter went on to {p['stack']}"
    assert any(b["text"] == "Review my game" and b["focused"] for b in p["buttons"])
    g.screenshot("debrief-after-two-enters")

    # 9: on the review, the tooltip of the button the focus rests on covers no other button ("Take back
    # the last turn" was under the "Esc" tooltip of "Back to the debrief")
    g.key("Return")
    p = g.wait_top("review", timeout=WORK_DELAY + 60)
    assert any(b["text"] == "Take back the last turn" for b in p["buttons"] if b["scene"] == "review")
    time.sleep(1.2)  # past the tooltip delay (scene.TIP_DELAY_MS)
    p = g.probe()
    others = [pygame.Rect(b["rect"]) for b in p["buttons"] if b["scene"] == "review" and not b["focused"]]
    for tip in map(pygame.Rect, p["tooltips"]):
        assert tip.collidelist(others) < 0, f"a tooltip {tip} covers a button of the review"
    g.screenshot("review-at-rest")
