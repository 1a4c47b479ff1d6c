"""Fresh finding 1: one answer to "what mix does this phase reward", strong play's own mix (analysis.review_mix),
with the same figure on every screen that judges a mix, and no verdict that contradicts it."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from game.analysis import review_mix
from game.analysis.review import review
from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.terminal import end
from game.views.debrief import debrief
from game.views.review import review_view
from game.web import pagedata
from game.workshop.discussion import room_of
from handins import debriefed_room

TEAMS = [("Lead", "leadership"), ("Mix", "adaptive"), ("Even", "balanced")]


@pytest.fixture(scope="module")
def tutorial_room(tmp_path_factory):
    return debriefed_room(tmp_path_factory.mktemp("mixroom"), "tutorial", 5, "Mix check", TEAMS)


def _marker_shares(svg: str) -> list[float]:
    """Where each row's dashed marker sits, as a share of the row's stacked bars (leadership + management)."""
    bars = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*class="bar"', svg)]
    marks = [float(x) for x in re.findall(r'<line x1="([\d.]+)"[^>]*class="marker"', svg)]
    rows = [bars[k:k + 2] for k in range(0, len(bars), 2)]
    assert len(rows) == len(marks)
    return [(m - row[0][0]) / (row[0][1] + row[1][1]) for m, row in zip(marks, rows)]


def test_every_screen_gives_strong_plays_mix_with_the_same_figure(tutorial_room):
    teams, out = tutorial_room
    s = teams[0].session
    strong = {p.id: review_mix.strong_share(s.rules, p.id) for p in s.scenario.phases}
    assert all(v is not None for v in strong.values())
    d, web = debrief(s), pagedata.end_screen(s)
    rv = review_view(s, review(s))
    text = io.StringIO()
    for r in end.debrief_renderables(d):
        Console(file=text, width=200).print(r)
    for k, phase in enumerate(s.scenario.phases):
        figure = f"{strong[phase.id]:.0%}"
        for view in (d, web, rv):  # the window's and terminal's debrief, the web end screen, the review
            pm = next(pm for pm in view.mix if pm.phase == phase.id)
            assert pm.strong == strong[phase.id] and f"strong play's {figure}" in pm.short
        verdicts = [n for n in d.insights if n.startswith(f"{phase.title}:")]
        assert len(verdicts) == 1 and f"strong play used {figure}" in verdicts[0]
        assert verdicts[0] in rv.insights  # the review says the very same sentence
        assert f"strong play's {figure}" in text.getvalue()
        svg = (out / f"mix-{k + 1}.svg").read_text()
        assert f"strong play: {figure} leadership" in svg  # the legend of the dashed line
        assert all(m == pytest.approx(strong[phase.id], abs=0.01) for m in _marker_shares(svg))
    rows = room_of(teams).mix_rows()
    assert [r[2] for r in rows] == [strong[p.id] for p in s.scenario.phases]
    page = (out / "report.html").read_text()
    assert all(f'<td class="num">{strong[p.id]:.0%}</td>' in page for p in s.scenario.phases)


def test_strong_plays_mix_is_what_the_expert_does_and_follows_the_lesson():
    rules = Session(load("scaleup"), 1).rules
    mix = review_mix.strong_mix(rules)
    assert mix["startup"].share > 0.6 and mix["mature"].share < 0.4  # startup leads, mature manages
    from game.analysis.expert import policy_for
    from game.model.batch import play_batch

    other = play_batch(rules, policy_for(rules), 77, 50).mix.mean(axis=0)  # other games, the same answer
    assert other[0, 0] / other[0, :2].sum() == pytest.approx(mix["startup"].share, abs=0.05)


@pytest.mark.parametrize("bot", ["leadership", "management", "balanced", "adaptive", "expert"])
def test_no_verdict_calls_a_mix_close_that_the_definition_calls_far(bot):
    s = Session(load("tutorial"), 5)
    while not s.done:
        s.decide(bot_decision(s, bot))
    d = debrief(s)
    assert d.mix
    for pm in d.mix:
        strong = review_mix.strong_share(s.rules, pm.phase)
        close = review_mix.is_close(pm.leadership_share, strong)
        verdict = next(n for n in d.insights if n.startswith(f"{pm.title}:"))
        says_close = "Close to strong play" in verdict or "good fit" in verdict.lower()
        assert says_close == close, (bot, verdict, strong)
        assert says_close == ("Close to strong play" in pm.short)
