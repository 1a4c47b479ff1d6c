"""The terminal's event answers: every expected change with its direction (a terminal has no tooltip,
so the ones past the three largest follow '… and N more:'), at 80 columns."""

from __future__ import annotations

import io

import yaml
from rich.console import Console

from game.scenario.loader import load, load_text_bytes
from game.session import Decision, Session
from game.terminal.screens import event_block
from game.views.event import event


def printed(difficulty: str) -> str:
    data = yaml.safe_load(load("tutorial").text)
    data["events"] = [{"id": "big", "title": "A big choice", "text": "Many things move.", "when": "true",
                       "probability": 1.0,
                       "choices": [{"id": "all", "label": "Move them all",
                                    "effects": {"budget": 12, "morale": -9, "process": 6, "stress": 4, "trust": -2}},
                                   {"id": "one", "label": "Move one", "effects": {"morale": 2}}]}]
    s = Session(load_text_bytes(yaml.safe_dump(data).encode(), "big.yaml"), 1, difficulty)
    s.decide(Decision((), None))
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    for part in event_block(event(s)):
        console.print(part)
    return " ".join(out.getvalue().split())


def test_standard_answers_show_direction_and_size_and_all_five_changes():
    text = printed("standard")
    assert ("Expected: Budget up •••, Morale down •••, Process maturity up ••• … and 2 more: Stress up ••, "
            "Trust down •") in text
    assert "Expected: Morale up •" in text


def test_expert_answers_show_only_the_direction():
    text = printed("expert")
    assert ("Expected direction: Budget up, Morale down, Process maturity up … and 2 more: Stress up, "
            "Trust down") in text and "•" not in text
