"""Ending the workshop and removing a team ask in the page, in real headless Chromium, with and without
JavaScript (the browser's window.confirm, blocked or alarming on locked-down laptops, is gone).

Without JavaScript every step is a page from the server: 'End the workshop…' shows the question (who has
not finished, what becomes of their games, a required tick, 'End anyway' / 'Keep playing'), and a stale
answer (a team joined meanwhile) brings it back with the fresh list. With JavaScript the same HTML comes in
without a reload, and a refresh of the controls keeps it open and ticked. Screenshots of the questions at
1280 and 360 px are written to the test's folder (and LEADSIM_SHOTS, when set).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from .browser import axe_problems, launch, served_room, watch_csp
from .webkit import TOKEN, join_code, play_api, start_play

playwright_api = pytest.importorskip("playwright.sync_api")
FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


def _join(local: str, code: str, name: str) -> dict:
    r = httpx.post(local + "/api/join", json={"team": name, "code": code}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


def _names(page) -> list[str]:
    return page.eval_on_selector_all("#teams tbody th a", "as => as.map(a => a.textContent)")


def _shot(page, folder: Path, name: str) -> None:
    page.locator(".confirm").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / name))
    if os.environ.get("LEADSIM_SHOTS"):
        Path(os.environ["LEADSIM_SHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / name, Path(os.environ["LEADSIM_SHOTS"]) / name)


def _not_ended(local: str) -> bool:
    return not httpx.get(local + "/console/room", headers=FACILITATOR, timeout=10).json()["ended"]


def test_the_end_and_a_removal_ask_in_the_page_without_and_with_javascript(tmp_path):
    with served_room(tmp_path, seed=9) as (base, local, ws):
        turns = ws.load_scenario().scenario.turns
        code = join_code(local)
        amber = _join(local, code, "Amber")
        start_play(local)
        with httpx.Client(base_url=local, timeout=10) as api:
            play_api(api, amber["token"], ws, turns=2)
        for name in ("Birch", "Cedar"):
            _join(local, code, name)
        problems: list[str] = []
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                # --- without JavaScript ---------------------------------------------------------------------
                page = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
                watch_csp(page.context, problems)
                page.goto(f"{base}/console?token={TOKEN}")
                page.click("#teams tbody a:text('Cedar')")
                page.click("#tp-remove")
                assert "confirm=remove" in page.url
                panel = page.inner_text("#tp-confirm")
                assert "Remove team Cedar from the room?" in panel and "leaves the table, the projector and the debrief" in panel
                page.click("#tp-confirm button[type=submit]")  # not ticked: the browser keeps the form
                assert "Cedar" in _names(page) and page.locator("#tp-confirm").count() == 1
                page.click("#tp-confirm a:text('Keep the team')")
                assert page.locator("#tp-confirm").count() == 0 and "Cedar" in _names(page)
                page.click("#tp-remove")
                page.check("#tp-confirm input[name=confirm]")
                page.click("#tp-confirm button:text('Remove Cedar')")
                page.wait_for_selector("#teams tbody th a")  # the page the posted form led to has its table
                assert sorted(_names(page)) == ["Amber", "Birch"]

                page.click("#end-ask")
                assert "confirm=end" in page.url
                panel = page.inner_text("#end-confirm")
                assert "2 of 2 teams have not finished:" in panel
                assert f"Amber: turn 2 of {turns}" in panel and "Birch: never played a turn" in panel
                assert "as unfinished" in panel and "ranks only the finished games" in panel
                _shot(page, tmp_path, "end-question-1280-nojs.png")
                page.click("#end-confirm button[type=submit]")  # not ticked
                assert _not_ended(local) and page.locator("#end-confirm").count() == 1
                page.click("#end-confirm a:text('Keep playing')")
                assert page.locator("#end-confirm").count() == 0 and page.locator("#end-ask").count() == 1
                page.click("#end-ask")
                dana = _join(local, code, "Dana")  # joins while the question is open
                page.check("#end-confirm input[name=confirm]")
                page.click("#end-confirm button:text('End anyway')")
                assert _not_ended(local)
                panel = page.inner_text("#end-confirm")
                assert "Not ended: 1 more team is playing than when you were asked" in panel
                assert "3 of 3 teams have not finished:" in panel and "Dana: never played a turn" in panel
                _shot(page, tmp_path, "end-question-stale-1280-nojs.png")
                page.context.close()

                # --- with JavaScript, on a phone ------------------------------------------------------------
                dialogs: list[str] = []
                page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
                watch_csp(page.context, problems)
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
                page.goto(f"{base}/console?token={TOKEN}")
                page.wait_for_function("() => document.querySelectorAll('#teams tbody tr').length === 3")
                page.evaluate("() => { window.samePage = true; }")  # gone after any reload
                page.click("#end-ask")
                page.wait_for_selector("#end-confirm")
                assert page.evaluate("() => window.samePage === true") and page.url == f"{base}/console"
                assert page.evaluate("() => document.activeElement.id") == "end-confirm-h"
                panel = page.inner_text("#end-confirm")
                assert "3 of 3 teams have not finished:" in panel and f"Amber: turn 2 of {turns}" in panel
                _shot(page, tmp_path, "end-question-360.png")
                problems += axe_problems(page)
                page.set_viewport_size({"width": 1280, "height": 800})
                _shot(page, tmp_path, "end-question-1280.png")
                # the room changes while the question is open: the controls refresh, the question and its tick stay
                page.check("#end-confirm input[name=confirm]")
                httpx.post(local + "/console/reveal", data={"on": "1"}, headers=FACILITATOR, timeout=10)
                page.wait_for_function("() => document.querySelector(\"form[action='/console/reveal'] button\")"
                                       ".textContent.includes('Hide')", timeout=10_000)
                assert page.is_checked("#end-confirm input[name=confirm]")
                page.click("#end-confirm a:text('Keep playing')")
                page.wait_for_selector("#end-confirm", state="detached")
                assert page.evaluate("() => window.samePage === true && document.activeElement.id") == "end-ask"
                assert _not_ended(local)

                page.set_viewport_size({"width": 360, "height": 740})
                page.click("#teams tbody a:text('Dana')")
                page.click("#tp-remove")
                page.wait_for_selector("#tp-confirm")
                assert page.evaluate("() => window.samePage === true")
                assert "Remove team Dana from the room?" in page.inner_text("#tp-confirm")
                _shot(page, tmp_path, "remove-question-360.png")
                page.check("#tp-confirm input[name=confirm]")
                page.click("#tp-confirm button:text('Remove Dana')")
                page.wait_for_function("() => ![...document.querySelectorAll('#teams tbody a')]"
                                       ".some(a => a.textContent === 'Dana')")
                assert httpx.get(local + "/api/state", headers={"Authorization": f"Bearer {dana['token']}"},
                                 timeout=10).status_code == 401

                page.click("#end-ask")
                page.check("#end-confirm input[name=confirm]")
                page.click("#end-confirm button:text('End anyway')")
                page.wait_for_selector("#next-h")
                assert not _not_ended(local) and dialogs == []
            finally:
                browser.close()
        assert not problems, "\n".join(problems)
