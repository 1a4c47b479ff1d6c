"""A workshop room for the report tests: bot teams play one scenario and seed, hand in their result files, and
the debrief verifies them and writes its report (the way `leadsim debrief` does)."""

from __future__ import annotations

from pathlib import Path

from game.autoplay import bot_decision
from game.session import Session
from game.workshop.files import create, result_of, write_result
from game.workshop.report import write_report
from game.workshop.verify import verify_all


def debriefed_room(folder: Path, scenario: str, seed: int, name: str, teams: list[tuple[str, str]]):
    """(the verified results, the report's folder) of `teams` ((team, bot policy)) playing `scenario`."""
    ws = create(scenario, seed, name)
    paths = []
    for i, (team, bot) in enumerate(teams):
        s = Session(ws.load_scenario(), ws.seed)
        while not s.done:
            s.decide(bot_decision(s, bot))
        paths.append(write_result(result_of(s, ws, team), folder / f"r{i}.json"))
    accepted, rejected = verify_all(paths)
    assert not rejected
    write_report(accepted, [], folder / "out")
    return accepted, folder / "out"
