"""`simulate --server` and `debrief --server` against a real `leadsim serve` process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from game.autoplay import play_bot, result_json
from game.cli import main

from .webkit import TOKEN, kill_9, make_workshop, mirror, start_play, start_server, stop_server

REPO = Path(__file__).resolve().parents[2]


def _leadsim(*args, home: Path, **kw) -> subprocess.Popen:
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "game", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def _join_link(base: str) -> str:
    import httpx

    page = httpx.get(base + "/console", params={"token": TOKEN}, follow_redirects=True, timeout=10).text
    return page.split('<strong><a href="')[1].split('"')[0]


def test_simulate_over_http_survives_a_restart_and_prints_the_offline_json(tmp_path, capsys):
    """The bot is a few decisions in when the server is killed (-9) and started again on the same port; it
    retries, carries on and prints the same JSON as the game offline. Each step waits for what it needs (the
    bot's first decision, the bot meeting the outage), under a deadline, never a fixed sleep: under load the
    bot's start alone can take longer than any fixed sleep (the s4 CI runs)."""
    ws = make_workshop(tmp_path)
    home = tmp_path / "home"
    port = _free_port()
    proc, base = start_server(ws.path, home, port=port)
    link = _join_link(base)
    bot = _leadsim("simulate", "--server", link, "--team", "Rehearsal", "--policy", "adaptive", "--json",
                   "--pace", "0.3", home=tmp_path / "bot")
    said = _lines_of(bot.stderr)
    try:  # the room has not started: the bot joins and says it waits for the start, which comes from the console
        _wait_for(lambda: any("to start play" in line for line in said), bot, said, "the bot waiting for the start")
        start_play(base)
        _wait_for(lambda: _turns_of(base, "Rehearsal") >= 1, bot, said, "the bot's first decision")
        kill_9(proc)
        stop_server(proc)
        _wait_for(lambda: any("trying again" in line for line in said), bot, said, "the bot to meet the outage")
        proc, base = start_server(ws.path, home, port=port)
        bot.wait(timeout=120)
        out, err = bot.stdout.read(), "".join(said)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, err
    assert "trying again" in err  # it did meet the restart
    # its first line comes before any answer of the server and says what it waits for (trainer s6 finding 13)
    assert said[0].startswith("leadsim: joining http://") and "as team Rehearsal: waiting for the server" in said[0]
    assert err.index("waiting for the server") < err.index("Joined ")
    offline = play_bot(mirror(ws), "adaptive")
    assert json.loads(out) == json.loads(result_json(offline, "adaptive"))
    try:
        report = tmp_path / "report"
        assert main(["debrief", "--server", base, "--token", TOKEN, "--out", str(report)]) == 0
        dout = capsys.readouterr().out
        assert "verified: team Rehearsal" in dout and (report / "report.html").exists()
        assert "Rehearsal" in (report / "report.html").read_text()
        assert main(["debrief", "--server", base, "--token", "wrong-token-123", "--out", str(report)]) == 2
        assert "refused the facilitator's token" in capsys.readouterr().err
    finally:
        stop_server(proc)


def _lines_of(stream) -> list[str]:
    """Every line `stream` gives, collected as it comes by a thread (so a test can wait for one)."""
    import threading

    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(stream.readline, "")), daemon=True).start()
    return lines


def _turns_of(base: str, team: str) -> int:
    """Turns the team has decided, as the facilitator's console says (0 before it has joined)."""
    import httpx

    rows = httpx.get(base + "/console/teams", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).json()
    return next((r["turn"] for r in rows["teams"] if r["team"] == team), 0)


def _wait_for(done, bot, said: list[str], what: str, seconds: float = 90.0) -> None:
    """Poll `done` until it holds; fail saying `what` was awaited if the bot stops first or time runs out."""
    end = time.monotonic() + seconds
    while not done():
        if bot.poll() is not None:
            raise AssertionError(f"the bot stopped before {what}: {''.join(said)}")
        if time.monotonic() > end:
            raise AssertionError(f"no {what} within {seconds:.0f} s: {''.join(said)}")
        time.sleep(0.05)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]




def test_a_bot_held_by_the_room_says_once_what_it_waits_for(tmp_path):
    """A `simulate --server` bot waiting for the facilitator's round said nothing, twice a second or ever."""
    from game.session import Decision
    from game.web import client

    ws = make_workshop(tmp_path)
    said: list[str] = []

    class Room:  # the server's answers: the round not open for three looks, then a pause, then play on
        holds = ["lobby", "lobby", "waiting", "waiting", "waiting", "paused", None]

        def __init__(self):
            self.local = mirror(ws)
            self.say = said.append

        def mirror(self):
            return mirror(ws)

        def state(self):
            held = self.holds.pop(0) if self.holds else None
            return {"held": held}

        def decide(self, turn, decision):
            self.local.decide(decision)
            return {"decision": decision.to_json()}

        def result(self):
            return {}

    old, client.HELD_WAIT = client.HELD_WAIT, 0.0
    try:
        local, _ = client.play(Room(), "adaptive")
    finally:
        client.HELD_WAIT = old
    assert local.done and isinstance(local.log[0], Decision)
    assert said == ["waiting for the facilitator to start play (the console's Start play)",
                    "waiting for the facilitator to open turn 1 (the room plays in rounds)",
                    "waiting: the facilitator has paused the room"]


def test_debrief_server_names_the_server_by_its_whole_address(tmp_path, capsys):
    """s6: the lines said "http:/127.0.0.1:8761" (the address went through a file path, which made '//' one '/')."""
    import httpx

    from .webkit import join_code, running_server

    ws = make_workshop(tmp_path)
    with running_server(ws.path, tmp_path / "home") as (_, base):
        token = httpx.post(base + "/api/join", json={"team": "North", "code": join_code(base)},
                           timeout=10).json()["token"]
        start_play(base)
        from game.autoplay import bot_decision
        from game.session import Decision

        local = mirror(ws)
        for _ in range(2):
            d = bot_decision(local, "adaptive")
            r = httpx.post(base + "/api/decide", json={"turn": local.turn + 1, "actions": list(d.actions),
                                                       "choice": d.choice},
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert r.status_code == 201, r.text
            local.decide(Decision.from_json(r.json()["decision"]))
        assert main(["debrief", "--server", base, "--token", TOKEN, "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert f"{base} team North: unfinished: team North, stopped after turn 2" in out
    assert base.startswith("http://") and "http:/1" not in out
