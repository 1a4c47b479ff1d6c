"""Standings: the hot seat's table of all teams (and its reveal of hidden drivers), and the workshop's
leaderboard of verified results.

A table is rows of cells, one cell per team, in the teams' order; a cell has
its text and, for metrics, the change since the team's last turn with its
verdict and the level on the metric's scale (0 to 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..hotseat import HotSeat, Team
from ..session import Session
from . import words

# The order in which the reveal lists the hidden drivers (the scenario's own extra metrics come last).
HIDDEN_ORDER = ("trust", "stress", "process", "initiative", "skill", *words.SKILLS)


@dataclass(frozen=True)
class Cell:
    text: str
    change: float | None = None  # since the team's last turn (metric rows)
    verdict: words.Verdict = words.Verdict.SAME
    level: float | None = None  # 0 to 1 on the metric's scale (metric rows)
    rank: int | None = None  # score row

    @property
    def direction(self) -> words.Direction:
        return words.direction(self.change)

    @property
    def change_text(self) -> str:
        return words.signed(self.change) if self.change is not None else ""


@dataclass(frozen=True)
class Row:
    label: str
    kind: str  # "score", "metric", "text", "status"
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TeamHead:
    name: str
    index: int  # 0-based: picks marker colour and shape
    done: bool


@dataclass(frozen=True)
class Table:
    teams: tuple[TeamHead, ...]
    rows: tuple[Row, ...]


def status(session: Session) -> str:
    """'WIN: The company thrives', 'in crisis', 'playing'."""
    if session.done:
        ending = session.ending
        if ending.kind in ("win", "loss"):
            return f"{words.OUTCOME_WORDS[words.Outcome(ending.kind)]}: {ending.title}"
        return ending.title
    return "in crisis" if session.active_crises() else "playing"


def metric_cell(session: Session, m: str) -> Cell:
    spec = session.scenario.metrics[m]
    value = session.value(m)
    change = value - session.previous_values()[m] if session.turn else None
    level = max(0.0, min(1.0, (value - spec.min) / max(1e-9, spec.max - spec.min)))
    return Cell(f"{value:.0f}{spec.unit}", change, words.verdict(change, spec.good), level)


def _heads(teams: list[Team]) -> tuple[TeamHead, ...]:
    return tuple(TeamHead(t.name, t.index, t.done) for t in teams)


def standings(hs: HotSeat, order: list[Team] | None = None) -> Table:
    """Score and rank, the visible metrics, phase, turns played and status of every team."""
    teams = order or hs.teams
    s0 = hs.teams[0].session
    rows = [Row("Final score, rank" if hs.finished else "Score so far, rank", "score",
                tuple(Cell(f"{t.session.score():.1f}", rank=hs.rank_of(t)) for t in teams))]
    for m in s0.visible_metrics():
        rows.append(Row(s0.scenario.metrics[m].title or m, "metric", tuple(metric_cell(t.session, m) for t in teams)))
    rows.append(Row("Phase", "text", tuple(Cell(t.session.phase_spec.title) for t in teams)))
    rows.append(Row("Turns played", "text", tuple(Cell(f"{t.session.turn} of {t.session.scenario.turns}")
                                                  for t in teams)))
    rows.append(Row("Status", "status", tuple(Cell(status(t.session)) for t in teams)))
    return Table(_heads(teams), tuple(rows))


def hidden(hs: HotSeat, order: list[Team] | None = None) -> Table:
    """The facilitator's reveal: every team's hidden drivers, which the dashboards never show."""
    teams = order or hs.teams
    s0 = hs.teams[0].session
    ids = [m for m, spec in s0.scenario.metrics.items() if not spec.visible]
    ids.sort(key=lambda m: HIDDEN_ORDER.index(m) if m in HIDDEN_ORDER else len(HIDDEN_ORDER))
    rows = []
    for m in ids:
        spec = s0.scenario.metrics[m]
        label = spec.title or m
        if spec.good == "lower":
            label += "  (lower is better)"
        rows.append(Row(label, "metric", tuple(metric_cell(t.session, m) for t in teams)))
    return Table(_heads(teams), tuple(rows))


REVEAL_HEADING = "Hidden effects: what the dashboards do not show"
REVEAL_LINE = "Trust, stress, process maturity, ownership and skills of every team; arrows: change in its last turn"


def handover_line(hs: HotSeat) -> str:
    """Under the hand-over's heading: the workshop, the round, how teams are compared."""
    where = f"Workshop '{hs.workshop_name}'  •  " if hs.workshop_name else ""
    resumed = "  •  resumed from the autosave" if hs.resumed else ""
    return (f"{where}Round {hs.round} of {hs.scenario.turns}  •  every team plays the same scenario and "
            f"seed; ranks compare score per turn{resumed}")


def next_line(team: Team) -> str:
    return f"Next: {team.name}, turn {team.session.turn + 1}. Hand over the keyboard and mouse."


def handed_in_line(paths) -> str:
    """Where the finished teams' result files are, for the facilitator."""
    paths = list(paths)
    return (f"Result files to hand in, in the folder {paths[0].parent}: "
            + ", ".join(p.name for p in paths) + ". Give them to leadsim debrief.")


def round_line(hs: HotSeat) -> str:
    return f"Round {hs.round} of {hs.scenario.turns}  •  ranks compare score per turn played"


def winner_line(hs: HotSeat) -> str:
    best = hs.ranking()[0]
    return (f"{hs.scenario.title}  •  winner: {best.name} with a score of {best.session.score():.1f}"
            "  •  ordered by final score")


# --- the workshop's leaderboard -------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    id: str
    points: float
    rank: int  # among all teams, by this part


@dataclass(frozen=True)
class Entry:
    rank: int
    team: str
    policy: str | None  # a bot's name when a bot played
    score: float
    outcome: words.Outcome
    ending: str  # the ending's title
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Leaderboard:
    part_titles: tuple[str, ...]  # one per score part, as the columns say them
    entries: tuple[Entry, ...]  # best first; equal scores are ordered by team name


def leaderboard(results: list[tuple[str, Session, str | None]]) -> Leaderboard:
    """(team, replayed session, bot policy or None) for each verified result, ranked by score."""
    if not results:
        return Leaderboard((), ())
    ranked = sorted(results, key=lambda r: (-r[1].score(), r[0].casefold()))
    parts = list(ranked[0][1].score_breakdown())
    breakdowns = {team: s.score_breakdown() for team, s, _ in results}
    part_rank: dict[str, dict[str, int]] = {team: {} for team, _, _ in results}
    for p in parts:
        for i, (team, _, _) in enumerate(sorted(results, key=lambda r: -breakdowns[r[0]][p]), 1):
            part_rank[team][p] = i
    sc = ranked[0][1].scenario
    titles = tuple(sc.metrics[p].title or p if p in sc.metrics else "Ending" for p in parts)
    entries = tuple(Entry(i, team, policy, s.score(), words.outcome_of(s), s.ending.title if s.ending else "",
                          tuple(Part(p, breakdowns[team][p], part_rank[team][p]) for p in parts))
                    for i, (team, s, policy) in enumerate(ranked, 1))
    return Leaderboard(titles, entries)
