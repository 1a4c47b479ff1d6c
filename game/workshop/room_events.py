"""The room's answers to each event, for the debrief's event section and its slides.

Each team's game is replayed from the turn it met an event with every answer (analysis.review.answer_lines:
its own actions that turn, strong play after, the same luck), so the section can name the answer that did best
over the room, say for each team whether its own answer was best in its game, tell what followed each answer,
and say why only some teams met the event (analysis.review_events). discussion.Room gathers the rounds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..analysis.review import ANSWER_TIE, answer_lines
from ..analysis.review_events import came_up, miss, trigger_words
from ..scenario.defaults import SKILL_METRICS
from ..views.review import differences_words
from ..views.words import joined, plural
from .team_game import TeamGame

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
    ended_with: dict[str, int] = field(default_factory=dict)  # answer label -> its line's ending index (-1: none)

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
    bots: frozenset = frozenset()  # the teams a bot played (keys), which a split of the room does not count

    def people_counts(self) -> list[tuple[str, int]]:
        """counts() over the teams of people (every team when only bots met it): a room whose people all
        answered alike is not split because a bot answered otherwise (trainer s7 4, finding 3)."""
        rows = [a for a in self.answers if a.team not in self.bots] or list(self.answers)
        return Counter(a.answer for a in rows).most_common()

    @property
    def splits(self) -> bool:
        """The teams of people gave more than one answer."""
        return len(self.people_counts()) > 1

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
    # (as the debrief writes their names: a bot's marked)
    saved: tuple[str, ...] = ()  # per team whose game ends otherwise with this answer: the words (ending_words)

    @property
    def words(self) -> str:
        """'Best answer found: 'X' (best in 6 of 8 teams' games); no team gave it: it would have added 9 points
        on average (Trust 3 higher and Stress 4 lower 3 turns on).': the report's sentence, the parts joined."""
        return "; ".join(self.parts) + "."

    @property
    def bullets(self) -> tuple[str, ...]:
        """The parts as a slide's bullets, the last with the sentence's full stop (templates/slides.html)."""
        *first, last = self.parts
        return (*first, last + ".")

    @property
    def parts(self) -> tuple[str, ...]:
        """The clauses of `words`, each whole: a slide shows one a bullet. Splitting the sentence at '; ' cut an
        answer whose label has one, and the '(best in 3 of 5 teams' games; in the games of ... did as well)'
        part in two halves of a parenthesis; these parts are the sentence's own."""
        games = "the one team's game" if self.teams == 1 else f"these {self.teams} teams' games"
        if self.even and len(self.mean) > 1:
            top = max(self.mean.values())
            tied = [k for k, v in self.mean.items() if v >= top - ANSWER_TIE]
            text = (f"No answer did clearly best: {joined([repr_label(k) for k in tied])} scored within {ANSWER_TIE:g} "
                    f"points of each other on average in {games}")
            return (text + (", so every answer given was as good as any" if self.given_all_tied else ""),)
        where = "the one team's game" if self.teams == 1 else f"{self.best_for} of {self.teams} teams' games"
        tie = ""
        if self.tied_teams:  # those teams' rows say "yes, as good as": the summary says so too (trainer finding 3)
            tie = (f"; in the game{'s' if len(self.tied_teams) > 1 else ''} of {joined(list(self.tied_teams))} the "
                   f"answer given did as well, within {ANSWER_TIE:g} points")
        first = f"Best answer found: '{self.label}' (best in {where}{tie})"
        added = f"it would have added {plural(round(self.gain), 'point')} on average"
        if self.given_by == 0:
            then = f"no team gave it: {'where the answer given did worse, ' if tie else ''}{added}"
        elif self.given_by == self.meetings:
            then = "every team that met it gave it"
        elif self.gain >= 0.5:
            then = f"where another answer was given{' and did worse' if tie else ''} {added}"
        else:
            then = "the other answers given did about as well (within half a point)"
        then += f" ({self.changed} {FOLLOW_TURNS} turns on)" if self.changed else ""
        return (first, then, *(self.saved if self.saved and self.gain >= 0.5 else ()))


