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
from game.views.standings import BOT_MARK, PER_TURN

from .browser import launch, room_url
from .webkit import TOKEN, bearer, make_workshop, mirror, start_play, start_server, stop_server

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
    """A bot decides the team's next `turns` turns through the API (fewer if its game ends first), on `local`
    (its game offline; a fresh one)."""
    local = mirror(ws) if local is None else local
    for _ in range(turns):
        if local.done:
            break
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
    assert "The game starts when the facilitator starts play" in joining  # before Start play: the join screen
    start_play(base)
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
    assert PER_TURN in view["round_line"]  # the hot seat's words (game/views)


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
            start_play(base)  # (done already when this module's first test ran)
            for t in extra[:3]:
                _play(base, t["token"], ws, 1, "balanced")
            page.wait_for_function("() => document.body.dataset.layout === 'playing' && "
                                   "document.querySelectorAll('#board tbody tr').length > 0 && "  # (play reached it)
                                   "document.querySelector('#board tbody tr td.per-turn').textContent !== ''",
                                   timeout=20_000)
            page.wait_for_function("() => !document.getElementById('page').hidden", timeout=20_000)
            # every join reached the page (the live view can show the board before the last joins: 'of 26')
            page.wait_for_function("() => / of 30$/.test(document.getElementById('page').textContent)", timeout=20_000)
            page.screenshot(path=str(tmp_path / "playing.png"))
            # free pace ranks per turn played: that figure is shown beside the score so far (trainer s5, finding 7)
            assert page.inner_text("#per-turn-title") == "Per turn" and page.is_visible("#per-turn-title")
            assert page.locator("#board tbody tr").first.locator("td.per-turn").inner_text() != ""
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

    with make_client(tmp_path / "games.sqlite3", ws, started=False) as client:
        app, games = client.app, client.app.state.games
        teams = [join(client, n) for n in ("Herons", "Foxes", "Owls")]
        assert projector_view(app)["layout"] == "joining"
        assert projector_view(app)["waiting_line"] == "The game starts when the facilitator starts play"
        pacing.set_pace(games, "rounds")
        pacing.set_clock(games, 90)
        assert projector_view(app)["layout"] == "joining"  # the round chosen, its clock set: still not started
        pacing.start_play(games)  # turn 1 opens for every team, with the round clock
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
        room_words = {h[5].upper() + h[6:] if h.startswith("Your ") else h for h in HIDDEN}  # nobody's "your"
        assert room_words == {r["label"] for r in revealed["hidden_rows"]}
        assert {r["label"]: r["note"] for r in revealed["hidden_rows"]}["Stress"] == "lower is better"
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
        # every game over, the workshop not ended: the results wait for the facilitator (trainer s7 finding 12)
        held = projector_view(app)
        assert held["layout"] == "held" and held["winner"] is None and held["rows"] == []
        assert "facilitator ends the workshop" in held["held_line"]
        page = client.get("/projector", headers=bearer(TOKEN)).text
        assert "Every team has finished" in page and 'id="winner"' not in page and "Herons" in page
        assert "with a score of" not in page
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
        # trainer s7 rehearsal 4, finding 12: the clock took Slow's turn, so it never read that report
        assert "Read your turn 1 report<" in waiting and "report again" not in waiting
        assert "Read your turn 1 report again<" in decided


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
        assert view["layout"] == "ended" and winner["lead"] == "A tie for first: "
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
    assert "A tie for first:" in page_html and "Mozart" in page_html.split('id="winner"')[1]
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
    assert expected[0] == "Robo" and view["winner"]["lead"] == "Best team of people: "  # the bot's place stays


