"""Turns left empty are named as such (s7 player 3, finding 2): two turns with no action read 'good, 1.1 points
lost' and the player concluded nothing mattered in the second half. The chosen decision says the action points
it left unused, and the review says what doing nothing cost there and, measured on the same game, what an empty
turn early would have cost."""

from __future__ import annotations

import pytest

from game.analysis.review import review
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Decision, Session
from game.views.review import review_view, text_lines


@pytest.fixture(scope="module")
def idle_late():
    """A scale-up game of strong play with turns 26 and 27 left empty, as the player's were."""
    s = Session(load("scaleup"), 885549)
    from game.analysis.review import _as_decision, _bot_first_move, continuation_policy

    decide = continuation_policy(s.rules)
    while not s.done:
        if s.turn + 1 in (26, 27):
            s.decide(Decision((), s.event.choices[0].id if s.event else None))
        else:
            s.decide(_as_decision(s.rules, s.state, *_bot_first_move(s.rules, s.state, decide)))
    r = review(s)
    return s, r, review_view(s, r)


def test_an_empty_turn_says_its_action_points_were_unused(idle_late):
    s, r, v = idle_late
    n = s.rules.action_points
    for row in v.turns:
        empty = row.turn in (26, 27)
        assert row.chosen.endswith(f"({n} action points unused)") == empty
        assert row.chosen.startswith("no action") == empty


def test_the_review_says_what_doing_nothing_cost_and_that_it_is_not_a_good_move(idle_late):
    s, r, v = idle_late
    said = v.insights[0]
    assert said.startswith("You left every action point unused on turn 26 and turn 27: doing nothing is not a good "
                           "move")
    late = [r.turns[t - 1].idle_cost for t in (26, 27)]
    assert all(0 <= c < 5 for c in late)
    assert f"There it cost {late[0]:.1f} and {late[1]:.1f} points against the best decision found." in said
    early = max(r.turns[:25], key=lambda t: t.idle_cost)
    assert early.idle_cost > 2 * max(late) + 1  # measured: late turns truly weigh little in this game
    assert (f"effects that land after turn 30 count for nothing); an empty turn {early.turn} would have cost "
            f"{early.idle_cost:.1f}.") in said
    assert any(line.text == f"• {said}" for line in text_lines(v))


def test_no_such_words_when_every_turn_did_something():
    s = play_bot(Session(load("tutorial"), 4), "leadership")
    v = review_view(s, review(s))
    assert not any("unused" in row.chosen for row in v.turns)
    assert not any(i.startswith("You left every action point unused") for i in v.insights)
