"""Workshop mode end to end: hand out, hand in (bots), tamper, debrief, history."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.session import Decision, Session
from game.terminal import TimedLines, TimeUp
from game.workshop.files import WorkshopError, create, read_workshop, write_workshop
from game.workshop.history import cohorts, import_results
from game.workshop.verify import verify_all

POLICIES = ["adaptive", "balanced", "leadership", "management", "random",
            "adaptive+dev", "balanced+dev", "management+dev"]


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory):
    """A workshop file and eight bot results, made once through the real CLI."""
    folder = tmp_path_factory.mktemp("ws")
    os.environ.setdefault("LEADSIM_HOME", str(folder / "home"))
    day = folder / "day.json"
    assert main(["workshop", "new", "--scenario", "scaleup", "--seed", "42", "--name", "Leadership day",
                 "--out", str(day)]) == 0
    results = []
    for i, policy in enumerate(POLICIES, 1):
        out = folder / f"r{i}.json"
        assert main(["simulate", "--workshop", str(day), "--policy", policy, "--team", f"Team {i}",
                     "--export", str(out)]) == 0
        results.append(out)
    return folder, day, results


def _copy(handed_in, tmp_path):
    folder, day, results = handed_in
    paths = []
    for p in results:
        shutil.copy(p, tmp_path / p.name)
        paths.append(tmp_path / p.name)
    shutil.copy(day, tmp_path / "day.json")
    return tmp_path / "day.json", paths


def test_eight_results_all_verify(handed_in):
    _, day, results = handed_in
    accepted, rejected = verify_all(results, read_workshop(day))
    assert [v.team for v in accepted] == [f"Team {i}" for i in range(1, 9)]
    assert rejected == []
    for v in accepted:
        claimed = json.loads(v.path.read_text())["score"]
        assert abs(claimed - v.session.score()) < 1e-3


def test_a_result_from_before_the_compiled_model_is_ranked_by_its_replay(handed_in, tmp_path):
    """Version-1 results were scored by the old model: their claims are not compared, the replay counts."""
    day, paths = _copy(handed_in, tmp_path)
    data = json.loads(paths[0].read_text())
    data.update(version=1, score=data["score"] + 0.37)  # the old model's score, a little different
    paths[0].write_text(json.dumps(data))
    accepted, rejected = verify_all(paths[:2], read_workshop(day))
    assert rejected == [] and [v.team for v in accepted] == ["Team 1", "Team 2"]
    assert abs(accepted[0].session.score() - (data["score"] - 0.37)) < 1e-3
    data.update(version=2)  # the same claim in a current result file is caught
    paths[0].write_text(json.dumps(data))
    accepted, rejected = verify_all(paths[:1], read_workshop(day))
    assert accepted == [] and "claims a score" in rejected[0].reason


def test_debrief_rejects_exactly_the_edited_and_the_truncated(handed_in, tmp_path, capsys):
    day, paths = _copy(handed_in, tmp_path)
    edited, truncated = paths[4], paths[7]
    data = json.loads(edited.read_text())
    data["score"] += 150
    edited.write_text(json.dumps(data))
    truncated.write_bytes(truncated.read_bytes()[:700])
    out = tmp_path / "debrief"
    code = main(["debrief", *map(str, paths), "--workshop", str(day), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1  # something was rejected
    lines = [ln for ln in err.splitlines() if "rejected" in ln]
    assert len(lines) == 2
    assert "r5.json (team Team 5): rejected: it claims a score of" in err
    assert "replaying its decisions gives" in err
    assert "r8.json: rejected: not a valid result file (broken JSON" in err
    html = (out / "report.html").read_text()
    assert html.count('class="rejected"') == 2
    for i in (1, 2, 3, 4, 6, 7):
        assert f"Team {i}" in html
    # the charts are inline SVG: the page loads nothing (the SVG namespace is a name, not a download)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 3
    assert "http" not in html.replace("http-equiv", "").replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert (out / "metrics.svg").stat().st_size > 10_000 and (out / "mix-1.svg").stat().st_size > 2_000
    rows = list(csv.DictReader((out / "turns.csv").open()))
    assert {r["Team"] for r in rows} == {f"Team {i}" for i in (1, 2, 3, 4, 6, 7)}
    assert {"Morale", "Efficiency", "Budget (k)", "Phase", "Actions"} <= set(rows[0])


def test_leaderboard_is_sorted_by_replayed_score(handed_in, tmp_path):
    _, day, results = handed_in
    out = tmp_path / "d"
    assert main(["debrief", *map(str, results), "--out", str(out)]) == 0
    html = (out / "report.html").read_text()
    accepted, _ = verify_all(results)
    best = max(accepted, key=lambda v: v.session.score())
    worst = min(accepted, key=lambda v: v.session.score())
    board = html[html.index("Leaderboard"):html.index("Each team's game")]
    assert board.index(f">{best.team}") < board.index(f">{worst.team}")


def test_duplicates_team_clashes_and_foreign_results(handed_in, tmp_path):
    day, paths = _copy(handed_in, tmp_path)
    dup = tmp_path / "copy.json"
    shutil.copy(paths[0], dup)
    clash = tmp_path / "clash.json"
    data = json.loads(paths[1].read_text())
    data["team"] = "team 1"  # same name as r1, different case, different game
    clash.write_text(json.dumps(data))
    accepted, rejected = verify_all([paths[0], dup, clash, paths[2]], read_workshop(day))
    assert [v.path for v in accepted] == [paths[2]]  # the clash is for the facilitator to decide
    reasons = {r.path.name: r.reason for r in rejected}
    assert reasons["copy.json"].startswith("an identical copy of") and "counted once" in reasons["copy.json"]
    for name in ("r1.json", "clash.json"):
        assert "handed in by 2 different games" in reasons[name] and "clash.json" in reasons[name]


def test_wrong_seed_hash_or_workshop_are_named(handed_in, tmp_path):
    day, paths = _copy(handed_in, tmp_path)
    for key, value, words in (("seed", 7, "seed 7"), ("scenario_sha256", "0" * 64, "another version of the scenario"),
                              ("workshop", "Other day", "belongs to the workshop")):
        data = json.loads(paths[0].read_text())
        data[key] = value
        p = tmp_path / f"{key}.json"
        p.write_text(json.dumps(data))
        accepted, rejected = verify_all([p], read_workshop(day))
        assert not accepted and words in rejected[0].reason


def test_edited_decision_log_is_caught(handed_in, tmp_path):
    day, paths = _copy(handed_in, tmp_path)
    data = json.loads(paths[0].read_text())
    data["log"][3]["actions"] = ["no_such_action"]
    paths[0].write_text(json.dumps(data))
    _, rejected = verify_all([paths[0]], read_workshop(day))
    assert "does not replay: turn 4" in rejected[0].reason


def test_changed_scenario_is_refused_before_playing(tmp_path, capsys):
    scenario = tmp_path / "mine.yaml"
    shutil.copy(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml", scenario)
    day = tmp_path / "day.json"
    assert main(["workshop", "new", "--scenario", str(scenario), "--seed", "1", "--name", "X",
                 "--out", str(day)]) == 0
    scenario.write_text(scenario.read_text().replace("turns: 12", "turns: 13"))
    data = json.loads(day.read_text())
    del data["scenario_text"]  # a workshop file without its pinned copy (the copy is used: test_scenario_update)
    day.write_text(json.dumps(data))
    code = main(["play", "--workshop", str(day), "--team", "Blue", "--text"])
    assert code == 1
    assert "differs from the one this workshop was made for" in capsys.readouterr().err


def test_workshop_for_a_missing_scenario(tmp_path, capsys):
    day = tmp_path / "day.json"
    ws = create("tutorial", 3, "Gone")
    write_workshop(ws, day)
    data = json.loads(day.read_text())
    data["scenario"] = "not_installed"
    del data["scenario_text"]  # with its pinned copy the workshop would still play
    day.write_text(json.dumps(data))
    assert main(["play", "--workshop", str(day), "--team", "Blue", "--text"]) == 1
    assert "is not available here" in capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["workshop", "new", "--scenario", "tutorial", "--seed", "1", "--name", " ", "--out", "x.json"], "needs a name"),
    (["workshop", "new", "--scenario", "tutorial", "--seed", "1", "--name", "a", "--turn-seconds", "2",
      "--out", "x.json"], "turn-seconds"),
    (["debrief"], "at least one result"),
])
def test_bad_workshop_arguments(tmp_path, capsys, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert words in capsys.readouterr().err


def test_bad_team_names_are_refused():
    from game.workshop.files import check_team

    assert check_team(" Blue team ") == "Blue team"
    for bad in ("", "../../etc", "x" * 41, "<script>"):
        with pytest.raises(WorkshopError):
            check_team(bad)


def test_history_imports_once_and_compares_cohorts(handed_in, tmp_path, capsys):
    _, _, results = handed_in
    accepted, _ = verify_all(results)
    db = tmp_path / "h.sqlite3"
    added, skipped = import_results(accepted, db, include_bots=True)  # bots stand in for the teams here
    assert (added, skipped) == (8, [])
    added, skipped = import_results(accepted, db, include_bots=True)
    assert added == 0 and len(skipped) == 8 and "not imported again" in skipped[0]
    rows = cohorts(db)
    assert len(rows) == 1 and rows[0]["teams"] == 8 and rows[0]["workshop"] == "Leadership day"
    assert set(rows[0]["mix"]) == {"startup", "mature"} and rows[0]["mixed"] == 8


def test_history_through_the_cli(handed_in, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    _, day, results = handed_in
    assert main(["debrief", *map(str, results[:3]), "--import", "--include-bots"]) == 0
    assert main(["debrief", *map(str, results[:3]), "--import", "--include-bots"]) == 0  # again: no duplicates
    capsys.readouterr()
    assert main(["debrief", "--history"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "Leadership day" in line)
    assert "scaleup" in row and "│ 3 " in row


def test_history_gives_the_mix_as_the_report_and_the_end_screen_split_it(handed_in, tmp_path, capsys,
                                                                         monkeypatch):
    """One definition of the mix (review_mix.split_words, development included): the history once gave
    leadership / (leadership + management) per phase, a second one beside the report's and the end screen's."""
    from game.analysis.review_mix import split_words
    from game.views.debrief import phase_mix

    monkeypatch.setenv("COLUMNS", "250")
    accepted, _ = verify_all(handed_in[2])
    assert import_results(accepted, include_bots=True)[0] == 8
    counts: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for v in accepted:
        for pm in phase_mix(v.session):  # what each team's end screen split
            titles[pm.phase] = pm.title
            c = counts.setdefault(pm.phase, [0, 0, 0])
            c[0], c[1], c[2] = c[0] + pm.leadership, c[1] + pm.management, c[2] + pm.development
    assert any(c[2] for c in counts.values())  # development is part of it
    (row,) = cohorts()
    said = {p: split_words(*c) for p, c in counts.items()}
    assert {p: split_words(*c) for p, c in row["mix"].items()} == said
    assert main(["debrief", "--history"]) == 0
    out = capsys.readouterr().out
    # each phase by its title, as the end screens name it (71beb91: a built-in scenario's row)
    assert all(f"{titles[p]}: {words}" in out for p, words in said.items()), out
    assert "leadership share" not in out


def test_timed_lines_time_out_and_read_pipes():
    r, w = os.pipe()
    reader = TimedLines(r)
    os.write(w, b"1 2\npartial")
    assert reader.readline(1.0) == "1 2\n"
    with pytest.raises(TimeUp):
        reader.readline(0.05)
    os.write(w, b" line\n")
    assert reader.readline(1.0) == "partial line\n"
    os.close(w)
    assert reader.readline(1.0) == ""
    os.close(r)


def test_timed_out_decision_is_logged_and_replays(tmp_path):
    from game import saves
    from game.scenario.loader import load
    from game.session import Session

    s = Session(load("scaleup"), 42)
    while s.event is None:
        s.decide(Decision(("empower",)))
    d = s.default_decision()
    assert d.timed_out and d.actions == () and d.choice == s.event.choices[0].id
    s.decide(d)
    saves.save(s, tmp_path / "g.json")
    again = saves.load(tmp_path / "g.json")
    assert again.log[-1].timed_out and again.state.digest() == s.state.digest()


def test_terminal_workshop_game_resumes_where_the_team_left_it(tmp_path, monkeypatch):
    import io
    import sys

    from game import saves
    from game.userdata import autosave_path

    day = tmp_path / "day.json"
    write_workshop(create("tutorial", 3, "Resume day"), day)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1 2\n3 4\n"))  # two turns, then input ends
    assert main(["play", "--workshop", str(day), "--team", "Red", "--text"]) == 0
    assert saves.load(autosave_path()).turn == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["play", "--workshop", str(day), "--team", "Red", "--text"]) == 0
    resumed = saves.load(autosave_path())
    assert resumed.turn == 2 and resumed.meta["team"] == "Red"  # not started over


def test_a_workshop_game_saved_in_a_file_of_its_own_resumes_from_it(tmp_path, monkeypatch):
    """Two games at once: while another Leadsim held the autosave, the team's game went to the saves
    folder. Started again, it resumes from there (looking in the autosave alone started the team over),
    and is saved on in that file, so Load lists the one game once."""
    import io
    import sys

    from game import saves
    from game.scenario.loader import load
    from game.userdata import autosave_path, data_dir

    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    day = tmp_path / "day.json"
    write_workshop(create("tutorial", 3, "Resume day"), day)
    other = saves.SaveSlot(autosave_path(), data_dir() / "saves", shared=True)  # another Leadsim's game
    other.take(Session(load("scaleup"), 5))
    try:
        monkeypatch.setattr(sys, "stdin", io.StringIO("1 2\n3 4\n"))
        assert main(["play", "--workshop", str(day), "--team", "Red", "--text"]) == 0
        (own,) = (data_dir() / "saves").glob("tutorial-*.json")
        assert saves.load(own).turn == 2 and not autosave_path().exists()
    finally:
        other.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO("5 6\n"))
    assert main(["play", "--workshop", str(day), "--team", "Red", "--text"]) == 0
    assert [p.name for p in (data_dir() / "saves").glob("*.json")] == [own.name] and not autosave_path().exists()
    resumed = saves.load(own)
    assert resumed.turn == 3 and resumed.meta["team"] == "Red"  # resumed, not started over
