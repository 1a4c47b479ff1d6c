"""The room's debrief for the A4 report and the 16:9 slide deck: the charts and what the templates show.

The sections follow a 45-minute discussion (times are a suggestion the
facilitator guide explains): the room at a glance, the events side by side,
what was going on underneath, the costly turns, and prompts chosen from this
room. Charts stay readable with 30 teams: small multiples (one panel per team
or per driver, the room's other games in grey behind), never 30 coloured lines
in one plot. The words are in templates/report.html and slides.html, which
Jinja2 renders with autoescaping: every text from a file (team names, scenario
titles) is escaped there, and in the charts by game/charts/.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from markupsafe import Markup

from .. import charts
from ..scenario.defaults import SKILL_METRICS
from ..views import goal
from ..views.debrief import money_axis, phase_marks
from ..views.review import LOSS_NOTE, LOSS_NOTE_SHORT, decision_words
from ..views.standings import competition_ranks, rank_text, ties
from ..views.words import joined
from .files import DEBRIEF_MINUTES
from .discussion import COSTLY, Room, clock_line
from .room_events import FOLLOW_TURNS, METHOD as BEST_METHOD, decisive_events, stakes
from .room_prompts import DRIVERS_TITLE, discussion_prompts

AGENDA = [  # (minutes, section id, title)
    (5, "glance", "The room at a glance"),
    (12, "events", "The events, side by side"),
    (8, "underneath", "What was going on underneath"),
    (10, "costly", "The costly turns"),
    (10, "prompts", "Questions from this room"),
]
SHORT_MINUTES = {"events": 4, "costly": 4}  # a part with nothing that splits the room: a short look, not skipped
GAINS = ("underneath", "costly", "prompts")  # where a short part's minutes go, as their plan's shares
PLAN_MINUTES = sum(m for m, _, _ in AGENDA)  # 45: the plan's debrief, which the facilitator guide's 90-minute session has
SHORT_DEBRIEF = 35  # below this a debrief has room for four parts at most: the one with least to discuss is left out
MAY_LEAVE_OUT = ("events", "costly")  # the glance, the reveal underneath and the room's questions always stay


@dataclass(frozen=True)
class AgendaItem:
    minutes: int  # 0: left out of this debrief (note says why); the report still has its section to read
    sid: str
    head: str
    note: str = ""  # why this part is shorter (or longer) than the plan's, or left out, to say when it starts

    def __iter__(self):  # (minutes, sid, head), as AGENDA's rows unpack
        return iter((self.minutes, self.sid, self.head))


def agenda_heading(minutes: int) -> str:
    """The agenda's heading in the report ('A 25-minute debrief'): the length it was planned for."""
    return f"A {minutes}-minute debrief"


