"""Terminal summary and HTML/SVG/JSON report of a balance analysis.

The page is a Jinja2 template (templates/balance.html, autoescaped) and its charts are game/charts/'s
SVG, so a scenario's titles and the bots' names are always drawn as the text they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from markupsafe import Markup

from .. import charts
from ..htmlpage import environment

from ..plaintext import plain
from .balance import public
from .strong import lines as strong_lines

MAIN_BOTS = ("random", "leadership", "management", "balanced", "adaptive")
# Okabe-Ito first, then two of Paul Tol's muted colours: the strong-play bots make nine bases.
BOT_COLOURS = (*charts.OKABE_ITO[:6], "#882255", "#999933", charts.OKABE_ITO[7], "#44AA99")
WIN, NEUTRAL, LOSS = charts.OKABE_ITO[2], "#9e9e9e", charts.OKABE_ITO[5]


def _title(fig: dict, kind: str, key: str) -> str:
    """A metric's, action's or event's title for a chart (the id only when the figures carry no titles)."""
    return fig.get("titles", {}).get(kind, {}).get(key, key)


def print_summary(fig: dict, console) -> None:
    from rich.table import Table

    t = Table(title=f"{plain(fig['title'])}: {fig['runs']} games per bot (seed {fig['seed']})")
    for col, just in [("bot", "left"), ("win", "right"), ("loss", "right"), ("score", "right"),
                      ("p5", "right"), ("p50", "right"), ("p95", "right"), ("turns", "right"),
                      ("top ending", "left")]:
        t.add_column(col, justify=just, no_wrap=col == "bot")
    for name, b in fig["bots"].items():
        top = max(b["endings"].items(), key=lambda kv: kv[1]["rate"], default=(None, None))
        ending = f"{top[0]} {top[1]['rate']:.0%} t{top[1]['mean_turn']:.0f}" if top[0] else "-"
        p = b["score_percentiles"]
        t.add_row(name, f"{b['win_rate']:.0%}", f"{b['loss_rate']:.0%}", f"{b['score_mean']:.0f}",
                  f"{p['p5']:.0f}", f"{p['p50']:.0f}", f"{p['p95']:.0f}", f"{b['mean_length']:.1f}", ending)
    console.print(t)
    ref = fig["bots"].get("adaptive") or next(iter(fig["bots"].values()))
    usage = sorted(ref["action_usage"].items(), key=lambda kv: -kv[1])
    console.print(f"Actions taken per game by the {ref['bot']} bot: " +
                  ", ".join(f"{a} {n:.1f}" for a, n in usage if n > 0))
    unused = [a for a in fig["actions"] if all(b["action_usage"][a] == 0 for b in fig["bots"].values())]
    if unused:
        console.print(f"[yellow]No bot ever took:[/yellow] {', '.join(unused)}")
    if fig["events"]:
        console.print("Events (share of games, all bots): " + ", ".join(
            f"{e} {np.mean([b['events'][e]['games_share'] for b in fig['bots'].values()]):.0%}"
            for e in fig["events"]))
    crises = next(iter(fig["bots"].values()))["crises"] if fig["bots"] else {}
    if crises:
        console.print("Crises (share of games in which each started, per bot): " + "; ".join(
            f"{c}: " + ", ".join(f"{n} {b['crises'][c]['games_share']:.0%}" for n, b in fig["bots"].items())
            for c in crises))
    f = fig["findings"]
    for w in f["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {plain(w)}")
    for c in f["lesson_checks"]:
        mark = "[green]yes[/green]" if c["ok"] else "[red]NO[/red]"
        console.print(f"  {mark}  {plain(c['check'])} (margin {c['margin']:+.1f})")
    if f.get("development_checks"):
        console.print("Does developing the leader's skills pay off? (each bot against its +dev twin)")
        for c in f["development_checks"]:
            mark = "[green]yes[/green]" if c["ok"] else "[red]NO[/red]"
            console.print(f"  {mark}  {plain(c['check'])} (margin {c['margin']:+.1f})")
    for line in strong_lines(fig):
        console.print(line, highlight=False)
    if f.get("judged_by") == "strong play":
        console.print("[bold green]The scenario teaches the lesson under strong play.[/bold green]" if f["teaches"]
                      else "[bold red]Under strong play the scenario does not (yet) teach the lesson[/bold red]; "
                      "see the checks and warnings above.")
    elif not f["lesson_checks"]:
        console.print("Lesson not checked: it needs the adaptive or balanced bot and the leadership or "
                      "management bot (see --policies).")
    elif f["teaches"]:
        console.print("[bold green]The scenario teaches the lesson:[/bold green] mixing beats the pure "
                      "strategies and each kind of action pays most in the phase that favours it.")
    else:
        console.print("[bold red]The scenario does not (yet) teach the lesson[/bold red]; see the checks "
                      "and warnings above.")


