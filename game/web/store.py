"""The workshop server's SQLite store: everything the server knows lives here, nothing only in memory.

A game is its scenario, seed, difficulty and decision log; the log is written
(and committed) before the server acknowledges a decision, so `kill -9` at any
moment loses nothing and the same command rebuilds every team's game by replay.

Why SQLite in WAL mode: readers never block the one writer, a commit survives
the process being killed (WAL with synchronous=NORMAL loses nothing on a
process crash; only a power cut may drop the last commits), and several server
processes could share the file. Secrets that only need checking (team tokens)
are stored as SHA-256 digests, so a copy of the file does not let anyone act
for a team; the short rejoin code is stored as the team sees it because its
screen shows it again.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 3  # 2: teams.acted_at and teams.removed_at (the console's idle time, removed teams); 3: teams.client_bot
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
JOIN_CODE_LENGTH = 6
REJOIN_CODE_LENGTH = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,          -- casefolded name: 'Blue' and 'blue' are the same team
    scenario TEXT NOT NULL,
    scenario_sha256 TEXT NOT NULL,
    seed INTEGER NOT NULL,
    difficulty TEXT NOT NULL,
    rejoin_code TEXT NOT NULL UNIQUE,
    joined_at REAL NOT NULL,
    seen_at REAL NOT NULL,
    policy TEXT,                            -- a bot's name when a bot plays the team, else NULL
    acted_at REAL,                          -- last sign of someone deciding (a page of the turn, a card picked)
    removed_at REAL,                        -- the facilitator removed the team (kept for the record, never shown)
    client_bot TEXT                         -- a bot program joined as this team and said so (its play), else NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    turn INTEGER NOT NULL,                  -- 1-based: the turn this decision played
    decision TEXT NOT NULL,                 -- Decision.to_json()
    decided_at REAL NOT NULL,
    PRIMARY KEY (team_id, turn)
);
CREATE TABLE IF NOT EXISTS turn_clock (
    team_id INTEGER PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
    turn INTEGER NOT NULL,                  -- the turn being decided (1-based)
    opened_at REAL NOT NULL                 -- when the team's page first showed it
);
"""


class StoreError(RuntimeError):
    """The database cannot be used (another workshop's file, a newer format); the message says what to do."""


