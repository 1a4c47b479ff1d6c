"""The projector view: no secret on it, type readable from the back of a room (measured in Chromium at
1280x720), live updates, and the leaderboard in the words of game/views."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Decision

from .browser import launch, room_url
from .webkit import TOKEN, bearer, make_workshop, mirror, start_server, stop_server

playwright_api = pytest.importorskip("playwright.sync_api")
MIN_PX = 28.0
HIDDEN = [m.title for m in load("tutorial").scenario.metrics.values() if not m.visible]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("projector")
    ws = make_workshop(folder, scenario="tutorial", seed=3)
    proc, base = start_server(ws.path, folder / "home")
    code = httpx.get(base + "/console", params={"token": TOKEN}, follow_redirects=True,
                     timeout=10).text.split('class="bigcode">')[1].split("<")[0]
    yield base, code, ws
    stop_server(proc)


def _join(base, code, name) -> dict:
    r = httpx.post(base + "/api/join", json={"team": name, "code": code}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


def _play(base, token, ws, turns, policy="adaptive", local=None):
    """A bot decides the team's next `turns` turns through the API, on `local` (its game offline; a fresh one)."""
    local = mirror(ws) if local is None else local
    for _ in range(turns):
        d = bot_decision(local, policy)
        r = httpx.post(base + "/api/decide", json={"turn": local.turn + 1, "actions": list(d.actions),
                                                   "choice": d.choice}, headers=bearer(token), timeout=10)
        assert r.status_code == 201, r.text
        local.decide(Decision.from_json(r.json()["decision"]))
    return local


def _smallest_text(page) -> tuple[float, str]:
    """The smallest computed font size of any element that shows text, and that text."""
    return tuple(page.evaluate("""() => {
        let least = [999, ""];
        for (const el of document.querySelectorAll("body *")) {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
            if (el.closest(".sr")) continue;  // for screen readers only: never drawn
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join("");
            if (!own) continue;
            const px = parseFloat(getComputedStyle(el).fontSize);
            if (px < least[0]) least = [px, own.slice(0, 40)];
        }
        return least;
    }"""))


def _fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def _secrets(text: str, teams: list[dict]) -> list[str]:
    found = [TOKEN] if TOKEN in text else []
    for t in teams:
        found += [s for s in (t["token"], t["rejoin_code"]) if s in text]
    return found + [h for h in HIDDEN if h in text]


def test_the_projector_is_the_facilitators_and_never_shows_a_secret(served):
    base, code, ws = served
    assert httpx.get(base + "/projector", timeout=10).status_code == 401
    teams = [_join(base, code, n) for n in ("Herons", "Foxes", "Owls")]
    assert httpx.get(base + "/projector", headers=bearer(teams[0]["token"]), timeout=10).status_code == 401
    assert httpx.get(base + "/projector/events", headers=bearer(teams[0]["token"]), timeout=10).status_code == 401
    r = httpx.get(base + "/projector", params={"token": TOKEN}, timeout=10)
    assert r.status_code == 303 and r.headers["location"] == "/projector"  # the token leaves the address bar
    joining = httpx.get(base + "/projector", cookies={"leadsim_facilitator": TOKEN}, timeout=10).text
    assert code in joining and "Herons" in joining
    for k, t in enumerate(teams):
        _play(base, t["token"], ws, 2 + k % 2)
    seen = [joining]
    seen.append(httpx.get(base + "/projector", headers=bearer(TOKEN), timeout=10).text)
    seen.append(httpx.get(base + "/projector/view", headers=bearer(TOKEN), timeout=10).text)
    with httpx.stream("GET", base + "/projector/events", headers=bearer(TOKEN), timeout=20) as stream:
        first = next(line for line in stream.iter_lines() if line.startswith("data: "))
    seen.append(first)
    view = json.loads(first[6:])
    assert view["layout"] == "playing" and [r["team"] for r in view["rows"]]
    for text in seen:
        assert _secrets(text, teams) == [], text[:300]
    assert "ranks compare score per turn played" in view["round_line"]  # the hot seat's words (game/views)


