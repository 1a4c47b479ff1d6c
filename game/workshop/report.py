"""The debrief report: one self-contained HTML page for reading and print (A4), a 16:9 slide deck, the
charts as SVG files and a CSV of every turn.

The pages are Jinja2 templates (templates/report.html, slides.html) rendered with autoescaping, so a
team name or a scenario title from a file is always text. The leaderboard is the views layer's
(views.standings.leaderboard), the same ranking every screen shows; the charts are game/charts.py's.
`report_files` builds everything in memory (the web server serves it from there); `write_report`
writes it into a folder.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from markupsafe import Markup

from .. import charts
from ..htmlpage import environment
from ..safefile import slug
from ..analysis.review_mix import strong_share
from ..views.debrief import phase_mix
from ..views.standings import leaderboard as standings_leaderboard
from ..views.words import OUTCOME_WORDS
from .discussion import Room, decisive_turn, room_of
from .room_report import metric_scales, room_context, team_multiples
from .verify import Rejected, Verified

LEADERSHIP, MANAGEMENT = charts.OKABE_ITO[0], charts.OKABE_ITO[1]


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs: OWASP's advice against CSV (formula) injection.

    A cell starting with = + - @ tab or carriage return is a formula to Excel, LibreOffice and
    Google Sheets (=HYPERLINK, =cmd|...); such a cell gets a leading ' unless it is a plain number.
    """
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def report_folder_name(v: Verified) -> str:
    """A folder name for one workshop's report when a debrief covers several."""
    name = slug(v.result["workshop"], 60, "workshop")
    return f"{name}-{v.session.scenario.id}-{v.result['scenario_sha256'][:8]}-seed{v.result['seed']}"


def mix_charts(teams: list[Verified]) -> list[Markup]:
    """Per phase, each team's leadership share of its leadership and management actions, with a dashed
    rule at strong play's share (analysis.review_mix: the game's one answer to what mix a phase rewards)."""
    out = []
    rules = teams[0].session.rules
    for phase in teams[0].session.scenario.phases:
        strong = strong_share(rules, phase.id)
        rows = []
        for v in teams:
            pm = next((p for p in phase_mix(v.session) if p.phase == phase.id), None)
            share = pm.leadership_share if pm and pm.leadership + pm.management else 0.0
            rows.append(charts.BarRow(v.team, [charts.Bar(share, LEADERSHIP, f"L {share:.0%}"),
                                               charts.Bar(1 - share, MANAGEMENT, f"M {1 - share:.0%}")], strong))
        w = phase.weights
        marker = [] if strong is None else [charts.Key(f"strong play: {strong:.0%} leadership", charts.INK, dash=True)]
        out.append(charts.BarChart(
            rows, f"{phase.title}: each team's leadership share", f"{phase.title}: leadership {w.leadership:.1f}x, "
            f"management {w.management:.1f}x", top=1.0, percent=True, axis="share of leadership + management actions",
            legend=(charts.Key("leadership", LEADERSHIP, "box"), charts.Key("management", MANAGEMENT, "box"), *marker),
            width=460, row_height=26).svg())
    return out


def csv_text(teams: list[Verified]) -> str:
    """turns.csv: one row per team and turn (the start too), every metric, the decision."""
    fh = io.StringIO(newline="")
    metrics = teams[0].session.rules.metrics if teams else []
    w = csv.writer(fh)
    w.writerow([csv_cell(c) for c in ["team", "turn", "phase", *metrics, "actions", "event_answer", "timed_out"]])
    for v in teams:
        s = v.session
        for t, values in enumerate(s.history):
            d = s.log[t - 1] if t > 0 else None
            # the phase the turn was played in (phase_history[t] is the phase after turn t)
            w.writerow([csv_cell(c) for c in [
                v.team, t, s.rules.phases[s.phase_history[max(t - 1, 0)]], *(f"{x:.3f}" for x in values),
                " ".join(d.actions) if d else "", (d.choice or "") if d else "", int(d.timed_out) if d else 0]])
    return fh.getvalue()


def write_csv(teams: list[Verified], path: Path) -> None:
    path.write_text(csv_text(teams), encoding="utf-8", newline="")


def report_files(teams: list[Verified], rejected: list[Rejected], title: str | None = None,
                 progress=None, unfinished: list[Verified] = ()) -> dict[str, str]:
    """Every file of the report by name: report.html, turns.csv and, with a verified team, slides.html and
    the charts (metrics.svg, drivers.svg, mix-1.svg per phase).

    Every team's game is reviewed first (`progress(done, total)` after each), which is what the
    class summary, the costly turns and the prompts are made of.
    `unfinished`: games verified as far as they went when the workshop ended mid-game: listed apart with
    the turn they reached (and in turns.csv), never ranked nor reviewed with the finished ones.
    """
    unfinished = sorted(unfinished, key=lambda v: (-v.session.turn, -v.session.score(), v.team.casefold()))
    room: Room | None = room_of(teams, progress) if teams else None
    env = environment("game.workshop")
    first = teams[0] if teams else (unfinished[0] if unfinished else None)
    workshop = first.result["workshop"] if first else "Workshop"
    heading = title or f"Debrief: {workshop}"
    files = {"turns.csv": csv_text([*teams, *unfinished])}
    context = {"title": heading, "workshop": workshop, "teams": teams, "rejected": rejected, "unfinished": unfinished,
               "scenario": first.session.scenario if first else None, "seed": first.session.seed if first else None,
               "board": standings_leaderboard([(v.team, v.session, v.result.get("policy")) for v in teams]),
               "bot_turns": {v.team: sum(1 for d in v.session.log if d.bot) for v in [*teams, *unfinished]},
               "outcome_words": OUTCOME_WORDS, "room": None}
    if room is not None:
        metrics, mix = team_multiples(room), mix_charts(teams)
        by_team = {v.team: v for v in teams}
        context.update(room_context(room), metrics_charts=metrics, mix_charts=mix, metric_scales=metric_scales(room),
                       decisive=[d for e in context["board"].entries if (d := decisive_turn(by_team[e.team]))])
        files["metrics.svg"] = str(team_multiples(room, per_chart=None)[0])
        files["drivers.svg"] = str(context["drivers_chart"])
        for k, chart in enumerate(mix, 1):  # numbered: a phase id comes from a file
            files[f"mix-{k}.svg"] = str(chart)
        files["slides.html"] = env.get_template("slides.html").render(context)
    files["report.html"] = env.get_template("report.html").render(context)
    return files


def write_report(teams: list[Verified], rejected: list[Rejected], out: Path, title: str | None = None,
                 progress=None, unfinished: list[Verified] = ()) -> Path:
    """report.html (A4, for reading and print), slides.html (16:9, one idea a page), charts and turns.csv,
    written into `out`; returns the path of report.html."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in report_files(teams, rejected, title, progress, unfinished).items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    return out / "report.html"
