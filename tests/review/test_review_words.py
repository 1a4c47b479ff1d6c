"""What the review and the debrief say, against what the game really did (a fresh player's findings 1, 3, 4, 13
of 2026-12-01): the goal is stated, event answers are credited only with what they caused, the two scores of a
costly turn read against the real one, and the text evaluation line has a scale."""

from __future__ import annotations

import html
import re

import pytest

from game.analysis.review import review
from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Decision, DecisionError, Session
from game.views.briefing import briefing
from game.views.debrief import debrief
from game.views.goal import clause_words, condition
from game.views.help import help_view
from game.views.review import SPARKS, STRONG_REFERENCE, review_view, spark, text_lines


@pytest.fixture(scope="module")
def lost_win():
    """A leadership-only tutorial that ends 'Survived, but bruised': its costly turns lost the win."""
    s = play_bot(Session(load("tutorial"), 4), "leadership")
    return s, review_view(s, review(s))


def _win_parts(scenario) -> list[str]:
    """'Morale at least 68' for every 'morale >= 68' of a win ending, read from the file's own text."""
    out = []
    for e in scenario.endings:
        if e.kind == "win":
            for metric, number in re.findall(r"(\w+)\s*>=\s*(\d+)", e.when):
                spec = scenario.metrics[metric]
                out.append(f"{spec.title} at least {number}{spec.unit}")
    return out


@pytest.mark.parametrize("name", ["tutorial", "startup"])
def test_the_goal_is_stated_in_the_briefing_the_help_and_the_window_picker(name):
    """A fresh player lost a 100-point win bonus and was never told what counts as a win (finding 1)."""
    from game.ui.scenes.picker import scenario_html

    loaded = load(name)
    sc = loaded.scenario
    parts = _win_parts(sc)
    assert len(parts) >= 3
    help_text = " ".join(span.text for p in help_view("terminal", scenario=sc).paragraphs for span in p)
    for text in (briefing(Session(loaded, 1)).score, help_text, html.unescape(scenario_html(sc))):
        for part in parts:
            assert part in text, (part, text)
        assert all(f"'{e.title}'" in text for e in sc.endings if e.kind == "loss")  # what loses at once
        assert "1,000" in text  # how big the score is
    assert "Goal" not in " ".join(span.text for p in help_view("terminal").paragraphs for span in p)


@pytest.mark.parametrize("seed,bot", [(4, "leadership"), (5, "adaptive"), (8, "management")])
def test_the_debrief_says_what_the_win_needed_and_what_the_game_got(seed, bot):
    s = play_bot(Session(load("tutorial"), seed), bot)
    said = debrief(s).insights[0]
    win = next(e for e in s.scenario.endings if e.kind == "win")
    end = {m: float(s.history[-1][s.rules.index[m]]) for m in s.rules.metrics}
    met = {c: c.holds(end[c.metric]) for c in condition(win.when).clauses}
    for part in _win_parts(s.scenario):
        assert part in said
    if s.ending.kind == "loss":
        early = "early, on turn" if s.turn < s.scenario.turns else "after the last turn"
        assert said.startswith(f"The game ended {early}") and f"as a loss ('{s.ending.title}'" in said
        loss = next(e for e in s.scenario.endings if e.id == s.ending.id)
        for c in condition(loss.when).clauses:  # what ended it, with the game's own numbers
            assert not c.holds(end[c.metric]) or clause_words(s.scenario, c) + ":" in said
    elif s.ending.id == win.id:
        assert all(met.values()) and said.startswith("You won")
    else:  # the model did not give the win, so the words must name a part of the goal the game missed
        assert not all(met.values()) and "was missed" in said
        missed = said.split("; you had ")[1]
        for c, ok in met.items():
            title = s.scenario.metrics[c.metric].title
            assert (f"{title} {end[c.metric]:.0f}" in missed or f"{title} {end[c.metric]:.1f}" in missed
                    or not ok), (c, said)


def test_a_costly_moment_that_lost_the_win_says_which_part_of_the_goal_it_missed(lost_win):
    s, v = lost_win
    win = next(e for e in s.scenario.endings if e.kind == "win")
    lost = [c for c in v.costliest if c.better_ending == win.title and c.chosen_ending != win.title]
    assert lost
    r = review(s)
    for c in lost:
        tr = r.turns[c.turn - 1]
        assert c.lost_by and f"({c.lost_by})" in c.changes
        mine = {m: float(x) for m, x in zip(s.rules.metrics, tr.chosen_path[-1])}
        better = {m: float(x) for m, x in zip(s.rules.metrics, tr.best_path[-1])}
        for clause in condition(win.when).clauses:
            named = clause_words(s.scenario, clause) + ":" in c.lost_by
            assert named == (not clause.holds(mine[clause.metric]) and clause.holds(better[clause.metric]))


