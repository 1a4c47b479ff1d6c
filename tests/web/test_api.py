"""The workshop server's participant API, in-process: joining, deciding once per turn, the same score offline."""

from __future__ import annotations

import pytest

from game.workshop.files import check_team

from .webkit import TOKEN, bearer, join, make_client, make_workshop, play_api



def test_a_server_game_scores_as_the_offline_engine(client, ws):
    team = join(client, "Blue Team")
    local = play_api(client, team["token"], ws)
    result = client.get("/api/result", headers=bearer(team["token"])).json()
    assert local.done and result["turns"] == local.turn
    assert result == local.result(None)


def test_join_uses_the_same_rule_as_team_option(client):
    code = client.app.state.games.join_code
    for bad in ["", " ", "-x", "a" * 41, "<script>", "a/b", "..", "x\ny"]:
        with pytest.raises(Exception):
            check_team(bad)
        r = client.post("/api/join", json={"team": bad, "code": code})
        assert r.status_code == 422, bad
        assert "team name" in r.json()["error"]


def test_join_needs_the_workshop_code(client):
    r = client.post("/api/join", json={"team": "Red", "code": "WRONG1"})
    assert r.status_code == 422 and "join code" in r.json()["error"]


def test_team_names_are_unique_whatever_the_case(client):
    join(client, "Red")
    r = client.post("/api/join", json={"team": "red", "code": client.app.state.games.join_code})
    assert r.status_code == 422 and "already joined" in r.json()["error"]


def test_a_decision_sent_twice_is_applied_once(client, ws):
    team = join(client, "Green")
    h = bearer(team["token"])
    state = client.get("/api/state", headers=h).json()
    event = state["event"]
    body = {"turn": 1, "actions": [state["cards"][0]["id"]], "choice": event["choices"][0]["id"] if event else None}
    a = client.post("/api/decide", json=body, headers=h)
    b = client.post("/api/decide", json=body, headers=h)
    assert a.status_code == 201 and a.json()["applied"]
    assert b.status_code == 200 and not b.json()["applied"] and b.json()["decision"] == a.json()["decision"]
    assert client.get("/api/state", headers=h).json()["turn"] == 2
    assert client.app.state.games.store.turns_decided(1) == 1


def test_a_decision_for_a_later_turn_is_refused(client):
    team = join(client, "Amber")
    r = client.post("/api/decide", json={"turn": 3, "actions": []}, headers=bearer(team["token"]))
    assert r.status_code == 409


def test_an_illegal_decision_is_explained_and_not_stored(client):
    team = join(client, "Teal")
    r = client.post("/api/decide", json={"turn": 1, "actions": ["no_such_card"]}, headers=bearer(team["token"]))
    assert r.status_code == 422 and "unknown action" in r.json()["error"]
    assert client.app.state.games.store.turns_decided(1) == 0


def test_rejoin_code_gives_a_second_device_the_same_game(client, ws):
    team = join(client, "Violet")
    play_api(client, team["token"], ws, turns=2)
    r = client.post("/api/rejoin", json={"rejoin": team["rejoin_code"].lower()})
    assert r.status_code == 200 and r.json()["team"] == "Violet"
    other = r.json()["token"]
    assert other != team["token"]
    assert client.get("/api/state", headers=bearer(other)).json()["turn"] == 3
    assert client.get("/api/state", headers=bearer(team["token"])).json()["turn"] == 3  # the first device still works
    assert client.post("/api/rejoin", json={"rejoin": "AAAAAAAA"}).status_code == 422


def test_games_are_rebuilt_from_the_store_alone(tmp_path, ws):
    db = tmp_path / "g.sqlite3"
    with make_client(db, ws) as c:
        team = join(c, "Indigo")
        play_api(c, team["token"], ws, turns=5)
        before = c.get("/api/state", headers=bearer(team["token"])).json()
    with make_client(db, ws) as c:  # a new app: nothing in memory
        after = c.get("/api/state", headers=bearer(team["token"])).json()
        assert after == before and after["turn"] == 6
        assert c.app.state.games.join_code and c.app.state.facilitator_token == TOKEN


def test_a_decision_made_by_another_server_process_is_seen_at_once(tmp_path, ws):
    """Two servers over one database (a hosted deployment): the cached game catches up with the other's turns."""
    db = tmp_path / "g.sqlite3"
    with make_client(db, ws) as first, make_client(db, ws) as second:
        team = join(first, "Teal")
        assert first.get("/api/state", headers=bearer(team["token"])).json()["turn"] == 1  # cached in `first`
        play_api(second, team["token"], ws, turns=2)
        assert first.get("/api/state", headers=bearer(team["token"])).json()["turn"] == 3
        stale = first.post("/api/decide", json={"turn": 2, "actions": [], "choice": None}, headers=bearer(team["token"]))
        assert stale.status_code == 200 and stale.json()["applied"] is False  # turn 2 stands as `second` decided it


def test_the_turn_clock_is_kept_by_the_server(tmp_path, monkeypatch):
    import time as real_time

    ws = make_workshop(tmp_path, turn_seconds=30)
    with make_client(tmp_path / "c.sqlite3", ws) as c:
        team = join(c, "Clock")
        h = bearer(team["token"])
        state = c.get("/api/state", headers=h).json()
        assert 29 <= state["seconds_left"] <= 30
        now = real_time.time()
        monkeypatch.setattr("game.web.games.time.time", lambda: now + 33)
        monkeypatch.setattr("game.web.store.time.time", lambda: now + 33)
        card = next(x["id"] for x in state["cards"] if x["available"])
        event = state["event"]
        r = c.post("/api/decide", json={"turn": 1, "actions": [card],
                                        "choice": event["choices"][-1]["id"] if event else None}, headers=h)
        assert r.status_code == 201 and r.json()["timed_out"]
        assert r.json()["decision"]["actions"] == []
        # the next turn's clock starts when the team sees it, not while the report is read
        assert 29 <= c.get("/api/state", headers=h).json()["seconds_left"] <= 30


def test_an_expired_turn_is_decided_when_the_team_comes_back(tmp_path, monkeypatch):
    ws = make_workshop(tmp_path, turn_seconds=20)
    with make_client(tmp_path / "d.sqlite3", ws) as c:
        team = join(c, "Away")
        h = bearer(team["token"])
        c.get("/api/state", headers=h)
        import time as real_time

        now = real_time.time()
        monkeypatch.setattr("game.web.games.time.time", lambda: now + 60)
        monkeypatch.setattr("game.web.store.time.time", lambda: now + 60)
        state = c.get("/api/state", headers=h).json()
        assert state["turn"] == 2
        log = c.app.state.games.store.decisions(1)
        assert log[0].get("timed_out") is True
