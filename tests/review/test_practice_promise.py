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


PLAYER4 = __import__("pathlib").Path(__file__).parent.parent / "data" / "s7_player4_scaleup.json"


@pytest.fixture(scope="module")
def player4():
    """s7 player 4's scale-up game (their save): every turn good, the line 'fell most at turn 12', and a
    practice from there scored 3.9 fewer than the original with nothing said beforehand (finding 1)."""
    from game import saves
    s = saves.load(PLAYER4)
    return s, review(s)


def test_every_turn_offered_says_what_its_practice_gets_and_warns_of_a_decision_it_makes_impossible(player4):
    """Every turn may be practised (the terminal asks 1-30, the window's 'Try turn N again' any turn): each one
    with a better decision says what a real practice copy gets repeating the player's later decisions; where
    one of them is then not open (a card resting) it warns, naming that turn, and the copy refuses it there."""
    s, r = player4
    view = review_view(s, r)
    assert not view.costliest, "the player's game has no costly turn: the promise must not hang on one"
    warned = 0
    for row in view.turns:
        tr = r.turns[row.turn - 1]
        if not row.better:
            assert row.practice == ""
            continue
        copy = practice_copy(s, row.turn, tr.best)
        copy.decide(tr.best)
        blocked = []
        for t, d in enumerate(s.log[row.turn:], start=row.turn + 1):
            if copy.done:
                break
            try:
                copy.decide(d)
            except DecisionError:
                blocked.append(t)
                break
        if blocked:
            warned += 1
            assert f"makes your decision of turn {blocked[0]} impossible there (turn {blocked[0]}: '" in row.practice
        else:
            assert "Warning" not in row.practice
            assert f"repeat your later decisions: {copy.score():.1f}, " in row.practice, row.practice
    assert warned, "on this game the better decision at turns 10, 26 and 28 leaves a card resting"
    row12 = view.turns[11]
    assert "repeat your later decisions: 785.9, 4.0 less than your score (789.9)." in row12.practice
    assert "It fell most at turn 12" in view.evaluation_note and row12.practice in view.evaluation_note
    assert any(row12.practice in line.text for line in text_lines(view)), "the end of play says it"