def test_the_two_scores_of_a_costly_turn_are_named_beside_the_real_score(lost_win):
    """'The game ends at 721 instead of 710' read as a contradiction next to a final score of 711 (finding 4)."""
    s, v = lost_win
    assert v.costliest
    for c in v.costliest:
        assert "ends at" not in c.title and f"{c.loss:.0f} points" in c.title
        strong = "" if c.strong_is_better or c.strong_is_yours else f", strong play's own choice {c.strong_value:.0f}"
        assert (f"reaches {c.best_value:.0f}{strong} and yours {c.chosen_value:.0f}" in c.numbers
                and "strong play after turn" in c.numbers and f"finished at {s.score():.0f}" in c.numbers)


def test_every_costly_turn_says_it_in_one_form_with_strong_plays_own_choice(lost_win):
    """'the better decision reaches 715 and yours 705; your own play finished at 698' beside 'the better
    decision reaches 712; yours, with your own play after it, finished at 698' read as two measures (s6
    finding 5); and strong play's own choice was only in --json (finding 3)."""
    s, v = lost_win
    form = re.compile(r"^With strong play after turn \d+ on the same luck, the better decision( \(strong play's own "
                      r"choice\))? reaches \d+(, strong play's own choice \d+)? and yours \d+( \([^)]*\))*; your own "
                      r"play (finished|stands) at \d+\.$")
    for c in v.costly:
        assert form.match(c.numbers), c.numbers
        assert c.strong
        said = ("yours {:.0f} (strong play's own choice too)".format(c.chosen_value) if c.strong_is_yours else
                "the better decision (strong play's own choice) reaches" if c.strong_is_better else
                f", strong play's own choice {c.strong_value:.0f} and yours")
        assert said in c.numbers
        lines = [ln.text for ln in text_lines(v)]
        if c in v.costliest:
            assert f"    {STRONG_REFERENCE} {c.strong_words}" in lines


CLAUSE = re.compile(r"against '([^']+)' it left (.+?) by the end of turn (\d+)")
PART = re.compile(r"(.+?) (\d+)(k?) (higher|lower)")


def test_an_event_answer_is_credited_only_with_what_it_caused(lost_win):
    """'You answered Bring them together...; over the next 3 turns your management skill went from 30 to 54'
    credited the answer with a workshop taken two turns later (finding 3). Every difference stated must be
    what replaying the same game with the other answer (same luck, same other decisions) gives."""
    s, v = lost_win
    notes = [n for n in v.insights if "you answered" in n]
    assert notes and not any("went from" in n for n in notes)
    # an answer the best decision gives too is said in one line (s7 player 3, finding 7); what every answer
    # caused is checked here all the same, as said wherever the answer was not the best found
    from game.views.review import answer_effects

    notes = []
    for r in s.reports:
        if r.decision.choice is not None:
            event = next(e for e in s.scenario.events if any(c.id == r.decision.choice for c in e.choices))
            notes.append(f"Turn {r.turn}, '{event.title}': " + answer_effects(s, r.turn, event))
    titles = {(spec.title or m): m for m, spec in s.scenario.metrics.items()}
    checked = 0
    for note in notes:
        turn = int(re.match(r"Turn (\d+),", note).group(1))
        event = next(e for e in s.scenario.events if e.title in note)
        for label, parts, until in CLAUSE.findall(note):
            alt = next(c.id for c in event.choices if c.label == label)
            other = Session(s.loaded, s.seed, s.difficulty)
            for t, d in enumerate(s.log[:int(until)], 1):
                other.decide(Decision(d.actions, alt) if t == turn else d)
            if int(until) < min(turn + 2, len(s.log)):  # stopped early: the next decision must not fit
                with pytest.raises(DecisionError):
                    other.decide(s.log[int(until)])
            for title, n, unit, way in (PART.match(p).groups() for p in parts.split(" and ")):
                i = s.rules.index[titles[title]]
                diff = s.history[int(until)][i] - other.history[int(until)][i]
                assert f"{abs(diff):.0f}" == n and (diff > 0) == (way == "higher"), (note, title)
                checked += 1
    assert checked


