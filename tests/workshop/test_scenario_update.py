"""Leadsim (or the scenario) updated between handing out and debriefing (docs/trials/2026-12-01-trainer.md,
finding 2): the workshop file carries its pinned scenario, so play and the debrief still work; where no
pinned copy is at hand, the debrief's message speaks to the facilitator and says what to do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.autoplay import play_bot
from game.scenario.loader import BUILTIN_DIR
from game.session import Session
from game.workshop.files import create, read_workshop, result_of, write_result, write_workshop
from game.workshop.verify import verify_all


@pytest.fixture
def updated(tmp_path, monkeypatch):
    """A workshop on a scenario file, two results handed in, then the scenario file changes."""
    monkeypatch.chdir(tmp_path)
    scenario = tmp_path / "day.yaml"
    shutil.copy(BUILTIN_DIR / "tutorial.yaml", scenario)
    write_workshop(create("day.yaml", 7, "Monday"), tmp_path / "day.json")
    ws = read_workshop(tmp_path / "day.json")
    paths = [write_result(result_of(play_bot(Session(ws.load_scenario(), ws.seed), bot), ws, team, bot),
                          tmp_path / f"{team}.json") for team, bot in (("Red", "adaptive"), ("Blue", "random"))]
    scenario.write_text(scenario.read_text().replace("turns: 12", "turns: 11"), encoding="utf-8")
    return tmp_path, paths


def test_after_an_update_the_workshop_file_still_plays_and_debriefs(updated):
    folder, paths = updated
    ws = read_workshop(folder / "day.json")
    assert ws.load_scenario().sha256 == ws.scenario_sha256  # the pinned copy, not the changed file
    assert json.loads((folder / "day.json").read_text())["scenario_text"].startswith(ws.load_scenario().text[:40])
    accepted, rejected = verify_all(paths, ws)
    assert not rejected and {v.team for v in accepted} == {"Red", "Blue"}


def test_without_the_pinned_copy_the_message_is_for_the_facilitator(updated):
    folder, paths = updated
    accepted, rejected = verify_all(paths)  # no --workshop: the results alone do not carry the scenario
    assert not accepted and len(rejected) == 2
    reason = rejected[0].reason
    assert "ask the facilitator" not in reason and "is not the version the workshop pinned" in reason
    assert "--workshop" in reason and "\n" not in reason


def test_a_tampered_pinned_copy_is_never_used(updated):
    folder, paths = updated
    data = json.loads((folder / "day.json").read_text())
    data["scenario_text"] = data["scenario_text"].replace("turns: 12", "turns: 10")  # hash no longer matches
    (folder / "day.json").write_text(json.dumps(data))
    ws = read_workshop(folder / "day.json")
    with pytest.raises(Exception, match="differs from the one this workshop was made for"):
        ws.load_scenario()


def test_a_debrief_that_verifies_nothing_writes_no_report_and_says_why(updated, capsys):
    """Nothing verified, nothing written (s6: an empty report, "0 verified, 1 rejected", looked like a debrief):
    each file's reason on a line, then that no report was written; exit 1."""
    from game.cli import main

    folder, paths = updated
    data = json.loads((folder / "day.json").read_text())
    del data["scenario_text"]  # an older workshop file: nothing can be verified after the update
    (folder / "day.json").write_text(json.dumps(data))
    code = main(["debrief", *map(str, paths), "--workshop", str(folder / "day.json"), "--out", str(folder / "out")])
    err = capsys.readouterr().err
    assert code == 1 and not (folder / "out").exists()
    assert "too old to carry its scenario. Debrief with the Leadsim version" in err  # --workshop was given
    assert len(paths) > 1 and err.strip().splitlines()[-1] == (
        f"Nothing was verified: all {len(paths)} results were rejected (above). No report was written and nothing "
        "was imported.")