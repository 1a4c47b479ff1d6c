"""Issue 13 end to end in real headless Chromium: a facilitator runs a room of three in rounds.

The facilitator works only through the console page (clicks and typing); the
three participants only through their pages and the window's keys. On the
way: rounds opened by the facilitator, a round clock, a message on every
screen, a pause and resume, a team that closes its tab and a bot that takes
over its turns, rounds that open by themselves once everybody has decided, the
end of the workshop and the debrief report opened from the console.
Screenshots (console at 1280 px, a participant's paused and message screens at
360 px) are written to the test's folder.
"""

from __future__ import annotations

import re
import time

import httpx
import pytest

from .browser import axe_problems, join_in_browser, launch, watch_csp, play_turn as _play, served_room
from .webkit import TOKEN

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("console-e2e")
    with served_room(folder, seed=11) as (room, local, ws):
        yield room, local, ws, folder


def _wait_turn(page, turn: int, timeout=15_000):
    """The participant's dashboard for `turn` (a held page moves on by itself when its round opens)."""
    page.wait_for_selector(f"input[name=turn][value='{turn}']", state="attached", timeout=timeout)


def _row(console, team: str) -> str:
    return console.locator("#teams tbody tr", has_text=team).inner_text()


def test_a_facilitator_runs_a_room_of_three_in_rounds(served):
    base, local, ws, folder = served
    turns = ws.load_scenario().scenario.turns
    problems: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            console = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            watch_csp(console.context, problems)
            console.goto(f"{base}/console?token={TOKEN}")
            assert console.url.endswith("/console")  # the token left the address bar; the cookie keeps us in
            code = console.inner_text(".joinpanel summary .bigcode")
            console.check("input[name=pace][value=rounds]")
            console.click("form[action='/console/pace'] button[type=submit]")
            console.wait_for_function("() => (document.getElementById('room-pace')?.textContent ?? '') === "
                                      "'Not started · rounds when play starts'")

            people = {}
            for name, width in (("Amber", 1280), ("Birch", 360), ("Cedar", 1280)):
                page = browser.new_context(viewport={"width": width, "height": 740}).new_page()
                watch_csp(page.context, problems)
                join_in_browser(page, base, code, name, start=False)
                assert "The facilitator will start the game" in page.inner_text("h1")
                people[name] = page
            console.wait_for_function("() => document.querySelectorAll('#teams tbody tr').length === 3")
            assert "joined" in _row(console, "Birch")

            console.click("#start-play")  # turn 1 opens for everybody at once
            for page in people.values():
                _wait_turn(page, 1)
            console.wait_for_selector("#clock-seconds")
            # (the console's room line is read null-safe: a form posted without the page's script reloads the
            # console, and a predicate that read the line while the new page was still arriving threw instead of
            # waiting: this test failed once in CI that way)
            console.fill("#clock-seconds", "240")
            console.click("form.clockform button[value=set]")
            console.wait_for_function("() => /Clock [34]:/.test((document.getElementById('room-clock')?.textContent ?? ''))")
            for page in people.values():
                page.reload()
                assert "s left for this turn" in page.inner_text("#clock")

            # round 1: every team decides; the console shows it live
            lag = []
            for name, page in people.items():
                assert _play(page, "1") == 1
                t0 = time.monotonic()
                console.wait_for_function(
                    f"() => [...document.querySelectorAll('#teams tbody tr')].some(r => r.textContent.includes("
                    f"'{name}') && r.textContent.includes('decided'))", timeout=5_000)
                lag.append(time.monotonic() - t0)
                assert "Turn 2 of" in page.inner_text("h1")  # held: round 2 is not open
            assert max(lag) < 3.0, lag  # within a second on a quiet machine; headroom for a loaded one

            # a message on every screen, live
            console.fill("#msg-text", "Five minutes to agree on your plan")
            console.click("form[action='/console/message'] button[value=send]")
            for page in people.values():
                page.wait_for_selector("#room-message:not([hidden])")
                assert "Five minutes to agree" in page.inner_text("#room-message")
            people["Birch"].screenshot(path=str(folder / "participant-360-message.png"))

            # the room pauses: every participant sees the paused screen, the clock stands still
            console.click("#next-round")
            for page in people.values():
                _wait_turn(page, 2)
            console.click("#pause")
            for page in people.values():
                page.wait_for_function("() => document.body.dataset.page === 'held'")
                assert page.inner_text("h1") == "Paused"
            people["Birch"].screenshot(path=str(folder / "participant-360-paused.png"))
            problems += axe_problems(people["Birch"])
            console.wait_for_selector("#room-paused:not([hidden])")
            stopped = console.inner_text("#room-clock")
            time.sleep(1.5)
            assert console.inner_text("#room-clock") == stopped and "stopped" in stopped
            console.screenshot(path=str(folder / "console-1280-paused.png"))
            console.click("#pause")  # resume
            for page in people.values():
                _wait_turn(page, 2)

            # Cedar's table leaves; a bot takes over its turns
            people.pop("Cedar").context.close()
            console.click("#teams tbody a:text('Cedar')")
            console.click("#tp-standin")
            console.wait_for_function("() => [...document.querySelectorAll('#teams tbody tr')].some("
                                      "r => r.textContent.includes('Cedar') && r.textContent.includes('bot stands in')"
                                      " && r.textContent.includes('2 of'))")
            # from now on the next round opens as soon as every team has decided
            console.check("input[name=advance][value=all_decided]")
            console.click("form[action='/console/pace'] button[type=submit]")
            console.wait_for_selector("input[name=advance][value=all_decided]:checked")
            # trainer s7 finding 5: the line that says nothing needs pressing leads; opening the next turn early
            # (which gives the deciding teams that turn too) is folded away, and not a filled blue button
            assert console.is_visible("#auto-line") and "opens by itself" in console.inner_text("#auto-line")
            assert not console.is_visible("#next-round") and "primary" not in console.get_attribute("#next-round", "class")
            console.screenshot(path=str(folder / "console-1280-all-decided.png"))
            console.click("#early summary")
            assert console.is_visible("#next-round") and "without waiting" in console.inner_text("#next-round")
            console.click("#early summary")

            plans = {"Amber": "16", "Birch": "6Z"}
            for t in range(2, turns + 1):
                for name, page in people.items():
                    _wait_turn(page, t)
                    assert _play(page, plans[name]) == t
            for page in people.values():
                page.wait_for_url(re.compile(r".*/end$"))
                assert "Game over" in page.inner_text("h1")
            console.wait_for_function("() => [...document.querySelectorAll('#teams tbody tr')]"
                                      ".every(r => r.textContent.includes('finished'))")
            console.screenshot(path=str(folder / "console-1280-finished.png"), full_page=True)
            problems += axe_problems(console)

            # the end of the workshop, and its debrief from the server's own games
            console.click("#end-ask")  # asked in the page: every team has finished
            console.wait_for_selector("#end-confirm")
            assert "Every team has finished its game." in console.inner_text("#end-confirm")
            console.check("#end-confirm input[name=confirm]")
            console.click("#end-confirm button:text('End the workshop')")
            console.wait_for_function("() => (document.getElementById('room-pace')?.textContent ?? '').includes('ended')")
            # trainer s7 finding 13: while the debrief builds, nothing offers to build it
            console.wait_for_selector("#debrief")
            if console.get_attribute("#debrief", "data-state") == "building":
                assert console.locator("#debrief-actions").is_hidden()
            console.wait_for_selector("a[href='/console/debrief/files/report.html']", timeout=120_000)
            # the ended console: the room line at the top of the page even when scrolled, the debrief under
            # the table on the right (it sat under the next steps on the left, the right half empty)
            console.evaluate("() => window.scrollTo(0, 400)")
            console.screenshot(path=str(folder / "console-1280-ended.png"), full_page=True)
            console.evaluate("() => window.scrollTo(0, 0)")
            boxes = console.evaluate("""() => Object.fromEntries(['roomline', 'next', 'debrief', 'teams'].map(id => {
                const r = document.getElementById(id).getBoundingClientRect(); return [id, [r.x, r.y + scrollY]]; }))""")
            assert boxes["roomline"][1] < boxes["next"][1], boxes
            assert boxes["debrief"][0] > boxes["next"][0] + 100 and boxes["debrief"][1] > boxes["teams"][1], boxes
            assert console.is_visible("#debrief-actions")
            with console.context.expect_page() as opened:
                console.click("a[href='/console/debrief/files/report.html']")
            report = opened.value
            report.wait_for_load_state()
            text = report.inner_text("body")
            assert all(n in text for n in ("Amber", "Birch", "Cedar"))
            assert f"Cedar (a bot played {turns - 1} of its {turns} turns)" in text  # the leaderboard says who played
            report.screenshot(path=str(folder / "report-1280.png"))
            # the slides as the console serves them: the presenter's keys page one slide each (the server's
            # CSP lets their inline script run, by its hash; a trainer's deck did nothing on ArrowRight)
            with console.context.expect_page() as opened:
                console.click("a[href='/console/debrief/files/slides.html']")
            slides = opened.value
            slides.wait_for_load_state()
            count = slides.locator("section.slide").count()
            second = slides.locator("section.slide").nth(1)
            slides.keyboard.press("ArrowRight")
            slides.wait_for_function("() => Math.abs(document.querySelectorAll('section.slide')[1]"
                                     ".getBoundingClientRect().top) <= 2", timeout=5_000)
            assert second.locator(".page-number").inner_text() == f"2 / {count}"
            slides.screenshot(path=str(folder / "slides-2-served.png"))
        finally:
            browser.close()
    games = httpx.get(local + "/console/games", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).json()
    by = {r["team"]: r for r in games["results"]}
    assert [bool(d.get("bot")) for d in by["Cedar"]["log"]] == [False] + [True] * (turns - 1)
    assert not any(d.get("bot") for d in by["Amber"]["log"] + by["Birch"]["log"])
    assert all(r["finished"] for r in by.values())
    assert not problems, "\n".join(problems)


