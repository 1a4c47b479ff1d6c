"""What the debrief says about the game review: par, evaluation line, costliest turns, drivers, insights.

Plain data and the game's words, computed once from a session and its review
(game/analysis/review.py) and drawn by every front-end: the terminal's end of
game, the window's review screen, reports. Nothing here draws or prints.

By concern: the costliest turns and what a better decision would have changed (costly), the evaluation line
(line), the turn-by-turn list (turns), the insights (observations); here the view that holds them all and its
text. Every name is here too, so `views.review.X` reads as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis.review import COSTLY_APART, LABEL_HELP, LABELS, Review
from ...session import Session
from .. import words
from ..debrief import PhaseMix, phase_mix
from ..words import decision_words
from .costly import (STRONG_SAME_BEATEN, chosen_words, unused_points, COSTLY_FROM, GAINS_SHOWN, LOST_LATER, NOTICEABLE, POINTS_SHOWN, STRONG_BETTER, STRONG_SAME,
                     TRADE_OFF, Change, CostlyTurn, _change, _changes, _hidden, _widest, costly_turn, metric_points)
from .observations import (ANSWER_WINDOW, _crises, _development, _event_answers, _mix_against_strong_play,
                           _what_came_before, _where_points_went, answer_effects, differences_words, insights)
from .line import (EVAL_MIN_SPAN, LINE_MEANS, MOVE_SHOWN, OWN_PLAY_NOTE, REACH, SPARKS, LineMove, evaluation_scale,
                   fall_words, moves_note, spark)
from .turns import (idle_words, SAME_AS_BEST, TURN_COLUMNS, TURN_HINT, TURN_LIST_LABELS, TURN_LIST_NOTE, TURNS_HEADING, TurnRow,
                    turn_rows)

__all__ = ["METHOD_HEADING", "chosen_words", "idle_words", "STRONG_REFERENCE", "STRONG_SAME_BEATEN", "unused_points", "ANSWER_WINDOW", "answer_effects", "BETTER_NOTE", "Change", "costly_turn", "COSTLY_FROM", "CostlyTurn",
           "count_words", "decision_words", "differences_words", "driver_series", "EVAL_MIN_SPAN",
           "evaluation_scale", "fall_words", "GAINS_SHOWN", "insights", "Line", "LINE_MEANS", "LineMove",
           "LOSS_NOTE", "LOSS_NOTE_SHORT", "LOST_LATER", "metric_points", "MOVE_SHOWN", "moves_note",
           "NO_COSTLY_TURN", "NOTICEABLE", "number_words", "OWN_PLAY_NOTE", "PLURAL", "POINTS_SHOWN", "REACH",
           "review_view", "ReviewView", "SAME_AS_BEST", "SAME_LUCK_NOTE", "Series", "spark", "SPARKS",
           "STRONG_BETTER", "STRONG_SAME", "text_lines", "TRADE_OFF", "TURN_COLUMNS", "TURN_HINT",
           "TURN_LIST_LABELS", "TURN_LIST_NOTE", "TurnMark", "TurnRow", "turn_rows", "TURNS_HEADING", "turns_words",
           "_change", "_changes", "_crises", "_development", "_event_answers", "_hidden",
           "_mix_against_strong_play", "_what_came_before", "_where_points_went", "_widest"]


@dataclass(frozen=True)
class Series:
    metric: str
    title: str
    values: tuple[float, ...]  # at the start of each turn and at the end
    lo: float
    hi: float
    par: tuple[float, ...]  # the strong bot's game on the same seed, for comparison


@dataclass(frozen=True)
class TurnMark:
    turn: int
    label: str
    loss: float


@dataclass(frozen=True)
class ReviewView:
    score: float
    par: float
    finished: bool
    bot: str
    evaluation: tuple[float, ...]  # before turn 1 (the par), then after each turn
    marks: tuple[TurnMark, ...]
    counts: tuple[tuple[str, int], ...]  # (label, how many turns), from good to blunder
    costliest: tuple[CostlyTurn, ...]
    drivers: tuple[Series, ...]  # the hidden drivers over the whole game
    insights: tuple[str, ...]
    mix: tuple[PhaseMix, ...] = ()  # the mix per phase against strong play's, as the debrief judges it
    moves: tuple[LineMove, ...] = ()  # why the evaluation line moved at each turn
    own_play: bool = False  # some turn is valued by the player's own later play (analysis.review.TurnReview)
    label_help: str = LABEL_HELP

    @property
    def count_words(self) -> tuple[tuple[str, str], ...]:
        """(label, '9 inaccuracies'): each label's count in words ('9 inaccuracy' read as a typo)."""
        return tuple((label, count_words(label, n)) for label, n in self.counts)
    costly_turns: int = 0  # turns that lost COSTLY_FROM points or more (the costliest are some of them)
    turns: tuple["TurnRow", ...] = ()  # every turn: the decision against the best one found
    costly: tuple[CostlyTurn, ...] = ()  # every costly moment, costliest first (`costliest` are the distinct top 3)

    @property
    def costliest_title(self) -> str:
        """Said wherever the costliest turns are listed: how many of the costly turns they are, and why a
        turn next to one of them, which lost as much, is missing."""
        shown = len(self.costliest)
        if not shown:
            return f"The costliest turns (no turn lost {COSTLY_FROM:g} points or more)"
        n = self.costly_turns
        if n > shown:
            which = (f"the costliest of the {turns_words(n)}" if shown == 1 else
                     f"the {number_words(shown)} costliest of the {turns_words(n)}")
        else:
            which = "the one turn" if shown == 1 else "both turns" if shown == 2 else f"all {turns_words(shown)}"
        if n == 1:  # one turn: nothing was left out for being near another (s7 player 3, finding 7: shorter)
            return f"The costliest turns ({which} that lost {COSTLY_FROM:g} points or more)"
        return (f"The costliest turns ({which} that lost {COSTLY_FROM:g} points or more; shown turns are at "
                f"least {COSTLY_APART} turns apart, so each is its own moment)")

    @property
    def costly_title(self) -> str:
        """The heading of every costly turn listed (the window's list, which shows them all)."""
        if not self.costly:
            return f"The costliest turns (no turn lost {COSTLY_FROM:g} points or more)"
        n = self.costly_turns
        count = "the one turn" if n == 1 else "both turns" if n == 2 else f"all {turns_words(n)}"
        return f"The costliest turns: {count} that lost {COSTLY_FROM:g} points or more, costliest first"

    @property
    def others_words(self) -> str:
        """The costly turns not among `costliest`, for a front-end that shows only those: 'Also 5 points or
        more: turn 1 (8 points) and turn 3 (7 points); every turn is in the turn-by-turn list.' ('' if none)."""
        shown = {c.turn for c in self.costliest}
        rest = [c for c in self.costly if c.turn not in shown]
        if not rest:
            return ""
        listed = words.joined([f"{c.turns_text.lower()} ({c.loss:.0f} points)" for c in rest])
        return f"Also {COSTLY_FROM:g} points or more: {listed}."

    @property
    def scale(self) -> tuple[float, float]:
        """The evaluation line's bounds for text front-ends (the par within them)."""
        return evaluation_scale(list(self.evaluation) + [self.par])

    @property
    def evaluation_text(self) -> tuple[str, str]:
        """The evaluation line for text, with its scale: a heading and the line itself."""
        lo, hi = self.scale
        ev = self.evaluation
        return (f"Evaluation line: {LINE_MEANS} (scale {SPARKS[0]} {lo:.0f} "
                f"to {SPARKS[-1]} {hi:.0f}; par {self.par:.0f})",
                f"  start {ev[0]:.0f} {spark(ev, lo, hi)} end {ev[-1]:.0f}")

    @property
    def evaluation_note(self) -> str:
        """Why the evaluation line moves, computed from this game's replay."""
        note = moves_note(self.moves, self.own_play, self.evaluation[0], self.par, self.score)
        promise = self.fall_promise
        return f"{note} {promise}" if note and promise else note

    @property
    def fall_promise(self) -> str:
        """What a practice from the turn the line fell most at gets (TurnRow.practice): the note names that
        turn, and a player who then practised it scored 3.9 fewer with nothing said (s7 player 4, finding 1)."""
        if not self.moves:
            return ""
        fall = min(self.moves, key=lambda m: (m.change, m.turn))
        if fall.change > -MOVE_SHOWN or any(c.turn == fall.turn for c in self.costliest):
            return ""  # a costly turn says it under its own heading
        return next((r.practice for r in self.turns if r.turn == fall.turn), "")

    @property
    def headline(self) -> str:
        gap = self.par - self.score
        word = "final score" if self.finished else "score so far"
        if gap <= 0.5:
            return f"Your {word} {self.score:.0f} matches or beats the par of {self.par:.0f}: strong play."
        return (f"Your {word} {self.score:.0f} against a par of {self.par:.0f} (the strong bot on the same "
                f"seed): {gap:.0f} points to find.")


