"""The console and the participants' live streams against a real `leadsim serve` process.

A participant's stream carries the room and its own turn, never another
team's data; the console's stream follows a decision within a second; the
pacing state survives `kill -9`.
"""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from .webkit import (TOKEN, join_code, kill_9, make_workshop, running_server, start_play, start_server,
                     stop_server)

FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


def _join(base, code, name):
    r = httpx.post(base + "/api/join", json={"team": name, "code": code}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


def _decide(base, team, turn):
    h = {"Authorization": f"Bearer {team['token']}"}
    s = httpx.get(base + "/api/state", headers=h, timeout=10).json()
    choice = s["event"]["choices"][0]["id"] if s["event"] else None
    r = httpx.post(base + "/api/decide", json={"turn": turn, "actions": [], "choice": choice}, headers=h, timeout=10)
    assert r.status_code == 201, r.text


class Listener(threading.Thread):
    """Reads an SSE stream in the background: (event, data, arrival time) for every message."""

    def __init__(self, url, headers):
        super().__init__(daemon=True)
        self.url, self.headers, self.got, self.raw = url, headers, [], []
        self.stop = False

    def run(self):
        with httpx.stream("GET", self.url, headers=self.headers, timeout=30) as r:
            kind = None
            for line in r.iter_lines():
                self.raw.append(line)
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    self.got.append((kind, json.loads(line[6:]), time.monotonic()))
                if self.stop:
                    return

    def wait_for(self, test, timeout=10.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for kind, data, at in list(self.got):
                if test(kind, data):
                    return data, at
            time.sleep(0.02)
        raise AssertionError(f"nothing matched on {self.url}: {self.got[-3:]}")


def test_a_participants_stream_never_carries_another_teams_data(tmp_path):
    ws = make_workshop(tmp_path)
    proc, base = start_server(ws.path, tmp_path / "home")
    try:
        code = join_code(base)
        a, b = _join(base, code, "Alpha"), _join(base, code, "Bravo Secretname")
        start_play(base)  # (before it, the waiting page's stream lists the teams in the room, as the projector does)
        mine = Listener(base + "/live", {"Authorization": f"Bearer {a['token']}"})
        mine.start()
        mine.wait_for(lambda k, d: k == "room")
        httpx.post(base + "/console/message", data={"action": "send", "text": "Hello room"}, headers=FACILITATOR)
        for turn in (1, 2, 3):
            _decide(base, b, turn)  # the other team plays on and scores
        httpx.post(base + "/console/team/2", data={"action": "bot-turn"}, headers=FACILITATOR)
        httpx.post(base + "/console/pause", data={"action": "pause"}, headers=FACILITATOR)
        data, _ = mine.wait_for(lambda k, d: d["room"]["paused"])
        assert data["room"]["message"]["text"] == "Hello room" and data["turn"] == 0 and data["held"] == "paused"
        mine.stop = True
        text = "\n".join(mine.raw)
        for secret in ("Bravo", "Secretname", b["token"], b["rejoin_code"], TOKEN):
            assert secret not in text
        assert all(set(d) == {"room", "turn", "done", "held", "lobby", "seconds_left", "ping_seconds"}
                   for k, d, _ in mine.got if k == "room")
        assert all(d["lobby"] is None for k, d, _ in mine.got if k == "room")  # the room's names only before the start
        assert all(d["turn"] == 0 for k, d, _ in mine.got if k == "room")  # only ever its own turn
        assert httpx.get(base + "/console/events", headers={"Authorization": f"Bearer {a['token']}"},
                         timeout=10).status_code == 401
        assert httpx.get(base + "/live", timeout=10).status_code == 401
    finally:
        stop_server(proc)


@pytest.mark.alone  # measures how soon the console sees a decision (under a second)
def test_the_console_follows_a_decision_within_a_second_and_pacing_survives_kill_9(tmp_path):
    ws = make_workshop(tmp_path)
    home = tmp_path / "home"
    proc, base = start_server(ws.path, home)
    try:
        code = join_code(base)
        a = _join(base, code, "Amber")
        _join(base, code, "Birch")
        start_play(base)
        for path, form in (("/console/pace", {"pace": "rounds", "advance": "all_decided"}), ("/console/round", {}),
                           ("/console/clock", {"action": "set", "seconds": "300"}),
                           ("/console/message", {"action": "send", "text": "Round one"}),
                           ("/console/team/2", {"action": "stand-in"})):
            assert httpx.post(base + path, data=form, headers=FACILITATOR, timeout=10).status_code == 200
        console = Listener(base + "/console/events", FACILITATOR)
        console.start()
        console.wait_for(lambda k, d: k == "teams")
        sent = time.monotonic()
        _decide(base, a, 1)
        acked = time.monotonic()
        _, seen = console.wait_for(lambda k, d: k == "teams" and any(r["team"] == "Amber" and r["turn"] == 1
                                                                      for r in d))
        assert seen - acked < 1.0, f"the console saw the decision {seen - acked:.2f} s after it was acknowledged"
        assert acked - sent < 5
        # Birch's bot stands in; both decided: the sweeper opens round 2 by itself
        room, _ = console.wait_for(lambda k, d: k == "room" and d["round"] == 2)
        assert room["clock_left"] > 290
        httpx.post(base + "/console/pause", data={"action": "pause"}, headers=FACILITATOR, timeout=10)
        before = httpx.get(base + "/console/room", headers=FACILITATOR, timeout=10).json()
        # the stand-in may have played round 2 already before the pause came (the sweeper runs twice a second)
        bot_log = [d.get("bot") for d in httpx.get(base + "/console/games", headers=FACILITATOR,
                                                    timeout=10).json()["results"][1]["log"]]
        console.stop = True
        kill_9(proc)
    finally:
        stop_server(proc)
    with running_server(ws.path, home) as (proc, base):
        after = httpx.get(base + "/console/room", headers=FACILITATOR, timeout=10).json()
        for key in ("pace", "advance", "round", "clock_seconds", "clock_left", "paused", "message", "stand_ins"):
            assert after[key] == before[key], key
        log = httpx.get(base + "/console/games", headers=FACILITATOR, timeout=10).json()["results"]
        assert [d.get("bot") for d in log[1]["log"]] == bot_log and bot_log[0] == "adaptive"
