"""Strong play's own choice beside the better decision (a new player's s6 finding 3).

The review blamed a player for taking the Leadership course on a turn where strong play took the very course
too, and only --json said so; the tutorial teaches to invest in skills first. At such a turn the candidate search
finds a decision better than strong play's own (on the same luck, strong play after each): the review now says
so, shows strong play's choice and its score beside 'better' everywhere a costly turn is shown, says when the
player's choice IS strong play's, and says when the better line takes the course it left out.
Fixed seeds: the player's first scale-up decision on seed 3 and tutorial seed 12, where strong play's own first
decision loses 10 points against the best one found. (On the player's own seed, 47915, the search made after
scale-up's exhaustion arrived finds a better first decision that takes the course too, so the situation this
checks no longer arises there; seed 3 is the first seed where it does.)"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from game.analysis.review import review
from game.autoplay import play_bot
from game.commands.review import print_review
from game.scenario.loader import load
from game.session import Decision, Session
from game.terminal.end import review_panel
from game.ui.markup import plain
from game.ui.scenes.review import review_html
from game.views import controls as C
from game.views.review import STRONG_REFERENCE, STRONG_SAME_BEATEN, decision_words, review_view, text_lines

PLAYER_FIRST = Decision(("leadership_course", "management_course", "share_vision"))


def one_turn(scenario: str, seed: int, first: Decision | None = None):
    s = Session(load(scenario), seed)
    if first is None:  # strong play's own first decision
        from game.analysis.review import _as_decision, _bot_first_move, continuation_policy

        rules = s.rules
        first = _as_decision(rules, s.state, *_bot_first_move(rules, s.state, continuation_policy(rules)))
    s.decide(first)
    r = review(s)
    return s, r, review_view(s, r)


def shown_everywhere(s, v, text: str, window: str | None = None) -> None:
    """The text review, the window's review (`window`: its own label before the same words) and the
    terminal's end panel all say it."""
    flat = " ".join(" ".join(ln.text for ln in text_lines(v)).split())
    assert " ".join(text.split()) in flat
    assert plain(window or text) in review_html(v)
    out = io.StringIO()
    Console(file=out, width=300).print(review_panel(v, None))
    assert " ".join(text.split()) in " ".join(out.getvalue().replace("│", " ").split())


def first_turn_on(s: Session, decision: Decision, action: str) -> int | None:
    """The first turn after turn 1 at which strong play takes `action` in the game that takes `decision` first
    (an independent replay through the session, not the review's own loop)."""
    game = Session(s.loaded, s.seed, s.difficulty)
    game.decide(decision)
    play_bot(game, "expert")
    return next((t for t, d in enumerate(game.log[1:], 2) if action in d.actions), None)


@pytest.fixture(scope="module")
def scaleup():
    return one_turn("scaleup", 3, PLAYER_FIRST)


def test_strong_plays_own_choice_stands_beside_the_better_one(scaleup):
    s, r, v = scaleup
    tr, c = r.turns[0], v.costly[0]
    assert c.turn == 1 and c.loss >= 5 and c.strong == decision_words(s, tr.strong)
    # the situation the player met: strong play took the course too, the better decision does without it
    assert "leadership_course" in tr.strong.actions and "leadership_course" not in tr.best.actions
    assert tr.best_value > tr.strong_value > tr.chosen_value
    assert not c.strong_is_yours and not c.strong_is_better
    assert c.strong_words == f"{c.strong} (it reaches {tr.strong_value:.0f})"
    shown_everywhere(s, v, f"{STRONG_REFERENCE} {c.strong_words}", f"{C.COSTLY_STRONG} {c.strong_words}")
    assert f", strong play's own choice {tr.strong_value:.0f} and yours {tr.chosen_value:.0f}" in c.numbers


def test_the_better_line_says_when_it_takes_the_course_it_left_out(scaleup):
    s, r, v = scaleup
    c, tr = v.costly[0], r.turns[0]
    when = first_turn_on(s, tr.best, "leadership_course")
    assert when is not None and when > 1
    assert ("Leadership course", when) in c.later
    assert f"takes Leadership course on turn {when}" in c.later_words and "does not drop" in c.later_words
    shown_everywhere(s, v, c.later_words)


def test_a_turn_that_took_strong_plays_own_choice_says_so():
    s, r, v = one_turn("tutorial", 12)
    tr = r.turns[0]
    assert tr.loss >= 5 and tr.label != "good"  # strong play's own choice, and still a loss against the best found
    c, row = v.costly[0], v.turns[0]
    # one recommendation, strong play a reference that says why the turn lost (s7 player 3, finding 3: 'inaccuracy
    # ... (strong play chose the same)' beside 'better: ...' read as a contradiction)
    assert c.strong_is_yours and c.title == f"Turn 1: {tr.loss:.0f} points lost"
    assert c.strong_words == STRONG_SAME_BEATEN and "the one to do instead did better" in c.strong_words
    assert "yours {:.0f} (strong play's own choice too)".format(tr.chosen_value) in c.numbers
    assert "strong play" not in row.numbers and row.strong_text == STRONG_SAME_BEATEN
    shown_everywhere(s, v, c.title)
    shown_everywhere(s, v, f"{STRONG_REFERENCE} {STRONG_SAME_BEATEN}", f"{C.COSTLY_STRONG} {STRONG_SAME_BEATEN}")


@pytest.mark.parametrize("width", [80, 140])
def test_leadsim_review_in_a_terminal_fits_its_width(scaleup, width):
    s, r, v = scaleup
    out = io.StringIO()
    print_review(s, r, Console(file=out, width=width, force_terminal=True, highlight=False))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()
    assert all(len(line) <= width for line in lines)
    assert any(line.startswith("Turn 1: ") for line in lines)  # each turn as a few lines when the table is too wide


def test_leadsim_review_into_a_file_keeps_every_decision_on_one_line(scaleup):
    s, r, v = scaleup
    out = io.StringIO()  # not a terminal
    print_review(s, r, Console(file=out, width=80))
    text = out.getvalue()
    assert "\x1b[" not in text
    lines = text.splitlines()
    for row in v.turns:
        assert f"    you chose: {row.chosen}" in lines and f"    strong play chose: {row.strong_text}" in lines
        assert f"    do instead: {row.better or 'nothing: yours was the best found'}" in lines
    assert any(len(line) > 80 for line in lines)  # not squeezed into 80 columns