def test_the_text_evaluation_line_has_a_scale_that_does_not_blow_up_a_small_drop(lost_win):
    """'729 █▇▃▃▄▅▁▁▂▁▁▁▁ 711': an 18-point drop filled the whole height, with no scale (finding 13)."""
    s, v = lost_win
    head, line = v.evaluation_text
    lo, hi = v.scale
    assert hi - lo >= 50 and lo <= min(v.evaluation + (v.par,)) and hi >= max(v.evaluation + (v.par,))
    assert f"{SPARKS[0]} {lo:.0f} to {SPARKS[-1]} {hi:.0f}" in head and f"par {v.par:.0f}" in head
    assert spark(v.evaluation, lo, hi) in line
    assert line.strip().startswith(f"start {v.evaluation[0]:.0f}") and line.endswith(f"end {v.evaluation[-1]:.0f}")


def test_a_change_says_which_way_and_whether_it_is_a_gain_and_money_keeps_its_unit():
    """s5 findings 6, 9: 'Your management skill 15 lower by turn 2' read as a gain; 'Budget went from 39 to
    22' and the report's 'Budget -7.9' dropped the k."""
    from game.session import CauseKind
    from game.views import review as rv
    from game.views.report import CauseLine

    cost = rv.Change("management_skill", "Your management skill", False, -15, False, 2)
    gain = rv.Change("stress", "Stress", True, -7, True, 24)
    assert cost.words == "Your management skill 15 lower by turn 2 (worse for you)"
    assert gain.words == "the hidden driver Stress 7 lower by turn 24 (better for you)"
    assert CauseLine(CauseKind.ACTION, "control_budget", "Control the budget", 2.0, unit="k").text \
        == "Control the budget +2.0k"
    s = Session(load("startup"), 5)
    for _ in range(4):  # spend: the budget falls fast
        dear = sorted((a for a in s.scenario.actions if not s.unavailable_reason(a.id)), key=lambda a: -a.cost.budget)
        s.decide(Decision(actions=tuple(a.id for a in dear[:3]), choice=s.event.choices[0].id if s.event else None))
    assert rv._what_came_before(s, 4) == (f"Budget went from {s.history[1][s.rules.index['budget']]:.0f}k to "
                                          f"{s.value('budget'):.0f}k in 3 turns")  # the window: 3 turns


def test_an_answer_the_best_decision_gives_too_is_said_in_one_line(lost_win):
    """What a review leads with is what to act on (s7 player 3, finding 7): an answer the best decision found
    gives too is one short line, not its effects against every other answer."""
    s, v = lost_win
    from game.analysis.review import review as run_review

    r = run_review(s)
    for t in r.turns:
        if t.chosen.choice is None:
            continue
        note = next(n for n in v.insights if n.startswith(f"Turn {t.turn}, '"))
        if t.best.choice == t.chosen.choice:
            assert note.endswith("as the best decision found for that turn does.") and "against '" not in note
        else:
            assert "against '" in note and "The best decision found for that turn answers" in note


def test_a_driver_that_stayed_at_its_floor_draws_flat_at_the_bottom(lost_win):
    """s7 player 4, finding 3: Exhaustion 0 all game drew '▅▅▅▅ 0 to 0' (the line's bounds went a point below
    the metric's floor), which reads as 'medium'. At its floor it draws the lowest block; a driver above it
    still draws higher than one at it."""
    import dataclasses

    from game.views.review import Series, driver_scale
    spec = load("scaleup").scenario.metrics["exhaustion"]
    flat = Series("exhaustion", spec.title, (spec.min,) * 31, spec.min, spec.max, (spec.min,) * 31)
    _, v = lost_win
    lines = [ln.text for ln in text_lines(dataclasses.replace(v, drivers=(flat,)))]
    rows = [t for t in lines if " you " in t and spec.title in t]
    assert rows and SPARKS[0] * 31 in rows[0] and f"{spec.min:.0f} to {spec.min:.0f}" in rows[0]
    assert spark(flat.values, *driver_scale(flat)) == SPARKS[0] * 31
    rising = dataclasses.replace(flat, values=(spec.min,) * 30 + (spec.min + 5,))
    assert spark(rising.values, *driver_scale(rising))[-1] > SPARKS[0]
