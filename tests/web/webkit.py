"""Helpers for the web tests: a workshop file, an in-process app and its test client, a bot's decisions."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path

from starlette.testclient import TestClient

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Decision, Session
from game.web.app import ServeConfig, create_app
from game.workshop.files import create, write_workshop

TOKEN = "facilitator-secret-token-123"


def make_workshop(folder: Path, scenario: str = "tutorial", seed: int = 7, turn_seconds: int | None = None,
                  difficulty: str = "standard"):
    ws = create(scenario, seed, "Leadership day", difficulty, turn_seconds)
    path = Path(folder) / "workshop.json"
    write_workshop(ws, path)
    from game.workshop.files import read_workshop

    return read_workshop(path)


def make_client(db: Path, workshop=None, started: bool = True, **kw) -> TestClient:
    """An in-process server for `workshop`; `started`: its room already started, as most tests play (the tests
    of the waiting room before Start play pass False)."""
    app = create_app(ServeConfig(Path(db), workshop, TOKEN, **kw))
    if started and workshop is not None:
        mark_started(app.state.games)
    return TestClient(app, base_url="http://testserver")


def mark_started(games) -> None:
    """The room as the facilitator's Start play leaves it at free pace (without its need of a joined team, so a
    test can start a room before its teams join)."""
    import time
    from dataclasses import replace

    games.room.change(lambda s: s if s.started else replace(s, started=True, started_at=time.time()))


def start_play(base: str) -> None:
    """The facilitator presses Start play on a real server (`leadsim serve`): after a team has joined."""
    import httpx

    r = httpx.post(base + "/console/start", headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json",
                                                     "Origin": base}, timeout=10)
    assert r.status_code == 200, r.text


def join(client: TestClient, name: str) -> dict:
    code = client.app.state.games.join_code
    r = client.post("/api/join", json={"team": name, "code": code})
    assert r.status_code == 201, r.text
    client.cookies.clear()
    return r.json()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def mirror(workshop) -> Session:
    """The same game offline: what the server's game must equal."""
    return Session(load(workshop.scenario), workshop.seed, workshop.difficulty)


def play_api(client: TestClient, token: str, workshop, policy: str = "adaptive", turns: int | None = None,
             local: Session | None = None) -> Session:
    """Play through the HTTP API with a bot deciding on an offline mirror of the game (`local`: the team's game
    so far, offline, to play on from; a fresh one)."""
    local = mirror(workshop) if local is None else local
    n = 0
    while not local.done and (turns is None or n < turns):
        d = bot_decision(local, policy)
        r = client.post("/api/decide", json={"turn": local.turn + 1, "actions": list(d.actions), "choice": d.choice},
                        headers=bearer(token))
        assert r.status_code == 201, r.text
        local.decide(Decision.from_json(r.json()["decision"]))
        n += 1
    return local


def game_so_far(client: TestClient, workshop, name: str) -> Session:
    """A team's game as the server has it, replayed offline from its decision log (to play on with play_api)."""
    store = client.app.state.games.store
    team = next(t for t in store.teams() if t.name == name)
    local = mirror(workshop)
    for d in store.decisions(team.id):
        local.decide(Decision.from_json(d))
    return local


def start_server(workshop_path: Path | None, home: Path, port: int = 0, extra: tuple = ()):
    """`leadsim serve` in a real process; returns (process, base URL) once it listens (`process.head`: the lines it
    printed up to the participants' link)."""
    import os
    import re
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parents[2]
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(repo), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-m", "game", "serve", *([str(workshop_path)] if workshop_path else []),
           "--port", str(port), "--token", TOKEN, *extra]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    lines = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("the server stopped: " + "".join(lines))
        lines.append(line)
        # (an ended room prints no join link, nobody can join it: its console link says the server is up)
        m = re.search(r"Participants open:\s+(http://[^/]+/)", line) or re.search(r"^\s+(http://[^/\s]+/)console\?token=", line)
        if m:
            base = m.group(1).rstrip("/")
            _wait_listening(base)
            proc.head = lines
            return proc, base
    proc.kill()
    raise AssertionError("the server did not start: " + "".join(lines))


def _wait_listening(base: str) -> None:
    import time

    import httpx

    for _ in range(100):
        try:
            httpx.get(base + "/static/leadsim.css", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(f"{base} does not answer")


def stop_server(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except Exception:
            proc.kill()
            proc.wait(5)
    if proc.stdout:
        proc.stdout.close()


@contextlib.contextmanager
def running_server(workshop_path: Path | None, home: Path, port: int = 0, extra: tuple = ()):
    """`leadsim serve` for the length of a with-block: (process, base URL); stopped however the block ends."""
    proc, base = start_server(workshop_path, home, port, extra)
    try:
        yield proc, base
    finally:
        stop_server(proc)


def kill_9(proc) -> None:
    """End the server as a power cut would: no shutdown code runs, only what is on disk is left."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def join_code(base: str) -> str:
    """The workshop's join code as the facilitator's console shows it (a real server at `base`)."""
    import httpx

    page = httpx.get(base + "/console", params={"token": TOKEN}, follow_redirects=True, timeout=10).text
    return page.split('class="bigcode">')[1].split("<")[0]
