"""What a room of teams did, for a 45-minute debrief discussion: computed from their replayed games.

The workshop report (report.py) and its slides draw from one `Room`: the
room's answers to each event side by side with what followed for each team,
the hidden drivers per team, a class summary (the room's mix per phase against
strong play, how many teams hit each crisis and each ending, the costly
mistakes the reviews found most often), the turns lost to the clock, and
discussion prompts chosen from what happened in this room. Every team's game
is reviewed (analysis/review.py) on the shared seed, so "strong play" means
the same game for every team.

Nothing here escapes or draws; report.py turns it into HTML and charts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..analysis.review import ANSWER_TIE, LABELS, Review, answer_lines, review
from ..analysis.review_events import came_up, miss, trigger_words
from ..analysis.review_mix import StrongMix, is_close, split_words, strong_mix, strong_words, whole_game, \
    whole_game_words
from ..model.context import metric_value_weights
from ..scenario.defaults import SKILL_METRICS
from ..session import CauseKind
from ..views.review import decision_words, differences_words
from ..views.standings import BOT_MARK, best_people, competition_ranks, standing_key
from ..views.words import joined, plural, signed
from .verify import Verified

COSTLY = LABELS[1][1]  # a "mistake" or worse (15 points or more) is what the room discusses
FOLLOW_TURNS = 3  # "what followed" an answer: the next three turns


@dataclass(frozen=True)
class Answer:
    team: str
    turn: int
    answer: str  # the answer's label
    timed_out: bool
    followed: dict[str, float]  # visible metric title -> change over the next turns
    driver: tuple[str, float] | None  # the hidden driver that moved most then (title, change)
    best: bool | None  # whether this answer did best in this team's game (review.answer_lines), None if unknown
    worth: dict[str, float] = field(default_factory=dict)  # answer label -> final score with it (same luck,
    # the team's own actions that turn, strong play after it)
    better: str | None = None  # the answer that did best in this team's game, when it is not the one given
    gain: float = 0.0  # what that answer would have added to the final score
    ahead: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # answer label -> every metric
    # FOLLOW_TURNS turns on with it (same luck, strong play after the turn)

    @property
    def best_labels(self) -> tuple[str, ...]:
        """The answers that did best in this team's game (best_in: ties within ANSWER_TIE included): the one
        set both this team's row and the event's summary count from, so they never disagree."""
        return best_in(self.worth)

    @property
    def verdict(self) -> str:
        """The row's 'Best answer in its game?': 'yes', 'yes, as good as 'B' (within 0.5 points)', 'no: 'B'
        would have added 3 points', or '-' when the game could not be valued."""
        if self.best is None:
            return "-"
        if self.best:
            also = [repr_label(k) for k in self.best_labels if k != self.answer]
            return f"yes, as good as {joined(also)} (within {ANSWER_TIE:g} points)" if also else "yes"
        return f"no: '{self.better}' would have added {plural(round(self.gain), 'point')}"


def best_in(worth: dict[str, float]) -> tuple[str, ...]:
    """The answers within ANSWER_TIE points of the highest final score in one game (review.AnswerLines.best's
    rule), in the scenario's order."""
    if not worth:
        return ()
    top = max(worth.values())
    return tuple(k for k, v in worth.items() if v >= top - ANSWER_TIE)


@dataclass(frozen=True)
class EventRound:
    event_id: str
    title: str
    answers: tuple[Answer, ...]
    best: "BestAnswer | None" = None  # the answer that did best over the room's games
    trigger: str = ""  # what makes it happen, from the scenario's data (review_events.trigger_words)
    why: tuple[str, ...] = ()  # why only some teams met it: the shared draws, then each team's reason
    all_met: bool = False  # every team of the room met it

    @property
    def first_turn(self) -> int:
        return min(a.turn for a in self.answers)

    @property
    def last_turn(self) -> int:
        return max(a.turn for a in self.answers)

    def counts(self) -> list[tuple[str, int]]:
        return Counter(a.answer for a in self.answers).most_common()

    def teams_of(self, answer: str) -> list[str]:
        """The teams that gave this answer, in the room's one order (a team meeting the event twice is named
        once)."""
        return list(dict.fromkeys(a.team for a in self.answers if a.answer == answer))

    def mean_followed(self, answer: str) -> dict[str, float]:
        rows = [a.followed for a in self.answers if a.answer == answer]
        return {k: float(np.mean([r[k] for r in rows])) for k in rows[0]} if rows else {}