@dataclass(frozen=True)
class Line:
    """One line of the review for a text front-end: its words and what kind of line it is."""

    text: str
    kind: str = "text"  # "head" (bold), "heading" (bold), "text", "note" (dim)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_words(n: int) -> str:
    """'three' for 3 (up to ten, then digits): small counts inside a sentence read as words."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def turns_words(n: int) -> str:
    """'one turn', 'three turns', '12 turns'."""
    return f"{number_words(n)} turn{'' if n == 1 else 's'}"


PLURAL = {"good": "good", "inaccuracy": "inaccuracies", "mistake": "mistakes", "blunder": "blunders"}


def count_words(label: str, n: int) -> str:
    """'1 mistake', '2 mistakes', '13 good': a review label counted."""
    return f"{n} {label if n == 1 else PLURAL.get(label, label)}"


def text_lines(view: "ReviewView") -> list[Line]:
    """The review for text front-ends (the terminal's end of game, `leadsim review`): the same sentences the
    window shows, one line each, so no text front-end drops the reasons."""
    out = [Line(view.headline, "head"), Line("Your decisions: " + ", ".join(words for _, words in view.count_words))]
    # what to act on first: each costly turn's one decision to take instead and why; how the review measures it
    # comes last, short (the review read as eight screens of method before 'turn N: do X', s7 player 3, 7)
    if view.costliest:
        out.append(Line(f"{view.costliest_title}:", "heading"))
        for c in view.costliest:
            out += [Line(f"• {c.title}"), Line(f"    do instead: {c.better}"),
                    Line(f"    it would have changed: {c.changes}"),
                    Line(f"    you chose: {c.chosen}"),
                    *([Line(f"    {STRONG_REFERENCE} {c.strong_words}")] if c.strong else []),
                    *([Line(f"    {c.practice_words}")] if c.practice_words else []),
                    Line(f"    {c.numbers}"),
                    *([Line(f"    {c.later_words}")] if c.later_words else [])]
        if view.others_words:
            out.append(Line(view.others_words))
    else:
        out.append(Line(NO_COSTLY_TURN))
    out.append(Line("What this game shows:", "heading"))
    out += [Line(f"• {n}") for n in view.insights]
    out += [Line(t) for t in view.evaluation_text]
    if view.drivers:
        out.append(Line("Hidden drivers over the game (yours, then the strong bot's on the same seed):", "heading"))
        width = max(len(d.title) for d in view.drivers)
        for d in view.drivers:
            lo, hi = driver_scale(d)
            for who, series, name in (("you", d.values, d.title), ("bot", d.par, "")):
                out.append(Line(f"  {name:<{width}}  {who} {spark(series, lo, hi)} {series[0]:.0f} to {series[-1]:.0f}"))
    out.append(Line(METHOD_HEADING, "heading"))
    out += [*([Line(view.evaluation_note, "note")] if view.evaluation_note else []),
            *([Line(BETTER_NOTE, "note"), Line(SAME_LUCK_NOTE, "note")] if view.costliest else [])]
    out.append(Line(view.label_help[0].upper() + view.label_help[1:] + ".", "note"))
    return out


METHOD_HEADING = "How this review measures:"  # the method notes after it, last in the text review


# strong play beside the one decision the review recommends: a reference, and whose ('Better: X' beside 'Strong
# play chose: Y' read as two recommendations, s7 player 3, finding 3)
STRONG_REFERENCE = "for reference, strong play (the bot that sets the par) chose:"
# said wherever better decisions are listed: a rested card named "better" on many turns in a row read as
# advice nobody could follow (a new player's s5 finding 6)
BETTER_NOTE = ("Each turn's decision to do instead is judged from the game as you actually played it up to that "
               "turn: one step, not a plan to repeat, so one card can be named on many turns in a row.")
# Said under every list of a turn's points lost (the report's and the slides' costly turns): a trainer could not
# defend "Turn 4: 1 team lost 505 points" for a team that scored 83 in all (s6 trainer 2, finding 10).
LOSS_NOTE = ("Points lost can exceed a team's whole score (strong play after the better decision); they include "
             "the loss's penalty where the better decision would have kept the game from being lost.")
LOSS_NOTE_SHORT = ("strong play after it in both cases, so a loss can exceed a team's whole score; a loss avoided "
                   "counts its penalty")  # the slide's LOSS_NOTE, in its opening sentence's brackets
# What "the same luck" promises, said wherever a better decision is offered (player s6 finding 2: after the
# advice, events came a turn later). Every random number is a pure function of the seed, the turn and its
# purpose (model/rng.py), so the dice are the same whatever is decided; but an event fires only while its
# condition holds ("process < 35") and one event comes a turn, so another decision can move an event.
SAME_LUCK_NOTE = ("The same luck means the same dice whatever you decide; but an event needs its condition (say, "
                  "process maturity under 35), so another decision can bring one earlier, later or not at all.")
NO_COSTLY_TURN = f"No turn cost {COSTLY_FROM:g} points or more against the best decision found."


def review_view(session: Session, review: Review) -> ReviewView:
    marks = tuple(TurnMark(t.turn, t.label, t.loss) for t in review.turns)
    moments = review.moments()
    costly = {m.key.turn: costly_turn(session, review, m) for m in moments}
    counts = tuple((name, sum(m.label == name for m in marks)) for name, _ in reversed(LABELS))
    return ReviewView(
        score=review.score, par=review.par, finished=review.finished, bot=review.bot,
        evaluation=tuple(review.evaluation), marks=marks, counts=counts,
        costliest=tuple(costly[m.key.turn] for m in review.costliest(3)),
        costly=tuple(costly[m.key.turn] for m in sorted(moments, key=lambda m: (-m.loss, m.first))),
        drivers=tuple(driver_series(session, review)),
        insights=tuple(i for i in (idle_words(session, review), *insights(session, review)) if i), mix=tuple(phase_mix(session, search=True)),
        moves=tuple(LineMove(m.turn, m.change, m.rest, t.loss) for m, t in zip(review.moves(), review.turns)),
        own_play=any(t.own_play for t in review.turns),
        costly_turns=sum(t.loss >= COSTLY_FROM for t in review.turns), turns=turn_rows(session, review))


def driver_scale(d: Series) -> tuple[float, float]:
    """Bounds for a driver's text line: a point of room either side, never past the metric's own range, so a
    driver that stayed at its floor (Exhaustion 0 all game) draws flat at the bottom, not as half-height bars
    that read as 'medium' (s7 player 4, finding 3)."""
    lo, hi = min(d.values + d.par) - 1, max(d.values + d.par) + 1
    return (max(lo, d.lo) if d.lo is not None else lo), (min(hi, d.hi) if d.hi is not None else hi)


def driver_series(session: Session, review: Review) -> list[Series]:
    rules, out = session.rules, []
    for m, spec in session.scenario.metrics.items():
        if not _hidden(m, spec):
            continue
        i = rules.index[m]
        out.append(Series(m, spec.title or m, tuple(float(v) for v in review.history[:, i]), spec.min, spec.max,
                          tuple(float(v) for v in review.par_path[:, i])))
    return out
