"""Terminal summary and HTML/PNG/JSON report of a balance analysis."""

from __future__ import annotations

import html
import json
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..plaintext import plain
from .balance import public
from .strong import lines as strong_lines

MAIN_BOTS = ("random", "leadership", "management", "balanced", "adaptive")


def _title(fig: dict, kind: str, key: str) -> str:
    """A metric's, action's or event's title for a chart (the id only when the figures carry no titles)."""
    return fig.get("titles", {}).get(kind, {}).get(key, key)


def _bot_styles(names: list[str]) -> dict[str, dict]:
    """One colour per bot, shared with its '+dev' twin, which is drawn dashed: pairs read as pairs."""
    import matplotlib

    palette = matplotlib.colormaps["tab10"].colors
    bases = list(dict.fromkeys(n.partition("+")[0] for n in names))
    return {n: {"color": palette[bases.index(n.partition("+")[0]) % len(palette)],
                "ls": "--" if n.endswith("+dev") else "-"} for n in names}


def _legend_outside(ax, **kw) -> None:
    """The legend right of the plot, never over bars or lines."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, **kw)


@contextmanager
def chart_style():
    """Matplotlib settings for charts that show other people's text: plain text, never mathtext or TeX.

    A '$' in a scenario title, metric unit or team name would otherwise start math mode, which can
    fail to parse (a crash) or draw something other than what was written.
    """
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        yield


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


def write_report(fig: dict, folder: Path) -> list[Path]:
    """Write index.html, balance.json and PNG charts into folder; returns the files written."""
    with chart_style():
        return _write_report(fig, folder)


def _write_report(fig: dict, folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    charts: list[tuple[str, str, str]] = []  # file, title, caption
    notes: list[tuple[str, str]] = []  # title, sentence: a chart that would have nothing to show

    def save(figure, name, title, caption, legend_on_top=False):
        path = folder / name
        figure.tight_layout(rect=(0, 0, 1, 0.93) if legend_on_top else None)
        figure.savefig(path, dpi=90, bbox_inches="tight")
        plt.close(figure)
        written.append(path)
        charts.append((name, title, caption))

    bots = fig["bots"]
    names = list(bots)
    # 1. Outcomes per bot.
    f, ax = plt.subplots(figsize=(9, 4))
    win = np.array([bots[n]["win_rate"] for n in names])
    neu = np.array([bots[n]["neutral_rate"] for n in names])
    loss = np.array([bots[n]["loss_rate"] for n in names])
    ax.barh(names, win, color="#2e7d32", label="win")
    ax.barh(names, neu, left=win, color="#9e9e9e", label="neutral")
    ax.barh(names, loss, left=win + neu, color="#c62828", label="loss")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    _legend_outside(ax)
    ax.set_xlabel("share of games")
    save(f, "outcomes.png", "Outcomes per bot", "Share of games won, lost or ended neutral.")
    # 2. Score distributions.
    f, ax = plt.subplots(figsize=(9, 4))
    ax.boxplot([bots[n]["_scores"] for n in names], orientation="horizontal", showfliers=False, whis=(5, 95))
    ax.set_yticks(range(1, len(names) + 1), names)
    ax.invert_yaxis()
    ax.set_xlabel("final score (whiskers: 5th and 95th percentile)")
    save(f, "scores.png", "Score per bot", "Box: 25th to 75th percentile, line: median.")
    # 3. Metric trajectories, mean with a band of one standard deviation.
    shown = [n for n in MAIN_BOTS if n in bots] or names[:5]
    styles = _bot_styles(names)
    metrics = fig["metrics"]
    cols = 2
    rows = (len(metrics) + 1) // cols
    f, axes = plt.subplots(rows, cols, figsize=(11, 2.6 * rows), squeeze=False)
    turns = np.arange(fig["turns"] + 1)
    for k, m in enumerate(metrics):
        ax = axes[k // cols][k % cols]
        for n in names:  # every bot, the +dev twins too (dashed, in their base bot's colour)
            tr = bots[n]["trajectory"][m]
            mean, sd = np.array(tr["mean"]), np.array(tr["sd"])
            ax.plot(turns, mean, label=n, lw=1.3, **styles[n])
            if not n.endswith("+dev"):
                ax.fill_between(turns, mean - sd, mean + sd, color=styles[n]["color"], alpha=0.10)
        for p_start in _phase_starts(fig):
            ax.axvline(p_start, color="#555", lw=0.8, ls=":")
        ax.set_title(_title(fig, "metrics", m), fontsize=10)
    for k in range(len(metrics), rows * cols):
        axes[k // cols][k % cols].axis("off")
    handles, labels = axes[0][0].get_legend_handles_labels()
    f.legend(handles, labels, loc="upper center", ncol=min(len(names), 5), fontsize=8,
             bbox_to_anchor=(0.5, 1.0), frameon=False)
    save(f, "trajectories.png", "Metric trajectories",
         "Mean per turn; the band is ± one standard deviation (drawn for the bots without development); "
         "dashed: the same bot investing in development (+dev); dotted verticals: latest phase starts.",
         legend_on_top=True)
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
        f, ax = plt.subplots(figsize=(10, 3.5))
        for n, share in lost.items():
            ax.plot(turns, share, label=n, **styles[n])
        ax.set_xlabel("turn")
        ax.set_ylabel("share of games lost that turn")
        _legend_outside(ax, fontsize=8)
        save(f, "losses_by_turn.png", "When games are lost",
             "Share of games ending in a loss, per turn; bots that never lose are left out.")
    else:
        notes.append(("When games are lost", "No bot lost a single game, so there is no chart of when games "
                                             "are lost."))
    # 5. Action usage heat map.
    actions = fig["actions"]
    data = np.array([[bots[n]["action_usage"][a] for a in actions] for n in names])
    f, ax = plt.subplots(figsize=(11, 0.45 * len(names) + 2.5))
    im = ax.imshow(data, aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(actions)), [_title(fig, "actions", a) for a in actions], rotation=45, ha="right",
                  fontsize=8)
    ax.set_yticks(range(len(names)), names)
    f.colorbar(im, ax=ax, label="times per game")
    save(f, "action_usage.png", "Action usage", "How often each bot takes each action per game.")
    # 6. Events.
    if fig["events"]:
        f, ax = plt.subplots(figsize=(9, 0.4 * len(fig["events"]) + 1.5))
        y = np.arange(len(fig["events"]))
        width = 0.8 / len(shown)
        for i, n in enumerate(shown):
            ax.barh(y + i * width, [bots[n]["events"][e]["games_share"] for e in fig["events"]], width, label=n)
        ax.set_yticks(y + 0.4 - width / 2, [_title(fig, "events", e) for e in fig["events"]])
        ax.set_xlim(0, 1)
        ax.invert_yaxis()
        ax.set_xlabel("share of games in which the event happened")
        _legend_outside(ax, fontsize=8)
        save(f, "events.png", "Event frequencies", "Events that never or always fire are flagged below.")
    # 7. The lesson: value of the best leadership vs management action per phase.
    pv = fig["findings"]["phase_action_value"]
    if pv:
        f, ax = plt.subplots(figsize=(7, 3.5))
        ph = list(pv)
        x = np.arange(len(ph))
        ax.bar(x - 0.2, [pv[p]["leadership"] for p in ph], 0.4, label="leadership", color="#7b1fa2")
        ax.bar(x + 0.2, [pv[p]["management"] for p in ph], 0.4, label="management", color="#00838f")
        titles = {p["id"]: p["title"] for p in fig["phases"]}
        ax.set_xticks(x, [titles.get(p, p) for p in ph])
        ax.set_ylabel("value of the best action")
        _legend_outside(ax)
        save(f, "lesson.png", "What pays in each phase",
             "Expected value of the best available leadership and management action, along the mixed bots' games.")
    data_path = folder / "balance.json"
    data_path.write_text(json.dumps(public(fig), indent=1, sort_keys=True), encoding="utf-8")
    written.append(data_path)
    page = folder / "index.html"
    page.write_text(_html(fig, charts, notes), encoding="utf-8")
    written.append(page)
    return written


def _phase_starts(fig: dict) -> list[int]:
    """Latest start turn of each phase (a phase may start earlier on its starts_when)."""
    return [p["starts_at_turn"] for p in fig["phases"] if p.get("starts_at_turn")]


def _html(fig: dict, charts, notes=()) -> str:
    e = html.escape
    f = fig["findings"]
    rows = "".join(
        f"<tr><td>{e(n)}</td><td>{b['win_rate']:.1%}</td><td>{b['loss_rate']:.1%}</td>"
        f"<td>{b['score_mean']:.0f}</td><td>{b['score_percentiles']['p5']:.0f}</td>"
        f"<td>{b['score_percentiles']['p50']:.0f}</td><td>{b['score_percentiles']['p95']:.0f}</td>"
        f"<td>{b['mean_length']:.1f}</td></tr>" for n, b in fig["bots"].items())
    checks = "".join(f"<li class='{'ok' if c['ok'] else 'bad'}'>{'✔' if c['ok'] else '✘'} {e(c['check'])} "
                     f"(margin {c['margin']:+.1f})</li>" for c in f["lesson_checks"])
    dev = "".join(f"<li class='{'ok' if c['ok'] else 'bad'}'>{'✔' if c['ok'] else '✘'} {e(c['check'])} "
                  f"(margin {c['margin']:+.1f})</li>" for c in f.get("development_checks", []))
    warns = "".join(f"<li>{e(w)}</li>" for w in f["warnings"]) or "<li>none</li>"
    by = e(f.get("judged_by", "heuristic bots"))
    verdict = (f"<p class='ok verdict'>The scenario teaches the lesson (judged by {by}).</p>" if f["teaches"]
               else f"<p class='bad verdict'>The scenario does not (yet) teach the lesson (judged by {by}).</p>")
    endings = "".join(
        f"<tr><td>{e(n)}</td>" + "".join(
            f"<td>{b['endings'][x]['rate']:.0%} @ {b['endings'][x]['mean_turn']:.0f}</td>" if x in b["endings"]
            else "<td>–</td>" for x in _ending_ids(fig)) + "</tr>" for n, b in fig["bots"].items())
    ending_head = "".join(f"<th>{e(x)}</th>" for x in _ending_ids(fig))
    imgs = "".join(f"<figure><h2>{e(t)}</h2><img src='{e(n)}' alt='{e(t)}'><figcaption>{e(c)}</figcaption>"
                   f"</figure>" for n, t, c in charts)
    imgs += "".join(f"<section><h2>{e(t)}</h2><p>{e(text)}</p></section>" for t, text in notes)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Balance: {e(fig['title'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }} .ok {{ color: #2e7d32; }} .bad {{ color: #c62828; }}
.verdict {{ font-size: 1.3em; font-weight: bold; }} img {{ max-width: 100%; }} figure {{ margin: 2em 0; }}
</style></head><body>
<h1>Balance report: {e(fig['title'])}</h1>
<p>{fig['runs']} games per bot, seed {fig['seed']}, {fig['turns']} turns. Scenario id <code>{e(fig['scenario'])}</code>.
All figures are also in <a href="balance.json">balance.json</a>.</p>
{verdict}{_strong_html(fig)}<h2>Lesson checks (heuristic bots)</h2><ul>{checks}</ul><h2>Does developing skills pay off?</h2><ul>{dev or '<li>not measured (needs the +dev bots)</li>'}</ul><h2>Warnings</h2><ul>{warns}</ul>
<h2>Bots</h2><table><tr><th>bot</th><th>win</th><th>loss</th><th>mean score</th><th>p5</th><th>p50</th><th>p95</th><th>length</th></tr>{rows}</table>
<h2>Endings (share @ mean turn)</h2><table><tr><th>bot</th>{ending_head}</tr>{endings}</table>
{imgs}
</body></html>
"""


def _strong_html(fig: dict) -> str:
    items = strong_lines(fig, rich=False)
    if not items:
        return ""
    e = html.escape
    return f"<h2>{e(items[0])}</h2><ul>" + "".join(f"<li>{e(x.strip())}</li>" for x in items[1:]) + "</ul>"


def _ending_ids(fig: dict) -> list[str]:
    seen: dict[str, None] = {}
    for b in fig["bots"].values():
        for k in b["endings"]:
            seen.setdefault(k)
    return list(seen)
