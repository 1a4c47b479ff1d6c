"""The room's debrief as HTML: sections for the A4 report and a 16:9 slide deck, from a discussion.Room.

The sections follow a 45-minute discussion (times are a suggestion the
facilitator guide explains): the room at a glance, the events side by side,
what was going on underneath, the costly turns, and prompts chosen from this
room. Charts stay readable with 30 teams: small multiples (one panel per team
or per driver, the room's other games in grey behind), never 30 coloured lines
in one plot. Every text from a file (team names, scenario titles) is escaped.
"""

from __future__ import annotations

import base64
import html
import io
from contextlib import contextmanager

import numpy as np

from ..scenario.defaults import SKILL_METRICS
from .discussion import COSTLY, FOLLOW_TURNS, Room

AGENDA = [  # (minutes, section id, title)
    (5, "glance", "The room at a glance"),
    (12, "events", "The events, side by side"),
    (8, "underneath", "What was going on underneath"),
    (10, "costly", "The costly turns"),
    (10, "prompts", "Questions from this room"),
]
BLUE, GREY, ORANGE = "#0072B2", "#B8BEC8", "#D55E00"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


@contextmanager
def _plain_charts():
    """Team names and titles are drawn as written: no mathtext ('$') or TeX."""
    import matplotlib

    matplotlib.use("Agg")
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        yield


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def img(png: bytes, alt: str) -> str:
    return f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{esc(alt)}">'


# --- charts ---------------------------------------------------------------------------------