def ending_words(team: str, scenario, given: int, better: int) -> str:
    """'in Dawdlers' game it would also have ended 'A thriving company' (a win: +50 points) instead of
    'Survived, but bruised'': most of an answer's 'would have added 111 points' can be a better ending (a win's
    bonus, a loss's penalty avoided), which 'Budget 22k higher' does not explain (a trainer could not defend the
    number, s6 trainer 2, finding 10)."""
    from ..views.words import possessive  # words, not discussion: discussion imports this module
    sc = scenario.score

    def said(k: int) -> str:
        return f"'{scenario.endings[k].title}'" if k >= 0 else "without an ending"
    why = ""
    if better >= 0 and scenario.endings[better].kind == "win" and sc.win_bonus:
        why = f" (a win: +{plural(round(sc.win_bonus), 'point')})"
    elif given >= 0 and scenario.endings[given].kind == "loss" and sc.loss_penalty:
        why = f" and not been lost (the loss costs {plural(round(sc.loss_penalty), 'point')})"
    return f"in {possessive(team)} game it would also have ended {said(better)}{why} instead of {said(given)}"


METHOD = ("Best answer found: each team's game replayed from the turn it met the event with every answer, the "
          "team's own actions that turn and strong play after it, on the same luck; the answer with the highest "
          "final score on average over the teams' games.")


def event_rounds(games: list[TeamGame]) -> list[EventRound]:
    scenario = games[0].session.scenario
    names = {g.team: g.label for g in games}  # as the words write them (a bot's marked)
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
                                     best_answer(tuple(answers), games[0].session, lambda t: names.get(t, t)),
                                     trigger_words(scenario, event), why_some(games, q),
                                     len({a.team for a in answers}) == len(games),
                                     frozenset(g.team for g in games if g.verified.bot)))
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
    lost = {} if lines.endings is None else {labels[c]: int(lines.endings[k]) for k, c in enumerate(lines.answers)}
    if labels[d.choice] in best_in(worth):
        return Answer(g.team, turn, labels[d.choice], d.timed_out, followed, driver, True, worth, ahead=ahead,
                      ended_with=lost)
    k = int(np.argmax(lines.values))
    return Answer(g.team, turn, labels[d.choice], d.timed_out, followed, driver, False, worth,
                  labels[lines.answers[k]], float(lines.values[k] - lines.values[lines.given]), ahead, lost)


def best_answer(answers: tuple[Answer, ...], session, name=str) -> BestAnswer | None:
    """The answer that did best over the room: each team's game replayed from the turn it met the event with
    every answer (its own actions that turn, strong play after it, the same luck), averaged over the games.
    `name`: a team's name as the words write it (TeamGame.label)."""
    rows = [a for a in answers if a.worth]
    if not rows:
        return None
    labels = list(rows[0].worth)
    mean = {k: float(np.mean([a.worth[k] for a in rows])) for k in labels}
    label = max(labels, key=lambda k: (mean[k], -labels.index(k)))
    best_for = {a.team for a in rows if label in a.best_labels}  # the rows' own sets (Answer.best_labels)
    runner_up = max((mean[k] for k in labels if k != label), default=mean[label])
    others = [a for a in rows if a.answer != label]
    as_good = dict.fromkeys(a.team for a in others if {label, a.answer} <= set(a.best_labels))
    worse = [a for a in others if a.team not in as_good]
    gain = float(np.mean([a.worth[label] - a.worth[a.answer] for a in worse])) if worse else 0.0
    changed = ""
    if worse and gain >= 0.5:
        diff = np.mean([a.ahead[label] - a.ahead[a.answer] for a in worse], axis=0)
        changed = differences_words(session, diff)
    tied = {k for k in labels if mean[k] >= mean[label] - ANSWER_TIE}
    saved = tuple(dict.fromkeys(ending_words(name(a.team), session.scenario, a.ended_with[a.answer], a.ended_with[label])
                                for a in worse if a.ended_with and a.ended_with[a.answer] != a.ended_with[label]))
    return BestAnswer(label, len(best_for), len({a.team for a in rows}), len(rows) - len(others), len(rows), gain,
                      mean, changed, mean[label] - runner_up < ANSWER_TIE, {a.answer for a in rows} <= tied,
                      tuple(name(t) for t in as_good), saved)


