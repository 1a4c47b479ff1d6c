"""A tutorial whose one event comes at turn 2 with an answer that moves five things, for the web tests of an
event's answers (as tests/ui/test_event_hints.py plays it in the window): its words carry markup, which a page
must show as text."""

from __future__ import annotations

import contextlib
from pathlib import Path

import yaml

from game.scenario.loader import load

FIVE = {"budget": 12, "morale": -9, "process": 6, "stress": 4, "trust": -2}
LABEL = "Move <b>them</b> & all"  # hostile on purpose: a scenario file is outside input
PROCESS = "Process <i>maturity</i>"


def big_event_scenario(folder: Path) -> Path:
    data = yaml.safe_load(load("tutorial").text)
    data["metrics"]["process"]["title"] = PROCESS
    data["events"] = [{"id": "big", "title": "A big choice", "text": "Many things move.", "when": "true",
                       "probability": 1.0,
                       "choices": [{"id": "all", "label": LABEL, "effects": FIVE},
                                   {"id": "one", "label": "Move one", "effects": {"morale": 2}}]}]
    path = Path(folder) / "big.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def big_event_workshop(folder: Path, difficulty: str, turn_seconds: int | None = None):
    """A workshop of that scenario in `folder` (a workshop names its scenario file by a path inside its own folder)."""
    from .webkit import make_workshop

    big_event_scenario(folder)
    with contextlib.chdir(folder):
        return make_workshop(Path(folder).resolve(), scenario="big.yaml", difficulty=difficulty, turn_seconds=turn_seconds)
