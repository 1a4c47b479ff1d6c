"""Standings: the hot seat's table of all teams (and its reveal of hidden drivers), and the workshop's
leaderboard of verified results.

A table is rows of cells, one cell per team, in the teams' order; a cell has
its text and, for metrics, the change since the team's last turn with its
verdict and the level on the metric's scale (0 to 1).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..hotseat import HotSeat, Team
from ..session import Session
from . import goal, words

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
    return Cell(goal.value_text(session.scenario, m, value), change, words.verdict(change, spec.good), level)


# --- the one tie rule -----------------------------------------------------------------------------------
def competition_ranks(values: list[float]) -> list[int]:
    """Standard competition ranking ("1224"), higher first, for every screen that ranks teams (workshop report,
    slides, hot seat, console, projector). Values equal as every screen writes them (one decimal,
    words.shown) share a rank, and the next rank skips the places they share: 1, 1, 3. So no table separates
    two numbers that read the same, and no screen ranks a team differently from another."""
    keys = [words.shown(v) for v in values]
    first: dict[float, int] = {}
    for place, key in enumerate(sorted(keys, reverse=True), 1):
        first.setdefault(key, place)
    return [first[k] for k in keys]


def rank_text(rank: int, tied: bool) -> str:
    """'4' or, when another team shares the rank, '4='."""
    return f"{rank}=" if tied else str(rank)


def ties(ranks: list[int]) -> list[bool]:
    """For each rank: does another entry share it?"""
    counts: dict[int, int] = {}
    for r in ranks:
        counts[r] = counts.get(r, 0) + 1
    return [counts[r] > 1 for r in ranks]


def hotseat_ranks(hs: HotSeat) -> dict[int, int]:
    """Each team's rank (by team index) under the one tie rule: final score once every game is over, score per
    turn while teams are a turn apart."""
    values = hs.rank_values()
    ranks = competition_ranks([values[t.index] for t in hs.teams])
    return {t.index: r for t, r in zip(hs.teams, ranks)}


def ranked(hs: HotSeat) -> list[tuple[int, Team]]:
    """(rank, team), best first; tied teams keep the hot seat's order."""
    ranks = hotseat_ranks(hs)
    return [(ranks[t.index], t) for t in hs.ranking()]


def _heads(teams: list[Team]) -> tuple[TeamHead, ...]:
    return tuple(TeamHead(t.name, t.index, t.done) for t in teams)


def standings(hs: HotSeat, order: list[Team] | None = None) -> Table:
    """Score and rank, the visible metrics, phase, turns played and status of every team."""
    teams = order or hs.teams
    s0 = hs.teams[0].session
    ranks = hotseat_ranks(hs)
    rows = [Row("Final score, rank" if hs.finished else "Score so far, rank", "score",
                tuple(Cell(f"{t.session.score():.1f}", rank=ranks[t.index]) for t in teams))]
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
# On Guided every turn report and dashboard show the hidden drivers (trainer 2's s6 finding 3): the reveal
# then shows nothing the teams could not see, and must not say it does.
REVEAL_HEADING_GUIDED = "The hidden drivers (on Guided the teams saw them every turn)"


def reveal_heading(difficulty: str) -> str:
    """The reveal's heading for the room's difficulty: only on Standard and Expert were the drivers unseen."""
    return REVEAL_HEADING_GUIDED if difficulty == "guided" else REVEAL_HEADING


def score_so_far_note(scenario) -> str:
    """What a score during play is (trainer 2's s6 finding 9: 46.6, 191.6, 241.8 on the projector, final scores
    near 700): the score is the weighted metrics averaged over ALL the game's turns (model/scoring.py), so a
    turn not yet played counts zero and the running value is the points collected so far, growing to the
    final score (its ending's bonus or penalty aside). One line, to fit under a 1280 px projector's board.
    Said once, for every screen that shows a score during play."""
    from ..model.scoring import SCALE

    return f"Score so far: up to {SCALE / scenario.turns:.0f} points a turn, adding up to the final score (of {SCALE:,.0f})"


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


# The hot seat's rule while teams are turns apart. Not "per turn played": a game that ended early counts every
# turn of the scenario (hotseat.turns_counted), and the projector's 130.6 beside 10.9 after 5 turns looked like
# a sum gone wrong (trainer s7 finding 4); per_turn_text says which turns a figure is over.
PER_TURN = "ranks compare score per turn"


def per_turn_text(per_turn: float, session) -> str:
    """The figure a per-turn ranking compares, with what it is over when that is not the turns played: '26.1'
    after 5 turns of a game still going, '10.9 (÷ 12)' for a game lost at turn 5 of 12 (the turns it did not
    play count as nothing, so stopping early is not rewarded)."""
    early = session.done and session.turn < session.scenario.turns
    return f"{per_turn:.1f} (÷ {session.scenario.turns})" if early else f"{per_turn:.1f}"


BY_BOT_TIP = ("turns a bot decided: the server's bot standing in for the team, or every turn of a team a bot "
              "plays (marked (bot)) but those the clock took")
PER_TURN_TIP = ("score ÷ turns played (a game that ended early: ÷ all the game's turns, which it is ranked by): what the "
                "rank (#) compares at free pace and while teams are turns apart, as the projector shows it")


def round_line(hs: HotSeat) -> str:
    return f"Round {hs.round} of {hs.scenario.turns}  •  {PER_TURN}"


ORDERED_BY_FINAL = "ordered by final score"
BOT_MARK = "(bot)"  # the one mark after a bot team's name, wherever a team's name is shown (team_label)


