"""A console refresh never takes what the facilitator is typing (test_console_browser was intermittent).

The console swaps in fresh controls from the server when the room changes (console.js `refresh`). It used to
ask "is the facilitator typing?" when the room's update arrived and then replace the controls whenever the
server's HTML came back: a message typed in between (the round clock stopping by itself once every team had
decided sends such an update, and a busy server answers late) was wiped, and 'Send' sent nothing; an update
that came while a field had the focus was dropped for good, leaving stale controls. Here the server answers
late on purpose (the page's fetch waits 0.8 s), so the race is there every time.
"""

from __future__ import annotations

import httpx
import pytest

from .browser import launch, served_room, watch_csp
from .webkit import TOKEN, join_code

playwright_api = pytest.importorskip("playwright.sync_api")
FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
SLOW_SERVER = """() => {  // every fetch of the page is answered 0.8 s late, as by a busy server; counted
  const f = window.fetch;
  window.asked = 0;
  window.fetch = (...a) => { window.asked += 1; return new Promise(r => setTimeout(r, 800)).then(() => f(...a)); };
}"""
REVEAL = "form[action='/console/reveal'] button"


def _post(local: str, path: str, **form) -> dict:
    r = httpx.post(local + path, data=form, headers=FACILITATOR, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def _join(local: str, code: str, name: str) -> None:
    assert httpx.post(local + "/api/join", json={"team": name, "code": code}, timeout=10).status_code == 201


def test_a_late_refresh_keeps_the_message_the_clock_seconds_and_the_rename_being_typed(tmp_path):
    with served_room(tmp_path, seed=5) as (base, local, _ws):
        code = join_code(local)
        for name in ("Amber", "Birch"):
            _join(local, code, name)
        _post(local, "/console/pace", pace="rounds", advance="facilitator")
        problems: list[str] = []
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                watch_csp(page.context, problems)
                page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
                page.goto(f"{base}/console?token={TOKEN}")
                page.wait_for_selector("#clock-seconds")
                page.wait_for_function("() => document.querySelectorAll('#teams tbody tr').length === 2")
                page.evaluate(SLOW_SERVER)

                # the room changes while nobody types; the facilitator starts typing before the fresh controls come
                page.evaluate("() => document.activeElement && document.activeElement.blur()")
                _post(local, "/console/reveal", on="1")
                page.wait_for_function("() => window.asked >= 1", timeout=10_000)  # the refresh is on its way
                page.fill("#msg-text", "Five minutes left")
                page.fill("#clock-seconds", "300")
                page.wait_for_function(f"() => document.querySelector(\"{REVEAL}\").textContent.includes('Hide')",
                                       timeout=10_000)  # the fresh controls are in
                assert page.input_value("#msg-text") == "Five minutes left"
                assert page.input_value("#clock-seconds") == "300"
                assert page.evaluate("() => document.activeElement.id") == "clock-seconds"

                # the room changes while the facilitator types: the controls still follow it, the typing goes on
                page.focus("#msg-text")
                page.keyboard.press("End")
                _post(local, "/console/reveal", on="0")
                page.wait_for_function(f"() => document.querySelector(\"{REVEAL}\").textContent.includes('Reveal')",
                                       timeout=10_000)
                page.keyboard.type(" in this round")
                assert page.input_value("#msg-text") == "Five minutes left in this round"
                assert page.input_value("#clock-seconds") == "300"

                # a new name typed for a team survives the table's live updates and a refresh of the controls
                page.click("#teams tbody a:text('Amber')")
                page.fill("#tp-rename", "Amber Alpha")
                page.click("#teams-h")  # the focus leaves the field
                _join(local, code, "Cedar")
                _post(local, "/console/reveal", on="1")
                page.wait_for_function("() => document.querySelectorAll('#teams tbody tr').length === 3")
                page.wait_for_function("() => window.asked >= 3", timeout=10_000)
                page.wait_for_timeout(1500)  # (the refresh answered late)
                assert page.input_value("#tp-rename") == "Amber Alpha"
                assert page.input_value("#msg-text") == "Five minutes left in this round"

                # and what was typed is what is sent
                page.click("form[action='/console/message'] button[value=send]")
                page.wait_for_selector("form[action='/console/message'] button[value=clear]")
                room = httpx.get(local + "/console/room", headers=FACILITATOR, timeout=10).json()
                assert room["message"]["text"] == "Five minutes left in this round"
                page.fill("#clock-seconds", "300")
                page.click("form.clockform button[value=set]")
                page.wait_for_selector("#clock-stop")
                assert httpx.get(local + "/console/room", headers=FACILITATOR, timeout=10).json()["clock_seconds"] == 300
                page.click("#teams tbody a:text('Amber')")
                page.fill("#tp-rename", "Amber Alpha")
                page.click("form.tp-form button[value=rename]")
                page.wait_for_function("() => [...document.querySelectorAll('#teams tbody a')]"
                                       ".some(a => a.textContent === 'Amber Alpha')")
            finally:
                browser.close()
        assert not problems, "\n".join(problems)
