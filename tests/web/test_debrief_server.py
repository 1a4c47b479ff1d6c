"""The debrief from the server: uploads of desktop results (good and hostile), and the report built from the
server's own games equals what `leadsim debrief` builds from the same games' result files."""

from __future__ import annotations


import json
import re
from pathlib import Path

from game.autoplay import bot_decision
from game.workshop.files import result_of, write_result
from game.web.debrief import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES

from .webkit import TOKEN, bearer, join, make_client, mirror, play_api

FACILITATOR = bearer(TOKEN)


def desktop_result(ws, team: str, policy: str = "balanced", turns: int | None = None) -> dict:
    """A desktop participant's result file: the same workshop played offline."""
    s = mirror(ws)
    while not s.done and (turns is None or s.turn < turns):
        s.decide(bot_decision(s, policy))
    return result_of(s, ws, team)


def upload(client, *files, headers=FACILITATOR):
    return client.post("/console/debrief/upload", headers={**headers, "Accept": "application/json"},
                       files=[("result", f) for f in files])


def as_file(name: str, data) -> tuple:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return (name, body, "application/json")


def test_a_good_desktop_result_is_verified_and_kept_across_a_restart(tmp_path, ws):
    db = tmp_path / "games.sqlite3"
    good = desktop_result(ws, "Desk Team")
    with make_client(db, ws) as client:
        r = upload(client, as_file("desk.json", good))
        assert r.status_code == 200, r.text
        [said] = r.json()["files"]
        assert said["ok"] and said["text"].startswith("verified: team Desk Team, score ")
        again = upload(client, as_file("copy of desk.json", good))
        assert again.status_code == 422 and "uploaded already" in again.json()["files"][0]["text"]
    with make_client(db, ws) as client:  # the store keeps it: a restart loses no upload
        page = client.get("/console", headers=FACILITATOR).text
        assert "Desk Team" in page and "desk.json" in page
        assert [u.team for u in client.app.state.debrief.uploads()] == ["Desk Team"]


def test_hostile_uploads_are_refused_one_line_each_and_nothing_is_kept(client, ws, leadsim_home, tmp_path):
    good = desktop_result(ws, "Desk Team")
    tampered = {**good, "score": good["score"] + 50}
    other_seed = desktop_result(ws, "Seeds")
    other_seed["seed"] = ws.seed + 1
    cases = {
        "../../../etc/passwd": b"root:x:0:0",
        "broken.json": b"{\"format\": \"leadsim-result\", ",
        "deep.json": b"[" * 100_000,
        "tampered.json": tampered,
        "seed.json": other_seed,
        "markup <b>x</b>.json": {**good, "team": "<script>alert(1)</script>"},
        "nan.json": json.dumps(good).replace(f'"score": {json.dumps(good["score"])}', '"score": NaN').encode(),
        "huge.json": b" " * (MAX_UPLOAD_BYTES + 1),
    }
    before = {p for p in leadsim_home.rglob("*")} | {p for p in tmp_path.rglob("*")}
    r = upload(client, *(as_file(name, data) for name, data in cases.items()))
    assert r.status_code == 422
    said = {f["file"]: f for f in r.json()["files"]}
    assert len(said) == len(cases) and not any(f["ok"] for f in said.values())
    for f in said.values():
        assert "\n" not in f["text"] and "Traceback" not in f["text"] and str(tmp_path) not in f["text"], f
    assert "claims a score" in said["tampered.json"]["text"]
    assert "seed" in said["seed.json"]["text"]
    assert "larger than" in said["huge.json"]["text"]
    assert client.app.state.debrief.uploads() == []
    after = {p for p in leadsim_home.rglob("*")} | {p for p in tmp_path.rglob("*")}
    new = after - before
    assert all(p.is_dir() and p.is_relative_to(tmp_path / "games-debrief") for p in new), new  # no file is left
    page = client.post("/console/debrief/upload", headers=FACILITATOR,
                       files=[("result", as_file("<img src=x onerror=alert(1)>.json", b"{}"))]).text
    assert "<img src=x" not in page and "&lt;img src=x" in page  # the name the browser sent is only text


def test_uploads_are_bounded_before_they_are_read(client, ws):
    good = as_file("desk.json", desktop_result(ws, "Desk Team"))
    r = upload(client, *([good] * (MAX_UPLOAD_FILES + 1)))
    assert r.status_code == 400 and "too many files" in r.text.lower()
    big = client.post("/console/debrief/upload", headers={**FACILITATOR, "Content-Type": "multipart/form-data; boundary=x",
                                                          "Content-Length": str(9_000_000)}, content=b"--x--")
    assert big.status_code == 413
    assert client.post("/api/decide", content=b"x" * 20_000).status_code == 413  # other routes keep 16 kB
    assert client.app.state.debrief.uploads() == []


