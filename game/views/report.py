"""The turn report: each metric's change and the decisions, delayed effects, events and luck behind it.

Every number is written with one decimal, and the numbers on a line agree as
written: "32.0 to 33.9, up 1.9", and the causes listed add up to that 1.9 (each
rounded so that they do). Every cause of a tenth or more is named; the ones too
small to name are summed into "small effects together".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..session import CauseKind, Session, TurnReport
from . import lines, words
from .phase import PhaseChange, phase_change


@dataclass(frozen=True)
class CauseLine:
    kind: CauseKind
    source_id: str
    title: str  # the source's title ("" for drift, luck, limits, other causes)
    amount: float
    from_turn: int | None = None
    unit: str = ""  # the metric's unit: money always with its 'k' (s5 finding 9)

    @property
    def text(self) -> str:
        """'Share the vision (your action) +2.5', 'Luck -2.0', 'Control the budget +2.0k'."""
        return words.cause_text(self.kind, self.title, self.amount, self.from_turn, self.unit)


@dataclass(frozen=True)
class ChangeLine:
    """One metric's change this turn and why."""

    metric: str
    title: str
    unit: str
    good: str
    before: float
    after: float
    causes: tuple[CauseLine, ...]  # largest first; they add up to the change

    @property
    def change(self) -> float:
        """The change as written: the difference of the two values shown ('32.0 to 33.9' is 1.9)."""
        return words.shown_change(self.before, self.after)

    @property
    def verdict(self) -> words.Verdict:
        return words.verdict(self.change, self.good)

    @property
    def direction(self) -> words.Direction:
        return words.direction(self.change)

    @property
    def amount_words(self) -> str:
        """'up 3.2', 'down 1.8k', 'no change'."""
        return words.change_words(self.change, self.unit)

    @property
    def change_words(self) -> str:
        """'up 3.2 (better)', 'no change'."""
        w = self.amount_words
        return w if self.verdict is words.Verdict.SAME else f"{w} ({self.verdict.value})"

    @property
    def span(self) -> str:
        """'60.0 to 61.6'."""
        return f"{self.before:.1f}{self.unit} to {self.after:.1f}{self.unit}"


@dataclass(frozen=True)
class HiddenMove:
    """A chosen cause and the drivers the player cannot see that it moved, each with which way and, where
    the difficulty shows sizes, how much ("ownership +1.2" on Guided, "ownership up ••" on Standard,
    "ownership up" on Expert: words.driver_move_words). Named without a sign, "Share the vision: ownership"
    next to "ownership down 2.3" read as if the action had lowered it (fresh player s6 finding 10)."""

    source: str  # the cause's title as in the report
    names: tuple[str, ...]  # the drivers' names ("ownership")
    moves: tuple[str, ...] = ()  # each driver with its move, as said ("ownership +1.2"); names' order

    @property
    def text(self) -> str:
        """'Share the vision (from turn 1): ownership +1.2, trust +0.4'."""
        return f"{self.source}: {', '.join(self.moves or self.names)}"


@dataclass(frozen=True)
class Later:
    """A decision of this turn whose effect (or part of it) arrives on later turns: a delayed effect in
    the scenario. The report said nothing of it, so an action whose effect is all delayed ('Meet your
    mentor': both skills +5 over turns 3 to 5) showed only its cost, and read as broken (s7 player 3,
    finding 9). Said at every difficulty, without what it moves or by how much (Expert hides those)."""

    source: str  # the action's title, or the event's answer
    first: int  # the first turn it arrives at, 1-based
    last: int  # the last
    turns: int  # the game's last turn: a part due after it never arrives

    @property
    def text(self) -> str:
        """'Meet your mentor on turns 3 to 5'."""
        if self.first > self.turns:
            return f"{self.source} after the last turn, so not in this game"
        last = min(self.last, self.turns)
        when = f"on turn {self.first}" if last == self.first else f"on turns {self.first} to {last}"
        return f"{self.source} {when}" + (" (the rest after the last turn)" if self.last > self.turns else "")


@dataclass(frozen=True)
class CrisisNote:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Answer:
    event: str  # the event's title
    choice: str  # the answer's label
    result: str  # what the answer led to ("" if the scenario says nothing)


