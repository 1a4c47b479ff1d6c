"""End to end in real headless Chromium: three participants in separate browser contexts play a whole workshop.

One reloads mid-game and carries on where it was; one moves to a second
context (another device) with its rejoin code. Everything is played with the
window's keys. axe-core checks every kind of page at 360 px and 1280 px.
"""

from __future__ import annotations

import re

import pytest

from .browser import ROOM_HOST, axe_problems, join_in_browser, launch, served_room
from .browser import play_turn as _play_turn
from .webkit import TOKEN, join_code

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_room(tmp_path_factory.mktemp("e2e"), seed=5) as (room, local, ws):
        yield room, join_code(local), ws


def test_three_participants_play_a_whole_workshop(served):
    base, code, ws = served
    problems: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            pages = {}
            for name, width in (("Amber", 1280), ("Birch", 360), ("Cedar", 1280)):
                ctx = browser.new_context(viewport={"width": width, "height": 800})
                pages[name] = ctx.new_page()
                join_in_browser(pages[name], base, code, name)
            problems += axe_problems(pages["Birch"])  # the dashboard on a phone
            plans = {"Amber": "16", "Birch": "6Z", "Cedar": "1X"}  # leadership, management, mixed with development
            turns = ws.load_scenario().scenario.turns
            for t in range(1, turns + 1):
                for name, page in pages.items():
                    if page.url.endswith("/end"):
                        continue
                    if t == 4 and name == "Amber":
                        page.reload()  # the tab reloads mid-game: same turn, nothing lost
                        assert f"Turn {t} of {turns}" in page.inner_text("h1")
                    if t == 5 and name == "Cedar":
                        rejoin = page.inner_text(".who code")
                        other = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
                        other.goto(base + "/")
                        other.fill("#rejoin", rejoin.lower())
                        other.click("form[action='/rejoin'] button[type=submit]")
                        other.wait_for_url(re.compile(r".*/play$"))
                        assert f"Turn {t} of {turns}" in other.inner_text("h1")
                        pages["Cedar"] = page = other
                    if t == 2 and name == "Amber":
                        problems += axe_problems(page)
                    assert _play_turn(page, plans[name]) == t
                    if t == 2 and name == "Amber":
                        page.go_back()
                        problems += axe_problems(page)  # a turn report
                        page.go_forward()
            for name, page in pages.items():
                assert page.url.endswith("/end"), name
                assert "Game over" in page.inner_text("h1")
                assert page.locator("svg.chart").count() >= 2
            problems += axe_problems(pages["Amber"])
            # the same games, as the server keeps them: every team finished all of its turns once
            import httpx

            teams = httpx.get(base.replace(ROOM_HOST, "127.0.0.1") + "/console/teams", headers={"Authorization": f"Bearer {TOKEN}"}).json()["teams"]
            assert sorted(t["team"] for t in teams) == ["Amber", "Birch", "Cedar"]
            assert all(t["status"] == "finished" and t["turn"] == turns for t in teams)
            for path in ("/", "/help"):
                page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
                page.goto(base + path)
                problems += axe_problems(page)
            page = pages["Amber"]
            page.goto(base + "/briefing")
            problems += axe_problems(page)
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
