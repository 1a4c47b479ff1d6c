"""The debrief from the server: the verified report of the room's games, built and offered in the console.

Ending the workshop (or the console's "Build the debrief" button) writes every
team's game as a result file (files.result_of, as the console's export does)
next to the result files uploaded from desktop games, and runs `leadsim
debrief` itself on them in a child process, with `--workshop` so a file of
another workshop, seed, scenario version or difficulty is refused. So the
report is verified exactly as one from handed-in files (every game replayed
from its decisions, nothing claimed is believed), it is the same report, and
mixed rooms (browsers and desktop games) are debriefed together. A child
process, because reviewing takes seconds per team and the server must keep
answering meanwhile; it writes into a fresh folder that replaces the old
report only when it is complete, so the console never links to half a report.
"Add to my history" runs the same command with `--import`.

Uploads are hostile input. The request body is bounded before it is read
(limits.py gives this one route a larger bound), the form takes only so many
files, each file's size is checked before a byte of it is read and at most
MAX_UPLOAD_BYTES+1 are read, and the bytes then go through the same reading
and verification as `leadsim debrief FILE` (`verify.verify_one`: the bounded
reader, `files.check_result` field by field, the replay). A rejected file is
deleted and its reason shown as text; a verified one is kept in the store's
own table (so a restart keeps it) under a name the server makes from a
counter. Nothing a client sends becomes a path: the name typed on the file is
shown (escaped) and never used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..plaintext import plain
from ..safefile import slug
from ..workshop.files import WorkshopError, fingerprint, result_of, write_result, write_workshop
from ..workshop.verify import Rejected, verify_one

MAX_UPLOAD_BYTES = 1_000_000  # a 200-turn game with 60 actions a turn is ~0.6 MB; a real one is ~10 kB
MAX_UPLOAD_FILES = 40
UPLOAD_BODY_BYTES = 8_000_000  # the whole upload request (limits.py)
MAX_SHOWN_NAME = 60
SERVED = "server-"  # the file names of the games the server played itself (never an upload's name)
REPORT_PAGES = ("report.html", "slides.html", "turns.csv")  # in the order the console offers them
REPORT_FILE = re.compile(r"^(report\.html|slides\.html|turns\.csv|[a-z]{1,20}(-\d{1,2})?\.svg)$")
MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml"}
def _played_line(lines: list[str]) -> str:
    """The `leadsim debrief` summary's line after 'Report: PATH': the report's own opening words on who played,
    who finished and who joined (workshop.report.played_words), so the console says what the report says."""
    at = next((k for k, ln in enumerate(lines) if ln.startswith("Report: ")), None)
    return lines[at + 1] if at is not None and at + 1 < len(lines) else ""


PROGRESS = re.compile(r"Reviewing the teams' games: (\d+) of (\d+)")

UPLOADS_SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY,
    shown_name TEXT NOT NULL,               -- the file's name as the browser said it (shown, never a path)
    team TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,       -- files.fingerprint: the same game uploaded twice counts once
    result TEXT NOT NULL,                   -- the result file's JSON as uploaded (checked and verified)
    uploaded_at REAL NOT NULL
);
"""


class DebriefError(ValueError):
    """The debrief cannot be built or a file cannot be taken; the message says why (one line)."""


@dataclass(frozen=True)
class Upload:
    id: int
    shown_name: str
    team: str
    score: float
    ending: str


@dataclass(frozen=True)
class Taken:
    """What happened to one uploaded file: verified and kept, or refused with the reason."""

    shown_name: str
    ok: bool
    text: str


def shown(name: str | None) -> str:
    """A browser-sent file name as plain text of bounded length (displayed only)."""
    text = plain(str(name or "file"), markup=False).replace("\n", " ").strip() or "file"
    return text if len(text) <= MAX_SHOWN_NAME else text[:MAX_SHOWN_NAME - 1] + "…"


def _slug(text: str) -> str:
    return slug(text, 60, "team")  # accents kept ("team-ørsted"), never a path outside the folder


