"""Overwork has a lasting price in scale-up (s6 player, finding 4, after `score: enough`).

With the money limit alone the review still told a player to answer 'A big customer calls' with 'Accept and push
the team hard': its stress faded within a few turns and never reached the 60 where stress costs, and its -3
morale faded too. Scale-up's hidden `exhaustion` (scenario data, docs/authoring.md 'Give overwork a lasting
price') builds while stress stays above 40 and from the rush itself, fades by a tenth a turn, and drags
efficiency, morale and team skill meanwhile.
"""

from __future__ import annotations

from game.analysis.review import _as_arrays, candidate_decisions, continuation_policy, play_candidates
from game.scenario.loader import load
from game.session import Decision, Session
from game.views.report import turn_report

from test_score_enough import CHOICES, PLAYER_LOG, PLAYER_SEED

STEADY = ("set_goals", "plan_work", "empower")  # legal every turn: no cooldown, no money needed


def at_the_big_customer(difficulty: str = "standard") -> Session:
    game = Session(load("scaleup"), PLAYER_SEED, difficulty)
    for t, acts in enumerate(PLAYER_LOG, 1):
        game.decide(Decision(acts, CHOICES.get(t)))
    assert game.event.id == "big_customer"
    return game


def answered(choice: str, turns: int) -> Session:
    """The player's game from turn 14: `choice`, then the same steady actions, every later event given its first
    answer (a rush's follow-up: the recovery week)."""
    game = at_the_big_customer()
    game.decide(Decision(STEADY, choice))
    for _ in range(turns):
        game.decide(Decision(STEADY, game.event.choices[0].id if game.event else None))
    return game


def test_the_tiredness_of_a_rush_outlasts_its_stress():
    rush, calm = answered("accept_rush", 8), answered("negotiate", 8)
    assert calm.value("exhaustion") == 0  # stress never above 40: sensible play pays nothing
    assert abs(rush.value("stress") - calm.value("stress")) < 3  # the recovery week took the stress away ...
    assert rush.value("exhaustion") > 3  # ... not the exhaustion, which still costs
    assert rush.value("efficiency") < calm.value("efficiency") and rush.value("skill") < calm.value("skill")


def test_the_rush_is_worse_than_negotiating_in_the_players_game():
    """Their own actions at turn 14, strong play after it on the same luck (the review's own evaluation): the
    rush was worth +4.2 with the money limit alone (+10.7 before it); now it must lose to negotiating."""
    game = at_the_big_customer()
    rules, state = game.rules, game.state.copy()
    ids = [c.id for c in game.event.choices]
    mine = _as_arrays(rules, Decision(("empower", "organize", "set_goals"), "negotiate"), state)
    cands, _ = candidate_decisions(rules, state, [mine])
    values, _, _ = play_candidates(rules, state, cands, continuation_policy(rules))
    worth = {ids[c]: float(values[i]) for i, (acts, c) in enumerate(cands) if acts == mine[0]}
    assert worth["accept_rush"] < worth["negotiate"] - 3, worth
    best = max(range(len(cands)), key=lambda i: values[i])
    assert ids[cands[best][1]] != "accept_rush"


def test_the_turn_report_names_the_exhaustion_a_rush_leaves():
    for difficulty, said in (("standard", "Accept and push the team hard: stress up •••, exhaustion up •••"),
                             ("guided", "exhaustion up 10.0 (to 10)")):
        game = at_the_big_customer(difficulty)
        report = turn_report(game, game.decide(Decision(STEADY, "accept_rush")))
        assert said in report.hidden_text, report.hidden_text
