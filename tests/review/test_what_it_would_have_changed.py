"""'It would have changed' leads with what made the better decision better and says the trade-off; past a score
limit (`score: enough`) a higher value is said to add nothing (s6 player 2, findings 2 and 3, closing6 "Left")."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.analysis.review import review
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session
from game.views import review as vr


@pytest.fixture(scope="module")
def games():
    out = []
    for name, seed, bot in (("scaleup", 4, "balanced"), ("tutorial", 3, "balanced")):
        s = play_bot(Session(load(name), seed), bot)
        r = review(s)
        out.append((s, r, vr.review_view(s, r)))
    return out


def bonus(session: Session, ending: int) -> float:
    sc, kinds = session.scenario.score, [e.kind for e in session.rules.endings]
    kind = kinds[ending] if ending >= 0 else "running"
    return sc.win_bonus * (kind == "win") - sc.loss_penalty * (kind == "loss")


def test_each_metrics_points_and_the_ending_add_up_to_the_turns_loss(games):
    """The points a metric is said to add are its real share of the score: with the ending's bonus they add
    up to the difference the review measured, on every costly turn whose lines were not lost."""
    checked = 0
    for s, r, v in games:
        for c in v.costly:
            tr = r.turns[c.turn - 1]
            points = vr.metric_points(s, tr)
            if points is None:
                continue
            total = float(points.sum()) + bonus(s, tr.best_ending) - bonus(s, tr.chosen_ending)
            assert total == pytest.approx(tr.best_value - tr.chosen_value, abs=0.05), c.turn
            checked += 1
    assert checked >= 4


def test_the_changes_lead_with_what_made_it_better_and_the_trade_off_comes_last(games):
    seen_cost = 0
    for s, r, v in games:
        for c in v.costly:
            text = c.changes
            good, _, cost = text.partition(f"; {vr.TRADE_OFF} ")
            assert "worse for you" not in good, text  # nothing worse before the trade-off
            if cost:
                seen_cost += 1
                assert "better for you" in good or "the game ends" in good or vr.LOST_LATER in good, text
            for g in c.gains:  # the metrics that added most, most first, each said with its points
                assert g.better and g.points >= vr.POINTS_SHOWN and f"about {round(g.points)} point" in g.words
            assert [g.points for g in c.gains] == sorted((g.points for g in c.gains), reverse=True)
            if c.gains and not (c.better_ending and c.better_ending != c.chosen_ending):
                assert text.startswith(c.gains[0].words), text
    assert seen_cost >= 1


def test_a_better_decision_with_only_worse_widest_changes_still_says_what_it_gained():
    """Scale-up turn 5 of player 2: 'would have changed: leadership skill 14 lower (worse); Stress 12 higher
    (worse)', the budget it gained only two screens later. Built from its parts: the gain comes first."""
    worse_skill = vr.Change("leadership_skill", "Your leadership skill", False, -14, False, 5)
    worse_stress = vr.Change("stress", "Stress", True, 12, False, 5)
    budget = vr.Change("budget", "Budget", False, 21, True, 7, "k", points=9.6)
    c = vr.CostlyTurn(5, "mine", "better", 12.0, 700.0, 712.0, None, None, worse_skill, worse_stress,
                      gains=(budget,))
    assert c.changes == ("Budget 21k higher by turn 7 (better for you: about 10 points more in the score); "
                         f"{vr.TRADE_OFF} Your leadership skill 14 lower by turn 5 (worse for you); the hidden "
                         "driver Stress 12 higher by turn 5 (worse for you).")
    alone = dataclasses.replace(c, gains=())
    assert alone.changes.startswith("small gains spread over many metrics") and vr.TRADE_OFF in alone.changes


def test_past_the_score_limit_a_higher_budget_is_said_to_add_nothing(games):
    """Scale-up counts budget up to 100k. Both lines of a real costly turn, moved past it, say so, and the
    budget then adds no points (the model's own capped positions), where below it they do."""
    s, r, v = games[0]
    assert float(s.scenario.score.enough["budget"]) == 100
    c = next(c for c in v.costly if any(g.metric == "budget" for g in c.gains))
    tr = r.turns[c.turn - 1]
    i = s.rules.index["budget"]
    rich = dataclasses.replace(tr, best_path=tr.best_path.copy(), chosen_path=tr.chosen_path.copy())
    rich.chosen_path[:, i] += 150 - rich.chosen_path[:, i].min()  # both lines far past 100k all along
    rich.best_path[:, i] = rich.chosen_path[:, i] + 20
    changed = vr._changes(s, rich)[0]
    budget = next(ch for ch in changed if ch.metric == "budget")
    assert budget.past_cap == 2 and budget.cap == "100k" and budget.better
    assert budget.words == f"Budget 20k higher by turn {budget.by_turn} (past 100k, where it no longer adds to the score)"
    assert vr.metric_points(s, rich)[i] == pytest.approx(0.0, abs=1e-9)
    assert all(g.metric != "budget" for g in vr._changes(s, rich)[1])  # never a gain
    below = next(g for g in c.gains if g.metric == "budget")  # the real turn, below the limit: it counts
    assert below.past_cap < 2 and "better for you: about" in below.words
    half = dataclasses.replace(budget, past_cap=1)
    assert "though the score counts it only up to 100k" in half.words
    assert np.isfinite(budget.points)


def test_an_answers_difference_past_the_score_limit_says_it_adds_nothing(games):
    """The event notes ('against X it left Budget 28k lower (worse for you)') judge a difference as the
    costliest turns do: with both games past scale-up's 100k budget, it adds nothing to the score."""
    s = games[0][0]
    i = s.rules.index["budget"]
    diff, rich, richer = (np.zeros(len(s.rules.metrics)) for _ in range(3))
    diff[i], rich[i], richer[i] = 20.0, 110.0, 130.0
    assert vr.differences_words(s, diff, judged=True, lines=(richer, rich)) == \
        "Budget 20k higher (both past 100k, where it no longer adds to the score)"
    poor = rich.copy()
    poor[i] = 90.0  # one game below the limit: the difference still counts, up to it
    assert vr.differences_words(s, diff, judged=True, lines=(richer - 20, poor)) == "Budget 20k higher (better for you)"
    assert vr.differences_words(s, diff, judged=True) == "Budget 20k higher (better for you)"
