"""What the goal and the losses ask of each metric, during play: the targets a gauge marks ("win ≥ 68"),
and for the hidden drivers the goal or a loss names, a coarse, honest standing ("Process maturity: at risk").

A scenario may make a hidden driver part of the win ("... and process maturity at least 24") or of a
loss ("initiative < 20"). On Standard and Expert the dashboard never shows a hidden driver's value, so a
player could not tell whether the win was slipping away (a new player's finding 3). The difficulties say
how much the game helps you *predict* (Guided: each effect's size and direction, Standard: its size only,
Expert: nothing); none of them hides the rules of the game. So every difficulty says where each such
driver stands against its line, in three coarse words that give no number away:

- the win: "on track" (clear of the line by more than a tenth of the driver's range), "at risk" (on the
  right side but within that band) or "below the goal" ("above the goal" for an "at most" goal);
- a loss: "safe", "near the loss line" (with the line: ", below 36"), or, for a loss that needs another condition too, "past the
  loss line" (the game is lost as soon as the rest holds as well).

Guided shows the drivers' numbers besides (views.dashboard.drivers). Only drivers named by a plain
comparison in an ending's condition ("x >= 24", joined by "and") are watched; the leader's two skills
are shown with their numbers anyway. The window, the terminal and the web page all draw these words.

Crises are rules too: a crisis that starts on a plain comparison of a metric the player sees ("budget <
25") is said before it bites (a new player's s5 finding 3: the goal asked for 9k, a cash squeeze began
below 25k, and nothing had said so). `crisis_lines` lists those lines (for the help and a gauge's mark);
`crisis_warnings` says, when the metric is close to its line (WARN_BAND of its range) or heading for it
fast enough to cross it within WARN_TURNS turns at its recent pace, and the crisis is not on, "Budget
46.7k, down 8.1k a turn: the crisis 'Cash squeeze' begins below 25k in about 3 turns".
Crises on hidden drivers stay unsaid, as their numbers do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import words
from .goal import COMPARE_WORDS, Clause, amount, clause_words, condition, listed

RISK_BAND = 0.10  # within this share of a metric's range from its line, a standing is "at risk"
SIGN = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


class Standing(StrEnum):
    """How a driver stands against its line; the front-ends map it to a colour or a CSS class."""

    CLEAR = "clear"  # on track for the win, safe from the loss
    AT_RISK = "at_risk"
    OFF = "off"  # below the goal, or past a loss line that needs something else too


WIN_WORDS = {Standing.CLEAR: "on track", Standing.AT_RISK: "at risk"}
LOSS_WORDS = {Standing.CLEAR: "safe", Standing.AT_RISK: "near the loss line", Standing.OFF: "past the loss line"}
COARSE_NOTE = ("It is hidden, so the game says only whether it is clear of its line, close to it (at risk) "
               "or on the wrong side, never its number.")


@dataclass(frozen=True)
class Target:
    """One line a metric must stay on the right side of: a win's ("at least 68") or a loss's ("below 25")."""

    metric: str
    kind: str  # "win" or "loss"
    clause: Clause
    ending: str  # the ending's title
    at_end: bool  # checked only after the last turn
    others: tuple[str, ...] = ()  # the rest of a loss's condition in words ("Efficiency is below 52")
    unit: str = ""  # the metric's unit ('k'), so a mark reads as its gauge's value does

    @property
    def label(self) -> str:
        """What a gauge writes at its mark: 'win ≥ 68', 'loss ≤ 0k' (with the unit the value beside it has:
        a budget's 'win ≥ 9' read as a cut-off '90')."""
        return f"{self.kind} {SIGN[self.clause.op]} {self.clause.value:g}{self.unit}"

    @property
    def short_label(self) -> str:
        """The label without its spaces, 'win≥68': beside a value in the terminal's metrics strip, where
        the spaced form took the 80x24 turn screen a line past what fits."""
        return f"{self.kind}{SIGN[self.clause.op]}{self.clause.value:g}{self.unit}"

    def sentence(self, scenario) -> str:
        """'To win ('A thriving company'): at least 68 at the end of the last turn' or
        'It ends as a loss ('Chaos'): below 16 while Efficiency is below 52'."""
        line = f"{COMPARE_WORDS[self.clause.op]} {amount(scenario, self.metric, self.clause.value)}"
        if self.kind == "win":
            when = "at the end of the last turn" if self.at_end else "at the end of any turn"
            return f"To win ('{self.ending}'): {line} {when}"
        also = f" while {listed(list(self.others))}" if self.others else ""
        return f"It ends as a loss ('{self.ending}'): {line}{also}"


def targets(scenario, metric: str) -> tuple[Target, ...]:
    """Every line the endings draw for this metric: the wins' first, then the losses'; an ending whose
    condition is not a plain 'and' of comparisons draws none (its words stay in the goal sentence)."""
    out = []
    for kind in ("win", "loss"):
        for e in scenario.endings:
            if e.kind != kind:
                continue
            cond = condition(e.when)
            for c in cond.clauses or ():
                if c.metric == metric:
                    others = tuple(clause_words(scenario, o, verb="is") for o in cond.clauses if o is not c)
                    out.append(Target(metric, kind, c, e.title, e.at_end, others if kind == "loss" else (),
                                      unit_of(scenario, metric)))
    return tuple(out)


def unit_of(scenario, metric: str) -> str:
    spec = scenario.metrics.get(metric)
    return spec.unit if spec is not None else ""


def gauge_targets(scenario, metric: str) -> tuple[Target, ...]:
    """The lines a gauge marks: each win's, and each loss that this metric alone decides (a loss that also
    needs another metric is said in the tooltip, not drawn as a line it is not)."""
    return tuple(t for t in targets(scenario, metric) if t.kind == "win" or not t.others)


def risk_band(spec) -> float:
    """How close to its line a metric is 'at risk' (or warned of): RISK_BAND of the metric's range."""
    return RISK_BAND * (spec.max - spec.min)


def distance_to_line(c: Clause, value: float, otherwise: float) -> float:
    """How far `value` is from crossing the line of `c`, measured on the side where `c` does not hold
    (below 25 at 30: 5). An '==' line is reached from either side, so its distance is the absolute one
    (exactly 25 at 30 or at 20: 5; at 25 itself: 0); `otherwise` for a '!=' clause, which holds everywhere but
    on its line. Taking '==' as `otherwise` put every metric "near" an equality: its crisis was warned of on
    every turn."""
    if c.op in ("<", "<="):
        return value - c.value
    if c.op in (">", ">="):
        return c.value - value
    if c.op == "==":
        return abs(value - c.value)
    return otherwise


def standing_of(scenario, t: Target, value: float) -> Standing:
    band = risk_band(scenario.metrics[t.metric])
    c = t.clause
    if t.kind == "win":
        if not c.holds(value):
            return Standing.OFF
        clear = -distance_to_line(c, value, -band)  # how far on the holding side
        return Standing.CLEAR if clear >= band else Standing.AT_RISK
    if c.holds(value):
        return Standing.OFF
    return Standing.CLEAR if distance_to_line(c, value, band) >= band else Standing.AT_RISK


def standing_word(t: Target, standing: Standing) -> str:
    if t.kind == "loss":
        return LOSS_WORDS[standing]
    if standing is Standing.OFF:
        return "below the goal" if t.clause.op in (">=", ">") else "above the goal"
    return WIN_WORDS[standing]


def line_beside(scenario, t: Target, standing: Standing) -> str:
    """', below 36' after 'near the loss line' (or 'past' it): where the line is, which is a rule of the game,
    not the hidden number. The window said 'Ownership ... near the loss line' with no line anywhere but the
    help, and the player could not tell one turn left from five (s7 player 4, finding 4)."""
    if t.kind != "loss" or standing is Standing.CLEAR:
        return ""
    return f", {COMPARE_WORDS[t.clause.op]} {amount(scenario, t.metric, t.clause.value)}"


ORDER = {Standing.OFF: 0, Standing.AT_RISK: 1, Standing.CLEAR: 2}


@dataclass(frozen=True)
class DriverGoal:
    """A hidden driver the goal or a loss names, and where it stands, in words only."""

    metric: str
    title: str  # "Process maturity"
    standing: Standing  # the worst of its lines
    word: str  # that line's word: "on track", "at risk", "below the goal", "safe", "near the loss line, below 36"
    parts: tuple[str, ...]  # each line with its own word: "To win ('A thriving company'): at least 24 ...: at risk"

    @property
    def text(self) -> str:
        """'Process maturity: at risk', the short line a dashboard shows."""
        return f"{self.title}: {self.word}"

    @property
    def explanation(self) -> str:
        """The whole story, for a tooltip or a help line."""
        return f"{self.title}. " + ". ".join(self.parts) + f". {COARSE_NOTE}"


def hidden_goals(session) -> tuple[DriverGoal, ...]:
    """The hidden drivers that the win or a loss names, each with its standing now (every difficulty:
    see the module's docstring), in the scenario's order of metrics."""
    sc = session.scenario
    out = []
    for m, spec in sc.metrics.items():
        if spec.visible or m.endswith("_skill") or m not in session.rules.index:
            continue
        lines = targets(sc, m)
        if not lines:
            continue
        x = session.value(m)
        ranked = [(standing_of(sc, t, x), t) for t in lines]
        worst, t = min(ranked, key=lambda st: ORDER[st[0]])
        parts = tuple(f"{t_.sentence(sc)}: {standing_word(t_, s_)}" for s_, t_ in ranked)
        out.append(DriverGoal(m, spec.title or m, worst, standing_word(t, worst) + line_beside(sc, t, worst), parts))
    return tuple(out)


UNMARKED = "Not marked, as it needs another metric too:"  # a loss whose line is no mark (gauge_targets)


def mark_sentences(scenario, metric: str) -> tuple[str, ...]:
    """Every line the endings and the crises draw on a metric, in words, each after the label its mark
    carries and what that kind of mark is ('win ≥ 68 (win target): To win ('A thriving company'): at
    least 68 at the end of the last turn.'); a loss that also needs another metric is drawn as no line
    (gauge_targets) and said without a label."""
    from .lines import MARK_KINDS, MARKS_LEGEND

    legend = dict(zip(MARK_KINDS, MARKS_LEGEND))
    drawn = gauge_targets(scenario, metric)
    out = [f"{t.label} ({legend[t.kind]}): {t.sentence(scenario)}." if t in drawn else
           f"{UNMARKED} {t.sentence(scenario)}." for t in targets(scenario, metric)]
    out += [f"{c.label} ({legend['crisis']}): {c.sentence(scenario)}." for c in crisis_lines(scenario, metric)]
    return tuple(out)


def gauge_tip(scenario, metric: str) -> str:
    """What a gauge's tooltip says of its marks, in one line (mark_sentences)."""
    return " ".join(mark_sentences(scenario, metric))


MARK_MEANINGS = {"win": "the win's target", "loss": "a line that ends the game as a loss at once",
                 "crisis": "where a crisis begins"}


def marks_help(scenario) -> str:
    """What the help says of the gauges' marks and the hidden drivers' words (window and web). Each kind of
    mark is shown by a label this scenario's gauges really draw ('crisis < 25k'): a fixed example ('loss <
    25') next to a gauge that said 'crisis < 25' read as a different line (fresh player s6 finding 6)."""
    examples: dict[str, str] = {}
    for m, spec in scenario.metrics.items():
        if not spec.visible:
            continue
        for line in (*gauge_targets(scenario, m), *crisis_lines(scenario, m)):
            examples.setdefault(mark_kind(line), line.label)
    kinds = [k for k in MARK_MEANINGS if k in examples]
    marks = listed([f"{MARK_MEANINGS[k]} ('{examples[k]}')" for k in kinds]) if kinds else \
        listed(list(MARK_MEANINGS.values()))
    return (f"On the dashboard each gauge marks {marks}. The hidden drivers the win or a loss needs are shown "
            "in words, never by their number: for the win on track, at risk (within a tenth of their range "
            "of the line) or below the goal; for a loss safe, near the loss line, or past it where the loss "
            "needs something else too.")


def mark_kind(line) -> str:
    """'win' or 'loss' for a Target, 'crisis' for a CrisisLine."""
    return getattr(line, "kind", "crisis")


# --- crises on the metrics the player sees ------------------------------------------------------------------
@dataclass(frozen=True)
class CrisisLine:
    """A crisis whose start is a plain comparison of a visible metric ('budget < 25'), maybe in one phase."""

    crisis: str  # the crisis's id
    title: str  # "Cash squeeze"
    clause: Clause  # the start: Budget below 25
    phase: str | None = None  # the phase's title when the start names one
    end: Clause | None = None  # where it ends, when that is a plain comparison of the same metric
    unit: str = ""  # the metric's unit, as Target.unit

    @property
    def metric(self) -> str:
        return self.clause.metric

    @property
    def kind(self) -> str:
        """The kind of mark it draws on a gauge (lines.MARK_KINDS), as Target.kind."""
        return "crisis"

    @property
    def label(self) -> str:
        """What a gauge writes at its mark: 'crisis < 25k'."""
        return f"crisis {SIGN[self.clause.op]} {self.clause.value:g}{self.unit}"

    def sentence(self, scenario) -> str:
        """"The crisis 'Cash squeeze' begins when Budget is below 25k (it ends when Budget is above 50k)"."""
        phase = f" in the {self.phase} phase" if self.phase else ""
        ends = f" (it ends at {clause_words(scenario, self.end)})" if self.end else ""
        return f"The crisis '{self.title}' begins at {clause_words(scenario, self.clause)}{phase}{ends}"


@dataclass(frozen=True)
class CrisisWarning:
    """A crisis line the metric is near now (within the risk band of it), and the crisis not on."""

    line: CrisisLine
    value: float
    text: str  # "Budget 46.7k, down 8.1k a turn: the crisis 'Cash squeeze' begins below 25k in about 3 turns"
    turns: float | None = None  # turns to the line at the recent pace; None when not moving toward it


def crisis_lines(scenario, metric: str | None = None) -> tuple[CrisisLine, ...]:
    """The crises that start on a plain comparison of one visible metric (of `metric`, if given), in the
    scenario's order; a start on a hidden driver, two metrics or anything else is not listed."""
    phases = {p.id: p.title for p in scenario.phases}
    out = []
    for c in scenario.crises:
        start = condition(c.start)
        if not start.clauses or len(start.clauses) != 1 or start.phase not in (None, *phases):
            continue
        (clause,) = start.clauses
        spec = scenario.metrics.get(clause.metric)
        if spec is None or not spec.visible or (metric is not None and clause.metric != metric):
            continue
        end = condition(c.end).clauses
        end = end[0] if end and len(end) == 1 and end[0].metric == clause.metric else None
        out.append(CrisisLine(c.id, c.title, clause, phases.get(start.phase), end, spec.unit))
    return tuple(out)


# When the turn screen warns of a crisis line (said in the help, views.help.crises_paragraph). The warning
# first came within RISK_BAND (a tenth of the range: 25k of Scale-up's budget) and so showed on every turn
# from 50k down while the budget hovered there, and a new player learned to ignore it (s6 player 2,
# finding 9). Now it means the line is near or coming: closer than WARN_BAND of the range, or moving toward
# it fast enough (over the last PACE_TURNS turns) to cross it within WARN_TURNS turns.
WARN_BAND = 0.04  # 10k of Scale-up's budget range (-50 to 200)
WARN_TURNS = 3
PACE_TURNS = 2


def pace_toward(session, line: CrisisLine) -> float:
    """How fast the metric moved toward the crisis line, per turn, over the last PACE_TURNS turns played
    (negative: away from it; 0 before the first turn, and for a '!=' line)."""
    history, i = session.history, session.rules.index[line.metric]
    k = min(PACE_TURNS, len(history) - 1)
    if k <= 0:
        return 0.0
    now, before = float(history[-1][i]), float(history[-1 - k][i])
    c = line.clause
    if c.op in ("<", "<="):
        return (before - now) / k
    if c.op in (">", ">="):
        return (now - before) / k
    if c.op == "==":
        return (abs(before - c.value) - abs(now - c.value)) / k
    return 0.0


def warning_rule(scenario, said: tuple[CrisisLine, ...]) -> str:
    """The help's sentence on when the turn screen warns of these crisis lines (crisis_warnings)."""
    bands = []
    for line in said:
        spec = scenario.metrics[line.metric]
        band = f"{spec.title or line.metric} within {amount(scenario, line.metric, round(WARN_BAND * (spec.max - spec.min), 1))}"
        if band not in bands:
            bands.append(band)
    return (f"The turn screen warns of a crisis when its metric is close to the line ({listed(bands)}) or is "
            f"heading for it fast enough to cross it within {words.plural(WARN_TURNS, 'turn')}, at its pace over "
            f"the last {words.plural(PACE_TURNS, 'turn')}; the warning says that pace and the turns left")


def turns_to_line(distance: float, pace: float) -> float | None:
    """Turns until the line is crossed at `pace` (None when the metric is not moving toward it)."""
    return distance / pace if pace > 1e-9 else None


def crisis_warnings(session) -> tuple[CrisisWarning, ...]:
    """The crisis lines a visible metric is near or heading for now (see WARN_BAND, WARN_TURNS), the
    crisis not on, in its phase if it names one; the turn screen says them, with the pace and the turns
    left when the metric is moving toward its line."""
    sc, on = session.scenario, set(session.active_crises())
    out = []
    for line in crisis_lines(sc):
        if line.crisis in on or (line.phase and line.phase != session.phase_spec.title):
            continue
        spec, c, x = sc.metrics[line.metric], line.clause, session.value(line.metric)
        distance = distance_to_line(c, x, float("inf"))
        pace = pace_toward(session, line)
        turns = turns_to_line(distance, pace)
        near = distance < WARN_BAND * (spec.max - spec.min)
        coming = turns is not None and turns <= WARN_TURNS
        if not (near or coming):
            continue
        what = spec.title or line.metric
        begins = f"the crisis '{line.title}' begins {COMPARE_WORDS[c.op]} {amount(sc, line.metric, c.value)}"
        if turns is None or distance <= 0:
            text = f"{what} {x:.1f}{spec.unit}: {begins}"
        else:
            way = "up" if pace_sign(c, x) > 0 else "down"
            when = "next turn" if turns <= 1 else f"in about {words.plural(round(turns), 'turn')}"
            text = f"{what} {x:.1f}{spec.unit}, {way} {pace:.1f}{spec.unit} a turn: {begins} {when}"
        out.append(CrisisWarning(line, x, text, turns))
    return tuple(out)


def pace_sign(c: Clause, value: float) -> int:
    """Which way the metric moves when it moves toward the line of `c`: +1 up, -1 down."""
    if c.op in ("<", "<="):
        return -1
    if c.op in (">", ">="):
        return 1
    return 1 if value < c.value else -1


# --- a visible metric on the wrong side of a win line that counts only at the end -------------------------
# The tutorial's win asks for budget at least 74k at the end; its briefing's advice (skills first) put the
# budget at 73k by turn 3, and a new player took the win as lost for seven turns (s7 player 3, finding 8).
# A line checked only after the last turn is no loss now: say so, and how many turns are left to mend it.
# Only a metric that started on the win's side is said: one that starts short of its line (the tutorial's
# morale and efficiency) is the goal to climb to, and a note on every turn from the first would crowd out
# the turn's hints and be learnt to be ignored, as the crisis warnings once were.
def win_notes(session) -> tuple[str, ...]:
    """For each visible metric that started on the win's side of a line checked only at the end
    (Target.at_end) and is on its wrong side now, 'Budget 73.2k: below the win's 74k, which counts at the
    end of turn 12 (9 turns to go)'; nothing once the game is over. The turn screen says it where it says a
    crisis warning."""
    sc = session.scenario
    if session.done:
        return ()
    left = sc.turns - session.turn
    out = []
    for m, spec in sc.metrics.items():
        if not spec.visible or m not in session.rules.index:
            continue
        x, start = session.value(m), float(session.history[0][session.rules.index[m]])
        for t in targets(sc, m):
            if t.kind != "win" or not t.at_end or t.clause.holds(x) or not t.clause.holds(start):
                continue
            side = {">=": "below", ">": "not above", "<=": "above", "<": "not below"}.get(t.clause.op, "off")
            out.append(f"{spec.title or m} {x:.1f}{spec.unit}: {side} the win's {amount(sc, m, t.clause.value)}, "
                       f"which counts at the end of turn {sc.turns} ({words.plural(left, 'turn')} to go)")
    return tuple(out)