def agenda(room: Room, minutes: int = PLAN_MINUTES) -> list[AgendaItem]:
    """The debrief's parts with minutes that add up to `minutes` (the plan's 45 unless the workshop or
    `leadsim debrief --minutes` says otherwise; the facilitator guide's 60-minute session has 25) and follow
    what happened in this room: a part with nothing to compare (no event came up, or every team that met each
    event answered it alike; no costly turn) gets a short look (SHORT_MINUTES, scaled to the length) and a note
    saying why, and its minutes go to the parts with content (GAINS, shared as the plan shares them). A trainer's
    s6 finding 7: 'The events, side by side (12 min)' for one event all five teams answered alike.

    Below SHORT_DEBRIEF minutes a short look is not worth its slides: a part with nothing to compare is left
    out (minutes 0, with a note), and if none is, the one of MAY_LEAVE_OUT with least to discuss is (fewer
    events that split the room than costly turns: the events), so 25 minutes is four parts, not five rushed
    ones (trainer 2's s6 finding 8: a 60-minute session got the 45-minute agenda)."""
    lo, hi = DEBRIEF_MINUTES
    if type(minutes) is not int or not lo <= minutes <= hi:
        raise ValueError(f"a debrief of {minutes!r} minutes: choose {lo} to {hi}")
    notes: dict[str, str] = {}
    split = [r for r in room.events if r.splits]  # among the teams of people: a bot is no side (trainer s7 4, 3)
    decisive = decisive_events(room.events, COSTLY)  # the room_prompts event question's: it is always asked
    if not room.events:
        notes["events"] = "no event came up in this room's games"
    elif not split:
        one = len(room.events) == 1
        who = "team of people" if room.bots_left_out else "team"
        notes["events"] = (f"every {who} that met {'the event' if one else 'an event'} gave the same answer, so "
                           "nothing split the room")
    costly = room.costly_turns()
    if not costly:
        notes["costly"] = f"no team lost {COSTLY:g} points or more at any turn"
    out_of: set[str] = set()
    if minutes < SHORT_DEBRIEF:
        out_of = set(notes) or {"events" if len(split) <= len(costly[:3]) else "costly"}
        if "events" in out_of and "events" not in notes:
            notes["events"] = (f"only {len(split)} event{'' if len(split) == 1 else 's'} split the room, the least "
                               "to discuss")
        elif "costly" in out_of and "costly" not in notes:
            notes["costly"] = f"only {len(costly)} costly turn{'' if len(costly) == 1 else 's'}, the least to discuss"
    kept = [(m, sid) for m, sid, _ in AGENDA if sid not in out_of]
    planned = dict(zip([sid for _, sid in kept], _shared(minutes, [m for m, _ in kept])))
    scale = minutes / PLAN_MINUTES
    short = {sid: max(2, round(SHORT_MINUTES[sid] * scale)) for sid in notes if sid not in out_of}
    short = {sid: min(m, planned[sid]) for sid, m in short.items()}
    freed = sum(planned[sid] - short[sid] for sid in short)
    gainers = [(planned[sid], sid) for _, sid in kept if sid in GAINS and sid not in short]
    extra = _shared(freed, [m for m, _ in gainers]) if gainers and freed else []
    more = {sid: x for (_, sid), x in zip(gainers, extra)}
    out = []
    for _, sid, head in AGENDA:
        note = notes.get(sid, "")
        if sid in out_of:
            note = f"left out of a {minutes}-minute debrief: {note}; its section stays in the report, to read"
            if sid == "events" and decisive:
                note += (f"; '{decisive[0].title}', whose answer decided {'a game' if stakes(decisive[0])[0] else 'the most'}, "
                         "is asked under Questions from this room")
            out.append(AgendaItem(0, sid, head, note))
            continue
        if note and more:
            note += f"; {planned[sid] - short[sid]} of its {planned[sid]} planned minutes go to the parts with more to discuss"
        out.append(AgendaItem(short.get(sid, planned[sid] + more.get(sid, 0)), sid, head, note))
    return out


def _shared(total: int, weights: list[int]) -> list[int]:
    """`total` whole minutes shared in proportion to `weights`, the remainders to the largest fractions (then
    the first): the parts still add up to the whole."""
    exact = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in exact]
    for k in sorted(range(len(weights)), key=lambda k: (-(exact[k] - out[k]), k))[:total - sum(out)]:
        out[k] += 1
    return out


PROMPT_KIND = {"went well": "What went well", "to change": "What to change", "turn now": "What would you do now",
               "looking back": "Looking back"}  # the event that split the room asks about the past (trainer s5, 4)
GREY = charts.GREY
# the metrics' and the drivers' lines: charts.METRIC_STYLES, the window's and the web's, never a kind's colour
# (the panels drew Morale orange, Efficiency blue, Budget green: management, leadership, development)
MEAN, PAR = charts.MEAN_LINE, charts.PAR_LINE
PHASE_INK = "#6b7380"  # the dashed phase line (game/charts draws it in this grey)


def _hidden(room: Room) -> list[str]:
    """The hidden drivers the room's discussion is about (the leader's skills aside)."""
    specs = room.teams[0].session.scenario.metrics
    return [m for m, s in specs.items() if not s.visible and m not in SKILL_METRICS]


# --- charts ---------------------------------------------------------------------------------

