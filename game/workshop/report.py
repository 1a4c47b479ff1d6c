"""The debrief report: one self-contained HTML file, PNG charts and a CSV of every turn."""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path

import numpy as np

from ..insights import describe_cause, metric_lines, phase_mix
from ..model.context import metric_value_weights
from .verify import Rejected, Verified

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
STYLES = ["-", "--", "-.", ":"]

QUESTIONS = [
    "Which phase did your team find harder, and was that because of the situation or because of your mix of "
    "leadership and management?",
    "Look at the mix chart: where did your mix match what the phase rewarded, and where not? What made you "
    "stick to a mix that the phase no longer rewarded?",
    "Which decision had effects that showed up only turns later? How do you notice delayed effects in your "
    "real team?",
    "Teams that over-controlled lost initiative; teams that only inspired lost structure. Where is your own "
    "default, and what is the early warning sign that you are overdoing it?",
    "Did investing in your own development pay off within the game? What would the real-life equivalent be "
    "for you in the next three months?",
]


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def _style(i: int) -> dict:
    return {"color": PALETTE[i % len(PALETTE)], "marker": MARKERS[i % len(MARKERS)],
            "linestyle": STYLES[(i // len(PALETTE)) % len(STYLES)], "markersize": 4, "markevery": 3}


def trajectory_chart(teams: list[Verified]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    first = teams[0].session
    metrics = first.visible_metrics()
    fig, axes = plt.subplots(len(metrics), 1, figsize=(9, 2.6 * len(metrics)), sharex=True)
    axes = np.atleast_1d(axes)
    for ax, m in zip(axes, metrics):
        spec = first.scenario.metrics[m]
        i = first.rules.index[m]
        for k, v in enumerate(teams):
            path = np.array(v.session.history)[:, i]
            ax.plot(range(len(path)), path, label=v.team, **_style(k))
        ax.set_ylabel(f"{spec.title or m}{' (' + spec.unit + ')' if spec.unit else ''}")
        ax.grid(alpha=0.3)
        _shade_phases(ax, first)
    axes[0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes[-1].set_xlabel("turn")
    fig.suptitle("Each team's metrics over the game (same axes for all teams)")
    data = _png(fig)
    plt.close(fig)
    return data


def _shade_phases(ax, session) -> None:
    hist = session.phase_history
    for t in range(1, len(hist)):
        if hist[t] != hist[t - 1]:
            ax.axvline(t, color="grey", linestyle=":", linewidth=1)
            ax.text(t + 0.2, ax.get_ylim()[1], session.scenario.phases[hist[t]].title, fontsize=7,
                    va="top", color="grey")


def mix_chart(teams: list[Verified]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    phases = teams[0].session.scenario.phases
    fig, axes = plt.subplots(1, len(phases), figsize=(4.5 * len(phases), 0.45 * len(teams) + 1.6), sharey=True)
    axes = np.atleast_1d(axes)
    names = [v.team for v in teams]
    for ax, phase in zip(axes, phases):
        shares = []
        for v in teams:
            pm = next((p for p in phase_mix(v.session) if p.phase == phase.id), None)
            shares.append(100 * pm.leadership_share if pm and pm.leadership + pm.management else 0)
        y = np.arange(len(teams))
        ax.barh(y, shares, color=PALETTE[0], hatch="//", edgecolor="white", label="leadership")
        ax.barh(y, [100 - s for s in shares], left=shares, color=PALETTE[1], label="management")
        w = phase.weights
        ideal = 100 * w.leadership / (w.leadership + w.management) if w.leadership + w.management else 50
        ax.axvline(ideal, color="black", linestyle="--", linewidth=1.5)
        ax.set_title(f"{phase.title}: rewarded L {w.leadership:.1f}x / M {w.management:.1f}x", fontsize=9)
        ax.set_xlim(0, 100)
        ax.set_yticks(y, names, fontsize=8)
        ax.set_xlabel("% of leadership + management actions")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8,
               frameon=False)
    fig.suptitle("Leadership share per phase (dashed line: what the phase rewarded)", y=1.02)
    data = _png(fig)
    plt.close(fig)
    return data


def decisive_turns(v: Verified, top: int = 2) -> list[str]:
    """The turns with the largest swing in score-relevant value, with their main causes."""
    s = v.session
    worth = metric_value_weights(s.rules)
    swings = []
    for report in s.reports:
        value = sum(worth[s.rules.index[m]] * report.change(m) for m in s.rules.metrics)
        swings.append((abs(value), value, report))
    out = []
    for _, value, report in sorted(swings, key=lambda x: -x[0])[:top]:
        lines = [ln for ln in metric_lines(s, report) if abs(ln.change) >= 0.5]
        parts = []
        for ln in lines:
            causes = ", ".join(describe_cause(*c) for c in ln.causes[:2])
            parts.append(f"{ln.title} {ln.change:+.1f} ({causes})")
        direction = "up" if value > 0 else "down"
        out.append(f"Turn {report.turn} ({direction}): " + "; ".join(parts))
    return out


def write_csv(teams: list[Verified], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        metrics = teams[0].session.rules.metrics if teams else []
        w = csv.writer(fh)
        w.writerow(["team", "turn", "phase", *metrics, "actions", "event_answer", "timed_out"])
        for v in teams:
            s = v.session
            for t, values in enumerate(s.history):
                d = s.log[t - 1] if t > 0 else None
                w.writerow([v.team, t, s.rules.phases[s.phase_history[t]], *(f"{x:.3f}" for x in values),
                            " ".join(d.actions) if d else "", (d.choice or "") if d else "",
                            int(d.timed_out) if d else 0])


def leaderboard(teams: list[Verified]) -> tuple[list[Verified], dict[str, dict[str, int]]]:
    ranked = sorted(teams, key=lambda v: (-v.session.score(), v.team.casefold()))
    ranks: dict[str, dict[str, int]] = {v.team: {} for v in teams}
    if teams:
        for part in teams[0].session.score_breakdown():
            order = sorted(teams, key=lambda v: -v.session.score_breakdown()[part])
            for i, v in enumerate(order, 1):
                ranks[v.team][part] = i
    return ranked, ranks


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#1a1a1a;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{padding:.35em .6em;border-bottom:1px solid #ddd;
text-align:left}th{background:#f3f6fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.win{font-weight:bold}.loss{font-style:italic}.rejected td{color:#8a1c1c}img{max-width:100%;height:auto}
.meta{color:#555}li{margin:.3em 0}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}img,table{page-break-inside:avoid}}
"""


def write_report(teams: list[Verified], rejected: list[Rejected], out: Path, title: str | None = None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(teams, out / "turns.csv")
    charts: dict[str, bytes] = {}
    if teams:
        charts["metrics.png"] = trajectory_chart(teams)
        charts["mix.png"] = mix_chart(teams)
        for name, data in charts.items():
            (out / name).write_bytes(data)
    page = _html(teams, rejected, charts, title)
    target = out / "report.html"
    target.write_text(page, encoding="utf-8")
    return target


def _img(charts: dict[str, bytes], name: str, alt: str) -> str:
    if name not in charts:
        return ""
    b64 = base64.b64encode(charts[name]).decode()
    return f'<img src="data:image/png;base64,{b64}" alt="{html.escape(alt)}">'


def _html(teams: list[Verified], rejected: list[Rejected], charts: dict[str, bytes], title: str | None) -> str:
    esc = html.escape
    first = teams[0] if teams else None
    workshop = first.result["workshop"] if first else "Workshop"
    scenario = first.session.scenario if first else None
    head = esc(title or f"Debrief: {workshop}")
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{head}</title>",
             f"<style>{CSS}</style></head><body><h1>{head}</h1>"]
    if scenario:
        parts.append(f"<p class='meta'>Scenario <b>{esc(scenario.title)}</b>, seed {first.session.seed}, "
                     f"{len(teams)} verified result(s), {len(rejected)} rejected. Every score below was "
                     "recomputed by replaying the team's decisions.</p>")
    ranked, ranks = leaderboard(teams)
    parts.append("<h2>Leaderboard</h2>")
    if ranked:
        score_parts = list(ranked[0].session.score_breakdown())
        titles = [scenario.metrics[p].title if p in scenario.metrics else "ending" for p in score_parts]
        parts.append("<table><tr><th>#</th><th>Team</th><th>Score</th><th>Ending</th>"
                     + "".join(f"<th>{esc(t)} (rank)</th>" for t in titles) + "</tr>")
        for i, v in enumerate(ranked, 1):
            s = v.session
            ending = s.ending
            bd = s.score_breakdown()
            bot = f" <span class='meta'>(bot: {esc(v.result['policy'])})</span>" if v.result.get("policy") else ""
            parts.append(f"<tr><td class='num'>{i}</td><td>{esc(v.team)}{bot}</td><td class='num'>{s.score():.1f}</td>"
                         f"<td class='{ending.kind}'>{esc(ending.title)} ({ending.kind})</td>"
                         + "".join(f"<td class='num'>{bd[p]:+.1f} ({ranks[v.team][p]})</td>" for p in score_parts)
                         + "</tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No result could be verified.</p>")
    if rejected:
        parts.append("<h2>Rejected results</h2><table><tr><th>File</th><th>Team</th><th>Reason</th></tr>")
        for r in rejected:
            parts.append(f"<tr class='rejected'><td>{esc(str(r.path))}</td><td>{esc(r.team or '?')}</td>"
                         f"<td>{esc(r.reason)}</td></tr>")
        parts.append("</table>")
    if teams:
        parts.append("<h2>Morale, efficiency and budget over the game</h2>")
        parts.append(_img(charts, "metrics.png", "metric trajectories per team"))
        parts.append("<h2>Leadership and management mix per phase</h2>")
        parts.append(_img(charts, "mix.png", "leadership share per phase per team"))
        parts.append("<h2>Decisive turns</h2><ul>")
        for v in ranked:
            turns = "<br>".join(esc(t) for t in decisive_turns(v))
            parts.append(f"<li><b>{esc(v.team)}</b>: {turns}</li>")
        parts.append("</ul>")
    parts.append("<h2>Questions for the debrief</h2><ol>")
    parts.extend(f"<li>{esc(q)}</li>" for q in QUESTIONS)
    parts.append("</ol></body></html>")
    return "\n".join(parts)
