"""Ctrl+C and SIGTERM stop `leadsim serve` at once with the room's pages open (s6 trainer finding 2): every open
stream (participants, console, projector) ends, one line says so, the exit is 0, and the same command resumes
the room with what was played."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import pytest

from .test_serve_rooms import _join, _new_file
from .webkit import TOKEN, start_play, start_server, stop_server


def _hold_stream(url: str, headers: dict, opened: threading.Event, got: list) -> None:
    """One page's stream, held open until the server ends it (as a browser's EventSource would)."""
    try:
        with httpx.stream("GET", url, headers=headers, timeout=httpx.Timeout(30, read=60)) as r:
            for line in r.iter_lines():
                if line.startswith("event:"):
                    opened.set()
                    got.append(line)
    except httpx.HTTPError:
        pass
    finally:
        opened.set()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_with_pages_open_takes_a_moment_says_so_and_resumes(tmp_path, sig):
    path = _new_file(tmp_path / "ws")
    home = tmp_path / "home"
    proc, base = start_server(path, home)
    threads = []
    try:
        tokens = [_join(base, name) for name in ("North", "South", "East")]
        start_play(base)
        r = httpx.post(base + "/api/decide", json={"turn": 1, "actions": [], "choice": None},
                       headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=10)
        assert r.status_code == 201, r.text
        facilitator = {"Authorization": f"Bearer {TOKEN}"}
        pages = [(base + "/live", {"Authorization": f"Bearer {t}"}) for t in tokens]
        pages += [(base + "/console/events", facilitator), (base + "/projector/events", facilitator)]
        for url, headers in pages:
            opened = threading.Event()
            t = threading.Thread(target=_hold_stream, args=(url, headers, opened, []), daemon=True)
            t.start()
            threads.append(t)
            assert opened.wait(20), url
        time.sleep(0.5)
        start = time.monotonic()
        proc.send_signal(sig)
        code = proc.wait(15)
        took = time.monotonic() - start
        out = proc.stdout.read()
    finally:
        stop_server(proc)
    assert code == 0, out
    assert took < 5, f"{took:.1f} s to stop with 5 pages open"
    assert ("Stopping: closing 5 open pages; the room is saved, "
            f"`leadsim serve {path}` resumes it.") in out, out
    for t in threads:
        t.join(5)
        assert not t.is_alive()  # every stream was ended by the server
    proc, base = start_server(path, home)
    try:
        assert "3 teams so far" in "".join(proc.head)
        state = httpx.get(base + "/api/state", headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=10)
        assert state.status_code == 200 and state.json()["turn"] == 2  # its decision was kept
    finally:
        stop_server(proc)
