"""views.targets: the win's and the losses' lines on the gauges, and the coarse standing of each hidden
driver the goal or a loss names (a new player's finding 3: on Standard the goal named process maturity,
which the dashboard never showed)."""

from __future__ import annotations

import pytest

from game.scenario.loader import load
from game.session import Decision, Session
from game.views import dashboard
from game.views.targets import Standing, gauge_targets, hidden_goals, targets

from kit import loaded, quiet

ENDINGS = [
    {"id": "chaos", "title": "Chaos", "kind": "loss", "when": "process < 10 and efficiency < 40"},
    {"id": "numb", "title": "Nobody cares", "kind": "loss", "when": "initiative < 20"},
    {"id": "broke", "title": "Broke", "kind": "loss", "when": "budget <= 0"},
    {"id": "win", "title": "Thriving", "kind": "win", "at_end": True,
     "when": "morale >= 55 and process >= 30"},
    {"id": "done", "title": "Done", "kind": "neutral", "at_end": True},
]


def game(process: float, initiative: float = 60, difficulty: str = "standard") -> Session:
    data = quiet(endings=ENDINGS)
    data["metrics"]["process"]["start"] = process
    data["metrics"]["initiative"]["start"] = initiative
    data["actions"].append({"id": "tidy", "title": "Tidy", "category": "management", "effects": {"process": 5},
                            "diminishing": 1})
    return Session(loaded(data), 1, difficulty)


def goal_of(session, metric):
    return next(g for g in hidden_goals(session) if g.metric == metric)


@pytest.mark.parametrize("process, standing, word", [
    (45, Standing.CLEAR, "on track"),  # 15 above the win's 30: clear of a tenth of the range (10)
    (33, Standing.AT_RISK, "at risk"),  # on the right side, within 10
    (29, Standing.OFF, "below the goal"),
    (8, Standing.OFF, "below the goal"),  # below the win's line AND past the loss's: the win's word first
])
def test_a_hidden_driver_in_the_win_says_on_track_at_risk_or_below_the_goal(process, standing, word):
    g = goal_of(game(process), "process")
    assert (g.standing, g.word, g.text) == (standing, word, f"Process maturity: {word}")


def test_a_loss_line_says_safe_near_or_past_it_and_a_compound_loss_says_what_else_it_needs():
    assert goal_of(game(50, initiative=60), "initiative").text == "Ownership: safe"
    near = goal_of(game(50, initiative=24), "initiative")
    assert (near.standing, near.word) == (Standing.AT_RISK, "near the loss line, below 20")  # the line, said
    assert "It ends as a loss ('Nobody cares'): below 20: near the loss line" in near.explanation
    both = goal_of(game(8), "process")
    assert "It ends as a loss ('Chaos'): below 10 while Efficiency is below 40: past the loss line" in both.explanation
    assert "To win ('Thriving'): at least 30 at the end of the last turn: below the goal" in both.explanation


def test_the_standing_never_gives_the_hidden_number_away_and_is_the_same_on_every_difficulty():
    for difficulty in ("guided", "standard", "expert"):
        g = goal_of(game(37), "process")
        assert "37" not in g.text + g.explanation and g.word == "at risk", difficulty
    assert [g.metric for g in hidden_goals(game(37))] == ["process", "initiative"]  # only those an ending names


def test_the_standing_follows_the_game_turn_by_turn():
    s = game(27)
    assert goal_of(s, "process").word == "below the goal"
    s.decide(Decision(actions=("tidy",)))  # a quiet scenario: process 27 + 5 = 32
    assert goal_of(s, "process").word == "at risk"
    s.decide(Decision(actions=("tidy",)))
    s.decide(Decision(actions=("tidy",)))  # 42
    assert goal_of(s, "process").word == "on track"
    assert dashboard.dashboard(s).hidden_goals == hidden_goals(s)