@dataclass(frozen=True)
class Report:
    turn: int
    heading: str  # "Turn 3 report: what changed and why"
    answer: Answer | None
    chose: str  # "You chose: Share the vision, Plan the next quarter." or the timed-out sentence
    timed_out: bool
    lines: tuple[ChangeLine, ...]  # the visible metrics
    skills: tuple[ChangeLine, ...]  # the leader's skills that moved
    hidden: tuple[HiddenMove, ...]
    crises_started: tuple[CrisisNote, ...]
    crises_ended: tuple[CrisisNote, ...]
    phase: PhaseChange | None  # the phase that began with this turn
    ended: bool
    drivers: tuple[ChangeLine, ...] = ()  # Guided: every hidden driver's change (the dashboard shows them)
    later: tuple[Later, ...] = ()  # this turn's decisions whose effect comes on later turns

    @property
    def later_text(self) -> str:
        """'Still to come from this turn's decisions (those reports name it "from turn 2"): Meet your mentor
        on turns 3 to 5.'"""
        if not self.later:
            return ""
        return (f"Still to come from this turn's decisions (those reports name it 'from turn {self.turn}'): "
                f"{'; '.join(x.text for x in self.later)}.")

    def crisis_heading(self, crisis: CrisisNote) -> str:
        """'Crisis begins: X', or, when this turn ended the game, that the game ends in it (nothing is left
        to play through it: a player read 'begins' after the last turn as a threat with no turn to meet it)."""
        return (lines.crisis_at_the_end if self.ended else lines.crisis_begins)(crisis.title)

    @property
    def hidden_text(self) -> str:
        """What moved underneath: on Guided each driver's change and who moved it; otherwise only who
        moved which of the drivers the player cannot see."""
        moved = "; ".join(h.text for h in self.hidden)
        if self.drivers:
            each = ", ".join(f"{d.title.lower()} {d.amount_words} (to {d.after:.0f})" for d in self.drivers)
            return f"Underneath: {each}." + (f" Moved by your decisions: {moved}." if moved else "")
        if not self.hidden:
            return ""
        return f"Also moved drivers you cannot see (the debrief shows them): {moved}."


NOTHING = "nothing notable"  # a metric that moved for no cause worth naming
ENDED = "The game has ended. Continue to see how it went."


def change_lines(session: Session, report: TurnReport, metrics: list[str] | None = None) -> tuple[ChangeLine, ...]:
    """For each metric, its change and every reason behind it, largest first, adding up to the change as
    written; the causes too small to name (under 0.05 each) are summed into one."""
    metrics = metrics if metrics is not None else session.visible_metrics()
    out = []
    for m in metrics:
        unit = session.scenario.metrics[m].unit
        causes = [CauseLine(c.kind, c.source_id, c.title, c.change[m], c.from_turn, unit)
                  for c in report.causes if c.change.get(m, 0) != 0]
        causes.sort(key=lambda c: -abs(c.amount))
        named = [c for c in causes if abs(c.amount) >= words.NO_CHANGE]
        rest = sum(c.amount for c in causes) - sum(c.amount for c in named)
        if rest:
            named.append(CauseLine(CauseKind.OTHER, "", "", rest, unit=unit))
        spec = session.scenario.metrics[m]
        line = ChangeLine(m, spec.title or m, spec.unit, spec.good, report.before[m], report.after[m], ())
        amounts = words.tenths_adding_up([c.amount for c in named], line.change)
        shown = [dataclasses.replace(c, amount=a) for c, a in zip(named, amounts) if a != 0]
        shown.sort(key=lambda c: (c.kind is CauseKind.OTHER, -abs(c.amount)))  # stable: ties keep their order
        out.append(dataclasses.replace(line, causes=tuple(shown)))
    return tuple(out)


def source_label(cause) -> str:
    """A chosen cause's name in the report: its title, with the turn it came from when delayed."""
    if cause.kind is CauseKind.DELAYED:
        return f"{cause.title} (from turn {cause.from_turn})"
    return cause.title


