"""The debrief report: one self-contained HTML file, PNG charts and a CSV of every turn."""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from pathlib import Path

import numpy as np

from ..views.debrief import phase_mix
from ..views.report import change_lines
from ..analysis.report import chart_style
from ..model.context import metric_value_weights
from .discussion import Room, room_of
from .room_report import report_sections, slides_html, team_multiples
from .verify import Rejected, Verified

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

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
    slug = re.sub(r"[^A-Za-z0-9]+", "-", v.result["workshop"]).strip("-").lower()[:40] or "workshop"
    return f"{slug}-{v.session.scenario.id}-{v.result['scenario_sha256'][:8]}-seed{v.result['seed']}"


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


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
        lines = [ln for ln in change_lines(s, report) if abs(ln.change) >= 0.5]
        parts = []
        for ln in lines:
            causes = ", ".join(c.text for c in ln.causes[:2])
            parts.append(f"{ln.title} {ln.change:+.1f} ({causes})")
        direction = "up" if value > 0 else "down"
        out.append(f"Turn {report.turn} ({direction}): " + "; ".join(parts))
    return out


def write_csv(teams: list[Verified], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
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
.meta{color:#555}li{margin:.3em 0}.clock{color:#8a4b00}tr.par td{font-style:italic;color:#555}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{page-break-after:avoid}
img,table{page-break-inside:avoid}section{page-break-before:auto}}
"""


def write_report(teams: list[Verified], rejected: list[Rejected], out: Path, title: str | None = None,
                 progress=None) -> Path:
    """report.html (A4, for reading and print), slides.html (16:9, one idea a page), charts and turns.csv.

    Every team's game is reviewed first (`progress(done, total)` after each), which is what the
    class summary, the costly turns and the prompts are made of.
    """
    out.mkdir(parents=True, exist_ok=True)
    write_csv(teams, out / "turns.csv")
    charts: dict[str, bytes] = {}
    room = room_of(teams, progress) if teams else None
    if room is not None:
        with chart_style():
            charts["metrics.png"] = team_multiples(room)
            charts["mix.png"] = mix_chart(teams)
        for name, data in charts.items():
            (out / name).write_bytes(data)
        (out / "slides.html").write_text(slides_html(room, teams[0].result["workshop"], title), encoding="utf-8")
    page = _html(teams, rejected, charts, title, room)
    target = out / "report.html"
    target.write_text(page, encoding="utf-8")
    return target


def _img(charts: dict[str, bytes], name: str, alt: str) -> str:
    if name not in charts:
        return ""
    b64 = base64.b64encode(charts[name]).decode()
    return f'<img src="data:image/png;base64,{b64}" alt="{html.escape(alt)}">'


def _html(teams: list[Verified], rejected: list[Rejected], charts: dict[str, bytes], title: str | None,
          room: Room | None = None) -> str:
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
        parts.append("<h2>Each team's game</h2><p class='meta'>One panel per team (its score in the title); "
                     "the other teams' games in grey behind, on the same axes.</p>")
        parts.append(_img(charts, "metrics.png", "metrics over the game, one panel per team"))
        parts.append("<h2>Leadership and management mix per phase</h2>")
        parts.append(_img(charts, "mix.png", "leadership share per phase per team"))
        parts.append("<h2>Decisive turns</h2><ul>")
        for v in ranked:
            turns = "<br>".join(esc(t) for t in decisive_turns(v))
            parts.append(f"<li><b>{esc(v.team)}</b>: {turns}</li>")
        parts.append("</ul>")
    if room is not None:
        parts.append(report_sections(room))
    parts.append("<p class='meta'>For the projector: <a href='slides.html'>slides.html</a> (16:9 pages, "
                 "one idea a page; print it landscape to get a PDF).</p>" if room is not None else "")
    parts.append("</body></html>")
    return "\n".join(parts)
