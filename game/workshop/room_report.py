"""The room's debrief for the A4 report and the 16:9 slide deck: the charts and what the templates show.

The sections follow a 45-minute discussion (times are a suggestion the
facilitator guide explains): the room at a glance, the events side by side,
what was going on underneath, the costly turns, and prompts chosen from this
room. Charts stay readable with 30 teams: small multiples (one panel per team
or per driver, the room's other games in grey behind), never 30 coloured lines
in one plot. The words are in templates/report.html and slides.html, which
Jinja2 renders with autoescaping: every text from a file (team names, scenario
titles) is escaped there, and in the charts by game/charts.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from markupsafe import Markup

from .. import charts
from ..scenario.defaults import SKILL_METRICS
from ..views.review import decision_words
from ..views.standings import competition_ranks, rank_text, ties
from .discussion import COSTLY, FOLLOW_TURNS, METHOD as BEST_METHOD, Room

AGENDA = [  # (minutes, section id, title)
    (5, "glance", "The room at a glance"),
    (12, "events", "The events, side by side"),
    (8, "underneath", "What was going on underneath"),
    (10, "costly", "The costly turns"),
    (10, "prompts", "Questions from this room"),
]
PROMPT_KIND = {"went well": "What went well", "to change": "What to change", "turn now": "What would you do now"}
BLUE, GREY, ORANGE = charts.OKABE_ITO[0], charts.GREY, charts.OKABE_ITO[5]
METRIC_COLOURS = ("#E69F00", BLUE, "#009E73", "#CC79A7", "#56B4E9")


def _hidden(room: Room) -> list[str]:
    """The hidden drivers the room's discussion is about (the leader's skills aside)."""
    specs = room.teams[0].session.scenario.metrics
    return [m for m, s in specs.items() if not s.visible and m not in SKILL_METRICS]


# --- charts ---------------------------------------------------------------------------------

PANELS_PER_CHART = 16  # four rows of four: one chart fits an A4 page, so 30 teams are two charts, never cut


def team_multiples(room: Room, per_chart: int | None = PANELS_PER_CHART) -> list[Markup]:
    """One small panel per team, in leaderboard order: its visible metrics (colours), the room's other games
    in grey behind; `per_chart` panels to a chart (None: all in one, for metrics.svg)."""
    first = room.teams[0].session
    metrics = first.visible_metrics()
    index = first.rules.index
    lo = min(first.scenario.metrics[m].min for m in metrics)
    hi = max(first.scenario.metrics[m].max for m in metrics)
    histories = [np.array(t.session.history) for t in room.teams]
    behind = [charts.Series(h[:, index[m]], GREY, 0.6, opacity=0.45) for h in histories for m in metrics]
    panels = []
    for rank, k in leaderboard_order(room):  # as the leaderboard: a trainer finds a team where it ranked
        t = room.teams[k]
        own = [charts.Series(histories[k][:, index[m]], METRIC_COLOURS[j % len(METRIC_COLOURS)], 2.0)
               for j, m in enumerate(metrics)]
        panels.append(charts.Panel(t.team, behind + own, lo, hi, note=f"#{rank} · score {t.session.score():.1f}"))
    legend = [charts.Key(first.scenario.metrics[m].title or m, METRIC_COLOURS[j % len(METRIC_COLOURS)])
              for j, m in enumerate(metrics)] + [charts.Key("the other teams", GREY)]
    cols = len(panels) if len(panels) <= 3 else 4  # the page's width
    step = per_chart or len(panels)
    return [charts.panels(panels[k:k + step], "metrics over the game, one panel per team", cols=cols,
                          panel_width=max(172, 690 / cols), panel_height=185 if cols > 3 else 215, legend=legend,
                          size=10.5 if cols > 3 else 11) for k in range(0, len(panels), step)]


def leaderboard_order(room: Room) -> list[tuple[str, int]]:
    """(rank text, index into room.teams), best first, under the one tie rule of views.standings."""
    scores = [t.session.score() for t in room.teams]
    ranks = competition_ranks(scores)
    tied = ties(ranks)
    order = sorted(range(len(scores)), key=lambda k: (ranks[k], room.teams[k].team.casefold()))
    return [(rank_text(ranks[k], tied[k]), k) for k in order]


def metric_scales(room: Room) -> str:
    """What the shared y axis of the team panels holds: 'Morale 0 to 100, Budget -50k to 200k'."""
    specs = room.teams[0].session.scenario.metrics
    return ", ".join(f"{specs[m].title or m} {specs[m].min:g}{specs[m].unit} to {specs[m].max:g}{specs[m].unit}"
                     for m in room.teams[0].session.visible_metrics())


def driver_multiples(room: Room) -> Markup:
    """One panel per hidden driver: every team in grey, the room's mean in blue, strong play dashed."""
    first = room.teams[0].session
    specs = first.scenario.metrics
    par_path = room.teams[0].review.par_path
    panels = []
    for m in _hidden(room):
        i = first.rules.index[m]
        paths = [np.array(t.session.history)[:, i] for t in room.teams]
        longest = max(len(p) for p in paths)
        mean = np.array([np.pad(p, (0, longest - len(p)), mode="edge") for p in paths]).mean(axis=0)
        series = [charts.Series(p, GREY, 0.9) for p in paths]
        series += [charts.Series(mean, BLUE, 2.4), charts.Series(par_path[:, i], ORANGE, 1.8, dash=True)]
        panels.append(charts.Panel(specs[m].title or m, series, specs[m].min, specs[m].max))
    legend = [charts.Key("room mean", BLUE, width=2.4), charts.Key("strong play", ORANGE, dash=True),
              charts.Key("each team", GREY)]
    return charts.panels(panels, "hidden drivers per team, the room's mean and strong play", cols=3,
                         panel_width=230, panel_height=170, legend=legend)


