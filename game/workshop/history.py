"""Verified results kept across workshops in an embedded SQLite database.

The database is the facilitator's own file, but it lives on an ordinary disk: a damaged or truncated
file is moved aside (never deleted) and a new one started, with the facilitator told where the old
one went; a database that another Leadsim is writing waits BUSY_SECONDS and then says so. Games
played by bots (rehearsals) stay out unless asked for, and can be removed later.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Callable

from .files import WorkshopError, fingerprint
from .verify import Verified

BUSY_SECONDS = 10.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    fingerprint TEXT PRIMARY KEY,
    workshop TEXT NOT NULL,
    team TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    scenario_sha256 TEXT NOT NULL,
    seed INTEGER NOT NULL,
    score REAL NOT NULL,
    outcome TEXT NOT NULL,
    ending TEXT,
    leadership_share TEXT NOT NULL,
    imported TEXT NOT NULL DEFAULT (datetime('now')),
    policy TEXT,
    mix TEXT,
    UNIQUE (workshop, team)
);
"""
# leadership_share: what a history from before the mix was kept held per phase, leadership / (leadership +
# management), a second definition of "the mix" beside the report's. It is no longer read; a new row writes
# '{}' there (the column is NOT NULL in every history file already made). `mix` holds each phase's actions of
# each kind, {phase: [leadership, management, development]}, which the report's split (review_mix.split_words)
# is computed from.


class HistoryError(WorkshopError):
    """The history database cannot be used now; the message says why and what to do."""


def _tell(message: str) -> None:
    print(f"leadsim: {message}", file=sys.stderr)


def db_path() -> Path:
    from ..userdata import data_dir

    return data_dir() / "history.sqlite3"


def connect(path: Path | None = None, notify: Callable[[str], None] = _tell) -> sqlite3.Connection:
    """An open, checked history database; a damaged one is set aside and replaced by a new one."""
    path = Path(path or db_path())
    try:
        return _open(path)
    except sqlite3.OperationalError as exc:  # busy, or cannot be opened or read: nothing is moved
        raise _error(path, exc, "open") from None
    except sqlite3.DatabaseError as exc:  # not a database, malformed, truncated
        damage = str(exc)
    aside = _set_aside(path)
    notify(f"{path} is damaged ({damage}); it was kept as {aside} and a new, empty history was started")
    try:
        return _open(path)
    except sqlite3.Error as exc:
        raise _error(path, exc, "start a new") from None


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_SECONDS)
    try:
        problem = con.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {problem}")
        con.executescript(SCHEMA)
        columns = {row[1] for row in con.execute("PRAGMA table_info(results)")}
        if "policy" not in columns:  # a history from before bots were told apart
            con.execute("ALTER TABLE results ADD COLUMN policy TEXT")
            con.commit()
        if "mix" not in columns:  # a history from before the mix of kinds was kept
            con.execute("ALTER TABLE results ADD COLUMN mix TEXT")
            con.commit()
    except BaseException:
        con.close()
        raise
    return con


def _error(path: Path, exc: sqlite3.Error, doing: str) -> HistoryError:
    """One line for the facilitator: a busy database after waiting, or what else went wrong."""
    if "locked" in str(exc) or "busy" in str(exc):
        return HistoryError(f"{path}: the history database is in use by another program (another leadsim "
                            f"debrief?); waited {BUSY_SECONDS:g} s. Try again when it has finished")
    if isinstance(exc, sqlite3.OperationalError):
        hint = f"; can {path.parent} be written to?" if "unable to open" in str(exc) else ""
        return HistoryError(f"{path}: cannot {doing} the history database ({exc}{hint})")
    return HistoryError(f"{path}: the history database is damaged ({exc}); run the command again to set it "
                        "aside and start a new one")


