"""The debrief's charts and mix bar say their numbers (a fresh player's findings 11 and 12 of 2026-12-01):
the budget axis read 200 / 75 / -50 without a unit, so a fall from 90k to 50k looked flat, and the mix
bar's development sliver was too thin for its label."""

from __future__ import annotations

import pytest

from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session
from game.views.debrief import debrief

from ui_helpers import run_frames


@pytest.fixture(scope="module")
def game():
    return play_bot(Session(load("startup"), 11), "expert")


def test_money_gets_its_own_axis_fitted_to_what_happened_with_k_on_every_number(game):
    d = debrief(game)
    money = [g for g in d.charts if g.unit == "k"]
    assert len(money) == 1 and [s.id for s in money[0].series] == ["budget"]
    g, budget = money[0], money[0].series[0]
    assert g.lo <= min(budget.values) and g.hi >= max(budget.values)
    assert (max(budget.values) - min(budget.values)) / (g.hi - g.lo) >= 0.4  # the line uses the height
    assert (g.hi - g.lo) < (budget.hi - budget.lo)
    for q in (0, 0.5, 1):
        tick = g.tick(q)
        assert tick.endswith("k") and float(tick[:-1]) % 5 == 0  # round numbers, with the unit
    others = [g for g in d.charts if g.unit != "k"]
    assert all((g.lo, g.hi) == (g.series[0].lo, g.series[0].hi) for g in others)  # 0-100 metrics keep their scale


def test_the_window_debrief_writes_the_axis_units_and_every_part_of_the_mix(make_app, game):
    from game.ui.scenes.debrief import DebriefScene

    app = make_app((1280, 720))
    drawn: list[str] = []
    render = app.fonts.render

    def spy(text, *args, **kwargs):
        drawn.append(text)
        return render(text, *args, **kwargs)

    app.fonts.render = spy
    app.session = game
    app.push(DebriefScene(app))
    run_frames(app, 2)
    d = app.top.view
    money = next(g for g in d.charts if g.unit == "k")
    assert {money.tick(q) for q in (0, 0.5, 1)} <= set(drawn)
    for pm in d.mix:
        assert pm.development > 0 and pm.counts_text in " ".join(drawn)  # wrapped at spaces, in order
        assert f"Development {pm.development}" in pm.counts_text
