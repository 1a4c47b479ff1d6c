"""Turn reports as a player reads them: the numbers on a line agree as written, every cause is named.

"32.0 to 33.9, up 2.0" (each number rounded on its own) reads as an arithmetic
mistake; so does a list of causes that adds up to something else. These check
the words every front-end prints (game/views/report.py) over whole games.
"""

from __future__ import annotations

import re

import pytest

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import CauseKind, Session
from game.views import words
from game.views.report import turn_report

NESTED = re.compile(r"\([^()]*\(|\)\s*\(|\)\s*\)")  # "(a (b))", "(a) (b)"


def written(x: float) -> float:
    return float(f"{x:.1f}")


def reports(name: str, seed: int, policy: str):
    s = Session(load(name), seed, "guided")
    while not s.done:
        yield s, turn_report(s, s.decide(bot_decision(s, policy)))


@pytest.mark.parametrize("name,seed,policy", [("tutorial", 229453, "random"), ("startup", 5, "balanced"),
                                              ("ward", 9, "random")])
def test_the_numbers_on_a_report_line_agree_as_written(name, seed, policy):
    lines = 0
    for s, r in reports(name, seed, policy):
        for line in r.lines + r.skills:
            lines += 1
            before, after = line.span.replace(line.unit, "").split(" to ")
            shown_change = round(float(after) - float(before), 1)
            assert (before, after) == (f"{line.before:.1f}", f"{line.after:.1f}")
            if shown_change:
                want = f"{'up' if shown_change > 0 else 'down'} {abs(shown_change):.1f}{line.unit}"
            else:
                want = "no change"
            assert line.amount_words == want, (r.turn, line.title, line.span)
            assert line.change == shown_change  # the terminal and the web print this number
            amounts = [written(c.amount) for c in line.causes]
            assert round(sum(amounts), 1) == shown_change, (r.turn, line.title, [c.text for c in line.causes])
            assert 0.0 not in amounts, "a cause that rounds to 0.0 is not worth a place in the list"
    assert lines > 20


def test_every_cause_of_a_tenth_or_more_is_named_and_the_rest_is_explained():
    named = other = 0
    for s, r in reports("startup", 5, "random"):
        for line in r.lines:
            for c in line.causes:
                if c.kind is CauseKind.OTHER:
                    other += 1
                    assert c.text.startswith("Small effects together "), c.text
                    assert c is line.causes[-1]
                else:
                    named += 1
            kinds = [c.kind for c in line.causes]
            assert kinds.count(CauseKind.OTHER) <= 1
    assert named > 100


def test_no_report_sentence_has_doubled_parentheses():
    for name in ("tutorial", "startup", "mature"):
        for s, r in reports(name, 3, "random"):
            texts = [r.chose, r.hidden_text] + [c.text for line in r.lines + r.skills for c in line.causes]
            for text in texts:
                assert not NESTED.search(text), text


def test_amounts_are_shared_out_so_they_add_up_as_written():
    # 0.34 + 0.34 + 0.34 = 1.02, written 1.0: one of the three must give up a tenth
    assert sorted(words.tenths_adding_up([0.34, 0.34, 0.34], 1.0)) == [0.3, 0.3, 0.4]
    assert words.tenths_adding_up([2.46, -0.56], 1.9) == [2.5, -0.6]
    assert words.shown_change(31.96, 33.92) == 1.9  # written "32.0 to 33.9"
