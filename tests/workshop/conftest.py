"""A small workshop on the tutorial scenario and a few bot results, made once per module, for hostile-file tests."""

from __future__ import annotations

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