@dataclass(frozen=True)
class BestAnswer:
    """The room's best answer to one event, with how sure that is."""

    label: str
    best_for: int  # teams for whose game it did best (ties included)
    teams: int  # teams that met the event
    given_by: int  # meetings where it was the answer given
    meetings: int  # meetings of the event (a team may meet it twice)
    gain: float  # on average, what it would have added where another answer was given and did worse
    mean: dict[str, float]  # every answer's mean final score over the teams' games
    changed: str = ""  # what it would have changed on average where another answer was given, in words
    even: bool = False  # the answers did about as well as each other (within ANSWER_TIE on average)
    given_all_tied: bool = False  # every answer given was among those that did about as well as the best
    tied_teams: tuple[str, ...] = ()  # teams that gave another answer, and it did as well as this one in their game

    @property
    def words(self) -> str:
        """'Best answer found: 'X' (best in 6 of 8 teams' games); no team gave it: it would have added 9 points
        on average (Trust 3 higher and Stress 4 lower 3 turns on).'"""
        games = "the one team's game" if self.teams == 1 else f"these {self.teams} teams' games"
        if self.even and len(self.mean) > 1:
            top = max(self.mean.values())
            tied = [k for k, v in self.mean.items() if v >= top - ANSWER_TIE]
            text = (f"No answer did clearly best: {joined([repr_label(k) for k in tied])} scored within {ANSWER_TIE:g} "
                    f"points of each other on average in {games}")
            return text + (", so every answer given was as good as any." if self.given_all_tied else ".")
        where = "the one team's game" if self.teams == 1 else f"{self.best_for} of {self.teams} teams' games"
        tie = ""
        if self.tied_teams:  # those teams' rows say "yes, as good as": the summary says so too (trainer finding 3)
            tie = (f"; in {joined(_possessive(self.tied_teams))} game{'s' if len(self.tied_teams) > 1 else ''} the "
                   f"answer given did as well, within {ANSWER_TIE:g} points")
        text = f"Best answer found: '{self.label}' (best in {where}{tie})"
        added = f"it would have added {plural(round(self.gain), 'point')} on average"
        if self.given_by == 0:
            text += f"; no team gave it: {'where the answer given did worse, ' if tie else ''}{added}"
        elif self.given_by == self.meetings:
            text += "; every team that met it gave it"
        elif self.gain >= 0.5:
            text += f"; where another answer was given{' and did worse' if tie else ''} {added}"
        else:
            text += "; the other answers given did about as well (within half a point)"
        return text + (f" ({self.changed} {FOLLOW_TURNS} turns on)." if self.changed else ".")


METHOD = ("Best answer found: each team's game replayed from the turn it met the event with every answer, the "
          "team's own actions that turn and strong play after it, on the same luck; the answer with the highest "
          "final score on average over the teams' games.")


@dataclass(frozen=True)
class Mistake:
    kind: str  # "skipped" (in the best decision, not taken) or "took" (taken, not in the best decision)
    action: str  # title
    teams: int
    turns: int
    points: float  # summed loss of those turns

    @property
    def words(self) -> str:
        verb = "skipping" if self.kind == "skipped" else "taking"
        return (f"{verb} '{self.action}': {self.teams} team{'s' if self.teams != 1 else ''}, "
                f"{self.turns} costly turn{'s' if self.turns != 1 else ''}")


@dataclass
class TeamGame:
    team: str
    verified: Verified
    review: Review

    @property
    def session(self):
        return self.verified.session

    def timed_out_turns(self) -> list[int]:
        return [t for t, d in enumerate(self.session.log, 1) if d.timed_out]


