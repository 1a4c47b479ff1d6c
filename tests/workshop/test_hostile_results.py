"""Hostile result and workshop files (issue 11, points 1, 2, 6 and 7).

A result file comes from a participant and a workshop file from another facilitator: every field is
checked on reading, a bad file is rejected with its reason while every valid result still gets its
report, and the verifier cannot be fooled by settings, renamed copies, squatted names or NaN.
"""

from __future__ import annotations

import copy
import csv
import json
import math
import time
from pathlib import Path

import pytest

from game.cli import main
from game.workshop.files import WorkshopError, create, read_result, read_workshop, write_workshop
from game.workshop.verify import Verified, verify_all


def put(folder: Path, name: str, data) -> Path:
    path = Path(folder) / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def result(tutorial_day, who: str, /, **changes) -> dict:
    data = copy.deepcopy(tutorial_day[2][who])
    data.update(changes)
    return data


def debrief(capsys, *args) -> tuple[int, str, str]:
    code = main(["debrief", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


# --- 1. one hostile result must not break the debrief for everyone ---------------------------------

@pytest.mark.parametrize("field, value, words", [
    ("policy", {"evil": 1}, "'policy'"),
    ("policy", ["adaptive"], "'policy'"),
    ("team", "$\\frac$", "team name"),
    ("team", "$\\frac{a}{b}$", "team name"),
    ("team", "x" * 100_000, "team name"),
])
def test_a_hostile_result_is_rejected_and_the_others_still_get_their_report(tutorial_day, tmp_path, capsys,
                                                                           field, value, words):
    _, day, _ = tutorial_day
    bad = put(tmp_path, "bad.json", result(tutorial_day, "Red", **{field: value}))
    good = put(tmp_path, "good.json", result(tutorial_day, "Blue"))
    out = tmp_path / "report"
    start = time.perf_counter()
    code, _, err = debrief(capsys, bad, good, "--workshop", day, "--out", out)
    assert time.perf_counter() - start < 30
    assert code == 1
    line = next(ln for ln in err.splitlines() if "bad.json" in ln)
    assert "rejected" in line and words in line and len(line) < 400
    page = (out / "report.html").read_text()
    assert "Blue" in page and "1 team played. 1 result file rejected." in page


def test_a_100000_character_team_name_is_refused_on_reading_in_milliseconds(tutorial_day, tmp_path):
    path = put(tmp_path, "long.json", result(tutorial_day, "Red", team="x" * 100_000))
    start = time.perf_counter()
    with pytest.raises(WorkshopError, match="team name"):
        read_result(path)
    assert time.perf_counter() - start < 0.5


def test_team_names_in_results_follow_the_rules_of_team(tutorial_day, tmp_path):
    from game.workshop.files import check_team

    for bad in ("", " ", "x" * 41, "<script>", "[/bold]", "=HYPERLINK(1)", "a\x1b[2J", "Red\nBlue", "../x"):
        with pytest.raises(WorkshopError):
            check_team(bad)
        with pytest.raises(WorkshopError, match="team name"):
            read_result(put(tmp_path, "r.json", result(tutorial_day, "Red", team=bad)))


@pytest.mark.parametrize("field, value", [
    ("workshop", "x" * 1000), ("workshop", ""), ("workshop", 5), ("workshop", "a\x1b]0;owned\x07"),
    ("scenario", 7), ("scenario", "x" * 5000), ("scenario_id", "Not An Id"), ("scenario_id", None),
    ("scenario_sha256", "abc"), ("scenario_sha256", "Z" * 64), ("seed", 2 ** 200), ("seed", 1.5), ("seed", True),
    ("log", "1 2"), ("log", [5]), ("log", [{"actions": "plan"}]), ("log", [{"actions": [5]}]),
    ("log", [{"actions": ["x" * 100]}]), ("log", [{"actions": [], "choice": 5}]),
    ("log", [{"actions": [], "timed_out": "yes"}]), ("log", [{"actions": []}] * 1000),
    ("log", [{"actions": ["plan"] * 1000}]),
    ("score", float("nan")), ("score", float("inf")), ("score", -float("inf")), ("score", 1e300), ("score", "9"),
    ("outcome", "glory"), ("outcome", 1), ("ending", 5), ("ending", "x" * 1000), ("finished", "yes"),
    ("turns", -1), ("turns", 10 ** 9), ("metrics", {"morale": "high"}), ("metrics", {"morale": float("nan")}),
    ("metrics", [1, 2]), ("metrics", {f"m{i}": 1 for i in range(1000)}), ("created", 5), ("created", "x" * 500),
    ("settings", {"difficulty": 5}), ("settings", {"difficulty": "godmode"}), ("settings", {"turn_seconds": 1e308}),
    ("settings", {"turn_seconds": -5}), ("settings", {"turn_seconds": 10 ** 400}), ("settings", {"x": 1}),
    ("policy", "x" * 500), ("policy", "[/bold]"), ("version", 0), ("version", True),
    # a pattern's '$' also matches before a last newline: every id and name is matched whole (fullmatch)
    ("policy", "adaptive\n"), ("scenario_id", "tutorial\n"), ("log", [{"actions": [], "bot": "adaptive\n"}]),
    ("log", [{"actions": ["plan\n"]}]), ("log", [{"actions": [], "choice": "calm\n"}]),
])
def test_every_result_field_is_type_and_length_checked_on_reading(tutorial_day, tmp_path, field, value):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(result(tutorial_day, "Red", **{field: value})), encoding="utf-8")
    with pytest.raises(WorkshopError) as info:
        read_result(path)
    message = str(info.value)
    assert f"'{field}'" in message or field.replace("_", " ") in message, message
    assert "\n" not in message and len(message) < 400 and "\x1b" not in message


def test_the_unchanged_results_still_read(tutorial_day, tmp_path):
    for team in tutorial_day[2]:
        assert read_result(put(tmp_path, "r.json", result(tutorial_day, team)))["team"] == team


def _other_scenario_result(tmp_path) -> Path:
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop.files import result_of

    day = tmp_path / "other.json"
    write_workshop(create("startup", 3, "Other day"), day)
    ws = read_workshop(day)
    session = play_bot(Session(ws.load_scenario(), ws.seed), "balanced")
    return put(tmp_path, "a_other.json", result_of(session, ws, "Violet", "balanced"))


def test_results_of_different_scenarios_are_never_ranked_together(tutorial_day, tmp_path, capsys):
    other = _other_scenario_result(tmp_path)
    mine = [put(tmp_path, f"r{i}.json", result(tutorial_day, t)) for i, t in enumerate(("Red", "Blue"))]
    out = tmp_path / "report"
    code, stdout, err = debrief(capsys, other, *mine, "--out", out)
    assert code == 0, err
    pages = sorted(out.glob("*/report.html"))
    assert len(pages) == 2, stdout
    texts = [p.read_text() for p in pages]
    violet = next(t for t in texts if "Violet" in t)
    ours = next(t for t in texts if "Red" in t)
    assert "Red" not in violet and "Blue" not in violet and "Violet" not in ours
    assert "Other day" in violet and "Hostile day" in ours
    assert "2 separate reports" in stdout or "separate" in stdout
    for page in pages:
        assert (page.parent / "turns.csv").exists() and (page.parent / "metrics.svg").exists()


# --- 2. formula injection into turns.csv ------------------------------------------------------------

def test_csv_cells_that_would_be_formulas_are_neutralised(tutorial_day, tmp_path):
    from game.workshop.report import write_csv
    from game.workshop.verify import verify_one

    path = put(tmp_path, "r.json", result(tutorial_day, "Red"))
    v = verify_one(path, None)
    assert isinstance(v, Verified)
    hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR",
               "-5", "+7", "-0.25", "1e3", "plain"]
    teams = []
    for name in hostile:
        w = Verified(v.path, dict(v.result, team=name), v.session)
        teams.append(w)
    out = tmp_path / "turns.csv"
    write_csv(teams, out)
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    first_cells = [r[0] for r in rows[1:]]
    shown = list(dict.fromkeys(first_cells))
    assert shown == ["'=HYPERLINK(\"http://evil\",\"x\")", "'+1+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A9)", "'\tTAB",
                     "'\rCR", "-5", "+7", "-0.25", "1e3", "plain"]
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only numbers may start like a formula


