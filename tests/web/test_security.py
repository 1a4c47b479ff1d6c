"""Issue 12 point 6, one test per promise: a shared room network is hostile."""

from __future__ import annotations

import hmac
import json
import re

import pytest

from game.scenario.defaults import SKILL_METRICS

from .webkit import TOKEN, bearer, join, play_api

PARTICIPANT_PAGES = ("/", "/briefing", "/play", "/report/1", "/report/2", "/help", "/end")


def test_team_tokens_are_unguessable_and_kept_in_a_strict_httponly_cookie(client):
    r = client.post("/api/join", json={"team": "Blue", "code": client.app.state.games.join_code})
    token = r.json()["token"]
    assert len(token) >= 43  # 256 random bits
    cookie = r.headers["set-cookie"]
    assert f"leadsim_team={token}" in cookie and "HttpOnly" in cookie and re.search("SameSite=strict", cookie, re.I)
    rows = client.app.state.games.store.db.execute("SELECT token_sha256 FROM tokens").fetchall()
    assert token not in json.dumps([tuple(x) for x in rows])  # only a digest is stored
    assert client.get("/api/state", headers=bearer(token[:-1] + "x")).status_code == 401


def test_a_team_sees_and_changes_only_its_own_game(client, ws):
    a, b = join(client, "Alpha"), join(client, "Bravo")
    play_api(client, a["token"], ws, policy="leadership", turns=2)
    play_api(client, b["token"], ws, policy="management", turns=3)
    client.cookies.set("leadsim_team", a["token"])
    for path in PARTICIPANT_PAGES + ("/api/state", "/api/game", "/api/result"):
        text = client.get(path, follow_redirects=True).text
        assert "Bravo" not in text and b["rejoin_code"] not in text, path
    state = client.get("/api/state").json()
    assert state["team"] == "Alpha" and state["turn"] == 3
    # no route takes a team id: a decision always lands in the caller's own game
    r = client.post("/api/decide", json={"turn": 3, "actions": [], "team": "Bravo", "team_id": 2})
    assert r.status_code in (201, 422)
    assert client.app.state.games.store.turns_decided(2) == 3


def test_no_hidden_driver_reaches_a_participant_during_play(client, ws):
    team = join(client, "Hidden")
    play_api(client, team["token"], ws, turns=3)
    scenario = ws.load_scenario().scenario
    shown = {m for m, s in scenario.metrics.items() if s.visible} | set(SKILL_METRICS)
    hidden = {m for m in scenario.metrics if m not in shown}
    assert hidden
    state = client.get("/api/state", headers=bearer(team["token"])).json()
    assert set(state["metrics"]) <= shown
    r = client.post("/api/decide", json={"turn": 3, "actions": []}, headers=bearer(team["token"]))
    rows = r.json()["report"]["rows"]
    hidden_titles = {scenario.metrics[m].title for m in hidden}
    assert not {row["title"] for row in rows} & hidden_titles
    client.cookies.set("leadsim_team", team["token"])
    page = client.get("/play").text
    for m in hidden:  # a hidden driver's name may appear in previews (as in the window), never with its value
        value = f"{client.app.state.games.session(client.app.state.games.store.team(1)).value(m):.1f}"
        assert not re.search(rf"{re.escape(scenario.metrics[m].title)}</th>\s*<td[^>]*>{value}", page)


@pytest.mark.parametrize("path", ["/console", "/console/teams", "/console/games", "/console/events"])
def test_the_console_needs_the_facilitators_token(client, path):
    team = join(client, "Sneaky")
    assert client.get(path).status_code == 401
    assert client.get(path, params={"token": "wrong" + TOKEN}).status_code == 401
    assert client.get(path, headers=bearer(team["token"])).status_code == 401
    client.cookies.set("leadsim_team", team["token"])
    body = client.get(path).text
    assert "Sneaky" not in body and "token" in body  # says what is needed, nothing of what is inside


def test_the_console_token_is_compared_in_constant_time(client, monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr("game.web.auth.hmac.compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert client.get("/console/teams", headers=bearer(TOKEN)).status_code == 200
    assert client.get("/console/teams", headers=bearer("x" * len(TOKEN))).status_code == 401
    assert len(calls) == 2


def test_the_console_is_never_linked_from_participants_pages(client, ws):
    team = join(client, "Linked")
    play_api(client, team["token"], ws)
    client.cookies.set("leadsim_team", team["token"])
    for path in PARTICIPANT_PAGES:
        text = client.get(path, follow_redirects=True).text
        assert "/console" not in text and TOKEN not in text, path


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://evil.example"}, {"Origin": "http://testserver:8080"},
                                     {"Origin": "null"}])
