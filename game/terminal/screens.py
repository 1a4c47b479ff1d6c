"""The renderables of a turn, each built from what `game.views` says that screen shows.

Functions of the views' data (and the console's width where the layout depends on it), so they print
nothing and keep no state: the game decides what to show when, these decide how it looks in a
terminal.
"""

from __future__ import annotations

from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..session import Session
from ..views import lines as screen_lines
from ..views import words
from ..views.briefing import Briefing
from ..views import prompts as say
from ..views.cards import key_label, keyed_cards
from ..views.dashboard import crises, drivers, metric_rows, next_phase_hint
from ..views.help import Help
from ..views.phase import PhaseChange
from ..views.report import NOTHING, Report
from ..views.targets import COARSE_NOTE, crisis_warnings, gauge_targets, hidden_goals, win_notes
from .text import ARROW, CATEGORY_STYLE, STANDING_STYLE, VERDICT_STYLE, Plain, escape


# --- before play -----------------------------------------------------------------------------------
def briefing_panel(b: Briefing) -> Panel:
    if b.continuing:
        return Panel(b.continuing, title=escape(b.title), border_style="blue")
    return Panel(escape(b.text), title=f"[bold]{escape(b.title)}[/bold]", border_style="blue", subtitle=b.facts)


def phase_panel(pc: PhaseChange) -> Panel:
    # the weights on the next line, not after a blank one: at 80x24 the panel then fits above turn 1
    return Panel(f"{escape(pc.text)}\n{pc.lean} {pc.strength}",
                 title=f"[bold yellow]{escape(pc.heading)}", border_style="yellow")


# --- the turn's head, metrics and crises ---------------------------------------------------------------
def turn_head(s: Session) -> Text:
    turn, phase, ap = say.turn_head(s.turn + 1, s.scenario.turns, s.phase_spec.title, next_phase_hint(s),
                                    s.rules.action_points)
    head = Plain(turn, style="bold")
    head.append(phase, style="yellow")
    head.append(ap)
    return head


def shown_metrics(s: Session) -> list[str]:
    """The metrics the player sees, then the skills the scenario tracks."""
    return s.visible_metrics() + [m for m in words.SKILLS if m in s.rules.index]


def metrics_table(s: Session) -> Table:
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    metric, value, change = say.METRIC_COLUMNS
    t.add_column(metric)
    t.add_column(value, justify="right")
    t.add_column(change, justify="right")
    t.add_column("", min_width=20)
    for row in metric_rows(s, shown_metrics(s)):
        filled = int(round(20 * row.level))
        bar = "█" * filled + "·" * (20 - filled)
        change = Plain(f"{ARROW[row.direction]} {row.change_text}", style=VERDICT_STYLE[row.verdict]) \
            if row.change is not None else ""
        t.add_row(Plain(row.title), Plain(row.value_text), change, bar, Plain(win_marks(s, row.id), style="dim"))
    return t


def win_marks(s: Session, metric: str, short: bool = False) -> str:
    """The win lines the window's gauge marks for this metric, in its words ('win ≥ 65'; `short`:
    'win≥65'; '' for none): the terminal's player had to remember them from the briefing (s7 player 4,
    finding 6)."""
    return ", ".join(t.short_label if short else t.label for t in gauge_targets(s.scenario, metric) if t.kind == "win")


def metrics_strip(s: Session, width: int) -> Text:
    """The metrics in a few lines: 'Morale 61.0 ▲+1.0  ·  Efficiency 50.0  ·  ...', never broken
    inside one metric; then the hidden drivers: on Guided all of them with their values, on the other
    difficulties the ones at stake, in words."""
    strip = joined_in_lines([metric_item(row, marks=win_marks(s, row.id, short=True))
                             for row in metric_rows(s, shown_metrics(s))], width)
    under = hidden_strip(s, width)
    return Plain("\n").join([strip, under]) if under else strip


def hidden_strip(s: Session, width: int) -> Text | None:
    """What the turn says of the hidden drivers under the metrics: on Guided every driver with its value
    and change, those the win or a loss needs with where they stand ('Process maturity 40.0 (safe)');
    on Standard and Expert only those, in words ('Hidden drivers at stake: Process maturity: at risk
    ·  Ownership: safe'); None when there is nothing to say. The standings are views.targets', the
    window's and the web page's too."""
    rows, goals = drivers(s), {g.metric: g for g in hidden_goals(s)}
    if rows:
        items = []
        for row in rows:
            item = metric_item(row, "dim")
            if row.id in goals:
                g = goals[row.id]
                item.append(f" ({g.word})", style=STANDING_STYLE[g.standing])
            items.append(item)
        return joined_in_lines([Plain(f"{say.DRIVERS_HEADING}:", style="dim bold"), *items], width, first_gap=" ")
    if not goals:
        return None
    head = Plain(f"{screen_lines.AT_STAKE}:", style="bold")
    items = [Plain(g.text, style=STANDING_STYLE[g.standing]) for g in goals.values()]
    return joined_in_lines([head, *items], width, first_gap=" ")


