"""The balance report's charts as a trainer found them (issue 15 point 6): no empty charts, legends off the
bars, the +dev bots in the trajectories, titles instead of ids. The charts are SVG (game/charts/), so
these tests read what each chart draws from its text."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from game.analysis.balance import analyze
from game.analysis.report import write_report
from game.model.rules import compile_rules
from game.scenario.loader import load

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The tutorial's report, every chart parsed."""
    rules = compile_rules(load("tutorial").scenario)
    fig = analyze(rules, runs=60, seed=2, one_action_runs=10)
    folder = tmp_path_factory.mktemp("balance")
    written = write_report(fig, folder)
    charts = {p.name: ElementTree.fromstring(p.read_text()) for p in written if p.suffix == ".svg"}
    return rules, fig, folder, charts


def _texts(chart, cls: str) -> list[str]:
    return [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == cls]


def test_no_chart_of_when_games_are_lost_when_none_is_lost_but_a_sentence(tmp_path):
    # the retuned tutorial can be lost (a careless player must be able to lose): bots that win it only
    rules = compile_rules(load("tutorial").scenario)
    fig = analyze(rules, runs=60, seed=2, policies=["leadership", "balanced", "adaptive", "adaptive+dev"],
                  one_action_runs=10, strong=False)
    folder = tmp_path / "balance"
    charts = {p.name for p in write_report(fig, folder)}
    assert all(b["loss_rate"] == 0 for b in fig["bots"].values())
    assert "losses_by_turn.svg" not in charts and not (folder / "losses_by_turn.svg").exists()
    page = (folder / "index.html").read_text()
    assert "No bot lost a single game" in page and "losses_by_turn" not in page


def _box(el) -> tuple[float, float, float, float]:
    x, y = float(el.get("x")), float(el.get("y"))
    return x, y, x + float(el.get("width")), y + float(el.get("height"))


@pytest.mark.parametrize("name", ["outcomes.svg", "events.svg", "lesson.svg"])
def test_legends_never_cover_the_bars(report, name):
    """The legend sits above the bars: every legend key ends before the first bar begins."""
    chart = report[3][name]
    bars = [_box(r) for r in chart.iter(f"{SVG}rect") if r.get("class") == "bar" and float(r.get("width")) > 0]
    legend = [float(t.get("y")) for t in chart.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert bars and legend
    assert max(legend) < min(b[1] for b in bars), name


def test_every_page_chart_is_inline_and_its_text_escaped(report):
    rules, fig, folder, charts = report
    page = (folder / "index.html").read_text()
    assert page.count("<svg") == len(charts) and "<img" not in page  # one file to open, mail or print
    assert all(re.search(rf'<figure id="{re.escape(n)}">', page) for n in charts)


def test_trajectories_show_the_dev_bots_and_metric_titles(report):
    rules, fig, folder, charts = report
    chart = charts["trajectories.svg"]
    labels = set(_texts(chart, "legend"))
    assert labels == set(fig["bots"]) and any(n.endswith("+dev") for n in labels)
    dashed = [p for p in chart.iter(f"{SVG}polyline") if p.get("stroke-dasharray")]
    assert dashed  # the +dev twins are drawn dashed
    titles = _texts(chart, "chart-title")
    specs = rules.scenario.metrics
    assert titles == [specs[m].title or m for m in rules.metrics]
    assert "Team skill" in titles and "skill" not in titles


def test_action_and_event_charts_name_things_by_title(report):
    rules, fig, folder, charts = report
    texts = [t.text for t in charts["action_usage.svg"].iter(f"{SVG}text")]
    assert [a.title for a in rules.scenario.actions] == [t for t in texts if t in {a.title for a in rules.scenario.actions}]
    texts = [t.text for t in charts["events.svg"].iter(f"{SVG}text")]
    assert all(e.title in texts for e in rules.scenario.events)
