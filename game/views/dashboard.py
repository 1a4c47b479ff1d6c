"""The dashboard of a turn: the company's metrics, the phase and what comes next, points and budget,
the leader's skills, the team's mood, active crises and the cards."""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session
from . import goal, lines, tables, words
from .cards import Card, cards as card_views
from .targets import CrisisLine, CrisisWarning, DriverGoal, Target, crisis_lines, crisis_warnings, gauge_targets, \
    hidden_goals, mark_sentences, win_notes

MARKS_HEADING = "The marks on the gauge:"


@dataclass(frozen=True)
class MetricRow:
    id: str
    title: str
    value: float
    unit: str
    lo: float
    hi: float
    good: str  # "higher" or "lower"
    change: float | None  # since the turn before; None before the first turn
    direction: words.Direction
    verdict: words.Verdict  # the terminal maps it to a colour, the web to a CSS class
    history: tuple[float, ...]  # the value at the start and after every turn played
    marks: tuple[Target, ...] = ()  # the lines the win (and a loss this metric alone decides) draw on its gauge
    crisis_marks: tuple[CrisisLine, ...] = ()  # the crises that start on this metric ('crisis < 25')
    description: str = ""  # the scenario's sentence on what the number means
    mark_words: tuple[str, ...] = ()  # each line the endings and crises draw on it, in words (targets.mark_sentences)
    shown: str = ""  # the value as written (goal.value_text: 35.96 under 'below 36' is 35.96, not 36.0)

    @property
    def level(self) -> float:
        """Where the value sits on its scale, 0 to 1."""
        return self.level_of(self.value)

    def level_of(self, value: float) -> float:
        """Where a value (a mark's line) sits on this metric's scale, 0 to 1."""
        return max(0.0, min(1.0, (value - self.lo) / max(1e-9, self.hi - self.lo)))

    def mark_left(self, target: Target, width: float = 2.0) -> float:
        """Where a mark `width` wide starts on a scale of 100, centred on its line (the web page's gauge)."""
        return round(max(0.0, min(100.0 - width, self.level_of(target.clause.value) * 100 - width / 2)), 1)

    @property
    def value_text(self) -> str:
        return self.shown or f"{self.value:.1f}{self.unit}"

    @property
    def change_text(self) -> str:
        return words.signed(self.change, self.unit) if self.change is not None else ""

    @property
    def now_text(self) -> str:
        """'Now 60.0 on a scale of 0 to 100; +1.6 since the last turn (better for you).'"""
        scale = f"Now {self.value_text} on a scale of {self.lo:g}{self.unit} to {self.hi:g}{self.unit}"
        if self.change is None:
            return scale + "."
        return f"{scale}; {words.signed(self.change, self.unit)} since the last turn ({words.VERDICT_WORDS[self.verdict]})."

    @property
    def tip(self) -> tuple[str, str, tuple[str, ...]]:
        """What hovering its gauge says: (what it is, its value and change and which way is good, what each
        mark on it means). The marks' words are the goal's, the losses' and the crises' own sentences
        (targets.mark_sentences), the ones the help and the briefing say them in."""
        about = f"{self.title}: {self.description}" if self.description else self.title
        marks = (MARKS_HEADING, *self.mark_words) if self.mark_words else ()
        return about, f"{self.now_text} {words.GOOD_WAY[self.good]}", marks


@dataclass(frozen=True)
class PhaseInfo:
    id: str
    title: str
    index: int  # 0-based among the scenario's phases
    count: int
    weights: dict[str, float]  # per category
    next_hint: str | None  # "Mature company from turn 15", None in the last phase
    next_turn: int | None  # the turn by which the next phase starts at the latest
    progress: float  # 0 to 1: this phase's turns up to this one (the last phase's too: it ends with the game)
    note: str  # "next phase by turn 15", "final phase", "one phase"
    phase_turn: int = 1  # this turn's place in the phase (1 = its first turn)
    phase_turns: int = 1  # the phase's turns (up to the turn the next phase starts at the latest)

    @property
    def progress_text(self) -> str:
        """What the phase bar shows, in words: 'turn 2 of 6 in this phase'."""
        return f"turn {self.phase_turn} of {self.phase_turns} in this phase"

    @property
    def weights_text(self) -> str:
        return f"L {self.weights['leadership']:.1f}x  M {self.weights['management']:.1f}x"