def test_gauges_mark_the_win_and_the_losses_their_metric_alone_decides():
    sc = game(40).scenario
    assert [t.label for t in gauge_targets(sc, "morale")] == ["win ≥ 55"]
    assert [t.label for t in gauge_targets(sc, "budget")] == ["loss ≤ 0k"]  # with the unit, as the value
    assert [t.label for t in targets(sc, "efficiency")] == ["loss < 40"]  # with process below 10 only:
    assert gauge_targets(sc, "efficiency") == ()  # not drawn as a line on its own
    rows = {m.id: m for m in dashboard.dashboard(game(40)).metrics}
    assert [t.label for t in rows["morale"].marks] == ["win ≥ 55"]


def test_startups_process_maturity_goal_is_watched_from_the_first_turn():
    s = Session(load("startup"), 1, "standard")
    texts = [g.text for g in dashboard.dashboard(s).hidden_goals]
    assert texts == ["Process maturity: at risk", "Ownership: safe"]  # process 30 against the win's 24


def crisis_game(budget: float) -> Session:
    data = quiet(crises=[
        {"id": "squeeze", "title": "Cash squeeze", "start": "budget < 25", "end": "budget > 50",
         "per_turn": {"morale": -1}},
        {"id": "burnout", "title": "Burnout", "start": "stress > 75", "end": "stress < 50"}])  # hidden: unsaid
    data["metrics"]["budget"].update(start=budget, min=-50, max=200)
    data["actions"].append({"id": "spend", "title": "Spend", "category": "management", "cost": {"budget": 5},
                            "effects": {"efficiency": 1}, "diminishing": 1})
    data["actions"].append({"id": "splurge", "title": "Splurge", "category": "management", "cost": {"budget": 20},
                            "effects": {"efficiency": 1}, "diminishing": 1})
    return Session(loaded(data), 1, "standard")


def test_a_crisis_on_a_visible_metric_is_said_in_the_help_with_the_rule_of_its_warning():
    from game.views.help import help_view
    from game.views.targets import crisis_lines, crisis_warnings

    s = crisis_game(51)
    assert [c.crisis for c in crisis_lines(s.scenario)] == ["squeeze"]  # stress is hidden: not listed
    assert [m.label for r in dashboard.dashboard(s).metrics for m in r.crisis_marks] == ["crisis < 25k"]
    said = " ".join(sp.text for p in help_view("terminal", scenario=s.scenario).paragraphs for sp in p)
    assert "The crisis 'Cash squeeze' begins at Budget below 25k (it ends at Budget above 50k)" in said
    assert ("The turn screen warns of a crisis when its metric is close to the line (Budget within 10k) or is "
            "heading for it fast enough to cross it within 3 turns, at its pace over the last 2 turns") in said
    assert crisis_warnings(s) == ()


def test_a_slow_fall_far_from_the_line_is_not_warned_of_every_turn():
    """s6 player 2, finding 9: 'Budget 46.7k: the crisis begins below 25k' on every turn from 50k down (the
    band was a tenth of the range, 25k), so the player learned to ignore it. 5k a turn from 51k is four
    turns and more from the line: no warning until it is near (10k) or three turns away."""
    from game.views.targets import crisis_warnings

    s = crisis_game(51)
    seen = []
    while not s.active_crises():
        s.decide(Decision(actions=("spend",)))
        seen.append((round(s.value("budget")), [w.text for w in crisis_warnings(s)]))
    assert seen[:2] == [(46, []), (41, [])]  # 21k and 16k away at 5k a turn: 4 and 3.2 turns
    assert seen[2] == (36, ["Budget 36.0k, down 5.0k a turn: the crisis 'Cash squeeze' begins below 25k in about "
                            "2 turns"])
    assert seen[3][1] == ["Budget 31.0k, down 5.0k a turn: the crisis 'Cash squeeze' begins below 25k in about 1 "
                          "turn"]
    assert seen[4][1] == ["Budget 26.0k, down 5.0k a turn: the crisis 'Cash squeeze' begins below 25k next turn"]
    assert s.active_crises() == ["squeeze"] and crisis_warnings(s) == ()  # on: no longer a warning


