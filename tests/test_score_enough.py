"""`score: enough`: past a set value a metric adds nothing more to the score (s6 player, finding 4).

In scale-up the review's biggest lesson was to overwork the team for money the company did not need: the
player ended with 154k against a 40k win line, and budget counted along its whole scale up to 200k, so the
rush's +25k bought more points than the stress and morale it cost. Scale-up now counts budget up to 100k.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.review import LABELS, _as_arrays, candidate_decisions, continuation_policy, play_candidates
from game.model.batch import play_batch
from game.model.bots import policy
from game.model.rules import compile_rules
from game.model.scoring import SCALE, positions
from game.scenario.problems import ScenarioError
from game.scenario.loader import load, load_text_bytes
from game.session import Decision, Session
from game.views import goal
from game.views.debrief import score_scale


def _without_enough(scenario):
    return scenario.model_copy(update={"score": scenario.score.model_copy(update={"enough": {}})})


def test_budget_past_enough_adds_nothing_and_nothing_else_changes():
    """The same games scored with and without the limit: only budget's part differs, by exactly what the
    budget path held past 100k (positions() is the kernel's own rule: one copy)."""
    s = load("scaleup").scenario
    assert s.score.enough == {"budget": 100}
    capped, plain = compile_rules(s), compile_rules(_without_enough(s))
    # The heuristic bots never reach 100k in scale-up (they spend it); random play sometimes does.
    a = play_batch(capped, policy("random"), 11, 1000, keep_path=True)
    b = play_batch(plain, policy("random"), 11, 1000, keep_path=True)
    assert np.array_equal(a.trajectory, b.trajectory) and np.array_equal(a.ending, b.ending)
    for m in ("morale", "efficiency", "ending"):
        assert np.array_equal(a.parts[m], b.parts[m])
    bi = capped.index["budget"]
    played = np.arange(1, capped.turns + 1)[None, :] <= a.ended_at[:, None]
    x = a.trajectory[:, 1:capped.turns + 1]
    share = SCALE * capped.score_weights[bi] / np.abs(capped.score_weights).sum() / capped.turns
    for rules, result in ((capped, a), (plain, b)):
        pos = np.stack([positions(rules, x[:, t])[:, bi] for t in range(rules.turns)], axis=1)
        assert result.parts["budget"] == pytest.approx(share * (pos * played).sum(axis=1), abs=1e-6)
    over = ((x[:, :, bi] > 101) & played).any(axis=1)  # games that held 1k or more past 100k while playing
    assert over.sum() >= 10, "random play should reach 100k in some games"
    assert (b.parts["budget"] - a.parts["budget"] > 0.004)[over].all()
    assert (b.parts["budget"] == a.parts["budget"])[~((x[:, :, bi] > 100) & played).any(axis=1)].all()
    at_cap = (100 - capped.lo[bi]) / (capped.hi[bi] - capped.lo[bi])
    assert capped.score_top[bi] == pytest.approx(at_cap) and plain.score_top[bi] == 1.0


def test_other_scenarios_keep_their_whole_scales():
    for name in ("tutorial", "startup", "mature", "agency", "ward"):
        rules = compile_rules(load(name).scenario)
        assert (rules.score_top == 1.0).all(), name
        assert "counts up to" not in goal.score_line(rules.scenario)


def test_the_limit_is_said_where_the_score_is_explained():
    s = load("scaleup").scenario
    assert goal.enough_words(s) == "Budget counts up to 100k"
    assert "Budget counts up to 100k: more than that adds nothing." in goal.goal_text(s)
    assert score_scale(Session(load("scaleup"), 3)).endswith("Budget counts up to 100k: more than that adds nothing.")


@pytest.mark.parametrize("enough, message", [
    ("{budget: 100, nope: 3}", "unknown metric 'nope'"),
    ("{stress: 40}", "'stress' has no score weight"),
    ("{morale: 100}", "100 is not inside morale's range (0 to 100)"),
    ("{morale: -5}", "-5 is not inside morale's range (0 to 100)"),
    ("{budget: .inf}", "score.enough.budget"),
])
def test_a_bad_limit_is_refused_with_its_reason(enough, message):
    text = load("scaleup").text.replace("  enough: {budget: 100}\n", f"  enough: {enough}\n")
    assert text != load("scaleup").text
    with pytest.raises(ScenarioError) as err:
        load_text_bytes(text.encode(), "bad.yaml")
    assert any(message in p.message or message in str(p) for p in err.value.problems), err.value.problems


# The s6 player's scale-up game (seed 47915, Standard) up to turn 14, where "A big customer calls".
PLAYER_SEED = 47915
PLAYER_LOG = [
    ("leadership_course", "management_course", "share_vision"), ("empower", "coach", "inspire"),
    ("encourage_risk", "organize", "set_goals"), ("share_vision", "inspire", "coach"),
    ("empower", "plan_work", "control_budget"), ("leadership_course", "coach", "set_goals"),
    ("share_vision", "inspire", "control_budget"), ("encourage_risk", "empower", "set_goals"),
    ("management_course", "coach", "control_budget"), ("share_vision", "inspire", "organize"),
    ("leadership_course", "empower", "set_goals"), ("encourage_risk", "coach", "control_budget"),
    ("share_vision", "inspire", "plan_work"),
]
CHOICES = {9: "mediate"}


def test_pushing_the_team_hard_for_unneeded_money_is_no_big_lesson_in_the_players_game():
    """The player's own game, their own actions at turn 14, strong play after it on the same luck: the rush
    was worth 10.7 points more than negotiating while budget counted to 200k (18.4 with the best actions);
    now it must not be worth even an inaccuracy's points more than the best leadership-friendly answer."""
    game = Session(load("scaleup"), PLAYER_SEED, "standard")
    for t, acts in enumerate(PLAYER_LOG, 1):
        game.decide(Decision(acts, CHOICES.get(t)))
    assert game.event.id == "big_customer"
    rules, state = game.rules, game.state.copy()
    ids = [c.id for c in game.event.choices]
    mine = _as_arrays(rules, Decision(("empower", "organize", "set_goals"), "negotiate"), state)
    cands, _ = candidate_decisions(rules, state, [mine])  # the review's own candidates and strong play
    values, _, _ = play_candidates(rules, state, cands, continuation_policy(rules))
    worth = {ids[c]: float(values[i]) for i, (acts, c) in enumerate(cands) if acts == mine[0]}
    inaccuracy = dict(LABELS)["inaccuracy"]
    assert worth["accept_rush"] - max(worth["negotiate"], worth["decline"]) < inaccuracy, worth
    assert float(values.max()) - worth["negotiate"] < dict(LABELS)["mistake"], "turn 14 would still be a mistake"
