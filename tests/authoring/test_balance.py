import json

import numpy as np

from game.analysis.balance import analyze, public
from game.model.rules import compile_rules
from game.scenario.loader import load

from .conftest import run_cli


def test_analyze_figures_and_lesson_on_scaleup():
    rules = compile_rules(load("scaleup").scenario)
    calls = []
    fig = analyze(rules, runs=300, seed=3, policies=["random", "leadership", "management", "balanced", "adaptive"],
                  progress=lambda label, n: calls.append((label, n)), chunk=128, one_action_runs=100)
    assert sum(n for label, n in calls if label == "adaptive") == 300
    b = fig["bots"]["adaptive"]
    assert 0 <= b["win_rate"] <= 1 and set(b["score_percentiles"]) == {"p5", "p25", "p50", "p75", "p95"}
    traj = b["trajectory"]["morale"]
    assert len(traj["mean"]) == rules.turns + 1 and traj["mean"][0] == rules.start[rules.metric("morale")]
    assert sum(e["rate"] for e in b["endings"].values()) == 1.0
    f = fig["findings"]
    assert f["teaches"], f
    assert {c["check"] for c in f["lesson_checks"]} >= {
        "adaptive scores more than leadership", "management pays more than leadership in phase 'mature'"}
    json.dumps(public(fig))  # all figures are JSON-ready


def test_chunking_does_not_change_the_figures():
    rules = compile_rules(load("tutorial").scenario)
    a = public(analyze(rules, 200, 5, ["adaptive"], chunk=200, one_action_runs=20))
    b = public(analyze(rules, 200, 5, ["adaptive"], chunk=33, one_action_runs=20))
    assert a["bots"]["adaptive"]["score_mean"] == b["bots"]["adaptive"]["score_mean"]
    np.testing.assert_allclose(a["bots"]["adaptive"]["trajectory"]["morale"]["mean"],
                               b["bots"]["adaptive"]["trajectory"]["morale"]["mean"])


def test_flags_never_firing_event_and_dominant_strategy(tmp_path):
    text = load("startup").text.replace("probability:", "probability: 0 #", 1)
    # make pure leadership win easily, so it dominates
    win = 'when: "morale >= 67 and efficiency >= 64 and budget >= 9 and process >= 24"'
    chaos = 'when: "process < 16 and efficiency < 52"'
    assert win in text and chaos in text and 'start: "process < 22"' in text and 'when: "budget <= 0"' in text
    text = text.replace(win, 'when: "morale >= 50"').replace(chaos, 'when: "false"')
    text = text.replace('start: "process < 22"', 'start: "process < 0"').replace('when: "budget <= 0"', 'when: "false"')
    f = tmp_path / "s.yaml"
    f.write_text(text)
    rules = compile_rules(load(str(f)).scenario)
    fig = analyze(rules, 200, 1, ["leadership", "management", "adaptive", "balanced"], one_action_runs=50)
    first = rules.events[0]
    assert first in fig["findings"]["never_fired"]
    assert any("leadership" in d["strategy"] for d in fig["findings"]["dominant"])
    assert not fig["findings"]["teaches"]


def test_balance_command_with_report(tmp_path):
    out_dir = tmp_path / "rep"
    code, out, err = run_cli("balance", "tutorial", "--runs", "200", "--policies", "adaptive", "management",
                             "--report", str(out_dir))
    assert code == 0, err
    assert "adaptive" in out and "management" in out
    for name in ("index.html", "balance.json", "outcomes.svg", "trajectories.svg", "action_usage.svg"):
        assert (out_dir / name).is_file(), name
    data = json.loads((out_dir / "balance.json").read_text())
    assert set(data["bots"]) == {"adaptive", "management", "expert", "expert-no-management",
                                 "expert-no-leadership", "expert-no-development"}
    strong = data["strong"]
    assert strong["teaches"] in (True, False) and data["findings"]["judged_by"] == "strong play"
    assert {c["check"] for c in strong["checks"]} >= {"the best mix beats the best play with no management",
                                                      "the best mix beats the best play with no leadership"}
    assert set(strong["routine"]["actions"]) <= set(data["actions"])
    assert "skill_vs_luck" not in strong  # needs the random bot, which was not asked for
    assert set(data["bots"]["expert"]["mix_by_phase"]) == {"startup", "mature"}
    page = (out_dir / "index.html").read_text()
    assert '<figure id="trajectories.svg">' in page and "<svg" in page and "Strong play" in page
    assert "Strong play" in out and "best fixed routine" in out.lower()
    code, out, err = run_cli("balance", "tutorial", "--runs", "100", "--policies", "adaptive", "--no-expert",
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data["bots"]) == {"adaptive"} and data["findings"]["judged_by"] == "heuristic bots"


def test_balance_bad_input(tmp_path):
    for argv, needle in [(("balance", "nosuch"), "no built-in scenario"),
                         (("balance", "tutorial", "--policies", "bogus"), "unknown policy"),
                         (("balance", "tutorial", "--runs", "0"), "runs must be"),
                         (("balance", str(tmp_path / "missing.yaml")), "file not found")]:
        code, out, err = run_cli(*argv)
        assert code != 0 and needle in err and "Traceback" not in err, (argv, err)
    (tmp_path / "file").write_text("x")
    code, out, err = run_cli("balance", "tutorial", "--runs", "5", "--report", str(tmp_path / "file"))
    assert code == 2 and "name a folder" in err


def _dear_courses(scenario):
    """The scenario with development that costs a lot and brings next to nothing."""
    dev = [a.model_copy(update={"cost": a.cost.model_copy(update={"budget": 25.0}),
                                "effects": {m: 0.5 for m in a.effects}, "delayed": []})
           if a.category == "development" else a for a in scenario.actions]
    return scenario.model_copy(update={"actions": dev})


def test_development_is_checked_against_each_bots_twin_and_warned_about_when_it_does_not_pay():
    def dev_checks(scenario):
        fig = analyze(compile_rules(scenario), runs=400, seed=5,
                      policies=["leadership", "management", "adaptive", "adaptive+dev"], one_action_runs=50)
        return fig["findings"]

    pays = dev_checks(load("scaleup").scenario)  # 30 turns: courses earn themselves back
    assert pays["development_checks"] == [c for c in pays["development_checks"] if c["ok"]]
    assert [c["check"] for c in pays["development_checks"]] == ["adaptive+dev scores more than adaptive"]
    assert not any("developing skills" in w for w in pays["warnings"])
    # Courses that cost more than they bring: the bot that invests only when it pays never does, so its
    # score is its plain twin's, and that is no gain either.
    dear = dev_checks(_dear_courses(load("scaleup").scenario))
    assert not dear["development_checks"][0]["ok"]
    assert any("developing skills does not pay off for the adaptive bot" in w for w in dear["warnings"])
