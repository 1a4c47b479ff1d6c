"""The window says a crisis warning too (views.targets.crisis_warnings, which the terminal's turn screen
prints): in the strip under the cards at the start of a turn, before anything is picked, and only when
the line is near or coming at the recent pace (s6 player 2, finding 9: a warning on every turn is noise)."""

from __future__ import annotations

from game.session import Decision, Session
from tests.kit import loaded, quiet

from ui_helpers import dashboard_at_turn_start, run_frames


def squeeze(budget: float) -> Session:
    data = quiet(crises=[{"id": "squeeze", "title": "Cash squeeze", "start": "budget < 25", "end": "budget > 50",
                          "per_turn": {"morale": -1}}])
    data["metrics"]["budget"].update(start=budget, min=-50, max=200)
    data["actions"].append({"id": "splurge", "title": "Splurge", "category": "management", "cost": {"budget": 12},
                            "effects": {"efficiency": 1}, "diminishing": 1})
    return Session(loaded(data), 1, "standard")


def strip_after(make_app, session: Session) -> str:
    app = make_app((1280, 720))
    dash = dashboard_at_turn_start(app, session)
    run_frames(app, 3)
    return dash.probe_extra()["strip"]


def test_a_fast_fall_toward_the_line_is_said_under_the_cards(make_app):
    s = squeeze(60)
    s.decide(Decision(("splurge",)))  # 48k, down 12k a turn: 23k from the line, about 2 turns
    text = strip_after(make_app, s)
    assert text == ("Budget 48.0k, down 12.0k a turn: the crisis 'Cash squeeze' begins below 25k in about 2 "
                    "turns")


def test_a_steady_budget_far_from_the_line_is_not(make_app):
    s = squeeze(48)
    s.decide(Decision(()))
    text = strip_after(make_app, s)
    assert "Cash squeeze" not in text and text.startswith("Pick cards")