def test_only_the_facilitator_uploads_builds_and_reads_the_debrief(client, ws):
    team = join(client, "Alpha")
    good = as_file("desk.json", desktop_result(ws, "Desk Team"))
    for headers in ({}, bearer(team["token"]), bearer("wrong-token-wrong-token")):
        assert upload(client, good, headers=headers).status_code == 401
        assert client.post("/console/debrief/build", headers=headers, data={"kind": "report"}).status_code == 401
        for path in ("/console/debrief/status", "/console/debrief/files/report.html", "/console/debrief/debrief.zip"):
            assert client.get(path, headers=headers).status_code == 401, path
    assert client.app.state.debrief.uploads() == [] and not client.app.state.debrief.building()
    assert client.get("/console/debrief/files/..%2Fgames.sqlite3", headers=FACILITATOR).status_code == 404
    assert client.get("/console/debrief/files/secret.txt", headers=FACILITATOR).status_code == 404


def test_an_upload_cannot_take_a_server_teams_name(client, ws):
    join(client, "Alpha")
    r = upload(client, as_file("alpha.json", desktop_result(ws, "alpha")))
    assert r.status_code == 422 and "plays on this server too" in r.json()["files"][0]["text"]


def test_the_debrief_from_the_server_equals_leadsim_debrief_of_the_same_games(tmp_path, ws, capsys):
    from game.cli import main

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        for name, policy in (("Alpha", "adaptive"), ("Bravo", "leadership"), ("Charlie", "management")):
            play_api(client, join(client, name)["token"], ws, policy)
        desk = desktop_result(ws, "Desk Team", "balanced")
        assert upload(client, as_file("desk.json", desk)).status_code == 200
        r = client.post("/console/debrief/build", headers={**FACILITATOR, "Accept": "application/json"},
                        data={"kind": "report"})
        assert r.status_code == 202, r.text
        debrief = client.app.state.debrief
        debrief.wait(600)
        status = client.get("/console/debrief/status", headers=FACILITATOR).json()
        assert status["ready"] and status["verified"] == 4 and status["rejected"] == [], status
        served = {name: client.get(f"/console/debrief/files/{name}", headers=FACILITATOR)
                  for name in ("report.html", "turns.csv")}
        assert all(r.status_code == 200 for r in served.values())
        assert "script-src" not in served["report.html"].headers["content-security-policy"]
        console = client.get("/console", headers=FACILITATOR).text
        assert "/console/debrief/files/report.html" in console and "debrief.zip" in console
        exported = client.get("/console/games", headers=FACILITATOR).json()["results"]
    # the same games as result files, handed to `leadsim debrief` as a facilitator would
    hand_in = tmp_path / "hand-in"
    files = [write_result(r, hand_in / f"{r['team']}.json") for r in exported]
    by_server = [arg for f in files for arg in ("--served", str(f))]  # the server wrote them: played in the browser
    files.append(write_result(desk, hand_in / "desk.json"))
    out = tmp_path / "by-hand"
    code = main(["debrief", *map(str, files), *by_server, "--workshop", str(ws.path), "--out", str(out)])
    capsys.readouterr()
    assert code == 0
    for name in ("turns.csv", "report.html", "slides.html"):
        assert (debrief.report_dir / name).read_bytes() == (out / name).read_bytes(), name
    assert served["turns.csv"].content == (out / "turns.csv").read_bytes()
    for team in ("Alpha", "Bravo", "Charlie", "Desk Team"):
        assert team in served["report.html"].text
    assert debrief.report_names() == sorted(p.name for p in out.iterdir())  # every chart too
    import io
    import zipfile

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        zipped = zipfile.ZipFile(io.BytesIO(client.get("/console/debrief/debrief.zip", headers=FACILITATOR).content))
        assert sorted(zipped.namelist()) == sorted(f"debrief/{p.name}" for p in out.iterdir())
        svg = next(n for n in debrief.report_names() if n.endswith(".svg"))
        r = client.get(f"/console/debrief/files/{svg}", headers=FACILITATOR)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")