def test_cross_site_requests_cannot_change_anything(client, ws, headers):
    team = join(client, "Victim")
    client.cookies.set("leadsim_team", team["token"])
    code = client.app.state.games.join_code
    for path, data in (("/join", {"team": "Forged", "code": code}), ("/play/decide", {"turn": "1"}),
                       ("/rejoin", {"rejoin": team["rejoin_code"]}), ("/text-size", {"size": "large"})):
        r = client.post(path, data=data, headers=headers, follow_redirects=False)
        assert r.status_code == 403, (path, headers)
    r = client.post("/api/decide", json={"turn": 1, "actions": []}, headers=headers)
    assert r.status_code == 403
    assert client.app.state.games.store.turns_decided(1) == 0 and len(client.app.state.games.store.teams()) == 1


def test_same_origin_browser_requests_pass(client):
    code = client.app.state.games.join_code
    for headers in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}):
        r = client.post("/join", data={"team": f"Ok {len(headers['Origin' if 'Origin' in headers else 'Sec-Fetch-Site'])}",
                                       "code": code}, headers=headers, follow_redirects=False)
        assert r.status_code == 303


def test_request_bodies_are_bounded(client):
    team = join(client, "Big")
    h = bearer(team["token"])
    huge = json.dumps({"turn": 1, "actions": ["x" * 100_000]})
    assert client.post("/api/decide", content=huge, headers={**h, "Content-Type": "application/json"}).status_code == 413

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(50):
            yield b"a" * 1000

    assert client.post("/api/decide", content=chunks(), headers=h).status_code == 413
    assert client.post("/join", data={"team": "n" * 20_000, "code": "x"}).status_code == 413


def test_team_names_are_bounded(client):
    code = client.app.state.games.join_code
    assert client.post("/api/join", json={"team": "n" * 41, "code": code}).status_code == 422
    assert client.post("/api/join", json={"team": "n" * 40, "code": code}).status_code == 201
    r = client.post("/join", data={"team": "m" * 5000, "code": code})
    assert r.status_code == 422 and "m" * 41 not in r.text


def test_nothing_a_client_sends_becomes_a_file_path(client, leadsim_home, tmp_path):
    before = {p for p in tmp_path.rglob("*")} | {p for p in leadsim_home.rglob("*")}
    code = client.app.state.games.join_code
    for name in ("../../evil", "/etc/passwd", "a\\..\\b", "con", "x\x00y", "..", "nul.txt"):
        client.post("/api/join", json={"team": name, "code": code})
        client.post("/join", data={"team": name, "code": code})
    for path in ("/static/../store.py", "/static/%2e%2e/store.py", "/static/..%2fstore.py", "/report/..%2f..%2fx",
                 "/static//etc/passwd"):
        r = client.get(path)
        assert r.status_code == 404 and "sqlite" not in r.text.lower(), path
    after = {p for p in tmp_path.rglob("*")} | {p for p in leadsim_home.rglob("*")}
    assert {p.name for p in after - before} <= {"games.sqlite3-journal"}


