"""The end of the game and the debrief: outcome, score and how it is counted, the mix per phase against
what each phase rewarded, what was going on underneath, and a few lessons from this particular game."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..analysis.review_mix import StrongMix, balance_words, is_close, shares, split_words, strong_mix
from ..model.context import metric_value_weights
from ..session import Session
from . import goal, words


@dataclass(frozen=True)
class ScorePart:
    id: str  # a metric id, or "ending"
    short_title: str  # "Morale", "Ending bonus or penalty"
    points: float  # in tenths as shown: the parts add up to the shown score (words.shown_parts)
    averaged: bool  # a metric's average over all turns (not the ending's part)

    @property
    def title(self) -> str:
        """'Morale (average over all turns)'."""
        return f"{self.short_title} (average over all turns)" if self.averaged else self.short_title


# Where strong play's mix would stand, while strong play is not known on this machine yet (a scenario never
# reviewed here, or a shipped expert that no longer matches its scenario): the first debrief lacked the line a
# practice debrief had, with no word why (s6 player 2, finding 11). The review finds strong play, once.
STRONG_UNKNOWN = "Strong play's mix shows here once the game has been reviewed (the review finds strong play once)."


@dataclass(frozen=True)
class PhaseMix:
    """The player's mix in one phase, judged against the game's one answer to "what mix does this phase
    reward": strong play's own mix there (analysis.review_mix), never the weights' ratio."""

    phase: str
    title: str
    leadership: int
    management: int
    development: int
    weight_leadership: float
    weight_management: float
    strong: float | None = None  # strong play's leadership share in this phase; None when not known
    strong_mix: StrongMix | None = None  # strong play's actions of each kind there, development included
    lost_on: int | None = None  # the turn the game was lost on, if it was

    @property
    def leadership_share(self) -> float:
        total = self.leadership + self.management
        return self.leadership / total if total else 0.0

    @property
    def rewarded(self) -> str:
        """'leadership', 'management' or 'both equally': which kind the phase's weights make stronger."""
        return words.rewarded(_Weights(self.weight_leadership, self.weight_management))

    @property
    def weights_text(self) -> str:
        return words.weights_text(_Weights(self.weight_leadership, self.weight_management))

    @property
    def fits(self) -> bool | None:
        """Whether the mix was close to strong play's (review_mix.is_close, on the balance of leadership and
        management, as the report judges it); None when there is nothing to compare (strong play unknown, or no
        leadership or management action taken)."""
        if self.strong is None or self.leadership + self.management == 0:
            return None
        return is_close(self.leadership_share, self.strong)

    @property
    def split_text(self) -> str:
        """'100% leadership, 0% management, 0% development': the player's actions here as shares of ALL of them,
        in the report's words (review_mix.split_words: the one definition, development included)."""
        return split_words(self.leadership, self.management, self.development)

    @property
    def strong_split_text(self) -> str:
        """Strong play's split in the same words ('79% leadership, 0% management, 21% development'); '' when
        unknown."""
        return split_words(*self.strong_mix.counts) if self.strong_mix else ""

    @property
    def strong_text(self) -> str:
        """'strong play's 79% leadership, 0% management, 21% development', or '' when unknown."""
        return f"strong play's {self.strong_split_text}" if self.strong_split_text else ""

    @property
    def development_note(self) -> str:
        """'Strong play gave 21% of its actions to development, you 0%.' when the two development shares are
        not close (the same rule, review_mix.is_close), so a mix without development never reads as strong
        play's; '' otherwise."""
        own, strong = shares(self.leadership, self.management, self.development), self.strong_mix
        if own is None or strong is None or strong.total <= 0 or is_close(own[2], strong.split[2]):
            return ""
        return f"Strong play gave {strong.split[2]:.0%} of its actions to development, you {own[2]:.0%}."

    @property
    def advice(self) -> str:
        """'Close to strong play's balance of leadership and management.' (with 'but the game was lost' when it
        was: closeness is no praise for a lost game), or which way strong play leaned further, each saying the
        share it compares (review_mix.balance_words: leadership of leadership and management, not of all the
        actions shown beside it); then the development note; '' when there is no comparison."""
        if self.fits is None:
            return ""
        balance = balance_words(self.leadership_share, self.strong)
        if self.fits:
            text = f"Close to strong play's balance of leadership and management ({balance})"
            text += (f", but the game was lost on turn {self.lost_on}: a close mix did not save it."
                     if self.lost_on is not None else ".")
        else:
            way = "leadership" if self.strong > self.leadership_share else "management"
            text = f"Strong play leaned further toward {way}: {balance}."
        note = self.development_note
        return f"{text} {note}" if note else text

    @property
    def counts_text(self) -> str:
        """'Leadership 38 actions (54%) · Management 29 actions (41%) · Development 4 actions (6%)': every part
        of the mix bar by name, also the sliver too thin to carry its own label."""
        return " · ".join(f"{k} {c}" for k, c in zip(("Leadership", "Management", "Development"), self.cells))

    @property
    def cells(self) -> tuple[str, str, str]:
        """Each kind's count, said to be a count, with its share of ALL the actions beside it, as the
        'Yours:' split says it: ('38 actions (54%)', '29 actions (41%)', '4 actions (6%)'). A player read
        '32 37 3' next to 'yours 46%' as three bare numbers against a percentage of something else."""
        s = shares(self.leadership, self.management, self.development) or (0.0, 0.0, 0.0)
        return tuple(f"{words.plural(n, 'action')} ({x:.0%})"
                     for n, x in zip((self.leadership, self.management, self.development), s))

    @property
    def short(self) -> str:
        """For the 'Against strong play' column, beside the player's counts and shares (`cells`, which say
        the player's mix once): 'Strong play's: 79% leadership, 0% management, 21% development. Close to ...';
        without a comparison, what the phase's weights favour. It began 'Yours: 58% leadership, ...', a
        third time the player's mix beside its bar and counts (s6 finding 15)."""
        if self.fits is None:
            unknown = f" {STRONG_UNKNOWN}" if self.strong is None and self.leadership + self.management else ""
            return f"Rewarded {self.rewarded} ({self.weights_text}).{unknown}"
        if not self.strong_split_text:
            return self.advice
        return f"Strong play's: {self.strong_split_text}. {self.against}"

    @property
    def against(self) -> str:
        """The one comparison beside strong play's split, in the same shares of ALL the actions as the
        player's cells and strong play's split: 'Close to strong play's balance of leadership and management;
        you took less development (10% against 33%).' or 'Strong play leaned further toward leadership: you
        took more management (25% against 0%) and less development (0% against 33%).' The verdict is the one
        rule (fits); only its numbers changed: the balance's own percentage (leadership of leadership and
        management) beside shares of all the actions gave a phone two competing percentages (trainer s7 3,
        finding 11)."""
        own, strong = shares(self.leadership, self.management, self.development), self.strong_mix
        kinds = ("leadership", "management", "development")
        gaps = []
        for k in (2,) if self.fits else (0, 1, 2):  # close balance: only development can be far
            if own is not None and strong is not None and strong.total > 0 and not is_close(own[k], strong.split[k]):
                gaps.append(f"{'more' if own[k] > strong.split[k] else 'less'} {kinds[k]} "
                            f"({own[k]:.0%} against {strong.split[k]:.0%})")
        took = f"you took {words.joined(gaps)}" if gaps else ""
        if self.fits:
            head = "Close to strong play's balance of leadership and management"
            if self.lost_on is not None:
                return f"{head}{'; ' + took if took else ''}, but the game was lost on turn {self.lost_on}: a close mix did not save it."
            return f"{head}{'; ' + took if took else ''}."
        way = "leadership" if self.strong > self.leadership_share else "management"
        return f"Strong play leaned further toward {way}{': ' + took if took else ''}."

    def verdict(self) -> str:
        """The whole sentence about this phase's mix, for the insights."""
        total = self.leadership + self.management
        if total == 0:
            return f"You took no leadership or management actions in the {self.title} phase."
        text = f"{self.title}: your actions were {self.split_text}"
        weights = (f"in this phase leadership actions work at {self.weight_leadership:.1f}x, management at "
                   f"{self.weight_management:.1f}x")
        if self.fits is None:
            return f"{text} ({weights}); the review compares it with strong play's."
        strong = f"; {self.strong_text}" if self.strong_text else ""
        return f"{text}{strong} ({weights}). {self.advice}"