def test_before_the_end_a_final_score_is_never_ranked_against_a_score_so_far(tmp_path, ws):
    """Trainer s4, findings 7 and 11: a stalled team (13 of 30, 261.3) ranked 4th above a finished one (596.2,
    5th) on the projector and the console, before the end; the header kept 'Round 14 of 30' after the switch
    to free pace; before play every team read '1=' with a score of 0.0. Now no team is ranked before it has
    played; once a game has run to its last turn the finished are ranked by final score and the rest follow
    as in progress, unranked, as the report does at the end; the header follows the pace at once."""
    from game.web import pacing
    from game.web.projector import FINISHED_FIRST, IN_PROGRESS, NOT_FINISHED, UNRANKED, projector_view
    from game.views.standings import PER_TURN

    from .webkit import game_so_far, join, make_client, play_api

    facilitator = {**bearer(TOKEN), "Accept": "application/json"}
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        app, games = client.app, client.app.state.games
        tokens = {n: join(client, n)["token"] for n in ("Herons", "Foxes", "Owls", "Larks")}

        def console_ranks():
            rows = sorted(client.get("/console/teams", headers=facilitator).json()["teams"], key=lambda r: r["place"])
            return [(r["rank"], r["team"]) for r in rows]

        def board():
            view = projector_view(app)
            assert [(r["rank"], r["team"]) for r in view["rows"]] == console_ranks()
            console = {r["team"]: r["per_turn"] for r in client.get("/console/teams", headers=facilitator).json()["teams"]}
            # the figure the rank compares, alike; the console shows it all through play (trainer s7 finding 4: its
            # column was empty in rounds the whole game), the projector while it ranks by it
            assert all(console[r["team"]] == r["per_turn"] for r in view["rows"] if r["per_turn"]), (view, console)
            assert all(console[r["team"]] for r in view["rows"] if r["rank"] != UNRANKED and not view["winner"])
            return view, {r["team"]: r for r in view["rows"]}

        pacing.set_pace(games, "rounds")
        pacing.open_next_round(games)
        view, rows = board()
        assert view["layout"] == "playing" and view["round_line"] == "Round 1 of 12"
        assert {r["rank"] for r in rows.values()} == {UNRANKED}  # nobody has played: no '1=' at 0.0
        play_api(client, tokens["Herons"], ws, turns=1)
        view, rows = board()
        assert rows["Herons"]["rank"] == "1" and view["rows"][0]["team"] == "Herons"
        assert [rows[n]["rank"] for n in ("Foxes", "Owls", "Larks")] == [UNRANKED] * 3
        pacing.set_pace(games, "free")  # the header follows the pace at once: no round in free pace
        assert projector_view(app)["round_line"] == "Your pace  •  " + PER_TURN
        owls = play_api(client, tokens["Owls"], ws, "management")  # lost at turn 7, before anyone's last turn
        assert owls.done and owls.turn < 12
        play_api(client, tokens["Foxes"], ws, turns=4)
        view, rows = board()  # a game lost early stays in the per-turn ranking, which counts all its turns
        assert sorted(r["rank"] for r in view["rows"]) == ["1", "2", "3", UNRANKED]
        assert view["rows"][-1]["team"] == "Larks" and rows["Owls"]["rank"] == "3"  # 222.7 over 12 turns: last
        # trainer s5, finding 7: 199.0 after 10 turns ranked below 185.8 after 9 under "Score so far"; the figure
        # the rank compares is shown beside it, under its own header, and reads best first down the ranks
        assert view["per_turn_title"] == "Per turn" and view["score_title"] == "Score so far"
        ranked = [r for r in view["rows"] if r["rank"] != UNRANKED]
        for r in ranked:
            s = game_so_far(client, ws, r["team"])
            # a game lost early says what its figure is over (trainer s7 finding 4: 130.6 beside 10.9 after 5 turns)
            over = " (÷ 12)" if s.done else ""
            assert r["per_turn"] == f"{round(s.score(), 1) / (12 if s.done else s.turn):.1f}{over}", r
        assert rows["Owls"]["per_turn"].endswith(" (÷ 12)")
        figures = [float(r["per_turn"].split()[0]) for r in ranked]
        assert figures == sorted(figures, reverse=True)
        assert rows["Larks"]["per_turn"] == ""  # not played: no figure, no rank
        play_api(client, tokens["Herons"], ws, local=game_so_far(client, ws, "Herons"))  # Herons finish the game
        view, rows = board()
        assert view["round_line"] == "Your pace  •  " + FINISHED_FIRST and view["winner"] is None
        assert [r["team"] for r in view["rows"]] == ["Herons", "Owls", "Foxes", "Larks"]
        assert [r["rank"] for r in view["rows"]] == ["1", "2", UNRANKED, UNRANKED]
        assert rows["Foxes"]["status"] == f"playing: {IN_PROGRESS}" and view["score_title"] == "Score"
        assert view["per_turn_title"] == "" and {r["per_turn"] for r in view["rows"]} == {""}  # final scores rank
        assert rows["Larks"]["status"] == "playing"  # never played: nothing to rank yet
        pacing.set_pace(games, "rounds")
        assert projector_view(app)["round_line"].startswith(f"Round {games.room.state().round} of 12  •  ")
        pacing.end_workshop(games)
        view, rows = board()
        assert [(r["rank"], r["team"]) for r in view["rows"]] == [
            ("1", "Herons"), ("2", "Owls"), (UNRANKED, "Foxes"), (UNRANKED, "Larks")]
        assert rows["Foxes"]["status"] == NOT_FINISHED and view["winner"]["names"][0]["name"] == "Herons"
        app.state.debrief.stop()


# --- the reveal at a room's sizes (trainer s4, finding 6) ---------------------------------------------------
ROOM_NAMES = ("Amélie O'Connor-Núñez", "Visionaries", "The Process People", "Northern Regional Operations Team Four",
              "Late Lunch", "Dropouts")
MORE_NAMES = (*LONG, "Zoë Ångström-Øverlié", "Équipe Lumière de Montréal-Québec", "Łódź Kraków Współpraca",
              "Straßenbahnfahrerinnenvereinigung", "São Paulo Inovação")