PANELS_PER_CHART = 16  # four rows of four: one chart fits an A4 page, so 30 teams are two charts, never cut


def _axis_groups(room: Room) -> list[tuple[list[str], float, float, str]]:
    """The visible metrics grouped by scale, as the player's debrief groups them (views.debrief.chart_groups):
    metrics that share a range share an axis; money ('k') gets its own axis, fitted to what the room's
    games did (views.debrief.money_axis), so a fall from 90k to 50k does not look flat."""
    first = room.teams[0].session
    specs, index = first.scenario.metrics, first.rules.index
    groups: dict[tuple, list[str]] = {}
    for m in first.visible_metrics():
        groups.setdefault((specs[m].min, specs[m].max, specs[m].unit), []).append(m)
    out = []
    for (lo, hi, unit), members in groups.items():
        if unit == "k":
            values = [float(v[index[m]]) for t in room.teams for v in t.session.history for m in members]
            lo, hi = money_axis(values, lo, hi)
        out.append((members, lo, hi, unit))
    return sorted(out, key=lambda g: g[3] == "k")  # money under the others


def phase_change_key(room: Room) -> charts.Key | None:
    """The legend's entry for the dashed phase line: 'Growing up from turn 7 (the line: end of turn 6)'. A chart's
    x is the state after each turn, so the line of a phase whose first turn is 7 stands at 6, which read as
    'Growing up at turn 6' while the game says 'Growing up from turn 7' (trainer s7 4, finding 10)."""
    starts = _phase_starts(room)
    if not starts:
        return None
    said = joined([f"{title} from turn {turn + 1}" for title, turn in starts.items()])
    last = list(starts.values())[-1]
    return charts.Key(f"{said} (the line: end of turn {last})" if len(starts) == 1 else said,
                      PHASE_INK, dash=True, width=1.2)


def _phase_starts(room: Room) -> dict[str, int]:
    """Each later phase's title -> the turn after which most of the room's games entered it."""
    turns: dict[str, Counter] = {}
    for t in room.teams:
        for turn, title in phase_marks(t.session):
            turns.setdefault(title, Counter())[turn] += 1
    return {title: c.most_common(1)[0][0] for title, c in turns.items()}


def _marks(session) -> list[charts.Mark]:
    return [charts.Mark(t) for t, _ in phase_marks(session)]


def team_multiples(room: Room, per_chart: int | None = PANELS_PER_CHART) -> list[Markup]:
    """One small panel per team, in the room's one order (views.standings.standing_key): its visible metrics
    (colours), money on its own axis under the others, the room's other games in grey behind, a dashed line
    where the team's game changed phase; `per_chart` panels to a chart (None: all in one, for metrics.svg)."""
    first = room.teams[0].session
    index = first.rules.index
    style = {m: charts.metric_style(j) for j, m in enumerate(first.visible_metrics())}  # views' index: the window's
    groups = _axis_groups(room)
    histories = [np.array(t.session.history) for t in room.teams]

    def series(members, k):
        behind = [charts.Series(h[:, index[m]], GREY, 0.6, opacity=0.45) for h in histories for m in members]
        return behind + [charts.Series(histories[k][:, index[m]], style[m].light, 2.0, dash=style[m].dash)
                         for m in members]

    panels = []
    (members, lo, hi, unit), *rest = groups
    for k, (rank, t) in enumerate(zip(ranks_in_order(room), room.teams)):
        below = [charts.Axis(series(ms, k), a, b, u, share=0.42 if len(rest) == 1 else 0.6 / len(rest))
                 for ms, a, b, u in rest]
        panels.append(charts.Panel(t.label, series(members, k), lo, hi, _marks(t.session),
                                   note=f"#{rank} · score {t.session.score():.1f}", unit=unit, below=below))
    legend = [charts.Key(first.scenario.metrics[m].title or m, style[m].light, dash=style[m].dash)
              for m in first.visible_metrics()]
    legend += [charts.Key("the other teams", GREY)] + [key for key in [phase_change_key(room)] if key]
    cols = len(panels) if len(panels) <= 3 else 4  # the page's width
    step = per_chart or len(panels)
    tall = 25 if rest else 0  # room for the second axis
    return [charts.panels(panels[k:k + step], "metrics over the game, one panel per team", cols=cols,
                          panel_width=max(172, 690 / cols), panel_height=(185 if cols > 3 else 215) + tall,
                          legend=legend, size=10.5 if cols > 3 else 11)
            for k in range(0, len(panels), step)]


