"""A bot program that joins through the API says so, and every screen marks its team as a bot (trainer s6,
finding 8: two `simulate --server` bots were never marked "(bot)", and the projector's final screen counted
one of them as people in "best team of people").
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from game.views.standings import BOT_MARK
from game.web import pacing
from game.web.console import team_rows
from game.web.projector import projector_view

from .webkit import TOKEN, bearer, join, join_code, make_client, play_api, running_server, start_play

FACILITATOR = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


def _bot_join(client, name: str, bot) -> httpx.Response:
    r = client.post("/api/join", json={"team": name, "code": client.app.state.games.join_code, "bot": bot})
    client.cookies.clear()
    return r


def test_a_bot_that_says_so_is_marked_everywhere_and_never_the_best_team_of_people(tmp_path, ws):
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        r = _bot_join(client, "Bot Lions", "adaptive")
        assert r.status_code == 201, r.text
        lions = r.json()
        people = {"Ravens and Co": "balanced", "Otters": "management"}
        tokens = {name: join(client, name)["token"] for name in people}
        scores = {"Bot Lions": play_api(client, lions["token"], ws, "adaptive").score()}
        scores |= {name: play_api(client, tokens[name], ws, policy).score() for name, policy in people.items()}
        assert max(scores, key=scores.get) == "Bot Lions"  # the bot is first: the room's hero must be people
        assert games.store.teams()[0].policy is None  # the server does not play it: the program does

        class Req:  # the console's rows as its page and stream make them
            app = client.app
        rows = {r["team"]: r for r in team_rows(Req())}
        assert rows["Bot Lions"]["mark"] == BOT_MARK and rows["Bot Lions"]["bot"] == "adaptive"
        assert rows["Ravens and Co"]["mark"] == "" and rows["Otters"]["mark"] == ""
        # the program decided every turn it played: not 'By bot 0' beside '(bot)' (trainer s7 finding 14)
        assert rows["Bot Lions"]["bot_turns"] == rows["Bot Lions"]["turn"] == 12
        assert rows["Ravens and Co"]["bot_turns"] == 0 and rows["Otters"]["bot_turns"] == 0
        page = client.get("/console", headers={"Authorization": f"Bearer {TOKEN}"}).text
        assert f'Bot Lions</a> <span class="bot">{BOT_MARK}</span>' in page

        pacing.end_workshop(games)
        view = projector_view(client.app)
        client.app.state.debrief.stop()
        marks = {row["team"]: row["mark"] for row in view["rows"]}
        assert marks == {"Bot Lions": BOT_MARK, "Ravens and Co": "", "Otters": ""}
        assert view["rows"][0]["team"] == "Bot Lions"
        assert view["winner"]["lead"] == "Best team of people: "
        best = max(people, key=scores.get)
        assert [n["name"] for n in view["winner"]["names"]] == [best]

        exported = client.get("/console/games", headers=FACILITATOR).json()["results"]
        assert {e["team"]: e["policy"] for e in exported}["Bot Lions"] == "adaptive"  # the debrief marks it too
        assert {e["team"]: e["policy"] for e in exported}["Otters"] is None


@pytest.mark.parametrize("bot", [5, True, "", "x" * 41, "<b>", "Adaptive", "adaptive\n", ["adaptive"]])
def test_a_bot_field_that_is_not_a_bots_name_is_refused_in_one_line(tmp_path, ws, bot):
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        r = _bot_join(client, "Robo", bot)
        assert r.status_code == 400 and "\n" not in r.json()["error"] and "bot" in r.json()["error"], r.text
        assert client.app.state.games.store.teams() == []


def test_simulate_server_joins_as_a_bot_and_the_console_marks_it(tmp_path, ws):
    """The real command, against a real server: `leadsim simulate --server` tells the server it is a bot."""
    with running_server(ws.path, tmp_path / "home") as (_proc, base):
        code = join_code(base)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        bot = subprocess.Popen([sys.executable, "-m", "game", "simulate", "--server", f"{base}/?code={code}",
                                "--team", "Bot Herons", "--policy", "leadership"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:  # the room has not started: the bot joins, says it waits for the start, and plays once started
            said = []
            for line in bot.stderr:
                said.append(line)
                if "start play" in line:
                    break
            assert said and "waiting for the facilitator to start play" in said[-1], said
            time.sleep(1.5)  # waiting, not failing: it is still there and has decided nothing
            assert bot.poll() is None
            assert httpx.get(base + "/console/teams", headers=bearer(TOKEN), timeout=10).json()["teams"][0]["turn"] == 0
            start_play(base)
            out, err = bot.communicate(timeout=180)
        finally:
            if bot.poll() is None:
                bot.kill()
        assert bot.returncode == 0, err
        assert "score" in out and "waiting for the facilitator" not in err  # said once, at the start of the wait
        httpx.post(base + "/api/join", json={"team": "Falcons", "code": code}, timeout=10)
        rows = httpx.get(base + "/console/teams", headers=bearer(TOKEN), timeout=10).json()["teams"]
        assert {r["team"]: r["mark"] for r in rows} == {"Bot Herons": BOT_MARK, "Falcons": ""}
        page = httpx.get(base + "/console", headers=bearer(TOKEN), timeout=10).text
        assert f'Bot Herons</a> <span class="bot">{BOT_MARK}</span>' in page


def test_a_database_of_the_previous_version_gets_the_column_and_keeps_its_teams(tmp_path):
    """A room served before this change resumes: its teams read back as they were, none of them a bot program."""
    import sqlite3

    from game.web.store import SCHEMA, Store

    old = "\n".join(line for line in SCHEMA.splitlines() if "client_bot" not in line).replace(
        "removed_at REAL,", "removed_at REAL")
    assert "client_bot" not in old
    db = sqlite3.connect(tmp_path / "games.sqlite3")
    db.executescript(old)
    db.execute("INSERT INTO teams (name, name_key, scenario, scenario_sha256, seed, difficulty, rejoin_code, "
               "joined_at, seen_at, policy) VALUES ('Amber', 'amber', 'tutorial', 'x', 1, 'standard', 'ABCDEFGH', 1, 1, NULL)")
    db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '2')")
    db.commit()
    db.close()
    store = Store(tmp_path / "games.sqlite3")
    [amber] = store.teams()
    assert amber.name == "Amber" and amber.client_bot is None and amber.bot is None
    team, _token = store.add_team("Bot Herons", "tutorial", "x", 1, "standard", client_bot="leadership")
    assert team.bot == "leadership" and team.policy is None
    store.close()


def test_at_free_pace_a_bot_team_keeps_level_with_the_people_not_with_a_bot_program(tmp_path, ws):
    """The console's bot team followed a `simulate --server` bot to turn 12 while the one team of people was on
    turn 5: it keeps level with the team of people in front, as it does when no bot program is in the room."""
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        games = client.app.state.games
        games.join("Bot Table 5", policy="adaptive")
        falcons = join(client, "Falcons")
        lions = _bot_join(client, "Bot Lions", "balanced").json()
        play_api(client, lions["token"], ws, "balanced")
        play_api(client, falcons["token"], ws, "balanced", turns=2)
        for _ in range(15):
            pacing.sweep(games)
        turns = {t.name: games.session(t).turn for t in games.store.teams()}
        assert turns["Bot Table 5"] == turns["Falcons"] == 2 and turns["Bot Lions"] == games.turns, turns
