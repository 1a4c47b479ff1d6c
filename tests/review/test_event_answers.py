"""Fresh findings 2 and 3: the workshop report names the best answer to each event (even when every team gave
another) and says why only some teams met an event."""

from __future__ import annotations

from html import unescape

import numpy as np
import pytest

from game.analysis.review import BOT_NAME
from game.autoplay import bot_decision, play_bot
from game.session import Decision, Session
from game.workshop.discussion import Answer, best_answer, room_of
from game.workshop.files import create, result_of, write_result
from game.workshop.report import write_report
from game.workshop.verify import verify_all

TEAMS = [("Amber", "adaptive"), ("Birch", "leadership"), ("Cedar", "management"), ("Dune", "balanced"),
         ("Elm", "random")]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("events")
    ws = create("tutorial", 5, "Events")
    paths = []
    for i, (team, bot) in enumerate(TEAMS):
        s = Session(ws.load_scenario(), ws.seed)
        while not s.done:
            s.decide(bot_decision(s, bot))
        paths.append(write_result(result_of(s, ws, team), folder / f"r{i}.json"))
    accepted, rejected = verify_all(paths)
    assert not rejected
    write_report(accepted, [], folder / "out")
    return room_of(accepted), accepted, folder / "out"


def test_every_answer_is_valued_in_each_teams_own_game_on_the_same_luck(room):
    r, teams, out = room
    by_team = {v.team: v for v in teams}
    checked = 0
    for e in r.events:
        for a in e.answers:
            g = next(t for t in r.teams if t.team == a.team)
            assert a.worth[a.answer] == pytest.approx(g.review.turns[a.turn - 1].chosen_value, abs=1e-6)
            if checked < 3:  # each other answer, replayed by hand with strong play after it, scores its worth
                s = by_team[a.team].session
                labels = {c.label: c.id for ev in s.scenario.events for c in ev.choices}
                for label, value in a.worth.items():
                    game = Session(s.loaded, s.seed)
                    for d in s.log[:a.turn - 1]:
                        game.decide(d)
                    game.decide(Decision(s.log[a.turn - 1].actions, labels[label]))
                    assert play_bot(game, BOT_NAME).score() == pytest.approx(value, abs=1e-6)
                checked += 1
            top = max(a.worth.values())
            assert a.best == (a.worth[a.answer] >= top - 0.5)
            if not a.best:
                assert a.worth[a.better] == pytest.approx(top) and a.gain == pytest.approx(top - a.worth[a.answer])
    assert checked == 3


def test_the_report_names_the_best_answer_of_every_event(room):
    r, teams, out = room
    report, slides = (unescape((out / n).read_text()) for n in ("report.html", "slides.html"))
    assert r.events and all(e.best is not None for e in r.events)
    for e in r.events:
        mean = {k: np.mean([a.worth[k] for a in e.answers]) for k in e.answers[0].worth}
        assert mean[e.best.label] == pytest.approx(max(mean.values()))
        assert e.best.words in report and e.best.words in slides
    for a in (a for e in r.events for a in e.answers if a.best is False):  # told which answer did best for it
        assert f"no: '{a.better}' +{a.gain:.0f}" in report


def _answer(team, given, worth, metrics=10):
    ahead = {k: np.zeros(metrics) for k in worth}
    return Answer(team, 5, given, False, {}, None, worth[given] >= max(worth.values()) - 0.5, worth, ahead=ahead)


def test_the_best_answer_is_named_when_every_team_gave_another():
    from game.scenario.loader import load

    session = Session(load("tutorial"), 1)
    n = session.rules.n_metrics
    rows = (_answer("A", "Wait", {"Act": 700.0, "Wait": 690.0}, n), _answer("B", "Wait", {"Act": 650.0, "Wait": 646.0}, n))
    best = best_answer(rows, session)
    assert best.label == "Act" and best.given_by == 0 and best.best_for == 2 and best.gain == pytest.approx(7.0)
    assert best.words.startswith("Best answer found: 'Act' (best in 2 of 2 teams' games); no team gave it: it "
                                 "would have added 7 points on average")
    even = best_answer((_answer("A", "Wait", {"Act": 700.2, "Wait": 700.0}, n),), session)
    assert even.words.startswith("Best answer found: none clearly")