def test_the_same_bot_at_two_empty_tables_is_not_held_back_as_a_copy(tmp_path, ws):
    """Bots are deterministic: two tables filled by the same bot play the same game, and both count."""
    from game.workshop.verify import verify_all

    bots = [write_result(desktop_result(ws, name, "adaptive") | {"policy": "adaptive"}, tmp_path / f"{name}.json")
            for name in ("Bot One", "Bot Two")]
    person = write_result(desktop_result(ws, "Copycat", "adaptive"), tmp_path / "copycat.json")
    accepted, rejected = verify_all(bots, ws)
    assert [v.team for v in accepted] == ["Bot One", "Bot Two"] and not rejected
    accepted, rejected = verify_all([*bots, person], ws)  # a person's copy of the bot's game is still held
    assert not accepted and {r.team for r in rejected} == {"Bot One", "Bot Two", "Copycat"}


def test_two_tables_that_played_alike_on_the_server_both_count(tmp_path, ws):
    """One seed for the room: two teams deciding alike (or two absent tables timed out every turn)
    play the same game. The server played both, so the debrief holds neither back (a trainer's
    browser room ended with nobody in its report)."""
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        for name in ("Alpha", "Bravo"):
            play_api(client, join(client, name)["token"], ws, "adaptive")
        r = client.post("/console/debrief/build", headers={**FACILITATOR, "Accept": "application/json"},
                        data={"kind": "report"})
        assert r.status_code == 202, r.text
        client.app.state.debrief.wait(600)
        status = client.get("/console/debrief/status", headers=FACILITATOR).json()
        assert status["ready"] and status["verified"] == 2 and status["rejected"] == [], status


def _section(html: str, heading: str) -> str:
    """From a heading (h2, or h3 inside the report's first section) to the next heading of any level."""
    start = re.search(rf"<h[23]>{re.escape(heading)}</h[23]>", html).start()
    end = re.compile(r"<h[23][ >]").search(html, start + 5)
    return html[start:end.start() if end else None]


def test_ending_mid_game_ranks_the_finished_games_and_lists_the_unfinished_ones(tmp_path, ws):
    """The facilitator ends while a team is still playing: told first, then the report ranks only the
    finished games and lists the unfinished ones with the turn they reached (never dropped, never a fake end)."""
    turns = mirror(ws).scenario.turns
    with make_client(tmp_path / "games.sqlite3", ws) as client:
        play_api(client, join(client, "Alpha")["token"], ws, "adaptive")
        bravo = play_api(client, join(client, "Bravo")["token"], ws, "leadership", turns=3)
        join(client, "Charlie")  # joins and never decides
        half = desktop_result(ws, "Desk Half", "balanced", turns=2)  # a desktop file stopped early, uploaded
        said = upload(client, as_file("half.json", half)).json()["files"][0]
        assert said["ok"] and "not finished (stopped after turn 2 of" in said["text"] and "not ranked" in said["text"]
        end = {**FACILITATOR, "Accept": "application/json"}
        r = client.post("/console/end", headers=end, data={"confirm": "end"})
        assert r.status_code == 409 and r.json()["error"].startswith(
            f"2 teams have not finished: Bravo (turn 3 of {turns}), Charlie (never played)")
        r = client.post("/console/end", headers=end, data={"confirm": "end", "unfinished": "2"})
        assert r.status_code == 200 and r.json()["room"]["ended"]
        page = client.get("/console", headers=FACILITATOR).text
        assert "the debrief is next" in page and f"not finished: Bravo (turn 3 of {turns})" in page
        for gone in ("/console/pause", "/console/clock", "/console/round", "/console/bot-team", "/console/end",
                     'value="stand-in"', 'value="bot-turn"', "room-clock\" class=\"clock\" data-left=\"1"):
            assert gone not in page, gone  # no play controls once play is over
        debrief = client.app.state.debrief
        debrief.wait(600)  # the end started the build
        status = client.get("/console/debrief/status", headers=FACILITATOR).json()
        assert (status["verified"], status["unfinished"], status["never_played"], status["rejected"]) == (1, 2, 1, []), status
        html = client.get("/console/debrief/files/report.html", headers=FACILITATOR).text
        said = status["line"].removeprefix("The debrief is ready: ")  # the report's own opening words, not a count of its own
        assert said != status["line"] and said.startswith("3 teams played; the 1 that finished") and said in html
        csv = client.get("/console/debrief/files/turns.csv", headers=FACILITATOR).text
    board, stopped = _section(html, "Leaderboard"), _section(html, "Not finished when the workshop ended")
    assert "Alpha" in board and "Bravo" not in board and "Desk Half" not in board
    rows = [row for row in stopped.split("<tr")[2:]]
    assert "Bravo" in rows[0] and f"turn 3 of {turns}" in rows[0] and f"{bravo.score():.1f}" in rows[0]
    assert "Desk Half" in rows[1] and f"turn 2 of {turns}" in rows[1] and "(not final)" in rows[1]
    assert (f"3 teams played; the 1 that finished is ranked and discussed here (not finished: Bravo, turn 3 of {turns}; "
            f"Desk Half, turn 2 of {turns}). 1 more joined and never played. ") in html
    never = _section(html, "Joined, never played")
    assert "Charlie" in never and "Charlie" not in board and "Charlie" not in stopped  # listed, never ranked
    assert not any(line.startswith("Charlie,") for line in csv.splitlines())
    assert sum(1 for line in csv.splitlines() if line.startswith("Bravo,")) == 4  # its start and 3 turns