def ranks_in_order(room: Room) -> list[str]:
    """Each team's rank text ('1', '3='), room.teams being in the one order (best first)."""
    ranks = competition_ranks([t.session.score() for t in room.teams])
    return [rank_text(r, tied) for r, tied in zip(ranks, ties(ranks))]


def metric_scales(room: Room) -> str:
    """What the y axes of the team panels hold: 'Morale and Efficiency 0 to 100; under them, on its own axis,
    Budget -50k to 250k'."""
    specs = room.teams[0].session.scenario.metrics
    groups = _axis_groups(room)

    def said(members, lo, hi, unit):
        return f"{joined([specs[m].title or m for m in members])} {lo:g}{unit} to {hi:g}{unit}"

    first, *rest = groups
    return said(*first) + "".join(f"; under them, on its own axis, {said(*g)}" for g in rest)


def room_phase_marks(room: Room) -> list[charts.Mark]:
    """The turns where the room's games changed phase (the turn most teams changed at), labelled with the phase's
    title and its first turn, as the game says it ('Growing up from turn 7')."""
    return [charts.Mark(turn, f"{title} from turn {turn + 1}") for title, turn in _phase_starts(room).items()]


def driver_multiples(room: Room) -> Markup:
    """One panel per hidden driver: every team in grey, the room's mean in black, strong play in vermilion
    (dashed): charts.MEAN_LINE and PAR_LINE, no kind's colour."""
    first = room.teams[0].session
    specs = first.scenario.metrics
    par_path = room.teams[0].review.par_path
    marks = room_phase_marks(room)
    panels = []
    for m in _hidden(room):
        i = first.rules.index[m]
        paths = [np.array(t.session.history)[:, i] for t in room.teams]
        longest = max(len(p) for p in paths)
        mean = np.array([np.pad(p, (0, longest - len(p)), mode="edge") for p in paths]).mean(axis=0)
        series = [charts.Series(p, GREY, 0.9) for p in paths]
        series += [charts.Series(mean, MEAN.light, 2.4, dash=MEAN.dash),
                   charts.Series(par_path[:, i], PAR.light, 1.8, dash=PAR.dash)]
        panels.append(charts.Panel(specs[m].title or m, series, specs[m].min, specs[m].max, marks))
    legend = [charts.Key("room mean", MEAN.light, dash=MEAN.dash, width=2.4),
              charts.Key("strong play", PAR.light, dash=PAR.dash),
              charts.Key("each team", GREY)] + [key for key in [phase_change_key(room)] if key]
    return charts.panels(panels, "hidden drivers per team, the room's mean and strong play", cols=3,
                         panel_width=230, panel_height=170, legend=legend)


# --- what the sections show -----------------------------------------------------------------------

@dataclass(frozen=True)
class Underneath:
    titles: list[str]  # the hidden drivers' titles
    rows: list[tuple[str, list[str]]]  # team, each driver at the end as every screen writes it (goal.value_text)
    par: list[str]  # strong play's, at the end


