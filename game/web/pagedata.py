"""What each participant page shows, as plain data computed from the Session.

This is the web front-end's one place for the game's words until the shared
views layer (game/views/, issue 17) lands; then these functions become thin
calls into it. Sentences already shared by the terminal and the window come
from game/insights.py; templates only lay out what is returned here, and no
route computes a rule of the game.

Hidden drivers (trust, stress, ...) never appear here while a game runs,
except as the names the window and the terminal also show ("also moved
drivers you cannot see"); their values are revealed on the end screen only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..insights import (action_notes, describe_cause, hidden_moves, hidden_reveal, insights, metric_lines,
                        phase_mix, score_scale)
from ..scenario.defaults import SKILL_METRICS
from ..scenario.schema import CATEGORIES
from ..session import Session, TurnReport

NO_CHANGE = 0.05  # the threshold the terminal and the window use for "no change"
# The key of each card in card order, as the window prints them on its cards (game/ui/scenes/dashboard.py).
CARD_KEYS = [str(i) for i in range(1, 10)] + ["0", "Z", "X", "C", "V", "B"]
CATEGORY_MARK = {"leadership": "L", "management": "M", "development": "D"}
CATEGORY_TITLE = {"leadership": "Leadership", "management": "Management", "development": "Development"}
CATEGORY_HINT = {
    "leadership": "moves people: morale, trust, ownership, growth",
    "management": "moves execution: efficiency, cost, predictability",
    "development": "raises your own skills; pays off later",
}
DIFFICULTY_PREVIEW = {"guided": "Expected", "standard": "Expected size", "expert": None}


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
    signed = change if good == "higher" else -change
    return "better" if signed > NO_CHANGE else "worse" if signed < -NO_CHANGE else "same"


def _row(session: Session, m: str) -> MetricRow:
    spec = session.scenario.metrics[m]
    i = session.rules.index[m]
    now = session.value(m)
    change = now - session.previous_values()[m] if session.turn else None
    return MetricRow(m, spec.title or m, now, spec.unit, spec.min, spec.max, change,
                     verdict(change or 0.0, spec.good), tuple(float(h[i]) for h in session.history))


def mood(morale: float) -> str:
    return "upbeat" if morale >= 60 else "steady" if morale >= 40 else "unhappy"


def effect_words(session: Session, items: list[tuple[str, float]]) -> str:
    if session.difficulty == "guided":
        return ", ".join(f"{t} {'up' if v > 0 else 'down'} {abs(v):.0f}" for t, v in items)
    return ", ".join(f"{t} {'•' * min(3, int(abs(v) // 3) + 1)}" for t, v in items)


def cards(session: Session) -> list[tuple[str, str, str, str, list[Card]]]:
    weights = session.phase_spec.weights
    previews = session.preview() if session.difficulty != "expert" else {}
    order = [a for c in CATEGORIES for a in session.scenario.actions if a.category == c]
    keyed = {a.id: CARD_KEYS[n] if n < len(CARD_KEYS) else None for n, a in enumerate(order)}
    groups = []
    for cat in CATEGORIES:
        items = []
        for a in (a for a in order if a.category == cat):
            notes = "; ".join([f"costs {a.cost.ap} AP and {a.cost.budget:g}k", *action_notes(a)])
            items.append(Card(a.id, keyed[a.id], a.title, a.text, cat, CATEGORY_MARK[cat], a.cost.ap,
                              a.cost.budget, getattr(weights, cat), effect_words(session, previews.get(a.id, [])),
                              notes, session.unavailable_reason(a.id)))
        if items:
            groups.append((cat, CATEGORY_MARK[cat], CATEGORY_TITLE[cat], CATEGORY_HINT[cat], items))
    return groups


def event_of(session: Session) -> dict | None:
    ev = session.event
    if ev is None:
        return None
    return {"id": ev.id, "title": ev.title, "text": ev.text.strip(),
            "choices": [{"id": c.id, "label": c.label, "key": str(n)} for n, c in enumerate(ev.choices, 1)]}


def dashboard(session: Session, team: str, rejoin_code: str, seconds_left: float | None) -> Dashboard:
    sc = session.scenario
    w = session.phase_spec.weights
    skills = [m for m in SKILL_METRICS if m in session.rules.index]
    crises = [c.title for c in sc.crises if c.id in session.active_crises()]
    return Dashboard(
        team=team, rejoin_code=rejoin_code, scenario_title=sc.title, turn=session.turn + 1, turns=sc.turns,
        phase=session.phase_spec.title,
        phase_weights=f"leadership works at {w.leadership:.1f}x, management at {w.management:.1f}x",
        next_phase=session.next_phase_hint(), action_points=session.rules.action_points,
        budget=session.value("budget"), metrics=[_row(session, m) for m in session.visible_metrics()],
        skills=[_row(session, m) for m in skills], mood=mood(session.values().get("morale", 50.0)),
        crises=crises, groups=cards(session), event=event_of(session),
        preview_label=DIFFICULTY_PREVIEW[session.difficulty], seconds_left=seconds_left,
        difficulty=session.difficulty)


def briefing(session: Session) -> dict:
    sc = session.scenario
    phase = sc.phases[0]
    return {"title": sc.title, "text": sc.briefing.strip(), "turns": sc.turns, "phase": phase.title,
            "phase_text": phase.text.strip(), "score": score_scale(session),
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
    sc = session.scenario
    skills = [m for m in SKILL_METRICS if m in session.rules.index and abs(rep.change(m)) >= NO_CHANGE]
    rows = []
    for line in metric_lines(session, rep, session.visible_metrics() + skills):
        spec = sc.metrics[line.metric]
        rows.append({"title": line.title, "change": line.change, "verdict": verdict(line.change, spec.good),
                     "after": line.after, "unit": spec.unit,
                     "causes": [describe_cause(*c) for c in line.causes]})
    answer = None
    decision = rep.decision
    if decision.choice is not None:
        ev_id = session.reports and _answered_event(session, rep)
        if ev_id:
            ev = next(e for e in sc.events if e.id == ev_id)
            ch = next(c for c in ev.choices if c.id == decision.choice)
            answer = {"event": ev.title, "label": ch.label, "result": ch.result}
    titles = {a.id: a.title for a in sc.actions}
    hidden = hidden_moves(session, rep)
    phase = None
    if rep.phase_changed_to:
        p = next(p for p in sc.phases if p.id == rep.phase_changed_to)
        phase = {"title": p.title, "text": p.text.strip(),
                 "weights": f"In this phase leadership actions work at {p.weights.leadership:.1f}x and "
                            f"management actions at {p.weights.management:.1f}x."}
    crises = {c.id: c for c in sc.crises}
    return {
        "turn": rep.turn, "turns": sc.turns, "rows": rows,
        "actions": [titles[a] for a in decision.actions], "timed_out": decision.timed_out, "answer": answer,
        "hidden": [f"{label}: {', '.join(names)}" for label, names in hidden.items()],
        "crises_started": [(crises[c].title, crises[c].text.strip()) for c in rep.crises_started],
        "crises_ended": [crises[c].title for c in rep.crises_ended],
        "phase": phase, "ended": rep.ended is not None,
    }


def _answered_event(session: Session, rep: TurnReport) -> str | None:
    """The event answered in turn rep.turn: the one the report before it announced (or the game opened with)."""
    k = rep.turn - 1
    if k == 0:
        from ..model.state import NO_EVENT, new_state

        e = int(new_state(session.rules, session.seed, 1).event[0])
        return session.scenario.events[e].id if e != NO_EVENT else None
    return session.reports[k - 1].event_next


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
    sc = session.scenario
    ending = session.ending
    parts = []
    for k, v in session.score_breakdown().items():
        title = f"{sc.metrics[k].title} (average over all turns)" if k in sc.metrics else "ending bonus/penalty"
        parts.append((title, v))
    mix = [{"title": pm.title, "leadership": pm.leadership, "management": pm.management,
            "development": pm.development, "rewarded": pm.rewarded,
            "weights": f"L {pm.weight_leadership:.1f}x, M {pm.weight_management:.1f}x", "verdict": pm.verdict(),
            "fits": pm.fits} for pm in phase_mix(session)]
    charts = [{"title": r.title, "unit": r.unit, "low": r.low, "high": r.high, "history": r.history,
               "phases": _phase_marks(session)}
              for r in (_row(session, m) for m in session.visible_metrics())]
    return EndScreen(ending.title, ending.kind, ending.text.strip(), session.turn, session.score(), parts,
                     score_scale(session), mix, hidden_reveal(session), insights(session), charts)


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
