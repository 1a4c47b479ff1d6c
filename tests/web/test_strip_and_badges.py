"""The dashboard's sticky bar and the cards' key badges, laid out in real headless Chromium.

With the clock in the bar (summary, clock, End turn, Help) the Help link dropped onto a second line at
1280 px; the bar now holds one line there and, on a 360 px phone, each item drops whole onto the next
line, none cut or overlapping. A card's key badge ("0") touched its card's right border on a laptop: it
keeps room inside the card at both widths. Screenshots go to the test's folder."""

from __future__ import annotations

import pytest

from .browser import join_in_browser, launch, room_url
from .webkit import join_code, make_workshop, running_server

playwright_api = pytest.importorskip("playwright.sync_api")

ROOM = 4  # px a key badge keeps from its card's right edge (the card's 2 px border inside it)

BOXES = """() => [...document.querySelectorAll('#strip > *')].filter(e => !e.hidden && e.offsetParent)
  .map(e => { const r = e.getBoundingClientRect(); return {id: e.id || e.className, l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""
BADGES = """() => [...document.querySelectorAll('.card kbd.key')].map(k => {
  const c = k.closest('.card').getBoundingClientRect(), r = k.getBoundingClientRect();
  return {key: k.textContent, room: c.right - r.right}; })"""


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("strip")
    ws = make_workshop(folder, scenario="tutorial", seed=5, difficulty="guided", turn_seconds=120)
    with running_server(ws.path, folder / "home") as (_proc, base):
        yield room_url(base), join_code(base), folder


@pytest.mark.parametrize("width,height", [(1280, 800), (360, 740)])
def test_the_bar_fits_its_line_and_the_badges_their_cards(room, width, height):
    base, code, folder = room
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            join_in_browser(page, base, code, f"Ravens and Co {width}")
            page.locator(".cards .group").last.scroll_into_view_if_needed()
            assert page.locator("#strip-clock").is_visible()  # the clock is in the bar
            page.screenshot(path=str(folder / f"strip-{width}.png"))
            boxes = page.evaluate(BOXES)
            strip = page.locator("#strip").bounding_box()
            assert [b["id"] for b in boxes] == ["summary", "strip-clock", "end-turn", "help-link"], boxes
            for b in boxes:
                assert strip["x"] - 1 <= b["l"] and b["r"] <= strip["x"] + strip["width"] + 1, b  # nothing cut
            for a, b in zip(boxes, boxes[1:]):  # nothing overlaps: each after the other on its line, or below
                assert b["l"] >= a["r"] - 1 or b["t"] >= a["b"] - 1, (a, b)
            if width >= 1280:
                summary = boxes[0]
                for b in boxes[1:]:  # one line: every item beside the summary
                    assert b["t"] < summary["b"] and b["b"] > summary["t"] and b["l"] >= summary["r"] - 1, b
            badges = page.evaluate(BADGES)
            assert len(badges) >= 10 and all(b["room"] >= ROOM for b in badges), badges
        finally:
            browser.close()
