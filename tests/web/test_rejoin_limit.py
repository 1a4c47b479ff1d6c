"""Rejoin codes (and the join code) cannot be guessed in bulk: wrong codes are limited per client address."""

from __future__ import annotations

from game.web.ratelimit import MAX_FAILURES, FailureLimit

from .webkit import join


def test_wrong_rejoin_codes_are_refused_after_the_limit_and_the_right_one_waits_too(client):
    team = join(client, "Alpha")
    for _ in range(MAX_FAILURES):
        assert client.post("/api/rejoin", json={"rejoin": "ZZZZZZZZ"}).status_code == 422
    r = client.post("/api/rejoin", json={"rejoin": team["rejoin_code"]})
    assert r.status_code == 429, r.text  # even a right code: the address is blocked, not the code
    assert int(r.headers["retry-after"]) > 0 and "too many wrong codes" in r.json()["error"]
    page = client.post("/rejoin", data={"rejoin": team["rejoin_code"]}, headers={"Origin": "http://testserver"})
    assert page.status_code == 429 and "too many wrong codes" in page.text
    assert "leadsim_team" not in page.headers.get("set-cookie", "")


def test_the_limit_is_per_address(tmp_path, ws):
    from .webkit import make_client

    with make_client(tmp_path / "a.sqlite3", ws) as first:
        team = join(first, "Alpha")
        limit = first.app.state.code_limit
        for _ in range(MAX_FAILURES):
            limit.failed("10.0.0.66")  # another laptop in the room guessed
        assert limit.wait_seconds("10.0.0.66") > 0
        r = first.post("/api/rejoin", json={"rejoin": team["rejoin_code"]})  # testclient's own address
        assert r.status_code == 200, r.text


def test_right_codes_are_never_counted(client):
    team = join(client, "Alpha")
    for _ in range(3 * MAX_FAILURES):
        assert client.post("/api/rejoin", json={"rejoin": team["rejoin_code"]}).status_code == 200


def test_wrong_join_codes_count_but_other_join_mistakes_do_not(client):
    for k in range(2 * MAX_FAILURES):  # a name mistake is not a guess
        assert client.post("/api/join", json={"team": "", "code": client.app.state.games.join_code}).status_code == 422
    for _ in range(MAX_FAILURES):
        assert client.post("/api/join", json={"team": "Bravo", "code": "WRONG1"}).status_code == 422
    r = client.post("/api/join", json={"team": "Bravo", "code": client.app.state.games.join_code})
    assert r.status_code == 429


def test_failures_age_out_of_the_window():
    now = [1000.0]
    limit = FailureLimit(max_failures=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        limit.failed("a")
    assert limit.wait_seconds("a") == 60
    now[0] += 30
    assert limit.wait_seconds("a") == 30
    now[0] += 30.5
    assert limit.wait_seconds("a") == 0
    limit.failed("a")
    assert limit.wait_seconds("a") == 0  # one failure in the window now


def test_memory_is_bounded_by_forgetting_the_oldest_addresses():
    limit = FailureLimit(max_failures=1, window=60, max_addresses=100)
    for k in range(1000):
        limit.failed(f"10.0.{k // 256}.{k % 256}")
    assert len(limit._failures) == 100
    assert limit.wait_seconds("10.0.3.231") > 0 and limit.wait_seconds("10.0.0.0") == 0