def underneath(room: Room) -> Underneath:
    first = room.teams[0].session
    specs, index = first.scenario.metrics, first.rules.index
    hidden = _hidden(room)
    par_end = room.teams[0].review.par_path[-1]
    scenario = first.scenario

    def texts(values) -> list[str]:  # 35.6 under 'ownership < 36' stays 35.6 (trainer s7 finding 3)
        return [goal.value_text(scenario, m, float(values[index[m]])) for m in hidden]
    rows = [(t.team, texts(t.session.history[-1])) for t in room.teams]  # the room's one order
    return Underneath([specs[m].title or m for m in hidden], rows, texts(par_end))


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
    for t in room.teams:  # the room's one order
        bad = [tr for tr in t.review.turns if tr.loss >= COSTLY]
        worst = max(bad, key=lambda tr: tr.loss, default=None)
        out.append(CostlyRow(t.team, t.session.score(), room.par - t.session.score(), len(bad),
                             worst.turn if worst else None, worst.loss if worst else 0.0,
                             decision_words(t.session, worst.best) if worst else None))
    return out


def room_context(room: Room, minutes: int = PLAN_MINUTES) -> dict:
    """Everything the debrief's sections and slides show about the room, for the templates; `minutes`: the
    debrief's length, which its agenda follows (a part left out of it has no slides)."""
    scores = [t.session.score() for t in room.teams]
    parts = agenda(room, minutes)
    prompts = asked_in(discussion_prompts(room), {a.sid for a in parts if a.minutes})
    asked: dict[str, list] = {sid: [] for _, sid, _ in AGENDA}  # the slides ask each prompt in its part
    for p in prompts:
        asked.setdefault(p.where, []).append(p)
    first = {p.event_id for p in asked["events"]}  # the event a question is about comes first, right after it
    events = sorted(room.events, key=lambda r: r.event_id not in first)
    return {
        "room": room, "agenda": parts, "agenda_heading": agenda_heading(minutes),
        "shown": {a.sid for a in parts if a.minutes}, "prompt_kind": PROMPT_KIND, "costly_points": COSTLY,
        "loss_note": LOSS_NOTE, "loss_note_short": LOSS_NOTE_SHORT,
        "follow_turns": FOLLOW_TURNS, "scores": sorted(scores), "median": float(np.median(scores)),
        "mix_rows": room.mix_rows(), "mix_story": room.mix_story(), "endings": room.ending_counts(), "crises": room.crisis_counts(),
        "crisis_teams": room.crisis_teams(),
        "clock": room.clock(), "clock_line": clock_line(room.clock()),
        "clock_count": room.clock_count(), "events": room.events, "best_method": BEST_METHOD,
        "event_metrics": list(room.events[0].answers[0].followed) if room.events else [],
        "underneath": underneath(room), "drivers_chart": driver_multiples(room),
        "costly": room.costly_turns(), "costly_rows": costly_rows(room), "mistakes": room.mistakes, "pattern_pages": pattern_pages(room.mistakes),
        "costly_slide": costly_slide(room.costly_turns()[:3]),
        "prompts": prompts, "asked": asked, "units": metric_units(room), "question_size": question_size, "answer_size": answer_size,
        "slide_trigger": slide_trigger, "board_cols": BOARD_COLS,
        "event_slides": [(r, event_pages(r, metric_units(room), room.label)) for r in events],
        "driver_pages": driver_pages(room), "drivers_title": DRIVERS_TITLE, "driver_share": DRIVER_TEAM_SHARE,
    }


ANSWER_TITLES = {"patterns": "The most common costly patterns"}  # a moved prompt's answer slide (asked_in)


def asked_in(prompts: list, shown: set[str]) -> list:
    """The prompts, each asked in a part this debrief has: one whose part is left out (a short debrief) is
    asked under 'Questions from this room' instead, with its answer on a slide of its own, or, for an event,
    with the event's own slides after it (templates/slides.html). Trainer s7 3, finding 2: the report asked
    a question no slide showed, and the 25-minute deck kept the event that cost a team the win only as a
    row of a table."""
    out = []
    for p in prompts:
        if p.where in shown:
            out.append(p)
            continue
        title = p.answer_title or ("" if p.event_id else ANSWER_TITLES.get(p.then, "What the game found"))
        out.append(replace(p, where="prompts", answer_title=title if p.answer else "", then=""))
    return out