def _set_aside(path: Path) -> Path:
    """Move a damaged database (and its journal) out of the way, keeping it for a closer look."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside, n = path.with_name(f"{path.name}.damaged-{stamp}"), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise HistoryError(f"{path} is damaged and cannot be moved aside ({exc.strerror}); "
                           "move or delete it yourself, then try again") from None
    return aside


def import_results(results: list[Verified], path: Path | None = None,
                   include_bots: bool = False) -> tuple[int, list[str]]:
    """Add verified results; a game already imported, a team name taken in its workshop, or a bot's
    game (a rehearsal; unless include_bots) is skipped, and each skip says why."""
    added, skipped = 0, []
    con = connect(path)
    try:
        with con:  # one transaction: all or nothing
            for v in results:
                policy = v.result.get("policy")
                policy = str(policy) if policy else None
                if policy and not include_bots:
                    skipped.append(f"{v.path}: played by the {policy} bot (a rehearsal); not imported "
                                   "(--include-bots imports bots' games too)")
                    continue
                mix = {pm.phase: [pm.leadership, pm.management, pm.development] for pm in _mix(v)}
                ending = v.session.ending
                try:
                    con.execute(
                        "INSERT INTO results (fingerprint, workshop, team, scenario_id, scenario_sha256, seed, "
                        "score, outcome, ending, leadership_share, policy, mix) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        (fingerprint(v.result), v.result["workshop"], v.team, v.session.scenario.id,
                         v.result["scenario_sha256"], v.session.seed, v.session.score(), ending.kind,
                         ending.id, "{}", policy, json.dumps(mix)))
                    added += 1
                except sqlite3.IntegrityError:
                    skipped.append(f"{v.path}: already in the history (workshop '{v.result['workshop']}', "
                                   f"team '{v.team}'); not imported again")
    except sqlite3.Error as exc:
        raise _error(Path(path or db_path()), exc, "write to") from None
    finally:
        con.close()
    return added, skipped


def forget(workshop: str | None = None, bots: bool = False, path: Path | None = None) -> int:
    """Remove one workshop's results, or every bot's game, from the history; returns how many."""
    con = connect(path)
    try:
        with con:
            if workshop is not None:
                n = con.execute("DELETE FROM results WHERE workshop = ?", (workshop,)).rowcount
            else:
                n = con.execute("DELETE FROM results WHERE policy IS NOT NULL").rowcount if bots else 0
    except sqlite3.Error as exc:
        raise _error(Path(path or db_path()), exc, "write to") from None
    finally:
        con.close()
    return n


def _mix(v: Verified):
    from ..views.debrief import phase_mix

    return phase_mix(v.session)


def cohorts(path: Path | None = None) -> list[dict]:
    """One row per workshop: size, scores, win rate, and per phase the mean actions of each kind a team took
    there (`mix`: {phase: (leadership, management, development)}), the report's room mix
    (workshop.discussion.mix_rows), to be said as its split (review_mix.split_words). Rows imported before the
    mix was kept count in the rest but not in the mix; `mixed` says how many teams it is over."""
    if not Path(path or db_path()).exists():
        return []  # nothing imported yet: reading creates no file
    con = connect(path)
    try:
        rows = con.execute(
            "SELECT workshop, scenario_id, COUNT(*), AVG(score), MAX(score), "
            "AVG(CASE WHEN outcome='win' THEN 1.0 ELSE 0.0 END), MIN(imported) FROM results "
            "GROUP BY workshop, scenario_id ORDER BY MIN(imported), workshop").fetchall()
        mixes = con.execute("SELECT workshop, scenario_id, mix FROM results ORDER BY imported, rowid").fetchall()
    except sqlite3.Error as exc:
        raise _error(Path(path or db_path()), exc, "read") from None
    finally:
        con.close()
    by_cohort: dict[tuple, list[dict[str, tuple[float, float, float]]]] = {}
    for workshop, scenario, blob in mixes:
        mix = _mix_of(blob)
        if mix:
            by_cohort.setdefault((workshop, scenario), []).append(mix)
    out = []
    for workshop, scenario, n, mean, best, win, first in rows:
        teams = by_cohort.get((workshop, scenario), [])
        per_phase: dict[str, list[tuple[float, float, float]]] = {}
        for mix in teams:
            for phase, counts in mix.items():
                per_phase.setdefault(phase, []).append(counts)
        out.append({"workshop": workshop, "scenario": scenario, "teams": n, "score_mean": mean,
                    "score_best": best, "win_rate": win, "first_import": first, "mixed": len(teams),
                    "mix": {p: tuple(sum(c[k] for c in v) / len(v) for k in range(3)) for p, v in per_phase.items()}})
    return out


def _mix_of(blob) -> dict[str, tuple[float, float, float]]:
    """One row's actions of each kind per phase; a value edited into nonsense (or a row from before the mix
    was kept) counts as no row."""
    try:
        data = json.loads(blob) if isinstance(blob, str) else None
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for phase, counts in data.items():
        if not (isinstance(counts, list) and len(counts) == 3 and all(
                isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c < 1e6 for c in counts)):
            return {}
        out[str(phase)] = tuple(float(c) for c in counts)
    return out
