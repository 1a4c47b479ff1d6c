"""`kill -9` mid-game and the same command again: every team resumes exactly where it was."""

from __future__ import annotations

import httpx

from game.autoplay import bot_decision
from game.session import Decision

from .webkit import (TOKEN, join_code, kill_9, make_workshop, mirror, running_server, start_play, start_server,
                     stop_server)


def _decide(base, token, local):
    d = bot_decision(local, "adaptive")
    r = httpx.post(f"{base}/api/decide", json={"turn": local.turn + 1, "actions": list(d.actions),
                                               "choice": d.choice},
                   headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 201, r.text
    local.decide(Decision.from_json(r.json()["decision"]))


def test_sigkill_mid_game_loses_nothing(tmp_path):
    ws = make_workshop(tmp_path)
    home = tmp_path / "home"
    with running_server(ws.path, home) as (proc, base):
        code = join_code(base)
        teams = []
        for name in ("North", "South"):
            r = httpx.post(base + "/api/join", json={"team": name, "code": code}, timeout=10)
            assert r.status_code == 201
            teams.append((r.json()["token"], mirror(ws)))
        start_play(base)
        for k, (token, local) in enumerate(teams):
            for _ in range(3 + 2 * k):
                _decide(base, token, local)
        kill_9(proc)
    with running_server(ws.path, home) as (proc, base):
        for token, local in teams:
            state = httpx.get(base + "/api/state", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
            assert state["turn"] == local.turn + 1
            assert state["metrics"] == {m: round(local.value(m), 3) for m in state["metrics"]}
            while not local.done:
                _decide(base, token, local)
            result = httpx.get(base + "/api/result", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
            assert result == local.result(None)
        assert "North" in httpx.get(base + "/console", params={"token": TOKEN}, follow_redirects=True,
                                    timeout=10).text


def test_the_console_stream_follows_a_decision(tmp_path):
    """Server-Sent Events: the status table arrives at once, and again right after a team decides."""
    ws = make_workshop(tmp_path)
    proc, base = start_server(ws.path, tmp_path / "home")
    try:
        code = join_code(base)
        token = httpx.post(base + "/api/join", json={"team": "Live", "code": code}, timeout=10).json()["token"]
        start_play(base)
        import json
        import time

        with httpx.stream("GET", base + "/console/events", timeout=20,
                          headers={"Authorization": "Bearer facilitator-secret-token-123"}) as stream:
            lines = stream.iter_lines()

            def next_teams():  # the stream also carries the room's state ("event: room"); read the table
                for line in lines:
                    if line == "event: teams":
                        return json.loads(next(lines)[6:])

            assert next_teams()[0]["turn"] == 0
            t0 = time.monotonic()
            r = httpx.post(base + "/api/decide", json={"turn": 1, "actions": []},
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert r.status_code in (201, 422)
            if r.status_code == 422:  # an event waits: answer it
                state = httpx.get(base + "/api/state", headers={"Authorization": f"Bearer {token}"}).json()
                httpx.post(base + "/api/decide", json={"turn": 1, "actions": [],
                                                       "choice": state["event"]["choices"][0]["id"]},
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
            while (rows := next_teams())[0]["turn"] != 1:  # a page opening or a clock tick may come first
                assert time.monotonic() - t0 < 5
            assert time.monotonic() - t0 < 5
    finally:
        stop_server(proc)
