"""What the built-ins and the README tell a player about the rules agrees with the rules themselves.

A fresh player read "3 action points per turn" in the README and got 2 in the tutorial
(docs/trials/2026-12-01-new-player.md, finding 17)."""

import re
from pathlib import Path

import pytest

from game.scenario.loader import builtin_names, load

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _stated_action_points(text: str) -> set[int]:
    found = re.findall(r"\b(\d+|one|two|three|four|five) action points?\b", text, flags=re.IGNORECASE)
    return {int(n) if n.isdigit() else NUMBERS[n.lower()] for n in found}


@pytest.mark.parametrize("scenario", builtin_names())
def test_a_briefing_states_its_own_action_points(scenario):
    s = load(scenario).scenario
    stated = _stated_action_points(s.briefing)
    assert stated == {s.action_points}, f"{scenario}: the briefing says {stated}, the rules give {s.action_points}"


def test_the_readme_names_the_action_points_the_built_ins_give():
    m = re.search(r"the\s+scenario\s+gives\s+([\d\s,or]+?)\s+a\s+turn", README)
    assert m, "README: the play section should say how many action points a turn has"
    said = {int(n) for n in re.findall(r"\d+", m.group(1))}
    assert said == {load(n).scenario.action_points for n in builtin_names()}
    assert not re.search(r"\d+ (action points|AP) (per|a) turn", README), "README: a fixed number of action points"
