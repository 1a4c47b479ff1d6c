"""The review's evaluation chart in the real window (player s6 finding 5): its marks carry their turn numbers,
a click on one picks that turn and shows its row (what you chose, the better decision, strong play's own) in
the turn panel beside the chart, and with the chart focused Left and Right step through every turn. A
finished game is loaded; input goes through xdotool as a player's would."""

from game import saves
from game.analysis.review import review
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session
from game.ui.markup import plain
from game.views import controls as C
from game.views.review import SAME_LUCK_NOTE, TURN_LIST_NOTE, review_view


def test_the_review_chart_picks_a_turn_by_click_and_keys(game, tmp_path):
    finished = tmp_path / "finished.json"
    saves.save(play_bot(Session(load("tutorial"), 4, "standard"), "adaptive"), finished)
    s = saves.load(finished)
    v = review_view(s, review(s))
    g = game("--load", str(finished), "--size", "1280x720")
    g.wait_top("debrief")
    g.key("Return")
    p = g.wait(lambda q: q["top"] == "review" and q.get("marks"), what="the review, computed")
    g.screenshot("review-chart")
    assert p["selected_turn"] == v.costly[0].turn and v.turns[p["selected_turn"] - 1].numbers in p["turn_panel"]
    # s6 player 2: the review opened with method notes; the advice comes first now, the method after it, and
    # the panel beside the chart says what the picked costly turn's better decision would have changed
    notes = p["notes"]
    first = v.costly[0]
    assert notes.index(plain(first.title)) < notes.index(plain(first.changes)) < notes.index(C.REVIEW_METHOD) \
        < notes.index(plain(SAME_LUCK_NOTE)) < notes.index(plain(TURN_LIST_NOTE)), notes[:400]
    assert f"{C.COSTLY_CHANGED} {first.changes}" in p["turn_panel"]
    target = next(m for m in p["marks"] if m["turn"] != p["selected_turn"])
    x, y, w, h = target["rect"]
    p = g.click_at(x + w // 2, y + h // 2)
    p = g.wait(lambda q: q["selected_turn"] == target["turn"], what="the click to pick the turn")
    row = v.turns[target["turn"] - 1]
    assert row.numbers in p["turn_panel"] and row.strong_text in p["turn_panel"]
    g.screenshot("review-chart-clicked")
    g.key("Right")
    p = g.wait(lambda q: q["selected_turn"] == target["turn"] + 1, what="Right to pick the next turn")
    assert v.turns[target["turn"]].numbers in p["turn_panel"]
    g.screenshot("review-chart-right")
