"""The end of a game in the terminal: the debrief (ending, score, mix, hidden drivers, insights) and
the review (par, evaluation line, costliest turns), laid out from `views.debrief` and `views.review`.

What they say is the views' (the review's owners); how they sit in a terminal is here.
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..views import prompts as say
from ..views.debrief import Debrief
from .text import OUTCOME_STYLE, Plain, escape, plain


def debrief_renderables(d: Debrief) -> list:
    colour = OUTCOME_STYLE.get(d.outcome, "yellow")
    out: list = [Panel(escape(d.ending_text), title=f"[bold {colour}]{escape(d.ending_title)}[/bold {colour}]",
                       border_style=colour, subtitle=d.after)]
    t = Table(title=d.score_heading, box=None, padding=(0, 2), show_header=True, header_style="bold")
    part_column, points_column = say.SCORE_COLUMNS
    t.add_column(part_column)
    t.add_column(points_column, justify="right")
    for part in d.score_parts:
        t.add_row(Plain(part.title), f"{part.points:+.1f}")
    out += [t, Plain(d.score_scale, style="dim")]
    m = Table(title=say.MIX_HEADING, box=None, padding=(0, 2), header_style="bold")
    for col in say.MIX_COLUMNS:
        m.add_column(col)
    for pm in d.mix:
        m.add_row(Plain(pm.title), *pm.cells, pm.short)  # counts labelled, with their shares (views.debrief)
    out.append(m)
    h = Table(title=say.HIDDEN_HEADING, box=None, padding=(0, 2), header_style="bold")
    driver_column, start_column, end_column = say.HIDDEN_COLUMNS
    h.add_column(driver_column)
    h.add_column(start_column, justify="right")
    h.add_column(end_column, justify="right")
    for row in d.hidden:
        h.add_row(Plain(row.title), f"{row.start:.0f}", f"{row.end:.0f}")
    out.append(h)
    out.append(Panel(Group(*(hanging(Plain(f"• {n}")) for n in d.insights)),
                     title=Plain(say.INSIGHTS_HEADING, style="bold"), border_style="blue"))
    return out


def hanging(line: Text):
    """A line whose wrapped part lines up under its own text, not at the left edge.

    A long insight or "it would have changed: ..." line wraps at 80 columns; starting its second line at
    column 1 hid the bullet and indent structure that tells one costly moment from the next.
    """
    text = line.plain
    body = text.lstrip(" ")
    width = len(text) - len(body)
    if body.startswith("• "):
        width, body = width + 2, body[2:]
    if width == 0:
        return line
    grid = Table.grid()
    grid.add_column(width=width, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Plain(text[:width], style=line.style), Plain(body, style=line.style))
    return grid


LINE_STYLE = {"head": "bold", "heading": "bold", "text": "", "note": "dim"}


def review_panel(v, where) -> Panel:
    """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it;
    `where` is the finished game's own file (the player needs its name to review it again). The lines
    are the views' (views.review.text_lines, as `leadsim review` prints them)."""
    from ..views.review import text_lines

    lines = [Plain(line.text, style=LINE_STYLE[line.kind]) for line in text_lines(v)]
    lines[-1].append(" " + say.review_again(where))
    lines = [Plain(plain(line.plain, markup=False), style=line.style) for line in lines]  # scenario titles inside
    return Panel(Group(*map(hanging, lines)), title=Plain(say.REVIEW_HEADING, style="bold"), border_style="magenta")