@dataclass
class Room:
    teams: list[TeamGame]
    par: float
    par_mix: np.ndarray  # (P, 3)
    events: list[EventRound] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)

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
            played = [t.session.state.mix[0, p] for t in self.teams if t.session.state.mix[0, p].sum()]
            if not played:
                continue
            w = spec.weights
            rewarded = "leadership" if w.leadership > w.management else \
                "management" if w.management > w.leadership else "both equally"
            shares = [_share(m) for m in played if m[:2].sum()]
            out.append(MixRow(spec.title, tuple(float(x) for x in np.mean(played, axis=0)),
                              float(np.mean(shares)) if shares else None, strong.get(spec.id), rewarded))
        if len(out) > 1:
            whole = [t.session.state.mix[0].sum(axis=0) for t in self.teams]
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

    def ending_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(t.session.ending.id for t in self.teams if t.session.ending)
        return [(e.title, e.kind, counts[e.id]) for e in self.scenario.endings if counts[e.id]]

    def clock(self) -> list[tuple[str, list[int]]]:
        return [(t.team, t.timed_out_turns()) for t in self.teams if t.timed_out_turns()]

    def costly_turns(self) -> list[tuple[int, int, float]]:
        """(turn, teams that lost COSTLY points or more there, their mean loss), most teams first."""
        by_turn: dict[int, list[float]] = {}
        for t in self.teams:
            for tr in t.review.turns:
                if tr.loss >= COSTLY:
                    by_turn.setdefault(tr.turn, []).append(tr.loss)
        return sorted(((turn, len(v), float(np.mean(v))) for turn, v in by_turn.items()),
                      key=lambda x: (-x[1], -x[2], x[0]))

    def prompts(self) -> list["Prompt"]:
        return discussion_prompts(self)


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
        return "-" if self.strong is None else split_words(self.strong.leadership, self.strong.management,
                                                             self.strong.development)

    @property
    def room_short(self) -> str:
        """'57% · 43% · 0%' (leadership · management · development), for a slide's table."""
        return _short(*self.room)

    @property
    def strong_short(self) -> str:
        return "-" if self.strong is None else _short(self.strong.leadership, self.strong.management,
                                                        self.strong.development)

    @property
    def close(self) -> bool | None:
        s = None if self.strong is None else self.strong.share
        return None if s is None or self.share is None else is_close(self.share, s)


def _short(leadership: float, management: float, development: float) -> str:
    total = leadership + management + development
    return " · ".join(f"{x / total:.0%}" for x in (leadership, management, development)) if total else "-"


def _share(mix_row) -> float:
    total = mix_row[0] + mix_row[1]
    return float(mix_row[0] / total) if total else 0.0


# --- building the room ---------------------------------------------------------------

def room_of(teams: list[Verified], progress: Callable[[int, int], None] | None = None) -> Room:
    """Review every team's game and gather what the room did. The room's teams are in its one order
    (views.standings.standing_key: best final score first), which every section, chart and slide keeps."""
    games = []
    teams = sorted(teams, key=lambda v: standing_key(v.team, v.session.score()))
    for i, v in enumerate(teams, 1):
        games.append(TeamGame(v.team, v, review(v.session)))
        if progress:
            progress(i, len(teams))
    room = Room(games, games[0].review.par, games[0].review.par_mix)
    room.events = event_rounds(games)
    room.mistakes = common_mistakes(games)
    return room


def event_rounds(games: list[TeamGame]) -> list[EventRound]:
    scenario = games[0].session.scenario
    rounds = []
    for event in scenario.events:
        labels = {c.id: c.label for c in event.choices}
        answers = []
        for g in games:
            for report in g.session.reports:
                d = report.decision
                if d.choice not in labels:
                    continue
                followed, driver = _followed(g.session, report.turn)
                answers.append(_answer(g, report.turn, labels, d, followed, driver))
        if answers:
            q = scenario.events.index(event)
            rounds.append(EventRound(event.id, event.title, tuple(answers),
                                     best_answer(tuple(answers), games[0].session),
                                     trigger_words(scenario, event), why_some(games, q),
                                     len({a.team for a in answers}) == len(games)))
    # the order the room met them, so the facilitator tells the story as it happened (trainer finding 7)
    return sorted(rounds, key=lambda r: (r.first_turn, r.last_turn))


def _answer(g: TeamGame, turn: int, labels: dict[str, str], d, followed, driver) -> Answer:
    """One team's answer, with what every answer was worth in its game (review.answer_lines)."""
    lines = answer_lines(g.session, g.review, turn) if turn <= len(g.review.positions) else None
    if lines is None:
        return Answer(g.team, turn, labels[d.choice], d.timed_out, followed, driver, None)
    worth = {labels[c]: float(v) for c, v in zip(lines.answers, lines.values)}
    at = min(FOLLOW_TURNS, lines.paths.shape[1] - 1)
    ahead = {labels[c]: lines.paths[k, at] for k, c in enumerate(lines.answers)}
    if labels[d.choice] in best_in(worth):
        return Answer(g.team, turn, labels[d.choice], d.timed_out, followed, driver, True, worth, ahead=ahead)
    k = int(np.argmax(lines.values))
    return Answer(g.team, turn, labels[d.choice], d.timed_out, followed, driver, False, worth,
                  labels[lines.answers[k]], float(lines.values[k] - lines.values[lines.given]), ahead)