def test_readable_from_the_back_row_and_live_in_chromium(served, tmp_path):
    base, code, ws = served
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            room = room_url(base)
            page = context.new_page()
            page.goto(f"{room}/projector?token={TOKEN}")
            assert page.url.endswith("/projector") and TOKEN not in page.content()
            layout = page.get_attribute("body", "data-layout")
            if layout == "joining":  # this module's first test may have started play already
                px, what = _smallest_text(page)
                assert px >= MIN_PX, f"'{what}' is {px} px"
                assert page.locator(".qr svg").bounding_box()["height"] >= 300
            page.screenshot(path=str(tmp_path / "first.png"))
            # many teams join and play: the leaderboard turns pages rather than shrinking the type
            before = len(httpx.get(f"{base}/console/teams", headers=bearer(TOKEN), timeout=10).json()["teams"])
            extra = [_join(base, code, f"Table {k:02d}") for k in range(1, 31 - before)]  # 30 teams in all
            for t in extra[:3]:
                _play(base, t["token"], ws, 1, "balanced")
            page.wait_for_function("() => document.body.dataset.layout === 'playing' && "
                                   "document.querySelectorAll('#board tbody tr').length > 0", timeout=20_000)
            page.wait_for_function("() => !document.getElementById('page').hidden", timeout=20_000)
            page.screenshot(path=str(tmp_path / "playing.png"))
            px, what = _smallest_text(page)
            assert px >= MIN_PX, f"'{what}' is {px} px"
            assert _fits(page)
            note = page.inner_text("#page")
            assert re.fullmatch(r"Teams \d+-\d+ of 30", note), note  # pages turn every 8 s
            last_row = page.locator("#board tbody tr").last.bounding_box()
            assert last_row["y"] + last_row["height"] <= page.locator("footer").bounding_box()["y"] + 1
            # live: a decision reaches the projector without a reload
            page.evaluate("() => { window.notReloaded = true; }")
            updates = int(page.get_attribute("body", "data-updates"))
            _play(base, extra[3]["token"], ws, 1)
            page.wait_for_function(f"() => Number(document.body.dataset.updates) > {updates}", timeout=5_000)
            assert page.evaluate("() => window.notReloaded === true")
        finally:
            browser.close()


def test_rounds_clock_pause_reveal_and_the_end_on_the_projector(tmp_path, ws):
    """The room's pacing as the projector says it; hidden drivers only while revealed; the end builds the debrief."""
    from game.web import pacing
    from game.web.projector import projector_view

    from .webkit import join, make_client, play_api

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        app, games = client.app, client.app.state.games
        teams = [join(client, n) for n in ("Herons", "Foxes", "Owls")]
        assert projector_view(app)["layout"] == "joining"
        pacing.set_pace(games, "rounds")
        pacing.set_clock(games, 90)
        pacing.open_next_round(games)
        view = projector_view(app)
        assert view["layout"] == "playing" and view["round_line"] == "Round 1 of 12"
        assert view["waiting_line"] == "Waiting for 3 teams" and 85 <= view["clock_left"] <= 90
        herons = play_api(client, teams[0]["token"], ws, turns=1)
        assert projector_view(app)["waiting_line"] == "Waiting for 2 teams"
        pacing.pause(games)
        paused = projector_view(app)
        assert paused["paused"]
        page = client.get("/projector", headers=bearer(TOKEN)).text
        assert "Paused" in page
        pacing.resume(games)
        plain = json.dumps(projector_view(app))
        assert not [h for h in HIDDEN if h in plain]
        pacing.set_reveal(games, True)
        revealed = projector_view(app)
        assert revealed["layout"] == "reveal"
        assert set(HIDDEN) == {r["label"].split("  (")[0] for r in revealed["hidden_rows"]}
        assert revealed["hidden_teams"] == [r["team"] for r in revealed["rows"]]
        assert all(len(r["cells"]) == 3 for r in revealed["hidden_rows"])
        page = client.get("/projector", headers=bearer(TOKEN)).text
        assert "Hidden effects" in page and "Trust" in page
        for t in teams:
            assert t["rejoin_code"] not in page and t["token"] not in page
        pacing.set_reveal(games, False)
        pacing.set_pace(games, "free")
        while not herons.done:  # Herons carry on from their first turn
            d = bot_decision(herons, "adaptive")
            r = client.post("/api/decide", json={"turn": herons.turn + 1, "actions": list(d.actions),
                                                 "choice": d.choice}, headers=bearer(teams[0]["token"]))
            assert r.status_code == 201, r.text
            herons.decide(Decision.from_json(r.json()["decision"]))
        for t, policy in zip(teams[1:], ("leadership", "management")):
            play_api(client, t["token"], ws, policy)
        assert projector_view(app)["layout"] == "ended"  # every game over: the final standings
        pacing.end_workshop(games)
        ended = projector_view(app)
        assert ended["layout"] == "ended" and ended["round_line"].startswith(ws.load_scenario().scenario.title)
        debrief = app.state.debrief
        assert debrief.building()  # ending the workshop started the debrief by itself
        debrief.wait(600)
        assert debrief.report_ready() and debrief.status()["verified"] == 3


