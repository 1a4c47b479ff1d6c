"""The facilitator's console (issue 13 points 1-3), in-process: statuses, pacing, the room's controls.

Every control is driven through its HTTP route as the console page posts it;
what changed is read back from the store or through a participant's API.
"""

from __future__ import annotations

import time

import pytest

from game.web import pacing
from game.web.room import DISCONNECTED_SECONDS, IDLE_SECONDS, RoomState, Status, team_status
from game.workshop.files import check_result

from .webkit import TOKEN, bearer, game_so_far, join, make_client, make_workshop, mirror, play_api

FACILITATOR = {**bearer(TOKEN), "Accept": "application/json"}


def act(client, path, **form):
    r = client.post(path, data=form, headers=FACILITATOR)
    assert r.status_code == 200, r.text
    return r.json()["room"]


def refused(client, path, **form) -> str:
    r = client.post(path, data=form, headers=FACILITATOR)
    assert r.status_code == 409, r.text
    return r.json()["error"]


def state(client, team):
    return client.get("/api/state", headers=bearer(team["token"])).json()


def decide(client, team, turn, actions=()):
    s = state(client, team)
    choice = s["event"]["choices"][0]["id"] if s["event"] else None
    return client.post("/api/decide", json={"turn": turn, "actions": list(actions), "choice": choice},
                       headers=bearer(team["token"]))


def later(monkeypatch, seconds: float) -> float:
    """Move the server's clock on (games, store, pacing and room all read time.time)."""
    now = time.time() + seconds
    for mod in ("games", "store", "pacing", "room", "console"):
        monkeypatch.setattr(f"game.web.{mod}.time.time", lambda: now)
    return now


# --- statuses -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case, expected", [
    (dict(done=True), Status.FINISHED),
    (dict(seen_ago=DISCONNECTED_SECONDS + 1), Status.DISCONNECTED),
    (dict(seen_ago=DISCONNECTED_SECONDS + 1, live=True, opened_ago=1), Status.DECIDING),
    (dict(seen_ago=DISCONNECTED_SECONDS + 1, bot=True, opened_ago=1), Status.DECIDING),
    (dict(), Status.JOINED),
    (dict(turn=2), Status.DECIDED),
    (dict(opened_ago=5), Status.DECIDING),
    (dict(opened_ago=IDLE_SECONDS + 5), Status.IDLE),
    (dict(opened_ago=IDLE_SECONDS + 5, acted_ago=3), Status.DECIDING),
    (dict(rounds=0), Status.WAITING),
    (dict(rounds=3, turn=3, opened_ago=2), Status.DECIDED),
    (dict(rounds=3, turn=2, opened_ago=2), Status.DECIDING),
    (dict(rounds=3, turn=2), Status.DECIDING),  # round 3 opened, the page still on turn 2's report: the room waits
    (dict(ended=True, seen_ago=DISCONNECTED_SECONDS + 1), Status.STOPPED),
    (dict(ended=True, done=True), Status.FINISHED),
    (dict(started=False, opened_ago=5), Status.JOINED),  # before Start play every team waits, joined
    (dict(started=False, rounds=0), Status.JOINED),
    (dict(started=False, seen_ago=DISCONNECTED_SECONDS + 1), Status.DISCONNECTED),
])
def test_a_team_status_says_what_it_is_doing(case, expected):
    now = 10_000.0
    started = case.get("started", True)
    room = (RoomState(pace="rounds", round=case["rounds"], started=started) if "rounds" in case else
            RoomState(ended=case.get("ended", False), started=started))
    got = team_status(done=case.get("done", False), turn=case.get("turn", 0),
                      opened_at=now - case["opened_ago"] if "opened_ago" in case else None,
                      acted_at=now - case["acted_ago"] if "acted_ago" in case else None,
                      seen_at=now - case.get("seen_ago", 1), live=case.get("live", False),
                      bot=case.get("bot", False), room=room, now=now)
    assert got == expected


def test_presence_counts_away_from_the_pages_close_and_says_back_only_after_a_real_absence(monkeypatch):
    from game.web import room as room_mod

    clock = [1000.0]
    monkeypatch.setattr(room_mod.time, "time", lambda: clock[0])
    p = room_mod.Presence()
    p.opened(1)
    p.closed(1)
    assert not p.live(1) and p.closed_at(1) == 1000.0
    clock[0] += 3  # a reload: its stream is back within seconds
    p.opened(1)
    assert p.live(1) and p.back(1, clock[0]) is None and p.closed_at(1) is None
    p.opened(1)
    p.closed(1)  # two tabs, one closed: still here
    assert p.live(1) and p.closed_at(1) is None
    p.closed(1)
    clock[0] += room_mod.DISCONNECTED_SECONDS + 30  # the laptop was shut
    p.opened(1)
    assert p.back(1, clock[0]) == room_mod.DISCONNECTED_SECONDS + 30
    assert p.back(1, clock[0] + room_mod.BACK_SECONDS + 1) is None  # said for a minute, then forgotten
    assert p.back(2, clock[0]) is None


