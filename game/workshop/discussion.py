"""What a room of teams did, for a 45-minute debrief discussion: computed from their replayed games.

The workshop report (report.py) and its slides draw from one `Room`: the
room's answers to each event side by side with what followed for each team,
the hidden drivers per team, a class summary (the room's mix per phase against
strong play, how many teams hit each crisis and each ending, the costly
mistakes the reviews found most often), the turns the clock decided, of
every team that played, finished or not (the event rounds are
room_events.py's; the discussion prompts, chosen from what happened in this
room, are room_prompts.py's). Every team's game
is reviewed (analysis/review.py) on the shared seed, so "strong play" means
the same game for every team.

Nothing here escapes or draws; report.py turns it into HTML and charts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..analysis.review import LABELS, review
from ..analysis.review_mix import StrongMix, is_close, shares, split_words, strong_mix, strong_words, \
    whole_game, whole_game_words
from ..session import CauseKind
from ..views.review import decision_words
from ..views.standings import standing_key
from ..views.words import joined, plural, signed
from .verify import Verified
from .room_events import EventRound, event_rounds
from .team_game import TeamGame

COSTLY = LABELS[1][1]  # a "mistake" or worse (15 points or more) is what the room discusses


@dataclass(frozen=True)
class Mistake:
    kind: str  # "skipped" (in the best decision, not taken) or "took" (taken, not in the best decision)
    action: str  # title
    teams: int
    turns: int
    points: float  # summed loss of those turns
    when: tuple[tuple[str, tuple[int, ...]], ...] = ()  # per phase (title) the game was in, the costly turns, by phase
    instead: tuple[tuple[str, str], ...] = ()  # per phase, what the better decision most often took in its place
    whose: tuple[tuple[str, tuple[str, ...]], ...] = ()  # per phase, the teams (labels) whose costly turns they are

    @property
    def verb(self) -> str:
        return "skipping" if self.kind == "skipped" else "taking"

    @property
    def words(self) -> str:
        return (f"{self.verb} '{self.action}': {self.teams} team{'s' if self.teams != 1 else ''}, "
                f"{self.turns} costly turn{'s' if self.turns != 1 else ''}{self.when_words}")

    @property
    def when_words(self) -> str:
        """When those turns were: ', all in Startup (turns 2 to 12)' or ' (17 in Startup, turns 2 to 12; 3 in
        Scale-up, turns 16 to 19)': a card costly in one phase can be a team's strongest turn in the next, and
        the room asks 'so was it good or bad?' (a trainer's s5 finding 1)."""
        if not self.when:
            return ""
        return f", {self.when_said}" if len(self.when) == 1 else f" ({self.when_said})"

    @property
    def when_said(self) -> str:
        """'all in Startup, turns 2 to 12' or '17 in Startup, turns 2 to 12; 3 in Scale-up, turn 16'."""
        span = turn_span
        if len(self.when) == 1:
            return f"all in {self.when[0][0]}, {span(self.when[0][1])}{self.whose_words(self.when[0][0])}"
        return "; ".join(f"{len(t)} in {phase}, {span(t)}{self.whose_words(phase)}" for phase, t in self.when)

    def whose_in(self, phase: str) -> tuple[str, ...]:
        return next((w for p, w in self.whose if p == phase), ())

    def whose_words(self, phase: str) -> str:
        """': Green Team': whose games those costly turns are in. A trainer's slides said 'Set clear goals' was
        costly at turn 8 and, three slides on, that it was the better decision at turn 8: two teams' games, but
        the room only heard 'turn 8' (s6 trainer 2, finding 1)."""
        names = self.whose_in(phase)
        return f": {team_names(names, 2)}" if names else ""

    def phase_turns(self, phase: str) -> tuple[int, ...]:
        return next((t for p, t in self.when if p == phase), ())

    def instead_in(self, phase: str) -> str:
        """The action the better decision most often took in its place at this pattern's costly turns of
        `phase` ('' for none, or for a skipped action)."""
        return next((a for p, a in self.instead if p == phase), "")


@dataclass(frozen=True)
class Clocked:
    """A team whose turns the clock decided (no actions, the event's first answer), its game finished or not.

    The debrief asks about time pressure with every such team: a trainer's room (s6, finding 2) left out the one
    unfinished team that had lost two turns to the clock, the very team the facilitator wanted to ask."""

    label: str  # the team as the debrief writes it (a bot's marked)
    turns: tuple[int, ...]
    finished: bool

    @property
    def words(self) -> str:
        """'Otters (turn 2)', 'Wolves (turns 2 and 8, not finished)'."""
        turns = f"turn{'s' if len(self.turns) > 1 else ''} {joined([str(t) for t in self.turns])}"
        return f"{self.label} ({turns}{'' if self.finished else ', not finished'})"


def clock_count_words(clocked: list[Clocked], teams: int, all_finished: bool = True) -> str:
    """'The clock decided 5 turns, for 4 of the 7 teams that played': the clock is what decided them, not the
    team (the facilitator's guide: ask about time pressure rather than blame); `teams`: every team that played
    a turn, finished or not. Other counts of the debrief are among the teams that finished (Room.of_teams), so
    this one says 'that played' when those are not everyone (count_words opens the debrief with both)."""
    lost = sum(len(c.turns) for c in clocked)
    return (f"The clock decided {plural(lost, 'turn')}, for {len(clocked)} of the {plural(teams, 'team')}"
            + ("" if all_finished else " that played"))


def clock_line(clocked: list[Clocked]) -> str:
    """The class summary's line: every team's turns the clock decided, unfinished games included."""
    if not clocked:
        return "The clock decided no team's turn: every turn was the team's own decision."
    return joined([c.words for c in clocked])


def clock_names(clocked: list[Clocked], most: int = 5) -> str:
    """The prompt's list of whom to ask, at most `most` by name (a slide holds no more)."""
    if len(clocked) <= most:
        return clock_line(clocked)
    return ", ".join(c.words for c in clocked[:most]) + f" and {len(clocked) - most} more (the report lists them)"


def team_names(names, most: int = 4) -> str:
    """'Green Team', 'Red Foxes and Blue Owls', 'A, B, C, D and 3 more teams' ('and 1 more team'): whose game a
    line is about."""
    names = list(names)
    return joined(names) if len(names) <= most else ", ".join(names[:most]) + f" and {plural(len(names) - most, 'more team')}"


def turn_span(turns) -> str:
    """'turn 7' or 'turns 2 to 12'."""
    lo, hi = min(turns), max(turns)
    return f"turn {lo}" if lo == hi else f"turns {lo} to {hi}"


def count_words(finished: int, unfinished=(), never_played=(), turns: int = 0) -> str:
    """'7 teams played; the 6 that finished are ranked and discussed here (not finished: Wolves, turn 11 of 12).
    1 more joined and never played.': the one sentence on who played, who finished and who joined, which the
    report and the slides open with, so every 'N of M' after it reads against it (a trainer's s6 finding 6).
    `unfinished`: (name, turn reached) of the games that stopped early; `never_played`: names."""
    played = finished + len(unfinished)
    text = f"{plural(played, 'team')} played"
    if unfinished:
        named = [f"{name}, turn {turn} of {turns}" if len(unfinished) <= 3 else name for name, turn in unfinished[:5]]
        more = f" and {len(unfinished) - 5} more" if len(unfinished) > 5 else ""
        text += (f"; the {finished} that finished {'are' if finished != 1 else 'is'} ranked and discussed here"
                 if finished else "; none finished") + f" (not finished: {'; '.join(named)}{more})"
    text += "."
    if never_played:
        text += f" {len(never_played)} more joined and never played."
    return text


@dataclass
class Room:
    teams: list[TeamGame]
    par: float
    par_mix: np.ndarray  # (P, 3)
    events: list[EventRound] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    # The teams the analysis leaves out, as the debrief writes their names: games that stopped before their last
    # turn (with the turn reached) and teams that joined and never played (report.report_files sets them).
    unfinished: tuple[tuple[str, int], ...] = ()
    never_played: tuple[str, ...] = ()
    unfinished_games: list[Verified] = field(default_factory=list)  # those games themselves: never ranked nor
    #                                                                 reviewed, but the clock's turns count

    @property
    def people(self) -> list[TeamGame]:
        """The finished teams people played, which the room's statistics (its mix, its costly turns and
        patterns, the 'what would you do now' prompt) count: a bot at an empty table is not the room (a trainer's
        room's mix was pulled up by a bot at 100% leadership, s6 trainer 2, finding 7). Every team when only
        bots finished, so a rehearsal still has a debrief."""
        return [t for t in self.teams if not t.verified.bot] or list(self.teams)

    @property
    def bots_left_out(self) -> int:
        """How many finished bot teams the room's statistics leave out (0 when only bots finished)."""
        return len(self.teams) - len(self.people)

    def left_out_words(self) -> str:
        """'' or '2 bot teams left out': said wherever the room's statistics are shown."""
        return f"{plural(self.bots_left_out, 'bot team')} left out" if self.bots_left_out else ""

    @property
    def who(self) -> str:
        """'the room', or with bots 'the teams of people': what the room's statistics (its mix, its score range)
        count, said where they are shown, since the charts beside them draw the bots too (trainer s7 4,
        finding 6: the score range held a bot's 705 while the mix table counted people only, unlabelled)."""
        return "the teams of people" if self.bots_left_out else "the room"

    def scores_words(self) -> str:
        """'Scores in the room: 129 to 585 (median 530).', with bots 'Scores of the teams of people: ...; the
        bot teams: 705 and 610.'"""
        def span(xs):
            xs = sorted(xs)
            return f"{xs[0]:.0f}" if len(xs) == 1 else f"{xs[0]:.0f} to {xs[-1]:.0f} (median {np.median(xs):.0f})"
        text = f"Scores {'of' if self.bots_left_out else 'in'} {self.who}: {span([t.session.score() for t in self.people])}"
        bots = sorted((t.session.score() for t in self.teams if t not in self.people), reverse=True)
        if bots:
            text += f"; {'the bot team' if len(bots) == 1 else 'the bot teams'}: {joined([f'{b:.0f}' for b in bots])}"
        return text + "."

    def of_people(self) -> str:
        """'of 4 teams' (with bots: 'of the 4 teams of people'): what the room's costly turns count among."""
        n = len(self.people)
        if self.bots_left_out:
            return f"of the {n} team{'s' if n != 1 else ''} of people"
        return self.of_teams()

    @property
    def played(self) -> int:
        """Teams that played at least one turn: the finished ones (`teams`, ranked and analysed) and the
        unfinished ones. A trainer read '6 teams played' when 7 had: 6 had finished (s6 finding 6)."""
        return len(self.teams) + len(self.unfinished)

    def of_teams(self) -> str:
        """'of 6 teams', or 'of the 6 teams that finished' when some played and did not finish: every 'N of M'
        of the debrief counts among the finished teams, and says so when that is not everyone who played."""
        n = len(self.teams)
        return f"of {n} team{'s' if n != 1 else ''}" if not self.unfinished else \
            f"of the {n} team{'s' if n != 1 else ''} that finished"

    def among(self) -> str:
        """'' when every team that played finished, else 'among the 6 teams that finished': what a count of
        teams in the debrief is taken from."""
        n = len(self.teams)
        return f"among the {n} team{'s' if n != 1 else ''} that finished" if self.unfinished else ""

    def clock_count(self) -> str:
        """'The clock decided 5 turns, for 4 of the 7 teams that played' (clock_count_words), of this room."""
        return clock_count_words(self.clock(), self.played, not self.unfinished)

    def count_words(self) -> str:
        """Who played and who the debrief ranks (count_words)."""
        return count_words(len(self.teams), self.unfinished, self.never_played, self.scenario.turns)

    def label(self, team: str) -> str:
        """A team's name as the debrief writes it (TeamGame.label: a bot's with the one mark)."""
        return next((t.label for t in self.teams if t.team == team), team)

    @property
    def scenario(self):
        return self.teams[0].session.scenario

    def mix_rows(self) -> list["MixRow"]:
        """Per phase the game reached, then the whole game: the room's split of ALL its actions against strong
        play's (analysis.review_mix, the one definition every screen gives), with the leadership share the
        shared verdict rule (review_mix.is_close) compares and what the phase's weights favour."""
        rules = self.teams[0].session.rules
        strong = strong_mix(rules) or {}
        out = []
        for p, spec in enumerate(self.scenario.phases):
            played = [t.session.state.mix[0, p] for t in self.people if t.session.state.mix[0, p].sum()]
            if not played:
                continue
            w = spec.weights
            rewarded = "leadership" if w.leadership > w.management else \
                "management" if w.management > w.leadership else "both equally"
            shares = [_share(m) for m in played if m[:2].sum()]
            out.append(MixRow(spec.title, tuple(float(x) for x in np.mean(played, axis=0)),
                              float(np.mean(shares)) if shares else None, strong.get(spec.id), rewarded))
        if len(out) > 1:
            whole = [t.session.state.mix[0].sum(axis=0) for t in self.people]
            shares = [_share(m) for m in whole if m[:2].sum()]
            out.append(MixRow("Whole game", tuple(float(x) for x in np.mean(whole, axis=0)),
                              float(np.mean(shares)) if shares else None,
                              whole_game(strong) if strong else None, "-"))
        return out

    def mix_story(self) -> str:
        """What strong play really did, phase by phase and over the whole game, in words (review_mix)."""
        scenario, strong = self.scenario, strong_mix(self.teams[0].session.rules)
        if not strong:
            return ""
        parts = [strong_words(p.title, strong[p.id]) for p in scenario.phases if p.id in strong]
        return " ".join(parts + ([whole_game_words(strong)] if len(parts) > 1 else []))

    def crisis_counts(self) -> list[tuple[str, int]]:
        rules = self.teams[0].session.rules
        return [(c.title, sum(int(t.session.state.crisis_count[0, k] > 0) for t in self.teams))
                for k, c in enumerate(self.scenario.crises) if k < len(rules.crises)]

    def crisis_teams(self) -> dict[str, list[tuple[str, int]]]:
        """Per crisis title, the teams that fell into it with the turn it first began, in the room's one order:
        the facilitator asks those teams (a trainer's s5 finding 5: '1 of 5 teams' named none)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for c in self.scenario.crises:
            for t in self.teams:
                turn = next((r.turn for r in t.session.reports if c.id in r.crises_started), None)
                if turn is not None:
                    out.setdefault(c.title, []).append((t.label, turn))
        return out

    def ending_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(t.session.ending.id for t in self.teams if t.session.ending)
        return [(e.title, e.kind, counts[e.id]) for e in self.scenario.endings if counts[e.id]]

    def clock(self) -> list[Clocked]:
        """Every team whose turns the clock decided: the finished games in the room's one order, then the
        unfinished ones (as the report lists them)."""
        games = [(t.label, t.session, True) for t in self.teams] + [(v.label, v.session, False)
                                                                    for v in self.unfinished_games]
        out = []
        for label, session, finished in games:
            turns = tuple(t for t, d in enumerate(session.log, 1) if d.timed_out)
            if turns:
                out.append(Clocked(label, turns, finished))
        return out

    def costly_turns(self) -> list["CostlyTurn"]:
        """The turns where teams lost COSTLY points or more, costliest first: by the points those teams lost
        there together, so a turn where one team lost 319 comes before one where two lost 102 each (a trainer
        read the list 9, 10, 1, 2, 5 with the 319-point loss last, s6 finding 6). The losses of different
        teams at one turn are different games, so they add up (unlike one team's turns: costly_rows)."""
        by_turn: dict[int, list[float]] = {}
        whose: dict[int, list[str]] = {}
        for t in self.people:  # the room's costly turns are its people's (bots left out: Room.people)
            for tr in t.review.turns:
                if tr.loss >= COSTLY:
                    by_turn.setdefault(tr.turn, []).append(tr.loss)
                    whose.setdefault(tr.turn, []).append(t.label)
        return sorted((CostlyTurn(turn, len(v), float(np.mean(v)), float(np.sum(v)), tuple(whose[turn]),
                                  tuple(float(x) for x in v))
                       for turn, v in by_turn.items()),
                      key=lambda c: (-round(c.total), -c.teams, c.turn))

    def most_shared_costly_turn(self) -> "CostlyTurn | None":
        """The costly turn most teams lost at (then the costliest): the one the room's 'what would you do now'
        asks about, as most people in the room played it."""
        return min(self.costly_turns(), key=lambda c: (-c.teams, -round(c.total), c.turn), default=None)


@dataclass(frozen=True)
class CostlyTurn:
    """One turn where teams lost COSTLY points or more against the best decision found there."""

    turn: int
    teams: int
    mean: float  # their mean loss
    total: float  # their losses added up: the order of the list
    names: tuple[str, ...] = ()  # whose games (the teams' labels, the room's order): every line names them
    losses: tuple[float, ...] = ()  # each of those teams' own loss there, as `names`

    @property
    def whose(self) -> str:
        return team_names(self.names)

    @property
    def each(self) -> list[tuple[str, float]]:
        """(team, its own loss) for the teams that lost here, the largest loss first (then the room's order):
        one team's 465 beside another's 16, never their 'average 241', which read aloud as what each had
        thrown away (trainer s7 3, finding 1)."""
        pairs = list(zip(self.names, self.losses))
        return sorted(pairs, key=lambda p: -round(p[1]))

    def each_words(self, most: int = 4, unit: str = "") -> str:
        """'Blue Herons 465, Dawdlers 16', with `most` teams by name and 'and 3 more, 15 to 40 each' after them
        (`unit`: ' points' after each number)."""
        each = self.each
        said = ", ".join(f"{name} {loss:.0f}{unit}" for name, loss in each[:most])
        rest = each[most:]
        if not rest:
            return said
        lo, hi = min(x for _, x in rest), max(x for _, x in rest)
        span = f"{lo:.0f}" if round(lo) == round(hi) else f"{lo:.0f} to {hi:.0f}"
        return f"{said} and {plural(len(rest), 'more team')}, {span}{unit or ' points'} {'each' if len(rest) > 1 else ''}".rstrip()

    @property
    def loss_words(self) -> str:
        """The report's line: 'Blue Herons lost 465 points, Dawdlers 16 (481 together)' or 'Blue Herons lost
        118 points'."""
        (first, loss), *rest = self.each
        if not rest:
            return f"{first} lost {loss:.0f} points"
        others = CostlyTurn(self.turn, len(rest), 0.0, 0.0, tuple(n for n, _ in rest), tuple(x for _, x in rest))
        return f"{first} lost {loss:.0f} points, {others.each_words(7)} ({self.total:.0f} together)"

    def __iter__(self):  # (turn, teams, mean), as templates and older callers unpack it
        return iter((self.turn, self.teams, self.mean))



@dataclass(frozen=True)
class MixRow:
    """One line of the room's mix: a phase (or the whole game), the room's mean actions of each kind per team,
    its mean leadership share (of leadership + management, as review_mix.is_close compares), strong play's."""

    title: str
    room: tuple[float, float, float]  # mean leadership, management, development actions per team
    share: float | None
    strong: StrongMix | None
    rewarded: str  # what the phase's weights favour ("-" for the whole game)

    @property
    def room_words(self) -> str:
        return split_words(*self.room)

    @property
    def strong_words(self) -> str:
        return "-" if self.strong is None else split_words(*self.strong.counts)

    @property
    def room_short(self) -> str:
        """'57% · 43% · 0%' (leadership · management · development), for a slide's table."""
        return _short(*self.room)

    @property
    def strong_short(self) -> str:
        return "-" if self.strong is None else _short(*self.strong.counts)

    @property
    def close(self) -> bool | None:
        s = None if self.strong is None else self.strong.share
        return None if s is None or self.share is None else is_close(self.share, s)


def _short(leadership: float, management: float, development: float) -> str:
    s = shares(leadership, management, development)
    return "-" if s is None else " · ".join(f"{x:.0%}" for x in s)


def _share(mix_row) -> float:
    total = mix_row[0] + mix_row[1]
    return float(mix_row[0] / total) if total else 0.0


# --- building the room ---------------------------------------------------------------

def room_of(teams: list[Verified], progress: Callable[[int, int], None] | None = None,
            unfinished: list[Verified] = ()) -> Room:
    """Review every team's game and gather what the room did. The room's teams are in its one order
    (views.standings.standing_key: best final score first), which every section, chart and slide keeps.
    `unfinished`: the games the end cut short, in the order the report lists them (and the teams that joined
    and never played, turn 0): counted as played (or joined), and their turns the clock decided (Room.clock),
    never ranked nor reviewed."""
    games = []
    teams = sorted(teams, key=lambda v: standing_key(v.team, v.session.score()))
    for i, v in enumerate(teams, 1):
        games.append(TeamGame(v.team, v, review(v.session)))
        if progress:
            progress(i, len(teams))
    room = Room(games, games[0].review.par, games[0].review.par_mix)
    stopped = [v for v in unfinished if v.session.turn > 0]  # every count says finished, played or joined
    room.unfinished = tuple((v.label, v.session.turn) for v in stopped)
    room.never_played = tuple(v.label for v in unfinished if v.session.turn == 0)
    room.unfinished_games = stopped
    room.events = event_rounds(games)
    room.mistakes = common_mistakes(room.people)  # the room's patterns are its people's
    return room


def common_mistakes(games: list[TeamGame], top: int = 5) -> list[Mistake]:
    """The actions most often behind costly turns: in the best decision but skipped, or taken instead."""
    titles = {a.id: a.title for a in games[0].session.scenario.actions}
    phases = games[0].session.scenario.phases
    teams: dict[tuple[str, str], set] = {}
    turns: Counter = Counter()
    points: Counter = Counter()
    when: dict[tuple[str, str], dict[int, list[int]]] = {}
    whose: dict[tuple[str, str], dict[int, list[str]]] = {}
    instead: dict[tuple[str, str], dict[int, Counter]] = {}
    for g in games:
        for tr in g.review.turns:
            if tr.loss < COSTLY:
                continue
            chosen, best = set(tr.chosen.actions), set(tr.best.actions)
            for kind, actions in (("skipped", best - chosen), ("took", chosen - best)):
                for a in actions:
                    key = (kind, a)
                    teams.setdefault(key, set()).add(g.team)
                    turns[key] += 1
                    points[key] += tr.loss
                    when.setdefault(key, {}).setdefault(tr.phase, []).append(tr.turn)
                    names = whose.setdefault(key, {}).setdefault(tr.phase, [])
                    if g.label not in names:
                        names.append(g.label)
                    if kind == "took":
                        instead.setdefault(key, {}).setdefault(tr.phase, Counter()).update(best - chosen)
    ranked = sorted(teams, key=lambda k: (-len(teams[k]), -turns[k], k))

    def phase(p: int) -> str:
        return phases[p].title if p < len(phases) else str(p + 1)

    def most(c: Counter) -> str:  # the most common, ties by id: the same bytes every time
        return titles.get(a := min(c, key=lambda x: (-c[x], x)), a) if c else ""
    return [Mistake(kind, titles.get(a, a), len(teams[(kind, a)]), turns[(kind, a)], float(points[(kind, a)]),
                    tuple((phase(p), tuple(sorted(t))) for p, t in sorted(when[(kind, a)].items())),
                    tuple((phase(p), most(c)) for p, c in sorted(instead.get((kind, a), {}).items()) if c),
                    tuple((phase(p), tuple(n)) for p, n in sorted(whose[(kind, a)].items())))
            for kind, a in ranked[:top]]


@dataclass(frozen=True)
class DecisiveTurn:
    team: str
    turn: int
    decision: str  # "Share the vision, Rally the team, answer: Say yes"
    moved: str  # what the decision itself did to the visible metrics, its delayed parts included
    luck: str  # what luck did to them on that turn, for honesty ("" when nothing)
    worth: float  # its final score minus the typical decision's there (TurnReview.above_typical)
    tried: int  # the decisions the review tried at that turn (the typical one is their median)
    phase: str = ""  # the phase's title at that turn
    actions: tuple[str, ...] = ()  # the decision's action titles
    ending: str = ""  # the ending the decision's line reaches (strong play after it), when the typical one's
    #                   does not: most of the worth is then that ending's bonus (or a loss's penalty avoided)
    kept: int = 0  # how many of the decisions tried reach that ending too
    bonus: float = 0.0  # the points that ending is worth against the typical line's (a win's bonus)

    @property
    def why_words(self) -> str:
        """The line a trainer says when asked why a turn that moved 'Efficiency +3.1, Budget -1.0k' was worth
        101 points (trainer s7 3, finding 9): the worth is the game's end, not the turn's own change."""
        if not self.beat_typical:
            return ""
        if self.ending:
            return (f"Why {plural(round(self.worth), 'point')}: only {self.kept} of the {self.tried} decisions open "
                    f"at turn {self.turn} still ended '{self.ending}'" + (f" (+{self.bonus:.0f} points)" if self.bonus else "")
                    + "; this one did.")
        return (f"Why {plural(round(self.worth), 'point')}: the game ends that much higher from this decision than "
                "from the typical one, both finished by strong play; the points come in the turns after it, from "
                "where it left the company, not from that turn's own change.")

    @property
    def beat_typical(self) -> bool:
        """The decision did better than the typical one (by half a point or more, as scores are shown)."""
        return self.worth >= 0.5

    @property
    def worth_short(self) -> str:
        """'101 points above the typical decision there': worth_words without how many were tried, for a line
        that says it next (why_words)."""
        return self.worth_words.split(" (the median of")[0]

    @property
    def worth_words(self) -> str:
        """'104 points above the typical decision there (the median of the 576 decisions the review tried)'."""
        gap = abs(self.worth)
        where = f"the typical decision there (the median of the {self.tried} decisions the review tried)"
        if gap < 0.5:
            return f"level with {where}"
        return f"{plural(round(gap), 'point')} {'above' if self.worth > 0 else 'below'} {where}"


def _effects(session, kinds, turn: int) -> dict[str, float]:
    """Per metric, what the causes of `kinds` belonging to `turn` changed: a decision's own effects are the
    ones of its turn and its delayed parts arriving later (luck and drift are not the decision's)."""
    total: dict[str, float] = {}
    for report in session.reports:
        for c in report.causes:
            own = c.kind in kinds and (c.from_turn == turn if c.kind is CauseKind.DELAYED else report.turn == turn)
            if own:
                for m, v in c.change.items():
                    total[m] = total.get(m, 0.0) + v
    return total


def _metric_words(session, change: dict[str, float], top: int = 3) -> str:
    specs = session.scenario.metrics
    shown = sorted((m for m in session.visible_metrics() if abs(change.get(m, 0.0)) >= 0.5),
                   key=lambda m: -abs(change[m]))[:top]
    return ", ".join(f"{specs[m].title or m} {signed(change[m], specs[m].unit)}" for m in shown)


def team_decided(g: TeamGame, turn: int) -> bool:
    """The team itself chose turn `turn`'s decision: the clock did not run out on it and no stand-in bot played
    it (a bot team's own turns are its own)."""
    d = g.session.log[turn - 1]
    return not d.timed_out and (d.bot is None or g.verified.bot)


def decisive_turn(g: TeamGame) -> DecisiveTurn | None:
    """The turn whose decision did most for the team's final score against the typical decision at that turn:
    every decision the review tried there, each played to the end by strong play on the same luck, and the
    team's decision set against their median (TurnReview.above_typical). Measured so, a turn counts by what
    choosing well was worth there. (Measured by a decision's own effects on the metrics, turn 1 was the
    strongest turn of 5 teams in 6: every effect is largest on a fresh company, a trainer found.) Luck cannot
    make a turn decisive, since both sides of the comparison meet the same luck; what luck did that turn is
    shown beside it. Only a turn the team decided counts: one the clock ran out on, or a stand-in bot played, is
    not the team's to be praised for (a trainer's s5 finding 6: a timed-out turn was 'the strongest'); a team
    that decided no turn has none."""
    s = g.session
    decided = [tr for tr in g.review.turns if team_decided(g, tr.turn)]
    if not decided:
        return None
    best = max(decided, key=lambda tr: (tr.above_typical, -tr.turn))
    t = best.turn
    effects = _effects(s, (CauseKind.ACTION, CauseKind.DELAYED, CauseKind.EVENT), t)
    luck = next((r for r in s.reports if r.turn == t), None)
    noise = {m: sum(c.change.get(m, 0.0) for c in luck.causes if c.kind is CauseKind.NOISE)
             for m in s.visible_metrics()} if luck else {}
    titles = {a.id: a.title for a in s.scenario.actions}
    phases = s.scenario.phases
    ending, bonus = "", 0.0
    mine, typical = best.chosen_line_ending, best.typical_ending
    if mine != typical and mine >= 0:
        sc, ends = s.scenario.score, s.scenario.endings
        worth = {"win": sc.win_bonus, "loss": -sc.loss_penalty}
        bonus = worth.get(ends[mine].kind, 0.0) - (worth.get(ends[typical].kind, 0.0) if typical >= 0 else 0.0)
        ending = ends[mine].title if bonus > 0 else ""
    return DecisiveTurn(g.team, t, decision_words(s, s.log[t - 1]), _metric_words(s, effects) or "little",
                        _metric_words(s, noise), best.above_typical, best.candidates,
                        phases[best.phase].title if best.phase < len(phases) else "",
                        tuple(titles.get(a, a) for a in s.log[t - 1].actions),
                        ending, best.same_ending if ending else 0, bonus if ending else 0.0)
