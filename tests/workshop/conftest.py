"""A small workshop on the tutorial scenario and a few bot results, made once per module, for hostile-file tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def tutorial_day(tmp_path_factory):
    """(folder, workshop file, {team: result dict}) for the tutorial scenario, seed 7."""
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop.files import create, read_workshop, result_of, write_workshop

    folder = tmp_path_factory.mktemp("tutorial_day")
    path = folder / "day.json"
    write_workshop(create("tutorial", 7, "Hostile day"), path)
    ws = read_workshop(path)
    results = {}
    for team, bot in (("Red", "adaptive"), ("Blue", "balanced"), ("Green", "leadership"), ("Gold", "random")):
        session = play_bot(Session(ws.load_scenario(), ws.seed, ws.difficulty), bot)
        results[team] = result_of(session, ws, team, bot)
    return folder, path, results



TRAINER3_ROOM = Path(__file__).parent.parent / "data" / "s7_trainer3_room.json"


def trainer3_results(folder: Path) -> tuple[object, list[Path]]:
    """Trainer s7 rehearsal 3's browser room (tests/data/s7_trainer3_room.json: every team's decisions as the
    server stored them) written again as the server writes its games: (workshop, result files)."""
    import json

    from game.session import Decision, Session
    from game.workshop.files import create, result_of, write_result, write_workshop

    room = json.loads(TRAINER3_ROOM.read_text(encoding="utf-8"))
    ws = create(room["scenario"], room["seed"], room["name"], room["difficulty"], room["turn_seconds"],
                room["debrief_minutes"])
    write_workshop(ws, folder / "taster.json")
    paths = []
    for k, t in enumerate(room["teams"], 1):
        s = Session(ws.load_scenario(), ws.seed, ws.difficulty)
        for d in t["log"]:
            s.decide(Decision.from_json(d))
        paths.append(write_result(result_of(s, ws, t["team"], t["policy"], "browser"), folder / f"server-{k:02d}.json"))
    return ws, paths


@pytest.fixture(scope="module")
def trainer3_room(tmp_path_factory):
    """(folder, workshop, verified games) of trainer s7 3's room, verified as `leadsim debrief` verifies them."""
    from game.workshop.verify import verify_all

    folder = tmp_path_factory.mktemp("trainer3")
    ws, paths = trainer3_results(folder)
    accepted, rejected = verify_all(paths, ws, unfinished_ok=True)
    assert not rejected and len(accepted) == 7
    return folder, ws, accepted