def hidden_moves(session: Session, report: TurnReport) -> tuple[HiddenMove, ...]:
    """Which drivers the player cannot see each decision moved, which way and (as the difficulty shows
    sizes) by how much, so no action seems to have done nothing and none seems to have done the opposite."""
    shown = set(session.visible_metrics()) | set(words.SKILLS)
    moves: dict[str, dict[str, float]] = {}
    for c in report.causes:
        if not c.kind.chosen:
            continue
        for m, v in c.change.items():
            if m in shown or abs(v) < words.NO_CHANGE or m not in session.scenario.metrics:
                continue
            name = (session.scenario.metrics[m].title or m).lower()
            by = moves.setdefault(source_label(c), {})
            by[name] = by.get(name, 0.0) + v
    return tuple(HiddenMove(label, tuple(by), tuple(words.driver_move_words(n, v, session.difficulty)
                                                    for n, v in by.items()))
                 for label, by in moves.items() if by)


def _crisis(session: Session, cid: str) -> CrisisNote:
    c = next(c for c in session.scenario.crises if c.id == cid)
    return CrisisNote(c.id, c.title, c.text.strip())


def chose_sentence(session: Session, report: TurnReport) -> str:
    d = report.decision
    if d.timed_out:
        answer = " and the event got its first answer" if d.choice else ""
        return f"The clock ran out. No actions were taken this turn{answer}; the decision is logged as timed out."
    titles = {a.id: a.title for a in session.scenario.actions}
    return f"You chose: {', '.join(titles[a] for a in d.actions) or 'no actions'}."


def answer_of(session: Session, report: TurnReport) -> Answer | None:
    if report.answered is None or report.decision.choice is None:
        return None
    ev = next(e for e in session.scenario.events if e.id == report.answered)
    ch = next(c for c in ev.choices if c.id == report.decision.choice)
    return Answer(ev.title, ch.label, (ch.result or "").strip())


def turn_report(session: Session, report: TurnReport) -> Report:
    """The report screen of a turn just played (the session may have moved on since: the report keeps it)."""
    skills = tuple(line for line in change_lines(session, report, [m for m in words.SKILLS if m in report.after])
                   if abs(line.change) >= words.SKILL_SHOWN)
    phase = None
    if report.phase_changed_to is not None:
        phase = phase_change(session, session.rules.phases.index(report.phase_changed_to))
    return Report(
        turn=report.turn, heading=f"Turn {report.turn} report: what changed and why",
        answer=answer_of(session, report), chose=chose_sentence(session, report),
        timed_out=report.decision.timed_out, lines=change_lines(session, report), skills=skills,
        hidden=hidden_moves(session, report),
        crises_started=tuple(_crisis(session, c) for c in report.crises_started),
        crises_ended=tuple(_crisis(session, c) for c in report.crises_ended),
        phase=phase, ended=report.ended is not None, drivers=driver_lines(session, report),
        later=later_effects(session, report),
    )


def later_effects(session: Session, report: TurnReport) -> tuple[Later, ...]:
    """This turn's actions and event answer with delayed effects, and the turns these arrive on (a
    delayed effect `after` A turns `over` N arrives on turns T+A to T+A+N-1: game.model.rules). None
    once the game has ended."""
    if report.ended is not None:
        return ()
    sc, turn = session.scenario, report.turn
    sources = [(a.title, a.delayed) for a in sc.actions if a.id in report.decision.actions]
    if report.answered is not None and report.decision.choice is not None:
        ev = next(e for e in sc.events if e.id == report.answered)
        ch = next(c for c in ev.choices if c.id == report.decision.choice)
        sources.append((ch.label, ch.delayed))
    out = []
    for title, delayed in sources:
        parts = [d for d in delayed if d.amount != 0]
        if parts:
            out.append(Later(title, turn + min(d.after for d in parts), turn + max(d.after + d.over - 1 for d in parts),
                             sc.turns))
    return tuple(out)


def driver_lines(session: Session, report: TurnReport) -> tuple[ChangeLine, ...]:
    """On Guided, the hidden drivers' changes this turn (the same ones the dashboard lists)."""
    if session.difficulty != "guided":
        return ()
    shown = set(session.visible_metrics()) | set(words.SKILLS)
    return change_lines(session, report, [m for m in session.scenario.metrics if m not in shown and m in report.after])
