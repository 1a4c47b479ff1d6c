"""The round clock reaches every open participant page, live (trainer s6, findings 1 and 5).

In the trainer's rehearsal the facilitator opened turn 2 and then started the round clock: the projector
showed it at once, but the participants' pages already open showed no clock at all until reloaded, and
three teams lost the turn to "Time is up". Here, in real headless Chromium, four teams in separate
browser contexts (two phones, a laptop, and a laptop with JavaScript off) have their pages open before
the facilitator acts (through the console's own form routes); each step is checked on every page
without reloading it:

* turn 2 opening moves the waiting pages to the turn by themselves;
* the clock starting shows on the dashboards and on a turn report being read, within 2 s, and counts down
  (the help, opened mid-turn, shows it too);
* extending it, pausing the room (the paused screen shows the clock stopped), resuming and stopping it;
* in its last seconds the clock warns, at the top and in the sticky bar under the cards (finding 5), which
  the screenshots of the test's folder show at 360 and 1280 px while the cards are scrolled;
* without JavaScript a dashboard shows the clock on its next load, and a waiting page reloads by itself
  (its meta refresh) and lands on the turn with its clock.
"""

from __future__ import annotations

import re
import time

import httpx
import pytest

from game.clock import HURRY
from game.views import lines
from game.web.pages import HELD_REFRESH_SECONDS

from .browser import axe_problems, join_in_browser, launch, served_room, watch_csp
from .webkit import TOKEN, join_code

playwright_api = pytest.importorskip("playwright.sync_api")

LIVE_SECONDS = 2.0  # a change of the clock is on every open page within this (trainer: "the moment I start it")
SHOWN = "() => { const c = document.getElementById('clock'); return !!c && !c.hidden; }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clock-live")
    with served_room(folder, seed=42) as (room, local, ws):
        yield room, local, folder


def _facilitator(local: str):
    client = httpx.Client(base_url=local, headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"},
                          timeout=10)

    def act(path: str, **form) -> None:
        r = client.post(path, data=form)
        assert r.status_code == 200, (path, r.text)

    return act


def _left(page, which: str = "clock") -> int:
    return int(page.inner_text(f"#{which} .clock-left"))


def _mark(page) -> None:
    """A mark in the page's JavaScript world: it survives only if the page is never reloaded."""
    page.evaluate("() => { window.leadsimNotReloaded = true; }")


def _not_reloaded(page) -> bool:
    return page.evaluate("() => window.leadsimNotReloaded === true")


def _all_within(pages: dict, condition: str, since: float, what: str) -> None:
    for name, page in pages.items():
        page.wait_for_function(condition, timeout=10_000)
        lag = time.monotonic() - since
        assert lag < LIVE_SECONDS, f"{name}: {what} took {lag:.1f} s"
        assert _not_reloaded(page), f"{name}: the page reloaded for {what}"


