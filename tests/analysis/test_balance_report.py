"""The balance report's charts as a trainer found them (issue 15 point 6): no empty charts, legends off the
bars, the +dev bots in the trajectories, titles instead of ids."""

from __future__ import annotations

import matplotlib
import pytest

from game.analysis.balance import analyze
from game.analysis.report import write_report
from game.model.rules import compile_rules
from game.scenario.loader import load

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The tutorial's report (no bot loses a game there), with every chart figure kept for inspection."""
    from matplotlib.figure import Figure

    rules = compile_rules(load("tutorial").scenario)
    fig = analyze(rules, runs=60, seed=2, one_action_runs=10)
    kept = {}
    original = Figure.savefig

    def keep(self, path, *args, **kwargs):
        kept[str(path).rsplit("/", 1)[-1]] = self
        return original(self, path, *args, **kwargs)

    folder = tmp_path_factory.mktemp("balance")
    mp = pytest.MonkeyPatch()
    mp.setattr(Figure, "savefig", keep)
    try:
        write_report(fig, folder)
    finally:
        mp.undo()
    return rules, fig, folder, kept


def test_no_chart_of_when_games_are_lost_when_none_is_lost_but_a_sentence(report):
    rules, fig, folder, kept = report
    assert all(b["loss_rate"] == 0 for b in fig["bots"].values())
    assert "losses_by_turn.png" not in kept and not (folder / "losses_by_turn.png").exists()
    page = (folder / "index.html").read_text()
    assert "No bot lost a single game" in page and "losses_by_turn.png" not in page


def _overlaps(legend, ax) -> list:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(legend.figure).get_renderer()
    box = legend.get_window_extent(renderer)
    return [p for p in ax.patches if p.get_width() * p.get_height() != 0
            and box.overlaps(p.get_window_extent(renderer))]


@pytest.mark.parametrize("name", ["outcomes.png", "events.png", "lesson.png"])
def test_legends_never_cover_the_bars(report, name):
    kept = report[3]
    figure = kept[name]
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is not None:
            assert not _overlaps(legend, ax), name


def test_trajectories_show_the_dev_bots_and_metric_titles(report):
    rules, fig, folder, kept = report
    figure = kept["trajectories.png"]
    labels = {text.get_text() for legend in figure.legends for text in legend.get_texts()}
    assert labels == set(fig["bots"]) and any(n.endswith("+dev") for n in labels)
    titles = [ax.get_title() for ax in figure.axes if ax.get_title()]
    specs = rules.scenario.metrics
    assert titles == [specs[m].title or m for m in rules.metrics]
    assert "Team skill" in titles and "skill" not in titles


def test_action_and_event_charts_name_things_by_title(report):
    rules, fig, folder, kept = report
    ticks = [t.get_text() for t in kept["action_usage.png"].axes[0].get_xticklabels()]
    assert ticks == [a.title for a in rules.scenario.actions]
    ticks = [t.get_text() for t in kept["events.png"].axes[0].get_yticklabels()]
    assert ticks == [e.title for e in rules.scenario.events]
