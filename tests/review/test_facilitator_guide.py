"""docs/facilitator-guide.md: its plans add up, its commands exist, its debrief is the report's own agenda."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from game.cli import build_parser
from game.workshop.files import check_team
from game.workshop.room_report import AGENDA

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "facilitator-guide.md").read_text()


def _section(title: str) -> str:
    start = GUIDE.index(f"## {title}")
    end = GUIDE.find("\n## ", start + 3)
    return GUIDE[start:end if end > 0 else None]


@pytest.mark.parametrize("title, total", [("The two-hour plan", 120), ("In 60 minutes", 60),
                                          ("In 180 minutes", 180)])
def test_each_plan_adds_up_to_its_length_and_its_times_follow_on(title, total):
    rows = re.findall(r"^\| (\d):(\d\d) \| (\d+) \|", _section(title), flags=re.M)
    clock = 0
    for h, m, minutes in rows:
        assert int(h) * 60 + int(m) == clock, (title, h, m)
        clock += int(minutes)
    assert clock == total


def test_the_debrief_follows_the_reports_agenda():
    debrief = _section("The two-hour plan")
    items = re.findall(r"^\d\. \*\*(.+?), (\d+) minutes\.\*\*", debrief, flags=re.M)
    assert [(t, int(m)) for t, m in items] == [(t, m) for m, _, t in AGENDA]
    assert sum(m for m, _, _ in AGENDA) == 45


def test_every_command_in_the_guide_is_a_real_command():
    """Each value of the guide's shell loops is tried, and every --team it builds must pass the team-name rule.

    (The rehearsal loop once built "Bot adaptive+dev", which the rule refused, so a trainer rehearsed with
    one team fewer without noticing.)
    """
    parser = build_parser()
    loop_values = re.findall(r"for p in ([^;\n]+); do", GUIDE)
    values = [v for group in loop_values for v in group.split()] or ["adaptive"]
    assert "adaptive+dev" in values
    commands = [line.strip() for line in re.findall(r"leadsim [^`\n]+", GUIDE)]
    assert len(commands) >= 8
    for line in commands:
        for value in values if "$p" in line else [None]:
            text = line.split(";")[0].replace("*", "x")
            argv = shlex.split(text.replace("$p", value) if value else text)[1:]
            try:
                args = parser.parse_args(argv)
            except SystemExit as exc:  # argparse refuses: the guide names something that does not exist
                pytest.fail(f"{line!r} does not parse ({exc})")
            if getattr(args, "team", None):
                check_team(args.team)  # raises with the rule's own message