@dataclass(frozen=True)
class CrisisInfo:
    id: str
    title: str
    text: str
    per_turn: str  # "Morale -2 and Efficiency -1 a turn" (goal.per_turn_words, as the debrief says it)


@dataclass(frozen=True)
class Skill:
    id: str
    title: str  # "Leadership skill"
    letter: str
    category: str
    value: float


@dataclass(frozen=True)
class Points:
    """Action points and budget left after the cards chosen so far (the session's own prices)."""

    ap_total: int
    ap_left: int
    budget_left: float

    @property
    def text(self) -> str:
        return f"{self.ap_left} of {self.ap_total} action points left  •  budget {self.budget_left:.0f}k"


@dataclass(frozen=True)
class Dashboard:
    turn: int  # the turn being decided, 1-based
    turns: int
    scenario_title: str
    phase: PhaseInfo
    metrics: tuple[MetricRow, ...]  # the visible ones
    skills: tuple[Skill, ...]
    morale: float
    mood: str  # "upbeat", "steady", "unhappy"
    crises: tuple[CrisisInfo, ...]
    points: Points
    cards: tuple[Card, ...]
    ap: int
    drivers: tuple[MetricRow, ...] = ()  # Guided only: the hidden drivers with their change this turn
    drivers_heading: str = "Underneath"
    hidden_goals: tuple[DriverGoal, ...] = ()  # every difficulty: hidden drivers the goal or a loss names
    crisis_warnings: tuple[CrisisWarning, ...] = ()  # crises a visible metric is near: "Budget 26.3k: the crisis ..."
    win_notes: tuple[str, ...] = ()  # a visible metric below a win line that counts at the end (targets.win_notes)
    ended: bool = False  # the game is over (the dashboard behind the last report)
    practice: tuple[str, ...] = ()  # a practice copy: what it is and the original's choice here (views.practice)
    company_heading: str = tables.COMPANY_HEADING  # the scenario's company_title ('The ward')
    team_size: int = 12  # the people the team picture draws (the scenario's team_size)

    @property
    def heading(self) -> str:
        return f"Turn {self.turn} of {self.turns}"

    @property
    def points_line(self) -> str:
        """'2 of 3 action points left  •  budget 80k', or, once the game is over, that there are none
        ("2 of 2 action points left" behind the last report was a new player's s4 finding 11)."""
        return lines.GAME_ENDED_STRIP if self.ended else self.points.text


def metric_row(session: Session, m: str) -> MetricRow:
    spec = session.scenario.metrics[m]
    i = session.rules.index[m]
    now = session.value(m)
    change = words.shown_change(session.previous_values()[m], now) if session.turn else None
    return MetricRow(m, spec.title or m, now, spec.unit, spec.min, spec.max, spec.good, change,
                     words.direction(change), words.verdict(change, spec.good),
                     tuple(float(x[i]) for x in session.history), gauge_targets(session.scenario, m),
                     crisis_lines(session.scenario, m), spec.description.strip(), mark_sentences(session.scenario, m),
                     goal.value_text(session.scenario, m, now, 1))


def metric_rows(session: Session, metrics: list[str] | None = None) -> tuple[MetricRow, ...]:
    """The visible metrics (or those named) with value, change, verdict and trend."""
    return tuple(metric_row(session, m) for m in (metrics if metrics is not None else session.visible_metrics()))


def next_phase_turn(session: Session) -> int | None:
    """The turn at which the next phase starts at the latest, if the scenario says."""
    phases = session.scenario.phases
    k = session.rules.phases.index(session.phase)
    return phases[k + 1].starts_at_turn if k + 1 < len(phases) else None


