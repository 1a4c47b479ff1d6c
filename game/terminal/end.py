"""The end of a game in the terminal: the debrief (ending, score, mix, hidden drivers, insights) and
the review (par, evaluation line, costliest turns), laid out from `views.debrief` and `views.review`.

What they say is the views' (the review's owners); how they sit in a terminal is here.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.measure import Measurement
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
    out.append(MixTable(d.mix))
    h = Table(title=say.HIDDEN_HEADING, box=None, padding=(0, 2), header_style="bold")
    driver_column, start_column, end_column = say.HIDDEN_COLUMNS
    h.add_column(driver_column)
    h.add_column(start_column, justify="right")
    h.add_column(end_column, justify="right")
    for row in d.hidden:
        h.add_row(Plain(row.title), row.start_text, row.end_text)
    out.append(h)
    out.append(Panel(Group(*(hanging(Plain(f"• {n}")) for n in d.insights)),
                     title=Plain(say.INSIGHTS_HEADING, style="bold"), border_style="blue"))
    return out


VERDICT_MIN = 50  # the narrowest the 'Against strong play' column may be beside the counts (else: under them)


class MixTable:
    """The mix per phase: each kind's count and share, and the verdict against strong play, laid out for
    the terminal's width when it is printed.

    Beside the counts the verdict (some 190 characters) wrapped into 10 to 12 lines of 26 at 80 to 100
    columns, a tall ribbon no one read. So when its column would be narrower than VERDICT_MIN, the verdict
    goes on lines of its own under its phase's counts, over the table's whole width (its first words name
    strong play, so the column's heading is not said before it: it read 'Against strong play: Strong
    play's: ...'); from about 130 columns it stays a column.
    """

    def __init__(self, mix):
        self.mix = tuple(mix)

    def _counts_width(self, padding: int) -> int:
        """The width of the phase and count columns side by side (rich's padding on both sides of each)."""
        columns = list(zip(*([say.MIX_COLUMNS[:4]] + [(pm.title, *pm.cells) for pm in self.mix])))
        return sum(max(cell_len(c) for c in col) + 2 * padding for col in columns)

    def __rich_console__(self, console, options):
        width = options.max_width
        if width - self._counts_width(2) - 4 >= VERDICT_MIN:
            yield self._beside()
        else:
            yield from self._under(width)

    def __rich_measure__(self, console, options):
        return Measurement(min(options.max_width, self._counts_width(1)), options.max_width)

    def _beside(self) -> Table:
        m = Table(title=say.MIX_HEADING, box=None, padding=(0, 2), header_style="bold")
        for col in say.MIX_COLUMNS:
            m.add_column(col)
        for pm in self.mix:
            m.add_row(Plain(pm.title), *pm.cells, pm.short)  # counts labelled, with their shares (views.debrief)
        return m

    def _under(self, width: int):
        """The counts as a table of their own, each phase's verdict on the lines under its row."""
        pad = 2 if self._counts_width(2) <= width else 1
        columns = list(zip(*([say.MIX_COLUMNS[:4]] + [(pm.title, *pm.cells) for pm in self.mix])))
        widths = [max(cell_len(c) for c in col) for col in columns]
        for k, pm in enumerate(self.mix):
            row = Table(title=say.MIX_HEADING if k == 0 else None, box=None, padding=(0, pad),
                        header_style="bold", show_header=k == 0)
            for col, w in zip(say.MIX_COLUMNS[:4], widths):
                row.add_column(col, width=w)
            row.add_row(Plain(pm.title, style="bold"), *pm.cells)
            yield row
            verdict = Plain(pm.short)  # it names strong play itself ('Strong play's: ...'): no column heading
            grid = Table.grid()
            grid.add_column(width=2 * pad + 2, no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row("", verdict)
            yield grid


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
