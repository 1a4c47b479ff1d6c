"""Handing in a workshop game: the result file written when a game ends, and the turn clock's length.

Shared by terminal play, the graphical game and hot-seat mode, which all keep
the workshop in Session.meta (saved with the game, so Continue keeps it).
"""

from __future__ import annotations

from pathlib import Path

from ..session import Session
from .files import Workshop, WorkshopError, check_turn_seconds, result_filename, result_of, results_dir, workshop_from_json, write_result


def workshop_meta(workshop: Workshop, team: str, workshop_path: Path | None = None) -> dict:
    """What Session.meta holds for a workshop game."""
    meta = {"team": team, "workshop": workshop.to_json()}
    if workshop_path is not None:
        meta["workshop_path"] = str(Path(workshop_path).resolve())
    return meta


def workshop_of(session: Session) -> Workshop | None:
    """The workshop a game belongs to, checked like a workshop file (a save is a file too)."""
    info = session.meta.get("workshop")
    if not info:
        return None
    try:
        return workshop_from_json(info, None)
    except WorkshopError as exc:
        raise WorkshopError(f"the workshop this saved game belongs to is damaged: {exc}") from None


def result_path(session: Session) -> Path | None:
    """Where this workshop game's result file goes (None outside a workshop)."""
    ws = workshop_of(session)
    if ws is None:
        return None
    return results_dir() / result_filename(ws, session.meta["team"])


def hand_in(session: Session) -> Path | None:
    """Write a finished workshop game's result file; returns where, or None outside a workshop."""
    ws = workshop_of(session)
    if ws is None or not session.done:
        return None
    team = session.meta["team"]
    return write_result(result_of(session, ws, team), results_dir() / result_filename(ws, team))


def turn_seconds(session: Session) -> int | None:
    """The workshop's turn clock, checked with the rule of `workshop new` (a save is a file too)."""
    info = session.meta.get("workshop") or {}
    try:
        return check_turn_seconds(info.get("turn_seconds"))
    except WorkshopError as exc:
        raise WorkshopError(f"the workshop this saved game belongs to is damaged: {exc}") from None