@dataclass(frozen=True)
class _Weights:
    leadership: float
    management: float


@dataclass(frozen=True)
class Hidden:
    id: str
    title: str
    start: float
    end: float
    start_text: str = ""  # as written (goal.value_text): never rounded across a rule's line
    end_text: str = ""


@dataclass(frozen=True)
class Series:
    """A visible metric over the whole game, for the debrief's charts (grouped by scale)."""

    id: str
    title: str
    values: tuple[float, ...]
    lo: float
    hi: float
    index: int  # its place among the visible metrics (picks colour and marker shape)
    unit: str = ""  # the metric's unit ("k": money, whose chart fits its axis to what happened)


@dataclass(frozen=True)
class Debrief:
    outcome: words.Outcome
    outcome_word: str  # "WIN", "LOSS", "SURVIVED"
    ending_title: str
    ending_text: str
    turns_played: int
    turns: int
    score: float
    score_parts: tuple[ScorePart, ...]
    score_scale: str
    mix: tuple[PhaseMix, ...]
    hidden: tuple[Hidden, ...]
    insights: tuple[str, ...]
    series: tuple[Series, ...]
    phase_marks: tuple[tuple[int, str], ...]  # (turn, the title of the phase that began: never cut)
    seed: int
    difficulty: str

    @property
    def after(self) -> str:
        """'after 30 turns'."""
        return f"after {words.plural(self.turns_played, 'turn')}"

    @property
    def ending_line(self) -> str:
        """'After 12 turns: You steered Pebble through both phases ...': how long the game lasted, before the
        ending's text ('... for the longer scenarios. (after 12 turns)' read as a stray bracket)."""
        return f"{self.after[0].upper()}{self.after[1:]}: {self.ending_text}" if self.ending_text else \
            f"{self.after[0].upper()}{self.after[1:]}."

    @property
    def charts(self) -> tuple[ChartGroup, ...]:
        return chart_groups(self.series)

    @property
    def score_heading(self) -> str:
        return f"Score: {self.score:.1f}"