# --- 6. workshop files are range-checked on reading, with the rules of `workshop new` -------------

def _workshop_json(tutorial_day) -> dict:
    return json.loads(Path(tutorial_day[1]).read_text())


@pytest.mark.parametrize("field, value", [
    ("turn_seconds", 10 ** 400), ("turn_seconds", 1e308), ("turn_seconds", -5), ("turn_seconds", 5),
    ("turn_seconds", 3601), ("turn_seconds", "60"), ("turn_seconds", True), ("turn_seconds", 60.5),
    ("seed", "seven"), ("seed", 2 ** 200), ("seed", 1.0), ("difficulty", 5), ("difficulty", "godmode"),
    ("name", ""), ("name", "x" * 1000), ("name", "day\x1b[2J"), ("name", 5),
    ("scenario", ""), ("scenario", 5), ("scenario", "x" * 5000), ("scenario_id", "Bad Id"),
    ("scenario_sha256", "abc"), ("version", 99), ("version", "1"),
])
def test_every_workshop_field_is_range_checked_on_reading(tutorial_day, tmp_path, field, value):
    data = _workshop_json(tutorial_day)
    data[field] = value
    path = put(tmp_path, "day.json", data)
    with pytest.raises(WorkshopError) as info:
        read_workshop(path)
    message = str(info.value)
    assert field.replace("_", " ") in message or f"'{field}'" in message or "--" + field.replace("_", "-") in message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize("seconds", [10 ** 400, 1e308, -5, 5, 3601, 60.5])