def test_a_page_whose_pings_stop_is_away_from_its_last_ping_though_its_stream_looks_open():
    """A laptop leaves the Wi-Fi with its page open: the server never sees the stream close, only the pings stop."""
    from game.web import room as room_mod

    clock = [5000.0]
    p = room_mod.Presence(clock=lambda: clock[0])
    p.opened(1)
    p.heard(1)
    clock[0] += room_mod.PING_SECONDS
    assert not p.heard(1)  # a ping on time ends no absence
    last_ping = clock[0]
    clock[0] += room_mod.DISCONNECTED_SECONDS  # silence, but not yet longer than allowed
    assert p.live(1) and p.closed_at(1) is None
    clock[0] += 1
    assert not p.live(1) and p.closed_at(1) == last_ping  # away, counted from its last ping
    clock[0] += 30
    assert p.heard(1)  # back on the network: the first ping ends the absence ...
    assert p.live(1) and p.back(1, clock[0]) == room_mod.DISCONNECTED_SECONDS + 31  # ... and says how long
    # the stream of a silent page finally breaks: away from the last ping, not from when the server noticed
    clock[0] += room_mod.DISCONNECTED_SECONDS + 5
    silent = clock[0] - room_mod.DISCONNECTED_SECONDS - 5
    clock[0] += 600
    p.closed(1)
    assert p.closed_at(1) == silent
    # a stream without the page's script (it never pings) counts as here while it is open
    p.opened(2)
    clock[0] += 3600
    assert p.live(2)
    now = 10_000.0
    assert team_status(done=False, turn=1, opened_at=now - 5, acted_at=None, seen_at=now - 25, live=False,
                       bot=False, room=RoomState(started=True), now=now) == "disconnected"


def test_the_console_lists_every_team_with_status_turn_score_and_time_outs(client, ws):
    a, b = join(client, "Amber"), join(client, "Birch")
    play_api(client, a["token"], ws, turns=2)
    state(client, b)  # Birch's dashboard is open on turn 1
    rows = {r["team"]: r for r in client.get("/console/teams", headers=FACILITATOR).json()["teams"]}
    assert rows["Amber"]["turn"] == 2 and rows["Amber"]["status"] == "decided" and rows["Amber"]["score"] > 0
    assert rows["Birch"]["status"] == "deciding" and rows["Birch"]["turn"] == 0
    assert {"phase", "timed_out", "bot_turns", "label"} <= set(rows["Amber"])
    page = client.get("/console", headers=bearer(TOKEN)).text
    assert "Amber" in page and "Birch" in page and 'aria-sort="ascending"' in page


# --- rounds ---------------------------------------------------------------------------------------------
def test_rounds_open_each_turn_for_every_team_at_once(client):
    a, b = join(client, "Amber"), join(client, "Birch")
    room = act(client, "/console/pace", pace="rounds", advance="facilitator")
    assert room["pace"] == "rounds" and room["round"] == 0
    r = decide(client, a, 1)
    assert r.status_code == 423 and "not opened yet" in r.json()["error"]
    assert state(client, a)["held"] == "waiting"
    assert act(client, "/console/round")["round"] == 1
    assert decide(client, a, 1).status_code == 201
    assert decide(client, a, 2).status_code == 423  # Amber waits for the next round
    rows = {r["team"]: r for r in client.get("/console/teams", headers=FACILITATOR).json()["teams"]}
    assert rows["Amber"]["status"] == "decided"
    assert client.get("/console/room", headers=FACILITATOR).json()["waiting_for"] == 1
    assert decide(client, b, 1).status_code == 201
    pacing.sweep(client.app.state.games)
    assert client.app.state.games.room.state().round == 1  # the facilitator opens rounds: nothing moves by itself
    act(client, "/console/round")
    assert decide(client, b, 2).status_code == 201


