"""The debrief's insights scroll in the real window: a "More below" cue while there is more, the keys
(Down, Page Down, End, Home) and the mouse wheel move the text, and the cue goes at the end (issue 10
point 5; until now checked only headless). Enter on the debrief opens the review, never a new game
(fresh 19); the review lists every turn's decision against the better one and scrolls to it (player s5
finding 8). A finished game is loaded, so no whole game is played here.
"""

import numpy as np
import pygame

from game import saves
from game.analysis.review import review
from game.autoplay import play_bot
from game.ui.markup import plain
from game.views.review import SAME_AS_BEST, TURNS_HEADING, review_view
from game.scenario.loader import load
from game.session import Session


def cue_is_drawn(img: np.ndarray, rect) -> bool:
    """The cue's words and arrow are yellow (T.YELLOW) in its strip."""
    x, y, w, h = rect
    px = img[x:x + w, y:y + h].reshape(-1, 3).astype(int)
    return int(np.sum((px[:, 0] > 200) & (px[:, 1] > 190) & (px[:, 2] < 130))) > 40


def test_the_debrief_scrolls_by_keys_and_wheel_and_enter_opens_the_review(game, tmp_path):
    finished = tmp_path / "finished.json"
    saves.save(play_bot(Session(load("tutorial"), 4, "standard"), "adaptive"), finished)
    g = game("--load", str(finished), "--size", "1024x600")
    p = g.wait_top("debrief")
    box = next(t for t in p["texts"] if t["scrolls"])
    assert box["start"] == 0 and p["cues"], "the debrief's insights do not fit, and no cue says so"
    img = pygame.surfarray.array3d(g.screenshot("debrief-top"))
    assert cue_is_drawn(img, p["cues"][0]), "the 'More below' cue is not on screen"
    bar = pygame.Rect(box["bar"])
    assert bar.w > 0 and pygame.Rect(box["rect"]).colliderect(bar), "no scroll bar beside the insights"

    def start():
        return next(t for t in g.probe()["texts"] if t["scrolls"])["start"]

    g.key("Down")
    down = start()
    assert down > 0, "Down does not scroll the insights"
    g.key("Next")  # Page Down
    assert start() > down, "Page Down does not scroll further"
    p = g.key("End")
    end = next(t for t in p["texts"] if t["scrolls"])
    assert abs(end["start"] + end["visible"] - 1) < 0.01 and p["cues"] == [], "the cue stays at the end"
    img = pygame.surfarray.array3d(g.screenshot("debrief-end"))
    assert not cue_is_drawn(img, box["rect"][:1] + [box["rect"][1] + box["rect"][3] - 30, box["rect"][2], 30])
    p = g.key("Home")
    assert start() == 0 and p["cues"]
    visible = box["visible"]
    g.key("Next")  # a page less one line (s6 player 2 read Page Down as scrolling three lines)
    # (or to the end, where less than a page is left)
    assert min(1 - visible, 0.6 * visible) - 0.002 <= start() < visible, (start(), visible)
    g.screenshot("debrief-page-down")
    g.key("Prior")
    assert start() < 0.4 * visible
    g.key("Home")

    x, y, w, h = box["rect"]
    g.move(x + w // 2, y + h // 2)  # the wheel over the text, as a player scrolls it
    for _ in range(3):
        g.xdo("click", "5")
    p = g.wait(lambda q: next(t for t in q["texts"] if t["scrolls"])["start"] > 0, what="the wheel to scroll")
    for _ in range(6):
        g.xdo("click", "4")
    g.wait(lambda q: next(t for t in q["texts"] if t["scrolls"])["start"] == 0, what="the wheel to scroll back up")
    g.screenshot("debrief-wheel")
    assert g.probe()["top"] == "debrief"

    # fresh 19: Enter while reading opens the review; "Play again" was the default and started a new game
    g.key("Return")
    p = g.wait(lambda q: q["top"] != "debrief" and (q["top"] != "review" or q.get("texts")),
               what="the screen Enter opens (the review, computed)")
    assert p["stack"] == ["debrief", "review"], f"Enter on the debrief went to {p['stack']}"
    g.screenshot("review-after-enter")
    # player s5 finding 8: every turn's decision against the best one found, as `leadsim review` lists it
    game_ = saves.load(finished)
    rows = review_view(game_, review(game_)).turns
    assert len(rows) == game_.turn and any(r.better for r in rows)
    notes = p["notes"]
    at = [notes.find(plain(r.numbers)) for r in rows]
    assert notes.find(TURNS_HEADING) < at[0] and at == sorted(at) and -1 not in at, "a turn is missing"
    assert all(plain(r.better or SAME_AS_BEST) in notes and plain(r.chosen) in notes for r in rows)
    g.key("End")  # the list is at the end of the review's text: it scrolls there
    g.wait(lambda q: any(abs(t["start"] + t["visible"] - 1) < 0.01 for t in q["texts"] if t["scrolls"]),
           what="End to scroll the review to its last turn")  # (the wheel's clicks above are not counted)
    g.screenshot("review-turn-by-turn")
    g.key("Return")  # the review's own default goes back to the debrief of the same finished game
    assert g.wait_top("debrief")["stack"] == ["debrief"] and saves.load(finished).done