def stakes(r: EventRound) -> tuple[int, float]:
    """What the answers to one event decided in the room's games: (the games whose ending the best answer would
    have changed, the points the teams whose answer did worse lost by it, added up); (0, 0) when no answer did
    clearly best. The debrief asks about the event that decided most (trainer s7 3, finding 2: it asked about a
    1-against-1 event where 'no answer did clearly best', not the answer that cost a team the win)."""
    b = r.best
    if b is None or b.even or b.gain < 0.5:
        return 0, 0.0
    lost = [a.worth[b.label] - a.worth[a.answer] for a in r.answers
            if a.worth and a.answer != b.label and b.label not in a.best_labels]
    return len(b.saved), float(sum(lost))


def decisive_events(rounds, least: float = 15.0) -> list[EventRound]:
    """The events that split the room and whose answer decided something: an ending changed, or `least` points
    or more lost by the teams whose answer did worse; the most decisive first (then the order met)."""
    out = [r for r in rounds if len(r.counts()) > 1 and (stakes(r)[0] or stakes(r)[1] >= least)]
    return sorted(out, key=lambda r: (-stakes(r)[0], -round(stakes(r)[1]), r.first_turn))


def repr_label(label: str) -> str:
    return f"'{label}'"


MISS_WORDS = {
    "ended": "its game had already ended", "followup": "a follow-up, '{}', was due instead",
    "phase": "it was in the phase '{}'", "condition": "it comes only {}",
    "other event": "'{}' came instead (one event a turn: the one that beat its odds most)",
    "unexplained": "for a reason this report cannot tell",
}


def why_some(games: list[TeamGame], q: int) -> tuple[str, ...]:
    """Why only some teams met event q: the turns its chance came up (the same for every team: one seed),
    and at each, for the teams that had not met it yet and did not meet it then, the reason their game gave
    (turns in a row with the same reasons for the same teams are told once). A turn where it could come to no
    team for the reason the trigger sentence reads out (a Growing up event's chances in Startup) is not told,
    and a turn where every team still playing met it says so (trainer s7 4, finding 8: 'came up at turns 2, 3,
    6 and 8 to 11. At turns 2 and 3, no team met that condition...', never 'every team met it at turn 8')."""
    first = games[0]
    rules, scenario = first.session.rules, first.session.scenario
    event = scenario.events[q]
    if event.probability == 0:  # a follow-up: who gave the answer that brings it
        ids = {c.id for e in scenario.events for c in e.choices if c.followup == event.id}
        gave = [g.label for g in games if any(d.choice in ids for d in g.session.log)]  # the room's one order
        return ("", f"Teams whose answer brought it: {joined(gave)}.") if gave else ()
    keys = {int(g.review.positions[0].keys[0]) for g in games if g.review.positions}
    if len(keys) != 1:
        return ()  # not one seed: the teams did not share the draws
    ups = came_up(rules, keys.pop(), q, scenario.turns)
    if not ups:
        return ("Its chance never came up in this room's games.",)
    ordered = games  # the room's one order (views.standings.standing_key), as every table lists the teams
    waiting = {g.team for g in games}  # teams that have not met it yet
    said = trigger_words(scenario, event)  # the sentence the report and the slides read out before these
    told: list[tuple[list[int], dict, dict]] = []  # (turns, reason -> teams, reason -> (team, values) at first)
    shown: list[int] = []  # the turns told: not one where it could come to no team for a reason just read out
    for turn in ups:
        live = [g for g in ordered if g.team in waiting and not g.session.turn < turn]
        if not live:  # every team still waiting for it had ended its game: nothing more to tell
            break
        groups: dict[Reason, list[str]] = {}
        detail: dict[Reason, list[tuple[str, str]]] = {}
        met = []
        for g in ordered:
            if g.team not in waiting:
                continue
            m = miss(g.session, g.review.positions, q, turn)
            if m is None:
                waiting.discard(g.team)
                met.append(g.label)
                continue
            reason = Reason(m.kind, MISS_WORDS[m.kind].format(m.detail), m.detail,
                            m.kind == "condition" and bool(m.detail) and m.detail in said)
            groups.setdefault(reason, []).append(g.label)
            detail.setdefault(reason, []).append((g.label, m.values))
        if not met and all(r.said and not any(v for _, v in detail[r]) for r in groups if r.kind != "ended"):
            continue  # 'At turns 2, 3 and 6, no team met that condition' of an event only Growing up brings
        shown.append(turn)  # (trainer s7 4, finding 8): the trigger sentence has said so
        ended = [n for r, names in groups.items() if r.kind == "ended" for n in names]
        if met and len(ended) == sum(len(v) for v in groups.values()):  # every team still playing met it
            told.append(([turn], {Reason("all met", ""): ended}, {}))
        elif told and told[-1][1] == groups:
            told[-1][0].append(turn)
        elif groups:
            told.append(([turn], groups, detail))
    if not shown:
        return ("Its chance never came up at a turn it could come in this room's games.",)
    out = [f"Every team had the same dice (one seed): its chance came up at {turns_said(shown)}."]
    for turns, groups, detail in told:
        if any(r.kind == "all met" for r in groups):
            ended = next(iter(groups.values()))
            gone = (f" (the game{'s' if len(ended) > 1 else ''} of {joined(ended)} had already ended)"
                    if ended else "")
            out.append(f"At turn {turns[0]}, every team {'still playing ' if ended else ''}met it{gone}.")
            continue
        out.append(" ".join(missed_words(turns, groups, detail, len(games))))
    return tuple(out)