def best_answer(answers: tuple[Answer, ...], session) -> BestAnswer | None:
    """The answer that did best over the room: each team's game replayed from the turn it met the event with
    every answer (its own actions that turn, strong play after it, the same luck), averaged over the games."""
    rows = [a for a in answers if a.worth]
    if not rows:
        return None
    labels = list(rows[0].worth)
    mean = {k: float(np.mean([a.worth[k] for a in rows])) for k in labels}
    label = max(labels, key=lambda k: (mean[k], -labels.index(k)))
    best_for = {a.team for a in rows if label in a.best_labels}  # the rows' own sets (Answer.best_labels)
    runner_up = max((mean[k] for k in labels if k != label), default=mean[label])
    others = [a for a in rows if a.answer != label]
    tied_teams = tuple(dict.fromkeys(a.team for a in others if {label, a.answer} <= set(a.best_labels)))
    worse = [a for a in others if a.team not in tied_teams]
    gain = float(np.mean([a.worth[label] - a.worth[a.answer] for a in worse])) if worse else 0.0
    changed = ""
    if worse and gain >= 0.5:
        diff = np.mean([a.ahead[label] - a.ahead[a.answer] for a in worse], axis=0)
        changed = differences_words(session, diff)
    tied = {k for k in labels if mean[k] >= mean[label] - ANSWER_TIE}
    return BestAnswer(label, len(best_for), len({a.team for a in rows}), len(rows) - len(others), len(rows), gain,
                      mean, changed, mean[label] - runner_up < ANSWER_TIE, {a.answer for a in rows} <= tied,
                      tied_teams)


def repr_label(label: str) -> str:
    return f"'{label}'"


def _possessive(teams) -> list[str]:
    return [f"{t}'" if t.endswith("s") else f"{t}'s" for t in teams]


MISS_WORDS = {
    "ended": "its game had already ended", "followup": "a follow-up, '{}', was due instead",
    "phase": "it was in the phase '{}'", "condition": "it comes only {}",
    "other event": "'{}' came instead (one event a turn: the one that beat its odds most)",
    "unexplained": "for a reason this report cannot tell",
}


def why_some(games: list[TeamGame], q: int) -> tuple[str, ...]:
    """Why only some teams met event q: the turns its chance came up (the same for every team: one seed),
    and at each, for the teams that had not met it yet and did not meet it then, the reason their game gave
    (turns in a row with the same reasons for the same teams are told once)."""
    first = games[0]
    rules, scenario = first.session.rules, first.session.scenario
    event = scenario.events[q]
    if event.probability == 0:  # a follow-up: who gave the answer that brings it
        ids = {c.id for e in scenario.events for c in e.choices if c.followup == event.id}
        gave = sorted({g.team for g in games if any(d.choice in ids for d in g.session.log)}, key=str.casefold)
        return ("", f"Teams whose answer brought it: {joined(gave)}.") if gave else ()
    keys = {int(g.review.positions[0].keys[0]) for g in games if g.review.positions}
    if len(keys) != 1:
        return ()  # not one seed: the teams did not share the draws
    ups = came_up(rules, keys.pop(), q, scenario.turns)
    if not ups:
        return ("Its chance never came up in this room's games.",)
    out = [f"The same seed gives every team the same dice: its chance came up at turn{'s' if len(ups) > 1 else ''} "
           f"{joined([str(t) for t in ups])}."]
    ordered = sorted(games, key=lambda g: g.team.casefold())
    waiting = {g.team for g in games}  # teams that have not met it yet
    told: list[tuple[list[int], dict, dict]] = []  # (turns, reason -> teams, reason -> (team, values) at first)
    for turn in ups:
        if not waiting:
            break
        groups: dict[str, list[str]] = {}
        detail: dict[str, list[tuple[str, str]]] = {}
        for g in ordered:
            if g.team not in waiting:
                continue
            m = miss(g.session, g.review.positions, q, turn)
            if m is None:
                waiting.discard(g.team)
                continue
            reason = MISS_WORDS[m.kind].format(m.detail)
            groups.setdefault(reason, []).append(g.team)
            detail.setdefault(reason, []).append((g.team, m.values))
        if told and told[-1][1] == groups:
            told[-1][0].append(turn)
        elif groups:
            told.append(([turn], groups, detail))
    for turns, groups, detail in told:
        parts = []
        for reason, teams in groups.items():
            who = "any team" if len(teams) == len(games) else joined(teams)
            values = "; ".join(f"{t} {v}" for t, v in detail[reason] if v)
            at = f"at turn {turns[0]} " if len(turns) > 1 else ""
            parts.append(f"{who} ({reason}{f'; {at}they had {values}' if values else ''})")
        when = f"Turn{'s' if len(turns) > 1 else ''} {joined([str(t) for t in turns])}"
        out.append(f"{when}: not met by {'; '.join(parts)}.")
    return tuple(out)


