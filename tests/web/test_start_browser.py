"""Start play in real headless Chromium (trainer s6, finding 4): two teams, a phone at 360 px and a laptop at
1280 px, join a room the facilitator has not started. Each waits on the waiting page, which lists who is in and
updates when the other team arrives, with no clock and no turn. The facilitator, in the console (a third
context), chooses rounds and a round clock, sees what Start play will do, and presses it: both pages go on to
turn 1 by themselves, with the round clock running. The screenshots are in the test's folder (LEADSIM_SHOTS
copies them out).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .browser import axe_problems, launch, served_room, watch_csp
from .webkit import TOKEN, join_code

playwright_api = pytest.importorskip("playwright.sync_api")
LIVE = 6_000  # ms: a page moves on this soon after the room changes (the stream; reloading pages take a moment)


def _shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / name), full_page=True)
    if os.environ.get("LEADSIM_SHOTS"):
        Path(os.environ["LEADSIM_SHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / name, Path(os.environ["LEADSIM_SHOTS"]) / name)


def _join(page, base: str, code: str, name: str) -> None:
    page.goto(f"{base}/?code={code}")
    page.fill("#team", name)
    page.click("form[action='/join'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/play$"))


def _listed(page) -> list[str]:
    return page.eval_on_selector_all("#lobby-teams li", "ls => ls.map(l => l.firstChild.textContent.trim())")


def test_two_teams_wait_for_the_start_and_go_on_to_turn_1_when_the_facilitator_starts(tmp_path):
    with served_room(tmp_path, seed=11) as (base, local, _ws):
        code = join_code(local)
        problems: list[str] = []
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                contexts = {}
                for who, (w, h) in (("console", (1280, 800)), ("phone", (360, 740)), ("laptop", (1280, 800))):
                    contexts[who] = browser.new_context(viewport={"width": w, "height": h})
                    watch_csp(contexts[who], problems)
                console = contexts["console"].new_page()
                console.on("pageerror", lambda e: problems.append(f"console script error: {e}"))
                console.goto(f"{base}/console?token={TOKEN}")
                assert console.inner_text("#room-pace") == "Not started · free pace when play starts"
                assert console.is_disabled("#start-play") and "No team has joined yet" in console.inner_text("#start")
                assert console.locator("#pause").count() == 0  # nothing runs: nothing to pause

                phone = contexts["phone"].new_page()
                phone.on("pageerror", lambda e: problems.append(f"phone script error: {e}"))
                _join(phone, base, code, "Red Foxes")
                assert phone.get_attribute("#held", "data-held") == "lobby"
                assert phone.inner_text("h1") == "The facilitator will start the game"
                assert _listed(phone) == ["Red Foxes"]
                assert phone.locator("input[name=turn]").count() == 0 and not phone.is_visible("#clock")
                # the console hears of the team and offers Start play (its controls are redrawn live)
                console.wait_for_function("() => !document.getElementById('start-play').disabled", timeout=LIVE)
                assert "1 team is on the waiting page" in console.inner_text("#start-line")

                laptop = contexts["laptop"].new_page()
                laptop.on("pageerror", lambda e: problems.append(f"laptop script error: {e}"))
                _join(laptop, base, code, "Green Team")
                assert _listed(laptop) == ["Red Foxes", "Green Team"]
                # the phone's waiting page lists the newcomer by itself
                phone.wait_for_function("() => document.querySelectorAll('#lobby-teams li').length === 2",
                                        timeout=LIVE)
                assert _listed(phone) == ["Red Foxes", "Green Team"]
                assert phone.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
                _shot(phone, tmp_path, "start-waiting-phone-360.png")
                _shot(laptop, tmp_path, "start-waiting-laptop-1280.png")
                assert axe_problems(phone) == [] and axe_problems(laptop) == []

                # the briefing, read while waiting, leads back to the waiting page
                laptop.click("#held a.button")
                laptop.wait_for_url(re.compile(r".*/briefing$"))
                assert laptop.inner_text("a.button.primary") == "Back to the waiting page"
                laptop.click("a.button.primary")
                laptop.wait_for_url(re.compile(r".*/play$"))
                assert laptop.get_attribute("#held", "data-held") == "lobby"

                # the facilitator chooses rounds and a 90 s round clock, in the page's own forms
                console.check("input[name=pace][value=rounds]")
                console.click("form[action='/console/pace'] button[type=submit]")
                console.wait_for_selector("#clock-seconds")
                console.fill("#clock-seconds", "90")
                console.click("form.clockform button[value=set]")
                console.wait_for_function("() => (document.getElementById('start-line')?.textContent ?? '')"
                                          ".includes('round clock (90 s) starts')", timeout=LIVE)
                assert console.inner_text("#room-pace") == "Not started · rounds when play starts"
                start_line = console.inner_text("#start-line")
                assert start_line == ("2 teams are on the waiting page. Start play opens turn 1 of 12 for every team "
                                      "at once, and the round clock (90 s) starts."), start_line
                assert not phone.is_visible("#clock")  # the clock is set, not running
                _shot(console, tmp_path, "start-console-before-1280.png")
                projector = contexts["console"].new_page()
                projector.set_viewport_size({"width": 1280, "height": 720})
                projector.goto(f"{base}/projector")
                assert projector.get_attribute("body", "data-layout") == "joining"
                assert projector.inner_text("#waiting") == "The game starts when the facilitator starts play"
                _shot(projector, tmp_path, "start-projector-before-1280.png")

                console.click("#start-play")
                console.wait_for_function("() => (document.getElementById('room-pace')?.textContent ?? '') === "
                                          "'Rounds: turn 1 of 12 open'", timeout=LIVE)
                assert console.locator("#start").count() == 0 and console.is_visible("#pause")
                assert "Open turn 2 for every team" in console.inner_text("#next-round")
                for page in (phone, laptop):  # both waiting pages go on to turn 1, with the round clock
                    page.wait_for_selector("input[name=turn]", state="attached", timeout=LIVE)
                    page.wait_for_function("() => { const c = document.getElementById('clock'); "
                                           "return c && !c.hidden; }", timeout=LIVE)
                    left = int(page.inner_text("#clock .clock-left"))
                    assert 70 <= left <= 90, left
                projector.wait_for_function("() => document.body.dataset.layout === 'playing'", timeout=LIVE)
                _shot(phone, tmp_path, "start-started-phone-360.png")
                _shot(laptop, tmp_path, "start-started-laptop-1280.png")
                _shot(console, tmp_path, "start-console-after-1280.png")
            finally:
                browser.close()
        assert not problems, "\n".join(problems)
