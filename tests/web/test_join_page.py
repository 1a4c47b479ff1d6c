"""The join page as a person meets it (s6 trainer finding 11): a refused name keeps everything typed, the
name rule is said in words before they type, and a room nobody can join any more says so at once."""

from __future__ import annotations

from html import unescape

from game.views import join as join_words
from game.workshop.files import TEAM_RULE

from .webkit import TOKEN, bearer, join, make_client, make_workshop

FACILITATOR = {**bearer(TOKEN), "Accept": "application/json"}


def _client(tmp_path):
    ws = make_workshop(tmp_path)
    return make_client(tmp_path / "g.sqlite3", ws)


def _page(r) -> str:
    return unescape(r.text)


def test_a_refused_name_keeps_the_name_and_the_workshop_code(tmp_path):
    with _client(tmp_path) as client:
        code = client.app.state.games.join_code
        r = client.post("/join", data={"team": "Ravens & Co", "code": code.lower()})
        page = _page(r)
        assert r.status_code == 422
        assert "Team name 'Ravens & Co' is not usable (“&” cannot be in a team name). The rule is under" in page
        assert 'value="Ravens & Co"' in page and f'value="{code.lower()}"' in page  # as typed, nothing emptied
        wrong = _page(client.post("/join", data={"team": "Ravens", "code": "ZZZZZZ"}))
        assert "not this workshop's join code" in wrong and 'value="ZZZZZZ"' in wrong and 'value="Ravens"' in wrong
        again = _page(client.post("/rejoin", data={"rejoin": "abcd efgh"}))
        assert "no team has that rejoin code" in again and 'value="abcd efgh"' in again


def test_the_name_rule_is_in_words_and_comes_before_the_field(tmp_path):
    with _client(tmp_path) as client:
        page = _page(client.get("/"))
    assert f"Use {TEAM_RULE}." in page
    assert "letters (accented too), digits, spaces and . - + ' only, at most 40 characters" in TEAM_RULE
    assert "'.'" not in TEAM_RULE and '"\'"' not in TEAM_RULE  # no list of quoted punctuation
    assert page.index('id="team-rule"') < page.index('<input id="team"')  # read before typing


def test_an_ended_workshop_says_so_on_the_join_page_at_once(tmp_path):
    with _client(tmp_path) as client:
        join(client, "North")
        r = client.post("/console/end", data={"confirm": "end", "unfinished": "1"}, headers=FACILITATOR)
        assert r.status_code == 200, r.text
        page = _page(client.get("/"))
        assert join_words.ENDED in page
        assert 'action="/join"' not in page and 'id="team"' not in page  # no form that would refuse them
        assert 'action="/rejoin"' in page  # a team that played can still see its game
        late = client.post("/join", data={"team": "Late", "code": client.app.state.games.join_code})
        assert late.status_code == 422 and _page(late).count(join_words.ENDED) == 1


def test_closed_joining_says_so_on_the_join_page_and_opens_again(tmp_path):
    with _client(tmp_path) as client:
        assert client.post("/console/joining", data={"open": "0"}, headers=FACILITATOR).status_code == 200
        page = _page(client.get("/"))
        assert join_words.JOINING_CLOSED in page and 'action="/join"' not in page
        assert client.post("/console/joining", data={"open": "1"}, headers=FACILITATOR).status_code == 200
        page = _page(client.get("/"))
        assert join_words.JOINING_CLOSED not in page and 'action="/join"' in page


def test_the_join_page_on_a_phone_in_chromium(tmp_path):
    """360 px, as the s6 rehearsal's phones: the rule is on screen before typing, a refused name leaves the
    name and the code in their fields, and after the end a latecomer sees it ended before pressing anything."""
    import httpx
    from playwright.sync_api import sync_playwright

    from .browser import axe_problems, launch, room_url
    from .webkit import join_code, running_server

    ws = make_workshop(tmp_path)
    shots = tmp_path / "shots"
    with running_server(ws.path, tmp_path / "home") as (_, local), sync_playwright() as p:
        base, code = room_url(local), join_code(local)
        browser = launch(p)
        try:
            page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
            page.goto(f"{base}/?code={code}")
            rule = page.locator("#team-rule").bounding_box()
            assert rule["y"] + rule["height"] <= page.locator("#team").bounding_box()["y"]
            assert rule["y"] + rule["height"] < 740  # on the first screen, before anyone scrolls
            assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
            page.screenshot(path=str(shots / "join-360.png"), full_page=True)
            page.fill("#team", "Ravens & Co")
            page.click("form[action='/join'] button[type=submit]")
            assert "“&” cannot be in a team name" in page.inner_text("#join-error")
            assert page.input_value("#team") == "Ravens & Co" and page.input_value("#code") == code
            assert axe_problems(page) == []
            page.screenshot(path=str(shots / "join-refused-360.png"), full_page=True)
            r = httpx.post(local + "/console/end", data={"confirm": "end", "unfinished": "0"}, headers=FACILITATOR,
                           timeout=10)
            assert r.status_code == 200, r.text
            late = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
            late.goto(f"{base}/?code={code}")
            assert join_words.ENDED in late.inner_text("#join-closed")
            assert late.locator("#team").count() == 0 and late.locator("#rejoin").count() == 1
            assert late.locator("#join-closed").bounding_box()["y"] < 740
            assert axe_problems(late) == []
            late.screenshot(path=str(shots / "join-ended-360.png"), full_page=True)
        finally:
            browser.close()
    import os
    keep = os.environ.get("LEADSIM_SHOTS")  # where a person looks at them (the s6 notes)
    if keep:
        import shutil
        shutil.copytree(shots, keep, dirs_exist_ok=True)