def test_a_debrief_rebuilt_from_the_servers_stored_results_tells_browser_teams_what_the_console_does(
        tmp_path, ws, capsys):
    """Trainer s7 3, finding 8: `leadsim debrief .../results/*.json --workshop FILE --minutes 45` (no --served:
    the trainer does not know of it) told browser players to run `leadsim review YOUR-RESULT-FILE`. The files
    the server stores say where their teams played, so the rebuild says what the console's debrief says, word
    for word; a desktop team's uploaded file does not, and keeps the command."""
    from game.cli import main
    from game.workshop.room_prompts import REVIEW_COMMAND

    with make_client(tmp_path / "games.sqlite3", ws) as client:
        for name, policy in (("Alpha", "adaptive"), ("Bravo", "leadership"), ("Charlie", "management")):
            play_api(client, join(client, name)["token"], ws, policy)
        r = client.post("/console/debrief/build", headers={**FACILITATOR, "Accept": "application/json"},
                        data={"kind": "report"})
        assert r.status_code == 202, r.text
        debrief = client.app.state.debrief
        debrief.wait(600)
        stored = sorted((debrief.folder / "results").glob("*.json"))
        console_slides = (debrief.report_dir / "slides.html").read_text(encoding="utf-8")
    assert [json.loads(p.read_text())["played_in"] for p in stored] == ["browser"] * 3
    assert "In the browser there is no turn review" in console_slides and REVIEW_COMMAND not in console_slides
    again = tmp_path / "again"
    assert main(["debrief", *map(str, stored), "--workshop", str(ws.path), "--out", str(again)]) == 0
    assert (again / "slides.html").read_text(encoding="utf-8") == console_slides
    longer = tmp_path / "longer"
    assert main(["debrief", *map(str, stored), "--workshop", str(ws.path), "--minutes", "45", "--out", str(longer)]) == 0
    for name in ("slides.html", "report.html"):
        text = (longer / name).read_text(encoding="utf-8")
        assert REVIEW_COMMAND not in text and "In the browser there is no turn review" in text, name
    desk = [write_result(desktop_result(ws, name, policy), tmp_path / f"{name}.json")
            for name, policy in (("Desk A", "management"), ("Desk B", "leadership"))]
    assert main(["debrief", *map(str, desk), "--workshop", str(ws.path), "--out", str(tmp_path / "desk")]) == 0
    capsys.readouterr()
    assert REVIEW_COMMAND in (tmp_path / "desk" / "slides.html").read_text(encoding="utf-8")


def test_a_results_played_in_is_checked_as_hostile_input(ws):
    from game.workshop.files import WorkshopError, check_result

    good = desktop_result(ws, "Desk Team")
    assert check_result({**good, "played_in": "browser"})["played_in"] == "browser"
    for bad in ("laptop", 1, ["browser"], "browser\n"):
        try:
            check_result({**good, "played_in": bad})
        except WorkshopError as exc:
            assert "'played_in' must be browser" in str(exc) and "\n" not in str(exc)
        else:
            raise AssertionError(f"played_in {bad!r} was accepted")


def test_the_command_lines_verified_lines_mark_a_bot_team(tmp_path, ws, capsys):
    """Trainer s7 rehearsal 4, finding 11: 'verified: team Robo Table' with no mark, where every other screen
    says 'Robo Table (bot)'; a team of people keeps its name alone."""
    from game.cli import main

    files = [write_result(desktop_result(ws, "Robo Table", "adaptive") | {"policy": "adaptive"}, tmp_path / "robo.json"),
             write_result(desktop_result(ws, "Cara Team", "balanced"), tmp_path / "cara.json")]
    assert main(["debrief", *map(str, files), "--workshop", str(ws.path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"robo\.json: verified: team Robo Table \(bot\), score ", out), out
    assert re.search(r"cara\.json: verified: team Cara Team, score ", out), out