def metric_item(row, style: str | None = None, marks: str = "") -> Text:
    """'Morale 61.0 ▲+1.0': a metric's title, value and its change when there is one; `marks`, its
    win line ('Morale 61.0 ▲+1.0 (win≥65)')."""
    item = Plain(row.title, style="bold" if style is None else f"{style} bold")
    item.append(f" {row.value_text}", style=style)
    if row.change is not None and row.verdict is not words.Verdict.SAME:
        item.append(f" {ARROW[row.direction]}{row.change_text}", style=VERDICT_STYLE[row.verdict])
    if marks:
        item.append(f" ({marks})", style="dim")
    return item


def joined_in_lines(items: list[Text], width: int, gap: str = "  ·  ", first_gap: str | None = None) -> Text:
    """`items` side by side with `gap` between them (`first_gap` after the first, a heading), a new
    line where the next would pass `width`."""
    lines, line = [], Plain()
    for n, item in enumerate(items):
        sep = first_gap if n == 1 and first_gap is not None else gap
        if line.cell_len and line.cell_len + len(sep) + item.cell_len > width:
            lines.append(line)
            line = Plain()
        if line.cell_len:
            line.append(sep, style="dim")
        line.append_text(item)
    lines.append(line)
    return Plain("\n").join(lines)


def crisis_lines(s: Session) -> list[Text]:
    """The crises that are on, then those a visible metric is close to (views.targets.crisis_warnings:
    'Budget 26.3k: the crisis 'Cash squeeze' begins below 25k'), said before they bite; then a win line
    short of that counts only at the end (views.targets.win_notes), so it is not taken as lost."""
    on = [Plain.assemble((screen_lines.crisis_active(c.title), "bold red"), f"  {c.per_turn}") for c in crises(s)]
    return on + [Plain(w.text, style="yellow") for w in crisis_warnings(s)] + \
        [Plain(t, style="yellow") for t in win_notes(s)]


# --- the actions ------------------------------------------------------------------------------------------
def actions_table(s: Session, width: int, compact: bool = False, wrap: bool = False) -> Table:
    """The actions in card order, each under the key the window prints on its card; `compact`: fixed
    narrow columns for a short screen, the kind as its letter and a resting card's short reason;
    what does not fit is cut with '…' (i KEY shows it all), or with `wrap` goes on the card's next
    line (two at most, then '…'). The row lists the effects `i KEY` lists: an effect it left out without
    a '…' read as one the card does not have (a new player's s5 finding 4)."""
    shown = keyed_cards(s)
    labels = [key_label(c, n) for n, c in enumerate(shown, 1)]
    wrap = wrap and compact
    # no padding at the table's edges: the key column ('Key', wider than the old '#') costs no room
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
    key, action, kind, cost = say.ACTION_COLUMNS
    if compact:  # fixed widths: rich would otherwise squeeze the narrow columns away first
        widths = {"#": max(len(key), *map(len, labels)), "Action": min(24, max(len(c.title) for c in shown)),
                  "Kind": 4, "Cost": max(len(c.cost) for c in shown)}  # kind as its letter, L M D
        widths["rest"] = max(10, width - sum(widths.values()) - 2 * len(widths))  # padding, and a spare 2
        fit = {k: dict(width=w, no_wrap=True, overflow="ellipsis") for k, w in widths.items()}
        if wrap:
            fit["rest"] = dict(width=widths["rest"], overflow="fold")
    else:
        fit = {k: {} for k in ("#", "Action", "Kind", "Cost", "rest")}
    t.add_column(key, justify="center", **fit["#"])
    t.add_column(action, **fit["Action"])
    t.add_column(kind, **fit["Kind"])
    t.add_column(cost, justify="right", **fit["Cost"])
    t.add_column(say.effect_column(s.difficulty, compact) + (say.MORE_COLUMN if compact else ""), **fit["rest"])
    for c, label in zip(shown, labels):
        kind = words.CATEGORY_LETTER[c.category] if compact else c.category
        if c.reason:
            reason = (c.reason_short or c.reason) if compact else c.reason
            t.add_row(*(Plain(x, style="dim") for x in (label, c.title, kind, c.cost, reason)))
        else:
            effects = packed([e.words for e in c.effects], widths["rest"]) if wrap else c.effects_text
            t.add_row(Plain(label, style="bold"), Plain(c.title), Plain(kind, style=CATEGORY_STYLE[c.category]),
                      Plain(c.cost), Plain(effects))  # wrapped between effects, never inside one
    return t


def packed(items: list[str], width: int, most: int = 2) -> str:
    """`items` joined by ', ', a new line before an item that would pass `width` (a long one is
    still cut by its column): an effect list that wraps between effects, never inside one; at most
    `most` lines, and where items are left out the last line ends with '…' (never a silent cut)."""
    lines = [""]
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if lines[-1] and len(lines[-1]) + 1 + len(piece) > width:
            if len(lines) == most:
                return "\n".join(_ellipsis_line(lines, width))
            lines.append("")
        lines[-1] += (" " if lines[-1] else "") + piece
    return "\n".join(lines)


