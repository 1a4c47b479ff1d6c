"""The turn counts the README and the facilitator's guide give for the built-in scenarios are the scenarios' own
(s6: the README said agency has 18 turns, `leadsim list` and the scenario 20)."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.loader import builtin_names, load

ROOT = Path(__file__).resolve().parent.parent
TABLE_ROW = re.compile(r"^\| `([a-z]+)` \|.*?(\d+) turns \|$", re.M)  # README's table of built-in scenarios
IN_TEXT = re.compile(r"`([a-z]+)`(?: and `([a-z]+)`)? \((\d+) turns")  # "`startup` and `mature` (24 turns"


def _turns(name: str) -> int:
    return load(name).scenario.turns


def claims(text: str) -> list[tuple[str, int]]:
    """(scenario, turns) for every count the text gives a built-in scenario."""
    out = [(name, int(n)) for name, n in TABLE_ROW.findall(text)]
    for first, second, n in IN_TEXT.findall(text):
        out += [(name, int(n)) for name in (first, second) if name]
    return [(name, n) for name, n in out if name in builtin_names()]


def test_the_readme_gives_every_scenario_its_own_number_of_turns():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict((name, int(n)) for name, n in TABLE_ROW.findall(text))
    assert set(table) == set(builtin_names())  # every built-in scenario is in the table, so every count is checked
    wrong = [(name, n, _turns(name)) for name, n in claims(text) if n != _turns(name)]
    assert wrong == []


def test_the_facilitators_guide_gives_each_scenario_its_own_number_of_turns():
    found = claims((ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8"))
    assert {"scaleup", "startup", "mature", "tutorial"} <= {name for name, _ in found}
    assert [(name, n, _turns(name)) for name, n in found if n != _turns(name)] == []


def test_the_check_finds_a_wrong_count():
    """The check can fail: the README's old line for agency is caught."""
    old = "| `agency` | Riverside benefits office, a public agency, 18 turns |\n"
    assert ("agency", 18) in claims(old) and _turns("agency") != 18
