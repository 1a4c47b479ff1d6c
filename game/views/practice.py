"""The words of a practice copy (game/practice.py): what it is, what the player chose at each turn in
the original game, the review's better decision at the practised turn, and how the practice compares.

Every front-end (window, terminal) draws these; none words them itself.
"""

from __future__ import annotations

from pathlib import Path

from .. import practice
from ..session import Session
from .controls import Control
from .words import decision_words  # words, not review: review imports debrief, which asks practice


def try_again(turn: int) -> Control:
    """The review's button (and the terminal's answer) that starts a practice copy at `turn`."""
    return Control(f"Try turn {turn} again",
                   f"Play a practice copy of this game from the start of turn {turn}: turns 1 to {turn - 1} as "
                   "you played them, the same luck, saved as a game of its own. This game stays as it is.")


PICK_TURN = Control("< >", "Another turn: its row shows beside the chart (Left and Right on the chart too)")


def started(session: Session, path: Path | None) -> str:
    """Said when a practice begins: what it is, where it is saved, and that the original is kept."""
    info = practice.practice_info(session) or {}
    where = f" It is saved as {path.name}." if path is not None else ""
    return (f"Practice from the start of turn {info.get('from_turn', session.turn + 1)}, on the same luck: your "
            f"original game is kept as it was.{where}")


def _original_score(info: dict) -> str:
    return (f"{info['score']:.1f} points" if info.get("finished")
            else f"{info['score']:.1f} points after turn {info.get('turns_played', '?')}")


def turn_lines(session: Session) -> tuple[str, ...]:
    """Above each turn of a practice: what it is a practice of and, for this turn, what the player chose
    in the original game; at the practised turn also the review's better decision. () for other games."""
    info = practice.practice_info(session)
    if info is None or session.done:
        return ()
    turn = session.turn + 1
    out = [f"Practice from turn {info['from_turn']} of your game that scored {_original_score(info)}."]
    chosen = practice.original_decision(session, turn)
    if chosen is not None:
        out.append(f"There, at turn {turn}, you chose: {decision_words(session, chosen)}.")
    if turn == info["from_turn"]:
        better = practice.better_decision(session)
        out.append(f"The review's better decision here: {decision_words(session, better)}." if better is not None
                   else "The review found no better decision here than yours: try your own idea.")
    return tuple(out)


def debrief_line(session: Session) -> str | None:
    """The practice's end against the original game's score (the debrief's first insight)."""
    info = practice.practice_info(session)
    if info is None:
        return None
    diff = session.score() - float(info["score"])
    than = "the same as" if abs(diff) < 0.05 else f"{abs(diff):.1f} points {'more' if diff > 0 else 'fewer'} than"
    return (f"Practice from turn {info['from_turn']}: {session.score():.1f} points, {than} your original game "
            f"({_original_score(info)}), which is kept as it was. Events can come on other turns when your "
            "decisions change the company.")


def cannot(reason: str) -> str:
    return f"Cannot start a practice: {reason}"


def not_saved(exc: OSError) -> str:
    return cannot(f"it could not be saved ({exc.strerror or exc})")


def not_a_turn(answer: str) -> str:
    return cannot(f"'{answer}' is not a turn number")


PICK_EXPLAINED = ("To practise, type a turn number: a practice copy of this game starts at that turn, "
                  "saved as a game of its own, and this game stays as it is. u takes back the last turn; Enter "
                  "finishes.")


def pick_prompt(costly: list[int], last: int) -> str:
    """The terminal's question after the review (under PICK_EXPLAINED), short enough for one line of 80."""
    costly_words = f"; costliest {', '.join(map(str, costly))}" if costly else ""
    return f"Turn to try again (1-{last}{costly_words}), u or Enter:"
