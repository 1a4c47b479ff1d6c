"""An event's answers in real headless Chromium at 360 and 1280 px, with and without JavaScript: under each answer
its expected changes in the views' words, on screen, inside the answer's column, never wider than the screen, and
picking the answer still works (s7 trainer 4, finding 1: the browser showed the answers with no hint at all).
Screenshots of the event go to the test's folder."""

from __future__ import annotations

import re

import pytest

from game.session import Decision, Session
from game.views.event import event

from .browser import axe_problems, join_in_browser, launch, local_url, room_url, watch_csp
from .eventkit import big_event_workshop
from .webkit import join_code, running_server, start_play

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    folder = tmp_path_factory.mktemp("event-answers")
    ws = big_event_workshop(folder, "standard")
    local = Session(ws.load_scenario(), ws.seed, ws.difficulty)
    local.decide(Decision((), None))
    with running_server(ws.path, folder / "home") as (_proc, base):
        yield room_url(base), join_code(base), folder, event(local)


def _words(ev, c) -> str:
    return " ".join(f"{ev.expected_label}: {c.timed_effects_text} {c.more_text}".split())


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("script", [True, False], ids=["js", "nojs"])
def test_each_answer_shows_its_expected_changes_on_screen(room, width, script):
    base, code, folder, ev = room
    problems: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context(viewport={"width": width, "height": 740 if width < 1024 else 800},
                                      java_script_enabled=script)
            watch_csp(ctx, problems)
            page = ctx.new_page()
            name = f"Owls {width} {'js' if script else 'plain'}"
            if script:
                join_in_browser(page, base, code, name)  # the first team's join starts play, as the console would
            else:  # by clicks: the keys are JavaScript's
                page.goto(f"{base}/?code={code}")
                page.fill("#team", name)
                page.click("form[action='/join'] button[type=submit]")
                page.wait_for_url(re.compile(r".*/(briefing|play)$"))
                if page.url.endswith("/play"):  # the first team in: the facilitator starts play
                    start_play(local_url(base))
                    page.goto(f"{base}/play")
                else:
                    page.click("a[href='/play']")
            page.wait_for_selector("input[name=turn][value='1']", state="attached")
            page.click("#end-turn")  # turn 1 without cards: the event comes at turn 2
            page.wait_for_url(re.compile(r".*/report/1$"))
            page.click("a[href='/play']")
            page.wait_for_selector("input[data-answer]", state="attached")
            page.evaluate("() => document.fonts.ready")
            page.screenshot(path=str(folder / f"event-{width}-{'js' if script else 'nojs'}.png"), full_page=False)
            page.locator("section.event").screenshot(path=str(folder / f"event-answers-{width}-{'js' if script else 'nojs'}.png"))

            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
            for c in ev.choices:
                line = page.locator(f"#ch-{c.id}-e")
                assert line.is_visible(), c.id
                assert " ".join(line.inner_text().split()) == _words(ev, c)
                radio = page.locator(f"#ch-{c.id}").bounding_box()
                box = line.bounding_box()
                panel = page.locator("section.event fieldset").bounding_box()
                assert box["x"] >= radio["x"] + radio["width"], "the words sit beside the radio, not under it"
                assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 0.5, "inside the answers' box"
                size = float(line.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
                assert size >= 13, size
            # 360 px wraps the five-change answer onto lines of its own, each still beside the radio
            many = page.locator(f"#ch-{ev.choices[0].id}-e").bounding_box()
            assert (many["height"] > 30) == (width == 360), many
            if script:
                assert axe_problems(page) == []  # contrast of the muted words among the rest

            # the words do not get in the answer's way: the label still picks it, and the turn goes through
            page.click(f"label[for='ch-{ev.choices[1].id}']")
            assert page.locator(f"#ch-{ev.choices[1].id}").is_checked()
            page.click("#end-turn")
            page.wait_for_url(re.compile(r".*/report/2$"))
            assert ev.choices[1].label in page.inner_text("main")
            assert problems == []
        finally:
            browser.close()