def test_the_round_clock_reaches_every_open_page_live(served):
    base, local, folder = served
    act = _facilitator(local)
    code = join_code(local)
    act("/console/pace", pace="rounds")
    problems: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            people = {}
            for name, width in (("Falcons", 360), ("Ravens", 1280), ("Otters", 360)):
                ctx = browser.new_context(viewport={"width": width, "height": 740})
                watch_csp(ctx, problems)
                people[name] = ctx.new_page()
                join_in_browser(people[name], base, code, name, start=False)  # waiting for the start
            plain = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False).new_page()
            plain.goto(f"{base}/?code={code}")
            plain.fill("#team", "Wolves")
            plain.click("form[action='/join'] button[type=submit]")
            plain.wait_for_url(re.compile(r".*/play$"))  # the waiting page: play has not started
            assert f'http-equiv="refresh" content="{HELD_REFRESH_SECONDS}"' in plain.content()
            plain.goto(f"{base}/briefing")
            assert 'http-equiv="refresh"' not in plain.content()  # the briefing has nothing to wait for

            # turn 1: Start play opens it (rounds); everybody plays it; Falcons stays on its report, the others
            # wait for turn 2
            act("/console/start")
            for page in [*people.values()]:
                page.wait_for_selector("input[name=turn][value='1']", state="attached", timeout=15_000)
            plain.goto(f"{base}/play")
            assert plain.locator("input[name=turn][value='1']").count() == 1
            assert plain.locator("#clock").is_hidden()  # no clock runs yet, and none is shown
            for name, page in people.items():
                page.keyboard.press("1")
                page.keyboard.press("e")
                page.wait_for_url(re.compile(r".*/report/1$"))
                if name != "Falcons":
                    page.keyboard.press("Enter")  # on to turn 2, which is not open yet: the waiting page
                    page.wait_for_function("() => document.body.dataset.page === 'held'")
            plain.click("#end-turn")
            plain.wait_for_url(re.compile(r".*/report/1$"))
            plain.goto(f"{base}/play")
            assert "opens for every team together" in plain.inner_text("h1")
            assert f'http-equiv="refresh" content="{HELD_REFRESH_SECONDS}"' in plain.content()
            for page in people.values():
                _mark(page)

            # the facilitator opens turn 2: the waiting pages go to it by themselves (live.js: a reload, on purpose)
            act("/console/round")
            for name in ("Ravens", "Otters"):
                people[name].wait_for_selector("input[name=turn][value='2']", state="attached", timeout=5_000)
                _mark(people[name])
            assert people["Falcons"].url.endswith("/report/1")
            for page in people.values():
                assert page.locator("#clock").is_hidden()
            # without JavaScript the waiting page reloads itself (its meta refresh) and lands on turn 2
            plain.wait_for_selector("input[name=turn][value='2']", state="attached",
                                    timeout=(HELD_REFRESH_SECONDS + 4) * 1000)
            assert plain.locator("#clock").is_hidden()

            # ... then starts the round clock: every open page shows it, without reloading
            started = time.monotonic()
            act("/console/clock", action="set", seconds="60")
            _all_within(people, SHOWN, started, "the clock starting")
            for name, page in people.items():
                before, after = lines.clock_for_turn(2) if name == "Falcons" else lines.CLOCK_LEFT  # its turn named
                assert re.fullmatch(rf"{before} \d+ {after}", page.inner_text("#clock")), name
                assert 55 <= _left(page) <= 60, name
            helping = people["Ravens"].context.new_page()  # the help, opened mid-turn, shows the clock running
            helping.goto(f"{base}/help")
            assert helping.locator("#clock").is_visible() and 50 <= _left(helping) <= 60
            helping.close()
            for name in ("Ravens", "Otters"):  # the sticky bar under the cards too (finding 5)
                assert people[name].locator("#strip-clock").is_visible(), name
            people["Ravens"].screenshot(path=str(folder / "dashboard-clock-1280.png"))
            first = _left(people["Ravens"])
            people["Ravens"].wait_for_function(f"() => Number(document.querySelector('#clock .clock-left')"
                                               f".textContent) <= {first - 2}", timeout=5_000)
            assert _left(people["Ravens"], "strip-clock") == _left(people["Ravens"])

            # without JavaScript the dashboard open before the clock says to reload, and shows the clock on reload
            assert lines.NO_SCRIPT_CLOCK in plain.inner_text(".turnbar")
            plain.reload()
            assert plain.locator("#clock").is_visible() and 50 <= _left(plain) <= 60
            assert plain.locator("#strip-clock").is_visible() and _left(plain, "strip-clock") == _left(plain)

            # extended by a minute: every page counts from the new time
            started = time.monotonic()
            act("/console/clock", action="extend", seconds="60")
            _all_within(people, "() => Number(document.querySelector('#clock .clock-left').textContent) > 60",
                        started, "the clock extended")

            # paused: the dashboards show the paused screen with the clock stopped; resumed: counting again
            act("/console/pause")
            for name, page in people.items():
                page.wait_for_function("() => document.body.dataset.page === 'held'", timeout=5_000)
                page.wait_for_function(SHOWN, timeout=5_000)
                assert lines.CLOCK_PAUSED in page.inner_text("#clock"), name
                _mark(page)
            stopped = _left(people["Otters"])
            time.sleep(1.5)
            assert _left(people["Otters"]) == stopped
            people["Otters"].screenshot(path=str(folder / "paused-360.png"))
            act("/console/pause", action="resume")
            for name in ("Ravens", "Otters"):
                people[name].wait_for_selector("input[name=turn][value='2']", state="attached", timeout=5_000)
                _mark(people[name])
            people["Falcons"].wait_for_selector("input[name=turn][value='2']", state="attached", timeout=5_000)
            people["Falcons"].goto(f"{base}/report/1")  # back to reading its report, the clock running
            _mark(people["Falcons"])
            for page in people.values():
                page.wait_for_function(SHOWN, timeout=5_000)
                assert lines.CLOCK_PAUSED not in page.inner_text("#clock")

            # stopped: no clock on any page
            started = time.monotonic()
            act("/console/clock", action="stop")
            _all_within(people, "() => document.getElementById('clock').hidden", started, "the clock stopped")

            # a short clock: its last seconds warn at the top and in the sticky bar, while the cards scroll
            started = time.monotonic()
            act("/console/clock", action="set", seconds=str(int(HURRY) + 3))
            _all_within(people, SHOWN, started, "the clock started again")
            people["Falcons"].wait_for_selector("#clock.hurry", timeout=6_000)  # a report page warns too
            people["Falcons"].screenshot(path=str(folder / "report-hurry-360.png"))
            for name in ("Ravens", "Otters"):
                page = people[name]
                page.locator(".cards .group").last.scroll_into_view_if_needed()
                page.wait_for_selector("#strip-clock.hurry", timeout=6_000)
                assert page.locator("#clock").evaluate("c => c.classList.contains('hurry')")
                assert page.locator("#strip-clock .clock-warn").is_visible()
                strip = page.locator("#strip-clock").bounding_box()
                assert strip["y"] + strip["height"] <= page.viewport_size["height"] + 1, name  # in view, scrolled
                width = page.viewport_size["width"]
                page.screenshot(path=str(folder / f"strip-hurry-{width}.png"))
            for name in ("Ravens", "Otters"):
                problems += axe_problems(people[name])  # the warning's colours have their contrast
            # at zero the dashboards move on by themselves: turn 2 decided by the clock, waiting for turn 3
            for name in ("Ravens", "Otters"):
                people[name].wait_for_function("() => document.body.dataset.page === 'held'", timeout=30_000)
                assert "Turn 2: Time is up" in people[name].inner_text("#held"), name
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