def phase_mix(session: Session, search: bool = False) -> list[PhaseMix]:
    """The player's leadership/management mix in each phase the game reached, with strong play's share
    there (analysis.review_mix; with search=False, only when the expert is already known, as it always
    is for the built-in scenarios)."""
    mix = session.mix()
    strong = strong_mix(session.rules, search)
    out = []
    lost = session.turn if words.outcome_of(session) == words.Outcome.LOSS else None
    played = session.phase_history[:session.turn]  # the phase of each turn played (not one only reached at the end)
    for p in session.scenario.phases:
        if session.rules.phases.index(p.id) not in played:
            continue
        m = mix[p.id]
        out.append(PhaseMix(p.id, p.title, m["leadership"], m["management"], m["development"],
                            p.weights.leadership, p.weights.management,
                            strong[p.id].share if strong and p.id in strong else None,
                            strong.get(p.id) if strong else None, lost))
    return out


ENDING_PART = "Ending bonus or penalty"


def score_parts(session: Session) -> tuple[ScorePart, ...]:
    """The score's parts, each in tenths as written, so that they add up to the score shown above them."""
    out = []
    for k, v in words.shown_parts(session.score_breakdown(), session.score()).items():
        metric = session.scenario.metrics.get(k)
        out.append(ScorePart(k, (metric.title or k) if metric else ENDING_PART, v, metric is not None))
    return tuple(out)