def test_a_fast_fall_is_warned_of_far_from_the_line_and_a_steady_metric_only_when_near():
    from game.views.targets import crisis_warnings

    s = crisis_game(80)
    s.decide(Decision(actions=("splurge",)))  # 80 -> 60: 35k away, but 20k a turn
    (w,) = crisis_warnings(s)
    assert w.turns == pytest.approx(35 / 20) and "down 20.0k a turn" in w.text and "in about 2 turns" in w.text
    s = crisis_game(33)  # near (8k away), not moving: said without a pace
    s.decide(Decision(()))
    assert [w.text for w in crisis_warnings(s)] == ["Budget 33.0k: the crisis 'Cash squeeze' begins below 25k"]
    s = crisis_game(36)  # 11k away and steady: not yet
    s.decide(Decision(()))
    assert crisis_warnings(s) == ()


def equality_game(budget: float) -> Session:
    """A scenario whose crisis starts on an equality: 'budget == 25' (warned within 4% of 250: 10k)."""
    data = quiet(crises=[{"id": "even", "title": "Break-even panic", "start": "budget == 25", "end": "budget > 80",
                          "per_turn": {"morale": -1}}])
    data["metrics"]["budget"].update(start=budget, min=-50, max=200)
    return Session(loaded(data), 1, "standard")


@pytest.mark.parametrize("budget, warned", [
    (80, False),  # 55 above the line: far
    (36, False),  # 11 above: just outside the band
    (30, True),  # 5 above: within it
    (20, True),  # 5 below: within it too, an equality is reached from either side
    (-10, False),  # 35 below: far
])
def test_a_crisis_on_an_equality_is_warned_of_only_within_the_band_either_side(budget, warned):
    from game.views.targets import crisis_warnings

    s = equality_game(budget)
    assert s.active_crises() == []
    said = [w.text for w in crisis_warnings(s)]
    assert said == ([f"Budget {budget:.1f}k: the crisis 'Break-even panic' begins exactly 25k"] if warned else [])


def test_a_loss_on_an_equality_is_near_only_within_the_band_either_side():
    from game.views.targets import distance_to_line, standing_of

    data = quiet(endings=[{"id": "flat", "title": "Flat", "kind": "loss", "when": "process == 30"},
                          {"id": "done", "title": "Done", "kind": "neutral", "at_end": True}])
    sc = loaded(data).scenario
    (t,) = targets(sc, "process")
    assert [distance_to_line(t.clause, x, 99.0) for x in (40, 20, 30)] == [10, 10, 0]
    assert standing_of(sc, t, 70) is Standing.CLEAR and standing_of(sc, t, 25) is Standing.AT_RISK
    assert standing_of(sc, t, 35) is Standing.AT_RISK


def test_the_rest_of_a_loss_is_worded_as_the_goal_words_each_clause():
    """One wording of a clause (goal.clause_words): a hidden driver in the rest of a loss is named as the goal
    names it, 'the hidden driver Process maturity'."""
    from game.views.goal import clause_words, condition

    sc = game(40).scenario
    (eff,) = targets(sc, "efficiency")
    (process, _) = condition("process < 10 and efficiency < 40").clauses
    assert eff.others == (clause_words(sc, process, verb="is"),) == ("the hidden driver Process maturity is below 10",)
    assert eff.sentence(sc) == "It ends as a loss ('Chaos'): below 40 while the hidden driver Process maturity is below 10"


def test_a_crisis_on_is_said_with_the_metrics_titles_on_the_dashboard_as_in_the_debrief():
    """One wording of what a crisis brings each turn (goal.per_turn_words): the dashboard wrote the ids
    ('stress +3/turn'), the debrief the titles."""
    from game.views.goal import per_turn_words

    data = quiet(crises=[{"id": "squeeze", "title": "Cash squeeze", "start": "budget < 25", "end": "budget > 50",
                          "per_turn": {"stress": 3, "budget": -2, "morale": -1.5}}])
    data["metrics"]["budget"]["start"] = 10
    s = Session(loaded(data), 1, "standard")
    s.decide(Decision(actions=()))
    assert s.active_crises() == ["squeeze"]
    (c,) = dashboard.dashboard(s).crises
    assert c.per_turn == per_turn_words(s.scenario, s.scenario.crises[0].per_turn)
    assert c.per_turn == "Stress +3, Budget -2k and Morale -1.5 a turn"
    assert per_turn_words(s.scenario, {}) == ""