class Debrief:
    """The room's debrief: uploaded results, the build in a child process, the finished report's folder."""

    def __init__(self, games, folder: Path):
        self.games = games
        self.folder = Path(folder)
        self.db = games.store.db
        self.db.executescript(UPLOADS_SCHEMA)
        self._job: subprocess.Popen | None = None
        self._job_kind = ""
        self._log: Path | None = None
        self._next: Path | None = None
        self.last: dict = self._read_status()
        self._replayed: dict[int, object] = {}  # upload id -> its replayed Session (the projector asks often)

    # --- where things are ---------------------------------------------------------------------------
    @property
    def report_dir(self) -> Path:
        return self.folder / "report"

    def report_ready(self) -> bool:
        return (self.report_dir / "report.html").is_file()

    def report_file(self, name: str) -> Path | None:
        """A file of the finished report by its name (only the names the report writes), or None."""
        if not REPORT_FILE.fullmatch(name):
            return None
        path = self.report_dir / name
        return path if path.is_file() else None

    def report_names(self) -> list[str]:
        if not self.report_dir.is_dir():
            return []
        return sorted(p.name for p in self.report_dir.iterdir() if REPORT_FILE.fullmatch(p.name) and p.is_file())

    def _status_file(self) -> Path:
        return self.folder / "status.json"

    def _read_status(self) -> dict:
        try:
            data = json.loads(self._status_file().read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    # --- uploads ------------------------------------------------------------------------------------
    def uploads(self) -> list[Upload]:
        out = []
        for row in self.db.execute("SELECT id, shown_name, team, result FROM uploads ORDER BY id"):
            data = json.loads(row["result"])
            out.append(Upload(row["id"], row["shown_name"], row["team"], float(data.get("score", 0.0)),
                              str(data.get("outcome", ""))))
        return out

    def uploaded_games(self) -> list[tuple[str, object, str | None]]:
        """(team, replayed session, bot policy or None) of every upload, as the report ranks them: each was
        verified when taken; replayed once here, for the projector's final standings."""
        from ..workshop.replay import replay

        out = []
        for row in self.db.execute("SELECT id, team, result FROM uploads ORDER BY id"):
            data = json.loads(row["result"])
            if row["id"] not in self._replayed:
                self._replayed[row["id"]] = replay(data, self.games.workshop)
            out.append((row["team"], self._replayed[row["id"]], data.get("policy")))
        return out

    def remove_upload(self, upload_id: int) -> None:
        self.db.execute("DELETE FROM uploads WHERE id = ?", (int(upload_id),))

    def take(self, name: str | None, content: bytes) -> Taken:
        """One uploaded file (already bounded), verified as `leadsim debrief` verifies a file."""
        label = shown(name)
        workshop = self.games.workshop
        if workshop is None:
            return Taken(label, False, "free practice has no workshop to debrief")
        if len(content) > MAX_UPLOAD_BYTES:
            return Taken(label, False, f"larger than {MAX_UPLOAD_BYTES // 1000} kB; a result file is a few kB")
        incoming = self.folder / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        path = incoming / f"upload-{time.monotonic_ns()}.json"
        path.write_bytes(content)
        try:
            outcome = verify_one(path, workshop, unfinished_ok=True)
        finally:
            path.unlink(missing_ok=True)
        if isinstance(outcome, Rejected):
            return Taken(label, False, outcome.reason)
        team, result = outcome.team, outcome.result
        clash = self._name_taken(team)
        if clash:
            return Taken(label, False, clash)
        with self.db:
            cur = self.db.execute("INSERT OR IGNORE INTO uploads (shown_name, team, fingerprint, result, uploaded_at) "
                                  "VALUES (?,?,?,?,?)", (label, team, fingerprint(result),
                                                         json.dumps(result, sort_keys=True), time.time()))
        if cur.rowcount == 0:
            return Taken(label, False, f"the same game of team {team} was uploaded already; counted once")
        s = outcome.session
        if not outcome.finished:
            return Taken(label, True, f"verified as far as it went: team {team}, not finished (stopped after turn "
                                      f"{s.turn} of {s.scenario.turns}, score so far {s.score():.1f}); the report "
                                      "lists it as unfinished, not ranked")
        return Taken(label, True, f"verified: team {team}, score {s.score():.1f}, {s.ending.title}")

    def _name_taken(self, team: str) -> str | None:
        key = team.casefold()
        if any(t.name.casefold() == key for t in self.games.store.teams()):
            return (f"a team called '{team}' plays on this server too; the debrief would hold both back. "
                    "Remove one of them (or rename the server's team) and upload again")
        if any(u.team.casefold() == key for u in self.uploads()):
            return (f"a different game of team '{team}' was uploaded already; remove that upload first "
                    "if this one is the right one")
        return None

    # --- building -----------------------------------------------------------------------------------
    def building(self) -> bool:
        self._poll()
        return self._job is not None

    def status(self) -> dict:
        """What the console shows: idle, building (with progress) or the last build's outcome."""
        self._poll()
        if self._job is not None:
            done, total = self._progress()
            what = "Adding the results to your history" if self._job_kind == "import" else "Building the debrief"
            line = f"{what}: reviewing the teams' games, {done} of {total}" if total else f"{what}…"
            return {"state": "building", "line": line, "ready": self.report_ready(), "kind": self._job_kind}
        return {"state": "idle", "ready": self.report_ready(), **self.last}

    def _progress(self) -> tuple[int, int]:
        try:
            text = self._log.read_text(encoding="utf-8", errors="replace")[-4000:] if self._log else ""
        except OSError:
            return 0, 0
        found = PROGRESS.findall(text)
        return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)

    def start(self, kind: str = "report") -> None:
        """Write the room's results and run `leadsim debrief` on them (kind 'report' or 'import')."""
        games = self.games
        if games.workshop is None:
            raise DebriefError("free practice has no workshop to debrief")
        if self.building():
            raise DebriefError("the debrief is being built already; wait until it is ready")
        results = self.folder / "results"
        shutil.rmtree(results, ignore_errors=True)
        results.mkdir(parents=True)
        names, played = self._write_results(results)
        if not played:
            raise DebriefError("no team has played yet: nothing to debrief")
        workshop_file = games.workshop.path
        if workshop_file is None or not Path(workshop_file).is_file():
            workshop_file = results / "workshop.json"
            write_workshop(games.workshop, workshop_file)
        cmd = [sys.executable, "-m", "game", "debrief", *names, "--workshop", str(Path(workshop_file).resolve())]
        cmd += [arg for name in names if name.startswith(SERVED) for arg in ("--served", name)]
        if kind == "import":
            cmd.append("--import")
        else:
            self._next = self.folder / f"report-{time.time_ns()}"
            cmd += ["--out", str(self._next)]
        self._log = self.folder / f"{kind}.log"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(_repo_root()), os.environ.get("PYTHONPATH"))
                                                          if p))
        with open(self._log, "w", encoding="utf-8") as log:
            self._job = subprocess.Popen(cmd, cwd=results, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env=env, preexec_fn=_lower_priority if os.name == "posix" else None)
        self._job_kind = kind

    def _write_results(self, folder: Path) -> tuple[list[str], int]:
        """Every server team's game and every upload as a result file; names from a counter, never from a client.
        A team that joined and never played is written too (an empty game: the report lists it as "joined,
        never played", never ranked). Returns the names and how many of them hold a turn played."""
        games = self.games
        names, played = [], 0
        for k, team in enumerate(games.store.teams(), 1):
            session = games.session(team)
            played += session.turn > 0
            name = f"{SERVED}{k:02d}-{_slug(team.name)}.json"
            write_result(result_of(session, games.workshop, team.name, team.bot, "browser"), folder / name)
            names.append(name)
        for u in self.db.execute("SELECT id, team, result FROM uploads ORDER BY id"):
            name = f"upload-{u['id']:02d}-{_slug(u['team'])}.json"
            (folder / name).write_text(u["result"] + "\n", encoding="utf-8")
            names.append(name)
            played += 1
        return names, played

    def _poll(self) -> None:
        job = self._job
        if job is None or job.poll() is None:
            return
        self._job = None
        lines = [ln.strip() for ln in self._read_log().splitlines() if ln.strip() and not PROGRESS.search(ln)]
        verified = [ln for ln in lines if ": verified: " in ln]
        rejected = [ln for ln in lines if ": rejected: " in ln]
        unfinished = [ln for ln in lines if ": unfinished: " in ln]
        never = [ln for ln in lines if ": never played: " in ln]
        outcome = {"kind": self._job_kind, "at": time.time(), "exit": job.returncode,
                   "verified": len(verified), "unfinished": len(unfinished), "never_played": len(never),
                   "rejected": rejected[:50],
                   "history": next((ln for ln in lines if ln.startswith("History: ")), None)}
        if self._job_kind == "report":
            if self._next is not None and (self._next / "report.html").is_file():
                old = self.folder / f"old-{time.time_ns()}"
                if self.report_dir.exists():
                    self.report_dir.rename(old)
                self._next.rename(self.report_dir)
                shutil.rmtree(old, ignore_errors=True)
                played = _played_line(lines)
                outcome["line"] = "The debrief is ready" + (f": {played}" if played else "")
            else:
                shutil.rmtree(self._next, ignore_errors=True) if self._next else None
                outcome["line"] = "The debrief could not be built: " + (lines[-1] if lines else "no output")
        else:
            outcome["line"] = outcome["history"] or ("Nothing was imported: " + (lines[-1] if lines else "no output"))
        self._next = None
        self.last = outcome
        try:
            self._status_file().write_text(json.dumps(outcome), encoding="utf-8")
        except OSError:
            pass

    def _read_log(self) -> str:
        try:
            return self._log.read_text(encoding="utf-8", errors="replace") if self._log else ""
        except OSError:
            return ""

    def wait(self, timeout: float) -> None:
        """Block until the build has finished (tests and the end of a benchmark)."""
        if self._job is not None:
            try:
                self._job.wait(timeout)
            except subprocess.TimeoutExpired:
                raise DebriefError(f"the debrief took longer than {timeout:.0f} s") from None
        self._poll()

    def stop(self) -> None:
        """The server is stopping: do not leave a child process behind."""
        if self._job is not None and self._job.poll() is None:
            self._job.terminate()
            try:
                self._job.wait(10)
            except subprocess.TimeoutExpired:
                self._job.kill()


def _lower_priority() -> None:
    try:
        os.nice(5)  # the room keeps playing while the debrief is reviewed
    except OSError:
        pass


def _repo_root() -> Path:
    """The folder `game` is imported from, so the child runs this very Leadsim (an editable checkout too)."""
    return Path(__file__).resolve().parents[2]


def folder_for(db_path: Path) -> Path:
    """The debrief's folder beside the server's database (the same folder after every restart)."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-debrief"


def check_kind(kind: str) -> str:
    if kind not in ("report", "import"):
        raise DebriefError("choose to build the report or to add the results to your history")
    return kind


__all__ = ["Debrief", "DebriefError", "Taken", "Upload", "folder_for", "MAX_UPLOAD_BYTES", "MAX_UPLOAD_FILES",
           "REPORT_PAGES", "MEDIA_TYPES", "UPLOAD_BODY_BYTES", "WorkshopError"]
