"""A scenario names the place the player runs and the size of the team the dashboard draws (fresh player
s6: the Ward's panel said 'The company' and drew 12 faces for 'twenty nurses'). Both are optional; without
them the dashboard is as before; a bad value is one line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load
from game.session import Session
from game.views import tables
from game.views.dashboard import dashboard

from .conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_ward_names_its_panel_and_draws_its_twenty_nurses():
    view = dashboard(Session(load("ward"), 1, "standard"))
    assert view.company_heading == "The ward" and view.team_size == 20
    assert "twenty nurses" in load("ward").scenario.briefing


def test_without_the_fields_the_dashboard_is_as_before():
    view = dashboard(Session(load("tutorial"), 1, "standard"))
    assert view.company_heading == tables.COMPANY_HEADING and view.team_size == 12


@pytest.mark.parametrize("line, field", [
    ('company_title: ""', "company_title"),
    ('company_title: "' + "x" * 41 + '"', "company_title"),
    ('company_title: "The\\nward"', "company_title"),
    ("company_title: 7", "company_title"),
    ("team_size: 0", "team_size"),
    ("team_size: 41", "team_size"),
    ("team_size: many", "team_size"),
])
def test_a_bad_title_or_team_size_is_one_line_and_a_failure(tmp_path, line, field):
    text = (ROOT / "scenarios" / "ward.yaml").read_text()
    text = text.replace('company_title: "The ward"\n', "").replace("team_size: 20  # the briefing's twenty nurses\n", "")
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("action_points: 2\n", f"action_points: 2\n{line}\n", 1))
    code, out, err = run_cli("validate", str(path))
    assert code != 0 and field in err + out, (code, out, err)
    assert "Traceback" not in err
