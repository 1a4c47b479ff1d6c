"""Verify hand-in results by replaying them: the leaderboard only trusts replays."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..session import Decision, DecisionError, Session
from .files import RESULT_VERSION, Workshop, WorkshopError, fingerprint, read_result

SCORE_TOLERANCE = 1e-3


@dataclass
class Verified:
    path: Path
    result: dict
    session: Session

    @property
    def team(self) -> str:
        return self.result["team"]


@dataclass
class Rejected:
    path: Path
    team: str | None
    reason: str

    def __str__(self) -> str:
        who = f" (team {self.team})" if self.team else ""
        return f"{self.path}{who}: rejected: {self.reason}"


def _workshop_of(result: dict, path: Path) -> Workshop:
    return Workshop(str(result["workshop"]), str(result.get("scenario", result.get("scenario_id", ""))),
                    result["scenario_sha256"], str(result.get("scenario_id", "")), int(result["seed"]),
                    str((result.get("settings") or {}).get("difficulty", "standard")), None, path)


def _replay(result: dict, workshop: Workshop, path: Path) -> Session:
    loaded = workshop.load_scenario()
    difficulty = str((result.get("settings") or {}).get("difficulty", workshop.difficulty))
    session = Session(loaded, int(result["seed"]), difficulty)
    for turn, entry in enumerate(result["log"], 1):
        try:
            session.decide(Decision.from_json(entry))
        except DecisionError as exc:
            raise WorkshopError(f"its decision log does not replay: turn {turn}: {exc}") from None
    return session


def _compare(result: dict, session: Session) -> str | None:
    if result["version"] < RESULT_VERSION:  # the old model's claims: only the replay counts
        return None if session.done else \
            f"the game was not finished (stopped after turn {session.turn} of {session.scenario.turns})"
    claimed, real = float(result["score"]), session.score()
    if abs(claimed - real) > SCORE_TOLERANCE:
        return f"it claims a score of {claimed:.1f}, but replaying its decisions gives {real:.1f}"
    ending = session.ending
    if result["outcome"] != (ending.kind if ending else "running"):
        return f"it claims the outcome '{result['outcome']}', but the replay ends '{ending.kind if ending else 'running'}'"
    if result.get("ending") not in (None, ending.id if ending else None):
        return f"it claims the ending '{result.get('ending')}', but the replay ends '{ending.id}'"
    if not session.done:
        return f"the game was not finished (stopped after turn {session.turn} of {session.scenario.turns})"
    return None


def verify_one(path: Path, workshop: Workshop | None) -> Verified | Rejected:
    try:
        result = read_result(path)
    except WorkshopError as exc:
        return Rejected(path, None, str(exc).removeprefix(f"{path}: "))
    team = result.get("team")
    if workshop is not None:
        if result["workshop"] != workshop.name:
            return Rejected(path, team, f"it belongs to the workshop '{result['workshop']}', not '{workshop.name}'")
        if result["scenario_sha256"] != workshop.scenario_sha256:
            return Rejected(path, team, "it was played on a different version of the scenario (hash mismatch)")
        if int(result["seed"]) != workshop.seed:
            return Rejected(path, team, f"it was played with seed {result['seed']}, the workshop uses {workshop.seed}")
    try:
        session = _replay(result, workshop or _workshop_of(result, Path(path)), Path(path))
    except WorkshopError as exc:
        return Rejected(path, team, str(exc))
    except (KeyError, TypeError, ValueError) as exc:
        return Rejected(path, team, f"the result file is malformed ({exc})")
    problem = _compare(result, session)
    if problem:
        return Rejected(path, team, problem)
    return Verified(Path(path), result, session)


def verify_all(paths: list[Path], workshop: Workshop | None = None) -> tuple[list[Verified], list[Rejected]]:
    """Every file is judged on its own; duplicates and clashing team names are rejected after the first."""
    accepted: list[Verified] = []
    rejected: list[Rejected] = []
    seen_games: dict[str, Path] = {}
    seen_teams: dict[tuple[str, str], Path] = {}
    for path in paths:
        outcome = verify_one(Path(path), workshop)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            continue
        key = fingerprint(outcome.result)
        team_key = (outcome.result["workshop"], outcome.team.casefold())
        if key in seen_games:
            rejected.append(Rejected(outcome.path, outcome.team, f"duplicate of {seen_games[key]}"))
        elif team_key in seen_teams:
            rejected.append(Rejected(outcome.path, outcome.team,
                                     f"the team name '{outcome.team}' was already handed in by {seen_teams[team_key]}; "
                                     "teams need distinct names"))
        else:
            seen_games[key] = outcome.path
            seen_teams[team_key] = outcome.path
            accepted.append(outcome)
    return accepted, rejected