def test_workshop_new_and_reading_a_workshop_file_share_one_rule_for_the_turn_clock(tutorial_day, tmp_path, seconds):
    with pytest.raises(WorkshopError) as made:
        create("tutorial", 7, "Day", turn_seconds=seconds)
    data = _workshop_json(tutorial_day)
    data["turn_seconds"] = seconds
    with pytest.raises(WorkshopError) as read:
        read_workshop(put(tmp_path, "day.json", data))
    assert str(made.value) in str(read.value)


def test_a_workshop_with_a_huge_turn_clock_is_a_one_line_error_for_play(tutorial_day, tmp_path, capsys):
    data = _workshop_json(tutorial_day)
    data["turn_seconds"] = 10 ** 400
    path = put(tmp_path, "day.json", data)
    for argv in (["play", "--workshop", str(path), "--team", "Blue", "--text"],
                 ["simulate", "--workshop", str(path), "--team", "Blue", "--export", str(tmp_path / "r.json")]):
        assert main(argv) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "turn" in err and "Traceback" not in err


def test_a_save_carrying_a_hostile_workshop_clock_is_checked_too(tutorial_day):
    from game.session import Session
    from game.workshop.handin import turn_seconds, workshop_of

    ws = read_workshop(tutorial_day[1])
    session = Session(ws.load_scenario(), ws.seed)
    session.meta = {"team": "Red", "workshop": dict(ws.to_json(), turn_seconds=1e308)}
    with pytest.raises(WorkshopError, match="turn"):
        workshop_of(session)
    with pytest.raises(WorkshopError, match="turn"):
        turn_seconds(session)


# --- 7. verification gaps ----------------------------------------------------------------------------

def test_a_result_played_with_other_settings_than_the_workshop_is_rejected(tutorial_day, tmp_path):
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop.files import result_of

    _, day, _ = tutorial_day
    ws = read_workshop(day)
    guided = play_bot(Session(ws.load_scenario(), ws.seed, "guided"), "adaptive")
    data = result_of(guided, ws, "Easy", "adaptive")
    assert data["settings"]["difficulty"] == "guided"
    accepted, rejected = verify_all([put(tmp_path, "guided.json", data)], ws)
    assert not accepted and "difficulty 'guided'" in rejected[0].reason and "'standard'" in rejected[0].reason
    clocked = result(tutorial_day, "Red", settings={"difficulty": "standard", "turn_seconds": 3600})
    accepted, rejected = verify_all([put(tmp_path, "clock.json", clocked)], ws)
    assert not accepted and "turn clock" in rejected[0].reason