def turns_said(turns: list[int]) -> str:
    """'turn 9', 'turns 15 and 18', 'turns 2, 3, 6 and 8 to 11': three or more turns in a row as a span, which
    reads aloud shorter than each number."""
    runs: list[list[int]] = []
    for t in sorted(turns):
        if runs and t == runs[-1][-1] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    parts = [said for r in runs for said in ([f"{r[0]} to {r[-1]}"] if len(r) >= 3 else map(str, r))]
    return f"turn{'' if len(turns) == 1 else 's'} {joined(parts)}"


@dataclass(frozen=True)
class Reason:
    """Why some teams did not meet an event at a turn its chance came up (review_events.Miss, in words)."""

    kind: str  # Miss.kind
    words: str  # MISS_WORDS' clause: "it comes only while process maturity is below 35"
    detail: str = ""  # Miss.detail: the phase, the event that came instead, the condition's failed part
    said: bool = False  # the condition is the one the trigger sentence read out just before: not said again


def missed_words(turns: list[int], groups: dict, detail: dict, teams: int) -> list[str]:
    """Sentences on why teams did not meet an event at the turns its chance came up, to be read out: one reason
    a sentence, opened by when, and each team's values a sentence of its own: 'At turn 9, The Process People
    did not meet it: it comes only while process maturity is below 35. The Process People had process maturity
    44.' (a trainer read 'they had The Process People process maturity 44', the names run into the values). A
    condition the trigger sentence has just read out is not said again: 'At turns 2, 3 and 6, no team met that
    condition.' (a trainer's s6 finding 6 read 'Turns 2, 3 and 6: No team met it: it comes only in the phase
    'Growing up'' after 'It can come each turn in the phase 'Growing up''). `groups`: Reason (or its words)
    -> the teams' names as written, never capitalised."""
    at = f"At {turns_said(turns)}, "
    each = f"At turn {turns[0]}, " if len(turns) > 1 else ""
    out = []
    for reason, names in groups.items():
        r = reason if isinstance(reason, Reason) else Reason("", reason)
        everyone = len(names) == teams
        if r.kind == "ended":
            said = "every team's game had already ended" if everyone else \
                f"the game{'s' if len(names) > 1 else ''} of {joined(names)} had already ended"
        elif r.kind == "phase":
            said = (f"every team was in the phase '{r.detail}'" if everyone else
                    f"{joined(names)} {'were' if len(names) > 1 else 'was'} in the phase '{r.detail}'")
        elif r.said:
            said = "no team met that condition" if everyone else f"{joined(names)} did not meet that condition"
        else:
            said = f"no team met it: {r.words}" if everyone else f"{joined(names)} did not meet it: {r.words}"
        if not out:
            said = at + said
        elif everyone or r.kind == "ended":
            said = said[0].upper() + said[1:]  # our own words begin it, never a team's name
        out.append(f"{said}.")
        out += [f"{each}{name} had {values}." for name, values in detail[reason] if values]
    return out


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