def test_rounds_can_open_when_every_team_has_decided(client):
    a, b = join(client, "Amber"), join(client, "Birch")
    act(client, "/console/pace", pace="rounds", advance="all_decided")
    act(client, "/console/round")
    games = client.app.state.games
    decide(client, a, 1)
    pacing.sweep(games)
    assert games.room.state().round == 1
    decide(client, b, 1)
    pacing.sweep(games)
    assert games.room.state().round == 2 and decide(client, a, 2).status_code == 201


def test_the_round_clock_decides_every_open_turn_when_it_runs_out(client, monkeypatch):
    a, b = join(client, "Amber"), join(client, "Birch")
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/round")
    room = act(client, "/console/clock", action="set", seconds="60")
    assert 59 <= room["clock_left"] <= 60
    assert 59 <= state(client, a)["seconds_left"] <= 60
    decide(client, a, 1)
    room = act(client, "/console/clock", action="extend", seconds="30")
    assert 89 <= room["clock_left"] <= 90
    later(monkeypatch, 95)
    assert pacing.sweep(client.app.state.games)
    log_a, log_b = (client.app.state.games.store.decisions(t) for t in (1, 2))
    assert not log_a[0].get("timed_out") and log_b[0]["timed_out"] is True
    assert client.app.state.games.room.state().clock_deadline is None
    act(client, "/console/clock", action="stop")
    assert "no round clock" in refused(client, "/console/clock", action="extend", seconds="30")
    assert "10 to 3600" in refused(client, "/console/clock", action="set", seconds="5")


# --- pause ----------------------------------------------------------------------------------------------
def test_a_pause_stops_every_clock_and_every_decision(tmp_path, monkeypatch):
    ws = make_workshop(tmp_path, turn_seconds=60)
    with make_client(tmp_path / "p.sqlite3", ws) as c:
        a = join(c, "Amber")
        assert 59 <= state(c, a)["seconds_left"] <= 60
        act(c, "/console/pause", action="pause")
        later(monkeypatch, 600)  # a long pause: far beyond the turn's minute
        assert pacing.sweep(c.app.state.games) is False
        s = state(c, a)
        assert s["held"] == "paused" and s["turn"] == 1 and 58 <= s["seconds_left"] <= 60
        assert decide(c, a, 1).status_code == 423
        c.cookies.set("leadsim_team", a["token"])
        page = c.get("/play")
        assert "Paused" in page.text and "clock is stopped" in page.text
        c.cookies.clear()
        act(c, "/console/pause", action="resume")
        s = state(c, a)
        assert s["held"] is None and 58 <= s["seconds_left"] <= 60  # the pause took nothing off the clock
        assert decide(c, a, 1).status_code == 201


def test_the_round_clock_stands_still_while_paused(client, monkeypatch):
    join(client, "Amber")
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/round")
    act(client, "/console/clock", action="set", seconds="120")
    act(client, "/console/pause", action="pause")
    later(monkeypatch, 300)
    assert 119 <= client.get("/console/room", headers=FACILITATOR).json()["clock_left"] <= 120
    room = act(client, "/console/pause", action="resume")
    assert 119 <= room["clock_left"] <= 120 and not room["paused"]


# --- running the room ------------------------------------------------------------------------------------
def test_a_message_reaches_every_participants_screen(client):
    a = join(client, "Amber")
    act(client, "/console/message", action="send", text="Five   minutes <b>left</b>")
    assert state(client, a)["room"]["message"]["text"] == "Five minutes <b>left</b>"
    client.cookies.set("leadsim_team", a["token"])
    page = client.get("/play").text
    assert "Message from the facilitator" in page and "Five minutes &lt;b&gt;left&lt;/b&gt;" in page
    client.cookies.clear()
    act(client, "/console/message", action="clear")
    assert state(client, a)["room"]["message"] is None
    assert "write the message" in refused(client, "/console/message", action="send", text="  ")
    assert "280" in refused(client, "/console/message", action="send", text="x" * 281)


def test_a_bot_plays_a_disconnected_teams_turn_and_the_result_says_so(client, ws):
    a = join(client, "Amber")
    play_api(client, a["token"], ws, turns=1)
    act(client, "/console/team/1", action="bot-turn")
    exported = client.get("/console/games", headers=FACILITATOR).json()["results"][0]
    assert [d.get("bot") for d in exported["log"]] == [None, "adaptive"]
    check_result(exported)  # the result file format carries who played the turn
    local = mirror(ws)
    from game.session import Decision

    for d in exported["log"]:
        local.decide(Decision.from_json(d))
    assert round(local.score(), 3) == exported["score"]  # the same game, replayed: it verifies
    rows = client.get("/console/teams", headers=FACILITATOR).json()["teams"]
    assert rows[0]["bot_turns"] == 1 and rows[0]["turn"] == 2


