"""Each hot seat has its own save file (issue 11 point 9): two hot seats at once never overwrite each
other's games, the same hot seat started twice is refused in one line, --save FILE never overwrites
another unfinished hot seat, and a hot seat saved by an older Leadsim (hotseat.json) still resumes."""

from __future__ import annotations

import argparse
import json

import pytest

from game import hotseat, saves
from game.hotseat import HotSeat, HotSeatBusy, resume
from game.scenario.loader import load
from game.session import Session

TEAMS = ["Red", "Blue"]


def new_hotseat(names=TEAMS, seed=4, scenario="tutorial") -> HotSeat:
    loaded = load(scenario)

    def make(team):
        s = Session(loaded, seed)
        s.meta = {"team": team, "hotseat": names}
        return s

    return HotSeat(names, make)


def play_round(hs: HotSeat, rounds: int = 1) -> None:
    for _ in range(rounds * len(hs.teams)):
        s = hs.next_team().session
        s.decide(s.default_decision())
    hotseat.save(hs)


def fresh(names=TEAMS, seed=4) -> Session:
    return new_hotseat(names, seed).teams[0].session


@pytest.mark.parametrize("other", [dict(seed=5), dict(names=["Green", "Gold", "Grey"]), dict(scenario="startup")],
                         ids=["another seed", "other teams", "another scenario"])
def test_two_hot_seats_at_once_keep_their_own_games(other):
    """Regression: every hot seat saved into hotseat.json, so the second one overwrote the first."""
    a, b = new_hotseat(), new_hotseat(**other)
    play_round(a, 2)
    play_round(b, 1)
    play_round(a, 1)
    play_round(b, 2)
    assert a.save_path != b.save_path and a.save_path.is_file() and b.save_path.is_file()
    back_a = resume(TEAMS, fresh())
    assert back_a is not None and [s.turn for s in back_a] == [3, 3]
    names = other.get("names", TEAMS)
    back_b = resume(names, b.teams[0].session)
    assert back_b is not None and [s.turn for s in back_b] == [3] * len(names)
    assert [s.state.digest() for s in back_a] == [t.session.state.digest() for t in a.teams]


def test_the_same_hot_seat_started_twice_is_refused_in_one_line():
    first, second = new_hotseat(), new_hotseat()
    hotseat.claim(first)
    with pytest.raises(HotSeatBusy) as info:
        hotseat.claim(second)
    message = str(info.value)
    assert "\n" not in message and "another Leadsim that is running now" in message
    assert str(first.save_path) in message and "Red, Blue" in message
    play_round(first)  # the first plays on, untouched
    hotseat.release(first)
    hotseat.claim(second)  # once the first has ended, the same hot seat can be continued
    hotseat.release(second)


def test_save_file_holding_another_unfinished_hot_seat_is_not_overwritten(tmp_path):
    mine = tmp_path / "room.json"
    other = new_hotseat(["Green", "Gold"], seed=9)
    other.save_file = mine
    play_round(other)
    before = mine.read_bytes()
    hs = new_hotseat()
    hs.save_file = mine
    with pytest.raises(HotSeatBusy, match=r"holds another unfinished hot seat \(Green, Gold\)"):
        hotseat.claim(hs)
    assert mine.read_bytes() == before
    again = new_hotseat(["Green", "Gold"], seed=9)  # the same hot seat may take its own file back
    again.save_file = mine
    hotseat.claim(again)
    hotseat.release(again)


def test_a_hot_seat_saved_by_an_older_leadsim_still_resumes(leadsim_home):
    hs = new_hotseat()
    play_round(hs, 2)
    legacy = leadsim_home / hotseat.LEGACY_FILE
    legacy.write_text(json.dumps(hs.to_json()))
    hs.save_path.unlink()
    back = resume(TEAMS, fresh())
    assert back is not None and [s.turn for s in back] == [2, 2]


def test_the_command_line_refuses_a_second_copy_of_a_running_hot_seat(capsys):
    from game.ui.hotseat_main import build_hotseat

    args = argparse.Namespace(hotseat="Red,Blue", text=False, load=None, autoplay=None, team=None, workshop=None,
                              scenario="tutorial", seed=4, difficulty="standard", save=None)
    first = build_hotseat(args)
    with pytest.raises(saves.SaveError, match="another Leadsim that is running now"):
        build_hotseat(args)
    hotseat.release(first)