def _followed(session, turn: int) -> tuple[dict[str, float], tuple[str, float] | None]:
    h = np.array(session.history)
    start, end = turn - 1, min(len(h) - 1, turn - 1 + FOLLOW_TURNS)
    rules, specs = session.rules, session.scenario.metrics
    change = h[end] - h[start]
    followed = {specs[m].title or m: float(change[rules.index[m]]) for m in session.visible_metrics()}
    hidden = [m for m, s in specs.items() if not s.visible and m not in SKILL_METRICS]
    if not hidden:
        return followed, None
    span = rules.hi - rules.lo
    m = max(hidden, key=lambda m: abs(change[rules.index[m]]) / span[rules.index[m]])
    return followed, (specs[m].title or m, float(change[rules.index[m]]))


def common_mistakes(games: list[TeamGame], top: int = 5) -> list[Mistake]:
    """The actions most often behind costly turns: in the best decision but skipped, or taken instead."""
    titles = {a.id: a.title for a in games[0].session.scenario.actions}
    teams: dict[tuple[str, str], set] = {}
    turns: Counter = Counter()
    points: Counter = Counter()
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
    ranked = sorted(teams, key=lambda k: (-len(teams[k]), -turns[k], k))
    return [Mistake(kind, titles.get(a, a), len(teams[(kind, a)]), turns[(kind, a)], float(points[(kind, a)]))
            for kind, a in ranked[:top]]


@dataclass(frozen=True)
class DecisiveTurn:
    team: str
    turn: int
    decision: str  # "Share the vision, Rally the team, answer: Say yes"
    moved: str  # what the decision itself did to the visible metrics, its delayed parts included
    luck: str  # what luck did to them on that turn, for honesty ("" when nothing)


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


def decisive_turn(v: Verified) -> DecisiveTurn | None:
    """The turn whose decision did most for the team's score by its own effects (its delayed parts included,
    luck left out, so luck never makes a turn decisive); the luck of that turn is shown beside it."""
    s = v.session
    worth = metric_value_weights(s.rules)
    chosen = (CauseKind.ACTION, CauseKind.DELAYED, CauseKind.EVENT)
    best, best_value = None, 0.0
    for t, d in enumerate(s.log, 1):
        effects = _effects(s, chosen, t)
        value = sum(worth[s.rules.index[m]] * x for m, x in effects.items() if m in s.rules.index)
        if best is None or value > best_value:
            best, best_value = (t, d, effects), value
    if best is None:
        return None
    t, d, effects = best
    luck = next((r for r in s.reports if r.turn == t), None)
    noise = {m: sum(c.change.get(m, 0.0) for c in luck.causes if c.kind is CauseKind.NOISE)
             for m in s.visible_metrics()} if luck else {}
    return DecisiveTurn(v.team, t, decision_words(s, d), _metric_words(s, effects) or "little", _metric_words(s, noise))


# --- prompts from this room ------------------------------------------------------------

@dataclass(frozen=True)
class Prompt:
    """A discussion question from this room. `question` says what happened and asks, and never holds its own
    answer (a fresh trainer's finding 6: the room read the answer off the question's slide); `answer`, when
    the game has one, is what the facilitator reveals after the talk: the report prints it under the question
    and the slides put it on the next page."""

    kind: str  # "went well", "to change", "turn now"
    question: str
    answer: str = ""
    answer_title: str = ""  # the answer slide's heading


