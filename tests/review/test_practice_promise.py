"""What the review promises a practice (s7 player 3, finding 4): a player followed the better decision in a
practice and got +2.8 where the review said 7.1 points were lost. The costly turn now says what a practice
from that turn gets when the player repeats their later decisions: played here through a real practice copy,
the very game the player would play, it must score exactly that."""

from __future__ import annotations

import math

import pytest

from game.analysis.review import practice_line, review
from game.autoplay import play_bot
from game.practice import practice_copy
from game.scenario.loader import load
from game.session import DecisionError, Session
from game.views.review import review_view, text_lines


@pytest.fixture(scope="module")
def reviewed():
    s = play_bot(Session(load("tutorial"), 4), "leadership")
    return s, review(s)


def test_a_practice_repeating_your_later_decisions_scores_what_the_review_says(reviewed):
    s, r = reviewed
    view = review_view(s, r)
    assert view.costliest, "the leadership bot's tutorial has costly turns"
    for c in view.costliest:
        tr = r.turns[c.turn - 1]
        copy = practice_copy(s, c.turn, tr.best)
        copy.decide(tr.best)
        for d in s.log[c.turn:]:
            if copy.done:
                break
            try:
                copy.decide(d)
            except DecisionError:
                pytest.skip("a later decision is not open after the better one (strong play's is taken then)")
        assert copy.score() == pytest.approx(c.practice_value, abs=1e-9)
        assert practice_line(s, r, c.turn) == (pytest.approx(copy.score(), abs=1e-9), 0)
        said = c.practice_words
        assert f"Practise turn {c.turn} with the decision to do instead and repeat your later decisions: {copy.score():.1f}" in said
        gain = copy.score() - s.score()
        assert (f"{abs(gain):.1f} {'more' if gain > 0 else 'less'} than your score" in said) or abs(gain) < 0.05
        assert f"The {c.loss:.1f} points lost need strong play's later moves too." in said
        assert any(said in line.text for line in text_lines(view)), "the text review says it under the turn"


def test_no_practice_figure_where_yours_was_the_best(reviewed):
    from game.views.review.costly import CostlyTurn

    c = CostlyTurn(1, "a", "a", 0.0, 1.0, 1.0, None, None, None, None)
    assert math.isnan(c.practice_value) and c.practice_words == ""


def test_one_costly_turn_is_titled_without_the_apart_rule():
    """The rule that shown turns are 2 turns apart explains what was left out; with one costly turn nothing was."""
    from game.views.review import ReviewView
    from game.views.review.costly import CostlyTurn

    c = CostlyTurn(10, "a", "b", 9.0, 790.0, 799.0, None, None, None, None)
    one = ReviewView(785.0, 812.0, True, "expert", (812.0,), (), (), (c,), (), (), costly_turns=1, costly=(c,))
    assert one.costliest_title == "The costliest turns (the one turn that lost 5 points or more)"
    two = ReviewView(785.0, 812.0, True, "expert", (812.0,), (), (), (c,), (), (), costly_turns=2, costly=(c, c))
    assert "at least 2 turns apart" in two.costliest_title