# --- what the sections show -----------------------------------------------------------------------

@dataclass(frozen=True)
class Underneath:
    titles: list[str]  # the hidden drivers' titles
    rows: list[tuple[str, list[float]]]  # team, each driver at the end
    par: list[float]  # strong play's, at the end


def underneath(room: Room) -> Underneath:
    first = room.teams[0].session
    specs, index = first.scenario.metrics, first.rules.index
    hidden = _hidden(room)
    par_end = room.teams[0].review.par_path[-1]
    rows = [(t.team, [float(t.session.history[-1][index[m]]) for m in hidden])
            for t in sorted(room.teams, key=lambda t: t.team.casefold())]
    return Underneath([specs[m].title or m for m in hidden], rows, [float(par_end[index[m]]) for m in hidden])


@dataclass(frozen=True)
class CostlyRow:
    team: str
    score: float
    gap: float  # par minus score: how far below strong play on the same seed (same luck); negative above it
    turns: int  # costly turns
    worst_turn: int | None  # the turn of its largest single loss, when that was costly
    worst_loss: float  # that loss (0 when no turn was costly)
    worst: str | None  # the better decision at that turn

    @property
    def won_back(self) -> bool:
        """The largest turn loss exceeds the gap to par: the team played better than strong play after it."""
        return self.worst_loss > max(self.gap, 0.0) + 0.5


def costly_rows(room: Room) -> list[CostlyRow]:
    """Per team, best first: its gap to par and its single costliest turn. The turns' losses are not summed:
    each is measured with strong play continuing after that turn, so the losses of different turns overlap
    and their sum can be far larger than the gap to par (the trainer's finding 6)."""
    out = []
    for t in sorted(room.teams, key=lambda t: (-t.session.score(), t.team.casefold())):
        bad = [tr for tr in t.review.turns if tr.loss >= COSTLY]
        worst = max(bad, key=lambda tr: tr.loss, default=None)
        out.append(CostlyRow(t.team, t.session.score(), room.par - t.session.score(), len(bad),
                             worst.turn if worst else None, worst.loss if worst else 0.0,
                             decision_words(t.session, worst.best) if worst else None))
    return out


def room_context(room: Room) -> dict:
    """Everything the debrief's sections and slides show about the room, for the templates."""
    scores = [t.session.score() for t in room.teams]
    return {
        "room": room, "agenda": AGENDA, "prompt_kind": PROMPT_KIND, "costly_points": COSTLY,
        "follow_turns": FOLLOW_TURNS, "scores": sorted(scores), "median": float(np.median(scores)),
        "mix_rows": room.mix_rows(), "endings": room.ending_counts(), "crises": room.crisis_counts(),
        "clock": room.clock(), "events": room.events, "best_method": BEST_METHOD,
        "event_metrics": list(room.events[0].answers[0].followed) if room.events else [],
        "underneath": underneath(room), "drivers_chart": driver_multiples(room),
        "costly": room.costly_turns(), "costly_rows": costly_rows(room), "mistakes": room.mistakes,
        "prompts": room.prompts(),
    }
