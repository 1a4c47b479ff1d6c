"""The renderables of a turn, each built from what `game.views` says that screen shows.

Functions of the views' data (and the console's width where the layout depends on it), so they print
nothing and keep no state: the game decides what to show when, these decide how it looks in a
terminal.
"""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..session import Session
from ..views import lines as screen_lines
from ..views import words
from ..views.briefing import Briefing
from ..views.cards import cards
from ..views.dashboard import crises, metric_rows, next_phase_hint
from ..views.help import Help
from ..views.phase import PhaseChange
from ..views.report import NOTHING, Report
from .text import ARROW, CATEGORY_STYLE, VERDICT_STYLE, Plain, escape


# --- before play -----------------------------------------------------------------------------------
def briefing_panel(b: Briefing) -> Panel:
    if b.continuing:
        return Panel(b.continuing, title=escape(b.title), border_style="blue")
    return Panel(escape(b.text), title=f"[bold]{escape(b.title)}[/bold]", border_style="blue", subtitle=b.facts)


def phase_panel(pc: PhaseChange) -> Panel:
    return Panel(f"{escape(pc.text)}\n\n{pc.lean} {pc.strength}",
                 title=f"[bold yellow]{escape(pc.heading)}", border_style="yellow")


# --- the turn's head, metrics and crises ---------------------------------------------------------------
def turn_head(s: Session) -> Text:
    head = Plain(f"Turn {s.turn + 1} of {s.scenario.turns}", style="bold")
    head.append(f" · {s.phase_spec.title}", style="yellow")
    upcoming = next_phase_hint(s)
    if upcoming:
        head.append(f" ({upcoming})", style="yellow")
    head.append(f" · {s.rules.action_points} AP")
    return head


def shown_metrics(s: Session) -> list[str]:
    """The metrics the player sees, then the skills the scenario tracks."""
    return s.visible_metrics() + [m for m in words.SKILLS if m in s.rules.index]


def metrics_table(s: Session) -> Table:
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    t.add_column("Metric")
    t.add_column("Value", justify="right")
    t.add_column("Change", justify="right")
    t.add_column("", min_width=20)
    for row in metric_rows(s, shown_metrics(s)):
        filled = int(round(20 * row.level))
        bar = "█" * filled + "·" * (20 - filled)
        change = Plain(f"{ARROW[row.direction]} {row.change_text}", style=VERDICT_STYLE[row.verdict]) \
            if row.change is not None else ""
        t.add_row(Plain(row.title), Plain(row.value_text), change, bar)
    return t


def metrics_strip(s: Session, width: int) -> Text:
    """The metrics in a few lines: 'Morale 61.0 ▲+1.0  ·  Efficiency 50.0  ·  ...', never broken
    inside one metric."""
    items = []
    for row in metric_rows(s, shown_metrics(s)):
        item = Plain(row.title, style="bold")
        item.append(f" {row.value_text}")
        if row.change is not None and row.verdict is not words.Verdict.SAME:
            item.append(f" {ARROW[row.direction]}{row.change_text}", style=VERDICT_STYLE[row.verdict])
        items.append(item)
    return joined_in_lines(items, width)


def joined_in_lines(items: list[Text], width: int, gap: str = "  ·  ") -> Text:
    """`items` side by side with `gap` between them, a new line where the next would pass `width`."""
    lines, line = [], Plain()
    for item in items:
        if line.cell_len and line.cell_len + len(gap) + item.cell_len > width:
            lines.append(line)
            line = Plain()
        if line.cell_len:
            line.append(gap, style="dim")
        line.append_text(item)
    lines.append(line)
    return Plain("\n").join(lines)


def crisis_lines(s: Session) -> list[Text]:
    return [Plain.assemble((screen_lines.crisis_active(c.title), "bold red"), f"  {c.per_turn}") for c in crises(s)]


# --- the actions ------------------------------------------------------------------------------------------
def actions_table(s: Session, width: int, compact: bool = False) -> Table:
    """The actions; `compact`: one line each, what does not fit cut with '…' (i N shows all of it)."""
    shown = cards(s, top=3)
    previews = s.difficulty != "expert"
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    if compact:  # fixed widths: rich would otherwise squeeze the narrow columns away first
        widths = {"#": len(str(len(shown))), "Action": min(24, max(len(c.title) for c in shown)),
                  "Kind": 4, "Cost": max(len(c.cost) for c in shown)}  # kind as its letter, L M D
        widths["rest"] = max(10, width - sum(widths.values()) - 2 * (len(widths) + 1))  # padding
        fit = {k: dict(width=w, no_wrap=True, overflow="ellipsis") for k, w in widths.items()}
    else:
        fit = {k: {} for k in ("#", "Action", "Kind", "Cost", "rest")}
    t.add_column("#", justify="right", **fit["#"])
    t.add_column("Action", **fit["Action"])
    t.add_column("Kind", **fit["Kind"])
    t.add_column("Cost", justify="right", **fit["Cost"])
    t.add_column(("Expected effect" if previews else "Notes") + (" (i N: more)" if compact else ""), **fit["rest"])
    for c in shown:
        kind = words.CATEGORY_LETTER[c.category] if compact else c.category
        if c.reason:
            t.add_row(*(Plain(x, style="dim") for x in (str(c.number), c.title, kind, c.cost, c.reason)))
        else:
            t.add_row(str(c.number), Plain(c.title), Plain(kind, style=CATEGORY_STYLE[c.category]),
                      Plain(c.cost), Plain(c.effects_text))
    return t


def card_panel(c) -> Panel:
    """One action described in full (`i N`)."""
    lines = [c.text] + [note[0].upper() + note[1:] + "." for note in c.notes]
    return Panel(escape("\n".join(lines)), title=escape(f"{c.title} ({c.category})"),
                 border_style=CATEGORY_STYLE[c.category])


# --- the event and help ------------------------------------------------------------------------------------
def event_block(ev) -> list:
    """The event's panel and its answers, as printed (and measured) before its question."""
    if ev is None:
        return []
    return [Panel(escape(ev.text), title=f"[bold]{escape(ev.heading)}[/bold]", border_style="red"),
            *(Plain.assemble("  ", (c.letter, "bold"), f") {c.label}") for c in ev.choices)]


def help_panel(h: Help) -> Panel:
    body = Plain()
    for paragraph in h.paragraphs:
        for span in paragraph:
            body.append(span.text, style=CATEGORY_STYLE.get(span.mark) or ("bold" if span.mark else None))
        body.append("\n")
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
    t.add_column("Metric")
    t.add_column("Change", justify="right")
    t.add_column("Because of")
    for line in r.lines + r.skills:
        t.add_row(Plain(line.title), Plain(words.signed(line.change) if line.verdict is words.Verdict.SAME
                                         else f"{line.change:+.1f}", style=VERDICT_STYLE[line.verdict]),
                  Plain("; ".join(c.text for c in line.causes) or NOTHING))
    out.append(t)
    if r.hidden_text:
        out.append(Plain(r.hidden_text, style="dim"))
    for c in r.crises_started:
        out.append(Panel(escape(c.text or c.title), title=f"[bold red]{escape(screen_lines.crisis_begins(c.title))}",
                         border_style="red"))
    for c in r.crises_ended:
        out.append(Plain(screen_lines.crisis_over(c.title), style="green"))
    return out
