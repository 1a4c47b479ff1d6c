"""Nothing on a team's pages is wider than a phone, in real headless Chromium at 360 and 320 px.

The trainer's rehearsal (s6 trainer2 finding 5): at 360 px the dashboard's "The company" table ran past the
screen (scrollWidth 377): its Change column read "Char" / "▼ -", its Trend column was off-screen and the page
scrolled sideways. Each page a participant sees (join, help, dashboard, an event's turn, a turn report, the end
screen) is loaded at the phone's width and its document may be no wider than the screen; on failure the test
names the elements that stick out. No table may
be wider than its panel either (the panel would scroll it, the Change column still cut). Screenshots go to the test's folder."""

from __future__ import annotations

import pytest

from .browser import join_in_browser, launch, room_url
from .webkit import join_code, make_workshop, running_server

playwright_api = pytest.importorskip("playwright.sync_api")

WIDE = """(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5)
  .slice(0, 8).map(e => e.tagName + '.' + (e.className.baseVal ?? e.className) + ' ' + Math.round(e.getBoundingClientRect().right))"""
CUT = """() => [...document.querySelectorAll('table')].filter(t => t.offsetParent && t.scrollWidth > t.parentElement.clientWidth + 0.5)
  .map(t => t.className + ' ' + t.scrollWidth + ' in ' + t.parentElement.clientWidth)"""


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    ws = make_workshop(folder, scenario="tutorial", seed=42, difficulty="guided", turn_seconds=120)
    with running_server(ws.path, folder / "home") as (_proc, base):
        yield room_url(base), join_code(base), folder, ws.load_scenario().scenario.turns


def _fits(page, width: int, what: str, folder, seen: dict) -> None:
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready")
    sw = page.evaluate("() => document.documentElement.scrollWidth")
    if what not in seen:
        page.screenshot(path=str(folder / f"{what}-{width}.png"), full_page=True)
    seen[what] = sw
    assert sw <= width, (what, sw, page.evaluate(WIDE, width))
    assert page.evaluate(CUT) == [], what  # no table scrolls inside its panel either: every column on screen
    if what == "dashboard":
        page.locator("table.metrics").scroll_into_view_if_needed()
        page.screenshot(path=str(folder / f"{what}-{width}-table.png"))


# 1280: a laptop, where the dashboard's left column is narrow too: "The company" scrolled inside its panel and its
# trend sparklines showed as a clipped sliver (trainer s7 finding 15a)
@pytest.mark.parametrize("width", [360, 320, 1280, 1024])
def test_every_page_fits_a_phone(room, width):
    import re

    base, code, folder, turns = room
    seen: dict[str, int] = {}
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": width, "height": 800 if width >= 1024 else 740}).new_page()
            page.goto(f"{base}/?code={code}")
            _fits(page, width, "join", folder, seen)
            page.goto(f"{base}/help")
            _fits(page, width, "help", folder, seen)
            join_in_browser(page, base, code, f"Red Foxes {width}")
            for t in range(1, turns + 1):
                event = page.locator("input[data-answer]").count() > 0
                _fits(page, width, "event" if event else "dashboard", folder, seen)
                if event:
                    page.keyboard.press("1")
                for k in "16" if t % 2 else "2Z":
                    page.keyboard.press(k)
                page.keyboard.press("e")
                page.wait_for_url(re.compile(rf".*/report/{t}$"))
                _fits(page, width, "report", folder, seen)
                page.keyboard.press("Enter")
                page.wait_for_url(re.compile(r".*/(play|end)$"))
            assert page.url.endswith("/end")
            _fits(page, width, "end", folder, seen)
            assert set(seen) == {"join", "help", "dashboard", "event", "report", "end"}, seen
        finally:
            browser.close()