def team_label(name: str, bot: bool) -> str:
    """A team's name as every screen shows it: 'Robo Table (bot)' for a team a bot played (a workshop's bot at
    an empty table), the name alone for a team of people. The report, every slide and chart of the debrief, the
    projector and the console write a bot team this way and no other ('(bot: adaptive)' in one place, '(bot)'
    in another and nothing in a third was a trainer's finding), so a room never mistakes a bot for a table."""
    return f"{name} {BOT_MARK}" if bot else name


def best_people(entries: list, is_bot) -> tuple[list, bool]:
    """The teams a debrief holds up as the best: the top-ranked of those played by people (a bot at an empty
    table is never the room's hero), or the top-ranked bots when no team of people finished. `entries` are
    best first, each with a `rank`; returns (the best, whether they are bots)."""
    people = [e for e in entries if not is_bot(e)]
    pool = people or list(entries)
    top = min((e.rank for e in pool), default=None)
    return [e for e in pool if e.rank == top], not people


@dataclass(frozen=True)
class _Ranked:
    rank: int
    team: Team


def winner_parts(hs: HotSeat, bots=frozenset()) -> tuple[str, tuple[str, ...], str]:
    """('winner:', ('Red',), ' with a score of 586.7'), or ('a tie for first:', ('Red', 'Blue'), ', each with ...'):
    the names apart, so a screen short of room (the projector) can cut a long name and keep the score.
    `bots`: the names of bot teams; a bot ahead of every team of people is not the line's winner, the best
    team of people is ('best team of people: ...'; the standings still show the bot's place), unless only
    bots finished ('winner (a bot): ...')."""
    chosen, all_bots = best_people([_Ranked(r, t) for r, t in ranked(hs)], lambda p: p.team.name in bots)
    best = [p.team for p in chosen]
    lead, before_score = winner_words(len(best), all_bots, chosen[0].rank == 1)
    return lead, tuple(t.name for t in best), before_score + f"{best[0].session.score():.1f}"


def winner_words(count: int, bots: bool, first: bool) -> tuple[str, str]:
    """The winner line's words around the names: ('winner:', ' with a score of '), for `count` teams that are
    `bots` or people, at rank 1 (`first`) or behind a bot."""
    one = count == 1
    if bots:
        lead = "winner (a bot):" if one else "a tie for first (bots):"
    elif not first:
        lead = "best team of people:" if one else "best teams of people, tied:"
    else:
        lead = "winner:" if one else "a tie for first:"
    return lead, " with a score of " if one else ", each with a score of "


def winner_line(hs: HotSeat) -> str:
    """'winner: Red with a score of 586.7', or 'a tie: Red and Blue, each with ...' when the top rank is shared."""
    lead, names, score = winner_parts(hs)
    return f"{hs.scenario.title}  •  {lead} {words.joined(list(names))}{score}  •  {ORDERED_BY_FINAL}"


# --- the workshop's leaderboard -------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    id: str
    points: float
    rank: int  # among all teams, by this part (the one tie rule)
    tied: bool = False

    @property
    def rank_text(self) -> str:
        return rank_text(self.rank, self.tied)


@dataclass(frozen=True)
class Entry:
    rank: int
    team: str
    policy: str | None  # a bot's name when a bot played
    score: float
    outcome: words.Outcome
    ending: str  # the ending's title
    parts: tuple[Part, ...]
    tied: bool = False  # another team has the same score (as shown) and so the same rank

    @property
    def rank_text(self) -> str:
        return rank_text(self.rank, self.tied)


@dataclass(frozen=True)
class Leaderboard:
    part_titles: tuple[str, ...]  # one per score part, as the columns say them
    entries: tuple[Entry, ...]  # best first; equal scores (as shown) share a rank and are ordered by team name

    @property
    def winners(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.rank == 1)


ORDER_NOTE = "teams in order of their final score (equal scores by name)"  # said once, where a report begins


def name_key(team: str) -> tuple:
    """A team name as people sort it: letters without their accents and case first ('Équipe' between 'Delta'
    and 'Fox', not after 'Zulu'), then the name as written, so the order is total."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", team) if not unicodedata.combining(c))
    return (plain.casefold(), team.casefold(), team)


def standing_key(team: str, score: float) -> tuple:
    """The one order of a room's teams: best final score first (as every screen writes it, one decimal), equal
    scores by team name (name_key). The leaderboard, every section, chart and slide of the debrief and
    turns.csv follow it, so a trainer finds a team in the same place everywhere (a fresh trainer's finding 9)."""
    return (-words.shown(score), *name_key(team))


def leaderboard(results: list[tuple[str, Session, str | None]]) -> Leaderboard:
    """(team, replayed session, bot policy or None) for each verified result, ranked by score under the one
    tie rule; each score part is ranked the same way."""
    if not results:
        return Leaderboard((), ())
    ordered = sorted(results, key=lambda r: standing_key(r[0], r[1].score()))
    ranks = competition_ranks([s.score() for _, s, _ in ordered])
    tied = ties(ranks)
    parts = list(ordered[0][1].score_breakdown())
    breakdowns = [s.score_breakdown() for _, s, _ in ordered]
    part_ranks = {p: competition_ranks([b[p] for b in breakdowns]) for p in parts}
    part_ties = {p: ties(r) for p, r in part_ranks.items()}
    shown = [words.shown_parts(b, s.score()) for b, (_, s, _) in zip(breakdowns, ordered)]  # add up as written
    sc = ordered[0][1].scenario
    titles = tuple(sc.metrics[p].title or p if p in sc.metrics else "Ending" for p in parts)
    entries = tuple(Entry(ranks[i], team, policy, s.score(), words.outcome_of(s), s.ending.title if s.ending else "",
                          tuple(Part(p, shown[i][p], part_ranks[p][i], part_ties[p][i]) for p in parts),
                          tied[i])
                    for i, (team, s, policy) in enumerate(ordered))
    return Leaderboard(titles, entries)
