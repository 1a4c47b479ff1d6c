"""The join page of the browser workshop: joining as a new team, or coming back with a rejoin code.

Only the web has this screen, but its words are the game's: they live here so that the page only maps
them to HTML. The team-name rule is the one `check_team` applies (workshop.files.TEAM_RULE), said the
same way on the page and in its refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..workshop.files import TEAM_RULE

# Why a new team cannot join now: said on the join page at once (a latecomer after the end saw an open form and
# learnt it only after pressing Join, s6), and as the refusal of a join posted anyway.
ENDED = "This workshop has ended: no new team can join. Ask the facilitator; a team that played can still come back " \
        "to its game with its rejoin code below."
JOINING_CLOSED = "Joining is closed: the facilitator has closed this workshop to new teams. If your team is already " \
                 "in, use its rejoin code below."


def name_refused(short: str) -> str:
    """A refused team name on the join page, whose rule is shown under “Team name” already."""
    return f"{short[0].upper()}{short[1:]}. The rule is under “Team name”."


@dataclass(frozen=True)
class Join:
    title: str  # the browser tab's
    heading: str
    lead: str
    new_team: str  # the heading of the new-team form
    team_label: str
    team_rule: str
    code_label: str | None  # a workshop's join code; None in free practice (a scenario is chosen instead)
    scenario_legend: str | None
    join: str  # the button
    back_heading: str
    back_text: str
    rejoin_label: str
    rejoin: str  # the button
    closed: str | None = None  # why no new team can join now (ENDED, JOINING_CLOSED): the form is not offered


def join_page(workshop: str | None, closed: str | None = None) -> Join:
    """The join page of a workshop called `workshop`, or of free practice (None); `closed`: why no new team
    can join now (the room has ended, or joining is closed), shown instead of the new-team form."""
    about = "A turn-based game about leading and managing a team."
    if workshop is not None:
        heading = f"Join the workshop “{workshop}”"
        lead = f"{about} Your team plays the same company and the same luck as every other team in the room."
    else:
        heading, lead = "Play Leadsim: free practice", f"{about} Choose a scenario and play it on your own."
    return Join(
        title="Join", heading=heading, lead=lead, new_team="New team", team_label="Team name",
        team_rule=f"Use {TEAM_RULE}.",
        code_label="Workshop code (on the projector)" if workshop is not None else None,
        scenario_legend="Scenario" if workshop is None else None, join="Join",
        back_heading="Back to your game",
        back_text="Closed the tab, lost the Wi-Fi or changed device? Type the rejoin code shown next to your "
                  "team's name at the top of its pages.",
        rejoin_label="Rejoin code", rejoin="Rejoin", closed=closed)