def _ellipsis_line(lines: list[str], width: int) -> list[str]:
    """`lines` with ' …' after the last one's comma, dropping its last items until that fits `width`."""
    last = lines[-1]
    while len(last) + 2 > width and ", " in last:
        last = last.rsplit(", ", 1)[0] + ","
    return [*lines[:-1], f"{last} …"]


def card_panel(c) -> Panel:
    """One action described in full (`i N`): what it does, all its expected effects (the table cuts
    them at 80 columns), how the leader's skill scales it now, its costs and rests, and why it is not
    available when it is not."""
    body = Plain(c.text)
    if c.effects:
        body.append(f"\n{c.expected_label}: ", style="bold")
        body.append(c.effects_text)
    if c.skill_scale is not None:
        body.append(f"\n{c.skill_scale.text_in('terminal')}")
    body.append("\n" + "\n".join(note[0].upper() + note[1:] + "." for note in c.notes), style="italic")
    if c.reason:
        body.append(f"\n{screen_lines.NOT_AVAILABLE}: ", style="bold red")
        body.append(c.reason)
    return Panel(body, title=Plain(c.heading), border_style=CATEGORY_STYLE[c.category])


# --- the event and help ------------------------------------------------------------------------------------
def event_block(ev) -> list:
    """The event's panel and its answers, as printed (and measured) before its question."""
    if ev is None:
        return []
    out = [Panel(escape(ev.text), title=f"[bold]{escape(ev.heading)}[/bold]", border_style="red")]
    for c in ev.choices:  # with the answer's expected effects below it where the difficulty shows them
        out.append(Plain.assemble("  ", (c.letter, "bold"), f") {c.label}"))
        if c.effects:
            more = f" {c.more_text}" if c.more_effects else ""  # every change: a terminal has no tooltip
            # indented as a block, so a line that wraps at 80 columns stays under its answer
            out.append(Padding(Plain(f"{ev.expected_label}: {c.effects_text}{more}", style="dim"), (0, 0, 0, 5)))
    return out


def help_panel(h: Help, at_stake: tuple = (), numbers_shown: bool = False) -> Panel:
    """The help; `at_stake` (views.targets.hidden_goals): what the 'Hidden drivers at stake' line says of
    each driver in full (its lines and where it stands against each) and, unless `numbers_shown` (Guided
    shows the drivers' values), why only in words."""
    body = Plain()
    for paragraph in h.paragraphs:
        for span in paragraph:
            body.append(span.text, style=CATEGORY_STYLE.get(span.mark) or ("bold" if span.mark else None))
        body.append("\n")
    if at_stake:
        body.append(f"{screen_lines.AT_STAKE}. ", style="bold")
        body.append(" ".join(f"{g.title}: {'. '.join(g.parts)}." for g in at_stake))
        body.append(("" if numbers_shown else f" {COARSE_NOTE}") + "\n")
    for keys in h.keys:
        body.append(f"{keys.heading}: ")
        for n, (key, what) in enumerate(keys.rows):
            body.append(key, style="bold")
            body.append(f" {what}" + (", " if n < len(keys.rows) - 1 else "."))
    if h.clock:
        body.append(f"\n{h.clock}")
    return Panel(body, title=h.title, border_style="green")


# --- after a turn --------------------------------------------------------------------------------------------
def report_renderables(r: Report) -> list:
    """The turn report: the event's answer, a table of what changed and why, hidden drivers, crises."""
    out = []
    if r.answer is not None:
        out.append(Plain(f"{r.answer.event}: {r.answer.choice}. {r.answer.result}".rstrip(), style="italic"))
    if r.timed_out:  # otherwise the player's own typing above says what was chosen
        out.append(Plain(r.chose, style="bold red"))
    t = Table(title=r.heading, show_header=True, header_style="bold", box=None, padding=(0, 2))
    metric, change, because = say.REPORT_COLUMNS
    t.add_column(metric)
    t.add_column(change, justify="right")
    t.add_column(because)
    for line in r.lines + r.skills:
        t.add_row(Plain(line.title), Plain(words.signed(line.change, line.unit), style=VERDICT_STYLE[line.verdict]),
                  Plain("; ".join(c.text for c in line.causes) or NOTHING))
    out.append(t)
    if r.hidden_text:
        out.append(Plain(r.hidden_text, style="dim"))
    if r.later_text:
        out.append(Plain(r.later_text, style="dim"))
    for c in r.crises_started:
        out.append(Panel(escape(c.text or c.title), title=f"[bold red]{escape(r.crisis_heading(c))}",
                         border_style="red"))
    for c in r.crises_ended:
        out.append(Plain(screen_lines.crisis_over(c.title), style="green"))
    return out
