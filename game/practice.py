"""Practice from the review: a copy of a game at the start of one of its turns, to try that turn again.

The review names a costly turn and a better decision there. Taking back turn after turn to reach it
lost the game it was about (the take-backs rewrite that game) and left the player to replay every later
turn from memory (player s6 finding 1). A practice copy is a new game instead: the same scenario, seed
and difficulty, with decisions 1..N-1 replayed through Session.decide, so up to turn N it is the
original game bit for bit (same log, same state, same luck), and from there it is the player's. It is
saved in a file of its own; the original save is only read.

The copy's meta["practice"] keeps what the player needs while practising, as data: each turn's decision
in the original game, the original's score, and the review's better decision at turn N. The words for
them are in views/practice.py. Nothing here reads or writes files but `save_practice`.
"""

from __future__ import annotations

import time
from pathlib import Path

from .session import Decision, DecisionError, Session


def cannot_practise(original: Session, turn: int) -> str | None:
    """Why turn `turn` of `original` cannot be tried again in a practice copy; None when it can."""
    if original.meta.get("workshop") or original.meta.get("hotseat"):
        return ("turns cannot be tried again in a workshop or hot-seat game: everyone plays the same game once "
                "(practise on a game of your own)")
    if original.turn == 0:
        return "no turn has been played in this game yet"
    if not 1 <= turn <= original.turn:
        return f"this game has turns 1 to {original.turn} to try again; there is no turn {turn}"
    return None


def practice_copy(original: Session, turn: int, better: Decision | None = None,
                  source: Path | None = None) -> Session:
    """A new game at the start of turn `turn` of `original`: its decisions 1..turn-1 replayed exactly.

    `better` is the review's better decision at that turn (shown when the turn comes), `source` the
    original's save file (named in the practice's notes). Raises DecisionError saying why it cannot be."""
    reason = cannot_practise(original, turn)
    if reason:
        raise DecisionError(f"cannot try turn {turn} again: {reason}")
    copy = original.replayed(turn - 1)
    copy.meta = {"practice": {
        "from_turn": turn,
        "of": str(source) if source is not None else None,
        # unrounded: shown to one decimal beside the original's own score, a 3-decimal copy rounded twice
        # (785.15 -> "785.1" where the game-over screen and the review said "785.2"; s7 player 3, finding 5)
        "score": original.score(),
        "finished": original.done,
        "turns_played": original.turn,
        "log": [d.to_json() for d in original.log],
        "better": better.to_json() if better is not None and better != original.log[turn - 1] else None,
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }}
    return copy


def practice_info(session: Session) -> dict | None:
    """The practice's record (see practice_copy), checked: None for a game that is no practice, or whose
    record a hand-edited save made unusable (a practice note is a help, never a reason to fail)."""
    info = session.meta.get("practice")
    if not isinstance(info, dict) or type(info.get("from_turn")) is not int or not isinstance(info.get("log"), list):
        return None
    if type(info.get("score")) not in (int, float):
        return None
    return info


def original_decision(session: Session, turn: int) -> Decision | None:
    """What the player decided at `turn` in the original game; None past its end (or a damaged record)."""
    info = practice_info(session)
    if info is None or not 1 <= turn <= len(info["log"]):
        return None
    try:
        return Decision.from_json(info["log"][turn - 1])
    except DecisionError:
        return None


def better_decision(session: Session) -> Decision | None:
    """The review's better decision at the practised turn (None when the original's was the best found)."""
    info = practice_info(session)
    if info is None or info.get("better") is None:
        return None
    try:
        return Decision.from_json(info["better"])
    except DecisionError:
        return None


def practice_path(copy: Session, folder: Path) -> Path:
    """A new file in `folder` for the copy, named as a practice of its game: scenario, seed, the turn it
    starts at and when ('tutorial-seed238579-practice-from-turn2-20261202-031500.json')."""
    info = practice_info(copy) or {}
    base = (f"{copy.scenario.id}-seed{copy.seed}-practice-from-turn{info.get('from_turn', copy.turn + 1)}-"
            f"{time.strftime('%Y%m%d-%H%M%S')}")
    path, n = folder / f"{base}.json", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}.json"
    return path


def save_practice(copy: Session, folder: Path, path: Path | None = None) -> Path:
    """Write the copy to its own file (a new one in `folder`, or `path`) before it is played: Load lists it
    at once, and its later saves go there. OSError when it cannot be written."""
    from . import saves

    path = Path(path) if path is not None else practice_path(copy, folder)
    saves.save(copy, path)
    return path