def test_the_round_clock_takes_any_whole_number_of_seconds_and_says_what_it_refused(tmp_path):
    """Trainer s7 rehearsal 4, finding 5: the field took only steps of 10, so 25 and Restart did nothing but
    the browser's own tooltip, and the clock ran on from 60. In Chromium at 1280 px: 25 restarts the clock at
    0:25; 5 (out of the range) is refused by the server with its one line on the page, not by a tooltip."""
    with served_room(tmp_path, seed=12) as (base, local, ws):
        headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json", "Origin": local}
        code = httpx.get(local + "/console", params={"token": TOKEN}, follow_redirects=True,
                         timeout=10).text.split('class="bigcode">')[1].split("<")[0]
        r = httpx.post(local + "/api/join", json={"team": "Cara Team", "code": code}, timeout=10)
        assert r.status_code == 201, r.text
        httpx.post(local + "/console/pace", data={"pace": "rounds"}, headers=headers, timeout=10).raise_for_status()
        httpx.post(local + "/console/start", headers=headers, timeout=10).raise_for_status()
        httpx.post(local + "/console/clock", data={"action": "set", "seconds": "60"}, headers=headers,
                   timeout=10).raise_for_status()
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                console = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                console.goto(f"{base}/console?token={TOKEN}")
                console.wait_for_function("() => /Clock 0:[45]/.test((document.getElementById('room-clock')?.textContent ?? ''))")
                console.fill("#clock-seconds", "25")
                console.click("form.clockform button[value=set]")
                console.wait_for_function("() => /Clock 0:(2[0-5]|1)/.test(document.getElementById('room-clock')"
                                          "?.textContent ?? '')", timeout=5_000)
                assert console.input_value("#clock-seconds") == "25"
                console.screenshot(path=str(tmp_path / "console-clock-25.png"))
                console.fill("#clock-seconds", "5")
                console.click("form.clockform button[value=set]")
                console.wait_for_load_state()
                assert "the clock takes 10 to 3600 seconds" in console.inner_text("body")
                console.screenshot(path=str(tmp_path / "console-clock-5-refused.png"))
                # finding 7: beside the Clear button, how long the message has been up
                console.goto(f"{base}/console")
                console.fill("#msg-text", "Five minutes to the break - finish turn 2")
                console.click("form[action='/console/message'] button[value=send]")
                console.wait_for_selector("#msg-age")
                assert console.inner_text("#msg-age").startswith("up for under a minute (since ")
                clear = console.locator("form[action='/console/message'] button[value=clear]").bounding_box()
                age = console.locator("#msg-age").bounding_box()
                console.locator("section[aria-labelledby=msg-h]").screenshot(path=str(tmp_path / "console-message-age.png"))
                # beside the Clear button, or (the panel is narrow at 1280) on the line right under it
                assert (abs(age["y"] - clear["y"]) < clear["height"]
                        or 0 <= age["y"] - clear["y"] - clear["height"] < 20 and abs(age["x"] - clear["x"]) < 4), (age, clear)
            finally:
                browser.close()