def test_pages_forbid_inline_scripts_and_framing(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_every_text_a_team_typed_is_escaped(client):
    code = client.app.state.games.join_code
    r = client.post("/join", data={"team": "O'Brien", "code": code})
    assert "O&#39;Brien" in r.text or "O&#x27;Brien" in r.text or "O'Brien" not in r.text.replace("&#39;", "")
    page = client.get("/?code=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in page.text


def test_our_own_form_posts_carry_a_real_origin(client):
    """Over http to a LAN address browsers send no Sec-Fetch-Site; with 'no-referrer' their Origin would be null."""
    policy = client.get("/").headers["referrer-policy"]
    assert policy in ("same-origin", "strict-origin", "strict-origin-when-cross-origin", "origin")


# --- what this session added: the console's confirmations, the projector code, the kept join fields ----------
@pytest.mark.parametrize("path", ["/console?confirm=end", "/console?team=1&confirm=remove"])
def test_the_consoles_questions_need_the_facilitator_and_asking_changes_nothing(client, path):
    team = join(client, "Asked")
    assert client.get(path).status_code == 401
    assert client.get(path, headers=bearer(team["token"])).status_code == 401
    client.cookies.set("leadsim_team", team["token"])
    page = client.get(path)
    assert page.status_code == 401 and "End anyway" not in page.text and "Remove Asked" not in page.text
    client.cookies.clear()
    asked = client.get(path, headers=bearer(TOKEN))  # the facilitator only sees the question: a GET decides nothing
    assert asked.status_code == 200 and 'class="confirm"' in asked.text
    games = client.app.state.games
    assert [t.name for t in games.store.teams()] == ["Asked"] and not games.room.state().ended


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://evil.example"}, {"Origin": "null"}])
def test_a_forged_confirmation_neither_removes_a_team_nor_ends_the_workshop(client, headers):
    """A participant's page cannot post the confirmed forms through the facilitator's logged-in browser, and a
    team's own token is not the facilitator's."""
    team = join(client, "Target")
    team_id = client.app.state.games.store.teams()[0].id
    client.cookies.set("leadsim_facilitator", TOKEN)
    for path, data in ((f"/console/team/{team_id}", {"action": "remove", "confirm": "remove"}),
                       ("/console/end", {"confirm": "end", "unfinished": "99"})):
        assert client.post(path, data=data, headers=headers, follow_redirects=False).status_code == 403, path
    client.cookies.clear()
    for path, data in ((f"/console/team/{team_id}", {"action": "remove", "confirm": "remove"}),
                       ("/console/end", {"confirm": "end", "unfinished": "99"})):
        assert client.post(path, data=data, headers=bearer(team["token"])).status_code == 401, path
    games = client.app.state.games
    assert [t.name for t in games.store.teams()] == ["Target"] and not games.room.state().ended


def test_the_projector_cookie_is_not_the_projector_code(client):
    """Wrong codes are counted where the code is typed (/projector); the cookie the code earns is checked on every
    request of the projector's stream and data, uncounted, so it must be a secret of its own: were it the code,
    a laptop in the room could try 6-letter codes as cookies on /projector/view as fast as the server answers."""
    from game.web.projector import projector_key

    key = projector_key(client.app.state.games)
    client.cookies.set("leadsim_projector", key)
    assert client.get("/projector/view").status_code == 401
    assert client.get("/projector").status_code == 401
    client.cookies.clear()
    assert client.post("/projector", data={"key": key}, follow_redirects=False).status_code == 303
    earned = client.cookies["leadsim_projector"]
    assert key not in earned.upper() and len(earned) >= 40  # 256 random bits, as a team's token
    assert client.get("/projector/view").status_code == 200


def test_the_projector_code_is_compared_in_constant_time_and_never_shown_to_a_team(client, ws, monkeypatch):
    from game.web.projector import projector_key

    key = projector_key(client.app.state.games)
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr("hmac.compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert client.post("/projector", data={"key": "Z" * 6}).status_code == 422 and calls
    team = join(client, "Peeks")
    play_api(client, team["token"], ws)
    client.cookies.set("leadsim_team", team["token"])
    for path in PARTICIPANT_PAGES + ("/projector", "/live"):
        if path == "/live":
            continue  # a stream: its data is room.public(), which has no code (test below)
        assert key not in client.get(path, follow_redirects=True).text, path
    assert key not in json.dumps(client.app.state.games.room.state().public())


def test_the_join_pages_kept_fields_and_the_projector_field_are_escaped(client):
    code = client.app.state.games.join_code
    r = client.post("/join", data={"team": "Ok", "code": '"><b>x</b>'})
    assert r.status_code == 422 and "<b>x" not in r.text and "&#34;&gt;&lt;b&gt;" in r.text
    r = client.post("/join", data={"team": "<b>x</b>", "code": code})
    assert r.status_code == 422 and "<b>" not in r.text
    r = client.post("/rejoin", data={"rejoin": '"><b>y</b>'})
    assert r.status_code == 422 and "<b>y" not in r.text
    for page in (client.post("/projector", data={"key": '"><b>z</b>'}), client.get("/projector?key=%22%3E%3Cb%3Ez")):
        assert page.status_code == 422 and "<b>z" not in page.text


def test_a_page_elsewhere_cannot_use_up_a_teams_rejoin_tries_through_the_projector_link(client):
    """Any site can make a participant's browser GET a link (an <img src=.../projector?key=...>); wrong projector
    codes from links are slowed on a count of their own, so they never lock the address out of rejoining."""
    team = join(client, "Locked")
    forged = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image"}
    got = [client.get("/projector", params={"key": f"AAAA{c}{c}"}, headers=forged).status_code for c in "23456789ABCD"]
    assert got[:10] == [422] * 10 and got[-1] == 429  # link guesses are still limited
    r = client.post("/rejoin", data={"rejoin": team["rejoin_code"]}, follow_redirects=False)
    assert r.status_code == 303, r.text
    r = client.post("/join", data={"team": "Next", "code": client.app.state.games.join_code}, follow_redirects=False)
    assert r.status_code == 303