def next_phase_hint(session: Session) -> str | None:
    """'Mature company from turn 15' (or '... or earlier'), None in the last phase."""
    phases = session.scenario.phases
    k = session.rules.phases.index(session.phase)
    if k + 1 >= len(phases):
        return None
    nxt = phases[k + 1]
    if nxt.starts_at_turn is not None:
        return f"{nxt.title} from turn {nxt.starts_at_turn}{' or earlier' if nxt.starts_when else ''}"
    return f"{nxt.title} when the time is right"


def phase_info(session: Session) -> PhaseInfo:
    spec = session.phase_spec
    count = len(session.scenario.phases)
    nxt = next_phase_turn(session)
    first = session.phase_history.index(session.phase_history[-1])  # the turn this phase began
    if nxt:
        length = nxt - 1 - first  # the phase's turns (the turn it began is session turn `first`)
        note = f"next phase by turn {nxt}"
    else:
        length = session.scenario.turns - first  # the last phase lasts to the end of the game
        note = "final phase" if count > 1 else "one phase"
    length = max(1, length)
    done = min(length, max(0, session.turn - first))  # turns of this phase already played
    w = spec.weights
    return PhaseInfo(spec.id, spec.title, session.rules.phases.index(spec.id), count,
                     {"leadership": w.leadership, "management": w.management, "development": w.development},
                     next_phase_hint(session), nxt, min(length, done + 1) / length, note, min(length, done + 1),
                     length)


def crises(session: Session) -> tuple[CrisisInfo, ...]:
    active = session.active_crises()
    sc = session.scenario
    return tuple(CrisisInfo(c.id, c.title, c.text.strip(), goal.per_turn_words(sc, c.per_turn))
                 for c in sc.crises if c.id in active)


def skills(session: Session) -> tuple[Skill, ...]:
    return tuple(Skill(m, words.SKILL_TITLE[m], words.CATEGORY_LETTER[words.SKILL_CATEGORY[m]],
                       words.SKILL_CATEGORY[m], session.value(m))
                 for m in words.SKILLS if m in session.rules.index)


def drivers(session: Session) -> tuple[MetricRow, ...]:
    """On Guided, what drives the visible metrics from underneath (trust, stress, team skill, process
    maturity, ownership, and any the scenario adds), each with its change since the last turn; the
    other difficulties keep them for the debrief."""
    if session.difficulty != "guided":
        return ()
    return metric_rows(session, [m for m, spec in session.scenario.metrics.items()
                                 if not spec.visible and m not in words.SKILLS])


def points(session: Session, chosen: tuple[str, ...] | list[str] = ()) -> Points:
    """Action points and budget left with these cards chosen."""
    spec = {a.id: a for a in session.scenario.actions}
    ap = session.rules.action_points
    return Points(ap, ap - sum(spec[a].cost.ap for a in chosen),
                  session.value("budget") - sum(spec[a].cost.budget for a in chosen))


def practice_lines(session: Session) -> tuple[str, ...]:
    from .practice import turn_lines

    return turn_lines(session)


def dashboard(session: Session, chosen: tuple[str, ...] | list[str] = (), top: int = 4) -> Dashboard:
    """Everything the turn's main screen shows, as data."""
    morale = session.values().get("morale", 50.0)
    return Dashboard(
        turn=min(session.turn + 1, session.scenario.turns), turns=session.scenario.turns,
        scenario_title=session.scenario.title, phase=phase_info(session), metrics=metric_rows(session),
        skills=skills(session), morale=morale, mood=words.mood(morale), crises=crises(session),
        points=points(session, chosen), cards=card_views(session, top), ap=session.rules.action_points,
        drivers=drivers(session), hidden_goals=hidden_goals(session), crisis_warnings=crisis_warnings(session),
        win_notes=win_notes(session),        ended=session.done, practice=practice_lines(session),
        company_heading=session.scenario.company_title or tables.COMPANY_HEADING, team_size=session.scenario.team_size,
    )