def metric_units(room: Room) -> dict[str, str]:
    """Each visible metric's unit by its title ('Budget' -> 'k'): what followed an event is written as every
    screen writes it, money with its 'k' (a fresh trainer's finding 7)."""
    specs = room.scenario.metrics
    return {specs[m].title or m: specs[m].unit for m in room.teams[0].session.visible_metrics()}


# --- what fits on a 16:9 slide ----------------------------------------------------------------------
# The slides are 320 x 180 mm (templates/slides.html; on a screen they scale to the window, so the same text
# fits). Nothing on a slide may run past its bottom (a fresh trainer's finding 5): the slide decks are
# planned here by an estimate of every text's lines, erring on the wide side (DejaVu Sans, the widest of
# the usual sans faces, averages about 0.52 of its size per character in running text; 0.58 is used, 0.66 for bold), and
# tests/workshop/test_slides.py checks every slide of a 30-team room with long names in Chromium.
SLIDE_TEXT_MM = 288.0  # 320 mm less 16 mm padding each side
SLIDE_BODY_MM = 120.0  # 180 mm less the padding (24), a one-line title (18) and the foot (5), with 13 mm to spare
PT_MM = 0.3528


def text_lines(text: str, width_mm: float, pt: float, bold: bool = False) -> int:
    """About how many lines `text` takes at `pt` points in a box `width_mm` wide (greedy wrap at spaces)."""
    room = max(1, int(width_mm / (pt * PT_MM * (0.66 if bold else 0.58))))
    lines, used = 1, 0
    for word in str(text).split():
        need = len(word) + (1 if used else 0)
        if used and used + need > room:
            lines, used = lines + 1, 0
            need = len(word)
        while need > room:  # a word longer than a line
            lines, need = lines + 1, need - room
        used += need
    return lines


def line_mm(pt: float, height: float = 1.3) -> float:
    return pt * PT_MM * height


BOARD_PT, BOARD_COLS = 18.0, (0.07, 0.5, 0.11, 0.32)  # the leaderboard slide: font and column shares


def board_pages(entries, label=str, per_slide: int = 10, notes: tuple[str, ...] = ()) -> list[list]:
    """The leaderboard's rows split over slides: at most `per_slide` rows, fewer when long names (as `label`
    writes them) or endings wrap; the last slide keeps room for `notes` under its table (the teams that did
    not finish: board_notes)."""
    team_w, end_w = (SLIDE_TEXT_MM * BOARD_COLS[k] - 8 for k in (1, 3))

    def height(e) -> float:
        lines = max(text_lines(label(e.team), team_w, BOARD_PT), text_lines(e.ending, end_w, BOARD_PT))
        return lines * line_mm(BOARD_PT, 1.25) + 2.5
    budget = SLIDE_BODY_MM - line_mm(BOARD_PT, 1.25) - 3
    pages = _pages(list(entries), height, budget, per_slide)
    under = sum(text_lines(n, SLIDE_TEXT_MM, NOTE_PT) * line_mm(NOTE_PT) + 3 for n in notes)
    rest: list = []  # the last rows move to a slide of their own when the notes do not fit under them
    while len(pages[-1]) > 1 and sum(map(height, pages[-1])) + under > budget:
        rest.insert(0, pages[-1].pop())
    if rest:
        pages.append(rest)
    return pages


NOTE_PT = 15.0  # the leaderboard slide's lines under the table (templates/slides.html: class "teams")


def board_notes(unfinished, never_played, label=str) -> tuple[str, ...]:
    """The lines under the slides' leaderboard on the teams it does not rank, as the report and the projector
    list them: 'Not finished: Dropouts, turn 13 of 30' (the people of that table sit in the room and ask where
    they are) and 'Joined, never played: Cedar'."""
    unfinished = [f"{label(v.team)}, turn {v.session.turn} of {v.session.scenario.turns}" for v in unfinished]
    return tuple(_listed_at_most(head, names, sep) for head, names, sep in (
        ("Not finished: ", unfinished, "; "), ("Joined, never played: ", [label(v.team) for v in never_played], ", "))
        if names)