REVEAL_BOXES = """() => {
    const foot = document.querySelector('footer').getBoundingClientRect().top, page = document.getElementById('page');
    const below = [...document.querySelectorAll('#hidden tbody tr'), ...(page.hidden ? [] : [page])]
        .filter(el => el.getBoundingClientRect().bottom > foot + 0.5).map(el => el.textContent.slice(0, 40));
    const heads = [...document.querySelectorAll('#hidden thead th.team')].map(th => ({
        name: th.title, lines: th.textContent.split('\\n'),
        over: th.scrollWidth > th.clientWidth + 1 || th.scrollHeight > th.clientHeight + 1}));
    const drivers = [...document.querySelectorAll('#hidden tbody th')].map(th => th.firstChild.textContent);
    return {below, heads, drivers, note: page.hidden ? null : page.textContent,
            wide: document.documentElement.scrollWidth > innerWidth};
}"""


def _pieces(name: str) -> list[tuple[str, str]]:
    """Where a name may wrap: (the separator before it, the piece), at spaces and after hyphens."""
    out = []
    for word in name.split():
        parts = re.split(r"(?<=-)(?=.)", word)
        out += [(" " if out and k == 0 else "", p) for k, p in enumerate(parts)]
    return out


def _whole_words(name: str, lines: list[str], mark: str) -> bool:
    """Each line is whole pieces of the name, in order; the last may end in '…' (the name shortened) or keep
    the name's end after a '…'; the bot mark, when there is one, ends the last line. Only a single word wider
    than a column may be cut ('Straßenbah…'), and then it is the whole of its line."""
    if mark:
        if lines[-1] == mark and len(lines) > 1:
            lines = lines[:-1]
        elif lines[-1].endswith(" " + mark):
            lines = [*lines[:-1], lines[-1][:-len(mark) - 1]]
        else:
            return False
    pieces = _pieces(name)
    text = [p for _, p in pieces]
    if len(lines) == 1 and lines[0].endswith("…") and len(text) == 1:
        return text[0].startswith(lines[0][:-1])
    k = 0
    for n, line in enumerate(lines):
        last = n == len(lines) - 1
        if last and line.startswith("…"):  # the name's end, whole pieces of it
            return name.endswith(line[1:]) and any(name[:-len(line) + 1].endswith(s) for s in (" ", "-"))
        if last and line.endswith("…"):
            line = line[:-1]
        got = ""
        while k < len(pieces) and len(got) < len(line):
            got += (pieces[k][0] if got else "") + pieces[k][1]
            k += 1
        if got != line:
            return False
    return True


def test_whole_words_catches_a_name_broken_inside_a_word():
    assert _whole_words("Amélie O'Connor-Núñez", ["Amélie", "O'Connor-", "Núñez"], "")
    assert _whole_words("Northern Regional Operations Team Four", ["Northern Regional", "Operations…"], "")
    assert _whole_words("Robo Table", ["Robo Table", "(bot)"], "(bot)")  # the mark on a line of its own
    assert _whole_words("Robo Table", ["Robo Table (bot)"], "(bot)")
    assert not _whole_words("Robo Table", ["Robo Table"], "(bot)")  # a bot's mark lost
    assert _whole_words("Wolfgang Amadeus Mozart Memorial Team 01", ["Wolfgang", "Amadeus", "…Team 01"], "")
    assert not _whole_words("Northern Regional Operations Team Four", ["Norther", "n Regional"], "")
    assert not _whole_words("Dropouts", ["Dropout", "s"], "")
    assert not _whole_words("Wolfgang Amadeus Mozart Memorial Team 01", ["Wolfgang", "…eam 01"], "")


def _every_reveal_page(page, names: list[str], bots: set[str], where: str) -> int:
    """Turn every page of the reveal (the presenter's Right key) until the first comes again: every team and
    every driver of it on some page, no row under the foot, no name broken inside a word or wider than its
    column. The pages it took."""
    seen, notes = set(), []
    while True:
        box = page.evaluate(REVEAL_BOXES)
        if notes and box["note"] == notes[0] or len(notes) > 40:
            break
        notes.append(box["note"])
        assert not box["below"] and not box["wide"], f"{where}, page {len(notes)}: {box}"
        for head in box["heads"]:
            assert not head["over"], f"{where}: {head}"
            bot = next((b for b in bots if head["name"] == f"{b} {BOT_MARK}"), None)
            name = bot or head["name"]
            assert _whole_words(name, head["lines"], BOT_MARK if bot else ""), f"{where}: {head}"
            seen |= {(name, d) for d in box["drivers"]}
        if box["note"] is None:
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(before) => document.getElementById('page').textContent !== before",
                               arg=box["note"])
    drivers = {d for _, d in seen}
    assert seen == {(n, d) for n in names for d in drivers} and len(drivers) == len(HIDDEN), where
    return len(notes)


