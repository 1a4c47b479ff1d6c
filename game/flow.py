"""The turn flow: which screen the player is owed next, the same for every front-end.

After a turn is decided the player first reads its report, then the phase
that began with it, then the ending when the game is over; a new turn opens
with its event, if there is one, and then the dashboard where the turn is
decided. A new game opens with its first phase.

A front-end keeps one `Progress` (what it has shown) and asks `next_screen`
each time a screen closes; it never carries the flow in flags of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .session import Session


class Screen(StrEnum):
    REPORT = "report"  # the report of the turn just played: session.reports[-1]
    PHASE = "phase"  # the phase that began (or the first phase of a new game)
    DEBRIEF = "debrief"  # the game is over
    EVENT = "event"  # this turn's event waits for an answer
    DECIDE = "decide"  # the dashboard: pick actions and end the turn


@dataclass
class Progress:
    """What a front-end has shown the player so far.

    report_turn: the last turn whose report was shown; phase_turn: the turn count at which the
    phase on screen last was introduced (-1: not even the first one); answered: this turn's
    event has an answer waiting in the front-end (it is sent with the decision).
    """

    report_turn: int
    phase_turn: int
    answered: bool = False

    @classmethod
    def new(cls, session: Session, intro: bool | None = None) -> "Progress":
        """Nothing owed yet but, for a game not begun (or `intro`), the first phase."""
        intro = session.turn == 0 if intro is None else intro
        return cls(report_turn=session.turn, phase_turn=-1 if intro else phase_began(session))

    def saw(self, screen: Screen, session: Session) -> None:
        """The player has seen (closed) this screen."""
        if screen is Screen.REPORT:
            self.report_turn = session.reports[-1].turn if session.reports else session.turn
        elif screen is Screen.PHASE:
            self.phase_turn = phase_began(session)
        elif screen is Screen.EVENT:
            self.answered = True

    def decided(self) -> None:
        """A turn was decided: its answer went with it."""
        self.answered = False


def phase_began(session: Session) -> int:
    """The number of turns played when the current phase began (0 for the first phase)."""
    return session.phase_history.index(session.phase_history[-1])


def next_screen(session: Session, progress: Progress) -> Screen:
    """The screen the player is owed now: report, phase change, debrief, event, or the dashboard."""
    if session.reports and session.reports[-1].turn > progress.report_turn:
        return Screen.REPORT
    if phase_began(session) > progress.phase_turn:
        return Screen.PHASE
    if session.done:
        return Screen.DEBRIEF
    if session.event is not None and not progress.answered:
        return Screen.EVENT
    return Screen.DECIDE