def score_scale(session: Session) -> str:
    """What the score's number means, in one sentence: the scale, the averaging, the ending's part."""
    sc = session.scenario.score
    names = [session.scenario.metrics[m].title or m for m, w in sc.weights.items() if w]
    ending = []
    if sc.win_bonus:
        ending.append(f"a win adds {sc.win_bonus:g}")
    if sc.loss_penalty:
        ending.append(f"a loss takes away {sc.loss_penalty:g}")
    tail = f"; {' and '.join(ending)}" if ending else ""
    enough = goal.enough_words(session.scenario)
    limit = f" {enough}: more than that adds nothing." if enough else ""
    return (f"Up to 1,000 points come from {', '.join(names)}: each counts by its weight, from nothing at "
            f"its worst to its full share at its best, averaged over all {session.scenario.turns} turns "
            f"(a game that ends early scores nothing for the turns it missed){tail}.{limit}")


def score_briefing(session: Session) -> str:
    """The briefing's lines about the score and the goal: how the score is made, what wins, what loses."""
    return goal.goal_text(session.scenario)


def insights(session: Session, limit: int = 5) -> list[str]:
    """A few concrete observations about this game, most telling first: what the win needed against what
    the game got, then the mix per phase and the rest."""
    check = goal.goal_check(session) if session.done else ""
    return ([check] if check else []) + _observations(session, limit)


def _first_crisis(session: Session) -> str | None:
    """The game's first crisis in its own words: when and at what it began, what it brought each turn, and
    when (at what) it ended. One that began with the last turn cost nothing, and is said so: a player read
    'crises end only when the metric recovers' after the last turn as advice for turns they no longer had,
    and 'where the company was heading' beside a win as a verdict against it."""
    started = [(r.turn, cid) for r in session.reports for cid in r.crises_started]
    if not started:
        return None
    turn, cid = started[0]
    sc = session.scenario
    spec = next((c for c in sc.crises if c.id == cid), None)
    if spec is None:
        return None
    began, ends = goal.condition_words(sc, spec.start), goal.condition_words(sc, spec.end)
    brought = goal.per_turn_words(sc, spec.per_turn) or "nothing"
    if session.done and turn == session.reports[-1].turn:
        won = session.ending is not None and session.ending.kind == "win"
        return (f"The game ended in a crisis that began with its last turn (turn {turn}, at {began}): "
                f"'{spec.title}'. No turn was left for it to cost anything{', and the win stands' if won else ''}; "
                f"in a longer game it would have brought {brought} until it ended (at {ends}).")
    ended = next((r.turn for r in session.reports if r.turn > turn and cid in r.crises_ended), None)
    after = (f"it ended on turn {ended} (at {ends})" if ended is not None
             else f"it was still on at the end (it ends at {ends})")
    return f"The crisis '{spec.title}' began on turn {turn} (at {began}) and brought {brought}; {after}."


def _times(n: int) -> str:
    """' (taken once)', ' (taken 3 times)'; '' for an event's answer, which is no action taken."""
    return "" if n == 0 else " (taken once)" if n == 1 else f" (taken {n} times)"


