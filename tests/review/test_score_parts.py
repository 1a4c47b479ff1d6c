"""Fresh finding 12: a score's parts, as every screen writes them, add up to the score as written."""

from __future__ import annotations

import pytest

from game.autoplay import play_bot
from game.model.batch import play_batch
from game.model.bots import policy
from game.model.rules import compile_rules
from game.scenario.loader import load
from game.session import Session
from game.views import debrief, words
from game.views.standings import leaderboard


@pytest.mark.parametrize("scenario", ["tutorial", "scaleup"])
def test_shown_parts_add_up_to_the_shown_total_in_many_games(scenario):
    rules = compile_rules(load(scenario).scenario)
    batch = play_batch(rules, policy("random"), 3, 400)
    misses_before = 0
    for r in range(400):
        parts = {k: float(v[r]) for k, v in batch.parts.items()}
        total = float(batch.score[r])
        assert sum(parts.values()) == pytest.approx(total, abs=1e-6)  # the parts are the whole score
        shown = words.shown_parts(parts, total)
        assert round(sum(shown.values()) * 10) == round(words.shown(total) * 10)
        assert all(abs(shown[k] - parts[k]) < 0.1 + 1e-9 for k in parts)  # each still its own value, in tenths
        misses_before += round(sum(round(v, 1) for v in parts.values()), 1) != words.shown(total)
    assert misses_before > 0  # rounding each part apart would have missed in some of these games


def test_the_debrief_and_the_leaderboard_write_parts_that_add_up():
    games = [play_bot(Session(load("tutorial"), seed), bot) for seed, bot in ((5, "adaptive"), (5, "balanced"))]
    board = leaderboard([(f"T{k}", s, None) for k, s in enumerate(games)])
    for s in games:
        parts = debrief.score_parts(s)
        assert f"{sum(p.points for p in parts):.1f}" == f"{s.score():.1f}" == debrief.debrief(s).score_heading.split()[-1]
    for e in board.entries:
        assert f"{sum(p.points for p in e.parts):.1f}" == f"{e.score:.1f}"