@dataclass(frozen=True)
class _Place:
    rank: int
    team: object


def discussion_prompts(room: Room) -> list[Prompt]:
    """Questions chosen from what happened in this room; nothing that did not happen is asked."""
    out: list[Prompt] = []
    scores = [t.session.score() for t in room.teams]
    ranks = competition_ranks(scores)
    ranked = [_Place(r, t) for t, r in zip(room.teams, ranks)]  # room.teams are in the one order
    chosen, bots = best_people(ranked, lambda p: p.team.verified.result.get("policy"))  # people, not a bot
    best = [p.team for p in chosen]
    score = best[0].session.score()
    where = (f"{score - room.par:.0f} points above" if score > room.par + 0.5 else
             "level with" if score >= room.par - 0.5 else f"{room.par - score:.0f} points below")
    turn = decisive_turn(best[0].verified) if len(best) == 1 else None
    names = [t.team for t in best]
    who = names[0] if len(names) == 1 else f"{joined(names) if len(names) <= 3 else ', '.join(names[:3]) + f' and {len(names) - 3} more teams'} (tied)"
    if bots:  # no team of people finished: say so, never present a bot's play as a table's
        who += f" {BOT_MARK}"
    out.append(Prompt(
        "went well", f"{who} scored {score:.0f}, {where} the par of {room.par:.0f} (strong play on the same seed). "
                     f"Why did {'its' if len(best) == 1 else 'their'} play work, and which of "
                     f"{'its' if len(best) == 1 else 'their'} decisions would you keep?",
        f"{who}'s strongest turn was turn {turn.turn}: {turn.decision} ({turn.moved})." if turn else "",
        ("The winner's strongest turn" if chosen[0].rank == 1 else "The best team of people: its strongest turn")
        if turn else ""))
    rows = [r for r in room.mix_rows() if r.close is not None and r.strong.phase != "game"]
    if rows:
        r = max(rows, key=lambda r: abs(r.share - r.strong.share))
        out.append(Prompt("went well" if r.close else "to change",
                          f"In the {r.title} phase the room's actions were {r.room_words}. What pulled your team "
                          "toward its mix?",
                          f"{strong_words(r.title, r.strong)} {whole_game_words(strong_mix(room.teams[0].session.rules))}",
                          "What strong play did"))
    if room.mistakes:
        m = room.mistakes[0]
        out.append(Prompt("to change", f"The review's most common costly pattern: {m.words}. What made that look "
                                       "like the right call at the time?"))
    costly = room.costly_turns()
    if costly:
        turn_n, n, mean = costly[0]
        better = Counter(decision_words(t.session, tr.best) for t in room.teams for tr in t.review.turns
                         if tr.turn == turn_n and tr.loss >= COSTLY).most_common(1)[0][0]
        out.append(Prompt("turn now", f"Turn {turn_n}: {n} of {len(room.teams)} teams lost {COSTLY:g} points or more "
                                      f"there (on average {mean:.0f}). What would you do at turn {turn_n} now?",
                          f"The review's better decision at turn {turn_n} was most often: {better}. Each team's own "
                          f"turn {turn_n} is in its review: leadsim review YOUR-RESULT-FILE.",
                          f"Turn {turn_n}: what the review found"))
    split = [r for r in room.events if len(r.counts()) > 1]
    if split:
        r = max(split, key=lambda r: min(n for _, n in r.counts()))
        (a1, n1), (a2, n2) = r.counts()[:2]
        out.append(Prompt("turn now", f"'{r.title}' split the room: {n1} answered '{a1}', {n2} '{a2}'. Teams of each "
                                      "side: what did you expect to happen, and what did?"))
    hit = [(c, n) for c, n in room.crisis_counts() if n]
    if hit:
        c, n = max(hit, key=lambda x: x[1])
        out.append(Prompt("to change", f"{n} of {len(room.teams)} teams fell into '{c}'. Which early signs did you "
                                       "see (or could you have seen in the hidden drivers)?"))
    clock = room.clock()
    if clock:
        lost = sum(len(t) for _, t in clock)
        out.append(Prompt("to change", f"{len(clock)} team{'s' if len(clock) > 1 else ''} let the clock run out on "
                                       f"{lost} turn{'s' if lost > 1 else ''}. Did time pressure change how you "
                                       "decided, as it does at work?"))
    return out
