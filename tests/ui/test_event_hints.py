"""The event dialog's line under each answer: its expected changes with their direction at every
difficulty, and '… and N more' when the answer has more than it shows, as the cards say it."""

from __future__ import annotations

import pytest
import yaml

from game.scenario.loader import load, load_text_bytes
from game.session import Decision, Session

from ui_helpers import dashboard_at_turn_start, run_frames

FIVE = {"budget": 12, "morale": -9, "process": 6, "stress": 4, "trust": -2}


def big_event(difficulty: str) -> Session:
    """The tutorial with one event from turn 2 whose first answer moves five things."""
    data = yaml.safe_load(load("tutorial").text)
    data["events"] = [{"id": "big", "title": "A big choice", "text": "Many things move.", "when": "true",
                       "probability": 1.0,
                       "choices": [{"id": "all", "label": "Move them all", "effects": FIVE},
                                   {"id": "one", "label": "Move one", "effects": {"morale": 2}}]}]
    s = Session(load_text_bytes(yaml.safe_dump(data).encode(), "big.yaml"), 1, difficulty)
    s.decide(Decision((), None))
    return s


@pytest.mark.parametrize("difficulty, first, second, alone", [
    ("guided", "Budget +12k", "Morale -9", "Morale +2"), ("standard", "Budget up •••", "Morale down •••", "Morale up •"),
    ("expert", "Budget up", "Morale down", "Morale up")])
def test_each_answer_line_shows_direction_and_counts_what_it_leaves_out(make_app, difficulty, first, second, alone):
    app = make_app((1280, 720))
    dashboard_at_turn_start(app, big_event(difficulty))
    dialog = app.stack[-1]
    assert dialog.name == "event"
    run_frames(app, 2)
    many, one = dialog.probe_extra()["hints"]
    label = "Expected direction" if difficulty == "expert" else "Expected"
    assert many.startswith(f"{label}: {first}, {second}, ") and many.endswith(" … and 2 more"), many
    assert one == f"{label}: {alone}"


def test_a_narrow_dialog_cuts_the_effects_but_keeps_the_count(make_app):
    from game.ui.scenes.event import answer_hint
    from game.views.event import event

    app = make_app((1280, 720))
    choice = event(big_event("guided")).choices[0]
    wide = answer_hint(app.fonts, "Expected", choice, 2000)
    narrow = answer_hint(app.fonts, "Expected", choice, 260)
    assert wide == f"Expected: {choice.timed_effects_text} … and 2 more"
    assert narrow.endswith("… … and 2 more") or narrow.endswith("… and 2 more")
    assert app.fonts.font(13).size(narrow)[0] <= 260 and len(narrow) < len(wide)