def team_multiples(room: Room) -> bytes:
    """One small panel per team: its visible metrics (colours), the room's other games in grey behind."""
    import matplotlib.pyplot as plt

    with _plain_charts():
        first = room.teams[0].session
        metrics = first.visible_metrics()
        colours = ["#E69F00", BLUE, "#009E73", "#CC79A7", "#56B4E9"]
        n = len(room.teams)
        cols = min(6, n)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(2.3 * cols, 1.8 * rows + 0.6), sharex=True, sharey=True,
                                 squeeze=False)
        lo = min(first.scenario.metrics[m].min for m in metrics)
        hi = max(first.scenario.metrics[m].max for m in metrics)
        histories = [np.array(t.session.history) for t in room.teams]
        for k, t in enumerate(room.teams):
            ax = axes[k // cols][k % cols]
            for h in histories:
                for m in metrics:
                    ax.plot(h[:, first.rules.index[m]], color=GREY, lw=0.5, alpha=0.35)
            h = histories[k]
            for j, m in enumerate(metrics):
                ax.plot(h[:, first.rules.index[m]], color=colours[j % len(colours)], lw=1.8,
                        label=first.scenario.metrics[m].title or m)
            ax.set_title(f"{t.team}: {t.session.score():.0f}", fontsize=9)
            ax.set_ylim(lo, hi)
            ax.tick_params(labelsize=7)
        for k in range(n, rows * cols):
            axes[k // cols][k % cols].axis("off")
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=len(labels), frameon=False, fontsize=9,
                   bbox_to_anchor=(0.5, 1.0))
        fig.tight_layout(rect=(0, 0, 1, 0.96 if rows > 1 else 0.9))
        return _png(fig)


def driver_multiples(room: Room) -> bytes:
    """One panel per hidden driver: every team in grey, the room's mean in blue, strong play dashed."""
    import matplotlib.pyplot as plt

    with _plain_charts():
        first = room.teams[0].session
        specs = first.scenario.metrics
        hidden = [m for m, s in specs.items() if not s.visible and m not in SKILL_METRICS]
        cols = min(3, len(hidden))
        rows = (len(hidden) + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.6 * rows), squeeze=False)
        par_path = room.teams[0].review.par_path
        for k, m in enumerate(hidden):
            ax = axes[k // cols][k % cols]
            i = first.rules.index[m]
            paths = [np.array(t.session.history)[:, i] for t in room.teams]
            for p in paths:
                ax.plot(p, color=GREY, lw=0.8)
            longest = max(len(p) for p in paths)
            padded = np.array([np.pad(p, (0, longest - len(p)), mode="edge") for p in paths])
            ax.plot(padded.mean(axis=0), color=BLUE, lw=2.2, label="room mean")
            ax.plot(par_path[:, i], color=ORANGE, lw=1.6, ls="--", label="strong play")
            ax.set_title(specs[m].title or m, fontsize=10)
            ax.set_ylim(specs[m].min, specs[m].max)
            ax.tick_params(labelsize=8)
        for k in range(len(hidden), rows * cols):
            axes[k // cols][k % cols].axis("off")
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles + [plt.Line2D([], [], color=GREY, lw=0.8)], labels + ["each team"],
                   loc="upper center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 1.02))
        fig.tight_layout(rect=(0, 0, 1, 0.94))
        return _png(fig)


# --- sections ---------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{x:.0%}"


def glance_html(room: Room) -> str:
    parts = [f"<p>Par (strong play on the same seed): <b>{room.par:.0f}</b>. Scores in the room: "
             f"{min(t.session.score() for t in room.teams):.0f} to {max(t.session.score() for t in room.teams):.0f} "
             f"(median {np.median([t.session.score() for t in room.teams]):.0f}).</p>"]
    rows = room.mix_rows()
    if rows:
        parts.append("<table><tr><th>Phase</th><th>Rewarded</th><th>The room's leadership share</th>"
                     "<th>Strong play's</th></tr>")
        parts += [f"<tr><td>{esc(t)}</td><td>{esc(r)}</td><td class='num'>{_pct(s)}</td>"
                  f"<td class='num'>{_pct(b)}</td></tr>" for t, s, b, r in rows]
        parts.append("</table>")
    endings = room.ending_counts()
    parts.append("<p><b>Endings:</b> " + "; ".join(f"{esc(t)} ({esc(k)}): {n}" for t, k, n in endings) + "</p>")
    crises = room.crisis_counts()
    if crises:
        parts.append("<p><b>Crises (teams that fell into each):</b> "
                     + "; ".join(f"{esc(c)}: {n}" for c, n in crises) + "</p>")
    clock = room.clock()
    if clock:
        parts.append("<p class='clock'><b>Turns lost to the clock</b> (no actions, the first answer): "
                     + "; ".join(f"{esc(team)}: turn{'s' if len(t) > 1 else ''} {', '.join(map(str, t))}"
                                 for team, t in clock) + "</p>")
    else:
        parts.append("<p>No team let the clock run out.</p>")
    return "".join(parts)


def events_html(room: Room) -> str:
    if not room.events:
        return "<p>No event came up in this room's games.</p>"
    metrics = list(room.events[0].answers[0].followed)
    parts = []
    for r in room.events:
        counts = ", ".join(f"{n} × '{esc(a)}'" for a, n in r.counts())
        parts.append(f"<h3>{esc(r.title)}</h3><p>Answers: {counts}.")
        for answer, _ in r.counts():
            mean = r.mean_followed(answer)
            parts.append(f" After '{esc(answer)}', on average over the next {FOLLOW_TURNS} turns: "
                         + ", ".join(f"{esc(k)} {v:+.1f}" for k, v in mean.items()) + ".")
        parts.append("</p><table><tr><th>Team</th><th>Turn</th><th>Answer</th>"
                     + "".join(f"<th>{esc(m)} next {FOLLOW_TURNS}</th>" for m in metrics)
                     + "<th>Hidden driver that moved most</th><th>Best answer found?</th></tr>")
        for a in sorted(r.answers, key=lambda a: (a.answer, a.team.casefold(), a.turn)):
            clock = " <span class='clock'>(clock ran out)</span>" if a.timed_out else ""
            driver = f"{esc(a.driver[0])} {a.driver[1]:+.0f}" if a.driver else "-"
            best = "-" if a.best is None else ("yes" if a.best else "no")
            parts.append(f"<tr><td>{esc(a.team)}</td><td class='num'>{a.turn}</td><td>{esc(a.answer)}{clock}</td>"
                         + "".join(f"<td class='num'>{a.followed[m]:+.1f}</td>" for m in metrics)
                         + f"<td>{driver}</td><td>{best}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def underneath_html(room: Room, drivers_png: bytes) -> str:
    first = room.teams[0].session
    specs = first.scenario.metrics
    hidden = [m for m, s in specs.items() if not s.visible and m not in SKILL_METRICS]
    parts = [img(drivers_png, "hidden drivers per team, the room's mean and strong play"),
             "<table><tr><th>Team</th>" + "".join(f"<th>{esc(specs[m].title or m)} (end)</th>" for m in hidden)
             + "</tr>"]
    par_end = room.teams[0].review.par_path[-1]
    for t in sorted(room.teams, key=lambda t: t.team.casefold()):
        end = t.session.history[-1]
        parts.append(f"<tr><td>{esc(t.team)}</td>"
                     + "".join(f"<td class='num'>{end[first.rules.index[m]]:.0f}</td>" for m in hidden) + "</tr>")
    parts.append("<tr class='par'><td>strong play</td>"
                 + "".join(f"<td class='num'>{par_end[first.rules.index[m]]:.0f}</td>" for m in hidden)
                 + "</tr></table>")
    return "".join(parts)


def costly_html(room: Room) -> str:
    parts = []
    costly = room.costly_turns()[:5]
    if costly:
        parts.append(f"<p>Turns where teams lost {COSTLY:g} points or more against the best decision found "
                     "(same luck, strong play after it):</p><ul>")
        parts += [f"<li>Turn {turn}: {n} team{'s' if n > 1 else ''}, on average {mean:.0f} points</li>"
                  for turn, n, mean in costly]
        parts.append("</ul>")
    else:
        parts.append(f"<p>No team lost {COSTLY:g} points or more at any turn.</p>")
    if room.mistakes:
        parts.append("<p><b>The most common costly patterns</b> (actions that made the difference on those "
                     "turns):</p><ul>" + "".join(f"<li>{esc(m.words)}</li>" for m in room.mistakes) + "</ul>")
    parts.append("<table><tr><th>Team</th><th>Score</th><th>Costly turns</th><th>Points lost there</th>"
                 "<th>Worst turn: better decision</th></tr>")
    from ..views.review import decision_words

    for t in sorted(room.teams, key=lambda t: -t.session.score()):
        bad = [tr for tr in t.review.turns if tr.loss >= COSTLY]
        worst = max(t.review.turns, key=lambda tr: tr.loss, default=None)
        best = (f"turn {worst.turn}: {esc(decision_words(t.session, worst.best))}"
                if worst is not None and worst.loss >= COSTLY else "-")
        parts.append(f"<tr><td>{esc(t.team)}</td><td class='num'>{t.session.score():.0f}</td>"
                     f"<td class='num'>{len(bad)}</td><td class='num'>{sum(tr.loss for tr in bad):.0f}</td>"
                     f"<td>{best}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


PROMPT_KIND = {"went well": "What went well", "to change": "What to change", "turn now": "What would you do now"}


def prompts_html(room: Room) -> str:
    return "<ol>" + "".join(f"<li><b>{esc(PROMPT_KIND[k])}:</b> {esc(q)}</li>" for k, q in room.prompts()) + "</ol>"


def report_sections(room: Room) -> str:
    """The discussion part of the A4 report: an agenda, then one section per agenda item."""
    drivers = driver_multiples(room)
    body = {"glance": glance_html(room), "events": events_html(room),
            "underneath": underneath_html(room, drivers), "costly": costly_html(room),
            "prompts": prompts_html(room)}
    agenda = "".join(f"<li><a href='#{sid}'>{esc(title)}</a> ({minutes} min)</li>" for minutes, sid, title in AGENDA)
    parts = [f"<h2>A 45-minute debrief</h2><ol class='agenda'>{agenda}</ol>"
             "<p class='meta'>Every figure below comes from replaying the teams' decisions; strong play is the "
             "review's bot on the same seed, so it faced exactly the same luck as every team.</p>"]
    for minutes, sid, title in AGENDA:
        parts.append(f"<section id='{sid}'><h2>{esc(title)} <span class='meta'>({minutes} min)</span></h2>"
                     f"{body[sid]}</section>")
    return "".join(parts)


# --- the slide deck --------------------------------------------------------------------------

SLIDE_CSS = """
@page{size:320mm 180mm;margin:0}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a;background:#eee}
.slide{width:320mm;height:180mm;padding:12mm 16mm;background:#fff;margin:0 auto 8mm;overflow:hidden;
page-break-after:always;break-after:page;display:flex;flex-direction:column}
.slide h1{font-size:30pt;margin:0 0 6mm;color:#0072B2}.slide p,.slide li{font-size:20pt;line-height:1.3}
.slide .big{font-size:54pt;font-weight:bold;margin:4mm 0}.slide img{max-width:100%;max-height:120mm;
object-fit:contain;align-self:center}.slide table{font-size:16pt;border-collapse:collapse}
.slide table{font-size:22pt}.slide td,.slide th{padding:1.5mm 4mm;border-bottom:1px solid #ccc;text-align:left}.num{text-align:right}
.foot{margin-top:auto;font-size:11pt;color:#777}
@media print{body{background:#fff}.slide{margin:0}}
"""


def _slide(title: str, body: str, foot: str) -> str:
    return f"<section class='slide'><h1>{esc(title)}</h1>{body}<div class='foot'>{esc(foot)}</div></section>"


def slides_html(room: Room, workshop: str, title: str | None = None) -> str:
    """16:9 pages, one idea a page, large type: for a projector or a PDF printed in landscape."""
    scenario = room.scenario
    foot = f"{workshop} · {scenario.title} · seed {room.teams[0].session.seed}"
    scores = sorted(t.session.score() for t in room.teams)
    slides = [_slide(title or f"Debrief: {workshop}",
                     f"<p>{len(room.teams)} teams played <b>{esc(scenario.title)}</b> on the same seed.</p>"
                     f"<p class='big'>par {room.par:.0f}</p><p>Scores from {scores[0]:.0f} to {scores[-1]:.0f}; "
                     f"median {np.median(scores):.0f}.</p>", foot)]
    rows = room.mix_rows()
    if rows:
        table = ("<table><tr><th>Phase</th><th>Rewarded</th><th>Room: leadership</th><th>Strong play</th></tr>"
                 + "".join(f"<tr><td>{esc(t)}</td><td>{esc(r)}</td><td class='num'>{_pct(s)}</td>"
                           f"<td class='num'>{_pct(b)}</td></tr>" for t, s, b, r in rows) + "</table>")
        slides.append(_slide("Your mix against strong play", table, foot))
    endings = "".join(f"<li>{esc(t)}: <b>{n}</b></li>" for t, _, n in room.ending_counts())
    crises = "".join(f"<li>{esc(c)}: <b>{n}</b></li>" for c, n in room.crisis_counts() if n)
    slides.append(_slide("How the games ended", f"<ul>{endings}</ul>"
                         + (f"<p>Crises:</p><ul>{crises}</ul>" if crises else "<p>No team fell into a crisis.</p>"),
                         foot))
    for r in room.events:
        lines = []
        for answer, n in r.counts():
            mean = r.mean_followed(answer)
            lines.append(f"<li><b>{n} × {esc(answer)}</b><br>next {FOLLOW_TURNS} turns: "
                         + ", ".join(f"{esc(k)} {v:+.0f}" for k, v in mean.items()) + "</li>")
        slides.append(_slide(r.title, f"<ul>{''.join(lines)}</ul>", foot))
    slides.append(_slide("Underneath: the hidden drivers", img(driver_multiples(room), "hidden drivers"), foot))
    costly = room.costly_turns()[:3]
    if costly or room.mistakes:
        body = "".join(f"<p>Turn {t}: <b>{n}</b> teams lost {COSTLY:g}+ points (avg {m:.0f})</p>" for t, n, m in costly)
        body += "".join(f"<p>{esc(m.words)}</p>" for m in room.mistakes[:3])
        slides.append(_slide("The costly turns", body, foot))
    for kind, question in room.prompts():
        slides.append(_slide(PROMPT_KIND[kind], f"<p class='big' style='font-size:30pt'>{esc(question)}</p>", foot))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title or workshop)}: slides"
            f"</title><style>{SLIDE_CSS}</style></head><body>{''.join(slides)}</body></html>")
