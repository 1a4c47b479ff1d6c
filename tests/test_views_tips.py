"""What a gauge's tooltip and a card's list of expected changes say (game/views), for every front-end.

A gauge says what its metric is, its value, scale and change (better or worse for you), which way is good,
and each line drawn on it in the goal's, the loss's or the crisis's own sentence; a card lists its largest
few expected changes and says how many more there are, naming each (none is left out silently)."""

from __future__ import annotations

import re

from game.scenario.loader import load
from game.session import Decision, Session
from game.views import targets
from game.views.cards import cards, expected_effects, more_words
from game.views.dashboard import MARKS_HEADING, dashboard


def _session(name="scaleup", difficulty="guided", seed=4):
    return Session(load(name), seed, difficulty)


def test_a_gauge_tip_says_what_the_metric_is_its_value_and_every_mark():
    s = _session()
    rows = {m.id: m for m in dashboard(s).metrics}
    budget = rows["budget"]
    about, now, marks = budget.tip
    spec = s.scenario.metrics["budget"]
    assert about == f"Budget: {spec.description}" and spec.description
    assert now.startswith(f"Now {budget.value:.1f}k on a scale of {spec.min:g}k to {spec.max:g}k.")
    assert "since the last turn" not in now  # nothing was played yet
    assert now.endswith("Higher is better.")
    assert marks[0] == MARKS_HEADING
    drawn = [*budget.marks, *budget.crisis_marks]
    assert drawn and len(marks) - 1 >= len(drawn)
    for line in drawn:  # each mark, by its label and its kind, then its own sentence
        kind = {"win": "win target", "loss": "loss line"}.get(getattr(line, "kind", ""), "crisis line")
        assert any(m.startswith(f"{line.label} ({kind}): {line.sentence(s.scenario)}") for m in marks[1:]), \
            (line.label, marks)


def test_a_gauge_tip_says_the_change_and_whether_it_is_good():
    s = _session()
    s.decide(Decision(("control_budget",), None))
    for row in dashboard(s).metrics:
        _, now, _ = row.tip
        if row.change is None:
            continue
        assert "since the last turn" in now
        word = {"better": "better for you", "worse": "worse for you", "same": "no change"}[row.verdict]
        assert f"({word})" in now, now


def test_a_loss_needing_another_metric_is_said_without_a_mark():
    s = _session("startup")
    eff = {m.id: m for m in dashboard(s).metrics}["efficiency"]
    unmarked = [t for t in targets.targets(s.scenario, "efficiency") if t not in eff.marks]
    assert unmarked, "startup's 'Chaos' loss needs efficiency and process maturity"
    for t in unmarked:
        assert f"{targets.UNMARKED} {t.sentence(s.scenario)}." in eff.tip[2]


def test_a_card_with_more_effects_than_it_lists_says_so_and_names_them():
    s = _session()
    action = next(a for a in s.scenario.actions if a.id == "tighten_control")
    every = expected_effects(s, action, len(s.scenario.metrics))
    assert len(every) > 4, "scaleup's Tighten controls has five expected changes"
    card = next(c for c in cards(s) if c.id == "tighten_control")
    assert card.effects == every[:4] and card.more_effects == every[4:]
    assert card.more_count_text == more_words(len(every) - 4) == f"… and {len(every) - 4} more"
    assert card.more_text == card.more_count_text + ": " + ", ".join(e.timed_words for e in every[4:])
    wide = next(c for c in cards(s, top=len(every)) if c.id == "tighten_control")
    assert wide.effects == every and wide.more_effects == () and wide.more_text == ""


def test_cards_of_four_or_fewer_effects_say_nothing_more():
    s = _session()
    for c in cards(s):
        if len(c.effects) < 4:
            assert c.more_effects == () and c.more_text == "", c.id
    assert more_words(0) == ""


def test_the_window_card_tooltip_lists_every_effect():
    from game.ui.cards import tooltip

    s = _session()
    card = next(c for c in cards(s) if c.id == "tighten_control")
    tip = tooltip(card)
    for e in (*card.effects, *card.more_effects):
        assert e.timed_words in tip
    assert card.more_count_text in tip


def test_the_reviews_counts_read_as_english():
    """'9 inaccuracy, 2 mistake, 0 blunder' read as typos on the window's review and in the terminal's."""
    from game.analysis.review import LABELS
    from game.views.review import PLURAL, count_words

    assert {label for label, _ in LABELS} <= set(PLURAL)
    assert [count_words("inaccuracy", n) for n in (0, 1, 9)] == ["0 inaccuracies", "1 inaccuracy", "9 inaccuracies"]
    assert count_words("mistake", 2) == "2 mistakes" and count_words("blunder", 0) == "0 blunders"
    assert count_words("good", 13) == "13 good"


def test_the_window_help_points_at_the_gauge_tips_and_writes_signs_the_font_has():
    """The bundled font has no '≥' or '≤': the help's "win ≥ 68" drew a box in the window."""
    from game.ui.scenes.help import help_html
    from game.views.help import GAUGE_POINTING, help_view

    scenario = load("startup").scenario
    html = help_html(help_view("window", scenario=scenario))
    assert GAUGE_POINTING in html and "win &gt;= 67" in html
    # fresh player s6 finding 6: the help's examples are labels this scenario's gauges draw ('crisis < 25k',
    # not a 'loss < 25' that no gauge showed), each kind with its unit
    html = html.replace("&#x27;", "'")
    assert "('loss &lt; 25')" in html and "('crisis &lt; 25k')" in html
    drawn = {t.label for m in scenario.metrics
             for t in (*targets.gauge_targets(scenario, m), *targets.crisis_lines(scenario, m))}
    for example in re.findall(r"\('((?:win|loss|crisis) [^']+)'\)", html):
        assert example.replace("&gt;=", "≥").replace("&lt;=", "≤").replace("&lt;", "<") in drawn, example
    assert "≥" not in html and "≤" not in html
    assert GAUGE_POINTING not in help_html(help_view("web", scenario=scenario))  # the web page has no such tooltip


def test_an_answers_differences_say_whether_each_is_better_or_worse():
    """The review's event notes ('it left Stress 10 higher and Budget 23k higher') read as two gains."""
    import numpy as np

    from game.views.review import differences_words

    s = _session("startup")
    diff = np.zeros(len(s.rules.metrics))
    diff[s.rules.index["stress"]], diff[s.rules.index["budget"]] = 30.0, 60.0
    # the larger for its metric's scale first: stress 30 of 100, budget 60k of 250k
    assert differences_words(s, diff, judged=True) == "Stress 30 higher (worse for you) and Budget 60k higher " \
                                                      "(better for you)"
    assert differences_words(s, diff) == "Stress 30 higher and Budget 60k higher"  # the room's slides: nobody's
    diff[s.rules.index["stress"]] = -30.0
    assert "Stress 30 lower (better for you)" in differences_words(s, diff, judged=True)