class DuplicateTeam(ValueError):
    """The team name is already taken in this workshop."""


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    scenario: str
    scenario_sha256: str
    seed: int
    difficulty: str
    rejoin_code: str
    joined_at: float
    seen_at: float
    policy: str | None  # the server's bot plays the team (a bot team for an empty table)
    acted_at: float | None = None
    client_bot: str | None = None  # a bot program plays it through the API (`simulate --server`), as it said

    @property
    def bot(self) -> str | None:
        """The bot that plays the team, whoever runs it (the server or a program joined through the API), else
        None: what every screen marks with views.standings.BOT_MARK and leaves out of 'best team of people'."""
        return self.policy or self.client_bot


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_token() -> str:
    """A team's secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class Store:
    """One SQLite connection per thread is not needed: the server calls the store from its event loop only."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        try:
            self.path.chmod(0o600)  # it holds the facilitator's token
        except OSError:
            pass
        version = self.get_meta("schema_version")
        if version is not None and int(version) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer Leadsim; update Leadsim or use another data folder")
        self._migrate()
        self.set_meta("schema_version", str(SCHEMA_VERSION))

    def _migrate(self) -> None:
        """Bring an older database (issue 12's) up to this one: columns added, nothing rewritten."""
        have = {r["name"] for r in self.db.execute("PRAGMA table_info(teams)")}
        for column, kind in (("acted_at", "REAL"), ("removed_at", "REAL"), ("client_bot", "TEXT")):
            if column not in have:
                self.db.execute(f"ALTER TABLE teams ADD COLUMN {column} {kind}")

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another server process) committed to the file.

        SQLite's own counter (PRAGMA data_version): this connection's own commits do not change it, so a
        cache that this process keeps up to date itself stays valid until the number moves.
        """
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # --- settings of this server ------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def meta_once(self, key: str, make) -> str:
        """The stored value, or `make()` stored now: the same join code and token after every restart."""
        value = self.get_meta(key)
        if value is None:
            value = make()
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
            value = self.get_meta(key)
        return value

    # --- teams ------------------------------------------------------------------------
    def add_team(self, name: str, scenario: str, sha256: str, seed: int, difficulty: str,
                 policy: str | None = None, client_bot: str | None = None) -> tuple[TeamRow, str]:
        """A new team and its first token (returned once, stored only as a digest)."""
        now = time.time()
        for _ in range(20):  # a rejoin code clash is rare; draw again
            code = new_code(REJOIN_CODE_LENGTH)
            try:
                with self.db:
                    self.db.execute("BEGIN IMMEDIATE")
                    cur = self.db.execute(
                        "INSERT INTO teams (name, name_key, scenario, scenario_sha256, seed, difficulty, "
                        "rejoin_code, joined_at, seen_at, policy, client_bot) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (name, name.casefold(), scenario, sha256, int(seed), difficulty, code, now, now, policy,
                         client_bot))
                    token = self._add_token(cur.lastrowid, now)
                return self.team(cur.lastrowid), token
            except sqlite3.IntegrityError as exc:
                if "name_key" in str(exc):
                    raise DuplicateTeam(name) from None
        raise StoreError("could not draw a free rejoin code")

    def _add_token(self, team_id: int, now: float) -> str:
        token = new_token()
        self.db.execute("INSERT INTO tokens (token_sha256, team_id, created_at) VALUES (?,?,?)",
                        (digest(token), team_id, now))
        return token

    def issue_token(self, team_id: int) -> str:
        """Another token for the same team (a second device after rejoining with the code)."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            return self._add_token(team_id, time.time())

    def team(self, team_id: int) -> TeamRow | None:
        row = self.db.execute("SELECT * FROM teams WHERE id = ?", (team_id,)).fetchone()
        return _team(row)

    def team_by_token(self, token: str) -> TeamRow | None:
        row = self.db.execute("SELECT teams.* FROM tokens JOIN teams ON teams.id = tokens.team_id "
                              "WHERE token_sha256 = ? AND removed_at IS NULL", (digest(token),)).fetchone()
        return _team(row)

    def team_by_rejoin_code(self, code: str) -> TeamRow | None:
        row = self.db.execute("SELECT * FROM teams WHERE rejoin_code = ? AND removed_at IS NULL", (code,)).fetchone()
        return _team(row)

    def teams(self) -> list[TeamRow]:
        """The teams in play (a removed team is left out of everything: console, projector, debrief)."""
        return [_team(r) for r in self.db.execute("SELECT * FROM teams WHERE removed_at IS NULL ORDER BY id")]

    def rename_team(self, team_id: int, name: str) -> None:
        """Give the team another (already checked) name; DuplicateTeam if another team has it."""
        try:
            with self.db:
                self.db.execute("UPDATE teams SET name = ?, name_key = ? WHERE id = ?",
                                (name, name.casefold(), team_id))
        except sqlite3.IntegrityError:
            raise DuplicateTeam(name) from None

    def remove_team(self, team_id: int) -> None:
        """Take the team out of the room: its tokens stop working and its name is free again; its log is kept."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("UPDATE teams SET removed_at = ?, name_key = 'removed:' || id || ':' || name_key "
                            "WHERE id = ? AND removed_at IS NULL", (time.time(), team_id))
            self.db.execute("DELETE FROM tokens WHERE team_id = ?", (team_id,))

    def act(self, team_id: int, every: float = 2.0) -> None:
        """Note a sign of deciding (a turn's page, a card picked): the console's idle time counts from it."""
        now = time.time()
        self.db.execute("UPDATE teams SET acted_at = ?, seen_at = MAX(seen_at, ?) WHERE id = ? "
                        "AND (acted_at IS NULL OR acted_at < ?)", (now, now, team_id, now - every))

    def touch(self, team_id: int, every: float = 5.0) -> None:
        """Note that the team was heard from (at most one write per team every `every` seconds)."""
        now = time.time()
        self.db.execute("UPDATE teams SET seen_at = ? WHERE id = ? AND seen_at < ?", (now, team_id, now - every))

    # --- decisions --------------------------------------------------------------------
    def decisions(self, team_id: int, after: int = 0) -> list[dict]:
        """The team's decision log from turn `after`+1 on, in turn order."""
        rows = self.db.execute("SELECT turn, decision FROM decisions WHERE team_id = ? AND turn > ? ORDER BY turn",
                               (team_id, after)).fetchall()
        for k, r in enumerate(rows, after + 1):
            if r["turn"] != k:
                raise StoreError(f"{self.path}: team {team_id}'s decision log has a gap at turn {k}")
        return [json.loads(r["decision"]) for r in rows]

    def any_decision(self) -> bool:
        """Has any team (removed ones too) decided a turn: the room was under way (room.Room.settle_started)."""
        return self.db.execute("SELECT 1 FROM decisions LIMIT 1").fetchone() is not None

    def last_decided_at(self, team_id: int) -> float | None:
        row = self.db.execute("SELECT MAX(decided_at) AS t FROM decisions WHERE team_id = ?", (team_id,)).fetchone()
        return None if row["t"] is None else float(row["t"])

    def turns_decided(self, team_id: int) -> int:
        row = self.db.execute("SELECT COUNT(*) AS n FROM decisions WHERE team_id = ?", (team_id,)).fetchone()
        return int(row["n"])

    def add_decision(self, team_id: int, turn: int, decision: dict) -> bool:
        """Commit turn `turn`'s decision; False if that turn was already decided (the first one stands)."""
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute("INSERT INTO decisions (team_id, turn, decision, decided_at) VALUES (?,?,?,?)",
                                (team_id, turn, json.dumps(decision, sort_keys=True), time.time()))
            return True
        except sqlite3.IntegrityError:
            return False

    # --- the turn clock -----------------------------------------------------------------
    def clock_opened(self, team_id: int, turn: int) -> float:
        """When turn `turn` was first shown to the team; recorded now if it is shown for the first time."""
        now = time.time()
        self.db.execute("INSERT INTO turn_clock (team_id, turn, opened_at) VALUES (?,?,?) "
                        "ON CONFLICT(team_id) DO UPDATE SET turn = excluded.turn, opened_at = excluded.opened_at "
                        "WHERE turn_clock.turn < excluded.turn", (team_id, turn, now))
        row = self.db.execute("SELECT turn, opened_at FROM turn_clock WHERE team_id = ?", (team_id,)).fetchone()
        return float(row["opened_at"]) if row["turn"] == turn else now

    def overdue_clocks(self, seconds: float, now: float) -> list[int]:
        """Teams whose open turn was shown more than `seconds` ago and is still not decided."""
        rows = self.db.execute(
            "SELECT c.team_id FROM turn_clock c JOIN teams t ON t.id = c.team_id "
            "WHERE t.removed_at IS NULL AND c.opened_at < ? AND NOT EXISTS "
            "(SELECT 1 FROM decisions d WHERE d.team_id = c.team_id AND d.turn = c.turn)", (now - seconds,))
        return [int(r["team_id"]) for r in rows]

    def shift_clocks(self, seconds: float) -> None:
        """Move every open turn's start on by `seconds` (a pause): the time paused is not taken off anyone."""
        self.db.execute("UPDATE turn_clock SET opened_at = opened_at + ?", (seconds,))

    def restart_clocks(self, now: float) -> None:
        """Every open turn starts now (the room goes back to free pace: each team's own clock again)."""
        self.db.execute("UPDATE turn_clock SET opened_at = ?", (now,))

    def clocks(self) -> dict[int, tuple[int, float]]:
        """Every team's open turn and when it was first shown (one query for the console's whole table)."""
        return {int(r["team_id"]): (int(r["turn"]), float(r["opened_at"]))
                for r in self.db.execute("SELECT team_id, turn, opened_at FROM turn_clock")}

    def clock_of(self, team_id: int, turn: int) -> float | None:
        row = self.db.execute("SELECT opened_at FROM turn_clock WHERE team_id = ? AND turn = ?",
                              (team_id, turn)).fetchone()
        return float(row["opened_at"]) if row else None


def _team(row) -> TeamRow | None:
    if row is None:
        return None
    return TeamRow(row["id"], row["name"], row["scenario"], row["scenario_sha256"], int(row["seed"]),
                   row["difficulty"], row["rejoin_code"], float(row["joined_at"]), float(row["seen_at"]),
                   row["policy"], row["acted_at"], row["client_bot"])
