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

from .webkit import TOKEN, kill_9, make_workshop, mirror, start_server, stop_server

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
    ws = make_workshop(tmp_path)
    home = tmp_path / "home"
    port = _free_port()
    proc, base = start_server(ws.path, home, port=port)
    link = _join_link(base)
    bot = _leadsim("simulate", "--server", link, "--team", "Rehearsal", "--policy", "adaptive", "--json",
                   "--pace", "0.15", home=tmp_path / "bot")
    try:
        time.sleep(2.5)  # a few decisions in
        kill_9(proc)
        stop_server(proc)
        time.sleep(1.0)  # the bot retries while the server is away
        proc, base = start_server(ws.path, home, port=port)
        out, err = bot.communicate(timeout=120)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, err
    assert "trying again" in err  # it did meet the restart
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


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