def _listed_at_most(head: str, items: list[str], sep: str, lines: int = 3) -> str:
    """head + the items, as many as `lines` lines of a slide hold, then 'and N more (the report lists them)'."""
    for k in range(len(items), 0, -1):
        more = f"{sep}and {len(items) - k} more (the report lists them)" if k < len(items) else ""
        text = head + sep.join(items[:k]) + more
        if text_lines(text, SLIDE_TEXT_MM, NOTE_PT) <= lines:
            return text
    return head + f"{len(items)} teams (the report lists them)"


def _pages(items: list, height, budget: float, most: int = 10_000) -> list[list]:
    pages: list[list] = [[]]
    used = 0.0
    for item in items:
        h = height(item)
        if pages[-1] and (used + h > budget or len(pages[-1]) >= most):
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += h
    return pages


PATTERN_PT, PATTERNS_SHOWN = 20.0, 4  # the costly patterns' slide: its list's type (as .slide li) and how many


def pattern_pages(mistakes) -> list[list]:
    """The room's most common costly patterns split over slides: as many on one as fit. Four fitted one slide
    until a room of thirty had a pattern costly in two phases, each with its teams, and ran 26 px past its page."""
    def height(m) -> float:
        return text_lines(m.words, SLIDE_TEXT_MM - 10, PATTERN_PT) * line_mm(PATTERN_PT) + 3  # the list's indent, li's gap
    shown = list(mistakes)[:PATTERNS_SHOWN]
    return _pages(shown, height, SLIDE_BODY_MM) if shown else []


DRIVER_PT, DRIVER_HEAD_PT, DRIVER_TEAM_SHARE = 15.0, 12.0, 0.48  # the hidden drivers' table slides: fonts of
# the rows and of the drivers' titles, the team column's share (a long name on one line)


def driver_pages(room: Room, per_slide: int = 12) -> list[list[tuple[str, list[float], bool]]]:
    """The hidden drivers' end values per team for the slides after the drivers' chart, whose grey lines no
    team can tell apart (a trainer's finding 10): (name, values, is strong play) rows in the room's one order,
    strong play's last, over as many slides as long names need, at most `per_slide` rows a slide."""
    u = underneath(room)
    team_w = SLIDE_TEXT_MM * DRIVER_TEAM_SHARE - 4  # less the cell's padding (templates/slides.html)
    col_w = SLIDE_TEXT_MM * (1 - DRIVER_TEAM_SHARE) / max(1, len(u.titles)) - 4
    head = max((text_lines(t, col_w, DRIVER_HEAD_PT, True) for t in u.titles), default=1) \
        * line_mm(DRIVER_HEAD_PT, 1.25) + 3

    def height(row) -> float:
        return text_lines(row[0], team_w, DRIVER_PT) * line_mm(DRIVER_PT, 1.25) + 2.5
    rows = [(room.label(team), values, False) for team, values in u.rows] + [("strong play", u.par, True)]
    return _pages(rows, height, SLIDE_BODY_MM - head, per_slide)


@dataclass(frozen=True)
class AnswerBlock:
    answer: str
    count: int
    followed: dict[str, float]
    teams: tuple[str, ...]
    continued: bool = False  # the rest of a list of teams begun on the slide before


EVENT_PT, TEAMS_PT = 20.0, 15.0