def test_the_same_game_under_two_team_names_is_a_duplicate_naming_both(tutorial_day, tmp_path):
    _, day, _ = tutorial_day
    # people's files (no bot's name): the same bot at two tables plays one game twice, and that counts twice
    real = put(tmp_path, "red.json", result(tutorial_day, "Red", policy=None))
    copy_ = put(tmp_path, "impostor.json", result(tutorial_day, "Red", team="Impostor", policy=None))
    blue = put(tmp_path, "blue.json", result(tutorial_day, "Blue"))
    accepted, rejected = verify_all([real, copy_, blue], read_workshop(day))
    assert [v.team for v in accepted] == ["Blue"]
    reasons = {r.path.name: r.reason for r in rejected}
    assert set(reasons) == {"red.json", "impostor.json"}
    for reason in reasons.values():
        assert "red.json" in reason and "impostor.json" in reason and "same game" in reason


def test_games_the_server_played_itself_count_even_when_they_are_the_same(tutorial_day, tmp_path, capsys):
    """A browser room on one seed: two absent tables whose every turn ran out play the same game. The
    server played both, so both count; only a handed-in copy of such a game is held back."""
    _, day, _ = tutorial_day
    red = put(tmp_path, "server-01-red.json", result(tutorial_day, "Red", policy=None))
    gold = put(tmp_path, "server-02-gold.json", result(tutorial_day, "Red", team="Gold", policy=None))
    upload = put(tmp_path, "upload-01-impostor.json", result(tutorial_day, "Red", team="Impostor", policy=None))
    accepted, rejected = verify_all([red, gold], read_workshop(day), served=[red, gold])
    assert {v.team for v in accepted} == {"Red", "Gold"} and not rejected
    accepted, rejected = verify_all([red, gold, upload], read_workshop(day), served=[red, gold])
    assert {v.team for v in accepted} == {"Red", "Gold"}
    assert [r.path.name for r in rejected] == ["upload-01-impostor.json"] and "same game" in rejected[0].reason
    code, out, err = debrief(capsys, red, gold, "--workshop", day, "--out", tmp_path / "out",
                             "--served", red, "--served", gold)
    assert code == 0 and (tmp_path / "out" / "report.html").exists()


def test_a_name_clash_shows_both_files_instead_of_first_come_wins(tutorial_day, tmp_path, capsys):
    _, day, _ = tutorial_day
    squatter = put(tmp_path, "a_squatter.json", result(tutorial_day, "Gold", team="red"))  # listed first
    real = put(tmp_path, "red.json", result(tutorial_day, "Red"))
    blue = put(tmp_path, "blue.json", result(tutorial_day, "Blue"))
    accepted, rejected = verify_all([squatter, real, blue], read_workshop(day))
    assert [v.team for v in accepted] == ["Blue"]
    assert {r.path.name for r in rejected} == {"a_squatter.json", "red.json"}
    for r in rejected:
        assert "a_squatter.json" in r.reason and "red.json" in r.reason and "decide" in r.reason
    code, _, err = debrief(capsys, squatter, real, blue, "--workshop", day, "--out", tmp_path / "out")
    assert code == 1 and err.count("a_squatter.json") >= 2
    # the facilitator decides: the real file alone verifies
    accepted, rejected = verify_all([real, blue], read_workshop(day))
    assert {v.team for v in accepted} == {"Red", "Blue"} and not rejected


def test_an_identical_copy_of_one_file_is_still_counted_once(tutorial_day, tmp_path):
    _, day, _ = tutorial_day
    a = put(tmp_path, "a.json", result(tutorial_day, "Red"))
    b = put(tmp_path, "b.json", result(tutorial_day, "Red"))
    accepted, rejected = verify_all([a, b], read_workshop(day))
    assert [v.path.name for v in accepted] == ["a.json"]
    assert rejected[0].path.name == "b.json" and "copy of" in rejected[0].reason and "a.json" in rejected[0].reason


@pytest.mark.parametrize("score", [float("nan"), float("inf")])
def test_a_claimed_score_of_nan_or_infinity_is_rejected(tutorial_day, tmp_path, score):
    _, day, _ = tutorial_day
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(result(tutorial_day, "Red", score=score)))  # json writes NaN / Infinity
    assert not math.isfinite(json.loads(path.read_text())["score"])
    accepted, rejected = verify_all([path], read_workshop(day))
    assert not accepted and "score" in rejected[0].reason