def _observations(session: Session, limit: int) -> list[str]:
    """Not the mix per phase: every debrief (window, terminal, web) shows it in its mix table, with strong
    play's beside it (PhaseMix.cells and .short); the insights said it a third time (s6 finding 15)."""
    notes: list[str] = []
    totals: dict[str, float] = {}
    worth = metric_value_weights(session.rules)  # hidden drivers count too: coaching pays through them
    for report in session.reports:
        for cause in report.causes:
            if not cause.kind.chosen:
                continue
            value = sum(worth[session.rules.index[m]] * v for m, v in cause.change.items())
            totals[cause.title] = totals.get(cause.title, 0.0) + value
    if totals:
        best = max(totals, key=totals.get)
        worst = min(totals, key=totals.get)
        # Said as what it measures: an action's own effects added up over every turn it was taken. A trainer's
        # slides name the team's strongest turn by another measure (that turn's decision against the others
        # open there), and "What helped most: 'Leadership course'" beside "strongest turn: turn 8 (Organize
        # roles, ...)" read as a contradiction (trainer s6 finding 6).
        titles = {a.id: a.title for a in session.scenario.actions}
        taken = Counter(titles.get(a, a) for d in session.log for a in d.actions)
        if totals[best] > 0:
            notes.append(f"What helped most, added up over the game: '{best}'{_times(taken[best])}; its own "
                         "effects did more for your score than any other action you chose. A single turn is "
                         "measured differently, against the other decisions open at that turn.")
        if totals[worst] < 0:
            notes.append(f"What hurt most, added up over the game: '{worst}'{_times(taken[worst])}; its own "
                         "effects cost you more than any other action you chose.")
    crisis = _first_crisis(session)
    if crisis:
        notes.append(crisis)
    elif session.rules.crises:
        notes.append("You never fell into a crisis.")
    start = session.history[0]
    for skill in words.SKILLS:
        if skill in session.rules.index:
            word = words.SKILL_CATEGORY[skill]
            i = session.rules.index[skill]
            gain = session.history[-1][i] - start[i]
            if gain >= 1:
                notes.append(f"Your {word} skill grew by {gain:.0f} points, making every {word} action "
                             "after that stronger.")
    delayed = sum(1 for r in session.reports for c in r.causes if c.kind == "delayed")
    if delayed:
        notes.append(f"{delayed} delayed effects arrived during the game: some of what you saw in later turns "
                     "was caused by decisions made turns earlier.")
    return notes[:limit]


def hidden_reveal(session: Session) -> tuple[Hidden, ...]:
    """Every hidden metric at the start and now: what was going on underneath."""
    out = []
    for m, spec in session.scenario.metrics.items():
        if not spec.visible:
            i = session.rules.index[m]
            start, end = float(session.history[0][i]), float(session.history[-1][i])
            out.append(Hidden(m, spec.title or m, start, end, goal.value_text(session.scenario, m, start),
                              goal.value_text(session.scenario, m, end)))
    return tuple(out)


@dataclass(frozen=True)
class ChartGroup:
    """Metrics drawn on one chart: those that share a scale, with the axis the chart uses."""

    series: tuple[Series, ...]
    lo: float
    hi: float
    unit: str  # written after every axis number ("k")

    def tick(self, q: float) -> str:
        """The axis number at `q` (0 bottom, 0.5 middle, 1 top): '70k'."""
        return f"{self.lo + (self.hi - self.lo) * q:.0f}{self.unit}"


MONEY_STEPS = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def money_axis(values, lo: float, hi: float) -> tuple[float, float]:
    """Round bounds around what happened, with a round middle line: money's own scale (-50k to 200k) is so
    wide that a fall from 90k to 50k looked flat (a fresh player's finding 11)."""
    low, high = min(values), max(values)
    step = next((s for s in MONEY_STEPS if (high - low) / s <= 6), MONEY_STEPS[-1])
    a, b = np.floor((low - step / 2) / step) * step, np.ceil((high + step / 2) / step) * step
    if round((b - a) / step) % 2:
        b += step
    return float(a), float(b)


def chart_groups(series_: tuple[Series, ...]) -> tuple[ChartGroup, ...]:
    """Metrics on the same scale share a chart on that scale; money gets its own chart fitted to its values."""
    groups: dict[tuple, list[Series]] = {}
    for s in series_:
        groups.setdefault((s.lo, s.hi, s.unit), []).append(s)
    out = []
    for (lo, hi, unit), members in groups.items():
        if unit == "k":
            lo, hi = money_axis([v for s in members for v in s.values], lo, hi)
        out.append(ChartGroup(tuple(members), lo, hi, unit))
    return tuple(out)


