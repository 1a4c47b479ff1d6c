"""The end of a game in the terminal: the debrief (ending, score, mix, hidden drivers, insights) and
the review (par, evaluation line, costliest turns), laid out from `views.debrief` and `views.review`.

What they say is the views' (the review's owners); how they sit in a terminal is here.
"""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..views.debrief import Debrief
from .text import OUTCOME_STYLE, Plain, escape, plain


def debrief_renderables(d: Debrief) -> list:
    colour = OUTCOME_STYLE.get(d.outcome, "yellow")
    out: list = [Panel(escape(d.ending_text), title=f"[bold {colour}]{escape(d.ending_title)}[/bold {colour}]",
                       border_style=colour, subtitle=d.after)]
    t = Table(title=d.score_heading, box=None, padding=(0, 2), show_header=True, header_style="bold")
    t.add_column("Part")
    t.add_column("Points", justify="right")
    for part in d.score_parts:
        t.add_row(Plain(part.title), f"{part.points:+.1f}")
    out += [t, Plain(d.score_scale, style="dim")]
    m = Table(title="Your leadership / management mix per phase", box=None, padding=(0, 2), header_style="bold")
    for col in ("Phase", "Leadership", "Management", "Development", "Phase rewarded"):
        m.add_column(col)
    for pm in d.mix:
        m.add_row(Plain(pm.title), str(pm.leadership), str(pm.management), str(pm.development),
                  f"{pm.rewarded} ({pm.weights_text})")
    out.append(m)
    h = Table(title="What was going on underneath", box=None, padding=(0, 2), header_style="bold")
    h.add_column("Hidden driver")
    h.add_column("Start", justify="right")
    h.add_column("End", justify="right")
    for row in d.hidden:
        h.add_row(Plain(row.title), f"{row.start:.0f}", f"{row.end:.0f}")
    out.append(h)
    out.append(Panel(escape("\n".join(f"• {n}" for n in d.insights)), title="[bold]Insights", border_style="blue"))
    return out


REVIEWING = "Reviewing your game: every decision against the best one found, on the same luck..."


def review_panel(v, where) -> Panel:
    """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it;
    `where` is the finished game's own file (the player needs its name to review it again)."""
    from ..views.review import spark

    lines: list[Text] = [Plain(v.headline, style="bold")]
    ev = v.evaluation
    lines.append(Plain(f"Evaluation line (expected final score after each turn): {ev[0]:.0f} {spark(ev)} {ev[-1]:.0f}"))
    lines.append(Plain("Your decisions: " + ", ".join(f"{n} {label}" for label, n in v.counts)))
    if v.costliest:
        lines.append(Plain(f"{v.costliest_title}:", style="bold"))
        for c in v.costliest:
            lines += [Plain(f"• {c.title}"), Plain(f"    better: {c.better}"), Plain(f"    you chose: {c.chosen}"),
                      Plain(f"    it would have changed: {c.changes}")]
    if v.drivers:
        lines.append(Plain("Hidden drivers over the game (yours, then the strong bot's on the same seed):",
                           style="bold"))
        width = max(len(d.title) for d in v.drivers)
        for d in v.drivers:
            lo, hi = min(d.values + d.par) - 1, max(d.values + d.par) + 1
            for who, series, name in (("you", d.values, d.title), ("bot", d.par, "")):
                lines.append(Plain(f"  {name:<{width}}  {who} {spark(series, lo, hi)} "
                                   f"{series[0]:.0f} to {series[-1]:.0f}"))
    lines.append(Plain("What this game shows:", style="bold"))
    lines += [Plain(f"• {n}") for n in v.insights]
    lines.append(Plain(v.label_help[0].upper() + v.label_help[1:] + ". The whole review turn by turn: "
                       f"leadsim review {where if where else 'SAVE'}", style="dim"))
    lines = [Plain(plain(line.plain, markup=False), style=line.style) for line in lines]  # scenario titles inside
    return Panel(Plain("\n").join(lines), title="[bold]Review", border_style="magenta")