def _bot_styles(names: list[str]) -> dict[str, dict]:
    """One colour per bot, shared with its '+dev' twin, which is drawn dashed: pairs read as pairs."""
    bases = list(dict.fromkeys(n.partition("+")[0] for n in names))
    return {n: {"colour": BOT_COLOURS[bases.index(n.partition("+")[0]) % len(BOT_COLOURS)],
                "dash": n.endswith("+dev")} for n in names}


def _keys(names: list[str], styles: dict[str, dict]) -> list[charts.Key]:
    return [charts.Key(n, styles[n]["colour"], dash=styles[n]["dash"]) for n in names]


def _charts(fig: dict) -> tuple[list[tuple[str, str, str, Markup]], list[tuple[str, str]]]:
    """(file, title, caption, chart) for each chart with something to show; (title, sentence) for the others."""
    out: list[tuple[str, str, str, Markup]] = []
    notes: list[tuple[str, str]] = []
    bots = fig["bots"]
    names = list(bots)
    styles = _bot_styles(names)
    # 1. Outcomes per bot.
    rows = [charts.BarRow(n, [charts.Bar(bots[n]["win_rate"], WIN, f"{bots[n]['win_rate']:.0%}"),
                              charts.Bar(bots[n]["neutral_rate"], NEUTRAL, f"{bots[n]['neutral_rate']:.0%}"),
                              charts.Bar(bots[n]["loss_rate"], LOSS, f"{bots[n]['loss_rate']:.0%}")])
            for n in names]
    out.append(("outcomes.svg", "Outcomes per bot", "Share of games won, lost or ended neutral.", charts.BarChart(
        rows, "Outcomes per bot", top=1.0, percent=True, axis="share of games", row_height=24,
        legend=(charts.Key("win", WIN, "box"), charts.Key("neutral", NEUTRAL, "box"),
                charts.Key("loss", LOSS, "box"))).svg()))
    # 2. Score distributions.
    items = []
    for n in names:
        p5, p25, p50, p75, p95 = np.percentile(bots[n]["_scores"], [5, 25, 50, 75, 95])
        items.append(charts.Box(n, p5, p25, p50, p75, p95))
    out.append(("scores.svg", "Score per bot", "Box: 25th to 75th percentile, line: median.",
                charts.boxes(items, "Score per bot", "final score (whiskers: 5th and 95th percentile)")))
    # 3. Metric trajectories, mean with a band of one standard deviation.
    marks = [charts.Mark(t) for t in _phase_starts(fig)]
    panels = []
    for m in fig["metrics"]:
        series, lo, hi = [], np.inf, -np.inf
        for n in names:  # every bot, the +dev twins too (dashed, in their base bot's colour)
            tr = bots[n]["trajectory"][m]
            mean, sd = np.array(tr["mean"]), np.array(tr["sd"])
            band = None if n.endswith("+dev") else (mean - sd, mean + sd)
            series.append(charts.Series(mean, styles[n]["colour"], 1.4, dash=styles[n]["dash"], band=band))
            lo, hi = min(lo, float((mean - sd).min())), max(hi, float((mean + sd).max()))
        panels.append(charts.Panel(_title(fig, "metrics", m), series, lo, hi, marks))
    out.append(("trajectories.svg", "Metric trajectories",
                "Mean per turn; the band is ± one standard deviation (drawn for the bots without development); "
                "dashed: the same bot investing in development (+dev); dotted verticals: latest phase starts.",
                charts.panels(panels, "Metric trajectories per bot", cols=2, panel_width=400, panel_height=200,
                              legend=_keys(names, styles))))
    # 4. When games are lost (only the bots that lose at all; no chart when none does).
    lost = {}
    for n in names:
        by = np.zeros(fig["turns"] + 1)
        for e in bots[n]["endings"].values():
            if e["kind"] == "loss":
                by += np.array(e["by_turn"])
        if by.any():
            lost[n] = by / bots[n]["runs"]
    if lost:
        top = max(float(v.max()) for v in lost.values())
        panel = charts.Panel("", [charts.Series(v, styles[n]["colour"], 1.8, dash=styles[n]["dash"])
                                  for n, v in lost.items()], 0.0, top, x_label="turn",
                             y_label="share of games lost that turn")
        out.append(("losses_by_turn.svg", "When games are lost",
                    "Share of games ending in a loss, per turn; bots that never lose are left out.",
                    charts.panels([panel], "When games are lost", panel_width=800, panel_height=260,
                                  legend=_keys(list(lost), styles))))
    else:
        notes.append(("When games are lost", "No bot lost a single game, so there is no chart of when games "
                                             "are lost."))
    # 5. Action usage.
    actions = fig["actions"]
    data = [[bots[n]["action_usage"][a] for a in actions] for n in names]
    out.append(("action_usage.svg", "Action usage", "How often each bot takes each action per game.",
                charts.heatmap(names, [_title(fig, "actions", a) for a in actions], data,
                               "Times per game each bot takes each action", "numbers: times per game")))
    # 6. Events.
    shown = [n for n in MAIN_BOTS if n in bots] or names[:5]
    if fig["events"]:
        rows = [charts.BarRow(_title(fig, "events", e), [charts.Bar(bots[n]["events"][e]["games_share"],
                                                                   styles[n]["colour"]) for n in shown])
                for e in fig["events"]]
        out.append(("events.svg", "Event frequencies", "Events that never or always fire are flagged below.",
                    charts.BarChart(rows, "Share of games in which each event happened", top=1.0, percent=True,
                                    stacked=False, axis="share of games in which the event happened",
                                    legend=[charts.Key(n, styles[n]["colour"], "box") for n in shown],
                                    row_height=14).svg()))
    # 7. The lesson: value of the best leadership vs management action per phase.
    pv = fig["findings"]["phase_action_value"]
    if pv:
        titles = {p["id"]: p["title"] for p in fig["phases"]}
        rows = [charts.BarRow(titles.get(p, p), [
            charts.Bar(max(0.0, pv[p]["leadership"]), charts.CATEGORY_COLOUR["leadership"], f"L {pv[p]['leadership']:.1f}"),
            charts.Bar(max(0.0, pv[p]["management"]), charts.CATEGORY_COLOUR["management"], f"M {pv[p]['management']:.1f}")])
            for p in pv]
        out.append(("lesson.svg", "What pays in each phase",
                    "Expected value of the best available leadership and management action, along the mixed bots' games.",
                    charts.BarChart(rows, "Value of the best leadership and management action per phase",
                                    stacked=False, axis="value of the best action", row_height=26,
                                    legend=(charts.Key("leadership", charts.CATEGORY_COLOUR["leadership"], "box"),
                                            charts.Key("management", charts.CATEGORY_COLOUR["management"], "box")),
                                    ).svg()))
    return out, notes