def test_a_bot_stands_in_until_the_facilitator_gives_the_team_back(client):
    a = join(client, "Amber")
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/round")
    act(client, "/console/team/1", action="stand-in", policy="balanced")
    games = client.app.state.games
    pacing.sweep(games)
    assert games.store.decisions(1)[0]["bot"] == "balanced"
    act(client, "/console/round")
    pacing.sweep(games)
    assert games.store.turns_decided(1) == 2
    act(client, "/console/team/1", action="stand-in-off")
    act(client, "/console/round")
    pacing.sweep(games)
    assert games.store.turns_decided(1) == 2 and decide(client, a, 3).status_code == 201


def test_a_bot_team_fills_an_empty_table(client):
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/bot-team", name="Empty table", policy="leadership")
    act(client, "/console/bot-team")
    act(client, "/console/round")
    pacing.sweep(client.app.state.games)
    rows = {r["team"]: r for r in client.get("/console/teams", headers=FACILITATOR).json()["teams"]}
    assert set(rows) == {"Empty table", "Bot 1"} and all(r["turn"] == 1 and r["bot"] for r in rows.values())
    assert "choose a bot" in refused(client, "/console/bot-team", policy="cheat")


def test_rename_and_remove_a_team(client):
    a, b = join(client, "Amber"), join(client, "Birch")
    act(client, "/console/team/1", action="rename", name="Amber Alpha")
    assert state(client, a)["team"] == "Amber Alpha"
    assert "already" in refused(client, "/console/team/1", action="rename", name="birch")
    assert "team name" in refused(client, "/console/team/1", action="rename", name="<script>")
    assert "tick 'remove Birch'" in refused(client, "/console/team/2", action="remove")  # asked first
    assert [r["team"] for r in client.get("/console/teams", headers=FACILITATOR).json()["teams"]] == [
        "Amber Alpha", "Birch"]
    act(client, "/console/team/2", action="remove", confirm="remove")
    assert client.get("/api/state", headers=bearer(b["token"])).status_code == 401
    names = [r["team"] for r in client.get("/console/teams", headers=FACILITATOR).json()["teams"]]
    assert names == ["Amber Alpha"]
    assert [r["team"] for r in client.get("/console/games", headers=FACILITATOR).json()["results"]] == names
    assert "no such team" in refused(client, "/console/team/2", action="bot-turn")
    join(client, "Birch")  # the name is free again


def test_closing_joining_keeps_new_teams_out_but_lets_a_team_rejoin(client):
    a = join(client, "Amber")
    act(client, "/console/joining", open="0")
    r = client.post("/api/join", json={"team": "Late", "code": client.app.state.games.join_code})
    assert r.status_code == 422 and "Joining is closed" in r.json()["error"]
    assert client.post("/api/rejoin", json={"rejoin": a["rejoin_code"]}).status_code == 200
    act(client, "/console/bot-team")  # the facilitator may still fill a table
    act(client, "/console/joining", open="1")
    join(client, "Late")


def test_ending_the_workshop_stops_play_and_calls_the_debrief_hook(client, ws):
    a = join(client, "Amber")
    play_api(client, a["token"], ws, turns=1)
    ended = []
    client.app.state.games.room.on_end(ended.append)
    assert "tick" in refused(client, "/console/end")
    said = refused(client, "/console/end", confirm="end")  # mid-game: the facilitator is told who is still playing
    assert said.startswith("1 team has not finished: Amber (turn 1 of ") and "unfinished, not ranked" in said
    assert not client.app.state.games.room.state().ended
    act(client, "/console/message", action="send", text="Five minutes to the break")
    room = act(client, "/console/end", confirm="end", unfinished="1")
    assert room["message"] is None  # a message of play does not outlive it
    assert room["ended"] and room["ended_at"] and not room["joining_open"] and len(ended) == 1
    act(client, "/console/reveal", on="1")  # the debrief may still reveal the hidden drivers
    r = decide(client, a, 2)
    assert r.status_code == 423 and "ended" in r.json()["error"]
    assert state(client, a)["held"] == "ended"
    client.cookies.set("leadsim_team", a["token"])
    assert "The workshop has ended" in client.get("/play").text
    client.cookies.clear()
    assert "ended" in refused(client, "/console/pause", action="pause")
    act(client, "/console/end", confirm="end")
    assert len(ended) == 1  # once


