"""The screen a browser team sees while the room holds its play: waiting for the facilitator to start play,
paused, waiting for the next round, a bot standing in, or the workshop ended (which of them is game.web.live.held_kind's rule).

Every sentence of the screen is chosen here, so the page only maps it to HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session

KINDS = ("lobby", "paused", "waiting", "bot", "ended")
BACK_TO_LOBBY = "Back to the waiting page"  # the briefing's button before play starts (its turn is not open yet)


@dataclass(frozen=True)
class Held:
    kind: str  # one of KINDS: the page's mark and CSS class
    title: str  # the browser tab's
    heading: str
    lead: str | None
    note: str | None
    link: str | None  # the button to the team's latest turn report (None before the first turn)
    report_turn: int  # the turn that link opens
    href: str | None = None  # where `link` goes when it is not a turn report (the waiting page: the briefing)
    teams_heading: str | None = None  # the waiting page: who is in the room
    teams: tuple[tuple[str, str], ...] = ()  # (team name, "your team" or "")


def held(kind: str, session: Session, all_decided: bool = False, time_up: str | None = None,
         teams: tuple[str, ...] = (), own: str = "") -> Held:
    """The held screen of `kind` for a team's game; `all_decided`: the room opens a round once every team
    has decided; `time_up`: what the clock did to the last turn, if it ran out; `teams`, `own`: the waiting
    page's list of the teams in the room (in the order they joined) and the name of the team looking at it."""
    if kind not in KINDS:
        raise ValueError(f"unknown held screen {kind!r}")
    turn, turns = session.turn, session.scenario.turns
    nxt = turn + 1
    if kind == "lobby":
        return Held(kind, "Waiting for the start", "The facilitator will start the game",
                    f"Your team is in. When the facilitator starts play, turn 1 of {turns} opens; until then no "
                    "clock runs.",
                    "This page goes on to your game by itself as soon as play starts.",
                    "Read the briefing while you wait", turn, href="/briefing",
                    teams_heading=f"In the room now: {len(teams)} {'team' if len(teams) == 1 else 'teams'}",
                    teams=tuple((name, "your team" if name == own else "") for name in teams))
    if kind == "paused":
        return Held(kind, "Paused", "Paused",
                    "The facilitator has paused the room. Every clock is stopped and nothing is lost.",
                    "This page goes back to your game by itself as soon as play resumes.", None, turn)
    if kind == "waiting":
        lead = f"Turn {turn}: {time_up}" if time_up else f"Your team has decided turn {turn}." if turn else None
        how = ("The next turn opens as soon as every team has decided." if all_decided and turn
               else "The facilitator opens the next turn for the whole room.")
        return Held(kind, f"Waiting for turn {nxt}", f"Turn {nxt} of {turns} opens for every team together",
                    lead, f"{how} This page goes on by itself.",
                    # (a turn the clock took: the team never read its report, so not 'again'; trainer s7 r4 f12)
                    (f"Read your turn {turn} report" + ("" if time_up else " again")) if turn else None, turn)
    if kind == "bot":
        where = f"; your game is at turn {nxt} of {turns}" if turn else ""
        return Held(kind, "A bot plays for your team", "A bot plays for your team",
                    f"The facilitator has let a bot play your team's turns while you were away{where}.",
                    "Ask the facilitator to give the team back to you; this page goes on by itself then.",
                    "Read your latest turn report" if turn else None, turn)
    early = "" if session.done else " before your game's last turn"
    return Held(kind, "The workshop has ended", "The workshop has ended",
                f"The facilitator has ended play{early}. Look at the projector: the debrief starts now.", None,
                "Your last turn's report" if turn else None, turn)
