"""Play starts when the facilitator starts it (trainer s6, finding 4: a free-pace team's turn clock ran out while
the room was still joining, and switching to rounds had no "open turn 1" step).

Before Start play a team that joins waits on a page that lists who is in; no clock runs and the server takes
no decision (not just hidden buttons). The console's Start play is a plain form post (it works without
JavaScript); in rounds it opens turn 1 for every team with the round clock. A room with no team is not started.
A database made before the start existed resumes as it was: started when it had decisions.
"""

from __future__ import annotations

import json

import pytest

from game.web import pacing
from game.web.room import ROOM_KEY

from .webkit import TOKEN, bearer, join, make_client, make_workshop, play_api

FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


@pytest.fixture
def timed(tmp_path):
    return make_workshop(tmp_path, turn_seconds=60)


def test_before_the_start_no_decision_is_taken_and_no_clock_runs(tmp_path, timed):
    with make_client(tmp_path / "g.sqlite3", timed, started=False) as client:
        team = join(client, "Amber")
        state = client.get("/api/state", headers=bearer(team["token"])).json()
        assert state["held"] == "lobby" and state["seconds_left"] is None and state["room"]["started"] is False
        assert client.app.state.games.store.clocks() == {}  # reading the game started no clock
        r = client.post("/api/decide", json={"turn": 1, "actions": [], "choice": None}, headers=bearer(team["token"]))
        assert r.status_code == 423 and "has not started" in r.json()["error"] and "\n" not in r.json()["error"]
        assert client.app.state.games.store.turns_decided(1) == 0

        # the page's form, posted anyway (a page kept from before, a hand-made post): refused, back to waiting
        client.cookies.set("leadsim_team", team["token"])
        r = client.post("/play/decide", data={"turn": "1"}, headers={"Origin": "http://testserver"},
                        follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/play"
        assert client.app.state.games.store.turns_decided(1) == 0
        page = client.get("/play").text
        assert 'data-held="lobby"' in page and "The facilitator will start the game" in page
        assert "Amber" in page and "your team" in page and 'http-equiv="refresh"' in page  # refreshes without JS
        assert 'name="turn"' not in page  # no decision form at all
        assert client.app.state.games.store.clocks() == {}

        # the bots of the server do not play either, nor does the sweeper time anyone out
        pacing.sweep(client.app.state.games, now=10 ** 10)
        assert client.app.state.games.store.turns_decided(1) == 0


def test_the_waiting_page_lists_who_is_in_and_its_stream_carries_the_list(tmp_path, ws):
    from game.web.live import team_live

    with make_client(tmp_path / "g.sqlite3", ws, started=False) as client:
        amber = join(client, "Amber")
        join(client, "Birch")
        client.cookies.set("leadsim_team", amber["token"])
        page = client.get("/play").text
        assert "In the room now: 2 teams" in page and "Birch" in page
        assert "data-lobby='[\"Amber\", \"Birch\"]'" in page  # what live.js compares the stream's list with

        class Req:  # the stream's body for Amber, as /live sends it
            app = client.app
        games = client.app.state.games
        team = games.store.teams()[0]
        body = team_live(Req, team)
        assert body["held"] == "lobby" and body["lobby"] == ["Amber", "Birch"]
        # the briefing, read while waiting, goes back to the waiting page, not to a turn
        assert "Back to the waiting page" in client.get("/briefing").text
        pacing.start_play(games)
        assert team_live(Req, team)["held"] is None and team_live(Req, team)["lobby"] is None


def test_joining_a_room_not_started_lands_on_the_waiting_page(tmp_path, ws):
    with make_client(tmp_path / "g.sqlite3", ws, started=False) as client:
        code = client.app.state.games.join_code
        r = client.post("/join", data={"team": "Amber", "code": code}, headers={"Origin": "http://testserver"},
                        follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/play"
        pacing.start_play(client.app.state.games)
        r = client.post("/join", data={"team": "Birch", "code": code}, headers={"Origin": "http://testserver"},
                        follow_redirects=False)
        assert r.headers["location"] == "/briefing"  # once play runs, a latecomer reads the briefing first


def test_start_play_without_javascript_in_rounds_opens_turn_1_with_the_round_clock(tmp_path, ws):
    with make_client(tmp_path / "g.sqlite3", ws, started=False) as client:
        client.cookies.set("leadsim_facilitator", TOKEN)
        origin = {"Origin": "http://testserver"}
        page = client.get("/console").text
        assert 'action="/console/start"' in page and 'id="start-play" disabled' in page  # no team yet
        assert "No team has joined yet" in page and "Not started" in page
        r = client.post("/console/start", headers=origin)
        assert r.status_code == 409 and "no team has joined yet" in r.text  # refused, in the console, one line

        team = join(client, "Amber")
        client.cookies.set("leadsim_facilitator", TOKEN)
        assert client.post("/console/pace", data={"pace": "rounds", "advance": "facilitator"}, headers=origin,
                           follow_redirects=False).status_code == 303
        assert client.post("/console/clock", data={"action": "set", "seconds": "90"}, headers=origin,
                           follow_redirects=False).status_code == 303
        room = client.app.state.games.room.state()
        assert room.round == 0 and room.clock_deadline is None  # chosen, not running: play has not started
        page = client.get("/console").text
        assert "1 team is on the waiting page" in page and "opens turn 1 of 12 for every team at once" in page
        assert "round clock (90 s) starts" in page and 'id="start-play" disabled' not in page
        assert "Pause the room" not in page and "Open turn 1" not in page  # nothing to pause or open before start
        assert client.post("/console/pause", data={"action": "pause"}, headers=FACILITATOR).status_code == 409

        r = client.post("/console/start", headers=origin, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/console"
        room = client.app.state.games.room.state()
        assert room.started and room.round == 1 and 85 < room.clock_remaining() <= 90
        page = client.get("/console").text
        assert 'action="/console/start"' not in page and "Rounds: turn 1 of 12 open" in page
        assert "Open turn 2 for every team" in page
        state = client.get("/api/state", headers=bearer(team["token"])).json()
        assert state["held"] is None and 85 < state["seconds_left"] <= 90
        play_api(client, team["token"], ws, turns=1)
        # a second press (a stale page) changes nothing
        before = client.app.state.games.room.state()
        assert client.post("/console/start", headers=FACILITATOR).status_code == 200
        after = client.app.state.games.room.state()
        assert (after.started_at, after.round, after.round_opened_at) == (before.started_at, 1, before.round_opened_at)


def test_start_play_with_javascript_answers_json_and_the_stream_lines_say_what_it_does(tmp_path, timed):
    with make_client(tmp_path / "g.sqlite3", timed, started=False) as client:
        join(client, "Amber")
        join(client, "Birch")
        room = client.get("/console/room", headers=FACILITATOR).json()
        assert room["started"] is False and room["pace_line"] == "Not started · free pace when play starts"
        assert room["start_line"] == ("2 teams are on the waiting page. Start play lets every team begin turn 1 of 12 "
                                      "at its own pace; each team's turn clock (60 s a turn) runs from when its "
                                      "page shows the turn.")
        r = client.post("/console/start", headers=FACILITATOR)
        assert r.status_code == 200 and r.json()["room"]["started"] is True
        room = r.json()["room"]
        assert room["start_line"] == "" and room["pace_line"] == "Free pace"
        assert "Switching to rounds now: no team has decided a turn yet" in room["pace_hint"]


def test_switching_pace_after_the_start_says_what_it_does(tmp_path, ws):
    with make_client(tmp_path / "g.sqlite3", ws) as client:
        amber, birch = join(client, "Amber"), join(client, "Birch")
        play_api(client, amber["token"], ws, turns=3)
        play_api(client, birch["token"], ws, turns=1)
        hint = client.get("/console/room", headers=FACILITATOR).json()["pace_hint"]
        assert ("Switching to rounds now: turn 3, the furthest any team has decided, becomes the open round. Teams "
                "behind may catch up to it; the 1 team that decided it waits until you open turn 4.") in hint
        r = client.post("/console/pace", data={"pace": "rounds"}, headers=FACILITATOR).json()["room"]
        assert r["round"] == 3 and r["next_round"] == "Open turn 4 for every team"
        assert r["pace_hint"].startswith("Switching to free pace: every team plays on from the turn it is on")


def _strip_started(db, record: bool = True) -> None:
    """The room's record as a Leadsim before the start wrote it: no `started` (`record` False: no record at all,
    a room whose facilitator never pressed anything)."""
    import sqlite3

    con = sqlite3.connect(db)
    row = con.execute("SELECT value FROM meta WHERE key = ?", (ROOM_KEY,)).fetchone()
    if not record:
        con.execute("DELETE FROM meta WHERE key = ?", (ROOM_KEY,))
    elif row is not None:
        data = json.loads(row[0])
        data.pop("started", None)
        data.pop("started_at", None)
        con.execute("UPDATE meta SET value = ? WHERE key = ?", (json.dumps(data), ROOM_KEY))
    con.commit()
    con.close()


@pytest.mark.parametrize("record", [True, False], ids=["with-a-room-record", "without"])
def test_an_old_room_with_decisions_resumes_started_and_one_without_waits(tmp_path, ws, record):
    db = tmp_path / "old.sqlite3"
    with make_client(db, ws) as client:
        amber = join(client, "Amber")
        play_api(client, amber["token"], ws, turns=2)
        client.post("/console/message", data={"text": "Hello"}, headers=FACILITATOR)  # the room has a record
    _strip_started(db, record)
    with make_client(db, ws, started=False) as client:  # served again by this Leadsim
        assert client.app.state.games.room.state().started
        state = client.get("/api/state", headers=bearer(amber["token"])).json()
        assert state["turn"] == 3 and state["held"] is None

    fresh = tmp_path / "old-empty.sqlite3"  # an old room where teams had joined but nobody had played
    with make_client(fresh, ws, started=False) as client:
        join(client, "Birch")
    _strip_started(fresh)
    with make_client(fresh, ws, started=False) as client:
        assert not client.app.state.games.room.state().started  # waits for Start play, as a new room
