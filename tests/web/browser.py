"""Headless Chromium for the web tests: Debian's /usr/bin/chromium driven by Playwright, and axe-core checks."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest

from .webkit import make_workshop, running_server, start_play

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


ROOM_HOST = "leadsim-room.test"  # resolves to 127.0.0.1 in the browser: a LAN-like origin, not "localhost"


def launch(playwright):
    """Chromium as in a room: the server is reached by a name that is not localhost.

    Browsers treat localhost as a secure origin and send Sec-Fetch-Site to it, but not to
    http://10.0.0.5; mapping a test name to 127.0.0.1 makes the tests take the path a room takes.
    """
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return playwright.chromium.launch(executable_path=CHROMIUM,
                                      args=[*ARGS, f"--host-resolver-rules=MAP {ROOM_HOST} 127.0.0.1"])


def room_url(base: str) -> str:
    return base.replace("127.0.0.1", ROOM_HOST)


@contextlib.contextmanager
def served_room(folder: Path, seed: int):
    """A real `leadsim serve` of a guided tutorial workshop, for a test module's browsers:
    (the address a room's browsers use, the local address for httpx, the workshop)."""
    ws = make_workshop(folder, scenario="tutorial", seed=seed, difficulty="guided")
    with running_server(ws.path, folder / "home") as (_proc, base):
        yield room_url(base), base, ws


def local_url(base: str) -> str:
    """The room's address as this process reaches it (httpx does not know the browsers' ROOM_HOST)."""
    return base.replace(ROOM_HOST, "127.0.0.1")


def join_in_browser(page, base: str, code: str, name: str, start: bool = True) -> None:
    """A participant joins by the room's code, as people do, and lands on its first turn: in a room not
    started yet it waits on the waiting page until the facilitator starts play (done here, as the console's
    Start play; `start` False: it stays on the waiting page), in a started one it reads the briefing and
    presses Enter."""
    page.goto(f"{base}/?code={code}")
    page.fill("#team", name)
    page.click("form[action='/join'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/(briefing|play)$"))
    if page.url.endswith("/play"):
        assert page.locator("#held[data-held=lobby]").count() == 1, "joined a room not started: the waiting page"
        if not start:
            return
        start_play(local_url(base))
        try:
            page.wait_for_selector("input[name=turn]", state="attached", timeout=4000)  # live.js goes on to the game
        except Exception:  # a page without JavaScript refreshes itself every few seconds: load it now
            page.goto(f"{base}/play")
        return
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/play$"))


def watch_csp(context, problems: list[str]) -> None:
    """Every page of the context: a script or style the page's Content-Security-Policy blocked, one line each
    (Chromium says so only in its console; the page then runs on without its script)."""
    def seen(msg):
        if "Content Security Policy" in msg.text:
            problems.append(f"{msg.page.url if msg.page else '?'}: {msg.text[:160]}")
    context.on("console", seen)


def axe_problems(page) -> list[str]:
    """Serious and critical axe-core violations of the page as it is now, one line each."""
    if not page.evaluate("() => !!window.axe"):  # evaluated by the test (CSP stays on); never served by the app
        page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    out = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            where = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                              for n in v["nodes"][:3])
            out.append(f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at {where}")
    return out


def play_turn(page, keys: str) -> int:
    """Answer an event with 1, pick cards by their keys, end the turn with E, continue with Enter."""
    import re

    turn = int(page.locator("input[name=turn]").get_attribute("value"))
    if page.locator("input[data-answer]").count():
        page.keyboard.press("1")
    for k in keys:
        page.keyboard.press(k)
    page.keyboard.press("e")
    page.wait_for_url(re.compile(rf".*/report/{turn}$"))
    assert page.locator("#report[aria-live=polite]").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/(play|end)$"))
    return turn