def test_the_room_survives_a_restart(tmp_path, ws):
    db = tmp_path / "r.sqlite3"
    with make_client(db, ws) as c:
        join(c, "Amber")
        act(c, "/console/pace", pace="rounds", advance="all_decided")
        act(c, "/console/round")
        act(c, "/console/clock", action="set", seconds="300")
        act(c, "/console/message", action="send", text="Back at 3")
        act(c, "/console/reveal", on="1")
        act(c, "/console/joining", open="0")
        act(c, "/console/team/1", action="stand-in")
        before = act(c, "/console/pause", action="pause")
    with make_client(db, ws) as c:  # a new app: nothing in memory
        after = c.get("/console/room", headers=FACILITATOR).json()
    keep = ("pace", "advance", "round", "clock_seconds", "clock_left", "paused", "message", "reveal",
            "joining_open", "stand_ins", "version")
    assert {k: after[k] for k in keep} == {k: before[k] for k in keep}
    assert after["paused"] and after["round"] >= 1 and after["message"]["text"] == "Back at 3"


# --- who may ------------------------------------------------------------------------------------------------
CONTROLS = [("/console/pace", {"pace": "rounds"}), ("/console/round", {}), ("/console/clock",
            {"action": "set", "seconds": "60"}), ("/console/pause", {"action": "pause"}),
            ("/console/message", {"action": "send", "text": "hi"}), ("/console/reveal", {"on": "1"}),
            ("/console/joining", {"open": "0"}), ("/console/bot-team", {}),
            ("/console/team/1", {"action": "remove", "confirm": "remove"}), ("/console/end", {"confirm": "end", "unfinished": "9"})]


def test_every_console_action_is_refused_without_the_facilitators_token(client):
    team = join(client, "Sneaky")
    version = client.app.state.games.room.state().version
    for path, form in CONTROLS:
        for how in ({}, {"headers": bearer(team["token"])}, {"headers": bearer("wrong" + TOKEN)},
                    {"cookies": {"leadsim_team": team["token"]}}, {"cookies": {"leadsim_facilitator": team["token"]}}):
            client.cookies.clear()
            for k, v in how.get("cookies", {}).items():
                client.cookies.set(k, v)
            r = client.post(path, data=form, headers=how.get("headers", {}))
            assert r.status_code == 401 and "Sneaky" not in r.text, (path, how)
    client.cookies.clear()
    assert client.app.state.games.room.state().version == version
    assert [t.name for t in client.app.state.games.store.teams()] == ["Sneaky"]
    for path in ("/console/room", "/console/teams"):
        assert client.get(path, headers=bearer(team["token"])).status_code == 401


def test_console_actions_refuse_cross_site_posts(client):
    r = client.post("/console/pause", data={"action": "pause"}, headers={**FACILITATOR, "Origin": "http://evil.example"})
    assert r.status_code == 403 and not client.app.state.games.room.state().paused