def event_pages(r, units: dict[str, str], label=str) -> list[list[AnswerBlock]]:
    """An event's answers over as many slides as they need: per answer, how many gave it, what followed and
    the teams that gave it (a long list of teams continues on the next slide)."""
    def followed_text(f) -> str:
        return "next 3 turns: " + ", ".join(f"{k} {v:+.0f}{units.get(k, '')}" for k, v in f.items())

    def head_mm(b: AnswerBlock) -> float:
        return (text_lines(f"{b.count} × {b.answer}", SLIDE_TEXT_MM - 10, EVENT_PT, True)
                + (0 if b.continued else text_lines(followed_text(b.followed), SLIDE_TEXT_MM - 10, EVENT_PT))) \
            * line_mm(EVENT_PT) + 4

    def teams_mm(teams) -> float:
        return text_lines(", ".join(teams), SLIDE_TEXT_MM - 10, TEAMS_PT) * line_mm(TEAMS_PT) if teams else 0.0

    pages: list[list[AnswerBlock]] = [[]]
    used = 0.0
    for answer, n in r.counts():
        block = AnswerBlock(answer, n, r.mean_followed(answer), tuple(label(t) for t in r.teams_of(answer)))
        while block is not None:
            room = SLIDE_BODY_MM - used
            whole = head_mm(block) + teams_mm(block.teams)
            if whole <= room:
                pages[-1].append(block)
                used += whole
                block = None
                continue
            if pages[-1] and whole <= SLIDE_BODY_MM:  # it fits on a slide of its own: never split it
                pages.append([])
                used = 0.0
                continue
            fit = 0  # how many of its teams fit under its head here
            while fit < len(block.teams) and head_mm(block) + teams_mm(block.teams[:fit + 1]) <= room:
                fit += 1
            if fit == 0 and pages[-1]:
                pages.append([])
                used = 0.0
                continue
            fit = max(fit, 1)
            pages[-1].append(AnswerBlock(block.answer, block.count, block.followed, block.teams[:fit], block.continued))
            pages.append([])
            used = 0.0
            block = AnswerBlock(block.answer, block.count, block.followed, block.teams[fit:], True)
            if not block.teams:
                block = None
    pages = [p for p in pages if p] or [[]]
    # The room's best answer and how the event comes close the event's last slide (or have one of their own).
    close_mm = (sum(text_lines(b, SLIDE_TEXT_MM, EVENT_PT, True) for b in r.best.bullets) * line_mm(EVENT_PT) + 4
                if r.best else 0.0)  # one bullet a part, each on lines of its own
    if r.trigger:
        close_mm += (text_lines(slide_trigger(r), SLIDE_TEXT_MM, TEAMS_PT) + 2) * line_mm(TEAMS_PT)  # + margins
    if close_mm and used + close_mm > SLIDE_BODY_MM:
        pages.append([])
    return pages


def slide_trigger(r) -> str:
    """What an event slide says about how the event comes: its trigger and the turns its chance came up (the
    first of `why`; "" for a follow-up, whose teams the slide lists already)."""
    return " ".join(t for t in (r.trigger, *r.why[:1]) if t)


COSTLY_PT, COSTLY_TEAMS_MM = 22.0, SLIDE_TEXT_MM - 75  # the costly turns' table (templates/slides.html): its
# type and the width of its 'each team's loss' column (the turn's and the count's columns take the rest)


def costly_slide(costly) -> list[tuple[object, str]]:
    """The costly turns slide's rows: each turn with its teams' own losses, as many of them by name (up to
    three) as two lines of the cell hold ('Blue Herons 465, Dawdlers 16'; 'A 300 and 4 more teams, 16 to 90
    points each'): a room of 30 long names ran the slide past its page."""
    out = []
    for c in costly:
        for most in range(min(3, c.teams), 0, -1):
            text = c.each_words(most)
            if text_lines(text, COSTLY_TEAMS_MM, COSTLY_PT) <= 2:
                break
        out.append((c, text))
    return out


def answer_size(text: str) -> str:
    """The type size of an answer slide's text: '' (as the answer slides), 'small' or 'tiny', the largest that
    lets it fit (a note of two costly patterns runs to 600 characters)."""
    for name, pt in (("", 24.0), ("small", 20.0)):
        if text_lines(text, SLIDE_TEXT_MM, pt) * line_mm(pt, 1.3) <= SLIDE_BODY_MM:
            return name
    return "tiny"


def question_size(text: str) -> str:
    """The type size of a question slide: as large as lets the whole question fit ('big', 'mid' or 'small')."""
    for name, pt in (("big", 30.0), ("mid", 24.0)):
        if text_lines(text, SLIDE_TEXT_MM, pt, bold=True) * line_mm(pt, 1.3) <= SLIDE_BODY_MM:
            return name
    return "small"
