"""The room's database file as `leadsim serve` finds it on start: served by another process, an earlier room, kept aside.

Why this exists: the rehearsal of s6 served two workshops on one database without a word (the same file twice
on two ports; a new file of the same name and seed, which then resumed last week's ended room). Now

* one `leadsim serve` at a time holds a room: `claim` takes the OS lock of saves (flock, msvcrt) on a lock
  file beside the database, which the OS drops however the process ends (a `kill -9` leaves no stale lock:
  the next start simply takes it), and `note_serving` writes where it serves, so the second start can say
  where the room already is;
* `earlier_room` reads what a database already holds (teams, ended, when) without writing to it, for the
  start's first line ("resuming ... it ended on ...");
* `keep_aside` moves an earlier room's files (the database with its WAL, its debrief folder) to names of
  their own, for `serve --fresh`: a fresh room, and nothing the facilitator had is deleted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .. import saves

SIDE_FILES = ("-wal", "-shm")  # SQLite's write-ahead log and its index beside a database in WAL mode


@dataclass(frozen=True)
class EarlierRoom:
    teams: int
    ended: bool
    ended_at: float | None
    started_at: float | None  # when the first team joined (None: nobody joined yet)
    decisions: int


def claim(db: Path):
    """This process's hold on the room of `db`: a lock to keep while serving, None when another process holds
    it (True where the OS has no lock: then nothing is refused, as before)."""
    return saves._claim(Path(db))


def release(lock) -> None:
    saves._release(lock)


def _note_file(db: Path) -> Path:
    db = Path(db)
    return db.parent / f".{db.name}.serving"


def note_serving(db: Path, url: str) -> None:
    """Where this process serves the room (read only by a second start while the lock is held)."""
    try:
        _note_file(db).write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    except OSError:
        pass  # the note only improves a message


def serving_note(db: Path) -> tuple[str | None, int | None]:
    """(address, process id) the running server noted, or Nones when it wrote none (or it is damaged)."""
    try:
        data = json.loads(_note_file(db).read_text(encoding="utf-8")[:2000])
        url, pid = data.get("url"), data.get("pid")
        return (url if isinstance(url, str) and url.startswith("http") and len(url) < 300 else None,
                pid if type(pid) is int and pid > 0 else None)
    except (OSError, ValueError, AttributeError):
        return None, None


def earlier_room(db: Path) -> EarlierRoom | None:
    """What the database at `db` holds, read without writing (None: no such file, or no room in it yet)."""
    db = Path(db)
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        teams, started = con.execute("SELECT COUNT(*), MIN(joined_at) FROM teams WHERE removed_at IS NULL").fetchone()
        decisions = con.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
        row = con.execute("SELECT value FROM meta WHERE key = 'room'").fetchone()
    except sqlite3.Error:
        return None  # an empty or foreign file: the store says what is wrong with it when it opens
    finally:
        con.close()
    try:
        room = json.loads(row[0]) if row else {}
        ended, ended_at = bool(room.get("ended", False)), room.get("ended_at")
        ended_at = float(ended_at) if isinstance(ended_at, (int, float)) else None
    except (ValueError, AttributeError, TypeError):
        ended, ended_at = False, None
    return EarlierRoom(int(teams), ended, ended_at, float(started) if started is not None else None, int(decisions))


def kept_name(db: Path, now: float | None = None) -> Path:
    """Where keep_aside puts the room of `db`: the same folder, its name with the time it was set aside."""
    db = Path(db)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    dest, n = db.with_name(f"{db.stem}-kept-{stamp}{db.suffix}"), 1
    while dest.exists() or debrief_folder(dest).exists():
        n += 1
        dest = db.with_name(f"{db.stem}-kept-{stamp}-{n}{db.suffix}")
    return dest


def debrief_folder(db: Path) -> Path:
    """The debrief folder the console builds beside the database `db` (debrief.folder_for)."""
    from .debrief import folder_for

    return folder_for(db)


def keep_aside(db: Path) -> Path | None:
    """Move the room of `db` (the database, its WAL, its debrief folder) to kept_name; None when there is none.

    Called while this process holds the room's lock, so no server writes meanwhile. The WAL is folded into the
    database first (a checkpoint), and whatever side file is left moves with it under the same new name, so the
    kept database opens with every commit it had.
    """
    db = Path(db)
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(db, timeout=10)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.Error:
        pass  # not a database we can open: it is moved as it is
    dest = kept_name(db)
    debrief = debrief_folder(db)
    for side in SIDE_FILES:
        if Path(f"{db}{side}").exists():
            os.replace(f"{db}{side}", f"{dest}{side}")
    os.replace(db, dest)
    if debrief.exists():
        os.replace(debrief, debrief_folder(dest))
    return dest
