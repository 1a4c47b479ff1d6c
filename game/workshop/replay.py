"""A result file's game, replayed: the one way every reader of hand-in results gets at the real game.

A result file's claims (score, outcome, ending) are only there to be checked;
what counts is its decision log replayed on its scenario and seed. Debrief
verification (verify.py), the history of workshops and the game review
(`leadsim review RESULT`) all start from here, so a result is replayed and
judged by one set of rules wherever it is read.
"""

from __future__ import annotations

from pathlib import Path

from ..session import Decision, DecisionError, Session
from .files import RESULT_VERSION, Workshop, WorkshopError

SCORE_TOLERANCE = 1e-3


def workshop_of(result: dict, path: Path) -> Workshop:
    """The workshop a checked result claims; its scenario is taken only from the result's own folder (or built in)."""
    settings = result.get("settings") or {}
    return Workshop(result["workshop"], str(result.get("scenario") or result.get("scenario_id") or ""),
                    result["scenario_sha256"], str(result.get("scenario_id", "")), result["seed"],
                    settings.get("difficulty", "standard"), settings.get("turn_seconds"), Path(path))


def replay(result: dict, workshop: Workshop) -> Session:
    """The result's decisions played on the workshop's scenario, seed and difficulty; WorkshopError when a
    decision does not replay (the file was edited, or belongs to another scenario)."""
    loaded = workshop.load_scenario()
    session = Session(loaded, workshop.seed, workshop.difficulty)
    for turn, entry in enumerate(result["log"], 1):
        try:
            session.decide(Decision.from_json(entry))
        except DecisionError as exc:
            raise WorkshopError(f"its decision log does not replay: turn {turn}: {exc}") from None
    return session


def replay_result(result: dict, path: Path) -> Session:
    """A checked result's game, replayed on its own scenario (built in, or from the result's own folder)."""
    return replay(result, workshop_of(result, path))


def false_claim(result: dict, session: Session) -> str | None:
    """What the result claims that its replay does not give (score, outcome, ending), or None.

    Results written by the model before the compiled one (version 1) make no claim that is compared:
    their last digits came from other arithmetic, so only the replay counts.
    """
    if result["version"] < RESULT_VERSION:
        return None
    claimed, real = float(result["score"]), session.score()
    if not abs(claimed - real) <= SCORE_TOLERANCE:  # written so that NaN fails too
        return f"it claims a score of {claimed:.1f}, but replaying its decisions gives {real:.1f}"
    ending = session.ending
    if result["outcome"] != (ending.kind if ending else "running"):
        return f"it claims the outcome '{result['outcome']}', but the replay ends '{ending.kind if ending else 'running'}'"
    if result.get("ending") not in (None, ending.id if ending else None):
        return f"it claims the ending '{result.get('ending')}', but the replay ends '{ending.id}'"
    return None


def unfinished(session: Session) -> str | None:
    """Why a replayed game cannot be ranked yet (it stopped before the end), or None."""
    if session.done:
        return None
    return f"the game was not finished (stopped after turn {session.turn} of {session.scenario.turns})"