SQUAD = "The Fabulous Operations Excellence Squad"  # 40 characters, the most a name may have (trainer s5)
FITS_ACROSS = """() => [...document.querySelectorAll('#names span')].map(s => {
    const b = s.getBoundingClientRect();
    return {name: s.textContent, right: b.right, lines: Math.round(b.height / parseFloat(getComputedStyle(s).lineHeight))};
})"""


def _joining_names_fit(browser, base, folder) -> None:
    """Trainer s5, finding 8: the 40-character name ran off the joining screen's right edge. Every name shown is on
    the screen, a long one wrapped at its spaces (the page's CSS never breaks inside a word: a word too wide for the
    line would end in '…', inside the screen)."""
    for width, height in ((1280, 720), (1920, 1080)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{room_url(base)}/projector?token={TOKEN}")
        page.wait_for_function("() => document.body.dataset.layout === 'joining'")
        page.screenshot(path=str(folder / f"joining-{width}x{height}.png"))
        spans = {s["name"]: s for s in page.evaluate(FITS_ACROSS)}
        more = [n for n in spans if n.startswith("and ")]
        # the newest names that fit (the screen scales with its width: the same at 720p and 1080p), the oldest
        # counted in "and N more"
        assert len(spans) - len(more) >= 3 and len(more) <= 1, spans
        assert len(spans) - len(more) + sum(int(n.split()[1]) for n in more) == 8, spans
        assert SQUAD in spans and f"Robo Table {BOT_MARK}" in spans and "Robo Table" not in spans, spans  # s7 r4, 11
        assert all(s["right"] <= width for s in spans.values()), spans
        assert _fits(page)
        assert spans[SQUAD]["lines"] >= (2 if width == 1280 else 1), spans[SQUAD]  # wrapped, not cut or run off
        # the column stays between the bar and the bottom edge, its last line whole (8 teams of long names
        # ran it off both ends at 1280x720: the heading under the bar, "The game starts when ..." cut off);
        # the address is the one a person types (no "?code=", the code is shown below it)
        box = page.evaluate("""() => { const r = id => document.getElementById(id).getBoundingClientRect();
            return {bar: document.querySelector('.bar').getBoundingClientRect().bottom, head: r('join-h').top,
                    last: r('waiting').bottom, url: document.querySelector('.join .url').textContent}; }""")
        assert box["head"] >= box["bar"] and box["last"] <= height, box
        assert "?" not in box["url"] and box["url"].startswith("127.0.0.1:"), box
        page.close()


def test_the_reveal_shows_every_driver_and_whole_names_at_1280_and_1920_with_7_and_30_teams(tmp_path):
    """Trainer s4, finding 6: at 1280x720 the reveal broke names inside words ('Norther / n', 'Dropout / s')
    and cut the skill rows off under the foot. Measured in Chromium, with the room's message on: every page
    of the reveal, with 7 teams (the trainer's, a bot among them) and with 30 (long, accented names), at
    1280x720 and 1920x1080. The header follows a switch to free pace at once, without a reload."""
    ws = make_workshop(tmp_path, scenario="tutorial", seed=3)
    proc, base = start_server(ws.path, tmp_path / "home")
    facilitator = {**bearer(TOKEN), "Accept": "application/json"}
    try:
        code = httpx.get(base + "/console", params={"token": TOKEN}, follow_redirects=True,
                         timeout=10).text.split('class="bigcode">')[1].split("<")[0]
        teams = [_join(base, code, n) for n in ROOM_NAMES]
        httpx.post(base + "/console/bot-team", data={"name": "Robo Table", "policy": "adaptive"},
                   headers=facilitator, timeout=10).raise_for_status()
        _join(base, code, SQUAD)
        names = [*ROOM_NAMES, "Robo Table", SQUAD]
        with playwright_api.sync_playwright() as p:
            browser = launch(p)
            try:
                _joining_names_fit(browser, base, tmp_path)
                start_play(base)
                for k, t in enumerate(teams):
                    _play(base, t["token"], ws, 1 + k % 2, "balanced")
                for path, form in (("/console/message", {"action": "send", "text": "Five minutes to the break – "
                                                         "grab a coffee after turn 15!"}),
                                   ("/console/reveal", {"on": "1"})):
                    httpx.post(base + path, data=form, headers=facilitator, timeout=10).raise_for_status()
                for count in (8, 30):
                    if count == 30:
                        extra = [*MORE_NAMES, *(f"Table {k:02d} Ärztinnen und Ärzte" for k in range(1, 40))]
                        names += extra[:30 - len(names)]
                        for n in names[8:]:  # (a team that has not played yet is revealed too: its start)
                            _join(base, code, n)
                    # (1280x560: a short screen, where the rows are paged as well as the teams)
                    for width, height in ((1280, 720), (1920, 1080), *([(1280, 560)] if count == 8 else [])):
                        page = browser.new_page(viewport={"width": width, "height": height})
                        page.goto(f"{room_url(base)}/projector?token={TOKEN}")
                        page.wait_for_function(f"() => document.body.dataset.layout === 'reveal' && document"
                                               f".querySelectorAll('#hidden thead th.team.fitted').length > 0 && "
                                               f"document.getElementById('page').textContent.startsWith('Teams 1-') && "
                                               f"document.getElementById('page').textContent.includes(' of {count}')")
                        page.screenshot(path=str(tmp_path / f"reveal-{count}-{width}x{height}.png"))
                        px, what = _smallest_text(page)
                        assert px >= MIN_PX, f"'{what}' is {px} px"
                        pages = _every_reveal_page(page, names, {"Robo Table"}, f"{count} teams at {width}x{height}")
                        if height > 560:
                            assert pages <= -(-count // 3), pages  # at least 3 teams a page, every row on it
                        else:
                            assert "drivers 1-" in page.inner_text("#page"), page.inner_text("#page")
                        page.close()
                # the pace: rounds, then free pace again; the bar says so at once, without a reload
                httpx.post(base + "/console/reveal", data={"on": "0"}, headers=facilitator, timeout=10)
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                page.goto(f"{room_url(base)}/projector?token={TOKEN}")
                page.wait_for_function("() => document.body.dataset.layout === 'playing'")
                page.evaluate("() => { window.notReloaded = true; }")
                for pace, start in (("rounds", "Round "), ("free", "Your pace")):
                    httpx.post(base + "/console/pace", data={"pace": pace}, headers=facilitator, timeout=10)
                    page.wait_for_function("(s) => document.getElementById('round').textContent.startsWith(s)",
                                           arg=start, timeout=3_000)
                assert page.evaluate("() => window.notReloaded === true")
            finally:
                browser.close()
    finally:
        stop_server(proc)


ROOM_OF_SEVEN = (("Falcons", "balanced", None), ("Otters", "management", None), ("Ravens and Co", "leadership+dev", None),
                 ("Wolves", "random", None), ("Bot Lions", "adaptive", "balanced"), ("Bot Herons", "leadership", "leadership"),
                 ("Bot Table 5", "adaptive", "adaptive"))


def _offline_projector(page, html: str, css: str, js: str, view: dict) -> None:
    """The projector page as the server drew it, its script fed `view` by a stand-in for its stream."""
    page.set_content(re.sub(r'<(link|script)[^>]*>(</script>)?', "", html))
    page.add_style_tag(content=css)
    page.evaluate("""v => { window.EventSource = function () {
        const me = this; this.addEventListener = (k, f) => { if (k === 'view') setTimeout(() => f({data: JSON.stringify(v)}), 0); };
    }; }""", view)
    page.add_script_tag(content=js)
    page.wait_for_function("() => Number(document.body.dataset.updates) > 0")


def test_the_standings_fill_a_1080p_screen_and_the_final_subtitle_is_whole(tmp_path):
    """Trainer s6, finding 12: at 1920x1080 the standings showed 5 of 7 teams a page with a quarter of the screen
    empty (the rows were measured at the column widths of all 7, where a long status of a later team wrapped
    names into two lines), and the final subtitle read 'Tutorial: Your First Team • ordered by …'. The room of
    that rehearsal: a team lost at turn 7, one still playing, three bots, the facilitator's message."""
    from game.web import pacing
    from game.web.projector import projector_view
    from game.workshop.files import create, read_workshop, write_workshop

    from .webkit import make_client, play_api

    path = tmp_path / "day.json"
    write_workshop(create("tutorial", 42, "Leadership day rehearsal", "standard", None), path)
    ws = read_workshop(path)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        for name, policy, bot in ROOM_OF_SEVEN:
            r = client.post("/api/join", json={"team": name, "code": games.join_code, **({"bot": bot} if bot else {})})
            client.cookies.clear()
            assert r.status_code == 201, r.text
            play_api(client, r.json()["token"], ws, policy, turns=11 if name == "Wolves" else None)
        pacing.send_message(games, "Two more turns, then we pause for coffee")
        html = client.get("/projector", headers=bearer(TOKEN)).text
        playing = projector_view(client.app)
        pacing.pause(games)  # trainer s7 finding 12: paused with a message, 1920x1080 showed 'Teams 1-6 of 7'
        paused_html = client.get("/projector", headers=bearer(TOKEN)).text
        paused = projector_view(client.app)
        pacing.resume(games)
        pacing.clear_message(games)
        pacing.end_workshop(games)
        ended_html = client.get("/projector", headers=bearer(TOKEN)).text
        ended = projector_view(client.app)
        client.app.state.debrief.stop()
        css, js = client.get("/static/projector.css").text, client.get("/static/projector.js").text
    assert playing["layout"] == "playing" and ended["layout"] == "ended"
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            for width, height in ((1280, 720), (1920, 1080)):
                page = browser.new_page(viewport={"width": width, "height": height})
                _offline_projector(page, html, css, js, playing)
                page.screenshot(path=str(tmp_path / f"playing-{width}.png"))
                room = page.evaluate("""() => {
                    const rows = [...document.querySelectorAll('#board tbody tr')].map(r => r.getBoundingClientRect());
                    const note = document.getElementById('page'), board = document.querySelector('.board');
                    const end = note.hidden ? rows[rows.length - 1].bottom : note.getBoundingClientRect().bottom;
                    return {shown: rows.length, paged: !note.hidden, left: board.getBoundingClientRect().bottom - end,
                            tallest: Math.max(...rows.map(r => r.height))};
                }""")
                # every team, or as many as the screen holds: never room for another row left empty
                assert not room["paged"] or room["left"] < room["tallest"], f"{width}: {room}"
                if width == 1920:
                    assert room["shown"] == 7, room
                page.close()
                if width == 1920:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    _offline_projector(page, paused_html, css, js, paused)
                    page.screenshot(path=str(tmp_path / "paused-1920.png"))
                    assert page.is_visible("#paused") and page.is_visible("#message")
                    shown = page.evaluate("() => document.querySelectorAll('#board tbody tr').length")
                    assert shown == 7 and page.locator("#page").is_hidden(), page.inner_text("#page")
                    px, what = _smallest_text(page)
                    assert px >= MIN_PX, f"'{what}' is {px} px"
                    page.close()
                page = browser.new_page(viewport={"width": width, "height": height})
                _offline_projector(page, ended_html, css, js, ended)
                page.screenshot(path=str(tmp_path / f"ended-{width}.png"))
                cut = page.evaluate("() => { const r = document.getElementById('round'); "
                                    "return [r.textContent, r.scrollWidth - r.clientWidth]; }")
                assert cut[1] <= 0, f"{width}: the subtitle is cut: {cut}"
                assert page.locator("#round").bounding_box()["height"] < 2 * MIN_PX * 1.3, f"{width}: it wraps"
                assert "Best team of people:" in page.inner_text("#winner")
                assert "Bot" not in page.inner_text("#winner .name")
                page.close()
        finally:
            browser.close()


def test_a_tie_of_many_names_two_and_counts_the_rest_and_keeps_the_score_on_screen(tmp_path, ws):
    """With 30 teams five bots of one play tied for first: every name ended in '…' ('Tea…, Tea…, ...') and the
    score ran off a 1280 screen. The line names two and counts the others; the table lists them all, the six
    on one page (the names kept on one line, the long status wrapped instead)."""
    from game.web import pacing
    from game.web.projector import projector_view

    from .webkit import join, make_client, play_api

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        for k in range(1, 6):
            play_api(client, join(client, f"Team {k:02d} Falcons")["token"], ws, "adaptive")
        play_api(client, join(client, "Otters")["token"], ws, "management")
        pacing.end_workshop(client.app.state.games)
        html = client.get("/projector", headers=bearer(TOKEN)).text
        view = projector_view(client.app)
        client.app.state.debrief.stop()
        css, js = client.get("/static/projector.css").text, client.get("/static/projector.js").text
    names = view["winner"]["names"]
    assert [n["name"] for n in names] == ["Team 01 Falcons", "Team 02 Falcons"], names
    assert [n["after"] for n in names] == [", ", " and 3 more"], names
    assert [r["rank"] for r in view["rows"][:5]] == ["1="] * 5
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            for width, height in ((1280, 720), (1920, 1080)):
                page = browser.new_page(viewport={"width": width, "height": height})
                _offline_projector(page, html, css, js, view)
                page.screenshot(path=str(tmp_path / f"tie-{width}.png"))
                box = page.evaluate("""() => {
                    const w = document.getElementById("winner"), r = w.getBoundingClientRect();
                    const s = w.querySelector(".score").getBoundingClientRect();
                    return {h: r.height, px: parseFloat(getComputedStyle(w).fontSize), right: r.right, scoreRight: s.right,
                            page: innerWidth, text: w.textContent};
                }""")
                assert box["h"] < 2 * box["px"] and box["scoreRight"] <= min(box["right"], box["page"]) + 0.5, box
                assert "and 3 more" in box["text"], box
                room = page.evaluate("() => [document.getElementById('page').hidden, "
                                     "document.querySelectorAll('#board tbody tr').length]")
                assert room == [True, 6], f"{width}: the six teams fit on one page: {room}"
                page.close()
        finally:
            browser.close()


@pytest.mark.parametrize("difficulty", ["guided", "standard"])
def test_the_score_during_play_says_what_it_adds_up_to_and_a_guided_reveal_claims_nothing_unseen(tmp_path, difficulty):
    """Trainer 2's s6 findings 9 and 3: 'Score so far' 241.8 after 5 turns beside final scores near 700, and on
    Guided (the drivers on every team's turn report) a reveal headed 'what the dashboards do not show'."""
    from game.web import pacing
    from game.web.projector import projector_view

    from .webkit import join, make_client, play_api

    ws = make_workshop(tmp_path, difficulty=difficulty)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        app, games = client.app, client.app.state.games
        teams = [join(client, n) for n in ("Herons", "Foxes")]
        herons = play_api(client, teams[0]["token"], ws, turns=5)
        view = projector_view(app)
        assert view["score_title"] == "Score so far"
        assert view["score_note"] == ("Score so far: up to 83 points a turn, adding up to the final score "
                                      "(of 1,000)")  # the tutorial's 12 turns: 1,000 / 12
        assert herons.score() <= 83.4 * 5 + 1e-6  # the running value is the points of the turns played
        page = client.get("/projector", headers=bearer(TOKEN)).text
        assert "adding up to the final score" in page
        console = client.get("/console", headers=bearer(TOKEN)).text
        assert f'title="{view["score_note"]}">Score</button>' in console  # the same words, said once
        pacing.set_reveal(games, True)
        heading = projector_view(app)["hidden_heading"]
        if difficulty == "guided":
            assert "saw them every turn" in heading and "do not show" not in heading
        else:
            assert heading == "Hidden effects: what the dashboards do not show"
        pacing.set_reveal(games, False)
        pacing.end_workshop(games)
        assert projector_view(app)["score_note"] == ""  # final scores need no explaining
        client.app.state.debrief.stop()


ROOM_OF_SIX = (("Bot leadership", "leadership", "leadership"), ("Bot balanced", "balanced", "balanced"),
               ("Red Foxes", "leadership", None), ("Dawdlers", "random", None), ("Green Team", "balanced", None),
               ("Blue Owls", "management", None))


def test_a_paused_room_of_six_with_a_message_is_one_page_at_1080p(tmp_path):
    """Trainer s6 rehearsal 2, finding 12: 'Teams 1-5 of 6' at 1920x1080 with a sixth row's room left empty
    (29-projector-paused.png): rounds (score per turn shown), the facilitator's message, paused."""
    from game.web import pacing
    from game.web.projector import projector_view
    from game.workshop.files import create, read_workshop, write_workshop

    from .webkit import make_client, play_api

    path = tmp_path / "day.json"
    write_workshop(create("tutorial", 42, "Leadership taster", "guided", None), path)
    ws = read_workshop(path)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        # a room's real address and its widest join code: the foot's late-join line, with the whole link and
        # its code, wrapped for one code in five and the sixth row lost its room (this test failed
        # intermittently on the random code until the foot showed the typed address; trainer s7, finding 12)
        client.app.state.public_url, games.join_code = "http://192.168.100.200:8765", "WWWWWW"
        for name, policy, bot in ROOM_OF_SIX:
            r = client.post("/api/join", json={"team": name, "code": games.join_code, **({"bot": bot} if bot else {})})
            client.cookies.clear()
            assert r.status_code == 201, r.text
            play_api(client, r.json()["token"], ws, policy, turns=5 if bot else 4)
        pacing.set_pace(games, "rounds")
        pacing.send_message(games, "Five minutes to the break. Talk to your partner before you click End turn!")
        pacing.pause(games)
        html = client.get("/projector", headers=bearer(TOKEN)).text
        view = projector_view(client.app)
        client.app.state.debrief.stop()
        css, js = client.get("/static/projector.css").text, client.get("/static/projector.js").text
    assert view["paused"] and view["message"]
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            _offline_projector(page, html, css, js, view)
            page.wait_for_timeout(600)  # the clock's tick (every 250 ms) has run: no second "Paused" in the bar
            assert page.locator("#clock").is_hidden() and page.is_visible("#paused")
            page.screenshot(path=str(tmp_path / "paused-six-1920.png"))
            shown = page.locator("#board tbody tr").count()
            assert shown == 6 and page.locator("#page").is_hidden(), (shown, page.inner_text("#page"))
            late = page.locator("#late")
            assert late.inner_text() == "Late? Join at 192.168.100.200:8765 · code WWWWWW"
            assert late.bounding_box()["y"] == page.locator("#waiting").bounding_box()["y"]  # one line: side by side
            # the space for the rows shrinks and grows back after they were measured (as when a font loads
            # late, or the foot's joining line wraps), with no update and no resize of the window: the rows
            # a page follow it (measured once, the page kept 'Teams 1-5 of 6' with a row's room left empty)
            page.evaluate("() => { document.getElementById('waiting').style.fontSize = '5rem'; }")
            page.wait_for_function("() => !document.getElementById('page').hidden")
            few = page.locator("#board tbody tr").count()
            # less room for the rows, step by step: the 6 rows spread evenly over the pages they need (never a
            # last page of one lonely row; trainer s7 rehearsal 4, finding 4)
            splits = set()
            for rem in ("2rem", "3rem", "4rem", "5rem", "6rem", "7rem", "8rem", "9rem"):
                page.evaluate("(r) => { document.getElementById('waiting').style.fontSize = r; }", rem)
                page.wait_for_timeout(150)
                sizes, notes = [], []
                while len(notes) < 8 and page.is_visible("#page"):
                    note = page.inner_text("#page")
                    if note in notes:
                        break
                    notes.append(note)
                    sizes.append(page.locator("#board tbody tr").count())
                    page.keyboard.press("ArrowRight")
                    page.wait_for_timeout(100)
                if sizes:
                    splits.add(tuple(sizes))
                    assert sum(sizes) == 6 and max(sizes) - min(sizes) <= 1, (rem, sizes, notes)
                    page.screenshot(path=str(tmp_path / f"paused-six-1920-foot-{rem}.png"))
            assert len(splits) >= 2, splits  # the rows were paged in more than one way
            page.evaluate("() => { document.getElementById('waiting').style.fontSize = '5rem'; }")
            page.wait_for_function("() => !document.getElementById('page').hidden")
            page.evaluate("() => { document.getElementById('waiting').style.fontSize = ''; }")
            page.wait_for_function("() => document.getElementById('page').hidden", timeout=3000)
            assert few < 6 and page.locator("#board tbody tr").count() == 6, few
        finally:
            browser.close()


def test_a_paused_reveal_after_every_game_has_balanced_pages_and_no_pause_banner(tmp_path):
    """Trainer s7 rehearsal 4, finding 4: six teams (two bots) all finished, the facilitator's message up,
    the reveal on, then a pause: the 1920x1080 projector said 'Paused: the clocks are stopped' above 'Every
    team has finished' and turned through tiny pages, one a single row ('drivers 7-7 of 7') on a white
    screen. No clock runs once every game is over, so no banner; and every page of the reveal (at 1920x1080,
    and 1280x560, where the rows are paged) holds as many teams and rows as the others, give or take one."""
    from game.web import pacing
    from game.web.projector import projector_view
    from game.workshop.files import create, read_workshop, write_workshop

    from .webkit import make_client, play_api

    path = tmp_path / "day.json"
    write_workshop(create("tutorial", 42, "Leadership taster", "standard", None), path)
    ws = read_workshop(path)
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        for name, policy, bot in ROOM_OF_SIX:
            r = client.post("/api/join", json={"team": name, "code": games.join_code, **({"bot": bot} if bot else {})})
            client.cookies.clear()
            assert r.status_code == 201, r.text
            play_api(client, r.json()["token"], ws, policy)
        pacing.set_pace(games, "rounds")
        pacing.send_message(games, "Five minutes to the break - finish turn 2, then discuss with your neighbour")
        held = projector_view(client.app)  # finding 11: the 'Every team has finished' list marks the bots
        assert held["layout"] == "held" and not held["paused"]
        assert sorted(held["names"]) == sorted(n + (f" {BOT_MARK}" if bot else "") for n, _, bot in ROOM_OF_SIX)
        assert f'<span title="Bot leadership {BOT_MARK}">Bot leadership {BOT_MARK}</span>' in client.get(
            "/projector", headers=bearer(TOKEN)).text
        pacing.set_reveal(games, True)
        pacing.pause(games)
        html = client.get("/projector", headers=bearer(TOKEN)).text
        view = projector_view(client.app)
        client.app.state.debrief.stop()
        css, js = client.get("/static/projector.css").text, client.get("/static/projector.js").text
    assert view["layout"] == "reveal" and view["message"]
    assert not view["paused"] and view["clock_left"] is None
    assert 'id="paused" hidden' in html
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        try:
            for width, height in ((1920, 1080), (1280, 560)):
                page = browser.new_page(viewport={"width": width, "height": height})
                _offline_projector(page, html, css, js, view)
                page.wait_for_function("() => document.querySelectorAll('#hidden thead th.team.fitted').length > 0")
                assert page.locator("#paused").is_hidden() and page.locator("#clock").is_hidden()
                seen = []
                for k in range(12):
                    note = page.inner_text("#page") if page.is_visible("#page") else ""
                    shape = (page.locator("#hidden thead th.team").count(), page.locator("#hidden tbody tr").count())
                    if (note, shape) in seen:
                        break
                    seen.append((note, shape))
                    page.screenshot(path=str(tmp_path / f"paused-reveal-{width}x{height}-{k}.png"))
                    page.keyboard.press("ArrowRight")
                    page.wait_for_timeout(100)
                teams = [t for _, (t, _) in seen]
                rows = [r for _, (_, r) in seen]
                assert max(teams) - min(teams) <= 1 and max(rows) - min(rows) <= 1, seen
                if height == 560:
                    assert len(set(n for n, _ in seen)) > 1 and "drivers 1-" in seen[0][0], seen  # rows paged
                page.close()
        finally:
            browser.close()
