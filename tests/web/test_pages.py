"""The participants' pages with plain forms (no JavaScript): join, briefing, dashboard, report, end screen."""

from __future__ import annotations

import re

import pytest

from game.autoplay import bot_decision

from .webkit import make_client, make_workshop, mirror



def _join(client, name="Blue"):
    code = client.app.state.games.join_code
    r = client.post("/join", data={"team": name, "code": code}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/briefing"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    return r


def test_a_whole_game_through_the_forms(client, ws):
    assert "Join the workshop" in client.get("/").text
    _join(client)
    page = client.get("/briefing").text
    assert ws.load_scenario().scenario.title in page and "rejoin code" in page
    local = mirror(ws)
    while not local.done:
        page = client.get("/play")
        assert page.status_code == 200 and f"Turn {local.turn + 1} of" in page.text
        d = bot_decision(local, "adaptive")
        data = {"turn": str(local.turn + 1), "action": list(d.actions)}
        if d.choice:
            data["choice"] = d.choice
        r = client.post("/play/decide", data=data, follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        local.decide(d)
        report = client.get(r.headers["location"]).text
        assert 'aria-live="polite"' in report and "what changed and why" in report
    end = client.get("/play", follow_redirects=True)
    assert "Game over" in end.text and f"Score: {local.score():.1f}" in end.text
    assert end.text.count("<svg") >= 3  # mix chart and metric charts


def test_a_refused_decision_keeps_the_picks_and_says_why(client):
    _join(client)
    page = client.get("/play").text
    ids = re.findall(r'name="action" value="([a-z_]+)"', page)
    r = client.post("/play/decide", data={"turn": "1", "action": ids[:6]})
    assert r.status_code == 422 and 'role="alert"' in r.text
    for a in ids[:6]:
        assert re.search(rf'value="{a}"[^>]*checked', r.text.replace("\n", " "))


def test_keys_are_printed_on_the_cards_as_in_the_window(client):
    _join(client)
    page = client.get("/play").text
    keys = re.findall(r'data-key="([0-9A-Z])"', page)
    assert keys[:10] == list("1234567890") and keys[10:] == list("ZXCVB")[: len(keys) - 10]


def test_without_a_team_the_pages_send_you_to_join(client):
    for path in ("/play", "/briefing", "/end", "/report/1"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"


def test_large_text_is_remembered(client):
    _join(client)
    client.post("/text-size", data={"size": "large"})
    assert '<html lang="en" class="large">' in client.get("/play").text


def test_free_practice_without_a_workshop(tmp_path):
    with make_client(tmp_path / "p.sqlite3", None) as c:
        page = c.get("/").text
        assert "free practice" in page and 'name="scenario"' in page
        r = c.post("/join", data={"team": "Solo", "scenario": "startup"}, follow_redirects=False)
        assert r.status_code == 303
        assert "Turn 1 of" in c.get("/play").text
