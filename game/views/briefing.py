"""The start of a game (or its continuation): the scenario's briefing, the first phase, how scoring works."""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session
from .debrief import score_briefing
from .phase import PhaseChange, phase_change
from . import words


@dataclass(frozen=True)
class Briefing:
    title: str
    text: str
    facts: str  # "30 turns, seed 3"
    continuing: str | None  # "Continuing at turn 5 of 30." for a loaded game, else None
    phase: PhaseChange  # the first phase
    score: str  # how the score is counted, in one line


def rules_line(scenario) -> str:
    """'24 turns, 3 action points a turn. Phases: Startup, Mature company.'"""
    phases = ", ".join(p.title for p in scenario.phases)
    return f"{scenario.turns} turns, {scenario.action_points} action points a turn. Phases: {phases}."


def reflowed(text: str) -> str:
    """A scenario's story as paragraphs, each on one line: an author's own line breaks (a YAML block
    wrapped at the editor's width, a line shortened after an edit) would otherwise break the terminal's
    lines in mid-sentence ('... Northwind stops' / 'being a startup'); blank lines stay paragraph breaks."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


def briefing(session: Session) -> Briefing:
    sc = session.scenario
    continuing = f"Continuing at turn {session.turn + 1} of {sc.turns}." if session.turn > 0 else None
    if session.done:  # "Continuing at turn 31 of 30" was said of a finished game (player s6 finding 8)
        continuing = (f"This game is finished: {session.score():.1f} points after "
                      f"{words.plural(session.turn, 'turn')}. Its debrief and review follow.")
    return Briefing(sc.title, reflowed(sc.briefing), f"{sc.turns} turns, seed {session.seed}", continuing,
                    phase_change(session, 0, first=True), score_briefing(session))
