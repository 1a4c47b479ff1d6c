"""What each participant page shows: the views layer's data (game/views/) with the few facts only the web
has (the team's name and rejoin code, the turn clock's seconds left).

The pages draw the views' data as they are, as the window and the terminal do: the game's words, the
no-change threshold and the better/worse verdicts are the views'; a template only maps a direction to
an arrow and a verdict to a CSS class. The JSON API (state_json, report_json) is built from the same
data, so bots read what people see. No route computes a rule of the game.

Hidden drivers (trust, stress, ...) never appear here with their values while a game runs: only as the
names the window and the terminal also show ("also moved drivers you cannot see") and, for those the win
or a loss needs, the same coarse words ("Process maturity: at risk", views.targets); their values are
revealed on the end screen only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..session import Session, TurnReport
from ..views import cards as card_views
from ..views import dashboard as dash_views
from ..views import debrief as debrief_views
from ..views import event as event_views
from ..views.briefing import Briefing, briefing as briefing_view
from ..views.report import Report, turn_report


@dataclass(frozen=True)
class Dashboard:
    """The dashboard page: the views' dashboard, its cards by kind and the waiting event, for one team."""

    team: str
    rejoin_code: str
    view: dash_views.Dashboard
    groups: tuple[card_views.Group, ...]
    event: event_views.Event | None
    difficulty: str
    seconds_left: float | None = None  # the turn clock, filled in per request


def dashboard(session: Session, team: str, rejoin_code: str, seconds_left: float | None) -> Dashboard:
    view = dash_views.dashboard(session)
    return Dashboard(team, rejoin_code, view, card_views.groups(session, view.cards), event_views.event(session),
                     session.difficulty, seconds_left)


def briefing(session: Session) -> Briefing:
    return briefing_view(session)


@dataclass(frozen=True)
class Summary:
    """The points-and-budget line under the cards for the cards picked so far."""

    points: dash_views.Points
    chosen: tuple[str, ...]  # their titles


def check_summary(session: Session, chosen: list[str]) -> Summary:
    """Points and budget left for a set of chosen cards (the session's own check says if it is allowed)."""
    specs = {a.id: a for a in session.scenario.actions}
    known = [a for a in chosen if a in specs]
    return Summary(dash_views.points(session, known), tuple(specs[a].title for a in known))


def report(session: Session, rep: TurnReport) -> Report:
    """The turn report page: the views' report of that turn."""
    return turn_report(session, rep)


def report_json(session: Session, rep: TurnReport) -> dict:
    """The turn report for the JSON API: each shown metric's change with its causes, crises, the phase, the answer."""
    r = turn_report(session, rep)
    titles = {a.id: a.title for a in session.scenario.actions}
    return {
        "turn": r.turn, "turns": session.scenario.turns,
        "rows": [{"title": ln.title, "change": ln.change, "verdict": ln.verdict.value, "after": ln.after,
                  "unit": ln.unit, "causes": [c.text for c in ln.causes]} for ln in r.lines + r.skills],
        "actions": [titles[a] for a in rep.decision.actions], "timed_out": r.timed_out,
        "answer": {"event": r.answer.event, "label": r.answer.choice, "result": r.answer.result} if r.answer else None,
        "hidden": [h.text for h in r.hidden],
        "crises_started": [(c.title, c.text) for c in r.crises_started],
        "crises_ended": [c.title for c in r.crises_ended],
        "phase": {"title": r.phase.title, "text": r.phase.text, "weights": r.phase.strength} if r.phase else None,
        "ended": r.ended,
    }


def end_screen(session: Session) -> debrief_views.Debrief:
    return debrief_views.debrief(session)


def state_json(session: Session, dash: Dashboard) -> dict:
    """The participants' API: what the dashboard shows, as JSON (bots read the same as people see)."""
    v = dash.view
    return {
        "team": dash.team, "turn": session.turn + 1, "turns": v.turns, "done": session.done,
        "phase": session.phase, "phase_title": v.phase.title, "next_phase": v.phase.next_hint,
        "action_points": v.ap, "seconds_left": dash.seconds_left,
        "metrics": {**{r.id: round(r.value, 3) for r in v.metrics}, **{s.id: round(s.value, 3) for s in v.skills}},
        "crises": [c.title for c in v.crises],
        "event": {"id": dash.event.id, "title": dash.event.title, "text": dash.event.text,
                  "choices": [{"id": c.id, "label": c.label, "key": str(c.number), "expected": c.effects_text}
                              for c in dash.event.choices]}
        if dash.event else None,
        "cards": [{"id": c.id, "title": c.title, "category": c.category, "ap": c.ap, "budget": c.budget,
                   "available": c.available, "reason": c.reason, "expected": c.effects_text}
                  for g in dash.groups for c in g.cards],
    }
