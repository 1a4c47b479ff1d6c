"""Which room `leadsim serve` opens (s6 trainer finding 3): a new workshop file is a new room, the same file
again resumes its room (also after kill -9), an ended room says so on start with how to start afresh
(`--fresh` keeps the old room aside), and one room is never served by two processes at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from game.commands.serve import db_path_for
from game.web import roomfile
from game.workshop.files import WorkshopError, create, read_workshop, write_workshop

from .webkit import TOKEN, join_code, kill_9, running_server, start_server, stop_server

REPO = Path(__file__).resolve().parents[2]


def _new_file(folder: Path, name: str = "Leadership day", seed: int = 42) -> Path:
    """What `leadsim workshop new` writes (the same call), into its own folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "day.json"
    write_workshop(create("tutorial", seed, name, "standard", None), path)
    return path


def _serve(path: Path, home: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "game", "serve", str(path), "--port", "0", *extra], env=env,
                          capture_output=True, text=True, timeout=timeout)


def _head(proc) -> str:
    return "".join(proc.head)


def _end(base: str) -> None:
    r = httpx.post(base + "/console/end", data={"confirm": "end", "unfinished": "1"}, timeout=10,
                   headers={"Accept": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text


def _join(base: str, name: str) -> str:
    r = httpx.post(base + "/api/join", json={"team": name, "code": join_code(base)}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()["token"]


def test_each_new_file_is_its_own_room_and_the_same_file_keeps_its_room(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    week1 = read_workshop(_new_file(tmp_path / "week1"))
    week2 = read_workshop(_new_file(tmp_path / "week2"))  # same name, scenario and seed: next week's group
    assert week1.room and week2.room and week1.room != week2.room
    assert db_path_for(week1) != db_path_for(week2)
    assert db_path_for(read_workshop(week1.path)) == db_path_for(week1)  # served again: the same room
    # A file from before the identity keeps its old room (name, scenario, seed), so it still resumes.
    data = json.loads(week1.path.read_text())
    del data["room"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    assert db_path_for(read_workshop(old)).name == f"leadership-day-{week1.scenario_sha256[:8]}-seed42.sqlite3"


@pytest.mark.parametrize("bad", ["../../x", "ABC", "12", 12, "", "33a2d3d25ccf\n", "33a2d3d25ccf\r\n", "a" * 33,
                                 "a" * 1_000_000, ["33a2d3d25ccf"], {"id": "33a2d3d25ccf"}, True])
def test_a_damaged_room_id_is_refused_with_what_to_do(tmp_path, bad):
    path = _new_file(tmp_path)
    data = json.loads(path.read_text())
    data["room"] = bad
    path.write_text(json.dumps(data))
    with pytest.raises(WorkshopError, match="'room' must be the 8 to 32 hex digits .*workshop new"):
        read_workshop(path)


def test_sigkill_then_the_same_command_resumes_the_room(tmp_path):
    """kill -9 leaves the lock file behind, unlocked: the restart takes it and says it resumes, with the team."""
    path = _new_file(tmp_path / "ws")
    home = tmp_path / "home"
    proc, base = start_server(path, home)
    try:
        assert "a new room, no team yet" in _head(proc)
        token = _join(base, "North")
        kill_9(proc)
    finally:
        stop_server(proc)
    with running_server(path, home) as (proc, base):
        assert "Resuming the workshop 'Leadership day'" in _head(proc) and "1 team so far" in _head(proc)
        assert "ENDED" not in _head(proc)
        state = httpx.get(base + "/api/state", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert state.status_code == 200 and state.json()["turn"] == 1


def test_a_second_server_of_the_same_room_is_refused_in_one_line(tmp_path):
    path = _new_file(tmp_path / "ws")
    home = tmp_path / "home"
    with running_server(path, home) as (proc, base):
        second = _serve(path, home)
        assert second.returncode == 2, second.stdout + second.stderr
        assert second.stdout == ""
        line, = second.stderr.strip().splitlines()
        assert "the workshop 'Leadership day' is already being served on this computer" in line
        assert f"at {base}/ (process {proc.pid})" in line
        # another workshop file (a new room) may be served beside it
        other = _new_file(tmp_path / "other")
        with running_server(other, home) as (beside, _):
            assert "a new room, no team yet" in _head(beside)
    # once the first has stopped, the room can be served again
    with running_server(path, home) as (proc, _):
        assert "Resuming" not in _head(proc) and "a new room, no team yet" in _head(proc)


def test_an_ended_room_says_so_and_fresh_keeps_it_aside(tmp_path):
    _ended_then_fresh(tmp_path)


def _ended_then_fresh(tmp_path):
    """A room that ended, then --fresh: (the workshop file, LEADSIM_HOME, the kept database, --fresh's lines)."""
    path = _new_file(tmp_path / "ws")
    home = tmp_path / "home"
    with running_server(path, home) as (proc, base):
        _join(base, "North")
        _end(base)
    with running_server(path, home) as (proc, base):
        head = _head(proc)
        assert "This workshop has ENDED on " in head and "with 1 team: this is that room again" in head
        assert f"leadsim serve {path} --fresh" in head
        assert "█" not in head  # no QR code to join a room nobody can join
        # nor its link and code (trainer s7 rehearsal 4, finding 12): one line says why
        assert "Participants open" not in head and "Workshop code:" not in head, head
        assert "No join link or code: nobody can join an ended room." in head
    with running_server(path, home, extra=("--fresh",)) as (proc, base):
        head = _head(proc)
        assert "in a fresh room" in head and "nothing was deleted" in head
        kept = Path(head.split("is kept in ")[1].split(",")[0])
        assert kept.name.startswith("leadership-day-room-") and "-kept-" in kept.name
        assert (kept.parent / (kept.stem + "-debrief")).is_dir()  # the ended room's debrief went with it
        assert roomfile.earlier_room(kept).teams == 1 and roomfile.earlier_room(kept).ended
        assert httpx.post(base + "/api/join", json={"team": "North", "code": join_code(base)},
                          timeout=10).status_code == 201  # a new room: the name is free, joining is open
    with running_server(path, home) as (proc, _):
        assert "Resuming the workshop 'Leadership day' (tutorial, seed 42, standard): 1 team so far" in _head(proc)
    return path, home, kept, head


def test_a_room_kept_aside_by_fresh_is_served_again_by_the_command_its_message_names(tmp_path):
    """--fresh kept last week's room aside, and no command served it again (the database opened by hand): its
    message names `serve FILE --kept PATH`, which serves that room as it was, ended, with its team."""
    path, home, kept, head = _ended_then_fresh(tmp_path)
    command = head.split("To serve it again: ")[1].splitlines()[0]
    assert command == f"leadsim serve {path} --kept {kept}"
    with running_server(path, home, extra=("--kept", str(kept))) as (proc, base):
        head = _head(proc)
        assert f"Serving the room kept aside in {kept}" in head and "This workshop has ENDED" in head
        assert f"For a new group, stop this (Ctrl+C) and run: leadsim serve {path} --fresh " in head  # not --kept
        rows = httpx.get(base + "/console/teams", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).json()
        assert [r["team"] for r in rows["teams"]] == ["North"]
    # the file's current room is untouched: it still holds the fresh room's North, not ended
    assert roomfile.earlier_room(kept).ended and not roomfile.earlier_room(db_path_for_file(path, home)).ended


def db_path_for_file(path, home):
    old = os.environ.get("LEADSIM_HOME")
    os.environ["LEADSIM_HOME"] = str(home)
    try:
        return db_path_for(read_workshop(path))
    finally:
        if old is None:
            del os.environ["LEADSIM_HOME"]
        else:
            os.environ["LEADSIM_HOME"] = old


@pytest.mark.parametrize("kept, says", [
    ("nosuch.sqlite3", "--kept: no such file"),
    ("notaroom.sqlite3", "is not a room of `leadsim serve`"),
    ("otherroom", "holds the games of another workshop"),
])
def test_a_wrong_kept_room_is_refused_in_one_line(tmp_path, kept, says):
    import sqlite3

    path = _new_file(tmp_path / "ws")
    home = tmp_path / "home"
    target = tmp_path / kept
    if kept == "notaroom.sqlite3":
        sqlite3.connect(target).execute("CREATE TABLE t (x)").connection.commit()
        before = target.read_bytes()
    if kept == "otherroom":
        other = _new_file(tmp_path / "other")
        with running_server(other, home) as (_proc, base):
            _join(base, "South")
        target = db_path_for_file(other, home)
    env = {**os.environ, "LEADSIM_HOME": str(home), "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "game", "serve", str(path), "--port", "0", "--kept", str(target)],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode != 0 and says in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    if kept == "notaroom.sqlite3":
        assert target.read_bytes() == before  # never written to


def test_the_old_files_room_resumes_and_tells_that_it_ended(tmp_path):
    """The rehearsal's case: a file from before the room id, written again with the same name and seed,
    lands in the ended room; the start says so and names --fresh."""
    path = _new_file(tmp_path / "ws")
    data = json.loads(path.read_text())
    del data["room"]
    path.write_text(json.dumps(data))
    home = tmp_path / "home"
    with running_server(path, home) as (proc, base):
        _end(base)
    again = tmp_path / "again" / "day2.json"
    again.parent.mkdir()
    again.write_text(json.dumps(data))
    with running_server(again, home) as (proc, _):
        assert "This workshop has ENDED" in _head(proc) and f"leadsim serve {again} --fresh" in _head(proc)


def test_a_typo_in_the_workshop_file_lists_the_workshop_files_there(tmp_path):
    """Trainer s7 rehearsal 4, finding 12: `serve taster.jsn` said only 'no such workshop file'. It names the
    likeliest workshop file and lists those there (a .json that is no workshop file is not one of them)."""
    path = _new_file(tmp_path / "ws")
    path.rename(path.with_name("taster.json"))
    _new_file(tmp_path / "ws", name="Day two")  # day.json
    (tmp_path / "ws" / "notes.json").write_text('{"not": "a workshop"}', encoding="utf-8")
    done = _serve(tmp_path / "ws" / "taster.jsn", tmp_path / "home")
    assert done.returncode == 2 and done.stdout == "", done
    line, = done.stderr.strip().splitlines()
    assert line.endswith(": no such workshop file; did you mean taster.json? (workshop files in "
                         f"{tmp_path / 'ws'}: day.json, taster.json)"), line
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _serve(empty / "day.json", tmp_path / "home")
    assert done.returncode == 2 and "no such workshop file (no workshop file in " in done.stderr, done.stderr