def test_a_team_whose_round_clock_ran_out_is_told_so_while_it_waits(tmp_path, ws, monkeypatch):
    """Found in the whole-workshop trial: the waiting screen said 'Your team has decided turn 3' to a table
    that had not decided anything (its round clock ran out)."""
    from game.views.words import time_up
    from game.web import pacing

    from .test_console import later
    from .webkit import join, make_client, play_api

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        quick, slow = join(client, "Quick"), join(client, "Slow")
        pacing.set_pace(games, "rounds")
        pacing.set_clock(games, 60)
        pacing.open_next_round(games)
        play_api(client, quick["token"], ws, turns=1)
        later(monkeypatch, 65)
        assert pacing.sweep(games)
        waiting = client.get("/play", headers=bearer(slow["token"])).text
        assert f"Turn 1: {time_up(False)}" in waiting and "has decided turn 1" not in waiting
        decided = client.get("/play", headers=bearer(quick["token"])).text
        assert "Your team has decided turn 1." in decided and "Time is up" not in decided


def test_console_and_projector_rank_ties_alike_and_after_a_mid_game_end_only_the_finished(tmp_path, ws):
    """views.standings' one tie rule on both screens (1=, 1=, 3), and after the end the ranks the report has."""
    from game.web import pacing
    from game.web.projector import projector_view

    from .webkit import join, make_client, play_api

    facilitator = {**bearer(TOKEN), "Accept": "application/json"}
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        app = client.app
        tokens = {n: join(client, n)["token"] for n in ("Herons", "Foxes", "Owls", "Larks")}
        for name, policy in (("Herons", "adaptive"), ("Foxes", "adaptive"), ("Owls", "management")):
            play_api(client, tokens[name], ws, policy)  # Herons and Foxes: the same game, the same score
        play_api(client, tokens["Larks"], ws, "random", turns=2)

        def console_ranks():
            rows = sorted(client.get("/console/teams", headers=facilitator).json()["teams"], key=lambda r: r["place"])
            return [(r["rank"], r["team"]) for r in rows]

        def projector_ranks():
            return [(r["rank"], r["team"]) for r in projector_view(app)["rows"]]

        playing = projector_ranks()
        assert playing == console_ranks()
        assert [r for r, _ in playing[:2]] == ["1=", "1="] and {t for _, t in playing[:2]} == {"Herons", "Foxes"}
        assert [t for _, t in playing[:2]] == ["Herons", "Foxes"]  # a tie keeps the order of joining
        pacing.end_workshop(app.state.games)
        ended = projector_ranks()
        assert ended == console_ranks() == [("1=", "Herons"), ("1=", "Foxes"), ("3", "Owls"), ("–", "Larks")]
        view = projector_view(app)
        winner = view["winner"]
        assert view["layout"] == "ended" and winner["lead"] == "a tie for first: "
        assert "".join(n["name"] + n["after"] for n in winner["names"]) == "Herons and Foxes"
        assert view["waiting_line"] == "The workshop has ended (1 team did not finish)"
        assert view["rows"][-1]["status"].startswith("not finished")
        page = client.get("/console", headers=bearer(TOKEN)).text
        assert '<td class="num rank">1=</td>' in page


def test_teams_at_the_same_turn_tie_only_when_their_scores_read_the_same():
    """Found in the facilitator's trial: 178.5 and 178.4 after 4 turns were both ranked 3= (44.6 a turn)."""
    from types import SimpleNamespace

    from game.hotseat import HotSeat
    from game.views import standings

    def game(score, turn, done=False):
        return SimpleNamespace(score=lambda: score, turn=turn, done=done, scenario=SimpleNamespace(turns=12))

    games = {"Aspen": game(178.5, 4), "Elm": game(178.4, 4), "Fir": game(178.46, 4), "Oak": game(80.0, 2)}
    hs = HotSeat(list(games), games.__getitem__)
    ranks = {t.name: r for r, t in standings.ranked(hs)}
    assert ranks == {"Aspen": 1, "Fir": 1, "Elm": 3, "Oak": 4}  # 178.46 reads 178.5: a tie with Aspen


