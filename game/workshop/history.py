"""Verified results kept across workshops in an embedded SQLite database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .files import fingerprint
from .verify import Verified

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
    UNIQUE (workshop, team)
);
"""


def db_path() -> Path:
    from ..userdata import data_dir

    return data_dir() / "history.sqlite3"


def connect(path: Path | None = None) -> sqlite3.Connection:
    con = sqlite3.connect(path or db_path())
    con.executescript(SCHEMA)
    return con


def import_results(results: list[Verified], path: Path | None = None) -> tuple[int, list[str]]:
    """Add verified results; a game already imported, or a team name taken in its workshop, is skipped."""
    added, skipped = 0, []
    con = connect(path)
    try:
        with con:  # one transaction: all or nothing
            for v in results:
                shares = {pm.phase: round(pm.leadership_share, 4) for pm in _mix(v)}
                ending = v.session.ending
                try:
                    con.execute(
                        "INSERT INTO results (fingerprint, workshop, team, scenario_id, scenario_sha256, seed, "
                        "score, outcome, ending, leadership_share) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (fingerprint(v.result), v.result["workshop"], v.team, v.session.scenario.id,
                         v.result["scenario_sha256"], v.session.seed, v.session.score(), ending.kind,
                         ending.id, json.dumps(shares)))
                    added += 1
                except sqlite3.IntegrityError:
                    skipped.append(f"{v.path}: already in the history (workshop '{v.result['workshop']}', "
                                   f"team '{v.team}'); not imported again")
    finally:
        con.close()
    return added, skipped


def _mix(v: Verified):
    from ..insights import phase_mix

    return phase_mix(v.session)


def cohorts(path: Path | None = None) -> list[dict]:
    """One row per workshop: size, scores, win rate and average leadership share per phase."""
    con = connect(path)
    try:
        rows = con.execute(
            "SELECT workshop, scenario_id, COUNT(*), AVG(score), MAX(score), "
            "AVG(CASE WHEN outcome='win' THEN 1.0 ELSE 0.0 END), MIN(imported), "
            "GROUP_CONCAT(leadership_share, '|') FROM results GROUP BY workshop, scenario_id "
            "ORDER BY MIN(imported), workshop").fetchall()
    finally:
        con.close()
    out = []
    for workshop, scenario, n, mean, best, win, first, shares in rows:
        per_phase: dict[str, list[float]] = {}
        for blob in (shares or "").split("|"):
            for phase, share in json.loads(blob or "{}").items():
                per_phase.setdefault(phase, []).append(share)
        out.append({"workshop": workshop, "scenario": scenario, "teams": n, "score_mean": mean,
                    "score_best": best, "win_rate": win, "first_import": first,
                    "leadership_share": {p: sum(v) / len(v) for p, v in per_phase.items()}})
    return out
