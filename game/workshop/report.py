"""The debrief report: one self-contained HTML page for reading and print (A4), a 16:9 slide deck, the
charts as SVG files and a CSV of every turn.

The pages are Jinja2 templates (templates/report.html, slides.html) rendered with autoescaping, so a
team name or a scenario title from a file is always text. The leaderboard is the views layer's
(views.standings.leaderboard), the same ranking every screen shows; the charts are game/charts/'s.
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
from ..analysis.review_mix import shares, strong_mix, strong_words
from ..views.debrief import phase_mix
from ..views.standings import BOT_MARK, ORDER_NOTE, standing_key
from ..views.standings import leaderboard as standings_leaderboard
from ..views.words import OUTCOME_WORDS, plural
from .discussion import Room, count_words, decisive_turn, room_of
from .room_report import PLAN_MINUTES, board_notes, board_pages, metric_scales, room_context, team_multiples
from .verify import Rejected, Verified

LEADERSHIP, MANAGEMENT = charts.CATEGORY_COLOUR["leadership"], charts.CATEGORY_COLOUR["management"]


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


MIX_ROWS_PER_SLIDE = 15  # a 16:9 slide holds 15 bars at a size a room reads; 30 teams are two slides a phase
MIX_ROWS_PER_PAGE = 16  # the A4 report's: 30 teams' bars in one chart filled a page, pushed whole to the next


def _split_bars(l: float, m: float, d: float) -> list:
    """A mix as three stacked bars, each kind's share of ALL the actions (review_mix.split_words' figures)."""
    return [charts.Bar(x, colour, f"{k} {x:.0%}") for x, colour, k in
            zip(shares(l, m, d) or (0.0, 0.0, 0.0), (LEADERSHIP, MANAGEMENT, charts.CATEGORY_COLOUR["development"]), "LMD")]


def no_mix_note(session, phase, pm) -> str:
    """What a team's row says when it has no actions in `phase`: a game lost before it ('game ended at turn 5,
    before Growing up'), or a phase played without an action (the clock took every turn), never an empty bar
    over 'L 0% · M 0% · D 0%', which read as a team that did nothing (trainer s7 3, finding 7)."""
    if pm is not None and pm.leadership + pm.management + pm.development > 0:
        return ""
    if pm is None:
        return f"game ended at turn {session.turn}, before {phase.title}" if session.done else \
            f"game stopped at turn {session.turn}, before {phase.title}"
    return f"no actions in {phase.title}"


def mix_charts(teams: list[Verified], per_chart: int | None = None, width: float = 460) -> list[tuple[str, Markup]]:
    """Per phase, each team's actions split into leadership, management and development (shares of all its
    actions there), and strong play's split as the last row of every chart (analysis.review_mix: the one
    definition), so the room sees what strong play really did, development included: (phase title, chart),
    `per_chart` teams to a chart (None: all)."""
    out = []
    mix = strong_mix(teams[0].session.rules) or {}
    for phase in teams[0].session.scenario.phases:
        strong = mix.get(phase.id)
        rows = []
        for v in teams:
            pm = next((p for p in phase_mix(v.session) if p.phase == phase.id), None)
            rows.append(charts.BarRow(v.label, _split_bars(pm.leadership, pm.management, pm.development) if pm
                                      else _split_bars(0, 0, 0), note=no_mix_note(v.session, phase, pm)))
        w = phase.weights
        step = (per_chart - (strong is not None) if per_chart else None) or len(rows)  # strong play's row fits too
        for k in range(0, len(rows), step):
            part = rows[k:k + step]
            if strong is not None:
                part = part + [charts.BarRow("Strong play", _split_bars(*strong.counts))]
            out.append((phase.title, charts.BarChart(
                part, f"{phase.title}: each team's actions by kind" + (f"; {strong_words(phase.title, strong)}"
                                                                       if strong else ""),
                f"{phase.title}: leadership {w.leadership:.1f}x, management {w.management:.1f}x", top=1.0,
                percent=True, axis="share of all actions",
                legend=(charts.Key("leadership", LEADERSHIP, "box"), charts.Key("management", MANAGEMENT, "box"),
                        charts.Key("development", charts.CATEGORY_COLOUR["development"], "box")),
                width=width, row_height=26).svg()))
    return out


def _column_names(session) -> list[str]:
    """turns.csv's metric columns: each metric's title as the screens write it ('Budget (k)' for money),
    an id added only where two titles would read alike."""
    specs = session.scenario.metrics
    names = [(specs[m].title or m) + (f" ({specs[m].unit})" if specs[m].unit else "") for m in session.rules.metrics]
    seen = {n.casefold(): 0 for n in names}
    for n in names:
        seen[n.casefold()] += 1
    return [n if seen[n.casefold()] == 1 else f"{n} [{m}]" for n, m in zip(names, session.rules.metrics)]


CSV_COLUMNS = ("Team", "Turn", "Phase", "Actions", "Event", "Answer", "Clock ran out", "Played by a bot")


def csv_text(teams: list[Verified]) -> str:
    """turns.csv: one row per team and turn (the start, turn 0, too), in the game's words: the phase a turn was
    played in by its title, every metric by its title and as the screens write it (one decimal), the actions
    and the event's answer by their titles. One header row; every cell escaped by the csv module and kept from
    running as a formula (csv_cell). docs/facilitator-guide.md lists the columns. "Played by a bot" is yes for
    every turn of a bot team (its result's policy: Verified.bot) as for a stand-in bot's turn (the log's bot):
    a trainer's spreadsheet showed "Bot balanced" with "no" on every row (s6 trainer 2, finding 7)."""
    fh = io.StringIO(newline="")
    w = csv.writer(fh)
    if not teams:
        w.writerow(CSV_COLUMNS)
        return fh.getvalue()
    first = teams[0].session
    w.writerow([csv_cell(c) for c in [*CSV_COLUMNS[:3], *_column_names(first), *CSV_COLUMNS[3:]]])
    for v in teams:
        s = v.session
        actions = {a.id: a.title for a in s.scenario.actions}
        events = {e.id: e for e in s.scenario.events}
        for t, values in enumerate(s.history):
            d = s.log[t - 1] if t > 0 else None
            report = s.reports[t - 1] if 0 < t <= len(s.reports) else None
            event = events.get(report.answered) if report is not None and report.answered else None
            answer = next((c.label for c in event.choices if d and c.id == d.choice), "") if event else ""
            # the phase the turn was played in (phase_history[t] is the phase after turn t)
            phase = s.scenario.phases[s.phase_history[max(t - 1, 0)]]
            w.writerow([csv_cell(c) for c in [
                v.team, t, phase.title or phase.id, *(f"{x:.1f}" for x in values),
                "; ".join(actions.get(a, a) for a in d.actions) if d else "", event.title if event else "", answer,
                ("yes" if d.timed_out else "no") if d else "", ("yes" if d.bot or v.bot else "no") if d else ""]])
    return fh.getvalue()


def write_csv(teams: list[Verified], path: Path) -> None:
    path.write_text(csv_text(teams), encoding="utf-8", newline="")


def report_files(teams: list[Verified], rejected: list[Rejected], title: str | None = None,
                 progress=None, unfinished: list[Verified] = (), minutes: int = PLAN_MINUTES) -> dict[str, str]:
    """Every file of the report by name: report.html, turns.csv and, with a verified team, slides.html and
    the charts (metrics.svg, drivers.svg, mix-1.svg per phase).

    Every team's game is reviewed first (`progress(done, total)` after each), which is what the
    class summary, the costly turns and the prompts are made of. Every section, chart, slide and turns.csv
    lists the teams in one order, views.standings.standing_key's (best final score first).
    `unfinished`: games verified as far as they went when the workshop ended mid-game: listed apart with
    the turn they reached (and in turns.csv), never ranked nor reviewed with the finished ones; a team that
    joined and never played (turn 0) is listed as such. `minutes`: the debrief's length, which the agenda,
    its heading and the slides follow (room_report.agenda).
    """
    teams = sorted(teams, key=lambda v: standing_key(v.team, v.session.score()))
    unfinished = _unfinished_order(unfinished)
    stopped = [v for v in unfinished if v.session.turn > 0]
    never = [v for v in unfinished if v.session.turn == 0]
    room: Room | None = room_of(teams, progress, unfinished) if teams else None
    env = environment("game.workshop")
    first = teams[0] if teams else (unfinished[0] if unfinished else None)
    workshop = first.result["workshop"] if first else "Workshop"
    heading = title or f"Debrief: {workshop}"
    files = {"turns.csv": csv_text([*teams, *stopped])}
    context = {"title": heading, "count_words": played_words(teams, unfinished),
               "rejected_words": rejected_words(len(rejected)),
               "rejected_count": f"{plural(len(rejected), 'result file')} {'was' if len(rejected) == 1 else 'were'}", "workshop": workshop, "teams": teams, "rejected": rejected, "unfinished": stopped,
               "never_played": never, "order_note": ORDER_NOTE,
               "scenario": first.session.scenario if first else None, "seed": first.session.seed if first else None,
               "board": standings_leaderboard([(v.team, v.session, v.result.get("policy")) for v in teams]),
               "bot_turns": {v.team: sum(1 for d in v.session.log if d.bot) for v in [*teams, *unfinished]},
               "outcome_words": OUTCOME_WORDS, "room": None, "bot_mark": BOT_MARK, "label": labeller([*teams, *unfinished]),
               "bot_policies": [(v.team, v.result["policy"]) for v in [*teams, *stopped] if v.bot]}
    if room is not None:
        metrics, mix = team_multiples(room), mix_charts(teams)  # mix: whole, for the .svg files
        printed = mix_charts(teams, MIX_ROWS_PER_PAGE)  # the A4 report's: a chart never taller than half a page
        notes = board_notes(stopped, never, context["label"])
        context.update(room_context(room, minutes), board_notes=notes,
                       board_pages=board_pages(context["board"].entries, context["label"], notes=notes), metrics_charts=metrics, mix_charts=[c for _, c in printed],
                       mix_slides=slide_parts(mix_charts(teams, MIX_ROWS_PER_SLIDE, 760)), metric_scales=metric_scales(room),
                       decisive=[d for t in room.teams if (d := decisive_turn(t))])  # the one order
        files["metrics.svg"] = str(team_multiples(room, per_chart=None)[0])
        files["drivers.svg"] = str(context["drivers_chart"])
        for k, (_, chart) in enumerate(mix, 1):  # numbered: a phase id comes from a file
            files[f"mix-{k}.svg"] = str(chart)
        files["slides.html"] = env.get_template("slides.html").render(context)
    files["report.html"] = env.get_template("report.html").render(context)
    return files


def _unfinished_order(unfinished: list[Verified]) -> list[Verified]:
    """The games that stopped early, furthest first (then the higher score so far, then the name)."""
    return sorted(unfinished, key=lambda v: (-v.session.turn, -v.session.score(), v.team.casefold()))


def played_words(finished: list[Verified], unfinished: list[Verified] = ()) -> str:
    """The report's opening sentence on who played, who finished and who joined ('7 teams played; the 6 that
    finished are ranked and discussed here (not finished: Wolves, turn 11 of 12).'), from the verified games:
    the report, the `leadsim debrief` summary and the console's debrief line all say it in these words (the
    summary said '6 verified, 1 unfinished' under a report that opened with '7 teams played')."""
    unfinished = _unfinished_order(unfinished)
    stopped = [v for v in unfinished if v.session.turn > 0]
    never = [v for v in unfinished if v.session.turn == 0]
    first = next(iter([*finished, *unfinished]), None)
    return count_words(len(finished), [(v.label, v.session.turn) for v in stopped], [v.label for v in never],
                       first.session.scenario.turns if first else 0)


def rejected_words(rejected: int, in_all: bool = False) -> str:
    """What follows played_words in the report's opening: '1 result file rejected.', '3 result files rejected
    in all.', nothing when none was (a trainer read '0 result file(s) rejected', s6 trainer 2, finding 12)."""
    if not rejected:
        return ""
    return f"{plural(rejected, 'result file')} rejected{' in all' if in_all else ''}."


def labeller(teams: list[Verified]):
    """A team's name as the report and slides write it (views.standings.team_label: a bot's with the one mark),
    by its name, for the templates."""
    labels = {v.team: v.label for v in teams}
    return lambda team: labels.get(team, team)


def slide_parts(charts_: list[tuple[str, Markup]]) -> list[tuple[str, Markup]]:
    """(slide title, chart): a phase split over several slides says which part each is ('Startup, 1 of 2')."""
    count: dict[str, int] = {}
    for title, _ in charts_:
        count[title] = count.get(title, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for title, chart in charts_:
        seen[title] = seen.get(title, 0) + 1
        out.append((title + (f", {seen[title]} of {count[title]}" if count[title] > 1 else ""), chart))
    return out


def write_report(teams: list[Verified], rejected: list[Rejected], out: Path, title: str | None = None,
                 progress=None, unfinished: list[Verified] = (), minutes: int = PLAN_MINUTES) -> Path:
    """report.html (A4, for reading and print), slides.html (16:9, one idea a page), charts and turns.csv,
    written into `out`; returns the path of report.html."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in report_files(teams, rejected, title, progress, unfinished, minutes).items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    return out / "report.html"