LONG = ("Wolfgang Amadeus Mozart Memorial Team 01", "Wolfgang Amadeus Mozart Memorial Team 02",
        "Hildegard von Bingen Night Shift Crew 03")


def test_the_winner_line_fits_one_line_at_1280_and_1920_after_a_mid_game_end(tmp_path, ws):
    """Fresh 22b: after a mid-game end the winner line wrapped. The winner is now a line of its own under
    the bar: with two 40-character names tied for first it stays one line (the names end in '…', the
    lead and the score stay whole), type still readable from the back row, at 1280 and at 1920 wide."""
    from game.web import pacing

    from .webkit import join, make_client, play_api

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        tokens = [join(client, n)["token"] for n in LONG]
        for token in tokens[:2]:
            play_api(client, token, ws, "adaptive")  # the same game twice: a tie for first
        play_api(client, tokens[2], ws, "random", turns=2)
        pacing.end_workshop(client.app.state.games)
        page_html = client.get("/projector", headers=bearer(TOKEN)).text
        css = client.get("/static/projector.css").text
    assert "a tie for first:" in page_html and "Mozart" in page_html.split('id="winner"')[1]
    assert page_html.count('class="name"') == 2
    body = re.sub(r'<(link|script)[^>]*>(</script>)?', "", page_html)  # offline: the style sheet inline
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            for width, height in ((1280, 720), (1920, 1080)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_content(body)
                page.add_style_tag(content=css)
                page.screenshot(path=str(tmp_path / f"ended-{width}.png"))
                box = page.evaluate("""() => {
                    const w = document.getElementById("winner"), r = w.getBoundingClientRect();
                    const part = s => w.querySelector(s).getBoundingClientRect();
                    const names = w.querySelector(".name");
                    return {h: r.height, px: parseFloat(getComputedStyle(w).fontSize), right: r.right,
                            lead: part(".lead").top, score: part(".score").top, scoreRight: part(".score").right,
                            cut: names.scrollWidth > names.clientWidth, page: innerWidth};
                }""")
                assert box["h"] < 2 * box["px"] and box["lead"] == box["score"], f"{width}: the line wraps: {box}"
                assert box["scoreRight"] <= box["right"] + 0.5 and box["right"] <= box["page"], box
                assert box["cut"] or width == 1920, box  # at 1280 the two names do not fit: cut, not wrapped
                round_box = page.locator("#round").bounding_box()
                assert round_box["height"] < 2 * MIN_PX * 1.3, f"{width}: the bar's line wraps"
                px, what = _smallest_text(page)
                assert px >= MIN_PX, f"{width}: '{what}' is {px} px"
                assert _fits(page)
                page.close()
        finally:
            browser.close()


def test_uploaded_desktop_results_reach_the_projectors_final_standings(tmp_path, ws):
    """A trainer uploaded 3 desktop results: the report ranked all teams, the projector only the browser ones.
    Its final standings now rank as the report does: the server's games and the uploads, one order."""
    from game.web import pacing
    from game.web.projector import projector_view

    from .test_debrief_server import as_file, desktop_result, upload
    from .webkit import join, make_client, play_api

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        app = client.app
        scores = {"Herons": play_api(client, join(client, "Herons")["token"], ws, "leadership").score(),
                  "Foxes": play_api(client, join(client, "Foxes")["token"], ws, "management").score()}
        desk = desktop_result(ws, "Desk Team", "balanced")
        scores["Desk Team"] = desk["score"]
        assert upload(client, as_file("desk.json", desk)).status_code == 200
        robo = desktop_result(ws, "Robo", "adaptive") | {"policy": "adaptive"}  # a bot's rehearsal, uploaded
        scores["Robo"] = robo["score"]
        assert upload(client, as_file("robo.json", robo)).status_code == 200
        pacing.end_workshop(app.state.games)
        view = projector_view(app)
        app.state.debrief.stop()
    expected = sorted(scores, key=lambda t: -round(scores[t], 1))
    assert [r["team"] for r in view["rows"]] == expected
    assert [r["score"] for r in view["rows"]] == [f"{scores[t]:.1f}" for t in expected]
    assert [r["bot"] for r in view["rows"]] == ["adaptive" if t == "Robo" else None for t in expected]
    people = [t for t in expected if t != "Robo"]  # the winner line names the best team of people, never the bot
    assert view["winner"]["names"][0]["name"] == people[0]
    assert expected[0] == "Robo" and view["winner"]["lead"] == "best team of people: "  # the bot's place stays
