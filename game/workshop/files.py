"""Workshop files (handed out by the facilitator) and result files (handed in).

A workshop file pins a scenario by the SHA-256 of its content, plus the seed
and settings every participant plays with. A result file carries the full
decision log, so the facilitator can verify it by replaying; the claimed
outcome and score are only there to be checked.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..jsonfile import read_json
from ..saves import atomic_write
from ..scenario.loader import LoadedScenario, load
from ..scenario.problems import ScenarioError
from ..session import DIFFICULTIES, Session

WORKSHOP_FORMAT = "leadsim-workshop"
RESULT_FORMAT = "leadsim-result"
VERSION = 1
# Result files: version 2 came with the compiled model, whose numbers differ from version 1's in
# the last digits. A version-1 result is still replayed and ranked by its replay, but its own
# claims (score, outcome) were computed by the old model and are not compared.
RESULT_VERSION = 2
MAX_FILE_BYTES = 5_000_000
TEAM_PATTERN = re.compile(r"^[\w][\w .'\-]{0,39}$")


class WorkshopError(ValueError):
    """A workshop or result file cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Workshop:
    name: str
    scenario: str  # built-in name or path as the facilitator gave it
    scenario_sha256: str
    scenario_id: str
    seed: int
    difficulty: str = "standard"
    turn_seconds: int | None = None
    path: Path | None = None

    def to_json(self) -> dict:
        return {"format": WORKSHOP_FORMAT, "version": VERSION, "name": self.name, "scenario": self.scenario,
                "scenario_id": self.scenario_id, "scenario_sha256": self.scenario_sha256, "seed": self.seed,
                "difficulty": self.difficulty, "turn_seconds": self.turn_seconds}

    def load_scenario(self) -> LoadedScenario:
        """The pinned scenario, refusing any other version of it."""
        name = self.scenario
        if self.path is not None and not _is_builtin(name):
            candidate = (self.path.parent / name) if not Path(name).is_absolute() else Path(name)
            name = str(candidate)
        try:
            loaded = load(name)
        except ScenarioError as exc:
            raise WorkshopError(f"the workshop's scenario '{self.scenario}' is not available here: "
                                f"{exc.problems[0].message}") from None
        if loaded.sha256 != self.scenario_sha256:
            raise WorkshopError(
                f"your copy of the scenario '{self.scenario}' differs from the one this workshop was made "
                f"for (content hash {loaded.sha256[:12]} instead of {self.scenario_sha256[:12]}); "
                "ask the facilitator for the right scenario file or Leadsim version")
        return loaded


def _is_builtin(name: str) -> bool:
    return "/" not in name and not name.endswith((".yaml", ".yml"))


def check_team(team: str) -> str:
    team = (team or "").strip()
    if not TEAM_PATTERN.match(team):
        raise WorkshopError(f"team name {team!r} is not usable: use 1 to 40 letters, digits, spaces, "
                            "'.', '-' or \"'\", starting with a letter or digit")
    return team


def create(scenario: str, seed: int, name: str, difficulty: str = "standard",
           turn_seconds: int | None = None) -> Workshop:
    loaded = load(scenario)
    if difficulty not in DIFFICULTIES:
        raise WorkshopError(f"unknown difficulty '{difficulty}'; choose {', '.join(DIFFICULTIES)}")
    if turn_seconds is not None and not 10 <= turn_seconds <= 3600:
        raise WorkshopError("--turn-seconds must be between 10 and 3600")
    if not name.strip():
        raise WorkshopError("the workshop needs a name (--name)")
    return Workshop(name.strip(), scenario, loaded.sha256, loaded.scenario.id, int(seed), difficulty, turn_seconds)


def write_workshop(workshop: Workshop, path: Path) -> None:
    atomic_write(Path(path), json.dumps(workshop.to_json(), indent=2) + "\n")


def _read_json(path: Path, what: str) -> dict:
    return read_json(path, what, MAX_FILE_BYTES, WorkshopError)


def read_workshop(path: Path) -> Workshop:
    data = _read_json(path, "workshop")
    if not isinstance(data, dict) or data.get("format") != WORKSHOP_FORMAT:
        raise WorkshopError(f"{path}: not a Leadsim workshop file")
    try:
        ts = data.get("turn_seconds")
        ws = Workshop(str(data["name"]), str(data["scenario"]), str(data["scenario_sha256"]),
                      str(data["scenario_id"]), int(data["seed"]), str(data.get("difficulty", "standard")),
                      int(ts) if ts is not None else None, Path(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkshopError(f"{path}: the workshop file is incomplete ({exc})") from None
    if ws.difficulty not in DIFFICULTIES:
        raise WorkshopError(f"{path}: unknown difficulty '{ws.difficulty}'")
    return ws


def result_of(session: Session, workshop: Workshop, team: str, policy: str | None = None) -> dict:
    """The hand-in file for a finished (or abandoned) game."""
    summary = session.result(policy)
    return {
        "format": RESULT_FORMAT, "version": RESULT_VERSION,
        "team": team, "workshop": workshop.name,
        "scenario": workshop.scenario, "scenario_id": workshop.scenario_id,
        "scenario_sha256": workshop.scenario_sha256,
        "seed": session.seed, "settings": {"difficulty": session.difficulty, "turn_seconds": workshop.turn_seconds},
        "policy": policy,
        "log": [d.to_json() for d in session.log],
        "finished": session.done,
        "outcome": summary["outcome"], "ending": summary["ending"], "score": summary["score"],
        "turns": summary["turns"], "metrics": summary["metrics"],
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def results_dir() -> Path:
    from ..userdata import data_dir

    path = data_dir() / "results"
    path.mkdir(parents=True, exist_ok=True)
    return path


def result_filename(workshop: Workshop, team: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{workshop.name}-{team}").strip("-").lower() or "result"
    return f"{slug}.json"


def write_result(result: dict, path: Path) -> Path:
    atomic_write(Path(path), json.dumps(result, indent=1) + "\n")
    return Path(path)


def read_result(path: Path) -> dict:
    data = _read_json(path, "result")
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise WorkshopError(f"{path}: not a Leadsim result file")
    if not isinstance(data.get("version"), int) or data["version"] > RESULT_VERSION:
        raise WorkshopError(f"{path}: written by a newer Leadsim (result format {data.get('version')})")
    for key, kind in (("team", str), ("workshop", str), ("scenario_sha256", str), ("seed", int),
                      ("log", list), ("score", (int, float)), ("outcome", str)):
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise WorkshopError(f"{path}: the result file is incomplete or damaged ('{key}' is missing "
                                "or has the wrong type)")
    if data.get("settings") is not None and not isinstance(data["settings"], dict):
        raise WorkshopError(f"{path}: the result file is damaged ('settings' has the wrong type)")
    return data


def fingerprint(result: dict) -> str:
    """Identity of a game: same team, workshop and decisions give the same fingerprint."""
    core = json.dumps([result.get("workshop"), result.get("team"), result.get("scenario_sha256"),
                       result.get("seed"), result.get("log")], sort_keys=True)
    return hashlib.sha256(core.encode()).hexdigest()