def write_report(fig: dict, folder: Path) -> list[Path]:
    """Write index.html (the charts inline: one file to open, print or mail), each chart as an SVG file and
    balance.json into folder; returns the files written, index.html last."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    found, notes = _charts(fig)
    for name, _, _, chart in found:
        (folder / name).write_text(str(chart), encoding="utf-8")
        written.append(folder / name)
    data_path = folder / "balance.json"
    data_path.write_text(json.dumps(public(fig), indent=1, sort_keys=True), encoding="utf-8")
    written.append(data_path)
    page = folder / "index.html"
    page.write_text(environment("game.analysis").get_template("balance.html").render(
        fig=fig, f=fig["findings"], charts=found, notes=notes, endings=_ending_ids(fig),
        strong=strong_lines(fig, rich=False)), encoding="utf-8")
    written.append(page)
    return written


def _phase_starts(fig: dict) -> list[int]:
    """Latest start turn of each phase (a phase may start earlier on its starts_when)."""
    return [p["starts_at_turn"] for p in fig["phases"] if p.get("starts_at_turn")]


def _ending_ids(fig: dict) -> list[str]:
    seen: dict[str, None] = {}
    for b in fig["bots"].values():
        for k in b["endings"]:
            seen.setdefault(k)
    return list(seen)
