"""What each participant page shows, as plain data computed from the Session.

The game's words come from the shared views layer (game/views/), as the
window's and the terminal's do; these functions only reshape its data for the
templates and the JSON API. Templates only lay out what is returned here, and
no route computes a rule of the game.

Hidden drivers (trust, stress, ...) never appear here while a game runs,
except as the names the window and the terminal also show ("also moved
drivers you cannot see"); their values are revealed on the end screen only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..scenario.schema import CATEGORIES
from ..session import Session, TurnReport
from ..views import cards as card_views
from ..views import dashboard as dash_views
from ..views import debrief as debrief_views
from ..views import event as event_views
from ..views import words
from ..views.briefing import briefing as briefing_view
from ..views.report import turn_report

NO_CHANGE = words.NO_CHANGE
# The key of each card in card order, as the window prints them on its cards (game/ui/scenes/dashboard.py).
CARD_KEYS = [str(i) for i in range(1, 10)] + ["0", "Z", "X", "C", "V", "B"]
CATEGORY_MARK = words.CATEGORY_LETTER
CATEGORY_TITLE = words.CATEGORY_TITLE
CATEGORY_HINT = words.CATEGORY_MOVES
DIFFICULTY_PREVIEW = words.EXPECTED_LABEL


@dataclass(frozen=True)
class MetricRow:
    id: str
    title: str
    value: float
    unit: str
    low: float
    high: float
    change: float | None  # None before the first turn
    verdict: str  # better, worse, same: the page maps it to an arrow, a sign and a colour
    history: tuple[float, ...]

    @property
    def share(self) -> float:
        return max(0.0, min(1.0, (self.value - self.low) / (self.high - self.low)))


@dataclass(frozen=True)
class Card:
    id: str
    key: str | None
    title: str
    text: str
    category: str
    mark: str
    ap: int
    budget: float
    weight: float
    effects: str  # expected effects in the words the difficulty allows ("" at expert)
    notes: str
    reason: str | None  # why it cannot be chosen now, or None


@dataclass
class Dashboard:
    team: str
    rejoin_code: str
    scenario_title: str
    turn: int  # the turn being decided, 1-based
    turns: int
    phase: str
    phase_weights: str
    next_phase: str | None
    action_points: int
    budget: float
    metrics: list[MetricRow]
    skills: list[MetricRow]
    mood: str
    crises: list[str]
    groups: list[tuple[str, str, str, str, list[Card]]]  # (category, mark, title, hint, cards)
    event: dict | None
    preview_label: str | None
    seconds_left: float | None
    difficulty: str


def verdict(change: float, good: str) -> str:
    return words.verdict(change, good).value


def _row(session: Session, m: str) -> MetricRow:
    r = dash_views.metric_row(session, m)
    return MetricRow(r.id, r.title, r.value, r.unit, r.lo, r.hi, r.change, r.verdict.value, r.history)


def mood(morale: float) -> str:
    return words.mood(morale)


def cards(session: Session) -> list[tuple[str, str, str, str, list[Card]]]:
    views = {c.id: c for c in card_views.cards(session)}
    order = [a for c in CATEGORIES for a in session.scenario.actions if a.category == c]
    keyed = {a.id: CARD_KEYS[n] if n < len(CARD_KEYS) else None for n, a in enumerate(order)}
    groups = []
    for cat in CATEGORIES:
        items = []
        for a in (a for a in order if a.category == cat):
            c = views[a.id]
            items.append(Card(c.id, keyed[a.id], c.title, c.text, cat, c.letter, c.ap, c.budget, c.weight,
                              c.effects_text, "; ".join(c.notes), c.reason))
        if items:
            groups.append((cat, CATEGORY_MARK[cat], CATEGORY_TITLE[cat], CATEGORY_HINT[cat], items))
    return groups


def event_of(session: Session) -> dict | None:
    ev = event_views.event(session)
    if ev is None:
        return None
    return {"id": ev.id, "title": ev.title, "text": ev.text,
            "choices": [{"id": c.id, "label": c.label, "key": str(c.number)} for c in ev.choices]}


def dashboard(session: Session, team: str, rejoin_code: str, seconds_left: float | None) -> Dashboard:
    sc = session.scenario
    w = session.phase_spec.weights
    skills = [m for m in words.SKILLS if m in session.rules.index]
    return Dashboard(
        team=team, rejoin_code=rejoin_code, scenario_title=sc.title, turn=session.turn + 1, turns=sc.turns,
        phase=session.phase_spec.title,
        phase_weights=f"leadership works at {w.leadership:.1f}x, management at {w.management:.1f}x",
        next_phase=dash_views.next_phase_hint(session), action_points=session.rules.action_points,
        budget=session.value("budget"), metrics=[_row(session, m) for m in session.visible_metrics()],
        skills=[_row(session, m) for m in skills], mood=mood(session.values().get("morale", 50.0)),
        crises=[c.title for c in dash_views.crises(session)], groups=cards(session), event=event_of(session),
        preview_label=DIFFICULTY_PREVIEW[session.difficulty], seconds_left=seconds_left,
        difficulty=session.difficulty)


def briefing(session: Session) -> dict:
    sc = session.scenario
    b = briefing_view(session)
    return {"title": b.title, "text": b.text, "turns": sc.turns, "phase": b.phase.title,
            "phase_text": b.phase.text, "score": debrief_views.score_scale(session),
            "action_points": session.rules.action_points,
            "categories": [(CATEGORY_MARK[c], CATEGORY_TITLE[c], CATEGORY_HINT[c]) for c in CATEGORIES]}


def check_summary(session: Session, chosen: list[str]) -> dict:
    """Points and budget left for a set of chosen cards (the session's own check says if it is allowed)."""
    specs = {a.id: a for a in session.scenario.actions}
    picked = [specs[a] for a in chosen if a in specs]
    ap = session.rules.action_points - sum(a.cost.ap for a in picked)
    budget = session.value("budget") - sum(a.cost.budget for a in picked)
    return {"ap_left": ap, "ap": session.rules.action_points, "budget_left": budget,
            "chosen": [a.title for a in picked]}


def report(session: Session, rep: TurnReport) -> dict:
    """The turn report: each shown metric's change with its causes, crises, the phase change, the answer."""
    r = turn_report(session, rep)
    rows = [{"title": line.title, "change": line.change, "verdict": line.verdict.value, "after": line.after,
             "unit": line.unit, "causes": [c.text for c in line.causes]} for line in r.lines + r.skills]
    answer = {"event": r.answer.event, "label": r.answer.choice, "result": r.answer.result} if r.answer else None
    titles = {a.id: a.title for a in session.scenario.actions}
    phase = {"title": r.phase.title, "text": r.phase.text, "weights": r.phase.strength} if r.phase else None
    return {
        "turn": r.turn, "turns": session.scenario.turns, "rows": rows,
        "actions": [titles[a] for a in rep.decision.actions], "timed_out": r.timed_out, "answer": answer,
        "hidden": [f"{h.source}: {', '.join(h.names)}" for h in r.hidden],
        "crises_started": [(c.title, c.text) for c in r.crises_started],
        "crises_ended": [c.title for c in r.crises_ended],
        "phase": phase, "ended": r.ended,
    }


@dataclass
class EndScreen:
    title: str
    kind: str
    text: str
    turns: int
    score: float
    parts: list[tuple[str, float]]
    scale: str
    mix: list[dict]
    hidden: list[tuple[str, float, float]]
    insights: list[str]
    charts: list[dict] = field(default_factory=list)


def end_screen(session: Session) -> EndScreen:
    d = debrief_views.debrief(session)
    mix = [{"title": pm.title, "leadership": pm.leadership, "management": pm.management,
            "development": pm.development, "rewarded": pm.rewarded, "weights": pm.weights_text,
            "verdict": pm.verdict(), "fits": pm.fits} for pm in d.mix]
    charts = [{"title": r.title, "unit": r.unit, "low": r.low, "high": r.high, "history": r.history,
               "phases": _phase_marks(session)}
              for r in (_row(session, m) for m in session.visible_metrics())]
    return EndScreen(d.ending_title, d.outcome.value, d.ending_text, d.turns_played, d.score,
                     [(p.title, p.points) for p in d.score_parts], d.score_scale, mix,
                     [(h.title, h.start, h.end) for h in d.hidden], list(d.insights), charts)


def _phase_marks(session: Session) -> list[tuple[int, str]]:
    hist = session.phase_history
    return [(t, session.scenario.phases[hist[t]].title) for t in range(1, len(hist)) if hist[t] != hist[t - 1]]


def state_json(session: Session, dash: Dashboard) -> dict:
    """The participants' API: what the dashboard shows, as JSON (bots read the same as people see)."""
    return {
        "team": dash.team, "turn": dash.turn, "turns": dash.turns, "done": session.done,
        "phase": session.phase, "phase_title": dash.phase, "next_phase": dash.next_phase,
        "action_points": dash.action_points, "seconds_left": dash.seconds_left,
        "metrics": {r.id: round(r.value, 3) for r in dash.metrics + dash.skills},
        "crises": dash.crises,
        "event": dash.event,
        "cards": [{"id": c.id, "title": c.title, "category": c.category, "ap": c.ap, "budget": c.budget,
                   "available": c.reason is None, "reason": c.reason, "expected": c.effects}
                  for _, _, _, _, cs in dash.groups for c in cs],
    }
