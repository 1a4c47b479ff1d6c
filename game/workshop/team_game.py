"""One team's game in a debrief: its verified result and its review (analysis/review.py), as the room's
sections (discussion.py, room_events.py) read it."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.review import Review
from ..views.standings import team_label
from .verify import Verified


@dataclass
class TeamGame:
    team: str
    verified: Verified
    review: Review

    @property
    def label(self) -> str:
        """The name as the debrief shows it (a bot's marked: views.standings.team_label); `team` is the key."""
        return team_label(self.team, self.verified.bot)

    @property
    def session(self):
        return self.verified.session

    def timed_out_turns(self) -> list[int]:
        return [t for t, d in enumerate(self.session.log, 1) if d.timed_out]
