"""The `leadsim` command line and terminal play as a user meets them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import load
from game.session import Decision, Session

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- list ----------------------------------------------------------------------------

def test_list_shows_builtin_scenarios_with_titles(capsys):
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    for name in ("startup", "mature", "scaleup"):
        assert name in out
        assert load(name).scenario.title.split(":")[0] in out


# --- validate ------------------------------------------------------------------------

def test_validate_valid_file(capsys):
    code, out, err = run(capsys, "validate", str(DATA / "valid.yaml"))
    assert code == 0
    assert out.startswith(f"{DATA / 'valid.yaml'}: ok (Tiny, 5 turns, 2 actions, 1 events)")
    assert err == ""


def test_validate_builtins_by_name(capsys):
    code, out, err = run(capsys, "validate", "startup", "mature", "scaleup")
    assert code == 0
    assert out.count(": ok (") == 3


LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def test_validate_broken_file_reports_file_line_col(capsys):
    code, out, err = run(capsys, "validate", str(BROKEN / "bad_expression.yaml"))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    match = LINE.match(lines[0])
    assert match and match["file"] == str(BROKEN / "bad_expression.yaml")
    assert (match["line"], match["col"]) == ("24", "26")
    assert "unknown name 'moral'; did you mean 'morale'?" in match["msg"]


def test_validate_several_files_reports_each(capsys):
    files = [DATA / "valid.yaml", BROKEN / "three_schema_errors.yaml", BROKEN / "duplicate_ids.yaml",
             BROKEN / "no_such.yaml"]
    code, out, err = run(capsys, "validate", *map(str, files))
    assert code == 1
    assert out.count(": ok (") == 1
    lines = err.splitlines()
    located = [LINE.match(line) for line in lines]
    by_file: dict[str, int] = {}
    for m in located:
        if m:
            by_file[m["file"]] = by_file.get(m["file"], 0) + 1
    assert by_file == {str(BROKEN / "three_schema_errors.yaml"): 3, str(BROKEN / "duplicate_ids.yaml"): 1}
    assert f"{BROKEN / 'no_such.yaml'}: file not found; check the path" in lines
    assert lines[-1] == "1 of 4 files valid"
    assert "Traceback" not in err


# --- simulate ---------------------------------------------------------------------------

def test_simulate_one_game_json(capsys):
    code, out, err = run(capsys, "simulate", "startup", "--policy", "adaptive", "--seed", "4", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("scenario", "policy", "seed", "score", "outcome", "turns", "metrics"):
        assert key in data, key
    assert data["scenario"] == "startup" and data["policy"] == "adaptive" and data["seed"] == 4
    assert isinstance(data["score"], float)
    assert data["outcome"] in ("win", "loss", "neutral")
    assert 1 <= data["turns"] <= 24
    assert {"morale", "efficiency", "budget"} <= set(data["metrics"])


def test_simulate_many_games_json(capsys):
    code, out, err = run(capsys, "simulate", "scaleup", "--policy", "balanced", "--seed", "2", "--runs", "200",
                         "--json")
    assert code == 0
    data = json.loads(out)
    assert data["runs"] == 200
    for key in ("score_mean", "score_std", "score_percentiles", "win_rate", "outcomes"):
        assert key in data, key
    pct = data["score_percentiles"]
    assert pct["p5"] <= pct["p25"] <= pct["p50"] <= pct["p75"] <= pct["p95"]
    assert 0 <= data["win_rate"] <= 1
    assert sum(data["outcomes"].values()) == pytest.approx(1.0, abs=1e-3)
    assert data["score_std"] > 0


@pytest.mark.parametrize("extra", [[], ["--runs", "500"]])
def test_simulate_json_is_byte_identical_across_runs(capsys, extra):
    argv = ["simulate", "scaleup", "--policy", "random", "--seed", "13", "--json", *extra]
    first = run(capsys, *argv)
    second = run(capsys, *argv)
    assert first[0] == 0 and first == second
    other = run(capsys, *argv[:5], "14", *argv[6:])
    assert other[1] != first[1]  # another seed, another result


def test_simulate_table_output(capsys):
    code, out, _ = run(capsys, "simulate", "mature", "--policy", "management", "--seed", "1", "--runs", "20")
    assert code == 0 and "mean score" in out


def test_simulate_a_scenario_file(capsys):
    code, out, _ = run(capsys, "simulate", str(DATA / "valid.yaml"), "--json")
    assert code == 0 and json.loads(out)["scenario"] == "tiny"


def one_line_error(code, out, err):
    assert code != 0
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_simulate_unknown_scenario(capsys):
    msg = one_line_error(*run(capsys, "simulate", "startp", "--json"))
    assert "no built-in scenario or file called 'startp'; did you mean 'startup'?" in msg


def test_simulate_unknown_policy(capsys):
    msg = one_line_error(*run(capsys, "simulate", "startup", "--policy", "boss"))
    assert "unknown policy 'boss'; choose from random, leadership" in msg


def test_a_typo_in_a_policy_or_a_command_is_answered_with_the_near_name(capsys):
    """A fresh player typed 'plya' and got a list of every command and no hint; the scenario-name
    typo already said 'did you mean'."""
    assert "did you mean 'balanced'? choose from" in one_line_error(
        *run(capsys, "simulate", "startup", "--policy", "balancd"))
    with pytest.raises(SystemExit) as info:
        main(["plya", "startup"])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "invalid choice: 'plya'" in err and "did you mean 'play'?" in err and len(err.splitlines()) == 1


def test_a_built_in_scenario_is_found_whatever_its_case(capsys):
    """'Tutorial', as the picker and `leadsim list` write its title, was refused."""
    code, out, err = run(capsys, "simulate", "Tutorial", "--json")
    assert code == 0 and json.loads(out)["ending"]


def test_simulate_bad_runs(capsys):
    with pytest.raises(SystemExit) as info:
        main(["simulate", "startup", "--runs", "0"])
    assert info.value.code == 2
    assert "runs must be between 1 and" in capsys.readouterr().err


def test_play_unknown_scenario(capsys):
    msg = one_line_error(*run(capsys, "play", "nowhere", "--text"))
    assert "no built-in scenario or file called 'nowhere'" in msg


def test_play_damaged_save(capsys, tmp_path):
    bad = tmp_path / "save.json"
    bad.write_text('{"format": "something-else"}')
    msg = one_line_error(*run(capsys, "play", "--load", str(bad), "--text"))
    assert msg == f"leadsim: {bad} is not a Leadsim save file"


# --- terminal play through a pipe -------------------------------------------------------------

def leadsim(args: list[str], lines: list[str], home: Path, timeout: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), LEADSIM_HOME=str(home), COLUMNS="250", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "game", *args], input="".join(f"{x}\n" for x in lines),
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout)


def script_for(scenario: str, seed: int, turns: int | None = None) -> tuple[list[str], Session]:
    """Input lines for a whole game: 'a' for every event, then up to three affordable legal actions."""
    s = Session(load(scenario), seed)
    lines: list[str] = []
    while not s.done and (turns is None or s.turn < turns):
        choice = None
        if s.event is not None:
            lines.append("a")
            choice = s.event.choices[0].id
        picked: list[str] = []
        for i, a in enumerate(s.scenario.actions):
            if s.legal()[a.id] and len(picked) < s.rules.action_points:
                try:
                    s.check(Decision(tuple(picked) + (a.id,), choice))
                except Exception:
                    continue
                picked.append(a.id)
        ids = [a.id for a in s.scenario.actions]
        lines.append(" ".join(str(ids.index(a) + 1) for a in picked))
        s.decide(Decision(tuple(picked), choice))
    return lines, s


def test_play_a_whole_game_through_a_pipe(tmp_path):
    lines, expected = script_for("startup", 3)
    assert expected.done
    proc = leadsim(["play", "startup", "--seed", "3", "--text"], lines, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    out = proc.stdout
    assert "Game over" in out
    assert expected.ending.title in out
    assert f"Score: {expected.score():.1f}" in out
    assert f"Turn {expected.turn} report" in out
    assert "Your leadership / management mix per phase" in out
    # the report names hidden drivers an action moved, as the window's does
    assert "Also moved drivers you cannot see (the debrief shows them):" in out


def test_invalid_input_is_asked_again(tmp_path):
    lines, expected = script_for("startup", 3, turns=5)
    assert "a" in lines, "seed 3 should bring an event in the first turns"
    noisy: list[str] = []
    for line in lines:
        if line == "a":
            noisy += ["z", "", "a"]
        else:
            noisy += ["99", "1 1", "w", line]
    proc = leadsim(["play", "startup", "--seed", "3", "--text"], noisy, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Please type one letter from a to" in out
    assert "'99' is not an action key; use the keys in the table: 1 to 9, 0, Z X C V B" in out
    assert "is chosen twice" in out
    assert "'w' is not an action key" in out
    assert out.count("report: what changed and why") == 5  # every turn was still played, once


def test_end_of_input_saves_and_load_continues(tmp_path):
    lines, whole = script_for("startup", 3)
    home = tmp_path / "home"
    proc = leadsim(["play", "startup", "--seed", "3", "--text"], lines[:4], home)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    save = home / "autosave.json"
    assert save.is_file()
    said = " ".join(proc.stdout.split())  # the line names the path twice: it wraps when tmp_path is long
    assert "Input ended." in said and "Your game is saved" in said and "leadsim play --load FILE --text" in said
    assert f"\n{save}\n" in proc.stdout  # the path on a line of its own, whole
    saved_turn = json.loads(save.read_text())["turn"]
    assert saved_turn >= 1

    # the rest of the script, from the first line belonging to the saved turn onwards
    replay, _ = script_for("startup", 3, turns=saved_turn)
    rest = lines[len(replay):]
    proc = leadsim(["play", "--load", str(save), "--text"], rest, home)
    assert proc.returncode == 0, proc.stderr
    assert f"Continuing at turn {saved_turn + 1}" in proc.stdout
    assert "Game over" in proc.stdout
    assert f"Score: {whole.score():.1f}" in proc.stdout
    from game import saves

    # finished, the game left the shared autosave for a file of its own, the one the end names for review
    (finished,) = (home / "saves").glob("startup-seed3-*.json")
    assert not save.exists() and f"\n{finished}\n" in proc.stdout
    assert saves.load(finished).state.digest() == whole.state.digest()


def test_quit_command_saves(tmp_path):
    lines, _ = script_for("startup", 3, turns=1)
    proc = leadsim(["play", "startup", "--seed", "3", "--text", "--save", str(tmp_path / "mine.json")],
                   lines + ["q"], tmp_path)
    assert proc.returncode == 0
    assert "You left the game." in proc.stdout
    assert (tmp_path / "mine.json").is_file()


def test_play_scaleup_shows_the_phase_change_and_a_loss(tmp_path):
    lines, expected = script_for("scaleup", 5)
    assert expected.done and expected.ending.kind == "loss" and expected.turn < 30
    proc = leadsim(["play", "scaleup", "--seed", "5", "--text"], lines, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "A new phase begins: Mature company" in out
    assert out.index("A new phase begins") < out.index("Game over")
    assert expected.ending.title in out and f"after {expected.turn} turns" in out
    assert f"Score: {expected.score():.1f}" in out


def test_negative_seeds_are_seeds_too(capsys):
    assert main(["simulate", "startup", "--seed", "-5", "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["simulate", "startup", "--seed", "-5", "--json"]) == 0
    assert capsys.readouterr().out == first and '"seed": -5' in first


@pytest.mark.parametrize("argv", [["simulate", "startup", "--runs", "0"], ["workshop", "neu"],
                                  ["play", "--difficulty", "hard"], ["validate"]])
def test_argument_errors_are_one_line(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("leadsim: error: ") and "--help)" in err[0]
