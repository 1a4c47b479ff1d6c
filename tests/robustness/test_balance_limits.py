"""`leadsim balance` on the worst valid scenario finishes in minutes, and its progress bar counts work
(issue 11, point 11). The times are in benchmarks/balance_limits.py; these tests check the rules that
keep them: the default runs shrink with the scenario's size, the built-ins keep theirs, the bar adds up."""

from __future__ import annotations

import pytest

from game.commands import balance as cmd
from game.scenario.loader import builtin_names, load, load_text_bytes
from game.scenario.schema import LIMITS

from robustness.worstcase import worst_text


@pytest.fixture(scope="module")
def worst():
    sc = load_text_bytes(worst_text(), "limits.yaml").scenario
    assert (sc.turns, len(sc.metrics), len(sc.actions), len(sc.events), len(sc.crises), len(sc.phases),
            len(sc.endings)) == tuple(LIMITS[k] for k in ("turns", "metrics", "actions", "events", "crises",
                                                         "phases", "endings"))
    return sc


def work(sc, runs: int | None = None) -> float:
    """Turn-equivalents `balance` plays by default: 9 bots and the one-action bots."""
    runs = runs or cmd.default_runs(sc)
    return cmd.game_work(sc) * (9 * runs + len(sc.actions) * cmd.one_action_runs(sc, runs))


def test_built_in_scenarios_keep_ten_thousand_runs_and_two_thousand_per_action():
    for name in builtin_names():
        sc = load(name).scenario
        assert cmd.default_runs(sc) == 10_000 and cmd.one_action_runs(sc, 10_000) == 2000, name


def test_the_worst_valid_scenario_costs_at_most_four_times_the_largest_built_in(worst):
    """Counting every game as a greedy bot's: the worst case is at most 4x the largest built-in (measured: about
    1.3x, under two minutes on the shared 2-core machine; it was 15 minutes), see benchmarks/balance_limits.py."""
    reference = max(work(load(name).scenario) for name in builtin_names())
    assert work(worst) <= 4 * reference
    assert work(worst, 10_000) > 10 * reference  # what the old default would have played
    assert cmd.default_runs(worst) >= cmd.MIN_RUNS and cmd.one_action_runs(worst, 1000) >= 300


def test_runs_given_on_the_command_line_are_played(worst):
    assert cmd.one_action_runs(worst, 50) == 50
    assert cmd.one_action_runs(load("tutorial").scenario, 200) == 200


def test_the_progress_bar_ends_at_its_total(monkeypatch, capsys):
    """The bar counts work (a greedy bot's game weighs more than a random one's) and adds up to its total."""
    import rich.progress

    seen = {}

    class Recorder(rich.progress.Progress):
        def add_task(self, description, total=None, **kw):
            seen["total"], seen["done"] = total, 0.0
            return super().add_task(description, total=total, **kw)

        def update(self, task_id, advance=None, **kw):
            seen["done"] += advance or 0
            return super().update(task_id, advance=advance, **kw)

    monkeypatch.setattr(rich.progress, "Progress", Recorder)
    monkeypatch.setattr(cmd, "_costs", lambda rules, names, seed: lambda label: 2.5 if label == "adaptive" else 1)
    from game.cli import main

    assert main(["balance", "tutorial", "--runs", "60", "--policies", "random", "adaptive"]) == 0
    strong = 4  # the expert and its three restricted searches play too (cost 1 each here)
    assert seen["total"] == pytest.approx(60 * (3.5 + strong) + 60 * len(load("tutorial").scenario.actions))
    assert seen["done"] == pytest.approx(seen["total"])
    assert "This scenario is large" not in capsys.readouterr().out


class _Stop(Exception):
    pass


@pytest.mark.parametrize("extra, strong", [([], False), (["--expert"], True), (["--no-expert"], False)])
def test_strong_play_is_skipped_on_a_large_scenario_unless_asked(tmp_path, monkeypatch, capsys, extra, strong):
    """The expert searches took about 20 minutes each at the limits (four of them): they wait for --expert."""
    import game.analysis.balance as analysis
    from game.cli import main

    path = tmp_path / "limits.yaml"
    path.write_bytes(worst_text())
    seen = {}

    def analyze(rules, runs, seed, names, **kw):
        seen.update(runs=runs, **kw)
        raise _Stop

    monkeypatch.setattr(analysis, "analyze", analyze)
    monkeypatch.setattr(cmd, "_costs", lambda rules, names, seed: lambda label: 1.0)
    with pytest.raises(_Stop):
        main(["balance", str(path), *extra])
    assert seen["strong"] is strong and seen["runs"] == 1000 and seen["one_action_runs"] == 300
    out = capsys.readouterr().out
    assert "This scenario is large" in out
    assert ("Strong play (the expert and the restricted bests) is skipped" in out) == (not extra)
