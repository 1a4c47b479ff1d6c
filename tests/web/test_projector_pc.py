"""A separate PC on the projector (s6 trainer finding 9): without the console's login /projector is a styled
page that says how to open it, and the room's projector code (shown in the console) lets that PC in, to the
projector view only."""

from __future__ import annotations

import re
from html import unescape

from game.web.projector import projector_key

from .webkit import TOKEN, bearer, join, make_client, make_workshop


def _client(tmp_path):
    ws = make_workshop(tmp_path)
    return make_client(tmp_path / "g.sqlite3", ws, started=False), ws  # the join screen: not started


def test_without_a_login_the_projector_says_how_to_open_it_in_the_usual_style(tmp_path):
    client, _ = _client(tmp_path)
    with client:
        r = client.get("/projector")
        assert r.status_code == 401 and r.headers["content-type"].startswith("text/html")
        page = r.text
        assert '<link rel="stylesheet" href="/static/leadsim.css">' in page  # the participants' page style
        assert "Show the projector view on this screen" in page and 'name="key"' in page
        assert "under “The room”" in page and "Open the projector view" in page
        key = projector_key(client.app.state.games)
        assert key not in page and TOKEN not in page  # the page tells where the code is, never the code


def test_the_console_shows_the_projector_code_and_its_link(tmp_path):
    client, _ = _client(tmp_path)
    with client:
        key = projector_key(client.app.state.games)
        assert re.fullmatch(r"[A-Z2-9]{6}", key)
        console = client.get("/console", headers=bearer(TOKEN)).text
        assert f">{key}</strong>" in console and f"/projector?key={key}" in console
        assert projector_key(client.app.state.games) == key  # drawn once, kept in the store


def test_the_code_typed_on_the_projector_pc_opens_the_projector_view_and_nothing_else(tmp_path):
    client, _ = _client(tmp_path)
    with client:
        join(client, "Herons")
        key = projector_key(client.app.state.games)
        wrong = client.post("/projector", data={"key": "ZZZZZZ"})
        assert wrong.status_code == 422 and "not this room's projector code" in unescape(wrong.text)
        assert 'value="ZZZZZZ"' in wrong.text  # what was typed stays in the field
        typed = f"{key[:3].lower()} {key[3:].lower()}"  # read off the console aloud: case and spaces do not matter
        r = client.post("/projector", data={"key": typed}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/projector"
        assert "leadsim_projector" in client.cookies
        shown = client.get("/projector")
        assert shown.status_code == 200 and "Join the workshop" in shown.text and "Herons" in shown.text
        assert client.get("/projector/view").status_code == 200
        assert client.get("/console").status_code == 401  # the projector's code is not the facilitator's
        assert client.get("/console/teams").status_code == 401
        assert client.post("/console/pause", data={"on": "1"}).status_code == 401


def test_the_consoles_projector_link_lets_the_pc_in_and_leaves_the_address_bar(tmp_path):
    client, _ = _client(tmp_path)
    with client:
        key = projector_key(client.app.state.games)
        r = client.get("/projector", params={"key": key}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/projector"
        assert client.get("/projector").status_code == 200
        client.cookies.clear()
        bad = client.get("/projector", params={"key": "WRONG1"})
        assert bad.status_code == 422 and "not this room's projector code" in unescape(bad.text)


def test_guessing_the_projector_code_is_slowed_like_join_codes(tmp_path):
    client, _ = _client(tmp_path)
    with client:
        codes = [client.post("/projector", data={"key": f"AAAA{c}{c}"}).status_code for c in "23456789ABCD"]
        assert codes[:10] == [422] * 10 and codes[-1] == 429
        key = projector_key(client.app.state.games)
        assert client.post("/projector", data={"key": key}, follow_redirects=False).status_code == 429


def test_the_projector_pc_types_the_code_in_chromium(tmp_path):
    """As in a room: a second browser (no console cookie) opens /projector, sees the styled page (not a line of
    monospace), fits a 360 px screen and a 1920 px projector, types the code read off the console and lands on
    the projector view."""
    from playwright.sync_api import sync_playwright

    from .browser import axe_problems, launch, room_url
    from .webkit import running_server

    ws = make_workshop(tmp_path)
    shots = tmp_path / "shots"
    with running_server(ws.path, tmp_path / "home") as (_, local), sync_playwright() as p:
        base = room_url(local)
        browser = launch(p)
        try:
            console = browser.new_page(viewport={"width": 1280, "height": 800})
            console.goto(f"{base}/console?token={TOKEN}")
            key = console.inner_text("#projector-key strong")
            console.screenshot(path=str(shots / "console-projector-key.png"), full_page=True)
            for width, height in ((360, 740), (1920, 1080)):
                pc = browser.new_context(viewport={"width": width, "height": height}).new_page()
                pc.goto(f"{base}/projector")
                assert "Show the projector view on this screen" in pc.inner_text("h1")
                assert "monospace" not in pc.evaluate("getComputedStyle(document.body).fontFamily")
                assert pc.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
                assert axe_problems(pc) == []
                pc.screenshot(path=str(shots / f"projector-open-{width}.png"), full_page=True)
                pc.fill("#projector-key", "nope")
                pc.click("form[action='/projector'] button[type=submit]")
                assert "not this room's projector code" in pc.inner_text("[role=alert]")
                assert pc.input_value("#projector-key") == "nope"
                pc.screenshot(path=str(shots / f"projector-open-wrong-{width}.png"), full_page=True)
                pc.fill("#projector-key", key.lower())
                pc.click("form[action='/projector'] button[type=submit]")
                pc.wait_for_selector("body.projector")
                assert pc.url.endswith("/projector") and "Join the workshop" in pc.inner_text("body")
                if width == 1920:  # live over the projector code's cookie, as from the console: a team arrives
                    import httpx

                    from .webkit import join_code

                    r = httpx.post(local + "/api/join", json={"team": "Herons", "code": join_code(local)}, timeout=10)
                    assert r.status_code == 201, r.text
                    pc.wait_for_function("() => document.querySelector('#team-count').textContent === '1'",
                                         timeout=15000)
                    assert "Herons" in pc.inner_text("#names")
                pc.screenshot(path=str(shots / f"projector-in-{width}.png"))
                pc.context.close()
        finally:
            browser.close()
    import os
    keep = os.environ.get("LEADSIM_SHOTS")  # where a person looks at them (the s6 notes)
    if keep:
        import shutil
        shutil.copytree(shots, keep, dirs_exist_ok=True)