def phase_marks(session: Session) -> tuple[tuple[int, str], ...]:
    h = session.phase_history
    return tuple((t, session.scenario.phases[h[t]].title) for t in range(1, len(h)) if h[t] != h[t - 1])


def series(session: Session) -> tuple[Series, ...]:
    out = []
    for k, m in enumerate(session.visible_metrics()):
        spec = session.scenario.metrics[m]
        i = session.rules.index[m]
        out.append(Series(m, spec.title or m, tuple(float(x[i]) for x in session.history), spec.min, spec.max, k, spec.unit))
    return tuple(out)


def _practice_first(session: Session, notes: list[str]) -> tuple[str, ...]:
    """A practice's debrief says first how it compares with the original game (views.practice)."""
    from .practice import debrief_line

    line = debrief_line(session)
    return tuple(([line] if line else []) + list(notes))


def debrief(session: Session) -> Debrief:
    """The end screen of a finished game (or the story so far of an unfinished one)."""
    ending = session.ending
    outcome = words.outcome_of(session)
    return Debrief(
        outcome=outcome, outcome_word=words.OUTCOME_WORDS[outcome],
        ending_title=ending.title if ending else "", ending_text=ending.text.strip() if ending else "",
        turns_played=session.turn, turns=session.scenario.turns, score=session.score(),
        score_parts=score_parts(session), score_scale=score_scale(session), mix=tuple(phase_mix(session)),
        hidden=hidden_reveal(session), insights=_practice_first(session, insights(session)), series=series(session),
        phase_marks=phase_marks(session), seed=session.seed, difficulty=session.difficulty,
    )


@dataclass(frozen=True)
class EarlyEnd:
    """The end page of a game lost before its last turn, while the room plays on: what the team can do with
    the rounds left (trainer s7 finding 6: Blue Herons lost at turn 5 of 12 and sat idle for 7 rounds)."""

    heading: str
    lead: str
    steps: tuple[str, ...]


EARLY_END_HEADING = "While the other teams play on"


def early_end(session: Session) -> EarlyEnd | None:
    """What ended the game, where to look for how it got there and what to bring to the debrief; None for a game
    that reached its last turn (or is not over). Each line points at something on the team's own pages: the
    rule that ended it, the driver's highest point and its fall (the turn reports from there), the decisions."""
    sc, end = session.scenario, session.ending
    if not session.done or end is None or session.turn >= sc.turns:
        return None
    left = sc.turns - session.turn
    rule = goal.condition(end.when)
    lead = (f"Your game ended at turn {session.turn} of {sc.turns}: '{end.title}' "
            f"({goal.listed([goal.clause_words(sc, c) for c in rule.clauses])})." if rule.clauses else
            f"Your game ended at turn {session.turn} of {sc.turns}: '{end.title}'.")
    lead += f" The others have up to {words.plural(left, 'turn')} left; use them to get ready for the debrief."
    steps = []
    for c in rule.clauses or ():
        if c.metric not in session.rules.index:
            continue
        i = session.rules.index[c.metric]
        path = [float(x[i]) for x in session.history]
        peak = max(range(len(path)), key=lambda k: path[k]) if c.op in ("<", "<=") else \
            min(range(len(path)), key=lambda k: path[k])
        title = sc.metrics[c.metric].title or c.metric
        when = "at the start" if peak == 0 else f"after turn {peak}"
        steps.append(f"{title} was at its best {when} ({goal.value_text(sc, c.metric, path[peak])}) and ended at "
                     f"{goal.value_text(sc, c.metric, path[-1])}. Open your turn reports from turn {max(1, peak + 1)} "
                     "on (below) and find the decisions that moved it: each report says which of yours did.")
    steps.append("Agree in one sentence what you would do differently from that turn, and what the dashboard did "
                 "not show you in time.")
    steps.append("Bring both to the debrief: the facilitator will ask the room what ended games early.")
    return EarlyEnd(EARLY_END_HEADING, lead, tuple(steps))