def test_the_facilitators_cookie_keeps_the_console_open(client):
    r = client.get("/console", params={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console"
    page = client.get("/console")  # the cookie from the redirect
    assert page.status_code == 200 and "Facilitator's console" in page.text and TOKEN not in page.text
    r = client.post("/console/pause", data={"action": "pause"}, follow_redirects=False)
    assert r.status_code == 303 and client.app.state.games.room.state().paused


# --- the sweeper (issue 12: a clock runs out with nobody asking) -------------------------------------------
def test_the_sweeper_expires_a_clock_while_no_request_comes_in(tmp_path, monkeypatch):
    ws = make_workshop(tmp_path, turn_seconds=30)
    with make_client(tmp_path / "s.sqlite3", ws) as c:  # the app's lifespan runs the sweeper
        a = join(c, "Away")
        state(c, a)  # the dashboard showed turn 1: its clock runs
        store = c.app.state.games.store
        later(monkeypatch, 40)
        deadline = time.monotonic() + 10
        while store.turns_decided(1) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # no request at all: only the background task can decide
        assert store.decisions(1)[0]["timed_out"] is True


def test_the_round_clock_stops_once_every_team_has_decided(client):
    a = join(client, "Amber")
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/round")
    act(client, "/console/clock", action="set", seconds="120")
    decide(client, a, 1)
    pacing.sweep(client.app.state.games)
    room = client.get("/console/room", headers=FACILITATOR).json()
    assert room["clock_left"] is None and room["round"] == 1 and room["clock_seconds"] == 120
    assert 119 <= act(client, "/console/round")["clock_left"] <= 120  # and starts again with the next round


def test_a_team_a_bot_stands_in_for_sees_so_and_gets_its_game_back(client):
    a = join(client, "Amber")
    act(client, "/console/team/1", action="stand-in")
    client.cookies.set("leadsim_team", a["token"])
    assert "A bot plays for your team" in client.get("/play").text
    client.cookies.clear()
    assert state(client, a)["held"] == "bot"
    act(client, "/console/team/1", action="stand-in-off")
    assert state(client, a)["held"] is None


def test_a_bot_team_at_free_pace_keeps_level_with_the_team_in_front(client, ws):
    a = join(client, "Amber")
    act(client, "/console/bot-team", name="Robo")
    games = client.app.state.games
    pacing.sweep(games)
    assert games.store.turns_decided(2) == 0  # nobody has played yet: the bot waits
    play_api(client, a["token"], ws, turns=3)
    for _ in range(5):
        pacing.sweep(games)
    assert games.store.turns_decided(2) == 3


def test_the_ended_table_reads_by_rank_marks_the_bot_and_counts_a_clocked_turn_as_the_report_does(
        client, ws, monkeypatch):
    """Trainer s4, finding 11: the ended table read '–, 4, 5, 6, 2, 3, 1' (sorted by status); the console
    counted a clocked turn of an unfinished team the report left out; and a bot team's mark was the console's
    own. Now the ended rows come by rank, the unranked last; the report counts an unfinished game's clocked
    turns too (trainer s6, finding 2), so the console's caveat about them is gone; a bot team carries
    views.standings' one mark, as on the projector."""
    import re

    from game.views.standings import BOT_MARK

    amber, birch, cedar = join(client, "Amber"), join(client, "Birch"), join(client, "Cedar")
    act(client, "/console/bot-team", name="Robo", policy="adaptive")
    act(client, "/console/pace", pace="rounds")
    act(client, "/console/round")
    act(client, "/console/clock", action="set", seconds="60")
    for team in (amber, birch):
        assert decide(client, team, 1).status_code == 201
    later(monkeypatch, 65)
    assert pacing.sweep(client.app.state.games)  # Cedar's turn 1 goes to the clock; the bot plays its own
    monkeypatch.undo()
    act(client, "/console/pace", pace="free")
    for team, policy in ((amber, "balanced"), (birch, "management")):
        play_api(client, team["token"], ws, policy, local=game_so_far(client, ws, team["team"]))
    rows = client.get("/console/teams", headers=FACILITATOR).json()["teams"]
    robo = next(r for r in rows if r["team"] == "Robo")
    assert robo["mark"] == BOT_MARK and all(r["mark"] == "" for r in rows if r["team"] != "Robo")
    act(client, "/console/end", confirm="end", unfinished="2")
    rows = client.get("/console/teams", headers=FACILITATOR).json()["teams"]
    ranks = [r["rank"] for r in rows]
    assert [r["place"] for r in rows] == list(range(len(rows)))  # the server's own order is by rank
    finished = [r["status"] == "finished" for r in rows]  # (the bot team may have played on, or not)
    assert finished == sorted(finished, reverse=True) and finished[:2] == [True, True], rows
    assert ranks == [str(k) for k in range(1, sum(finished) + 1)] + ["–"] * (len(rows) - sum(finished)), rows
    cedar_row = next(r for r in rows if r["team"] == "Cedar")
    assert cedar_row["rank"] == "–" and cedar_row["timed_out"] == 1
    page = client.get("/console", headers=bearer(TOKEN)).text
    body = page.split('<table class="teams')[1].split("</table>")[0]
    assert re.findall(r'<td class="num rank">(.*?)</td>', body) == ranks  # top to bottom, as a person reads it
    assert f'Robo</a> <span class="bot">{BOT_MARK}</span>' in body
    assert 'id="clock-note"' not in page  # the report counts an unfinished game's clocked turns too: no caveat


def test_the_console_says_who_is_behind_before_the_next_round_opens_and_prefills_the_workshops_clock(tmp_path):
    """Trainer s5, finding 8: 'Open turn 4' opened while a team was on turn 3 with no warning, and the round clock
    field said 180 although the workshop file says 90."""
    ws = make_workshop(tmp_path, turn_seconds=90)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        a, b = join(client, "Amber"), join(client, "Birch")
        act(client, "/console/pace", pace="rounds", advance="facilitator")
        page = client.get("/console", headers=bearer(TOKEN)).text
        assert 'id="clock-seconds" name="seconds" type="number" min="10" max="3600" step="1" value="90"' in page
        act(client, "/console/round")
        assert decide(client, a, 1).status_code == 201
        line = client.get("/console/room", headers=FACILITATOR).json()["behind_line"]
        assert line == ("Still deciding: Birch (on turn 1). Opening turn 2 gives it turn 2 as well, after the one "
                        "it is on.")
        act(client, "/console/clock", action="set", seconds="90")
        page = client.get("/console", headers=bearer(TOKEN)).text
        assert ('Still deciding: Birch (on turn 1). Opening turn 2 gives it turn 2 as well, after the one it is on; '
                'when the round clock runs out, every turn it has not decided by then, up to turn 2, is recorded as '
                'timed out.') in page.replace("&#39;", "'")
        r = client.post("/console/round", headers=FACILITATOR)
        assert r.json()["ok"].startswith("round. Still deciding: Birch (on turn 1).")
        assert "Birch (on turn 1)" in client.get("/console/room", headers=FACILITATOR).json()["behind_line"]
        assert decide(client, b, 1).status_code == 201 and decide(client, b, 2).status_code == 201
        assert decide(client, a, 2).status_code == 201
        assert client.get("/console/room", headers=FACILITATOR).json()["behind_line"] == ""
        assert 'id="behind" role="status" hidden' in client.get("/console", headers=bearer(TOKEN)).text


# --- asking before what cannot be undone, in the page (no window.confirm) ----------------------------------
def _between(page: str, start: str, end: str) -> str:
    at = page.index(start)
    return page[at:page.index(end, at)]


def test_ending_mid_game_asks_in_the_page_with_who_has_not_finished_and_refuses_a_stale_answer(client, ws):
    """Without JavaScript: 'End the workshop…' is a plain link-like form (GET ?confirm=end) to a question the
    server writes: which teams have not finished (turn N of M, or never played), what becomes of their games,
    a required tick, 'End anyway' and 'Keep playing'. A post that was told fewer unfinished teams than are
    playing, or was not ticked, brings the question back (409), with the fresh list, and ends nothing."""
    from html import unescape

    amber = join(client, "Amber")
    join(client, "Birch")
    play_api(client, amber["token"], ws, turns=2)
    turns = ws.load_scenario().scenario.turns
    client.cookies.set("leadsim_facilitator", TOKEN)  # as the browser: the cookie, HTML answers
    page = client.get("/console").text
    step = _between(page, '<div id="endbox">', "</div>")
    assert 'method="get" action="/console#end-confirm"' in step and 'name="confirm" value="end"' in step
    assert 'type="checkbox"' not in step and "end-confirm-h" not in page  # nothing asked yet

    page = client.get("/console", params={"confirm": "end"}).text
    panel = unescape(_between(page, 'id="end-confirm"', "</section>"))
    assert "End the workshop while teams are still playing?" in panel
    assert "2 of 2 teams have not finished:" in panel
    assert f"<li><strong>Amber</strong>: turn 2 of {turns}</li>" in panel
    assert "<li><strong>Birch</strong>: never played a turn</li>" in panel
    assert "lists their games as unfinished, with the turn reached, and ranks only the finished games" in panel
    assert "A team that never played a turn is listed as joined, never played." in panel
    assert 'action="/console/end#end-confirm"' in panel and 'name="unfinished" value="2"' in panel
    assert 'type="checkbox" name="confirm" value="end" required' in panel
    assert ">End anyway</button>" in panel and '<a class="button" href="/console" data-swap="endbox">Keep playing</a>' in panel

    r = client.post("/console/end", data={"unfinished": "2"})  # not ticked (a browser that skips `required`)
    assert r.status_code == 409 and "Tick the box to confirm" in r.text and 'id="end-confirm"' in r.text
    join(client, "Cedar")  # joins while the question is open: the page named two
    client.cookies.set("leadsim_facilitator", TOKEN)
    r = client.post("/console/end", data={"confirm": "end", "unfinished": "2"})
    panel = unescape(_between(r.text, 'id="end-confirm"', "</section>"))
    assert r.status_code == 409 and not client.app.state.games.room.state().ended
    assert "Not ended: 1 more team is playing than when you were asked." in panel
    assert "3 of 3 teams have not finished:" in panel and "<strong>Cedar</strong>: never played a turn" in panel
    assert 'name="unfinished" value="3"' in panel
    r = client.post("/console/end", data={"confirm": "end", "unfinished": "3"}, follow_redirects=False)
    assert r.status_code == 303 and client.app.state.games.room.state().ended
    assert "end-confirm" not in client.get("/console", params={"confirm": "end"}).text  # nothing left to ask


def test_ending_when_every_team_has_finished_still_asks_once(client, ws):
    amber = join(client, "Amber")
    play_api(client, amber["token"], ws)
    client.cookies.set("leadsim_facilitator", TOKEN)
    panel = _between(client.get("/console", params={"confirm": "end"}).text, 'id="end-confirm"', "</section>")
    assert "Every team has finished its game." in panel and "confirm-teams" not in panel
    assert ">End the workshop</button>" in panel and 'name="unfinished" value="0"' in panel
    assert client.post("/console/end", data={"confirm": "end", "unfinished": "0"},
                       follow_redirects=False).status_code == 303


def test_removing_a_team_asks_in_the_page_with_its_name_and_what_removal_does(client, ws):
    from html import unescape

    join(client, "Amber")
    birch = join(client, "Birch")
    play_api(client, birch["token"], ws, turns=1)
    client.cookies.set("leadsim_facilitator", TOKEN)
    page = client.get("/console", params={"team": "2"}).text
    ask = _between(page, '<form method="get" action="/console#tp-confirm"', "</form>")
    assert 'name="team" value="2"' in ask and 'name="confirm" value="remove"' in ask and 'value="remove" class' not in ask
    assert 'id="tp-confirm"' not in page
    page = client.get("/console", params={"team": "2", "confirm": "remove"}).text
    panel = unescape(_between(page, 'id="tp-confirm"', "</section>"))
    assert "Remove team Birch from the room?" in panel and "<strong>Birch</strong>:" in panel and "turn 1 of" in panel
    assert "page and rejoin code stop working at once" in panel and "leaves the table, the projector and the debrief" in panel
    assert 'action="/console/team/2#tp-confirm"' in panel and 'name="action" value="remove"' in panel
    assert 'type="checkbox" name="confirm" value="remove" required' in panel
    assert ">Remove Birch</button>" in panel and 'href="/console?team=2" data-swap="tp-confirm-box">Keep the team</a>' in panel
    r = client.post("/console/team/2", data={"action": "remove"})  # not ticked
    assert r.status_code == 409 and 'id="tp-confirm"' in r.text and "Tick the box to confirm" in r.text
    assert len(client.app.state.games.store.teams()) == 2
    r = client.post("/console/team/2", data={"action": "remove", "confirm": "remove"}, follow_redirects=False)
    assert r.status_code == 303 and [t.name for t in client.app.state.games.store.teams()] == ["Amber"]
    assert 'id="tp-confirm"' not in client.get("/console", params={"team": "2", "confirm": "remove"}).text


def test_the_console_says_how_long_the_message_has_been_up_beside_its_clear_button(client, monkeypatch):
    """Trainer s7 rehearsal 4, finding 7: 'finish turn 2' stayed on every screen all game and nothing in the
    console said how old it was. The page and the live snapshot both say it, in minutes and the clock time."""
    room = act(client, "/console/message", action="send", text="Five minutes to the break - finish turn 2")
    at = room["message"]["at"]
    since = time.strftime("%H:%M", time.localtime(at))
    assert room["message_age"] == f"up for under a minute (since {since})"
    later(monkeypatch, 25 * 60 + 5)
    page = client.get("/console", headers=bearer(TOKEN)).text
    clear = page.split('value="clear"')[1]
    assert clear.index(f"up for 25 min (since {since})") < clear.index("</form>")  # beside Clear, in its form
    assert client.get("/console/room", headers=FACILITATOR).json()["message_age"] == f"up for 25 min (since {since})"
    assert act(client, "/console/message", action="clear")["message_age"] == ""


def test_the_rounds_line_never_says_turn_0_open_nor_an_open_turn_once_every_team_has_finished(client, ws):
    """Trainer s7 rehearsal 4, finding 12: 'Rounds: turn 0 of 12 open' before turn 1 and 'turn 12 of 12 open'
    with every team finished."""
    team = join(client, "Solo")
    act(client, "/console/start")  # free pace: no round is open
    room = act(client, "/console/pace", pace="rounds")
    assert room["round"] == 0 and room["pace_line"] == "Rounds: turn 1 of 12 not open yet", room["pace_line"]
    room = act(client, "/console/round")
    assert room["pace_line"] == "Rounds: turn 1 of 12 open"
    act(client, "/console/pace", pace="free")
    play_api(client, team["token"], ws)
    room = act(client, "/console/pace", pace="rounds")
    assert room["pace_line"] == "Rounds: every team has finished", room["pace_line"]
