"""The review's panel beside the chart (the turn picked) at every supported size: the turn, what you chose,
the better decision and strong play's own are drawn whole; what the better decision would have changed
takes the rows left, cut with an ellipsis (the notes below have it all). At 1024x600 a long 'It would
have changed' pushed strong play's choice out of the panel."""

import pytest

from game.analysis.review import review
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session
from game.views import controls as C
from game.views.review import review_view

from ui_helpers import SIZES, layout_problems, run_frames


@pytest.fixture(scope="module")
def reviewed():
    s = play_bot(Session(load("startup"), 3), "leadership")  # a costly turn with a long 'would have changed'
    return s, review_view(s, review(s))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_turn_panel_keeps_strong_plays_choice_and_cuts_the_changes_cleanly(make_app, reviewed, size):
    from game.ui.scenes.review import ReviewScene

    s, v = reviewed
    app = make_app(size)
    app.session = s
    app.push(ReviewScene(app, v))
    run_frames(app, 3)
    scene = app.top
    assert not layout_problems(app, scene)
    costly = v.costly[0]
    assert scene.selected == costly.turn
    row = v.turns[scene.selected - 1]
    drawn = " ".join(scene.probe_extra()["turn_drawn"])
    f = app.fonts
    for text in (row.numbers, f"{C.COSTLY_CHOSEN} {row.chosen}", f"{C.COSTLY_STRONG} {row.strong_text}"):
        assert " ".join(text.split()) in " ".join(drawn.split()), (text, drawn)
    changed = f"{C.COSTLY_CHANGED} {costly.changes}"
    assert drawn.split().count("changed:") == 1 and (" ".join(changed.split()) in " ".join(drawn.split())
                                                      or "…" in drawn), drawn
    # every row drawn stays inside the panel, above its hint
    inner = scene.turn_rect
    assert all(f.font(12).size(r)[0] <= inner.w for r in scene.probe_extra()["turn_drawn"])
